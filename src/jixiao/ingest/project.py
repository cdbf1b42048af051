"""The facts of a project target table (项目基本信息): labels and their values, wherever printed.

Forms print a label with its value to the right (项目名称 | 社区工作站经费), or a row of labels with
the values in the row below (项目总目标 | 年度总体目标). Labels vary by system (申请单位 / 实施单位,
项目类型 / 项目性质 / 项目属性, 项目总金额（中期规划，万元） / 项目资金总额), so they are matched by the
vocabulary below after dropping spaces, colons, 其中： and parenthetical notes (which may carry the unit).
Funds are assigned to the medium-term or the annual line by the column of the total they stand under.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain import bounds
from ..domain.problem import Problem, Severity
from ..domain.source import Source
from ..domain.table import Amount, FundLine, Funds, Project
from .facts import parse_number
from .grid import Cell, Row
from .sections import squeeze

# Printed label (after normalisation) → field. First match wins; order matters (一级预算单位 before 预算单位).
FACT_LABELS: tuple[tuple[str, str], ...] = (
    (r"项目(编码|代码|编号)", "code"),
    (r"(项目名称|资金名称|专项名称|专项资金名称)", "name"),
    (r"(主管部门|一级预算单位|预算主管部门|主管单位|部门名称)", "department"),
    (r"(实施单位|申请单位|项目单位|预算单位|项目实施单位|单位名称)", "unit"),
    (r"(项目属性|项目类型|项目性质|项目类别|项目分类)", "type"),
    (r"(实施期限|项目期限|实施周期|执行期限|项目周期|起止时间|项目起止时间)", "period"),
    (r"(计划开始日期|开始日期|开始时间)", "period_start"),
    (r"(计划完成日期|完成日期|结束日期|结束时间)", "period_end"),
    (r"(政策依据|立项依据|项目立项依据|设立依据)", "policy_basis"),
    (r"(测算依据|资金测算依据|测算过程)", "cost_basis"),
    (r"(年度目标|年度绩效目标|本年度目标|年度总体目标|年度总目标)", "annual_goal"),
    (r"(长期目标|中期目标|中长期目标|项目总目标|总体目标|实施周期目标|整体目标|总目标)", "mid_term_goal"),
    (r"(项目总金额|项目资金总额|中期资金总额|资金总额|项目总投资|项目总预算|中期规划金额)", "funds.total.mid"),
    (r"(本年度项目金额|年度资金申请总额|年度资金总额|本年度资金|年度金额|本年度金额|年度预算金额|当年资金)", "funds.total.annual"),
    (r"(财政拨款|财政资金|当年财政拨款|财政性资金|本级财政资金|财政拨款资金)", "funds.fiscal"),
    (r"(其他资金|其他来源资金|自筹资金)", "funds.other"),
    (r"(项目资金|资金情况|项目资金情况)", "funds.unit"),
    (r"(是否新增项目|分配方式|上年结转资金|项目负责人|联系电话|资金用途)", "extra"),
)
_COMPILED = tuple((re.compile(f"^{pattern}$"), key) for pattern, key in FACT_LABELS)
_PAREN = re.compile(r"[（(]([^）)]*)[）)]")
_PREFIX = re.compile(r"^(其中)[:：]?")
_UNITS = {"元": 1.0, "千元": 1_000.0, "万元": 10_000.0, "亿元": 100_000_000.0}
_UNIT_IN = re.compile(r"(亿元|万元|千元|元)")
_EXPONENT = re.compile(r"^\d(\.\d+)?[eE][+]?\d+$")  # a code stored as a number: 4.403062313915e+20
_SUSPECT_WAN = 100_000  # 万元: a project of 10亿元 or more is more likely an amount typed in 元


@dataclass(frozen=True)
class Label:
    key: str
    printed: str  # the label as printed, without colon
    unit: str | None  # a money unit named in the label's parentheses


def match_label(text: str) -> Label | None:
    """The fact a cell labels, or None. '项目总金额（中期规划，万元）：' → funds.total.mid in 万元."""
    raw = squeeze(text).rstrip(":：")
    if not raw or len(raw) > 24:
        return None
    notes = " ".join(_PAREN.findall(raw))
    base = _PREFIX.sub("", _PAREN.sub("", raw)).rstrip(":：")
    for pattern, key in _COMPILED:
        if pattern.match(base):
            unit = _UNIT_IN.search(notes)
            return Label(key, raw, unit.group(1) if unit else None)
    return None


_TOKENS = re.compile(r"\s+")
_COLON = re.compile(r"[:：]")


def inline_pairs(text: str) -> list[tuple[Label, str]]:
    """Labels and values printed in one cell, as flattened text does: '项目名称：物业管理',
    '主管部门 县财政局 实施单位 开发区管委会' → a pair per label, its value the words up to the next label."""
    words: list[str] = []
    for token in _TOKENS.split(text.strip()):
        parts = _COLON.split(token, maxsplit=1)
        words.extend(parts if len(parts) == 2 and match_label(parts[0]) else [token])  # 项目名称：物业管理 → label, value
    pairs: list[tuple[Label, str]] = []
    current: Label | None = None
    value: list[str] = []
    for word in words:
        label = match_label(word) if word else None
        if label is not None:
            if current is not None and value:
                pairs.append((current, " ".join(value)))
            current, value = label, []
        elif word and current is not None:
            value.append(word)
    if current is not None and value:
        pairs.append((current, " ".join(value)))
    return pairs


def has_project_facts(rows: list[Row]) -> bool:
    """A project table names its project: a 项目名称 (or 项目编码) label with a value beside it, below
    it (a label alone on its line) or after it in the same cell."""
    for r, row in enumerate(rows):
        for i, cell in enumerate(row.cells):
            if not cell.text:
                continue
            label = match_label(cell.text)
            if label is None:
                if any(lab.key in ("name", "code") for lab, _ in inline_pairs(cell.text)):
                    return True
                continue
            if label.key in ("name", "code"):
                value = _right(row, i)
                if value is None and len(row.nonempty()) == 1 and r + 1 < len(rows):
                    value = _below(rows[r + 1], i)
                if value is not None and value.text and match_label(value.text) is None:
                    return True
    return False


@dataclass
class _Found:
    """What the facts rows gave, as they are scanned."""

    facts: dict[str, tuple[Label, Cell, int]]  # key → (label, value cell, label column)
    extra: dict[str, str]
    sources: dict[str, Source]
    totals: dict[str, int]  # period → column of its total label
    funds: list[tuple[Label, Cell, int]]  # 财政拨款 / 其他资金, placed once the totals are known
    unit: str | None = None

    def take(self, label: Label, value: Cell | None, column: int) -> None:
        self.unit = self.unit or label.unit
        if label.key == "funds.unit" or value is None or match_label(value.text) is not None:
            return
        if label.key == "extra" or (label.key == "type" and "type" in self.facts):  # a second classification (项目类别)
            self.extra.setdefault(label.printed, value.text)
            self.sources.setdefault(f"extra.{label.printed}", value.source)
        elif label.key.startswith("funds.total."):
            self.totals.setdefault(label.key.rsplit(".", 1)[1], column)
            self.facts.setdefault(label.key, (label, value, column))
        elif label.key.startswith("funds."):
            self.funds.append((label, value, column))
        else:
            self.facts.setdefault(label.key, (label, value, column))


def read_project(rows: list[Row], notes: list[Problem]) -> Project:
    found = _Found({}, {}, {}, {}, [])
    for r, row in enumerate(rows):
        below = rows[r + 1] if r + 1 < len(rows) else None
        labels_only = all(match_label(c.text) for c in row.cells if c.text)
        for i, cell in enumerate(row.cells):
            if not cell.text:
                continue
            label = match_label(cell.text)
            if label is None:  # label and value in one cell (flattened text)
                for inline, inline_text in inline_pairs(cell.text):
                    found.take(inline, Cell(text=inline_text, source=cell.source), i)
                continue
            value = _below(below, i) if labels_only and len(row.nonempty()) > 1 else _right(row, i)
            if value is None or match_label(value.text) is not None:  # labels over values (项目总目标 | 年度总体目标)
                value = _below(below, i)
            found.take(label, value, i)
    facts = found.facts
    for label, value, column in found.funds:  # 财政拨款 / 其他资金 under the total of their column
        facts.setdefault(f"{label.key}.{_period_of(column, found.totals)}", (label, value, column))
    text = {key: (cell.text or None) for key, (_, cell, _) in facts.items()}
    code = facts.get("code")
    if code is not None and _EXPONENT.match(code[1].text):
        notes.append(Problem(code="CODE-AS-NUMBER", message=f"项目编码“{code[1].text}”以数字保存，已按科学计数法显示并丢失末几位，请以文本格式填写", source=code[1].source, severity=Severity.WARNING))
    sources = found.sources | {key: cell.source for key, (_, cell, _) in facts.items()}
    period = text.get("period")
    if period is None and (text.get("period_start") or text.get("period_end")):
        period = f"{text.get('period_start') or ''}至{text.get('period_end') or ''}"
        sources["period"] = sources.get("period_start") or sources["period_end"]
    return Project(
        code=text.get("code"),
        name=text.get("name"),
        department=text.get("department"),
        unit=text.get("unit"),
        type=text.get("type"),
        period=period,
        funds=_funds(facts, found.unit, notes),
        mid_term_goal=text.get("mid_term_goal"),
        annual_goal=text.get("annual_goal"),
        policy_basis=text.get("policy_basis"),
        cost_basis=text.get("cost_basis"),
        extra=found.extra,
        sources=sources,
    )


def _funds(found: dict[str, tuple[Label, Cell, int]], unit: str | None, notes: list[Problem]) -> Funds:
    lines: dict[str, dict[str, Amount]] = {"mid": {}, "annual": {}}
    for key, (label, cell, _) in found.items():
        if not key.startswith("funds."):
            continue
        _, role, period = key.split(".")
        line_unit = label.unit or unit
        number = parse_number(cell.text) if cell.text else None
        yuan = round(number * _UNITS[line_unit], 2) if number is not None and line_unit else None
        if yuan is not None and (refused := bounds.problem(yuan, "yuan", f"项目资金“{label.printed}”")):
            notes.append(Problem(code="OUT-OF-BOUNDS", message=f"{refused}，未换算为元", source=cell.source))
            yuan = None
        if cell.text and number is None:
            notes.append(Problem(code="NOT-A-NUMBER", message=f"项目资金“{label.printed}”的金额“{cell.text}”不是数字", source=cell.source))
        elif number is not None and line_unit is None:
            notes.append(Problem(code="FUNDS-UNIT-UNKNOWN", message=f"项目资金“{label.printed}”没有标明单位（元/万元），未换算为元", source=cell.source))
        elif number is not None and line_unit == "万元" and number >= _SUSPECT_WAN:
            notes.append(Problem(code="FUNDS-UNIT-SUSPECT", message=f"项目资金“{label.printed}”为 {cell.text} 万元，数额异常，可能是以元填写", source=cell.source))
        lines[period][role] = Amount(text=cell.text or None, yuan=yuan)
    return Funds(unit=unit, mid_term=FundLine(**lines["mid"]), annual=FundLine(**lines["annual"]))


def _period_of(column: int, totals: dict[str, int]) -> str:
    """The period of a fund part: that of the nearest total label at or left of its column."""
    if not totals:
        return "annual"
    left = [(column - c, p) for p, c in totals.items() if c <= column]
    return min(left)[1] if left else min((abs(c - column), p) for p, c in totals.items())[1]


def _right(row: Row, i: int) -> Cell | None:
    """The first non-empty cell right of column i."""
    for cell in row.cells[i + 1:]:
        if cell.text:
            return cell
    return None


def _below(row: Row | None, i: int) -> Cell | None:
    if row is None or i >= len(row.cells) or not row.cells[i].text:
        return None
    return row.cells[i]
