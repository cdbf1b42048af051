"""REST API (django-ninja) under /api/, OpenAPI at /api/docs. Bearer tokens (accounts.ApiToken, hashed at
rest, expiring, revocable); every endpoint asks the same `permissions` functions as the pages.

The docs page and `openapi.json` are for signed-in users (a session or a token, `docs.signed_in`): the
schema names every endpoint, the internal ones too, and the public has no use for it."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Annotated

from django.conf import settings
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import File, Form, NinjaAPI, Schema, Status
from ninja.errors import HttpError, ValidationError
from ninja.files import UploadedFile
from ninja.security import HttpBearer
from pydantic import Field

from ..domain import bounds
from ..domain.table import Table
from . import docs, engines, permissions, query
from .accounts.models import ApiToken
from .entries import EntryStatus
from .evaluation.models import Evaluation
from .jobs.api import router as jobs_router
from .monitoring.models import Snapshot
from .review.batches import summarize
from .tables import audit, mapping, selfaudit, services
from .tables.models import Department, Kind, TargetTableRecord
from .tables.models import Status as TableStatus
from .tables.upload_limit import too_large_message

LAST_USED_EVERY = dt.timedelta(minutes=5)  # how fresh a token's 最近使用 is kept


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.find(token)
        if found is None:
            return None
        now = timezone.now()
        if found.last_used is None or now - found.last_used > LAST_USED_EVERY:  # not a write on every request
            ApiToken.objects.filter(pk=found.pk).update(last_used=now)
        request.user = found.user
        return found.user


api = NinjaAPI(title="jixiao 绩效 API", version="1", description="部门、目标表、指标、审核意见、监控、自评", auth=TokenAuth(), urls_namespace="api",
               docs_decorator=docs.signed_in)
api.add_router("/jobs", jobs_router)  # background jobs: uploads read and imported, open-data exports


class DepartmentOut(Schema):
    id: int
    name: str
    region: str


class TableSummary(Schema):
    id: int
    kind: str  # department_target · project_target · selfeval · monitor
    department: str
    year: int
    title: str  # the project's name, or the department's
    project_code: str
    status: str  # workflow: draft · submitted · returned · approved · published
    fill_status: str  # filled · unfilled (a blank template)
    version: int
    review_grade: str
    score: float | None
    indicator_count: int
    not_applicable_count: int
    batch: str | None  # the import batch (GET /api/batches/{batch}/summary)
    audit_disagreements: int | None  # 评分一致性 of a self-evaluation (0 = 一致); null for other kinds


class ImportOut(TableSummary):
    """The first table imported (as before) and every table of the document in `tables`."""

    tables: list[TableSummary]


class IndicatorOut(Schema):
    position: int  # from 1
    level1: str | None
    level2: str | None
    name: str
    period_value: str | None
    annual_value: str | None
    explanation: str | None
    op: str | None
    unit: str | None
    weight: float | None
    sources: dict


class FindingOut(Schema):
    """A review finding: a `domain.problem.Problem` (`row`: the indicator's index, from 0)."""

    code: str
    dimension: str | None  # the 88号 dimension, or the checklist's group
    checklist_item: str | None = None  # the locality checklist's item (审核细项), when the table's checklist has one
    severity: str
    message: str
    line: int | None
    row: int | None
    where: str
    suggestion: str | None
    source: dict | None
    figures: dict


class FindingsOut(Schema):
    findings: list[FindingOut]


class BatchProject(Schema):
    code: str
    name: str


class BatchTable(Schema):
    id: int
    sheet: str
    project: BatchProject
    grade: str
    findings: int  # every finding of the table's review
    items: dict[str, int]  # checklist item (审核细项) → number of findings, the items hit only


class BatchSummaryOut(Schema):
    source_file: str
    checklist: str  # songgang-2023, or "default" (财预〔2015〕88号; its criteria are the rule codes)
    tables: list[BatchTable]
    totals: dict[str, int]


class VersionOut(Schema):
    version: int
    at: str
    username: str
    action: str


class SnapshotOut(Schema):
    id: int
    as_of: str
    executed: float | None
    actuals: dict
    deviations: dict  # position → {"cause": 偏差原因, "correction": 纠偏措施}
    status: str  # draft (seen only by who may enter it) · submitted


class EvaluationOut(Schema):
    id: int
    executed: float | None
    score: float | None
    grade: str
    actuals: dict
    status: str  # draft (seen only by who may enter it) · submitted


def _table(request, pk: int) -> TargetTableRecord:
    record = get_object_or_404(TargetTableRecord.objects.select_related("department"), pk=pk)
    if not permissions.can_view(request.auth, record):
        raise HttpError(403, "您无权查看该目标表")
    return record


def _internal(request, pk: int, message: str = "审核意见仅供填报、审核和评价人员查看") -> TargetTableRecord:
    """A table whose internal records (review, 自评得分复核, monitoring) the user may see, else 403."""
    record = _table(request, pk)
    if not permissions.can_see_review(request.auth, record):
        raise HttpError(403, message)
    return record


SUMMARY_COLUMNS = ("id", "department__name", "year", "kind", "label", "project_code", "status", "fill_status", "version",
                   "review_grade", "score", "indicator_count", "not_applicable_count", "batch", "audit_disagreements")


def _summary(t: TargetTableRecord, user) -> dict:
    """A table's summary line; its review grade and 评分一致性 only for those who may see the review."""
    internal = permissions.can_see_review(user, t)
    return {"id": t.pk, "kind": t.kind, "department": t.department.name, "year": t.year, "title": t.label, "project_code": t.project_code,
            "status": t.status, "fill_status": t.fill_status, "version": t.version, "review_grade": t.review_grade if internal else "", "score": t.score,
            "indicator_count": t.indicator_count, "not_applicable_count": t.not_applicable_count,
            "batch": str(t.batch) if t.batch and internal else None, "audit_disagreements": t.audit_disagreements if internal else None}


@api.get("/departments", response=list[DepartmentOut], summary="部门列表")
def departments(request):
    role = permissions.role_of(request.auth)
    if role is None:
        raise HttpError(403, "账户没有角色")
    visible = permissions.visible_tables(request.auth, TargetTableRecord.objects.all()).values("department_id")
    return Department.objects.filter(id__in=visible) if role.value in ("staff", "viewer") else Department.objects.all()


@api.exception_handler(ValidationError)
def invalid_parameters(request, error: ValidationError):
    """A parameter the endpoint does not take (?limit=-1, ?offset=1e20, ?year=²): 400 with Chinese messages."""
    labels = {(where, name): label for where in ("query", "path", "form") for name, label in PARAMETER_LABELS.items()}
    return api.create_response(request, {"detail": "；".join(bounds.describe(error.errors, labels)) or "请求参数无效"}, status=400)


PARAMETER_LABELS = {"year": "年度 year", "status": "状态 status", "kind": "表类型 kind", "department": "部门编号 department", "q": "搜索词 q",
                    "limit": "条数 limit", "offset": "起始位置 offset", "pk": "表编号", "number": "版本号", "batch": "导入批次"}
Year = Annotated[int, Field(ge=bounds.YEARS[0], le=bounds.YEARS[1])]
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]


@api.get("/tables", response=list[TableSummary], summary="目标表列表")
def tables(request, year: Year | None = None, status: str | None = None, kind: str | None = None, department: Id | None = None,
           q: Annotated[str, Field(max_length=query.MAX_TEXT)] | None = None, limit: Annotated[int, Field(ge=1, le=500)] = 50,
           offset: Annotated[int, Field(ge=0, le=10**9)] = 0):
    """Filter by year, workflow status, kind (`?kind=project_target`), department id, or a name (`q`); `limit` 1–500, `offset` from 0."""
    qs = permissions.visible_tables(request.auth, TargetTableRecord.objects.select_related("department"))
    try:
        status = query.choice(status, TableStatus.values, "状态")
        kind = query.choice(kind, Kind.values, "表类型")
        q = query.search(q)
    except services.Refused as error:
        raise HttpError(400, error.message) from None
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if department:
        qs = qs.filter(department_id=department)
    if q:
        qs = qs.filter(Q(department__name__icontains=q) | Q(label__icontains=q) | Q(project_code__icontains=q))
    qs = qs.order_by("id").only(*SUMMARY_COLUMNS)[offset : offset + min(limit, 500)]
    return [_summary(t, request.auth) for t in qs]


@api.get("/tables/{int:pk}", summary="目标表（规范 JSON、状态与同部门同年度的表）")
def table(request, pk: int):
    record = _table(request, pk)
    related = permissions.visible_tables(
        request.auth, TargetTableRecord.objects.filter(department_id=record.department_id, year=record.year).exclude(pk=record.pk)
    ).select_related("department").only(*SUMMARY_COLUMNS).order_by("kind", "label", "id")
    return {"summary": _summary(record, request.auth), "table": json.loads(mapping.to_domain(record).canonical_json()),
            "related": [_summary(t, request.auth) for t in related]}


@api.get("/tables/{int:pk}/indicators", response=list[IndicatorOut], summary="指标")
def indicators(request, pk: int):
    table = mapping.to_domain(_table(request, pk))
    return [{"position": n, **i.model_dump(mode="json", include=set(IndicatorOut.model_fields) - {"position"})} for n, i in enumerate(table.indicators, 1)]


@api.get("/tables/{int:pk}/findings", response=FindingsOut, summary="审核意见")
def findings(request, pk: int):
    record = _internal(request, pk)
    try:
        config = services.review_config(record.department)
    except services.Refused as error:
        raise HttpError(error.status, error.message) from None
    found = engines.review_findings(mapping.to_domain(record), config=config)
    return {"findings": [{**f.to_dict(), "line": f.source.line if f.source is not None else None} for f in found]}


@api.get("/batches/{batch}/summary", response=BatchSummaryOut, summary="同批导入汇总：项目 × 审核细项")
def batch_summary(request, batch: uuid.UUID):
    """The tables imported together from one file (the same upload) the user may see, each with its grade
    and the checklist items its review hits (number of findings), and the totals per item."""
    try:
        return summarize(request.auth, batch).to_dict()
    except services.Refused as error:
        raise HttpError(error.status, error.message) from None


class AuditLineOut(Schema):
    department: str
    department_id: int | None
    tables: int
    tables_in_disagreement: int
    table_share: float | None  # tables in disagreement / tables
    points_in_disagreement: float  # sum of |published − computed| over the rows in disagreement
    published_points: float  # sum of the published row scores
    point_share: float | None  # points in disagreement / published points
    kinds: dict[str, int]  # AUD-* code → disagreements


class AuditSummaryOut(Schema):
    year: int | None
    kinds: dict[str, str]  # AUD-* code → the kind in words
    departments: list[AuditLineOut]
    total: AuditLineOut


@api.get("/audit/summary", response=AuditSummaryOut, summary="自评得分复核汇总：各单位的自评表、不符表数与分值、按类型计数")
def audit_summary(request, year: Year | None = None):
    if not permissions.can_audit(request.auth):
        raise HttpError(403, "只有财政审核人员和评价人员可以查看自评得分复核汇总")
    return selfaudit.summary(request.auth, year)


@api.get("/tables/{int:pk}/audit", summary="自评得分复核：逐行公开得分与复核得分、预算执行、总分、等级与不符之处")
def table_audit(request, pk: int):
    record = _internal(request, pk)
    result = engines.self_audit(mapping.to_domain(record))
    if result is None:
        raise HttpError(404, "该表不是绩效自评表")
    return result.to_json()


def _history(request, pk: int) -> TargetTableRecord:
    record = _table(request, pk)
    if not permissions.can_view_history(request.auth, record):
        raise HttpError(403, "您无权查看该表的修改记录")
    return record


@api.get("/tables/{int:pk}/versions", response=list[VersionOut], summary="历史版本")
def versions(request, pk: int):
    return [{"version": v.version, "at": v.at.isoformat(), "username": v.username, "action": v.action} for v in audit.versions(_history(request, pk))]


@api.get("/tables/{int:pk}/versions/{int:number}", summary="某一历史版本的规范 JSON")
def version(request, pk: int, number: int):
    stored = audit.version(_history(request, pk), number)
    if stored is None:
        raise HttpError(404, "没有该版本")
    return {"version": stored.version, "at": stored.at.isoformat(), "username": stored.username, "action": stored.action,
            "table": json.loads(Table.model_validate_json(stored.document).canonical_json())}


@api.get("/tables/{int:pk}/monitoring", response=list[SnapshotOut], summary="监控快照")
def monitoring(request, pk: int):
    record = _internal(request, pk, "运行监控数据不对外公开")
    snapshots = Snapshot.objects.filter(table=record)
    if not permissions.can_monitor(request.auth, record):
        snapshots = snapshots.filter(status=EntryStatus.SUBMITTED)
    return [{"id": s.id, "as_of": s.as_of.isoformat(), "executed": s.executed, "actuals": s.actuals, "deviations": s.deviations, "status": s.status}
            for s in snapshots]


@api.get("/tables/{int:pk}/evaluations", response=list[EvaluationOut], summary="自评")
def evaluations(request, pk: int):
    record = _table(request, pk)
    found = Evaluation.objects.filter(table=record)
    return list(found if permissions.can_evaluate(request.auth, record) else found.filter(status=EntryStatus.SUBMITTED))


@api.post("/tables/import", response={201: ImportOut}, summary="导入文档的全部表（部门填报人员；财政审核人员和评价人员导入已公开的绩效自评表；全部成功或全部不导入）")
def import_table(request, document: File[UploadedFile], year: Form[Year | None] = None, checklist: Form[str | None] = None, unit: Form[str] = ""):
    """`checklist`: a shipped locality's name (becomes the department's checklist), "" for the default; omitted keeps the department's.
    `unit`: for a reviewer's or evaluator's self-evaluations, the unit when a table names none."""
    size = document.size or 0
    if size > settings.UPLOAD_MAX_BYTES:
        raise HttpError(413, too_large_message(size))
    try:
        records = services.import_document(request.auth, document.read(), document.name or "upload", year, checklist, unit=unit)
    except services.Refused as error:
        raise HttpError(error.status, error.message) from None
    summaries = [_summary(r, request.auth) for r in records]
    return Status(201, {**summaries[0], "tables": summaries})


@api.post("/tables/{int:pk}/{action}", response=TableSummary, summary="流转：submit / return / approve / publish（表有错误级审核意见时不能提交；审核口径允许时须以 comment 填写提交说明）")
def transition(request, pk: int, action: str, comment: Form[str] = ""):
    record = _table(request, pk)
    try:
        record = services.transition(request.auth, record, action, comment)
    except services.Refused as error:
        raise HttpError(error.status, error.message) from None
    return _summary(record, request.auth)
