"""Actuals templates (填报模板): a workbook prefilled with the table's indicators and targets.

Two sheets: 绩效指标 (one row per level-3 indicator; columns for the actual, forecast, 分值, deviation cause
and likelihood as drop-downs, explanation, correction, schedule) and 预算执行 (年初预算数, 全年预算数, 执行数,
and for monitoring the date the data refer to). `actuals.load_actuals` reads the filled workbook back.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..domain.table import Table
from .actuals import HEADERS, SHEET_BUDGET, SHEET_INDICATORS
from .scheme import Scheme, load_scheme

COLUMNS = {
    "selfeval": ["index", "level1", "level2", "name", "target", "actual", "weight", "cause", "explanation", "correction"],
    "monitor": ["index", "level1", "level2", "name", "target", "actual", "forecast", "cause", "likelihood", "explanation", "correction", "schedule"],
}
_TITLES = {"actual": {"monitor": "截至监控日实际完成值", "selfeval": "实际完成值"}, "explanation": {"monitor": "原因说明"}}
_WIDTHS = {"name": 28, "target": 24, "actual": 18, "forecast": 18, "explanation": 30, "correction": 30, "level2": 16}
_HELP = {
    "actual": "数值指标填数值（可带单位，如 18个、76%、8.6分）；定性指标填 达成/部分达成/未达成（可附档内得分率，如 部分达成(70%)）；等级指标填等级（如 良好）；不适用填“不适用”。",
    "weight": "分值：留空则按评分方案在一级指标内平均分配。",
    "schedule": "进度安排：留空或“线性”按时间均匀推进；“年末”表示年底才评价；也可填截至监控日应完成的比例，如 30%。",
}


def _header(field: str, kind: str) -> str:
    return _TITLES.get(field, {}).get(kind) or HEADERS[field][0]


def build_template(table: Table, kind: str = "selfeval", scheme: Scheme | None = None, as_of: str | None = None) -> bytes:
    """The workbook as bytes (XLSX). `kind` is 'selfeval' (自评) or 'monitor' (监控)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    if kind not in COLUMNS:
        raise ValueError(f"模板类型应为 monitor 或 selfeval，而不是 {kind!r}")
    scheme = scheme or load_scheme("default")
    fields = COLUMNS[kind]
    book = Workbook()
    sheet = book.worksheets[0]  # a new workbook's one (active) sheet
    sheet.title = SHEET_INDICATORS
    sheet.append([_header(f, kind) for f in fields])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FFF2CC")
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, ind in enumerate(table.indicators, start=1):
        target = ind.annual_value if ind.annual_value is not None else ind.period_value
        prefilled = {"index": i, "level1": ind.level1, "level2": ind.level2, "name": ind.name, "target": target}
        sheet.append([prefilled.get(f) for f in fields])
    last = max(sheet.max_row, 2)
    for j, field in enumerate(fields, start=1):
        letter = get_column_letter(j)
        sheet.column_dimensions[letter].width = _WIDTHS.get(field, 12)
        if field in _HELP:
            from openpyxl.comments import Comment

            sheet.cell(row=1, column=j).comment = Comment(_HELP[field], "jixiao")
        if field in ("actual", "forecast", "weight", "cause", "likelihood", "explanation", "correction"):
            for row in range(2, last + 1):
                sheet.cell(row=row, column=j).fill = fill
                sheet.cell(row=row, column=j).number_format = "@" if field != "weight" else "General"
        options = {"cause": scheme.monitor.causes, "likelihood": scheme.monitor.likelihoods}.get(field)
        if options:
            dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
            dv.error, dv.errorTitle = f"请从列表中选择：{'、'.join(options)}", "无效的选项"
            sheet.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{last}")
    sheet.freeze_panes = "E2"

    budget = book.create_sheet(SHEET_BUDGET)
    budget.append(["项目", "金额（万元）", "说明"])
    budget.append(["表类型", "运行监控" if kind == "monitor" else "绩效自评", "由 jixiao 生成，请勿修改"])
    budget.append(["年初预算数", table.budget.expenditure_total, "取自目标表的部门预算支出合计"])
    budget.append(["全年预算数", None, "全年（调整后）预算数"])
    budget.append(["执行数", None, "截至监控日执行数" if kind == "monitor" else "全年执行数"])
    if kind == "monitor":
        budget.append(["数据截至日期", as_of or (f"{table.year}-07-31" if table.year else None), "如 2025-07-31"])
    for cell in budget[1]:
        cell.font = bold
    for row in range(3, budget.max_row + 1):
        budget.cell(row=row, column=2).fill = fill
    budget.column_dimensions["A"].width = 16
    budget.column_dimensions["B"].width = 16
    budget.column_dimensions["C"].width = 36
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_template(table: Table, path: str | Path, kind: str = "selfeval", scheme: Scheme | None = None, as_of: str | None = None) -> Path:
    """Write the template to `path` (built in memory first, so nothing is half-written)."""
    data = build_template(table, kind, scheme, as_of)
    path = Path(path)
    path.write_bytes(data)
    return path
