"""The one place that knows both worlds: a stored record ↔ the domain `Table`.

A record's `document` is the Table's canonical JSON (every Source included); its other columns are a
summary for the portfolio, derived from the document whenever it is stored. `to_domain(record)` reads
the document back; `store(table, ...)` writes one, bumps the version and keeps the version's document.
"""

from __future__ import annotations

from ...domain.table import KIND_LABELS, Table
from .. import engines
from .models import Department, TableVersion, TargetTableRecord


def to_domain(record: TargetTableRecord) -> Table:
    return Table.model_validate_json(record.document)


def document_of(table: Table) -> str:
    """The text stored: the table's canonical JSON."""
    return table.canonical_json(indent=None)


def at_year(table: Table, year: int) -> Table:
    """The table as a record of `year` stores it: the document's year is the record's."""
    return table if table.year == year else table.model_copy(update={"year": year})


def label_of(table: Table, department: Department) -> str:
    """What the portfolio calls a table: the project's name, else its department's. A table with neither
    (a blank template) is named by its title and where it sits, so two of them in one file stay apart."""
    if table.kind == "department_target":
        return department.name
    if table.project is not None and table.project.name:
        return table.project.name[:300]
    base = table.title or KIND_LABELS[table.kind]
    place = f"工作表 {table.locator.sheet}" if table.locator.sheet else f"第{table.locator.page}页" if table.locator.page else ""
    return (f"{base}（{place}）" if place else base)[:300]


def project_code_of(table: Table) -> str:
    return (table.project.code or "")[:100] if table.project is not None else ""


def identity(table: Table, department: Department, year: int) -> dict:
    """The columns that tell a unit's tables of a year apart (the uniqueness rule)."""
    return {"department": department, "year": year, "kind": table.kind, "project_code": project_code_of(table), "label": label_of(table, department)}


def summary(table: Table, department: Department) -> dict:
    """The record's columns derived from the document."""
    return {
        "kind": table.kind,
        "fill_status": table.status,
        "label": label_of(table, department),
        "project_code": project_code_of(table),
        "source_file": (table.source_file or "")[:300],
        "indicator_count": len(table.indicators),
        "not_applicable_count": len(table.not_applicable),
        **engines.audit_summary(table),  # 评分一致性 of a self-evaluation: computed when stored, not on every view
    }


def store(table: Table, department: Department, year: int, record: TargetTableRecord | None = None, user=None, action: str = "导入",
          batch=None) -> TargetTableRecord:
    """Write `table` as the document of `record` (new when None) and keep it as a new version.

    Call inside a transaction. The document's year is the record's year; `batch` (an import's UUID) when given.
    """
    table = at_year(table, year)
    if record is None:
        record = TargetTableRecord(department=department, year=year)
    else:
        record.version += 1
    record.document = document_of(table)
    if batch is not None:
        record.batch = batch
    for column, value in summary(table, department).items():
        setattr(record, column, value)
    record.save()
    keep_version(record, user, action)
    return record


def keep_version(record: TargetTableRecord, user=None, action: str = "") -> TableVersion:
    return TableVersion.objects.create(
        table=record, version=record.version, document=record.document,
        user=user if user is not None and user.is_authenticated else None,
        username=getattr(user, "username", "") or "", action=action,
    )
