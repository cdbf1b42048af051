import json
import os
from pathlib import Path

import pytest

# Background jobs run inside the request that starts them (Celery's eager mode) — set before the queue is
# configured. The tests that run a real worker (test_jobs_worker.py) start it with its own environment.
os.environ.setdefault("JIXIAO_TASKS", "eager")
# The test process keeps its cache to itself (a server started from the same checkout shares ./var/cache);
# the servers and workers the job tests start use the site's shared cache.
os.environ.setdefault("JIXIAO_CACHE_URL", "locmem")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src/jixiao/data/examples/dongguan-2025-federation-of-trade-unions.txt"
GOLD = ROOT / "tests/gold/dongguan-2025-federation-of-trade-unions.json"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """MD5 instead of PBKDF2 for the test session only: the web tests set and check passwords on every
    sign-in, and PBKDF2's iterations are there to be slow. Production settings keep Django's hashers."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty Django cache (the portfolio keeps its years there for a minute)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example():
    from jixiao.ingest import read_table

    return read_table(EXAMPLE)


@pytest.fixture
def errors_allowed(settings, tmp_path):
    """The deployment's checklist allows submitting a table with error findings, with a reason (提交说明)."""
    path = tmp_path / "allow-errors.toml"
    path.write_text("[submission]\nallow_errors = true\n", encoding="utf-8")
    settings.REVIEW_CHECKLIST = str(path)
    return path

