"""Starting a job and running it: attempts, progress, and every way a job ends as a message.

`start` stores the Job and hands its id to the queue (or runs it at once in eager mode); a worker calls
`run`. A job ends `done` with what it made, or `failed` with a message for the person: the reason a
document was refused, a time or memory limit passed, a worker that died too often, or an internal error
(logged). Its work runs in one transaction where it writes (see `work.py`), so a job that fails or whose
worker is killed leaves nothing half-made.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable

from celery.exceptions import SoftTimeLimitExceeded
from django.db import DatabaseError, InterfaceError, OperationalError
from django.utils import timezone

from ..tables.services import Refused
from .models import Job, JobKind, JobStatus
from .queue import MEMORY_MB, TIME_LIMIT

log = logging.getLogger(__name__)

MAX_ATTEMPTS = int(os.environ.get("JIXIAO_TASK_ATTEMPTS", "3"))


class Transient(Exception):
    """The database could not be reached: the job goes back to the queue and is tried again later."""


Progress = Callable[[int, int, str], None]


def start(kind: JobKind, user, params: dict | None = None, pending=None) -> Job:
    """A new job, committed, then sent to the workers; a queue that cannot be reached fails it with a message."""
    from .tasks import run_job

    job = Job.objects.create(kind=kind, user=user, params=params or {}, pending=pending, stage="等待处理")
    try:
        run_job.delay(str(job.pk))
    except Exception as error:
        log.exception("could not queue job %s", job.pk)
        _end(job, JobStatus.FAILED, f"任务队列暂时不可用，未能开始处理（{type(error).__name__}）；请稍后重试或联系管理员。")
    job.refresh_from_db()
    return job


def run(job_id: str) -> None:
    """Run job `job_id` once more (a worker calls this; a redelivered job counts another attempt)."""
    from .work import WORK

    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.over:
        return  # deleted, or a second delivery of a job that already ended
    attempt = job.attempts + 1
    if attempt > MAX_ATTEMPTS:
        _end(job, JobStatus.FAILED, f"处理中工作进程已中断 {job.attempts} 次（可能是文件过大或过于复杂），任务已停止，未保存任何结果；请拆分文件后重试或联系管理员。")
        return
    stage = f"第 {attempt} 次尝试（上次处理中断，已重新开始）" if attempt > 1 else "开始处理"
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=attempt, worker_pid=os.getpid(), started=timezone.now(), stage=stage)
    job.refresh_from_db()
    try:
        message, result = WORK[JobKind(job.kind)](job, _progress(job))
    except Refused as error:
        _end(job, JobStatus.FAILED, error.message)
    except SoftTimeLimitExceeded:
        _end(job, JobStatus.FAILED, f"处理超时：超过 {TIME_LIMIT} 秒仍未完成，已停止，未保存任何结果；请拆分文件后重试。")
    except MemoryError:
        _end(job, JobStatus.FAILED, f"内存不足：处理所需内存超过上限（{MEMORY_MB} MB），已停止，未保存任何结果；请拆分文件后重试。")
    except (OperationalError, InterfaceError) as error:
        Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED, attempts=attempt - 1, stage="数据库暂时不可用，稍后自动重试")
        raise Transient(str(error)) from error
    except DatabaseError as error:  # an integrity or data error: the transaction was rolled back
        log.exception("job %s failed", job.pk)
        _end(job, JobStatus.FAILED, f"保存失败，未保存任何结果（{type(error).__name__}）；请联系管理员。")
    except Exception:
        log.exception("job %s failed", job.pk)
        _end(job, JobStatus.FAILED, "处理失败：内部错误（已记录），未保存任何结果；请联系管理员。")
    else:
        _end(job, JobStatus.DONE, message, result)


def _progress(job: Job) -> Progress:
    """Progress for the job page: written at most every 0.5 s (and at each new stage), not per item."""
    last_at, last_stage = [0.0], [""]

    def report(done: int, total: int, stage: str) -> None:
        now = time.monotonic()
        if stage == last_stage[0] and now - last_at[0] < 0.5 and done < total:
            return
        last_at[0], last_stage[0] = now, stage
        Job.objects.filter(pk=job.pk).update(done=done, total=total, stage=stage)

    return report


def _end(job: Job, status: JobStatus, message: str, result: dict | None = None) -> None:
    fields = {"status": status, "message": message, "finished": timezone.now(), "stage": ""}
    if result is not None:
        fields["result"] = result
    if status == JobStatus.DONE:
        job.refresh_from_db(fields=["total"])
        fields["done"] = job.total
    Job.objects.filter(pk=job.pk).update(**fields)
