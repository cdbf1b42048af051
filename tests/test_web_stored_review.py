"""Reviews kept with each table version: the table page reviews a version once (at store time or on first
view), later views read the kept report, and an edit (a new version) or another checklist is reviewed
again — the page shows the same findings either way."""

from __future__ import annotations

import json

import pytest
from web_support import build_world, edit_form, signed_in

from jixiao.review import load_config, review
from jixiao.review.engine import Report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("checklist", [None, "songgang-2023"])
def test_a_report_read_back_from_json_equals_the_review(example, checklist):
    report = review(example, load_config(checklist) if checklist else None)
    stored = json.loads(json.dumps(report.to_dict(), ensure_ascii=False, default=str))
    back = Report.from_dict(stored)
    assert back == report and back.by_dimension() == report.by_dimension() and report.findings


def test_the_table_page_reviews_each_version_once(example_path, monkeypatch):
    from jixiao.web import engines
    from jixiao.web.review.models import StoredReview

    world = build_world(example_path)
    record = world.tables["A_draft"]
    runs: list[int] = []
    real = engines.review_report

    def counted(table, config=None):
        runs.append(len(table.indicators))
        return real(table, config)

    monkeypatch.setattr(engines, "review_report", counted)
    client = signed_in(world.users["staffA"])
    first = client.get(f"/tables/{record.pk}/")
    findings = [f.code for f in first.context["findings"]]
    assert len(runs) == 1 and findings
    for _ in range(3):
        again = client.get(f"/tables/{record.pk}/")
        assert [f.code for f in again.context["findings"]] == findings and again.context["report"] == first.context["report"]
        assert list(again.context["report"].dimensions) == list(first.context["report"].dimensions)  # the groups in the checklist's order
    assert len(runs) == 1 and StoredReview.objects.filter(table=record).count() == 1

    form = edit_form(record)
    form["annual_value_1"] = "不少于220人"
    assert client.post(f"/tables/{record.pk}/edit/", form).status_code == 302
    assert len(runs) == 2  # the new version reviewed when stored (its grade), once
    record.refresh_from_db()
    client.get(f"/tables/{record.pk}/")
    client.get(f"/tables/{record.pk}/findings/")
    assert len(runs) == 2 and set(StoredReview.objects.filter(table=record).values_list("version", flat=True)) == {1, 2}

    department = record.department
    department.review_checklist = "songgang-2023"
    department.save()
    page = client.get(f"/tables/{record.pk}/")
    assert len(runs) == 3 and page.context["report"] == review(page.context["table"], load_config("songgang-2023"))


def test_the_review_job_keeps_a_review_for_every_table(example_path):
    from django.test import Client

    from jixiao.web.accounts.models import ApiToken
    from jixiao.web.review.models import StoredReview
    from jixiao.web.tables.models import TargetTableRecord

    world = build_world(example_path)
    client = Client()
    staff = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.users['staffA'])[1]}"}
    assert client.post("/api/jobs/reviews", **staff).status_code == 403
    reviewer = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.users['reviewer'])[1]}"}
    job = client.post("/api/jobs/reviews", **reviewer).json()
    tables = TargetTableRecord.objects.count()
    assert job["status"] == "done" and job["result"]["tables"] == tables and job["message"] == f"已审核 {tables:,} 张表，结果随各表当前版本保存"
    assert StoredReview.objects.count() == tables
    assert all(r.review_grade in ("优", "良", "中", "差") for r in TargetTableRecord.objects.all())
    again = client.post("/api/jobs/reviews", **reviewer).json()  # nothing changed: every review read back
    assert again["status"] == "done" and StoredReview.objects.count() == tables


def test_the_portfolio_keeps_its_years_and_sees_a_new_one(example_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jixiao.web.tables import mapping

    world = build_world(example_path)
    client = signed_in(world.users["reviewer"])
    assert client.get("/").context["years"] == [2025, 2024, 2023, 2022]
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not any("DISTINCT" in q["sql"].upper() for q in queries.captured_queries)  # read from the cache
    mapping.store(world.example, world.tables["A_draft"].department, 2019)  # a table of a new year
    assert client.get("/").context["years"] == [2025, 2024, 2023, 2022, 2019]
    assert signed_in(world.users["staffB"]).get("/").context["years"] == [2025]  # per kind of viewer: only their tables


def test_the_portfolio_keeps_its_counts_and_sees_a_new_table(example_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import TargetTableRecord

    world = build_world(example_path)
    client = signed_in(world.users["reviewer"])
    assert client.get("/?year=2025").context["page"].paginator.count == 3
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/?year=2025")
    assert again.context["page"].paginator.count == 3 and len(again.context["page"]) == 3
    assert not any("__count" in q["sql"] for q in queries.captured_queries)  # the paginator did not count
    mapping.store(world.example, world.tables["B_draft"].department, 2024)
    mapping.store(world.example.model_copy(update={"department": world.example.department.model_copy(update={"name": "新部门"})}),
                  type(world.tables["B_draft"].department).objects.create(name="新部门"), 2025)
    after = client.get("/?year=2025")
    assert after.context["page"].paginator.count == 4 and len(after.context["page"]) == 4
    drafts = TargetTableRecord.objects.filter(year=2025, status="draft").count()
    assert client.get("/?year=2025&status=draft").context["page"].paginator.count == drafts == 4
