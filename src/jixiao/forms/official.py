"""The official layout of the target table (绩效目标表版式), once, for every output format.

`target_sheet(table)` places every part of a department Table on a six-column grid of Blocks (text,
position, span, style role) in the order and with the merges of the published form: title, year,
部门名称/基本信息, 预算整体情况, 总体绩效目标, 年度重点工作任务, 其他需完成的任务, 绩效指标. The XLSX,
HTML and DOCX writers only render the Blocks, so the three outputs cannot drift apart, and the
readers read each of them back to the same table. The Block grid itself (`Block`, `Sheet`,
`merge_labels`) is shared by every form: the project form (`project.py`) and the results (`results.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..domain.table import Department, EmptyGroup, Table
from .numbers import money

COLUMNS = 6
# Column widths in characters of the body font (Excel's unit), for a page of A4 landscape.
WIDTHS = (12.0, 16.0, 18.0, 30.0, 30.0, 30.0)


@dataclass(frozen=True)
class Block:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    role: str = "cell"  # title · subtitle · label · header · cell · number · long
    number: float | int | None = None  # the value behind a number cell (XLSX writes it as a number)
    number_format: str = ""  # its XLSX format (forms.numbers: XLSX_PERCENT for a rate); "" → by the number (#,##0.00 or 0)


@dataclass
class Sheet:
    name: str
    blocks: list[Block] = field(default_factory=list)
    rows: int = 0
    widths: tuple[float, ...] = WIDTHS
    table_from: int = 0  # first row with borders (rows above are title lines)

    def add(self, col: int, text: str | None, *, rowspan: int = 1, colspan: int = 1, role: str = "cell", number=None, number_format: str = "") -> None:
        self.blocks.append(Block(self.rows, col, text or "", rowspan, colspan, role, number, number_format))

    def next_row(self) -> None:
        self.rows += 1


def merge_labels(sheet: Sheet, labels: Sequence[tuple[str | None, ...]], first: int, col: int = 0) -> None:
    """Group labels merged down their columns, as the official forms print them: label j of each row
    goes in column `col + j` from row `first` on, and a run of equal labels becomes one Block; a run
    also ends where a label left of it changes (the same 数量指标 under another 一级指标 is another run)."""
    for j in range(len(labels[0]) if labels else 0):
        start = 0
        for k in range(1, len(labels) + 1):
            if k == len(labels) or labels[k][: j + 1] != labels[start][: j + 1]:
                sheet.blocks.append(Block(first + start, col + j, labels[start][j] or "", rowspan=k - start, role="label"))
                start = k


def heading(sheet: Sheet, title: str | None, subtitle: str | None, width: int) -> None:
    """The form's title and year lines above its ruled part, which starts after them."""
    for text, role in ((title, "title"), (subtitle, "subtitle")):
        if text:
            sheet.add(0, text, colspan=width, role=role)
            sheet.next_row()
    sheet.table_from = sheet.rows


def target_sheet(table: Table) -> Sheet:
    sheet = Sheet(name="绩效目标表")
    heading(sheet, table.title, f"（{table.year}年）" if table.year else None, COLUMNS)
    _department(sheet, table)
    _budget(sheet, table)
    sheet.add(0, "总体绩效目标", role="label")
    sheet.add(1, "\n".join(table.overall_goals), colspan=COLUMNS - 1, role="long")
    sheet.next_row()
    _tasks(sheet, table)
    _indicators(sheet, table)
    return sheet


def _department(sheet: Sheet, table: Table) -> None:
    d = table.department or Department()
    sheet.add(0, "部门名称", role="label")
    sheet.add(1, d.name, colspan=COLUMNS - 1)
    sheet.next_row()
    sheet.add(0, "基本信息", role="label")
    sheet.add(1, "财政供养人员数", role="label")
    sheet.add(2, "" if d.funded_staff is None else str(d.funded_staff), role="number", number=d.funded_staff)
    sheet.add(3, "下属二级单位数", role="label")
    sheet.add(4, "" if d.subordinate_units is None else str(d.subordinate_units), colspan=2, role="number", number=d.subordinate_units)
    sheet.next_row()


def _budget(sheet: Sheet, table: Table) -> None:
    b = table.budget
    e = b.expenditure
    amount = f"预算金额({b.unit})"
    lines = (
        ("部门预算支出", None, "收入来源", None, True),
        ("基本支出", e.basic, "财政拨款", b.income.fiscal_appropriation, False),
        ("项目支出", e.project, "其他资金", b.income.other, False),
        ("事业发展性支出", None, "按预算级次划分", None, True),
        ("财政专项资金", e.development.special_fund, "市本级使用资金", b.by_level.city_level, False),
        ("其他事业发展性支出", e.development.other, "拟用于对下转移支付资金", b.by_level.transfer_to_lower, False),
    )
    sheet.add(0, "预算整体情况", rowspan=len(lines), role="label")
    for left, x, right, y, header in lines:
        sheet.add(1, left, role="header" if header else "label")
        sheet.add(2, amount if header else money(x), role="header" if header else "number", number=None if header else x)
        sheet.add(3, right, role="header" if header else "label")
        sheet.add(4, amount if header else money(y), colspan=2, role="header" if header else "number", number=None if header else y)
        sheet.next_row()


def _tasks(sheet: Sheet, table: Table) -> None:
    _task_block(sheet, "年度重点工作任务", table.key_tasks, "期望达到的目标(概述)")
    _task_block(sheet, "其他需完成的任务（可选填）", table.other_tasks, "")


def _task_block(sheet: Sheet, label: str, tasks: list, goal_header: str) -> None:
    """One task block: name / content / funds, and the expected result where the block has one."""
    sheet.add(0, label, rowspan=1 + len(tasks), role="label")
    for col, text in enumerate(("名称", "主要实施内容", "拟投入的资金(元)"), start=1):
        sheet.add(col, text, role="header")
    sheet.add(4, goal_header, colspan=2, role="header")
    sheet.next_row()
    for task in tasks:
        sheet.add(1, task.name)
        sheet.add(2, task.content, role="long")
        sheet.add(3, money(task.funds_yuan), role="number", number=task.funds_yuan)
        if goal_header:  # only key tasks state an expected result
            sheet.add(4, task.goal, colspan=2, role="long")
        else:
            sheet.add(4, "", colspan=2)
        sheet.next_row()


Row = tuple[str | None, str | None, str, str | None, str | None]


def with_empty_groups(rows: list[Row], groups: Sequence[EmptyGroup]) -> list[Row]:
    """The indicator rows with each empty level-2 group (no indicators, kept by the form) in its place:
    after the last row of its level-1 and after the empty group before it, in order; a group whose level-1
    has no rows goes at the end. One pass: `before[g]` is the indicator row each group goes in front of,
    never decreasing, so the groups are merged in rather than inserted (an insert per group would rescan
    and shift the rows: quadratic on a large table)."""
    last_of: dict[str | None, int] = {}
    for k, row in enumerate(rows):
        last_of[row[0]] = k
    before: list[int] = []
    cursor = 0  # every group placed so far sits in front of indicator row `cursor`
    for group in groups:
        last = last_of.get(group.level1)
        if last is None:
            cursor = len(rows)
        elif last >= cursor:
            cursor = last + 1
        before.append(cursor)
    out: list[Row] = []
    g = 0
    for k in range(len(rows) + 1):
        while g < len(groups) and before[g] == k:
            out.append((groups[g].level1, groups[g].level2, "", None, None))
            g += 1
        if k < len(rows):
            out.append(rows[k])
    return out


def _indicators(sheet: Sheet, table: Table) -> None:
    rows: list[Row] = [(i.level1, i.level2, i.name, i.period_value, i.annual_value) for i in table.indicators]
    rows = with_empty_groups(rows, table.empty_level2)
    sheet.add(0, "绩效指标", rowspan=1 + len(rows), role="label")
    for col, text in enumerate(("一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"), start=1):
        sheet.add(col, text, role="header")
    sheet.next_row()
    first = sheet.rows
    merge_labels(sheet, [(level1, level2) for level1, level2, *_ in rows], first, col=1)
    for k, (_, _, name, period, annual) in enumerate(rows):
        sheet.blocks.append(Block(first + k, 3, name, role="long"))
        sheet.blocks.append(Block(first + k, 4, period or "", role="long"))
        sheet.blocks.append(Block(first + k, 5, annual or "", role="long"))
    sheet.rows += len(rows)
