"""One reader per format, each turning bytes into a Grid. `read_grid` picks one by content.

Government sites often serve files under the wrong name (an .xls that is really HTML), so the
choice looks at the first bytes first and the file name second.
"""

from __future__ import annotations

from ...domain.source import Source
from ..errors import IngestError
from ..grid import Grid
from .text import read_text


def sniff(data: bytes, filename: str | None = None) -> str:
    """The format of the data: 'text', 'zip' (XLSX/DOCX), 'pdf', 'html', 'ole' (legacy Office)."""
    head = data[:2048].lstrip()
    lower = head.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    if lower.startswith((b"<!doctype html", b"<html")) or b"<table" in lower:
        return "html"
    return "text"


def read_grid(data: bytes, filename: str | None = None) -> Grid:
    kind = sniff(data, filename)
    if kind == "text":
        return read_text(data, filename)
    if kind == "ole":
        raise IngestError("旧版 Office 文件（.xls/.doc）暂不支持，请另存为 .xlsx/.docx 后再导入", Source(file=filename))
    raise IngestError(f"暂不支持读取该格式（{kind}）", Source(file=filename))
