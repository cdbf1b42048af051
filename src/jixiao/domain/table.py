"""The canonical performance table (绩效表) of every kind, and its parts.

A `Table` is one table found in a published document: a department target table (部门整体绩效目标表),
a project target table (项目支出绩效目标表), a self-evaluation (绩效自评表) or a monitoring table
(绩效运行监控表). Immutable pydantic models whose JSON has the shape of the gold files, plus typed
extras: parsed target values, framework codes and provenance (`sources`: field name → Source) so every
value can be traced to the cell it was read from.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    computed_field,
    model_serializer,
)

from . import framework
from .bounds import Count, Wan, Yuan
from .problem import Problem
from .source import Source

Sources = dict[str, Source]


class Model(BaseModel):
    """Base for domain objects: immutable; unknown keys (e.g. computed extras in JSON) are ignored; every
    number finite (amounts and counts have their bounds too, `bounds`)."""

    model_config = ConfigDict(frozen=True, extra="ignore", ignored_types=(cached_property,), allow_inf_nan=False)


class Department(Model):
    name: str | None = None  # 部门名称
    funded_staff: Count | None = None  # 财政供养人员数
    subordinate_units: Count | None = None  # 下属二级单位数
    sources: Sources = Field(default_factory=dict)


class Development(Model):
    """事业发展性支出 = 财政专项资金 + 其他事业发展性支出."""

    special_fund: Wan | None = None  # 财政专项资金
    other: Wan | None = None  # 其他事业发展性支出


class Expenditure(Model):
    basic: Wan | None = None  # 基本支出
    project: Wan | None = None  # 项目支出
    development: Development = Field(default_factory=Development)  # 事业发展性支出


class Income(Model):
    fiscal_appropriation: Wan | None = None  # 财政拨款
    other: Wan | None = None  # 其他资金


class ByLevel(Model):
    city_level: Wan | None = None  # 市本级使用资金
    transfer_to_lower: Wan | None = None  # 拟用于对下转移支付资金


class Budget(Model):
    """预算整体情况, amounts in 万元. `sources` keys are dotted paths such as 'expenditure.basic'."""

    unit: str = "万元"
    expenditure: Expenditure = Field(default_factory=Expenditure)
    income: Income = Field(default_factory=Income)
    by_level: ByLevel = Field(default_factory=ByLevel)
    sources: Sources = Field(default_factory=dict)

    def expenditure_parts(self) -> dict[str, float | None]:
        e = self.expenditure
        return {
            "expenditure.basic": e.basic,
            "expenditure.project": e.project,
            "expenditure.development.special_fund": e.development.special_fund,
            "expenditure.development.other": e.development.other,
        }

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def expenditure_total(self) -> float | None:
        """Sum of the filled expenditure parts (万元), None when none is filled."""
        return _sum(self.expenditure_parts().values())

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def income_total(self) -> float | None:
        return _sum([self.income.fiscal_appropriation, self.income.other])

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def by_level_total(self) -> float | None:
        return _sum([self.by_level.city_level, self.by_level.transfer_to_lower])


def _sum(values) -> float | None:
    filled = [v for v in values if v is not None]
    return round(sum(filled), 2) if filled else None


class KeyTask(Model):
    """年度重点工作任务: name, 主要实施内容, 期望达到的目标 (or 目标内容), 拟投入的资金 in 元."""

    name: str
    content: str | None = None
    goal: str | None = None
    funds_yuan: float | None = None
    sources: Sources = Field(default_factory=dict)


class OtherTask(Model):
    """其他需完成的任务."""

    name: str
    content: str | None = None
    funds_yuan: float | None = None
    sources: Sources = Field(default_factory=dict)


class Indicator(Model):
    """A level-3 indicator (三级指标) with every column published forms print.

    Target tables give a period (实施周期/中长期) and an annual (年度) value; where printed, the split
    指标性质 (`op`: =, ≥, ≤, 定性), 度量单位, 权重/分值, 指标方向, 指标解释, 评(扣)分标准, 核心 (★) and 备注.
    Self-evaluation rows give target, actual, weight, score and the reason for a deviation; monitoring
    rows the progress to date (`actual`: 1-7月/半年度执行情况), the forecast and the likelihood of meeting
    the target. Columns a form does not print stay None.
    """

    level1: str | None = None  # 一级指标, as printed
    level2: str | None = None  # 二级指标, as printed
    name: str  # 三级指标
    period_value: str | None = None  # 实施周期指标值 / 中长期指标值
    annual_value: str | None = None  # 年度指标值 / 目标值
    op: str | None = None  # 指标性质 as printed (=, ≥, ≤, 定性)
    value_type: str | None = None  # 指标值类型 as printed (定量/定性)
    unit: str | None = None  # 度量单位
    weight: float | None = None  # 权重 / 分值
    direction: str | None = None  # 指标方向 (正向/反向)
    explanation: str | None = None  # 指标解释 / 指标说明
    scoring_rule: str | None = None  # 评（扣）分标准
    core: bool | None = None  # 核心指标 (★)
    remark: str | None = None  # 备注
    target: str | None = None  # 自评: 年度指标值 (target as printed)
    actual: str | None = None  # 自评: 实际完成值
    score: float | None = None  # 自评: 得分
    reason: str | None = None  # 自评: 偏差原因分析及改进措施
    forecast: str | None = None  # 监控: 全年预计完成值
    likelihood: str | None = None  # 监控: 完成目标可能性 (确定能 / 有可能 / 不可能)
    single_value_slot_ambiguous: bool = False  # the row had one value for two slots
    confidence: float = 1.0  # how sure the reader is of this row (0–1), see ingest/confidence.py
    needs_review: bool = False  # 需人工复核: the reader is not sure; `review_reasons` says why
    review_reasons: list[str] = Field(default_factory=list)
    sources: Sources = Field(default_factory=dict)

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def level1_code(self) -> str | None:
        return framework.level1_code(self.level1)

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def level2_code(self) -> str | None:
        return framework.level2_code(self.level2, self.level1)

    @cached_property
    def period(self):
        """The parsed period value (a TargetValue), or None when the cell is empty."""
        return _parse(self.period_value, self.level1, self.level2)

    @cached_property
    def annual(self):
        """The parsed annual value (a TargetValue), or None when the cell is empty."""
        return _parse(self.annual_value, self.level1, self.level2)

    @cached_property
    def target_value(self):
        """The parsed value an assessment judges against: a self-evaluation's printed target, else the
        annual value, else the period value."""
        if self.target is not None and self.target.strip():
            return _parse(self.target, self.level1, self.level2)
        return self.annual if self.annual is not None else self.period

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def typed(self) -> dict[str, Any]:
        """Parsed forms of both values, for machines (kind, direction, normalized quantity)."""
        return {
            "period": self.period.model_dump(mode="json") if self.period is not None else None,
            "annual": self.annual.model_dump(mode="json") if self.annual is not None else None,
        }


def _parse(text: str | None, level1: str | None, level2: str | None):
    if text is None or not text.strip():
        return None
    from .values import parse_value  # values imports units (pint): load on first use

    return parse_value(text, level1=level1, level2=level2)


class EmptyGroup(Model):
    """A level-2 group declared in the table with no indicators under it."""

    level1: str | None = None
    level2: str
    source: Source | None = None


class Amount(Model):
    """An amount as printed (`text`) and in 元 (`yuan`, None when the text is not a number)."""

    text: str | None = None
    yuan: Yuan | None = None


class FundLine(Model):
    """总额 = 财政拨款 + 其他资金, for one period."""

    total: Amount = Field(default_factory=Amount)  # 资金总额
    fiscal: Amount = Field(default_factory=Amount)  # 财政拨款 / 财政资金
    other: Amount = Field(default_factory=Amount)  # 其他资金


class Funds(Model):
    """项目资金: the medium-term (中期/项目总金额) and annual (年度) amounts, with the unit printed."""

    unit: str | None = None  # 万元 / 元 as the form labels them
    mid_term: FundLine = Field(default_factory=FundLine)
    annual: FundLine = Field(default_factory=FundLine)


class Project(Model):
    """The facts of a project target table (项目基本信息). `extra` keeps facts printed beyond these
    (是否新增项目, 分配方式, 项目类别…) under their printed label."""

    code: str | None = None  # 项目编码
    name: str | None = None  # 项目名称
    department: str | None = None  # 主管部门 / 一级预算单位
    unit: str | None = None  # 实施单位 / 申请单位
    type: str | None = None  # 项目属性 / 项目类型
    period: str | None = None  # 实施期限
    funds: Funds = Field(default_factory=Funds)
    mid_term_goal: str | None = None  # 中期目标 / 长期目标 / 总体目标
    annual_goal: str | None = None  # 年度目标
    policy_basis: str | None = None  # 政策依据 / 立项依据
    cost_basis: str | None = None  # 测算依据
    extra: dict[str, str] = Field(default_factory=dict)
    sources: Sources = Field(default_factory=dict)


class PublishedBudget(Model):
    """A self-evaluation's 项目资金 block as printed (万元): 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分."""

    initial: float | None = None
    full_year: float | None = None
    executed: float | None = None
    rate: str | None = None  # 执行率 as printed (98.5%)
    weight: float | None = None
    score: float | None = None


class Published(Model):
    """What a self-evaluation prints about its own scoring: the budget block, 总分 and 自评等级."""

    budget: PublishedBudget | None = None
    total: float | None = None  # 总分
    grade: str | None = None  # 自评等级
    sources: Sources = Field(default_factory=dict)


class Locator(Model):
    """Where a table sits in its document: sheet, page and first line (row) of the table."""

    sheet: str | None = None
    page: int | None = None
    line: int | None = None


TableKind = Literal["department_target", "project_target", "selfeval", "monitor"]
KIND_LABELS: dict[str, str] = {
    "department_target": "部门整体绩效目标表",
    "project_target": "项目支出绩效目标表",
    "selfeval": "绩效自评表",
    "monitor": "绩效运行监控表",
}


class Table(Model):
    """One table of a document. A department table has `department` and `budget`; a project table has
    `project` (its facts and funds). `status` is `unfilled` for a template printed with its headers and
    no values. Rows marked 不适用 are kept in `not_applicable`, never among the indicators."""

    kind: TableKind = "department_target"
    title: str | None = None
    year: int | None = None
    status: Literal["filled", "unfilled"] = "filled"
    locator: Locator = Field(default_factory=Locator)
    department: Department | None = Field(default_factory=Department)
    project: Project | None = None
    budget: Budget = Field(default_factory=Budget)
    overall_goals: list[str] = Field(default_factory=list)  # 总体绩效目标, one per numbered goal
    overall_goal_sources: list[Source] = Field(default_factory=list)  # the cell each goal was read from
    key_tasks: list[KeyTask] = Field(default_factory=list)
    other_tasks: list[OtherTask] = Field(default_factory=list)
    columns: list[str] = Field(default_factory=list)  # the indicator block's header as printed
    indicators: list[Indicator] = Field(default_factory=list)
    not_applicable: list[Indicator] = Field(default_factory=list)  # rows marked 不适用
    empty_level2: list[EmptyGroup] = Field(default_factory=list)
    published: Published | None = None  # a self-evaluation's own budget points, 总分 and 等级
    notes: list[Problem] = Field(default_factory=list)  # what the reader repaired or could not read
    confidence: float = 1.0  # the least sure row's confidence, or the table's own doubt (no rows read)
    needs_review: bool = False  # some row, or the table as a whole, needs a person to check it
    review_reasons: list[str] = Field(default_factory=list)  # the table's own doubts (rows carry theirs)
    source_file: str | None = None

    @model_serializer(mode="wrap")
    def _one_facts_block(self, handler: SerializerFunctionWrapHandler, info: SerializationInfo) -> dict[str, Any]:
        """JSON holds `department` or `project`, whichever the kind has (`"department" | "project"`)."""
        data = handler(self)
        drop = "department" if self.kind == "project_target" or (self.project is not None and self.department is None) else "project"
        data.pop(drop, None)
        return data

    @property
    def unit_name(self) -> str | None:
        """The unit the table belongs to: the department, else the project's 主管部门 or 实施单位."""
        if self.department is not None and self.department.name:
            return self.department.name
        if self.project is not None:
            return self.project.department or self.project.unit
        return None

    @property
    def label(self) -> str:
        """The table in words: its project or department name, else its title, else its kind."""
        if self.project is not None and self.project.name:
            return self.project.name
        return self.unit_name or self.title or KIND_LABELS[self.kind]

    def canonical_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)
