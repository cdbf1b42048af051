"""The audit trail (留痕): one call per change; entries are append-only (see AuditEntry). Each entry
notes the table's version after the change; that version's whole document is its TableVersion."""

from __future__ import annotations

from .models import AuditEntry, TableVersion, TargetTableRecord


def record(user, table, action: str, field: str = "", before=None, after=None) -> AuditEntry:
    return AuditEntry.objects.create(
        table=table,
        table_label=str(table)[:300] if table is not None else "",
        user=user if user is not None and user.is_authenticated else None,
        username=getattr(user, "username", "") or "",
        action=action,
        field=field[:200],
        before=before,
        after=after,
        version=getattr(table, "version", None),
    )


def version(table: TargetTableRecord, number: int) -> TableVersion | None:
    """The document of one stored version of a table (None when there is no such version)."""
    return TableVersion.objects.filter(table=table, version=number).first()


def versions(table: TargetTableRecord):
    """Every stored version of a table, newest first, without their documents."""
    return TableVersion.objects.filter(table=table).defer("document").order_by("-version")
