"""Demo data for `make run` / `jixiao serve`: the example table and one account per role.

Idempotent: running it again keeps existing rows (the example is loaded only when its department has
no table for its year yet) and resets the demo passwords.
"""

from __future__ import annotations

from importlib import resources

from django.contrib.auth.models import User
from django.db import transaction

from ..ingest import read_bytes
from .accounts.models import Profile, Role
from .tables import audit, mapping
from .tables.services import regrade
from .tables.models import Department, TargetTableRecord

EXAMPLE = "dongguan-2025-federation-of-trade-unions.txt"
DEMO_PASSWORD = "jixiao2025"
ACCOUNTS = [  # username, role, department (None: all)
    ("dept", Role.STAFF, "东莞市总工会"),
    ("finance", Role.REVIEWER, None),
    ("evaluator", Role.EVALUATOR, None),
    ("viewer", Role.VIEWER, None),
]


def example_bytes() -> bytes:
    return resources.files("jixiao").joinpath("data/examples", EXAMPLE).read_bytes()


def ensure_user(username: str, role: Role, department: Department | None, password: str = DEMO_PASSWORD) -> User:
    user, _ = User.objects.get_or_create(username=username)
    user.set_password(password)
    user.save()
    Profile.objects.update_or_create(user=user, defaults={"role": role, "department": department})
    return user


@transaction.atomic
def setup(load_example: bool = True) -> list[tuple[str, str, str]]:
    """Create the demo accounts (and load the example table). Returns (username, password, role label)."""
    result = read_bytes(example_bytes(), EXAMPLE)
    department, _ = Department.objects.get_or_create(name=result.table.department.name, defaults={"region": "广东省东莞市"})
    if load_example and not TargetTableRecord.objects.filter(department=department, year=result.table.year).exists():
        record = mapping.store(result.table, department, result.table.year)
        regrade(record, result.table)
        audit.record(None, record, "导入", EXAMPLE, None, {"指标数": len(result.table.indicators), "说明": "示例数据"})
    out = []
    for username, role, dept_name in ACCOUNTS:
        dept = Department.objects.get(name=dept_name) if dept_name else None
        ensure_user(username, role, dept)
        out.append((username, DEMO_PASSWORD, f"{role.label}{'（' + dept_name + '）' if dept_name else ''}"))
    return out
