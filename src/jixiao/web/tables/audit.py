"""The audit trail (留痕): one call per change; entries are append-only (see AuditEntry)."""

from __future__ import annotations

from .models import AuditEntry


def record(user, table, action: str, field: str = "", before=None, after=None) -> AuditEntry:
    return AuditEntry.objects.create(
        table=table,
        table_label=str(table) if table is not None else "",
        user=user if user is not None and user.is_authenticated else None,
        username=getattr(user, "username", "") or "",
        action=action,
        field=field,
        before=before,
        after=after,
    )
