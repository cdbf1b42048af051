"""Web load test: 20 concurrent clients drive the portfolio, table pages and the API list of a
province-sized portfolio on PostgreSQL through gunicorn; prints p50/p95 beside a static file served by
the same server in the same run (the baseline), and the server's CPU time per request (from /proc,
counted once every client has signed in).

Portfolio requests pick a sort order, a year filter half the time, a status filter 30% of the time,
and one of the first five pages 80% of the time (otherwise any page; a page past the end shows the
last). Table requests pick any of 2,000 random tables. API list requests (`/api/tables`, a bearer token)
page 50 at a time the same way, with a year filter half the time.

Environment: JIXIAO_BENCH_DATABASE (default postgres://postgres@127.0.0.1:5432/jixiao_bench),
JIXIAO_BENCH_TABLES (default 20000), JIXIAO_BENCH_CLIENTS (20), JIXIAO_BENCH_REQUESTS (per client, 60).
Skips with the reason printed when no PostgreSQL server answers.
"""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
URL = os.environ.get("JIXIAO_BENCH_DATABASE", "postgres://postgres@127.0.0.1:5432/jixiao_bench")
TABLES = int(os.environ.get("JIXIAO_BENCH_TABLES", "20000"))
CLIENTS = int(os.environ.get("JIXIAO_BENCH_CLIENTS", "20"))
REQUESTS = int(os.environ.get("JIXIAO_BENCH_REQUESTS", "60"))


def ensure_database() -> str | None:
    import psycopg

    parsed = urllib.parse.urlparse(URL)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(scheme="postgresql", path="/postgres").geturl()
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            if not conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone():
                conn.execute(f'create database "{name}"')
    except Exception as error:  # noqa: BLE001 — unreachable server (any reason): skip with the reason
        return str(error).strip().splitlines()[0]
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def table_ids() -> list[int]:
    import psycopg

    with psycopg.connect(URL.replace("postgres://", "postgresql://", 1)) as conn:
        return [r[0] for r in conn.execute("select id from tables_targettablerecord order by random() limit 2000")]


WARM = """
import sys, time
from jixiao.cli.web import django_setup
django_setup()
from django.contrib.auth.models import User
from jixiao.web.jobs import runner
from jixiao.web.jobs.models import Job, JobKind
ids = [int(x) for x in sys.argv[1:]]
job = Job.objects.create(kind=JobKind.REVIEW, user=User.objects.get(username="finance"), params={"ids": ids})
start = time.perf_counter()
runner.run(str(job.pk))
job.refresh_from_db()
print(f"{job.message}（{time.perf_counter() - start:.0f} s）")
from jixiao.web.accounts.models import ApiToken
print(ApiToken.issue(User.objects.get(username="finance"))[1])
"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (gunicorn's master and workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for task in [pid, *_children(pid)]:
        fields = Path(f"/proc/{task}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


KINDS = ("portfolio", "table", "api", "static")


def client(base: str, ids: list[int], pages: int, api_token: str, out: dict, seed: int, ready: threading.Barrier) -> None:
    rng = random.Random(seed)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = opener.open(f"{base}/accounts/login/").read().decode()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login)
    assert found is not None, "the sign-in page has a CSRF token"
    token = found.group(1)
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "finance", "password": "jixiao2025"}).encode()
    opener.open(urllib.request.Request(f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"})).read()
    ready.wait()  # every client signed in: the measured run starts together
    for n in range(REQUESTS):
        kind = KINDS[n % len(KINDS)]
        headers = {}
        if kind == "portfolio":
            # as people browse: a sort order, often a filter, mostly the first pages, sometimes deep ones
            query: dict[str, str | int] = {"sort": rng.choice(["-updated", "department", "-year", "status", "-score"])}
            if rng.random() < 0.5:
                query["year"] = rng.choice([2021, 2022, 2023, 2024, 2025])
            if rng.random() < 0.3:
                query["status"] = rng.choice(["draft", "submitted", "returned", "approved", "published"])
            query["page"] = rng.randint(1, 5) if rng.random() < 0.8 else rng.randint(1, pages)
            url = f"{base}/?{urllib.parse.urlencode(query)}"
        elif kind == "table":
            url = f"{base}/tables/{rng.choice(ids)}/"
        elif kind == "api":
            api: dict[str, str | int] = {"limit": 50, "offset": 50 * (rng.randint(0, 4) if rng.random() < 0.8 else rng.randint(0, pages // 2))}
            if rng.random() < 0.5:
                api["year"] = rng.choice([2021, 2022, 2023, 2024, 2025])
            url = f"{base}/api/tables?{urllib.parse.urlencode(api)}"
            headers["Authorization"] = f"Bearer {api_token}"
        else:
            url = f"{base}/static/jixiao.css"
        start = time.perf_counter()
        with opener.open(urllib.request.Request(url, headers=headers)) as response:
            response.read()
            assert response.status == 200, url
        out[kind].append(1000 * (time.perf_counter() - start))


def main() -> None:
    problem = ensure_database()
    if problem:
        print(f"skipped: PostgreSQL unreachable at {URL} ({problem})")
        return
    data_dir = Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    env = dict(os.environ, DATABASE_URL=URL, JIXIAO_DATA_DIR=str(data_dir), JIXIAO_ALLOWED_HOSTS="127.0.0.1")
    env.pop("JIXIAO_DEBUG", None)
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "jixiao"), "demo", "--province", "--tables", str(TABLES)],
                   env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    print(f"portfolio ready: {TABLES} tables requested, set-up {time.perf_counter() - start:.0f} s (generation skipped when present)")
    port = free_port()
    workers = 2 * (os.cpu_count() or 1) + 1
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "jixiao.web.wsgi:application", "--bind", f"127.0.0.1:{port}",
                               "--workers", str(workers), "--preload", "--log-level", "warning"], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/accounts/login/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        ids = table_ids()
        import psycopg

        with psycopg.connect(URL.replace("postgres://", "postgresql://", 1)) as conn:
            row = conn.execute("select count(*), coalesce(sum(indicator_count), 0) from tables_targettablerecord").fetchone()
        assert row is not None
        total, indicators = row
        pages = max(1, total // 25)
        # the reviews the table pages show are kept with each version (computed when a table is stored);
        # the generated portfolio is bulk-inserted, so its tables under test are reviewed once here
        warm = subprocess.run([sys.executable, "-c", WARM, *map(str, ids)], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
        warmed, token = warm.stdout.strip().rsplit("\n", 1)
        print(f"reviews kept for the tables under test: {warmed}")
        out: dict[str, list[float]] = {kind: [] for kind in KINDS}
        ready = threading.Barrier(CLIENTS + 1)
        threads = [threading.Thread(target=client, args=(base, ids, pages, token, out, k, ready)) for k in range(CLIENTS)]
        for t in threads:
            t.start()
        # the sign-ins (a deliberately slow password hash each, ~0.2 s of CPU) come before the measured run:
        # they are a session's start, not the page and API requests measured
        ready.wait()
        cpu_before = cpu_seconds(server.pid)
        began = time.perf_counter()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - began
        cpu = cpu_seconds(server.pid) - cpu_before
        print(f"{total:,} tables, {indicators:,} indicators; {CLIENTS} clients × {REQUESTS} requests; gunicorn {workers} workers; "
              f"{sum(map(len, out.values())) / elapsed:.0f} requests/s")
        static = sorted(out["static"])
        static_p95 = static[int(0.95 * (len(static) - 1))]
        for kind in KINDS:
            values = sorted(out[kind])
            p50 = statistics.median(values)
            p95 = values[int(0.95 * (len(values) - 1))]
            print(f"  {kind:<9} n={len(values):>5}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  ({p95 / static_p95:.1f}× the static p95)")
        requests = sum(map(len, out.values()))
        dynamic = requests - len(out["static"])
        print(f"  CPU of the gunicorn processes: {1000 * cpu / requests:.1f} ms per request of any kind; "
              f"{1000 * cpu / dynamic:.1f} ms per page or API request counting all of it against them (goal ≤ 10 ms); "
              f"this machine: {os.cpu_count()} cores shared by the server, the {CLIENTS} clients and PostgreSQL")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
