"""File responses with their name in Chinese (RFC 5987 `filename*`, an ASCII fallback for old clients)."""

from __future__ import annotations

import re
from urllib.parse import quote

from django.http import HttpResponse

TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def file_name(*parts, ext: str) -> str:
    """`<单位>-<年度>-<表名>.<ext>` from the parts given (blank ones left out; characters a file system refuses removed)."""
    stem = "-".join(_UNSAFE.sub("", str(p)).strip() for p in parts if p not in (None, ""))
    return f"{stem or 'jixiao'}.{ext}"


def attachment(data: bytes, name: str, inline: bool = False) -> HttpResponse:
    ext = name.rsplit(".", 1)[-1]
    response = HttpResponse(data, content_type=TYPES.get(ext, "application/octet-stream"))
    how = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{how}; filename=\"jixiao.{ext}\"; filename*=UTF-8''{quote(name)}"
    return response
