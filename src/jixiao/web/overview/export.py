"""The overview's portfolio as XLSX (openpyxl): one row per table the filters select, with its light and why."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ...forms.numbers import XLSX_COUNT, XLSX_MONEY
from .light import LIGHT_WORDS, signal

HEADERS = ("地区", "部门", "年度", "类型", "名称", "项目编码", "状态", "审核期限", "指标数", "审核等级", "监控信号灯", "得分", "信号灯", "信号灯说明")
WIDTHS = (14, 28, 8, 20, 30, 14, 10, 12, 8, 10, 10, 8, 8, 48)


def workbook(records, title: str) -> bytes:
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    ws = wb.create_sheet("目标表")
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(list(HEADERS))
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for record in records:
        s = signal(record)
        ws.append([record.department.region, record.department.name, record.year, record.get_kind_display(),
                   record.label if record.kind != "department_target" else "", record.project_code, record.get_status_display(),
                   record.deadline, record.indicator_count, record.review_grade, LIGHT_WORDS.get(record.monitor_light, ""),
                   record.score, LIGHT_WORDS[s.light], "；".join(s.reasons)])
        ws.cell(ws.max_row, 8).number_format = "yyyy-mm-dd"
        ws.cell(ws.max_row, 9).number_format = XLSX_COUNT  # the forms' formats: 1,234 · 87.50 (the year stays 2025)
        ws.cell(ws.max_row, 12).number_format = XLSX_MONEY
    for n, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.freeze_panes = "A3"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
