"""REST API (django-ninja) under /api/, OpenAPI at /api/docs. Bearer tokens (accounts.ApiToken);
every endpoint asks the same `permissions` functions as the pages."""

from __future__ import annotations

import json

from django.shortcuts import get_object_or_404
from ninja import File, Form, NinjaAPI, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import HttpBearer

from . import engines, permissions
from .accounts.models import ApiToken
from .evaluation.models import Evaluation
from .monitoring.models import Snapshot
from .tables import mapping, services
from .tables.models import Department, TargetTableRecord
from .tables.upload_limit import too_large_message
from django.conf import settings


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.objects.select_related("user__profile").filter(key=token).first()
        if found is None or not found.user.is_active:
            return None
        request.user = found.user
        return found.user


api = NinjaAPI(title="jixiao 绩效 API", version="1", description="部门、目标表、指标、审核意见、监控、自评", auth=TokenAuth(), urls_namespace="api")


class DepartmentOut(Schema):
    id: int
    name: str
    region: str


class TableSummary(Schema):
    id: int
    department: str
    year: int
    title: str
    status: str
    version: int
    review_grade: str
    score: float | None
    indicator_count: int


class IndicatorOut(Schema):
    id: int
    position: int
    level1: str
    level2: str
    name: str
    period_value: str
    annual_value: str
    sources: dict


class FindingOut(Schema):
    code: str
    dimension: str
    severity: str
    message: str
    line: int | None
    suggestion: str


class FindingsOut(Schema):
    findings: list[FindingOut]


class SnapshotOut(Schema):
    id: int
    as_of: str
    executed: float | None
    actuals: dict


class EvaluationOut(Schema):
    id: int
    executed: float | None
    score: float | None
    grade: str
    actuals: dict


def _table(request, pk: int) -> TargetTableRecord:
    record = get_object_or_404(TargetTableRecord.objects.select_related("department"), pk=pk)
    if not permissions.can_view(request.auth, record):
        raise HttpError(403, "您无权查看该目标表")
    return record


def _summary(t: TargetTableRecord, count: int | None = None) -> dict:
    return {"id": t.pk, "department": t.department.name, "year": t.year, "title": t.title, "status": t.status,
            "version": t.version, "review_grade": t.review_grade, "score": t.score, "indicator_count": count}


@api.get("/departments", response=list[DepartmentOut], summary="部门列表")
def departments(request):
    if permissions.role_of(request.auth) is None:
        raise HttpError(403, "账户没有角色")
    visible = permissions.visible_tables(request.auth, TargetTableRecord.objects.all()).values("department_id")
    return Department.objects.filter(id__in=visible) if permissions.role_of(request.auth).value in ("staff", "viewer") else Department.objects.all()


@api.get("/tables", response=list[TableSummary], summary="目标表列表")
def tables(request, year: int | None = None, status: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0):
    qs = permissions.visible_tables(request.auth, TargetTableRecord.objects.select_related("department"))
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(department__name__icontains=q)
    qs = qs.order_by("id")[offset : offset + min(limit, 500)]
    return [_summary(t, t.indicator_count) for t in qs]


@api.get("/tables/{int:pk}", summary="目标表（规范 JSON 与状态）")
def table(request, pk: int):
    record = _table(request, pk)
    return {"summary": _summary(record, record.indicator_count), "table": json.loads(mapping.to_domain(record).canonical_json())}


@api.get("/tables/{int:pk}/indicators", response=list[IndicatorOut], summary="指标")
def indicators(request, pk: int):
    return list(_table(request, pk).indicators.all())


@api.get("/tables/{int:pk}/findings", response=FindingsOut, summary="审核意见")
def findings(request, pk: int):
    found = engines.review_findings(mapping.to_domain(_table(request, pk)))
    return {"findings": [
        {"code": f.code, "dimension": f.dimension, "severity": f.severity, "message": f.message,
         "line": getattr(f.source, "line", None), "suggestion": f.suggestion} for f in found]}


@api.get("/tables/{int:pk}/monitoring", response=list[SnapshotOut], summary="监控快照")
def monitoring(request, pk: int):
    return [{"id": s.id, "as_of": s.as_of.isoformat(), "executed": s.executed, "actuals": s.actuals}
            for s in Snapshot.objects.filter(table=_table(request, pk))]


@api.get("/tables/{int:pk}/evaluations", response=list[EvaluationOut], summary="自评")
def evaluations(request, pk: int):
    return list(Evaluation.objects.filter(table=_table(request, pk)))


@api.post("/tables/import", response={201: TableSummary}, summary="导入文档（部门填报人员）")
def import_table(request, document: File[UploadedFile], year: Form[int | None] = None):
    if document.size > settings.UPLOAD_MAX_BYTES:
        raise HttpError(413, too_large_message(document.size))
    try:
        record = services.import_document(request.auth, document.read(), document.name, year)
    except services.Refused as error:
        raise HttpError(error.status, error.message) from None
    return Status(201, _summary(record, record.indicator_count))


@api.post("/tables/{int:pk}/{action}", response=TableSummary, summary="流转：submit / return / approve / publish")
def transition(request, pk: int, action: str, comment: Form[str] = ""):
    record = _table(request, pk)
    try:
        record = services.transition(request.auth, record, action, comment)
    except services.Refused as error:
        raise HttpError(error.status, error.message) from None
    return _summary(record, record.indicator_count)
