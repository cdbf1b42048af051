"""Shared set-up for the web tests: departments, one user per role, example tables in each state."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from jixiao.ingest import read_table

EXAMPLE_NAME = "东莞市总工会"


@dataclass
class World:
    users: dict = field(default_factory=dict)  # key → User
    tables: dict = field(default_factory=dict)  # key → TargetTableRecord
    example: Any = None


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
    batches = {"A": uuid.uuid4(), "A_published": uuid.uuid4(), "B": uuid.uuid4()}  # import batches, as uploads set them
    batch_of = {"A_draft": "A", "A_project": "A", "A_published": "A_published", "B_draft": "B"}
    for key, dept, year, status in [
        ("A_draft", a, 2025, "draft"),
        ("A_submitted", a, 2024, "submitted"),
        ("A_approved", a, 2023, "approved"),
        ("A_published", a, 2022, "published"),
        ("B_draft", b, 2025, "draft"),
        ("A_project", a, 2025, "draft"),
    ]:
        record = mapping.store(project_table(result) if key == "A_project" else result, dept, year)
        record.status = status
        record.batch = batches[batch_of[key]] if key in batch_of else None
        record.save()
        w.tables[key] = record
    return w


def project_table(example, name: str = "职工技能提升项目", code: str = "P2025-001"):
    """A project target table (项目支出绩效目标表) of the example's department, made from the example's
    indicators (the last two as 不适用 rows, explanations on the first three)."""
    from jixiao.domain.table import Amount, FundLine, Funds, Project

    indicators = [i.model_copy(update={"explanation": f"{i.name}的说明"}) if n < 3 else i for n, i in enumerate(example.indicators[:-2])]
    not_applicable = [i.model_copy(update={"name": "不适用", "annual_value": "不适用"}) for i in example.indicators[-2:]]
    project = Project(
        code=code, name=name, department=EXAMPLE_NAME, unit=EXAMPLE_NAME, type="其他经费", period="2025年",
        funds=Funds(unit="万元", annual=FundLine(total=Amount(text="784", yuan=7840000.0), fiscal=Amount(text="784", yuan=7840000.0))),
        mid_term_goal="提升一线职工技能", annual_goal="培训职工700名以上", policy_basis="《关于加强产业工人队伍建设的意见》", cost_basis="培训费按人次测算",
    )
    return example.model_copy(update={
        "kind": "project_target", "title": "项目支出绩效目标申报表", "project": project, "department": None, "budget": type(example.budget)(),
        "overall_goals": [], "overall_goal_sources": [], "key_tasks": [], "other_tasks": [],
        "indicators": indicators, "not_applicable": not_applicable,
    })


def edit_form(record) -> dict:
    """The edit form as a browser would post it unchanged (indicator inputs are named by position, from 1)."""
    from jixiao.web.tables.services import table_fields, table_value

    data = {"version": record.version}
    for f in table_fields(record):
        value = table_value(record.data, f)
        data[f] = "" if value is None else str(value)
    for n, row in enumerate(record.data["indicators"], 1):
        data[f"name_{n}"] = row["name"]
        data[f"period_value_{n}"] = row.get("period_value") or ""
        data[f"annual_value_{n}"] = row.get("annual_value") or ""
    return data


def indicator(record, position: int) -> dict:
    """The stored indicator at a position (from 1) of a record's current document."""
    record.refresh_from_db()
    return record.data["indicators"][position - 1]


SONGGANG_UNIT = "深圳市宝安区松岗街道办事处（本级）"


def songgang_workbook():
    """The first Songgang workbook (20 project sheets) beside the checkout, or a visible skip."""
    import pytest
    from conftest import SHARED

    path = SHARED / "reference/songgang-2023/workbooks/00.xlsx"
    if not path.exists():
        pytest.skip(f"跳过：松岗 2023 项目工作簿不在本机（{path}；../shared 不在 checkout 旁边）")
    return path


def demo_selfeval() -> dict:
    """The shipped demo's self-evaluation of the example (every row filled; scores 94.49) as the evaluation form posts it."""
    import tomllib
    from importlib import resources

    sample = tomllib.loads(resources.files("jixiao.web").joinpath("demo_actuals.toml").read_text(encoding="utf-8"))["selfeval"]
    return {"executed": str(sample["executed"]), **{f"actual_{n}": v for n, v in sample["actuals"].items()}}


def signed_in(user):
    """A test client logged in as `user`."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def log_in(client, username: str, password: str):
    """Sign in through the login page, as a person does (throttled by django-axes); the response."""
    return client.post("/accounts/login/", {"username": username, "password": password})


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def migrate(targets):
    """The database migrated to `targets` ((app, migration) pairs); the apps as they were at that state."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest_migrations():
    """Every app's newest migration (what `migrate` goes back to after a migration test)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    return MigrationExecutor(connection).loader.graph.leaf_nodes()

