"""The canonical department performance-target table (部门整体预算绩效目标表).

Immutable pydantic models whose JSON has the shape of `shared/gold/*.json`, plus typed extras:
parsed target values, framework codes and provenance (`sources`: field name → Source) so every
value can be traced to the cell it was read from.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

from . import framework
from .source import Source

Sources = dict[str, Source]


class Model(BaseModel):
    """Base for domain objects: immutable; unknown keys (e.g. computed extras in JSON) are ignored."""

    model_config = ConfigDict(frozen=True, extra="ignore", ignored_types=(cached_property,))


class Department(Model):
    name: str | None = None  # 部门名称
    funded_staff: int | None = None  # 财政供养人员数
    subordinate_units: int | None = None  # 下属二级单位数
    sources: Sources = Field(default_factory=dict)


class Development(Model):
    """事业发展性支出 = 财政专项资金 + 其他事业发展性支出."""

    special_fund: float | None = None  # 财政专项资金
    other: float | None = None  # 其他事业发展性支出


class Expenditure(Model):
    basic: float | None = None  # 基本支出
    project: float | None = None  # 项目支出
    development: Development = Field(default_factory=Development)  # 事业发展性支出


class Income(Model):
    fiscal_appropriation: float | None = None  # 财政拨款
    other: float | None = None  # 其他资金


class ByLevel(Model):
    city_level: float | None = None  # 市本级使用资金
    transfer_to_lower: float | None = None  # 拟用于对下转移支付资金


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

    @computed_field
    @property
    def expenditure_total(self) -> float | None:
        """Sum of the filled expenditure parts (万元), None when none is filled."""
        return _sum(self.expenditure_parts().values())

    @computed_field
    @property
    def income_total(self) -> float | None:
        return _sum([self.income.fiscal_appropriation, self.income.other])

    @computed_field
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
    """A level-3 indicator (三级指标) with its period (实施周期) and annual (年度) target values."""

    level1: str | None = None  # 一级指标, as printed
    level2: str | None = None  # 二级指标, as printed
    name: str  # 三级指标
    period_value: str | None = None  # 实施周期指标值
    annual_value: str | None = None  # 年度指标值
    single_value_slot_ambiguous: bool = False  # the row had one value for two slots
    sources: Sources = Field(default_factory=dict)

    @computed_field
    @property
    def level1_code(self) -> str | None:
        return framework.level1_code(self.level1)

    @computed_field
    @property
    def level2_code(self) -> str | None:
        return framework.level2_code(self.level2, self.level1)

    @cached_property
    def period(self):
        """The parsed period value (a TargetValue), or None when the cell is empty."""
        return _parse(self.period_value, self.level1)

    @cached_property
    def annual(self):
        """The parsed annual value (a TargetValue), or None when the cell is empty."""
        return _parse(self.annual_value, self.level1)

    @property
    def target(self):
        """The value an assessment judges against: the annual value, else the period value."""
        return self.annual if self.annual is not None else self.period

    @computed_field
    @property
    def typed(self) -> dict[str, Any]:
        """Parsed forms of both values, for machines (kind, direction, normalized quantity)."""
        return {
            "period": self.period.model_dump(mode="json") if self.period is not None else None,
            "annual": self.annual.model_dump(mode="json") if self.annual is not None else None,
        }


def _parse(text: str | None, level1: str | None):
    if text is None or not text.strip():
        return None
    from .values import parse_value  # values imports units (pint): load on first use

    return parse_value(text, level1=level1)


class EmptyGroup(Model):
    """A level-2 group declared in the table with no indicators under it."""

    level1: str | None = None
    level2: str
    source: Source | None = None


class TargetTable(Model):
    kind: str = "department_target"
    title: str | None = None
    year: int | None = None
    department: Department = Field(default_factory=Department)
    budget: Budget = Field(default_factory=Budget)
    overall_goals: list[str] = Field(default_factory=list)  # 总体绩效目标, one per numbered goal
    overall_goal_sources: list[Source] = Field(default_factory=list)  # the cell each goal was read from
    key_tasks: list[KeyTask] = Field(default_factory=list)
    other_tasks: list[OtherTask] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    empty_level2: list[EmptyGroup] = Field(default_factory=list)
    source_file: str | None = None

    def canonical_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)
