"""Demo data for `make run` / `jixiao serve`: the example table and one account per role.

Idempotent: running it again keeps existing rows (the example is loaded only when its department has
no table for its year yet) and resets the demo passwords.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ..ingest import read_bytes
from . import engines
from .accounts.models import Profile, Role
from .entries import EntryStatus
from .evaluation.models import Evaluation
from .monitoring.models import Snapshot
from .tables import audit, mapping
from .tables.models import Department, TargetTableRecord
from .tables.services import regrade

EXAMPLE = "dongguan-2025-federation-of-trade-unions.txt"
DEMO_PASSWORD = "jixiao2025"
SAMPLE_DEPARTMENT = "示例单位（示例数据）"
ACCOUNTS = [  # username, role, department (None: all)
    ("dept", Role.STAFF, "东莞市总工会"),
    ("finance", Role.REVIEWER, None),
    ("evaluator", Role.EVALUATOR, None),
    ("viewer", Role.VIEWER, None),
]


def example_bytes() -> bytes:
    return resources.files("jixiao").joinpath("data/examples", EXAMPLE).read_bytes()


def ensure_user(username: str, role: Role, department: Department | None, password: str = DEMO_PASSWORD) -> User:
    user, created = User.objects.get_or_create(username=username)
    if created or not user.check_password(password):  # keep sessions valid across restarts
        user.set_password(password)
        user.save()
    Profile.objects.update_or_create(user=user, defaults={"role": role, "department": department})
    return user


@transaction.atomic
def setup(load_example: bool = True) -> list[tuple[str, str, str]]:
    """Create the demo accounts (and load the example table). Returns (username, password, role label)."""
    result = read_bytes(example_bytes(), EXAMPLE)
    name, year = result.unit_name, result.year
    assert name is not None and year is not None, "the example names its department and year"
    department, _ = Department.objects.get_or_create(name=name, defaults={"region": "广东省东莞市"})
    if load_example and not TargetTableRecord.objects.filter(department=department, year=year, kind=result.kind).exists():
        record = mapping.store(result, department, year)
        regrade(record, result)
        audit.record(None, record, "导入", EXAMPLE, None, {"指标数": len(result.indicators), "说明": "示例数据"})
    if load_example and not Department.objects.filter(name=SAMPLE_DEPARTMENT).exists():
        load_sample(result)
    out = []
    for username, role, dept_name in ACCOUNTS:
        dept = Department.objects.get(name=dept_name) if dept_name else None
        ensure_user(username, role, dept)
        out.append((username, DEMO_PASSWORD, f"{role.label}{'（' + dept_name + '）' if dept_name else ''}"))
    return out


def load_sample(table) -> TargetTableRecord:
    """A published copy of the example with made-up monitoring and self-evaluation data (示例数据)."""
    sample = tomllib.loads(resources.files("jixiao.web").joinpath("demo_actuals.toml").read_text(encoding="utf-8"))
    department = Department.objects.create(name=SAMPLE_DEPARTMENT, region="示例")
    copy = table.model_copy(update={"title": f"示例数据：{table.title or '部门整体预算绩效目标表'}"})
    record = mapping.store(copy, department, table.year)
    record.status = "published"
    record.save(update_fields=["status"])
    regrade(record, copy)
    mon, ev = sample["monitoring"], sample["selfeval"]
    now = timezone.now()
    snap = Snapshot.objects.create(table=record, as_of=dt.date.fromisoformat(mon["as_of"]), executed=mon["executed"], actuals=mon["actuals"],
                                   deviations=mon.get("deviations", {}), status=EntryStatus.SUBMITTED, submitted=now)
    record.monitor_light = engines.monitor_light(engines.monitor(copy, snap.actuals, snap.as_of, snap.executed, snap.deviations))
    result = engines.score(copy, ev["actuals"], ev["executed"])
    Evaluation.objects.create(table=record, actuals=ev["actuals"], executed=ev["executed"], score=round(result.total, 2), grade=str(result.grade),
                              status=EntryStatus.SUBMITTED, submitted=now)
    record.score = round(result.total, 2)
    record.save()
    audit.record(None, record, "导入", "示例数据", None, {"说明": "示例数据：演示用的监控与自评数据，非真实数字"})
    return record
