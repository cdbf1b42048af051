"""The official layout of the project target table (项目支出绩效目标表), on the Block grid of `official.py`.

`project_sheet(table)` places a project Table in the order of the published form: title, year; the
facts (项目名称 across the table, then 项目编码, 主管部门, 实施单位, 项目属性, 实施期限 and any further
fact printed with the table, two to a row); 项目资金 (资金总额 / 其中：财政拨款 / 其他资金 for the
medium term beside the year, as printed, in the unit the table gives); 政策依据, 测算依据; 总体目标
(中长期目标, 年度目标); and 绩效指标 with the columns the indicators fill (`indicators.py`). The grid is
as wide as the indicator block; the rows above it share its columns.
"""

from __future__ import annotations

from ..domain.table import KIND_LABELS, Amount, Funds, Project, Table
from .indicators import LEVEL_WIDTHS, add_indicators, columns_for, ordered_rows
from .numbers import in_unit
from .official import Sheet, heading

LABEL_WIDTH = 12.0  # column 0: the part labels (项目资金, 绩效指标 …)
FACTS = (("项目编码", "code"), ("主管部门", "department"), ("实施单位", "unit"), ("项目属性", "type"), ("实施期限", "period"))


def project_sheet(table: Table) -> Sheet:
    project = table.project or Project()
    rows = ordered_rows(table)
    columns = columns_for([r.indicator for r in rows if r.indicator is not None])
    sheet = Sheet(name=KIND_LABELS["project_target"], widths=(LABEL_WIDTH, *LEVEL_WIDTHS, *(c.width for c in columns)))
    width = len(sheet.widths)
    heading(sheet, table.title or KIND_LABELS["project_target"], f"（{table.year}年度）" if table.year else None, width)
    _facts(sheet, project)
    _funds(sheet, project.funds)
    _text(sheet, "政策依据", project.policy_basis)
    _text(sheet, "测算依据", project.cost_basis)
    _goals(sheet, project)
    add_indicators(sheet, rows, columns)
    return sheet


def _split(widths: tuple[float, ...], lo: int, gap: int = 0) -> int:
    """The column k that divides columns lo.. into two non-empty parts of most nearly equal width,
    lo..k-1 and k+gap.. (the `gap` columns between them hold a label)."""
    hi = len(widths)
    return min(range(lo + 1, hi - gap), key=lambda k: abs(sum(widths[lo:k]) - sum(widths[k + gap : hi])))


def _facts(sheet: Sheet, project: Project) -> None:
    width = len(sheet.widths)
    sheet.add(0, "项目名称", role="label")
    sheet.add(1, project.name, colspan=width - 1, role="long")
    sheet.next_row()
    facts = [(label, getattr(project, key)) for label, key in FACTS] + list(project.extra.items())
    middle = _split(sheet.widths, 1, gap=1)  # the second label of a row; values fill either side
    for k in range(0, len(facts), 2):
        (label, value), *second = facts[k : k + 2]
        sheet.add(0, label, role="label")
        if second:
            sheet.add(1, value, colspan=middle - 1, role="long")
            sheet.add(middle, second[0][0], role="label")
            sheet.add(middle + 1, second[0][1], colspan=width - middle - 1, role="long")
        else:
            sheet.add(1, value, colspan=width - 1, role="long")
        sheet.next_row()


def _funds(sheet: Sheet, funds: Funds) -> None:
    """项目资金 as the national form prints it: the medium-term lines (中期资金总额, 其中：财政拨款, 其他资金)
    with their amounts, and the annual lines beside them, each part under the total of its period."""
    width = len(sheet.widths)
    unit = funds.unit
    lines = (("中期资金总额", funds.mid_term), ("年度资金总额", funds.annual))
    if unit is None and any(a.text is None and a.yuan is not None for _, line in lines for a in (line.total, line.fiscal, line.other)):
        unit = "元"  # amounts known only in 元 are printed in 元
    split = _split(sheet.widths, 2, gap=1)  # the annual label; the amounts fill the columns after each label
    places = ((1, split - 2), (split, width - split - 1))  # (label column, amount span)
    sheet.add(0, f"项目资金（{unit}）" if unit else "项目资金", rowspan=3, role="label")
    for part in ("total", "fiscal", "other"):
        for (col, span), (total, line) in zip(places, lines, strict=True):
            sheet.add(col, {"total": total, "fiscal": "其中：财政拨款", "other": "其他资金"}[part], role="label")
            sheet.add(col + 1, _amount(getattr(line, part), unit), colspan=span, role="number")
        sheet.next_row()


def _amount(amount: Amount, unit: str | None) -> str:
    """The amount as printed; one known only in 元 is written in the unit of the block."""
    if amount.text is not None or amount.yuan is None:
        return amount.text or ""
    return in_unit(amount.yuan, unit)


def _text(sheet: Sheet, label: str, text: str | None) -> None:
    sheet.add(0, label, role="label")
    sheet.add(1, text, colspan=len(sheet.widths) - 1, role="long")
    sheet.next_row()


def _goals(sheet: Sheet, project: Project) -> None:
    width = len(sheet.widths)
    sheet.add(0, "总体目标", rowspan=2, role="label")
    for label, text in (("中长期目标", project.mid_term_goal), ("年度目标", project.annual_goal)):
        sheet.add(1, label, colspan=2, role="label")
        sheet.add(3, text, colspan=width - 3, role="long")
        sheet.next_row()
