"""Names of downloaded files: `<单位>-<年度>-<表名>.<ext>` (东莞市总工会-2025-部门整体绩效目标表.xlsx), sent as
an RFC 6266 Content-Disposition with the UTF-8 name in `filename*` (RFC 5987) and an ASCII fallback."""

from __future__ import annotations

import re
from urllib.parse import quote

from ...domain.table import KIND_LABELS

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+|\s+')
MAX_STEM = 120  # characters of the name before the extension (file systems allow 255 bytes)


def _part(text: str) -> str:
    return _UNSAFE.sub(" ", text or "").strip()


def table_name(record) -> str:
    """A stored table's name for a file: its own (a project's name) when it is not just its unit's, else
    its kind's (部门整体绩效目标表)."""
    if record.label and record.label != record.department.name:
        return record.label
    return KIND_LABELS.get(record.kind, "") or record.label or "目标表"


def file_name(record, ext: str, suffix: str = "") -> str:
    """<单位>-<年度>-<表名>[-suffix].<ext>, without characters a file system refuses."""
    parts = [_part(record.department.name), str(record.year or ""), _part(table_name(record)), _part(suffix)]
    stem = "-".join(p for p in parts if p)[:MAX_STEM] or f"table-{record.pk}"
    return f"{stem}.{ext}"


def disposition(name: str, fallback: str, inline: bool = False) -> str:
    """The Content-Disposition header: the ASCII `fallback` for old clients, the UTF-8 `name` in filename*."""
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def attach(response, record, ext: str, suffix: str = "", inline: bool = False):
    """Set the response's file name to the record's; returns the response."""
    fallback = f"table-{record.pk}{'-' + suffix if suffix.isascii() and suffix else ''}.{ext}"
    response["Content-Disposition"] = disposition(file_name(record, ext, suffix), fallback, inline)
    return response
