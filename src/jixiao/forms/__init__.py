"""Official-layout outputs (报表): the target table as XLSX, DOCX and printable HTML.

`official.py` places the table on the form once; `xlsx.py`, `docx.py` and `html.py` render that
placement. `write(table, path, fmt)` writes atomically: a failed write leaves no partial file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..domain.table import TargetTable

FORMATS = ("xlsx", "docx", "html")


def render(table: TargetTable, fmt: str) -> bytes:
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


def write(table: TargetTable, path: str | Path, fmt: str) -> Path:
    """Render, then move into place: the target is either the complete file or untouched."""
    path = Path(path)
    data = render(table, fmt)
    handle, temp = tempfile.mkstemp(prefix=".jixiao-", suffix=f".{fmt}", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
