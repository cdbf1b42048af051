"""The Celery application: where job messages go and the limits every job runs under.

Broker: `JIXIAO_BROKER_URL` (production: Redis, e.g. redis://host:6379/0, shared by every machine's
workers); without it a SQLite file in the data directory through kombu's SQLAlchemy transport
(`broker.sqlite3`), so `make run` needs no extra server. `JIXIAO_TASKS=eager` runs each job inside the
request that starts it (tests, or a site without any worker). Celery keeps no results: the `Job` row is
the result. Limits: `JIXIAO_TASK_TIME_LIMIT` seconds per job (default 600; then the job fails with a
message) and `JIXIAO_TASK_MEMORY_MB` per worker process (default 2048: a job that needs more fails with a
message, and the process is replaced).
"""

from __future__ import annotations

import os

from celery import Celery
from django.conf import settings


def broker_url() -> str:
    url = os.environ.get("JIXIAO_BROKER_URL", "").strip()
    return url or f"sqla+sqlite:///{settings.DATA_DIR / 'broker.sqlite3'}"


TIME_LIMIT = int(os.environ.get("JIXIAO_TASK_TIME_LIMIT", "600"))
MEMORY_MB = int(os.environ.get("JIXIAO_TASK_MEMORY_MB", "2048"))
URL = broker_url()

app = Celery("jixiao")
app.conf.update(
    broker_url=URL,
    broker_connection_retry_on_startup=True,
    task_ignore_result=True,
    task_always_eager=os.environ.get("JIXIAO_TASKS", "").strip() == "eager",
    task_acks_late=True,  # a job whose worker dies is delivered again, not lost …
    task_reject_on_worker_lost=True,  # … and `runner` counts the attempts
    worker_prefetch_multiplier=1,  # long jobs: a worker takes one at a time
    task_soft_time_limit=TIME_LIMIT,
    task_time_limit=TIME_LIMIT + 30,
    worker_max_memory_per_child=MEMORY_MB * 1024,  # KiB: a process grown past it is replaced after its job
    task_default_queue="jixiao",
    imports=["jixiao.web.jobs.tasks"],
    # Redis: a job not acknowledged in this long (its worker machine lost) is delivered again.
    broker_transport_options={"visibility_timeout": TIME_LIMIT + 120} if URL.startswith(("redis", "rediss")) else {},
)
