"""The embedded set-up of `make run`: no Redis, the broker a SQLite file in the data directory (kombu's
SQLAlchemy transport) and a real `jixiao worker` process beside the site. An upload is read and imported
by that worker, not in the request (the jobs run in the worker's process); a worker process killed in the
middle of an import has the job delivered again and finished, every table stored once; a 20 MB text upload
leaves the site (gunicorn) answering within a second while the worker reads it, and ends with a message; the
worker stops on SIGTERM. (`test_jobs_worker.py` does the same on Redis, the production broker, when one is given.)"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import EXAMPLE
from documents_support import TITLES, Form, fixed_forms, project_facts, render_text
from jobs_support import running_site, upload_while_probing

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

from jixiao.web.jobs.models import Job

user = User.objects.get(username="dept")
reading = finished(work.start_upload(user, os.path.basename(sys.argv[1]), open(sys.argv[1], "rb").read()))
year = int(sys.argv[2])
killed = None
if reading.status == "done":
    job = work.start_import(user, reading.pending, year)
    if sys.argv[3] == "kill":  # the pool process running the import, well inside its transaction
        deadline = time.monotonic() + 60
        while Job.objects.get(pk=job.pk).status != "running" and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        running = Job.objects.get(pk=job.pk)
        if running.status == "running":
            killed = running.worker_pid
            os.kill(killed, 9)
    imported = finished(job, 240)
else:
    imported = reading
print(json.dumps({"broker": broker_url(), "me": os.getpid(), "reading": [reading.status, reading.message, reading.worker_pid],
                  "import": [imported.status, imported.message, imported.worker_pid], "attempts": imported.attempts, "killed": killed,
                  "tables": TargetTableRecord.objects.filter(year=year).count(),
                  "versions": TargetTableRecord.objects.filter(year=year, version__gt=1).count()}, ensure_ascii=False))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A data directory, its migrated SQLite database and one `jixiao worker` on the embedded broker."""
    folder = tmp_path_factory.mktemp("embedded")
    env = {k: v for k, v in os.environ.items() if k not in ("JIXIAO_TASKS", "JIXIAO_BROKER_URL", "DATABASE_URL")}
    env |= {"JIXIAO_DATA_DIR": str(folder), "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}", "JIXIAO_ALLOWED_HOSTS": "127.0.0.1"}
    with running_site(env, folder) as web:
        yield folder, env, web.worker, web


def _run(site, document: Path, year: int, kill: bool = False) -> dict:
    _folder, env, _worker, _web = site
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(document), str(year), "kill" if kill else "-"], env=env,
                          capture_output=True, text=True, timeout=400)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_make_runs_worker_on_the_sqlite_broker_reads_and_imports_an_upload(site):
    folder, _env, worker, _web = site
    result = _run(site, EXAMPLE, 2031)
    assert result["broker"] == f"sqla+sqlite:///{folder / 'broker.sqlite3'}" and (folder / "broker.sqlite3").exists()
    assert result["reading"][:2] == ["done", "已读取 1 张表（33 项指标），请在预览中核对后确认导入。"], result
    assert result["import"][0] == "done" and result["import"][1].startswith("已导入") and result["tables"] == 1, result
    assert result["reading"][2] not in (None, result["me"]) and result["import"][2] not in (None, result["me"])  # run by the worker
    assert worker.poll() is None


def test_a_table_the_worker_imports_is_counted_at_once_by_every_web_process(site):
    """The portfolio keeps its counts and latest imports in the site's shared cache (files in the data
    directory here): the worker's store refreshes what both gunicorn processes show — not a minute later."""
    folder, _env, _worker, web = site
    session = web.signed_in()

    def portfolio() -> list[tuple[int, bool]]:  # several requests, so both gunicorn processes answer
        pages = [session.open(f"{web.url}/", timeout=30).read().decode() for _ in range(6)]
        return [(int(re.search(r"共 ([\d,]+) 张表", p).group(1).replace(",", "")), "recent-batches" in p) for p in pages]  # type: ignore[union-attr]

    before = portfolio()
    assert len(set(before)) == 1, before
    result = _run(site, EXAMPLE, 2033)
    assert result["import"][0] == "done", result
    assert set(portfolio()) == {(before[0][0] + 1, True)}
    assert any((folder / "cache").rglob("*.djcache")), "the cache lives in the data directory"


def test_a_sign_out_ends_the_session_in_every_web_process(site):
    """Sessions are read through the shared cache (`cached_db`): once signed out, no gunicorn process still
    honours the session from a copy of its own — not even for its cookie sent again (a copied cookie)."""
    _folder, _env, _worker, web = site
    session = web.signed_in()
    pages = [session.open(f"{web.url}/", timeout=30) for _ in range(6)]  # both gunicorn processes load the session
    assert all(p.url == f"{web.url}/" for p in pages)
    jar = next(h.cookiejar for h in session.handlers if isinstance(h, urllib.request.HTTPCookieProcessor))
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar if c.name == "sessionid")
    assert cookie.startswith("sessionid=")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pages[-1].read().decode())
    assert token is not None
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1)}).encode()
    session.open(urllib.request.Request(f"{web.url}/accounts/logout/", data=form, headers={"Referer": f"{web.url}/"}), timeout=30).read()
    replayed = [urllib.request.urlopen(urllib.request.Request(f"{web.url}/", headers={"Cookie": cookie}), timeout=30) for _ in range(6)]
    assert all("/accounts/login/" in p.url for p in replayed), [p.url for p in replayed]


def test_a_worker_process_killed_mid_import_has_the_job_retried_and_nothing_half_imported(site, tmp_path):
    _folder, _env, worker, _web = site
    tables = 150
    lines = fixed_forms()[0].lines
    forms = [Form(TITLES[0], project_facts(f"4419003100009{k:05d}", f"职工服务阵地运营项目{k}", "东莞市总工会", "东莞市工人文化宫"), lines) for k in range(tables)]
    document = tmp_path / "projects.txt"
    document.write_bytes(render_text(forms)[0])
    result = _run(site, document, 2032, kill=True)
    assert result["reading"][0] == "done" and result["killed"] is not None, f"the import ended before it could be killed; make it larger: {result}"
    assert result["import"][0] == "done" and result["attempts"] == 2, result
    assert result["tables"] == tables and result["versions"] == 0  # every table stored once, as version 1
    assert worker.poll() is None  # the worker itself lives on (a new pool process took the job)


def test_a_20_mb_text_upload_leaves_the_site_responsive_and_ends_with_a_message(site):
    """The upload request only stores the file; the worker reads it while other requests keep answering."""
    _folder, _env, _worker, web = site
    run = upload_while_probing(web)
    job, probes, slowest = run["ended"], run["probes"], run["slowest"]
    assert probes > 20 and slowest < 1.0, f"slowest of {probes} requests during the job: {slowest:.2f} s"
    assert job["status"] == "failed" and "张表，超过单次上传的上限 500 张；请拆分文件后分批上传" in job["message"], job
