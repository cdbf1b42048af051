"""What pages and the API do to tables: import a document, edit values, move through the workflow.

Every function checks permissions, runs in one transaction (all or nothing) and writes the audit
trail. Errors a person can fix raise `Refused` with a Chinese message.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from functools import partial

from django.conf import settings
from django.db import transaction
from pydantic import ValidationError

from ...domain import bounds
from ...domain.document import Document
from ...domain.table import Table
from ...ingest import IngestError, read_document_bytes
from .. import engines, permissions
from ..review.models import ReviewComment
from ..review.stored import stored_report
from . import audit, mapping, merge, rows, textfields
from .models import Department, Status, TargetTableRecord

log = logging.getLogger(__name__)


class Refused(Exception):
    """A request the application refuses, with the reason for the person (简体中文)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def review_config(department: Department):
    """The department's review configuration; an unknown checklist is refused with its message (409)."""
    try:
        return engines.review_config(department)
    except engines.ChecklistError as error:
        raise Refused(error.message, 409) from None


def regrade(record: TargetTableRecord, table: Table | None = None, config=None) -> None:
    """Store the review's overall grade (优/良/中/差, with the department's checklist) on the record, for the portfolio."""
    config = config if config is not None else review_config(record.department)
    grade = str(stored_report(record, table, config).overall.grade)  # kept with the version, for the pages
    if grade != record.review_grade:
        record.review_grade = grade
        record.save(update_fields=["review_grade"])


def read_document(data: bytes, filename: str) -> Document:
    """Every table of an uploaded file; refused when it cannot be read or holds no table."""
    try:
        document = read_document_bytes(data, filename)
    except IngestError as error:
        raise Refused(f"无法读取文件：{error}") from None
    if not document.tables:
        raise Refused("无法读取文件：文件中没有找到绩效目标表")
    return document


def where(table: Table, n: int) -> str:
    """A table of a document in words: 第3张表（工作表“…”）“项目名称”."""
    place = f"工作表“{table.locator.sheet}”" if table.locator.sheet else f"第{table.locator.page}页" if table.locator.page else ""
    return f"第{n}张表{'（' + place + '）' if place else ''}“{table.label}”"


def names_of(table: Table) -> set[str]:
    """The unit names a table gives: its department's, else its project's 主管部门 and 实施单位."""
    if table.department is not None and table.department.name:
        return {table.department.name}
    if table.project is not None:
        return {n for n in (table.project.department, table.project.unit) if n}
    return set()


def import_document(user, data: bytes, filename: str, year: int | None = None, checklist: str | None = None,
                    unit: str = "", document: Document | None = None, skip_unchanged: bool = False) -> list[TargetTableRecord]:
    """Read a document and store every table in it, all or nothing.

    Department staff store their department's tables. Reviewers and evaluators store published
    self-evaluations (only those) of the unit each table names, else of `unit` (the 被评价单位 they
    typed; created when new); those tables are stored as published (已公开), and an earlier copy is replaced.
    The tables share a new import batch (`batch`). `checklist` (a shipped locality's name, "" for the
    default; None keeps the department's) becomes the department's checklist, and the tables are graded with it.
    `document`: the file already read (an upload's stored parse), so it is not read again.
    `skip_unchanged`: a table already stored with exactly this content (and, for an audit upload, already
    published) is left as it is — no new version, no audit entry, not refused for its status — and returned
    with the others; so importing the same file again changes nothing (`jixiao batch --import` reruns).
    """
    if not permissions.can_upload(user):
        raise Refused("只有部门填报人员可以导入目标表（财政审核人员和评价人员可以导入已公开的绩效自评表）", 403)
    document = document if document is not None else read_document(data, filename)
    auditor = permissions.can_upload_selfevals(user)
    department: Department | None = None if auditor else user.profile.department
    if auditor:
        checklist = None  # a department's checklist is not changed by an audit upload
    if checklist is not None and checklist and checklist not in engines.localities():
        raise Refused(f"未知的审核口径“{checklist}”（内置的地方审核口径：{'、'.join(engines.localities()) or '无'}；留空为默认）")
    plan = []
    for n, table in enumerate(document.tables, 1):
        names = names_of(table)
        if auditor:
            if table.kind != "selfeval":
                raise Refused(f"只有部门填报人员可以导入目标表：{where(table, n)}不是绩效自评表（财政审核人员和评价人员只能导入已公开的绩效自评表）；未导入任何表", 403)
            unit_name = _unit_name(names, unit)
            if not unit_name:
                raise Refused(f"{where(table, n)}没有写明单位，请填写被评价单位")
        else:
            assert department is not None
            if names and department.name not in names:
                raise Refused(f"{where(table, n)}的单位“{'、'.join(sorted(names))}”与您所属的部门“{department.name}”不一致")
            unit_name = department.name
        table_year = year or table.year
        if not table_year:
            raise Refused(f"{where(table, n)}没有年度，请填写年度")
        plan.append((n, table, table_year, unit_name))
    keys: dict[tuple, int] = {}
    for n, table, table_year, unit_name in plan:
        probe = department or Department(name=unit_name)
        key = (unit_name, *(v for k, v in mapping.identity(table, probe, table_year).items() if k != "department"))
        if key in keys:
            raise Refused(f"{where(table, n)}与第{keys[key]}张表是同一张表（类型、名称和项目编码相同），无法同时导入")
        keys[key] = n
    records: list[TargetTableRecord] = []
    batch = uuid.uuid4()
    try:
        with transaction.atomic():
            if department is not None and checklist is not None and checklist != department.review_checklist:
                set_checklist(user, department, checklist)  # its other tables regraded too
            configs: dict[str, object] = {}
            for n, table, table_year, unit_name in plan:
                unit_department = department or Department.objects.get_or_create(name=unit_name)[0]
                if unit_name not in configs:
                    configs[unit_name] = review_config(unit_department)
                records.append(_import_one(user, unit_department, table, table_year, filename, n, batch, configs[unit_name], published=auditor,
                                           skip_unchanged=skip_unchanged))
    except Refused:
        raise
    except Exception as error:  # any failure to store one table (logged, re-raised as a refusal naming it): nothing was imported
        log.exception("import of %s failed", filename)
        raise Refused(f"导入失败，未导入任何表：{where(*_failed(plan, len(records)))}无法保存（{type(error).__name__}: {error}）", 500) from error
    return records


def _unit_name(names: set[str], unit: str) -> str:
    """The unit of a self-evaluation uploaded by a reviewer or evaluator: a stored department the table
    names, else the first name it gives, else the name typed on the form."""
    if names:
        known = Department.objects.filter(name__in=names).values_list("name", flat=True).first()
        return known or sorted(names)[0][:200]
    return (unit or "").strip()[:200]


def _failed(plan, done: int):
    n, table, _year, _unit = plan[min(done, len(plan) - 1)]
    return table, n


def _import_one(user, department, table: Table, year: int, filename: str, n: int, batch: uuid.UUID, config,
                published: bool = False, skip_unchanged: bool = False) -> TargetTableRecord:
    existing = TargetTableRecord.objects.select_for_update().filter(**mapping.identity(table, department, year)).first()
    if (skip_unchanged and existing is not None and existing.document == mapping.document_of(mapping.at_year(table, year))
            and (not published or existing.status == Status.PUBLISHED)):
        return existing
    if existing is not None and existing.status not in permissions.EDITABLE and not (published and existing.kind == "selfeval"):
        raise Refused(f"{where(table, n)}：{existing} 的状态为“{existing.get_status_display()}”，不能覆盖；未导入任何表", 409)
    before = {"指标数": existing.indicator_count, "版本": existing.version} if existing else None
    record = mapping.store(table, department, year, existing, user, "导入", batch=batch)
    if published and record.status != Status.PUBLISHED:
        record.status = Status.PUBLISHED  # a published self-evaluation, uploaded to audit its scores
        record.save(update_fields=["status"])
    regrade(record, table, config)
    after = {"指标数": len(table.indicators), "不适用": len(table.not_applicable), "版本": record.version, "读取说明": len(table.notes)}
    audit.record(user, record, "导入", f"{filename} · {where(table, n)}", before, after)
    return record


def set_checklist(user, department: Department, checklist: str) -> None:
    """Make `checklist` (a shipped locality's name, "" for the default) the department's review checklist,
    audited; its stored tables are regraded with it (the portfolio's 审核等级)."""
    if not permissions.can_set_checklist(user, department):
        raise Refused("只有财政审核人员（或导入本部门目标表的填报人员）可以设置部门的审核口径", 403)
    checklist = (checklist or "").strip()
    if checklist and checklist not in engines.localities():
        raise Refused(f"未知的审核口径“{checklist}”（内置的地方审核口径：{'、'.join(engines.localities()) or '无'}；留空为默认）")
    if checklist == department.review_checklist:
        return
    with transaction.atomic():
        before = department.review_checklist
        department.review_checklist = checklist
        department.save(update_fields=["review_checklist"])
        audit.record(user, None, "审核口径", department.name, before or "默认", checklist or "默认")
        config = review_config(department)
        for record in TargetTableRecord.objects.filter(department=department).select_related("department"):
            regrade(record, None, config)


# ---- editing -------------------------------------------------------------------------------------

TABLE_FIELDS = {  # edit-form field → (label, path in the document, integer?) — department tables
    "funded_staff": ("财政供养人员数", ("department", "funded_staff"), True),
    "subordinate_units": ("下属二级单位数", ("department", "subordinate_units"), True),
    "basic": ("基本支出", ("budget", "expenditure", "basic"), False),
    "project": ("项目支出", ("budget", "expenditure", "project"), False),
    "special_fund": ("财政专项资金", ("budget", "expenditure", "development", "special_fund"), False),
    "development_other": ("其他事业发展性支出", ("budget", "expenditure", "development", "other"), False),
    "fiscal_appropriation": ("财政拨款", ("budget", "income", "fiscal_appropriation"), False),
    "income_other": ("其他资金", ("budget", "income", "other"), False),
    "city_level": ("市本级使用资金", ("budget", "by_level", "city_level"), False),
    "transfer_to_lower": ("拟用于对下转移支付资金", ("budget", "by_level", "transfer_to_lower"), False),
}
INDICATOR_FIELDS = {"name": "三级指标", "period_value": "实施周期指标值", "annual_value": "年度指标值", "explanation": "指标解释"}
EDITABLE_INDICATOR_FIELDS = tuple(INDICATOR_FIELDS)


def table_fields(record: TargetTableRecord) -> tuple[str, ...]:
    """The facts an edit form offers: a department table's basic facts and budget; none for other kinds."""
    return tuple(TABLE_FIELDS) if record.kind == "department_target" else ()


def _get(doc: dict, path: tuple[str, ...]):
    value: object = doc
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _set(doc: dict, path: tuple[str, ...], value) -> None:
    for part in path[:-1]:
        if not isinstance(doc.get(part), dict):
            doc[part] = {}
        doc = doc[part]
    doc[path[-1]] = value


def table_value(document: dict, field: str):
    return _get(document, TABLE_FIELDS[field][1])


class Conflict(Refused):
    """The form was based on an older version and both sides changed some values: `clashes` lists them
    (what the person started from, what the colleague saved, what the person typed); `shown` is what the
    form shows again (the person's changes, else the stored values). Nothing was saved."""

    def __init__(self, current: TargetTableRecord, clashes: list[merge.Clash], shown: dict):
        super().__init__(f"保存失败：他人已于您打开表单后修改了该表（当前版本 {current.version}）。以下各项双方都改了：请逐项选择保留哪一方的值后再保存；其余各项已合并，您的输入未丢失。", 409)
        self.current = current
        self.clashes = clashes
        self.shown = shown


def _fields(current: dict, table_values: dict, indicator_values: dict[int, dict], text_values: dict | None = None) -> list[tuple[merge.Field, object]]:
    """The posted values as merge fields (indicator positions outside the table are ignored)."""
    out: list[tuple[merge.Field, object]] = textfields.fields(current, text_values or {})
    for field, value in table_values.items():
        label, path, _integer = TABLE_FIELDS[field]
        out.append((merge.Field(field, label, partial(_get, path=path), partial(_set_at, path=path)), value))
    rows = current.get("indicators") or []
    for position, values in indicator_values.items():
        if not 1 <= position <= len(rows):
            continue
        name = rows[position - 1].get("name")
        for f, value in values.items():
            out.append((merge.Field(f"{f}_{position}", f"{name}·{INDICATOR_FIELDS[f]}", partial(_row_get, position=position, field=f),
                                    partial(_row_set, position=position, field=f)), value))
    return out


def _set_at(doc: dict, value, path: tuple[str, ...]) -> None:
    _set(doc, path, value)


def _row_get(doc: dict, position: int, field: str) -> str:
    return _row(doc, position).get(field) or ""


def _row_set(doc: dict, value, position: int, field: str) -> None:
    _row(doc, position)[field] = value or None


def _row(doc: dict, position: int) -> dict:
    rows = doc.get("indicators") or []
    return rows[position - 1] if 1 <= position <= len(rows) else {}


def locked_draft(user, record: TargetTableRecord, unsaved: str) -> TargetTableRecord:
    """The record locked for the rest of the transaction (`select_for_update`), its state checked under
    the lock: a table submitted meanwhile is no longer the person's to change (409, `unsaved` saying
    what was not done)."""
    current = TargetTableRecord.objects.select_for_update().select_related("department").get(pk=record.pk)
    if not permissions.can_edit(user, current):
        raise Refused(f"该表当前状态为“{current.get_status_display()}”，不能修改（只有草稿或已退回的表可以修改）；{unsaved}", 409)
    return current


def edit(user, record: TargetTableRecord, version: int, table_values: dict, indicator_values: dict[int, dict],
         choices: dict[str, str] | None = None, seen: int | None = None, text_values: dict | None = None) -> TargetTableRecord:
    """Save edited values into a new version; audit each change.

    `version` is the version the form was opened on. The table is locked and its status checked under
    the lock (a table submitted meanwhile is refused). When a colleague saved since, the values are merged
    three ways (`merge.merge`); `choices` (key → "mine"/"theirs") settle the clashes the person was shown
    on the version `seen` (stale choices are ignored: a newer save shows the clashes again).
    `indicator_values`: position (from 1) → {field: text}; `table_values`: TABLE_FIELDS key → value.
    The document is validated by the domain before it is stored; the version goes up only when something differs.
    """
    if not permissions.can_edit(user, record):
        raise Refused("您无权修改该目标表", 403)
    with transaction.atomic():
        current = locked_draft(user, record, "您的修改未保存")
        doc = current.data
        base = doc if version == current.version else _document_of_version(current, version)
        if base is not None and base is not doc:  # a colleague may have moved, added or removed rows since
            base, indicator_values, gone = rows.aligned(base, doc, indicator_values)
            if gone:
                raise Refused(f"您修改的指标“{'”“'.join(gone)}”已被他人删除（当前版本 {current.version}），未保存；请刷新页面后重新修改", 409)
        result = merge.merge(_fields(doc, table_values, indicator_values, text_values), base, doc, (choices or {}) if seen == current.version else {})
        if result.clashes:
            raise Conflict(current, result.clashes, result.shown)
        if not result.changes:
            return current
        for field, _old, value in result.changes:
            field.set(doc, value)
        table = validated(doc)
        mapping.store(table, current.department, current.year, current, user, "修改")
        for field, old, value in result.changes:
            audit.record(user, current, "修改", field.label, old, value)
        regrade(current, table)
    return current


def _document_of_version(record: TargetTableRecord, number: int) -> dict | None:
    stored = audit.version(record, number)
    return stored.data if stored is not None else None


def validated(doc: dict) -> Table:
    """The domain's validation of an edited document; its objections in Chinese as a refusal."""
    try:
        return Table.model_validate(doc)
    except ValidationError as error:
        raise Refused("；".join(bounds.describe(error, FIELD_LABELS))) from None


FIELD_LABELS = {path: label for label, path, _integer in TABLE_FIELDS.values()}


# ---- workflow ------------------------------------------------------------------------------------

TRANSITIONS = {  # action → (permission, from statuses, to status, audit label)
    "submit": (permissions.can_submit, permissions.EDITABLE, Status.SUBMITTED, "提交"),
    "return": (permissions.can_review, (Status.SUBMITTED,), Status.RETURNED, "退回"),
    "approve": (permissions.can_review, (Status.SUBMITTED,), Status.APPROVED, "批准"),
    "publish": (permissions.can_publish, (Status.APPROVED,), Status.PUBLISHED, "公开"),
}


def submission_errors(record: TargetTableRecord, reason: str = "") -> list:
    """The error-severity findings a submission goes ahead with: none, or refused (409) when the department's
    checklist does not allow them, or (400) when it does but no reason (提交说明) was given."""
    config = review_config(record.department)
    errors = engines.error_findings(mapping.to_domain(record), config)
    if not errors:
        return []
    listed = "；".join(f"{f.code} {f.message}" for f in errors[:5]) + ("……" if len(errors) > 5 else "")
    if not engines.errors_allowed(config):
        raise Refused(f"该表有 {len(errors)} 条错误级审核意见，不能提交审核，请修改后再提交：{listed}", 409)
    if not reason.strip():
        raise Refused(f"该表有 {len(errors)} 条错误级审核意见（{listed}）。审核口径允许带错误提交，但须填写提交说明。")
    return errors


def transition(user, record: TargetTableRecord, action: str, comment: str = "", row_comments: dict[int, str] | None = None) -> TargetTableRecord:
    """Move a table along draft → submitted → approved/returned → published; comments go with it.

    `row_comments`: position of the indicator (from 1) → comment.
    """
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
        errors = submission_errors(current, comment) if action == "submit" else []  # checked on the locked row
        before = current.status
        current.status = target
        if action == "submit":  # the reviewer's 审核期限 (the overview's 待审核 queue)
            current.deadline = dt.date.today() + dt.timedelta(days=settings.REVIEW_DAYS)
        current.save(update_fields=["status", "updated", "deadline"])
        audit.record(user, current, label, "状态", Status(before).label, target.label)
        if errors:  # allowed by the checklist, with the submitter's reason
            audit.record(user, current, "带错误提交", "提交说明", [f"{f.code} {f.message}" for f in errors], comment.strip())
        ReviewComment.objects.create(table=current, author=user, action=action, text=comment.strip())
        indicators = current.data.get("indicators") or []
        for position, text in row_comments.items():
            if 1 <= position <= len(indicators):
                name = indicators[position - 1].get("name") or ""
                ReviewComment.objects.create(table=current, row=position - 1, indicator_name=name, author=user, action=action, text=text)
                audit.record(user, current, f"{label}意见", name, None, text)
    return current
