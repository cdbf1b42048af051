"""The Celery task: one for every kind of job (the Job row says which), retried when the database is
away; a worker process gets a hard memory cap at start."""

from __future__ import annotations

import resource

from celery.signals import worker_process_init

from . import runner
from .queue import MEMORY_MB, app


@app.task(name="jixiao.run_job", bind=True, max_retries=5)
def run_job(self, job_id: str) -> None:
    try:
        runner.run(job_id)
    except runner.Transient as error:
        raise self.retry(exc=error, countdown=10) from error


@worker_process_init.connect
def _memory_cap(**_kwargs) -> None:
    """Each pool process may hold at most JIXIAO_TASK_MEMORY_MB (+ 512 MB for the libraries) of address space:
    past it an allocation raises MemoryError, which fails the job with a message instead of the machine."""
    cap = (MEMORY_MB + 512) * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > cap:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
