"""The indicator block (绩效指标) of a form whose columns follow its table: the three levels, then each
column that some row fills, in the order published forms print them.

The department form has fixed columns (`official.py`); a project form is printed with the columns its
table was read with — 指标性质, 中长期/年度指标值, 度量单位, 分值, 指标方向, 指标解释, 评（扣）分标准,
核心指标, 备注 — and no empty ones. Rows marked 不适用 are printed after their group as published
(不适用 in the name and value cells), so the form shows them and reads back as it was; a row kept as
not applicable whose cells do not say so gets 不适用 in its empty value cell. Empty level-2 groups keep
a row of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ..domain.table import Indicator, Table
from .official import Block, Sheet, merge_labels

NOT_APPLICABLE = "不适用"
LEVEL_HEADERS = ("一级指标", "二级指标", "三级指标")
LEVEL_WIDTHS = (12.0, 14.0, 24.0)  # 一级, 二级 and 三级 (the name), in characters of the body font


@dataclass(frozen=True)
class Column:
    """A printed column after the three levels: the Indicator field it shows and how."""

    field: str
    header: str
    width: float
    role: str = "long"


# Every column a project form may print, in printed order. The value columns are named by which of
# them the table fills (see `columns_for`).
COLUMNS = (
    Column("op", "指标性质", 8.0, "cell"),
    Column("period_value", "中长期指标值", 20.0),
    Column("annual_value", "年度指标值", 20.0),
    Column("unit", "度量单位", 8.0, "cell"),
    Column("weight", "分值", 7.0, "number"),
    Column("direction", "指标方向", 8.0, "cell"),
    Column("explanation", "指标解释", 30.0),
    Column("scoring_rule", "评（扣）分标准", 30.0),
    Column("core", "核心指标", 6.0, "cell"),
    Column("remark", "备注", 14.0),
)
VALUE_FIELDS = ("period_value", "annual_value")


@dataclass(frozen=True)
class Row:
    """One printed row: an indicator, a 不适用 row, or an empty group (no indicator)."""

    level1: str | None
    level2: str | None
    indicator: Indicator | None = None
    not_applicable: bool = False


def _filled(value: Any) -> bool:
    if isinstance(value, bool):
        return value  # 核心指标: a column of ★ only where some row is core
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def columns_for(indicators: list[Indicator]) -> list[Column]:
    """The columns these rows fill. The annual value column is always printed (a form without values
    still has its 指标值 column); it is headed 指标值 unless a 中长期指标值 column stands beside it."""
    used = {c.field for c in COLUMNS if any(_filled(getattr(i, c.field)) for i in indicators)}
    period = "period_value" in used
    if "annual_value" in used or not period:
        used.add("annual_value")
    chosen = [c for c in COLUMNS if c.field in used]
    return [replace(c, header="指标值") if c.field == "annual_value" and not period else c for c in chosen]


def ordered_rows(table: Table) -> list[Row]:
    """The indicators in order; each 不适用 row after the last row of its group (else of its 一级指标,
    else at the end); each empty group after its 一级指标 and after the empty group before it."""
    rows = [Row(i.level1, i.level2, i) for i in table.indicators]
    for item in table.not_applicable:
        at = _after(rows, item.level1, item.level2)
        if at is None:
            at = _after(rows, item.level1)
        rows.insert(len(rows) if at is None else at, Row(item.level1, item.level2, item, not_applicable=True))
    last = -1
    for group in table.empty_level2:
        at = _after(rows, group.level1)
        at = max(len(rows) if at is None else at, last + 1)
        rows.insert(at, Row(group.level1, group.level2))
        last = at
    return rows


def _after(rows: list[Row], *labels: str | None) -> int | None:
    """The position after the last row under these labels (一级指标, then 二级指标); None when there is none."""
    return max((k + 1 for k, r in enumerate(rows) if (r.level1, r.level2)[: len(labels)] == labels), default=None)


def add_indicators(sheet: Sheet, rows: list[Row], columns: list[Column]) -> None:
    """The block from the sheet's current row: 绩效指标 down column 0, the header, then one row each."""
    sheet.add(0, "绩效指标", rowspan=1 + len(rows), role="label")
    headers = (*LEVEL_HEADERS, *(c.header for c in columns))
    for col, text in enumerate(headers, start=1):
        sheet.add(col, text, role="header")
    sheet.next_row()
    first = sheet.rows
    merge_labels(sheet, [(r.level1, r.level2) for r in rows], first, col=1)
    fields = [c.field for c in columns]
    main = "annual_value" if "annual_value" in fields else "period_value"  # where 不适用 is shown
    for k, row in enumerate(rows):
        item = row.indicator
        sheet.blocks.append(Block(first + k, 3, item.name if item else "", role="long"))
        marked = row.not_applicable and item is not None and not any(NOT_APPLICABLE in (getattr(item, f) or "") for f in ("name", *VALUE_FIELDS))
        for col, column in enumerate(columns, start=4):
            value = getattr(item, column.field) if item else None
            if marked and column.field == main and not _filled(value):
                value = NOT_APPLICABLE
            sheet.blocks.append(_cell(first + k, col, column, value))
    sheet.rows += len(rows)


def _cell(row: int, col: int, column: Column, value: Any) -> Block:
    if isinstance(value, bool):
        return Block(row, col, "★" if value else "", role=column.role)
    if isinstance(value, float | int):
        whole = float(value).is_integer()  # printed as XLSX prints it: 8 as 8, 2.5 as 2.50
        number = int(value) if whole else float(value)
        return Block(row, col, str(number) if whole else f"{number:.2f}", role=column.role, number=number)
    return Block(row, col, value or "", role=column.role)
