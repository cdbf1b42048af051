"""Names of downloaded files: `<单位>-<年度>-<表名>.<ext>` (东莞市总工会-2025-部门整体绩效目标表.xlsx), sent as
an RFC 6266 Content-Disposition with the UTF-8 name in `filename*` (RFC 5987) and an ASCII fallback.
Every download of every app (tables, monitoring, self-evaluation, overview, audit) is named here."""

from __future__ import annotations

import re
from urllib.parse import quote

from django.http import HttpResponse

from ..domain.table import KIND_LABELS

TYPES = {
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+|\s+')
MAX_STEM = 120  # characters of the name before the extension (file systems allow 255 bytes)


def _part(text) -> str:
    return _UNSAFE.sub(" ", str(text) if text is not None else "").strip()


def table_name(record) -> str:
    """A stored table's name for a file: its own (a project's name) when it is not just its unit's, else
    its kind's (部门整体绩效目标表)."""
    if record.label and record.label != record.department.name:
        return record.label
    return KIND_LABELS.get(record.kind, "") or record.label or "目标表"


def named(*parts, ext: str) -> str:
    """A file name from its parts, joined by '-' (blank parts left out, characters a file system refuses removed)."""
    stem = "-".join(p for p in map(_part, parts) if p)[:MAX_STEM]
    return f"{stem or 'jixiao'}.{ext}"


def file_name(record, ext: str, suffix: str = "", form: str | None = None) -> str:
    """<单位>-<年度>-<表名>[-suffix].<ext>. A form made from the table (`form`: 绩效运行监控表, 绩效自评报告)
    takes the place of the table's kind: <单位>-<年度>[-项目名称]-<form>."""
    own = record.label if record.label and record.label != record.department.name else ""
    title = table_name(record) if form is None else own
    return named(record.department.name, record.year or "", title, form or "", suffix, ext=ext)


def disposition(name: str, fallback: str, inline: bool = False) -> str:
    """The Content-Disposition header: the ASCII `fallback` for old clients, the UTF-8 `name` in filename*."""
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def attach(response, record, ext: str, suffix: str = "", inline: bool = False):
    """Set the response's file name to the record's; returns the response."""
    fallback = f"table-{record.pk}{'-' + suffix if suffix.isascii() and suffix else ''}.{ext}"
    response["Content-Disposition"] = disposition(file_name(record, ext, suffix), fallback, inline)
    return response


def attachment(data: bytes, name: str, inline: bool = False, fallback: str | None = None) -> HttpResponse:
    """A file response named `name` (its type from the extension)."""
    ext = name.rsplit(".", 1)[-1]
    response = HttpResponse(data, content_type=TYPES.get(ext, "application/octet-stream"))
    response["Content-Disposition"] = disposition(name, fallback or f"jixiao.{ext}", inline)
    return response
