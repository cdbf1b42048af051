"""The embedded set-up of `make run`: no Redis, the broker a SQLite file in the data directory (kombu's
SQLAlchemy transport) and a real `jixiao worker` process beside the site. An upload is read and imported
by that worker, not in the request (the jobs run in the worker's process), and the worker stops on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

from conftest import EXAMPLE

SCRIPT = """
import json, os, sys, time
from jixiao.cli.web import django_setup, prepare
django_setup()
prepare()
from django.contrib.auth.models import User
from jixiao.web.jobs import work
from jixiao.web.jobs.queue import broker_url
from jixiao.web.tables.models import TargetTableRecord

def finished(job, seconds=120):
    deadline = time.monotonic() + seconds
    while job.status not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.2)
        job.refresh_from_db()
    return job

user = User.objects.get(username="dept")
reading = finished(work.start_upload(user, "example.txt", open(sys.argv[1], "rb").read()))
imported = finished(work.start_import(user, reading.pending, 2031)) if reading.status == "done" else reading
print(json.dumps({"broker": broker_url(), "me": os.getpid(), "reading": [reading.status, reading.message, reading.worker_pid],
                  "import": [imported.status, imported.message, imported.worker_pid],
                  "stored": TargetTableRecord.objects.filter(year=2031).count()}, ensure_ascii=False))
"""


def test_make_runs_worker_on_the_sqlite_broker_reads_and_imports_an_upload(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("JIXIAO_TASKS", "JIXIAO_BROKER_URL", "DATABASE_URL")}
    env |= {"JIXIAO_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}"}
    subprocess.run([sys.executable, "-c", "from jixiao.cli.web import django_setup, prepare; django_setup(); prepare()"],
                   env=env, check=True, capture_output=True, timeout=300)  # migrated first: the worker and the site share it
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen([sys.executable, "-c", "from jixiao.cli import main; main()", "worker", "-c", "1"], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(EXAMPLE)], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        result = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        finally:
            if worker.poll() is None:
                worker.kill()
            log.close()
    assert result["broker"] == f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}" and (tmp_path / "broker.sqlite3").exists()
    assert result["reading"][:2] == ["done", "已读取 1 张表（33 项指标），请在预览中核对后确认导入。"], result
    assert result["import"][0] == "done" and result["import"][1].startswith("已导入") and result["stored"] == 1, result
    assert result["reading"][2] not in (None, result["me"]) and result["import"][2] not in (None, result["me"])  # run by the worker
    assert worker.returncode is not None
