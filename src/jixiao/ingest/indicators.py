"""The indicator block (绩效指标): three label levels and two value columns, repaired as published.

Flattened tables lose merged cells, so this step works from the content of each row rather than
from fixed positions:
- label cells (一级/二级 names from the framework vocabulary) may sit in any column left of the
  name column; a level-2 label alone implies its level-1 (数量指标 → 产出指标);
- the remaining non-empty cells are, in order, the name and the values, wherever they sit — this
  absorbs rows shifted one column left or right and names sitting in a label column;
- a row holding only a level-2 label declares a group; unlabeled rows that follow a group declared
  empty wait for the next label row, because a merged label is printed in the middle of its group;
- a row with a single value where the table has two value columns keeps it in the column it sits in.
Every repair is an Problem with the row's Source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..domain import framework
from ..domain.problem import Problem
from ..domain.source import Source
from ..domain.table import EmptyGroup, Indicator
from .decoder import decode
from .grid import Cell, Row
from .groupfit import contradicts
from .sections import INDICATOR_SECTION_LABEL, header_word, section_of, squeeze

_NOTE = re.compile(r"^(注|备注|说明|填表说明)\s*\d*\s*[:：]|^(备注|填表说明)$|^(总分|合计|总计|综合得分)([（(]|$)")  # a totals row ends the block too
# Lines under a form that are not indicators: signatures, stamps, reviewers' opinions (签字, 盖章, 初审意见).
_SIGNATURE = re.compile(r"(盖章|签字|签章|签名|初审意见|审核意见|复审意见|填报人|填表人|联系电话|负责人[:：]|填报日期|审核人)")
# The boxes a monitoring or self-evaluation form prints under its indicators, each a line of its own.
_CLOSING = re.compile(r"^(偏差(或不能完成目标)?原因|相关建议|纠偏措施|改进措施|存在(的)?问题|主要问题)")
NOT_APPLICABLE = frozenset({"不适用", "不涉及", "无此项", "本项不适用", "此项不适用"})
# Columns some forms print after 三级指标, by header word → Indicator field (first match wins).
EXTRA_COLUMNS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("指标解释", "指标说明", "指标内涵", "指标释义"), "explanation"),
    (("评分标准", "评（扣）分标准", "评(扣)分标准", "扣分标准", "评分细则", "评分规则", "计分方法"), "scoring_rule"),
    (("指标性质",), "op"),
    (("度量单位", "计量单位", "单位"), "unit"),
    (("权重", "分值"), "weight"),
    (("指标方向",), "direction"),
    (("核心指标", "是否核心"), "core"),
    (("完成目标可能性", "完成可能性"), "likelihood"),
    (("全年预计完成", "预计完成", "预计全年"), "forecast"),
    (("实际完成值", "全年实际完成值", "实际完成", "全年实际值", "实际值", "完成值", "执行情况", "完成情况"), "actual"),
    (("得分",), "score"),
    (("偏差原因", "原因分析", "未完成原因", "改进措施"), "reason"),
    (("备注",), "remark"),
)
_PERIOD_WORDS = ("实施周期", "中长期", "长期", "中期")
_ANNUAL_WORDS = ("年度指标值", "年度目标", "年度")
_VALUE_WORDS = ("指标值", "目标值", "预期目标", "预期值", "绩效标准", "预期实现值")


def header_role(word: str) -> str | None:
    """The role of a header cell, most specific words first."""
    if not word:
        return None
    if "一级指标" in word:
        return "level1"
    if "二级指标" in word:
        return "level2"
    if any(w in word for w in ("三级指标", "指标名称")) or word == "指标内容":
        return "name"
    if "类型" in word and "指标" in word:
        return "value_type"
    for words, field_name in EXTRA_COLUMNS:
        if any(w in word for w in words):
            return field_name
    if any(w in word for w in _PERIOD_WORDS) and not word.startswith("年度"):
        return "period"
    if any(w in word for w in _ANNUAL_WORDS) or any(w in word for w in _VALUE_WORDS):
        return "annual"
    return None


_TEMPLATE_PREFIX = re.compile(r"^指标\s*\d+\s*[:：]\s*")  # 指标1: as printed by fill-in templates


@dataclass
class Columns:
    """Positions (0-based) of the indicator header, as printed."""

    level1: int
    level2: int
    name: int
    period: int | None  # 实施周期指标值
    annual: int | None  # 年度指标值
    extra: dict[int, str] = field(default_factory=dict)  # column → Indicator field (指标解释, 分值, …)
    names_only: bool = False  # 一级指标 | 指标名称 with no 二级指标 column: a level-2 word there is a name (成本)

    @classmethod
    def from_header(cls, row: Row) -> Columns:
        """Each header cell's role by its words, matched in the plain form (spaces, marks such as *,
        suffixes such as (长期) or (150字内) and traditional characters do not matter); the most specific
        word wins (指标值类型 is not 指标值)."""
        texts = [header_word(t) for t in row.texts()]
        roles = [header_role(t) for t in texts]

        def find(role: str) -> int | None:
            return next((i for i, r in enumerate(roles) if r == role), None)

        level1, level2, name = find("level1"), find("level2"), find("name")
        period, annual = find("period"), find("annual")
        level2 = level2 if level2 is not None else (level1 or 0) + 1
        level1 = level1 if level1 is not None else max(level2 - 1, 0)
        if (name is None or name > level2 + 1) and level2 + 1 < len(roles) and roles[level2 + 1] not in (None, "name"):
            # two label levels only: the column after 二级指标 is a value column (分值, 指标值, …), so the
            # 二级指标 column holds the names, and a later 指标内容 describes them
            name = level2
            roles = [r if not (r == "name" and i > level2) else "explanation" for i, r in enumerate(roles)]
        name = name if name is not None else level2 + 1
        taken = {level1, level2, name, period, annual}
        extra: dict[int, str] = {}
        for i, role in enumerate(roles):
            if i in taken or i < name or role is None or role in ("level1", "level2", "name", "period", "annual"):
                continue
            if role not in extra.values():
                extra[i] = role
        names_only = find("level2") is None and find("name") is not None and name == level2
        return cls(level1, level2, name, period, annual, extra, names_only)

    @property
    def value_roles(self) -> list[tuple[int, str]]:
        """The columns after the name, in printed order, with the field each fills."""
        found = [(c, r) for c, r in ((self.period, "period"), (self.annual, "annual")) if c is not None]
        return sorted(found + list(self.extra.items()))

    @property
    def two_values(self) -> bool:
        return self.period is not None and self.annual is not None


@dataclass
class _Pending:
    """An indicator whose group labels are still unknown."""

    name: Cell
    values: list[Cell]
    row: Row
    level1: str | None = None
    level2: str | None = None
    label_sources: dict[str, Source] = field(default_factory=dict)  # the label cells the group came from


@dataclass
class _State:
    level1: str | None = None
    level2: str | None = None
    label_sources: dict[str, Source] = field(default_factory=dict)
    group_open: bool = False  # the current group has had (or may still get) indicators
    pending: list[_Pending] = field(default_factory=list)
    declared: list[tuple[str | None, str, Source]] = field(default_factory=list)
    spans_known: bool = False
    owed: int = 0  # unlabeled rows still belonging to a label printed centred on a row of its own
    centred: bool = False  # labels are known to sit at the vertical centre of their group (unruled PDF)
    level2_column: int | None = None  # where the block's level-2 labels are printed (shifted rows included)


def read_indicators(rows: list[Row], notes: list[Problem], *, spans_known: bool = False, centred: bool = False) -> tuple[list[Indicator], list[Indicator], list[EmptyGroup]]:
    """Indicators, rows marked 不适用, and empty groups of the block. With `spans_known` (XLSX, DOCX,
    HTML, ruled PDF) a merged label is on every row it covers and every value sits in its own column,
    so the repairs for flattened text (late labels, ambiguous single values) are not applied and the
    columns printed after the values (指标解释, 分值, …) are read by position. The block ends at a
    footnote (备注：…, 注：…) or a signature line (盖章, 签字, 初审意见)."""
    if not rows:
        return [], [], []
    rows = _continued_header(rows)
    columns = Columns.from_header(rows[0])
    state = _State(spans_known=spans_known, centred=centred)
    placed: list[_Pending] = []
    for row in rows[1:]:
        if section_of(row) == "indicators":  # the header repeated on a new page
            continue
        if is_footer(row):
            break  # 备注：… or a signature line under the table ends it
        if spans_known and len(row.cells) <= columns.name:  # text after the table (a page footer)
            break
        _read_row(row, columns, state, placed, notes)
    if state.pending:  # no label followed: they stay with the last group declared
        for item in state.pending:
            item.level1, item.level2, item.label_sources = state.level1, state.level2, dict(state.label_sources)
            notes.append(Problem(code="LABEL-GUESS", message=f"“{item.name.text}”之后没有分组标签，归入“{state.level2}”", source=item.name.source))
        placed.extend(state.pending)
    read = [_indicator(item, columns, notes, exact=spans_known) for item in placed]
    indicators = [i for i in read if not is_not_applicable(i)]
    not_applicable = [i for i in read if is_not_applicable(i)]
    used = {(i.level1, i.level2) for i in read}
    empty = [EmptyGroup(level1=l1, level2=l2, source=src) for l1, l2, src in state.declared if (l1, l2) not in used]
    for group in empty:
        notes.append(Problem(code="EMPTY-GROUP", message=f"二级指标“{group.level2}”下没有三级指标", source=group.source))
    return indicators, not_applicable, empty


def _continued_header(rows: list[Row]) -> list[Row]:
    """A header whose cells wrapped onto the lines below it (flattened text breaks a row at a line break
    inside a cell): lines holding only header words of columns the header does not have yet, no group
    label, are its further columns."""
    header, k = rows[0], 1
    while k < len(rows):
        words = [header_word(c.text) for c in rows[k].nonempty()]
        roles = [header_role(w) for w in words]
        known = {header_role(header_word(t)) for t in header.texts()}
        if not words or None in roles or set(roles) & known or any(framework.is_level1(w) or framework.is_level2(w) for w in words):
            break
        header = Row(cells=(*header.nonempty(), *rows[k].nonempty()), line=header.line)
        k += 1
    return [header, *rows[k:]] if k > 1 else rows


def is_footer(row: Row) -> bool:
    """A line printed under an indicator block, not part of it: a footnote (备注：…, 注：…), a signature
    line (盖章, 签字, 初审意见, 填报日期…) or a monitoring form's closing box (偏差原因分析, 相关建议或举措)."""
    first = row.nonempty()[:1]
    if not first:
        return False
    text = first[0].text
    if _CLOSING.match(squeeze(text)) and len(row.nonempty()) <= 2:
        return True
    return bool(_NOTE.match(squeeze(text))) or bool(_SIGNATURE.search(text) and len(row.nonempty()) <= 3 and not framework.is_level1(squeeze(text)))


def is_not_applicable(indicator: Indicator) -> bool:
    """A row marked 不适用: it names no indicator (不适用 in the name column) and gives no target but 不适用.
    A named indicator whose value is 不适用 stays an indicator: the review asks about it."""
    name = squeeze(indicator.name)
    values = [squeeze(v) for v in (indicator.period_value, indicator.annual_value) if v]
    return name in NOT_APPLICABLE and all(v in NOT_APPLICABLE for v in values)


def _read_row(row: Row, columns: Columns, state: _State, placed: list[_Pending], notes: list[Problem]) -> None:
    labels, content = _split_labels(row, columns, state)
    if columns.names_only and not content and [k for k, _ in labels] == ["level2"]:
        state.declared.append((state.level1, labels[0][1].text, labels[0][1].source))  # a template's row left empty (质量 |)
        return
    if not state.spans_known and [k for k, _ in labels] == ["level1"] and content and framework.level1_code(labels[0][1].text) == framework.level1_code(state.level1):
        labels = []  # a level-1 label printed mid-block (centred merge) repeats the group it is in
    if not labels and not content:
        return
    # An unknown label: more cells than name + values, the first left of the name column (in text with
    # columns after the values, the first cell when the decoder places it as a level-2 label).
    value_slots = 2 if columns.two_values else 1
    while not any(kind == "level2" for kind, _ in labels) and _unknown_label(content, row, columns, state, value_slots):  # one level-2 a row
        cell = content.pop(0)
        labels.append(("level2", cell))
        notes.append(Problem(code="UNKNOWN-LABEL", message=f"“{cell.text}”不是已知的二级指标名称，按二级指标处理", source=cell.source))
    _apply_labels(labels, bool(content), row, columns, state, notes)
    if not content:
        return
    name, values = content[0], content[1:]
    _note_position(name, values, row, columns, notes)
    item = _Pending(name=name, values=values, row=row)
    if labels or state.group_open:
        item.level1, item.level2, item.label_sources = state.level1, state.level2, dict(state.label_sources)
        state.group_open = state.group_open or not state.centred
        placed.append(item)
    elif state.owed > 0:  # the lower half of a group whose label was printed centred
        item.level1, item.level2, item.label_sources = state.level1, state.level2, dict(state.label_sources)
        state.owed -= 1
        placed.append(item)
    else:
        state.pending.append(item)
        placed.append(item)


def _unknown_label(content: list[Cell], row: Row, columns: Columns, state: _State, value_slots: int) -> bool:
    if not content or _column(content[0], row) >= columns.name or columns.names_only:
        return False  # (where the form has no 二级指标 column there is no label to find)
    if columns.extra and not state.spans_known:
        path = decode([c.text for c in content], ["level2", "name", *[r for _, r in columns.value_roles]])
        return path.roles[0] == 0
    return len(content) > 1 + value_slots


def _decoded(item: _Pending, columns: Columns, notes: list[Problem]) -> tuple[dict[str, Cell], list[Cell]]:
    """A text row's values placed by the decoder: the cells for the extra columns, and the cells left
    for the value columns (in their order). A cell that fits no column, or fits its column badly, is noted."""
    roles = columns.value_roles
    path = decode([v.text for v in item.values], [r for _, r in roles], [_column(v, item.row) for v in item.values], [c for c, _ in roles])
    extras: dict[str, Cell] = {}
    values: list[Cell] = []
    for cell, k, fitness in zip(item.values, path.roles, path.fits, strict=True):
        if k is None:
            notes.append(Problem(code="CELL-UNPLACED", message=f"“{item.name.text}”一行的“{cell.text}”不像任何一列的内容，未读入", source=cell.source))
            continue
        role = roles[k][1]
        if fitness < 0:
            notes.append(Problem(code="CELL-DOUBT", message=f"“{item.name.text}”一行的“{cell.text}”放入“{_ROLE_NAMES.get(role, role)}”一列，把握不大", source=cell.source))
        if role in ("period", "annual"):
            values.append(cell)
        else:
            extras[role] = cell
    return extras, values


_ROLE_NAMES = {"period": "实施周期指标值", "annual": "年度指标值", "value_type": "指标值类型", "op": "指标性质", "unit": "度量单位", "weight": "分值",
               "direction": "指标方向", "explanation": "指标解释", "scoring_rule": "评分标准", "core": "核心指标", "actual": "实际完成值", "score": "得分",
               "reason": "偏差原因", "remark": "备注", "forecast": "全年预计完成值", "likelihood": "完成目标可能性"}


def _label_kind(text: str, column: int, columns: Columns, level1: str | None, level2_column: int | None = None) -> str | None:
    """The label a cell holds, if any; `level1` is the group the cell stands in (the row's own
    level-1 label when it prints one before this cell, else the current group); `level2_column` is
    where this block's level-2 labels were printed so far (rows shifted in text keep them together)."""
    if framework.is_level1(text):
        # 成本指标 where level-2 labels stand, under 产出指标, is the older framework's level-2 group
        where = column >= columns.level2 or column == level2_column or columns.names_only
        old_cost = where and text.startswith("成本") and framework.level1_code(level1) == "output"
        return "level2" if old_cost else "level1"
    return "level2" if framework.is_level2(text) else None


def _split_labels(row: Row, columns: Columns, state: _State) -> tuple[list[tuple[str, Cell]], list[Cell]]:
    """Leading framework labels (up to one column right of the name column) vs the row's content.

    Labels always precede the name; a label word standing where the name should be, with only the
    values after it and no other label before it, is the name itself (an indicator called 服务对象满意度)."""
    cells = [(i, c) for i, c in enumerate(row.cells) if squeeze(c.text)]
    cells = [(i, c) for i, c in cells if not (i < columns.name and squeeze(c.text) == INDICATOR_SECTION_LABEL)]
    labels: list[tuple[str, Cell]] = []
    level1 = state.level1
    while cells and cells[0][0] <= columns.name + 1:
        kind = _label_kind(squeeze(cells[0][1].text), cells[0][0], columns, level1, state.level2_column)
        if kind is None or (kind == "level2" and columns.names_only and len(cells) > 1):
            break  # where the form has no 二级指标 column, a group word with values after it is the row's name
        if kind == "level1":  # 产出指标 | 成本指标: the second is the group of the first, not a new level-1
            level1 = cells[0][1].text
        labels.append((kind, cells.pop(0)[1]))
    # the cells a name may have after it: its values, and where spans are known the columns the header
    # prints after them (指标解释, 分值, …). In text those count too after a label word that names the
    # group it stands in, worded differently (服务对象满意度 | 90% | 反映… under 服务对象满意度指标): it is
    # the indicator's name. Another group's label, or the group's own label printed again, followed by
    # as many cells is a row moved right (质量指标 | 验收合格率 | 100% | 100%).
    value_slots = 2 if columns.two_values else 1
    repeated = len(labels) > 1 and labels[-1][0] == labels[-2][0]  # 服务对象满意度 | 服务对象满意度 | 95%
    if labels and (state.spans_known or repeated or (labels[-1][0] == "level2" and _same_group(labels, state))):
        value_slots += len(columns.extra)
    # two labels of one level in a row: the second is the row's name, wherever a shift put it
    if labels and cells and len(cells) <= value_slots and (len(labels) == 1 or repeated or state.spans_known) and (_column(labels[-1][1], row) >= columns.name or repeated):
        cells.insert(0, (columns.name, labels.pop()[1]))
    return labels, [c for _, c in cells]


def _same_group(labels: list[tuple[str, Cell]], state: _State) -> bool:
    """The last label of a row names the level-2 group it stands in (the row's previous level-2 label,
    else the current group), worded differently from that group's printed label."""
    group = next((c.text for kind, c in reversed(labels[:-1]) if kind == "level2"), state.level2)
    level1 = next((c.text for kind, c in labels[:-1] if kind == "level1"), state.level1)
    text = labels[-1][1].text
    code = framework.level2_code(text, level1)
    return code is not None and code == framework.level2_code(group, level1) and squeeze(text) != squeeze(group or "")


def _apply_labels(labels, has_content: bool, row: Row, columns: Columns, state: _State, notes: list[Problem]) -> None:
    if not labels:
        return
    level1_cell = next((c for kind, c in labels if kind == "level1"), None)
    level1 = level1_cell.text if level1_cell is not None else None
    level2_cell = next((c for kind, c in labels if kind == "level2"), None)
    if level1_cell is not None:
        state.level1 = level1
        state.label_sources = {"level1": level1_cell.source}
        if level2_cell is None:
            state.level2 = None
    if level2_cell is not None:
        implied = framework.level1_of(level2_cell.text)
        if (
            level1 is None
            and implied is not None
            and framework.level1_code(state.level1) != implied.code
            and framework.level2_code(level2_cell.text, state.level1) != "output.cost"
        ):
            state.level1 = implied.name
            notes.append(Problem(code="LEVEL1-IMPLIED", message=f"二级指标“{level2_cell.text}”隐含一级指标“{implied.name}”", source=level2_cell.source))
        state.level2 = level2_cell.text
        state.level2_column = _column(level2_cell, row)
        state.label_sources["level2"] = level2_cell.source
        state.declared.append((state.level1, state.level2, level2_cell.source))
    for kind, cell in labels:
        expected = columns.level1 if kind == "level1" else columns.level2
        if _column(cell, row) != expected:
            notes.append(Problem(code="LABEL-MOVED", message=f"{'一' if kind == 'level1' else '二'}级指标“{cell.text}”不在其列（第{_column(cell, row) + 1}列），按内容识别", source=cell.source))
    owed = len(state.pending)
    if state.pending and _late_label_fits(state):
        for item in state.pending:
            item.level1, item.level2, item.label_sources = state.level1, state.level2, dict(state.label_sources)
            notes.append(Problem(code="LABEL-LATE", message=f"“{item.name.text}”所在分组的标签“{state.level1}/{state.level2}”出现在其后第{row.line}行（合并单元格居中），已补齐", source=item.name.source))
    elif state.pending:  # their own label was lost: they stay without a group rather than take a wrong one
        owed = 0
        for item in state.pending:
            notes.append(Problem(code="LABEL-NONE", message=f"“{item.name.text}”之前没有分组标签，其后的“{state.level2 or state.level1}”与其内容不符，分组留空", source=item.name.source))
    state.pending.clear()
    # A label row with nothing else sits in the middle of its merged group: as many unlabeled rows
    # follow it as preceded it (none for a group printed without rows); the rows after those wait for
    # the next label.
    # (a level-1 label on a line of its own, no unlabelled row waiting above it, heads its group: the rows
    # follow it; a level-2 label alone declares a group that may be empty)
    heads = not has_content and owed == 0 and not state.centred and level2_cell is None and level1_cell is not None
    state.group_open = (has_content and not state.centred) or state.spans_known or heads
    state.owed = 0 if state.group_open else owed


def _late_label_fits(state: _State) -> bool:
    """A label printed after unlabelled rows covers them (a merged cell printed at its centre) unless
    most of them say words of another group: then their own label was lost, not printed late."""
    against = sum(contradicts(state.level2, state.level1, item.name.text, item.values[-1].text if item.values else None) for item in state.pending)
    return against * 2 < len(state.pending)


def _column(cell: Cell, row: Row) -> int:
    return next(i for i, c in enumerate(row.cells) if c is cell)


def _note_position(name: Cell, values: list[Cell], row: Row, columns: Columns, notes: list[Problem]) -> None:
    where = _column(name, row)
    if where == columns.name and values and _column(values[0], row) == columns.name:
        return
    expected_first_value = columns.period if columns.period is not None else columns.annual
    if where < columns.name and values and _column(values[0], row) == expected_first_value:
        notes.append(Problem(code="NAME-MISPLACED", message=f"三级指标“{name.text}”位于第{where + 1}列（标签列），指标值在原位", source=name.source))
    elif where < columns.name:
        notes.append(Problem(code="SHIFT-LEFT", message=f"“{name.text}”一行整体左移（名称在第{where + 1}列），已按内容对齐", source=name.source))
    elif where > columns.name:
        notes.append(Problem(code="SHIFT-RIGHT", message=f"“{name.text}”一行整体右移（名称在第{where + 1}列），已按内容对齐", source=name.source))


def _indicator(item: _Pending, columns: Columns, notes: list[Problem], *, exact: bool = False) -> Indicator:
    values = item.values
    sources = dict(item.label_sources) | {"name": item.name.source}
    extras: dict[str, Cell] = {}
    if columns.extra and not exact:  # text: the decoder places the cells after the name
        extras, values = _decoded(item, columns, notes)
    elif columns.extra:  # where spans are known the columns after the values (指标解释, 分值, …) are certain
        extras = {columns.extra[_column(v, item.row)]: v for v in values if _column(v, item.row) in columns.extra}
        values = [v for v in values if _column(v, item.row) not in columns.extra]
    period = annual = None
    ambiguous = False
    if not columns.two_values and len(values) > 1:  # one value column among others (单位, 分值, 指标解释)
        slot = columns.annual if columns.annual is not None else columns.period
        in_slot = [v for v in values if _column(v, item.row) == slot]
        if in_slot:
            values = in_slot[:1]
    if len(values) > 2:
        notes.append(Problem(code="EXTRA-CELLS", message=f"“{item.name.text}”一行多出{len(values) - 2}个单元格，已取最后两个作为指标值", source=values[0].source))
        values = values[-2:]
    if columns.two_values and len(values) == 2:
        period, annual = values
    elif len(values) == 2:  # one value column printed twice
        annual = values[-1]
    elif len(values) == 1:
        if columns.two_values and exact:  # the cell's column is certain: no guess, no note
            at = _column(values[0], item.row)
            if at == columns.period and columns.annual is not None and at + values[0].colspan > columns.annual:  # one value merged across both (annual is set: two_values)
                period = annual = values[0]
            else:
                period, annual = (values[0], None) if at == columns.period else (None, values[0])
        elif columns.two_values:
            ambiguous = True
            at = _column(values[0], item.row)
            in_period = at == columns.period
            period, annual = (values[0], None) if in_period else (None, values[0])
            slot_name = "实施周期指标值" if in_period else "年度指标值"
            notes.append(Problem(code="SLOT-SINGLE", message=f"“{item.name.text}”只有一个指标值，表格有两列：按其所在位置（第{at + 1}列）放入“{slot_name}”，另一栏留空", source=values[0].source))
        elif columns.annual is not None:
            annual = values[0]
        else:
            period = values[0]
    else:
        notes.append(Problem(code="NO-VALUE", message=f"三级指标“{item.name.text}”没有指标值", source=item.name.source))
    if period is not None:
        sources["period_value"] = period.source
    if annual is not None:
        sources["annual_value"] = annual.source
    name = _TEMPLATE_PREFIX.sub("", item.name.text) or item.name.text
    if name != item.name.text:
        notes.append(Problem(code="NAME-PREFIX", message=f"三级指标名称去掉模板编号“{item.name.text[: len(item.name.text) - len(name)]}”", source=item.name.source))
    fields: dict[str, Any] = {}  # Indicator's extra fields, validated by it
    for field_name, cell in extras.items():
        value = _extra_value(field_name, cell.text)
        if value is not None:
            fields[field_name] = value
            sources[field_name] = cell.source
    return Indicator(
        level1=item.level1,
        level2=item.level2,
        name=name,
        period_value=period.text if period is not None else None,
        annual_value=annual.text if annual is not None else None,
        single_value_slot_ambiguous=ambiguous,
        sources=sources,
        **fields,
    )


_CORE_YES = ("★", "☆", "是", "√", "核心")
_NUMBER = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*分?\s*$")


def _extra_value(field_name: str, text: str) -> str | float | bool | None:
    """An extra column's cell as its field holds it: 分值 as a number, 核心 as a flag, text otherwise."""
    if not text:
        return None
    if field_name in ("weight", "score"):
        match = _NUMBER.match(text)
        return float(match.group(1)) if match else None
    if field_name == "core":
        return any(mark in text for mark in _CORE_YES) and "否" not in text
    return text
