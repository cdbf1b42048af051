"""A site of its own for the job tests: a data directory with its migrated SQLite database, the web
application under gunicorn and one `jixiao worker`, on whichever broker the environment names (Redis in
`test_jobs_worker.py`, the embedded SQLite broker in `test_jobs_embedded.py`), and the 20 MB upload both
drive while probing the site."""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from conftest import EXAMPLE

SETUP = """
from jixiao.cli.web import django_setup, prepare
django_setup()
prepare()
from django.contrib.auth.models import User
from jixiao.web.accounts.models import ApiToken
print(ApiToken.issue(User.objects.get(username="dept"))[1])
"""


@dataclass
class Site:
    url: str
    token: str
    database: Path
    worker: subprocess.Popen

    def request(self, method: str, path: str, body: bytes | None = None, content_type: str | None = None, timeout: float = 60) -> tuple[int, dict]:
        headers = {"Authorization": f"Bearer {self.token}"}
        if content_type:
            headers["Content-Type"] = content_type
        req = urllib.request.Request(self.url + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def post_form(self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]] | None = None, timeout: float = 60):
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
        for k, (name, data) in (files or {}).items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"; filename="{name}"\r\nContent-Type: text/plain\r\n\r\n'.encode() + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body, f"multipart/form-data; boundary={boundary}", timeout)

    def signed_in(self, username: str = "dept", password: str = "jixiao2025") -> urllib.request.OpenerDirector:
        """A browser-like session (cookies, CSRF) signed in to the site's pages."""
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = opener.open(f"{self.url}/accounts/login/", timeout=30).read().decode()
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found is not None, "the sign-in page has a CSRF token"
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": found.group(1), "username": username, "password": password}).encode()
        opener.open(urllib.request.Request(f"{self.url}/accounts/login/", data=form, headers={"Referer": f"{self.url}/accounts/login/"}), timeout=30).read()
        return opener

    def job_row(self, job_id: str) -> dict:
        with sqlite3.connect(self.database, timeout=10) as db:
            db.row_factory = sqlite3.Row
            row = db.execute("SELECT status, attempts, worker_pid, message FROM jobs_job WHERE id = ?", (uuid.UUID(job_id).hex,)).fetchone()
        return dict(row) if row else {}

    def wait(self, job_id: str, seconds: float = 180) -> dict:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            status, job = self.request("GET", f"/api/jobs/{job_id}")
            if status == 200 and job["status"] in ("done", "failed"):
                return job
            time.sleep(0.3)
        raise AssertionError(f"job {job_id} did not end within {seconds} s: {self.job_row(job_id)}")

    def count(self, sql: str) -> int:
        with sqlite3.connect(self.database, timeout=10) as db:
            return db.execute(sql).fetchone()[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()



@contextlib.contextmanager
def running_site(env: dict, folder: Path) -> Iterator[Site]:
    """Migrate the database `env` names (issuing a token for `dept`), start one worker and the web
    application, and wait until it answers; both are stopped afterwards."""
    env = {k: v for k, v in env.items() if k != "JIXIAO_CACHE_URL"}  # the site's own shared cache, not the test process's
    database = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
    token = subprocess.run([sys.executable, "-c", SETUP], env=env, check=True, capture_output=True, text=True,
                           timeout=300).stdout.split()[-1]  # migrated first: the worker and the site share it
    log = (folder / "worker.log").open("w")
    worker = subprocess.Popen([sys.executable, "-c", "from jixiao.cli import main; main()", "worker", "-c", "1", "--loglevel", "info"],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    port = free_port()
    web = subprocess.Popen([sys.executable, "-m", "gunicorn", "jixiao.web.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2",
                            "--timeout", "120", "--log-level", "warning"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    site = Site(f"http://127.0.0.1:{port}", token, database, worker)
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if site.request("GET", "/api/departments", timeout=5)[0] == 200:
                    break
            assert time.monotonic() < deadline, "the web application did not start"
            time.sleep(0.5)
        yield site
    finally:
        stop(web)
        stop(worker)
        log.close()


def upload_while_probing(site: Site) -> dict:
    """Upload the example 3,000 times over (20 MB, more tables than one upload may hold) and keep asking
    the site for other things until the job ends: the upload's status and job, the ended job, how many
    probes answered and the slowest."""
    example = EXAMPLE.read_bytes() + b"\n\n"
    data = example * ((20 * 1024 * 1024 - 64 * 1024) // len(example))
    assert len(data) > 19.5 * 1024 * 1024
    answer: dict = {}

    def upload() -> None:
        answer["status"], answer["job"] = site.post_form("/api/jobs/uploads", {}, {"document": ("big.txt", data)}, timeout=120)

    thread = threading.Thread(target=upload)
    thread.start()
    slowest, probes = 0.0, 0
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        for path in ("/api/tables?limit=5", "/api/departments"):
            start = time.monotonic()
            status, _ = site.request("GET", path, timeout=10)
            slowest = max(slowest, time.monotonic() - start)
            probes += 1
            assert status == 200
        if not thread.is_alive() and site.job_row(answer["job"]["id"]).get("status") in ("done", "failed"):
            break
        time.sleep(0.2)
    thread.join()
    assert answer["status"] == 202, answer
    return answer | {"ended": site.wait(answer["job"]["id"], 60), "probes": probes, "slowest": slowest}
