"""Official-layout outputs (报表): a target table as XLSX, DOCX and printable HTML, on the form of its
kind (部门整体绩效目标表 or 项目支出绩效目标表); the self-evaluation and monitoring tables (from `assess`)
as XLSX/HTML/DOCX; the self-evaluation report.

`official.py` (department), `project.py` (project) and `results.py` place a table on the form once,
`layout.py` picks the form by `table.kind`; `xlsx.py`, `docx.py` and `html.py` render that placement; `report.py` writes the report around it. `write(table, path, fmt)` writes atomically: a failed write leaves no partial file.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from ..domain.table import Table

FORMATS = ("xlsx", "docx", "html")


def render(table: Table, fmt: str) -> bytes:
    if fmt == "xlsx":
        from .xlsx import xlsx_bytes

        return xlsx_bytes(table)
    if fmt == "docx":
        from .docx import docx_bytes

        return docx_bytes(table)
    if fmt == "html":
        from .html import html_text

        return html_text(table).encode("utf-8")
    raise ValueError(f"不支持的输出格式：{fmt}（可选：{'、'.join(FORMATS)}）")


def render_results(table: Table, result, fmt: str) -> bytes:
    """The self-evaluation (an assess Evaluation) or monitoring (a MonitorReport) forms: XLSX or HTML
    of the table; DOCX is the self-evaluation report, or the monitoring table."""
    from ..assess import Evaluation
    from .results import monitor_sheet, selfeval_sheet

    sheet = selfeval_sheet(table, result) if isinstance(result, Evaluation) else monitor_sheet(table, result)
    if fmt == "xlsx":
        from .xlsx import render as render_xlsx

        out = io.BytesIO()
        render_xlsx(sheet).save(out)
        return out.getvalue()
    if fmt == "html":
        from .html import render as render_html

        return render_html(sheet, sheet.name).encode("utf-8")
    if fmt == "docx":
        if isinstance(result, Evaluation):
            from .report import report_bytes

            return report_bytes(table, result)
        from .docx import render as render_docx

        out = io.BytesIO()
        render_docx(sheet).save(out)
        return out.getvalue()
    raise ValueError(f"不支持的输出格式：{fmt}（可选：{'、'.join(FORMATS)}）")


def write(table: Table, path: str | Path, fmt: str, result=None) -> Path:
    """Render, then move into place: the target is either the complete file or untouched."""
    path = Path(path)
    data = render(table, fmt) if result is None else render_results(table, result, fmt)
    handle, temp = tempfile.mkstemp(prefix=".jixiao-", suffix=f".{fmt}", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
