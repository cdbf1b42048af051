"""What pages and the API do to tables: import a document, edit values, move through the workflow.

Every function checks permissions, runs in one transaction (all or nothing) and writes the audit
trail. Errors a person can fix raise `Refused` with a Chinese message.
"""

from __future__ import annotations

from django.db import transaction

from ...ingest import IngestError, IngestResult, read_bytes
from .. import engines, permissions
from ..review.models import ReviewComment
from . import audit, mapping
from .models import Department, IndicatorRow, Status, TargetTableRecord


class Refused(Exception):
    """A request the application refuses, with the reason for the person (简体中文)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def regrade(record: TargetTableRecord, table=None) -> None:
    """Store the review engine's overall grade (优/良/中/差) on the record, for the portfolio."""
    grade = engines.review_grade(table if table is not None else mapping.to_domain(record))
    if grade != record.review_grade:
        record.review_grade = grade
        record.save(update_fields=["review_grade"])


def read_document(data: bytes, filename: str) -> IngestResult:
    try:
        return read_bytes(data, filename)
    except IngestError as error:
        raise Refused(f"无法读取文件：{error}") from None


def import_document(user, data: bytes, filename: str, year: int | None = None) -> TargetTableRecord:
    """Read a document and store it as the user's department's table for its year, all or nothing."""
    if not permissions.can_upload(user):
        raise Refused("只有部门填报人员可以导入目标表", 403)
    result = read_document(data, filename)
    table = result
    department: Department = user.profile.department
    if table.department.name and table.department.name != department.name:
        raise Refused(f"文件中的部门“{table.department.name}”与您所属的部门“{department.name}”不一致")
    year = year or table.year
    if not year:
        raise Refused("文件中没有年度，请填写年度")
    with transaction.atomic():
        existing = TargetTableRecord.objects.select_for_update().filter(department=department, year=year).first()
        if existing is not None and existing.status not in permissions.EDITABLE:
            raise Refused(f"{department.name} {year} 年的目标表状态为“{existing.get_status_display()}”，不能覆盖", 409)
        before = {"指标数": existing.indicators.count(), "版本": existing.version} if existing else None
        record = mapping.store(table, department, year, existing)
        regrade(record, table)
        audit.record(user, record, "导入", filename, before, {"指标数": len(table.indicators), "版本": record.version, "读取说明": len(result.notes)})
    return record


EDITABLE_INDICATOR_FIELDS = ("name", "period_value", "annual_value")
EDITABLE_TABLE_FIELDS = ("funded_staff", "subordinate_units", *mapping.BUDGET_FIELDS)


class Conflict(Refused):
    """The form was based on an older version: `differences` lists (field, yours, current)."""

    def __init__(self, current: TargetTableRecord, differences: list[tuple[str, str, str]]):
        super().__init__(f"保存失败：他人已于您打开表单后修改了该表（当前版本 {current.version}）。您的输入未丢失，请核对差异后重新保存。", 409)
        self.current = current
        self.differences = differences


def edit(user, record: TargetTableRecord, version: int, table_values: dict, indicator_values: dict[int, dict]) -> TargetTableRecord:
    """Save edited values if `version` is still current (optimistic locking); audit each change.

    `indicator_values`: IndicatorRow id → {field: text}; `table_values`: record field → value.
    """
    if not permissions.can_edit(user, record):
        raise Refused("您无权修改该目标表", 403)
    with transaction.atomic():
        current = TargetTableRecord.objects.select_for_update().get(pk=record.pk)
        rows = {row.id: row for row in current.indicators.all()}
        if current.version != version:
            raise Conflict(current, _differences(current, rows, table_values, indicator_values))
        changed = 0
        for field, value in table_values.items():
            old = getattr(current, field)
            if old != value:
                setattr(current, field, value)
                audit.record(user, current, "修改", current._meta.get_field(field).verbose_name, old, value)
                changed += 1
        for row_id, values in indicator_values.items():
            row = rows.get(row_id)
            if row is None:
                continue
            dirty = []
            for field, value in values.items():
                old = getattr(row, field)
                if old != value:
                    setattr(row, field, value)
                    dirty.append(field)
                    audit.record(user, current, "修改", f"{row.name}·{IndicatorRow._meta.get_field(field).verbose_name}", old, value)
            if dirty:
                row.save(update_fields=dirty)
                changed += 1
        if changed:
            current.version += 1
            regrade(current)
            current.save()
    return current


def _differences(current, rows, table_values, indicator_values) -> list[tuple[str, str, str]]:
    out = []
    for field, value in table_values.items():
        if getattr(current, field) != value:
            out.append((str(current._meta.get_field(field).verbose_name), _show(value), _show(getattr(current, field))))
    for row_id, values in indicator_values.items():
        row = rows.get(row_id)
        for field, value in values.items():
            if row is not None and getattr(row, field) != value:
                label = f"{row.name}·{IndicatorRow._meta.get_field(field).verbose_name}"
                out.append((label, _show(value), _show(getattr(row, field))))
    return out


def _show(value) -> str:
    return "（空）" if value in (None, "") else str(value)


TRANSITIONS = {  # action → (permission, from statuses, to status, audit label)
    "submit": (permissions.can_submit, permissions.EDITABLE, Status.SUBMITTED, "提交"),
    "return": (permissions.can_review, (Status.SUBMITTED,), Status.RETURNED, "退回"),
    "approve": (permissions.can_review, (Status.SUBMITTED,), Status.APPROVED, "批准"),
    "publish": (permissions.can_publish, (Status.APPROVED,), Status.PUBLISHED, "公开"),
}


def transition(user, record: TargetTableRecord, action: str, comment: str = "", row_comments: dict[int, str] | None = None) -> TargetTableRecord:
    """Move a table along draft → submitted → approved/returned → published; comments go with it."""
    if action not in TRANSITIONS:
        raise Refused("未知操作", 404)
    allowed, sources, target, label = TRANSITIONS[action]
    if not allowed(user, record):
        raise Refused(f"您无权执行“{label}”，或该表当前状态（{record.get_status_display()}）不允许此操作", 403)
    row_comments = {k: v.strip() for k, v in (row_comments or {}).items() if v and v.strip()}
    if action == "return" and not (comment.strip() or row_comments):
        raise Refused("退回时请填写意见（总体或逐行）")
    with transaction.atomic():
        current = TargetTableRecord.objects.select_for_update().get(pk=record.pk)
        if current.status not in sources:
            raise Refused(f"该表当前状态为“{current.get_status_display()}”，不能{label}", 409)
        before = current.status
        current.status = target
        current.save(update_fields=["status", "updated"])
        audit.record(user, current, label, "状态", Status(before).label, target.label)
        ReviewComment.objects.create(table=current, author=user, action=action, text=comment.strip())
        rows = {r.id: r for r in current.indicators.filter(id__in=row_comments)}
        for row_id, text in row_comments.items():
            if row_id in rows:
                ReviewComment.objects.create(
                    table=current, indicator=rows[row_id], indicator_name=rows[row_id].name, author=user, action=action, text=text
                )
                audit.record(user, current, f"{label}意见", rows[row_id].name, None, text)
    return current
