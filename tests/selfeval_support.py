"""A published self-evaluation (绩效自评表) as a budget system exports it, for the audit tests."""

from __future__ import annotations

import io
from pathlib import Path


def selfeval_workbook(sheets: dict[str, tuple[float, float]]) -> bytes:
    """An XLSX with one published self-evaluation per sheet: sheet name → (first row's 得分, 总分).
    The first row's 分值 is 50, the second row's 40 (scored 40), so a first score above 50 breaks a rule."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, (first, total) in sheets.items():
        sheet = book.create_sheet(title)
        for values in (
            ["2024年度项目支出绩效自评表"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "培训人数", "≥500人", "520人", 50, first, None],
            ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "92%", 40, 40, None],
            ["总分", None, None, None, None, 100, total],
        ):
            sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def selfeval_file(folder: Path, first: float, total: float) -> Path:
    """One published self-evaluation saved in `folder` (see `selfeval_workbook`)."""
    path = folder / f"自评表-{first:g}.xlsx"
    path.write_bytes(selfeval_workbook({"自评表": (first, total)}))
    return path
