"""`make test`, second pass: the web tests again on PostgreSQL.

The server is `JIXIAO_TEST_POSTGRES` (a database URL) or, when unset, a local server at
postgres://postgres@127.0.0.1:5432/test if one answers. Unset and unreachable: the pass is skipped
with the reason printed. Set and unreachable: the pass fails (CI sets it, so CI always runs it).
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys
from pathlib import Path

DEFAULT = "postgres://postgres@127.0.0.1:5432/test"
ROOT = Path(__file__).resolve().parents[1]


def reachable(url: str) -> str | None:
    """None when a connection succeeds, else the reason."""
    import psycopg

    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3):
            return None
    except Exception as error:  # noqa: BLE001 — any failure to connect is a reason to skip or fail
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def main() -> int:
    configured = os.environ.get("JIXIAO_TEST_POSTGRES")
    url = configured or DEFAULT
    problem = reachable(url)
    if problem:
        if configured:
            print(f"PostgreSQL 测试失败：无法连接 JIXIAO_TEST_POSTGRES={url}：{problem}", file=sys.stderr)
            return 1
        print(f"SKIPPED PostgreSQL 测试：无法连接 {url}（{problem}）。设置 JIXIAO_TEST_POSTGRES 指向服务器即可运行。")
        return 0
    tests = sorted(glob.glob(str(ROOT / "tests/test_web_*.py")))
    print(f"== PostgreSQL pass: {len(tests)} web test modules against {url}", flush=True)
    env = dict(os.environ, DATABASE_URL=url, JIXIAO_CONN_MAX_AGE="0")  # live-server threads must not hold the test DB
    return subprocess.call([sys.executable, "-m", "pytest", "-q", *tests], env=env, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
