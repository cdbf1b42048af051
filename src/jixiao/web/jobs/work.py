"""What each kind of job does, given its Job and a progress callback; each returns (message, result).

An upload is read once, by `read_upload`, and its parse stored on the job: the preview and the import
read that. The import writes every table, deletes the pending upload and records the job's end in one
transaction, so a worker killed at any point leaves either nothing or the finished import (and a
redelivered job that already ended does nothing).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from ...domain.document import Document
from .. import permissions
from ..tables import services
from ..tables.models import PendingUpload
from . import runner
from .models import Job, JobKind, JobStatus
from .runner import Progress

MAX_TABLES = 500  # tables one upload may hold: a preview of more is unreadable; `jixiao batch` takes any number


def start_upload(user, filename: str, data: bytes, checklist: str = "", unit: str = "") -> Job:
    """Store an upload (replacing the person's earlier one) and start reading it."""
    if not permissions.can_upload(user):
        raise services.Refused("只有部门填报人员可以导入目标表（财政审核人员和评价人员可以导入已公开的绩效自评表）", 403)
    PendingUpload.objects.filter(user=user).delete()
    pending = PendingUpload.objects.create(user=user, filename=filename, data=data, checklist=checklist, unit=unit)
    return runner.start(JobKind.UPLOAD, user, pending=pending)


def start_import(user, pending: PendingUpload, year: int | None) -> Job:
    """Import an upload whose reading finished (its stored parse), as a job."""
    return runner.start(JobKind.IMPORT, user, {"year": year}, pending=pending)


def parsed_upload(pending: PendingUpload) -> Document | None:
    """The stored parse of an upload (its finished reading job), or None while it is being read."""
    text = Job.objects.filter(pending=pending, kind=JobKind.UPLOAD, status=JobStatus.DONE).values_list("document", flat=True).first()
    return Document.model_validate_json(text) if text else None


def read_upload(job: Job, progress: Progress) -> tuple[str, dict]:
    pending = job.pending
    if pending is None:
        raise services.Refused("上传的文件已不存在（已导入或已被新的上传替换），请重新上传")
    progress(0, 1, f"读取 {pending.filename}")
    document = services.read_document(bytes(pending.data), pending.filename)
    if len(document.tables) > MAX_TABLES:
        raise services.Refused(f"文件中有 {len(document.tables):,} 张表，超过单次上传的上限 {MAX_TABLES} 张；请拆分文件后分批上传，"
                               "或用命令行 jixiao batch 批量处理。")
    Job.objects.filter(pk=job.pk).update(document=document.canonical_json(indent=None))
    tables, indicators = len(document.tables), sum(len(t.indicators) for t in document.tables)
    progress(1, 1, "读取完成")
    return f"已读取 {tables} 张表（{indicators} 项指标），请在预览中核对后确认导入。", {"pending": pending.pk, "tables": tables, "indicators": indicators}


def import_upload(job: Job, progress: Progress) -> tuple[str, dict]:
    pending = job.pending
    if pending is None:
        raise services.Refused("该上传已导入或已被新的上传替换，请重新上传")
    document = parsed_upload(pending)
    if document is None:
        raise services.Refused("上传的文件尚未读取完成，请稍后在预览页确认导入")
    progress(0, len(document.tables), f"导入 {len(document.tables)} 张表")
    year = job.params.get("year")
    with transaction.atomic():
        records = services.import_document(job.user, b"", pending.filename, year, pending.checklist, unit=pending.unit, document=document)
        indicators = sum(r.indicator_count for r in records)
        if len(records) == 1:
            message = f"已导入 {records[0]}：{indicators} 项指标"
        else:
            message = f"已导入 {len(records)} 张表（共 {indicators} 项指标）"
        result = {"tables": [r.pk for r in records], "year": records[0].year}
        pending.delete()
        Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, message=message, result=result, finished=timezone.now(),
                                             done=len(records), total=len(records))
    return message, result


def export(job: Job, progress: Progress) -> tuple[str, dict]:
    from ..opendata.export import export_job

    return export_job(job, progress)


def review_tables(job: Job, progress: Progress) -> tuple[str, dict]:
    """Review every table the person may see (or `params["ids"]`) with its department's checklist, keep the
    report with its version and store its grade: a version already reviewed is only read back. A
    department whose checklist no longer exists is skipped and counted."""
    from .. import engines
    from ..tables.models import TargetTableRecord

    records = permissions.visible_tables(job.user, TargetTableRecord.objects.select_related("department")).order_by("id")
    if job.params.get("ids"):
        records = records.filter(pk__in=job.params["ids"])
    total = records.count()
    configs: dict[int, object] = {}
    skipped = 0
    for n, record in enumerate(records.iterator(chunk_size=200), 1):
        if record.department_id not in configs:
            try:
                configs[record.department_id] = engines.review_config(record.department)
            except engines.ChecklistError:
                configs[record.department_id] = None
        config = configs[record.department_id]
        if config is None:
            skipped += 1
        else:
            services.regrade(record, None, config)
        progress(n, total, "审核并保存结果")
    note = f"；{skipped} 张表所在部门的审核口径已不存在，未审核" if skipped else ""
    return f"已审核 {total - skipped:,} 张表，结果随各表当前版本保存{note}", {"tables": total - skipped, "skipped": skipped}


WORK = {JobKind.UPLOAD: read_upload, JobKind.IMPORT: import_upload, JobKind.EXPORT: export, JobKind.REVIEW: review_tables}
