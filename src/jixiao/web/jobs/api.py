"""REST endpoints of the background jobs (under /api/jobs): start reading an upload, import it, start the
open-data export, follow any job, download what an export made. Same permissions as the pages; a job is
seen only by the person who started it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.http import FileResponse
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from .. import permissions
from ..accounts.models import Role
from ..tables import services
from ..tables.upload_limit import too_large_message
from . import runner
from .models import Job, JobKind, JobStatus
from .views import export_path
from .work import parsed_upload, start_import, start_upload

router = Router(tags=["后台任务"])


class JobOut(Schema):
    id: uuid.UUID
    kind: str  # upload · import · export
    status: str  # queued · running · done · failed
    stage: str
    done: int
    total: int
    attempts: int
    message: str  # the outcome in words (Chinese), or why it failed
    result: dict  # upload: {pending, tables, indicators}; import: {tables: [ids], year}; export: {files: [names]}


def _job(request, pk: uuid.UUID) -> Job:
    job = Job.objects.filter(pk=pk).first()
    if job is None or (job.user_id != request.auth.pk and not request.auth.is_superuser):
        raise HttpError(404, "没有该任务")
    return job


@router.post("/uploads", response={202: JobOut}, summary="上传文档并在后台读取（返回任务；读取完成后用 /jobs/{id}/import 导入）")
def upload(request, document: File[UploadedFile], checklist: Form[str] = "", unit: Form[str] = ""):
    size = document.size or 0
    if size > settings.UPLOAD_MAX_BYTES:
        raise HttpError(413, too_large_message(size))
    try:
        job = start_upload(request.auth, document.name or "upload", document.read(), checklist, unit)
    except services.Refused as error:
        raise HttpError(error.status, error.message) from None
    return Status(202, job)


@router.post("/{uuid:pk}/import", response={202: JobOut}, summary="导入已读取完成的上传（全部成功或全部不导入）")
def import_upload(request, pk: uuid.UUID, year: Form[int | None] = None):
    job = _job(request, pk)
    if job.kind != JobKind.UPLOAD:
        raise HttpError(400, "只能导入“读取上传文件”任务的结果")
    pending = job.pending
    if pending is None:
        raise HttpError(409, "该上传已导入或已被新的上传替换，请重新上传")
    if job.status != JobStatus.DONE or parsed_upload(pending) is None:
        raise HttpError(409, job.message if job.status == JobStatus.FAILED else "上传的文件尚未读取完成，请稍后再试")
    return Status(202, start_import(request.auth, pending, year))


@router.post("/exports", response={202: JobOut}, summary="开放数据导出：已公开的表与指标（CSV、Parquet、datapackage.json），在后台生成")
def start_export(request):
    return Status(202, runner.start(JobKind.EXPORT, request.auth))


@router.post("/reviews", response={202: JobOut}, summary="审核评分：按各部门审核口径审核全部可见的表，结果随版本保存（财政审核人员）")
def start_review(request):
    if permissions.role_of(request.auth) != Role.REVIEWER:
        raise HttpError(403, "只有财政审核人员可以对全部表重新审核评分")
    return Status(202, runner.start(JobKind.REVIEW, request.auth))


@router.get("/{uuid:pk}/files/{name}", summary="下载导出任务生成的文件（jixiao-open-data.zip、datapackage.json、*.csv、*.parquet）")
def export_file(request, pk: uuid.UUID, name: str):
    path = export_path(_job(request, pk), name)
    if path is None:
        raise HttpError(404, "没有该文件（任务未完成，或文件名不在任务结果中）")
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


@router.get("/{uuid:pk}", response=JobOut, summary="任务状态、进度与结果")
def job(request, pk: uuid.UUID):
    return _job(request, pk)
