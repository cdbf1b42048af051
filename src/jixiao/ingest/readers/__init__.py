"""One reader per format, each turning bytes into Grids. `read_grids` picks one by content.

A workbook gives a Grid per sheet; the other formats give one Grid holding the whole document in
order (the layout step then finds every table in it).

Government sites often serve files under the wrong name (an .xls that is really HTML), so the
choice looks at the bytes and never at the extension: a zip is an XLSX or a DOCX by the parts it
holds, `%PDF` is a PDF, markup is HTML, anything else is text. Every reader applies `Limits`.
"""

from __future__ import annotations

from ...domain.source import Source
from ..errors import IngestError
from ..grid import Grid
from ..limits import Limits
from .text import read_text

_OLE = b"\xd0\xcf\x11\xe0"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def sniff(data: bytes, filename: str | None = None) -> str:
    """The format: 'text', 'zip' (XLSX/DOCX), 'pdf', 'html', 'mhtml' (web archive), 'ole' (legacy Office)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = head.lower()
    if head.startswith(b"%PDF") or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    if lower.startswith(b"mime-version") or b"multipart/related" in lower[:1024]:
        return "mhtml"
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<table" in lower or b"<html" in lower:
        return "html"
    if b"<table" in data[:200_000].lower():
        return "html"
    return "text"


_MARKERS = ("一级指标", "三级指标", "绩效指标", "绩效目标")


def read_grid(data: bytes, filename: str | None = None, limits: Limits | None = None) -> Grid:
    """The first Grid that holds an indicator table (else the first): for single-table callers."""
    grids = read_grids(data, filename, limits)
    return next((g for g in grids if any(m in c.text for row in g for c in row.cells for m in _MARKERS)), grids[0])


def read_grids(data: bytes, filename: str | None = None, limits: Limits | None = None) -> list[Grid]:
    limits = limits or Limits.from_env()
    where = Source(file=filename)
    if len(data) > limits.max_file_bytes:
        raise IngestError(f"文件过大（{len(data):,} 字节，上限 {limits.max_file_bytes:,}），已拒绝读取", where)
    kind = sniff(data, filename)
    if kind == "text":
        return [read_text(data, filename)]
    if kind == "html":
        from .html import read_html

        return [read_html(data, filename, limits)]
    if kind == "mhtml":  # Word/IE 'single file web page' (.mht, often served as .doc)
        from .html import read_html

        return [read_html(_mhtml_page(data, filename), filename, limits)]
    if kind == "pdf":
        from .pdf import read_pdf

        return [read_pdf(data, filename, limits)]
    if kind == "zip":
        from .container import office_kind, open_zip

        archive = open_zip(data, filename, limits)
        office = office_kind(archive)
        if office == "xlsx":
            from .xlsx import read_xlsx

            return read_xlsx(archive, filename, limits)
        if office == "docx":
            from .docx import read_docx

            return [read_docx(archive, filename, limits)]
        raise IngestError("这是一个压缩包，但不是 XLSX 或 DOCX 文件", where)
    if _ENCRYPTED in data[:1_000_000]:
        raise IngestError("文件已加密（设置了打开密码），请先去除密码后再导入", where)
    raise IngestError("旧版 Office 文件（.xls/.doc）暂不支持，请另存为 .xlsx/.docx 后再导入", where)


def _mhtml_page(data: bytes, filename: str | None) -> bytes:
    """The HTML part of a MIME web archive, decoded from its transfer encoding, as bytes with a charset."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            decoded = part.get_payload(decode=True)  # bytes for a leaf part (None for a multipart one)
            payload = decoded if isinstance(decoded, bytes) else b""
            charset = part.get_content_charset()
            if charset:
                payload = f'<meta charset="{charset}">'.encode("ascii") + payload
            return payload
    raise IngestError("这是一个网页存档（MHTML），但其中没有 HTML 页面", Source(file=filename))
