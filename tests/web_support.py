"""Shared set-up for the web tests: departments, one user per role, example tables in each state."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.ingest import read_table

EXAMPLE_NAME = "东莞市总工会"


@dataclass
class World:
    users: dict = field(default_factory=dict)  # key → User
    tables: dict = field(default_factory=dict)  # key → TargetTableRecord
    example: object = None


def build_world(example_path) -> World:
    from jixiao.web.accounts.models import Role
    from jixiao.web.demo import ensure_user
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import Department

    result = read_table(example_path)
    a = Department.objects.create(name=EXAMPLE_NAME)
    b = Department.objects.create(name="东莞市教育局")
    w = World(example=result)
    w.users = {
        "staffA": ensure_user("staff_a", Role.STAFF, a, "pw"),
        "staffB": ensure_user("staff_b", Role.STAFF, b, "pw"),
        "reviewer": ensure_user("reviewer", Role.REVIEWER, None, "pw"),
        "evaluator": ensure_user("evaluator", Role.EVALUATOR, None, "pw"),
        "viewer": ensure_user("viewer", Role.VIEWER, None, "pw"),
    }
    for key, dept, year, status in [
        ("A_draft", a, 2025, "draft"),
        ("A_submitted", a, 2024, "submitted"),
        ("A_approved", a, 2023, "approved"),
        ("A_published", a, 2022, "published"),
        ("B_draft", b, 2025, "draft"),
    ]:
        record = mapping.store(result, dept, year)
        record.status = status
        record.save()
        w.tables[key] = record
    return w


def edit_form(record) -> dict:
    """The edit form as a browser would post it unchanged."""
    from jixiao.web.tables.services import EDITABLE_TABLE_FIELDS

    data = {"version": record.version}
    for f in EDITABLE_TABLE_FIELDS:
        value = getattr(record, f)
        data[f] = "" if value is None else str(value)
    for row in record.indicators.all():
        data[f"name_{row.id}"] = row.name
        data[f"period_value_{row.id}"] = row.period_value
        data[f"annual_value_{row.id}"] = row.annual_value
    return data
