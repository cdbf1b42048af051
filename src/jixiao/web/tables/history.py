"""The history page (修改记录) in words: per version who (系统 for the system's own rows), when and what
changed (field: before → after, from `changes.diff` of the stored documents), the audit trail with its
values in words, and the comparison of any two versions (版本对比)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import audit, changes, services
from .models import AuditEntry, TableVersion
from .views import _history_table, refused

SUMMARISED = 50  # versions whose changes are listed on the history page (each is its whole document)
SHOWN_PER_VERSION = 12  # changes listed under a version before “等 N 处”


@login_required
@require_GET
def history(request, pk: int):
    try:
        record = _history_table(request, pk)
    except services.Refused as error:
        return refused(request, error)
    versions = list(audit.versions(record))
    documents = {v.version: v.data for v in TableVersion.objects.filter(table=record, version__gte=versions[0].version - SUMMARISED)} if versions else {}
    rows = []
    for v in versions:
        before = documents.get(v.version - 1)
        found = changes.diff(before, documents[v.version]) if before is not None and v.version in documents else None
        rows.append({"v": v, "changes": (found or [])[:SHOWN_PER_VERSION], "more": max(0, len(found or []) - SHOWN_PER_VERSION),
                     "compared": found is not None})
    entries = [{"e": e, "before": changes.audit_value(e.before, changes.unit_of_label(e.field)),
                "after": changes.audit_value(e.after, changes.unit_of_label(e.field))}
               for e in AuditEntry.objects.filter(table=record).select_related("user")]
    numbers = [v.version for v in versions]
    return render(request, "tables/history.html", {
        "t": record, "versions": rows, "entries": entries, "numbers": numbers,
        "diff_from": numbers[1] if len(numbers) > 1 else (numbers[0] if numbers else None), "diff_to": numbers[0] if numbers else None,
    })


@login_required
@require_GET
def version_diff(request, pk: int):
    """Two versions side by side: every change from version `from` to version `to` (any two, either order)."""
    try:
        record = _history_table(request, pk)
        first, second = (_number(request.GET.get(k), k) for k in ("from", "to"))
        a, b = audit.version(record, first), audit.version(record, second)
        if a is None or b is None:
            raise services.Refused(f"没有版本 {first if a is None else second}（该表共有 {record.version} 个版本）", 404)
    except services.Refused as error:
        return refused(request, error)
    numbers = list(audit.versions(record).values_list("version", flat=True))
    return render(request, "tables/diff.html", {"t": record, "a": a, "b": b, "changes": changes.diff(a.data, b.data), "numbers": numbers})


def _number(text: str | None, key: str) -> int:
    text = (text or "").strip()
    if not (text.isascii() and text.isdigit() and len(text) < 10):
        raise services.Refused(f"版本号“{text}”无效：请选择要对比的两个版本（{'起始' if key == 'from' else '目标'}版本）")
    return int(text)
