"""`make run` / `jixiao serve` set-up: demo accounts per role, the example table, labelled sample data."""

from __future__ import annotations

import pytest
from django.test import Client
from web_support import log_in, logged_in

pytestmark = pytest.mark.django_db


def test_demo_setup_is_idempotent_and_signs_in_every_role():
    from jixiao.web import demo
    from jixiao.web.accounts.models import Profile
    from jixiao.web.tables.models import TargetTableRecord

    first = demo.setup()
    second = demo.setup()
    assert first == second and len(first) == 4
    assert {p.role for p in Profile.objects.all()} == {"staff", "reviewer", "evaluator", "viewer"}
    example = TargetTableRecord.objects.get(department__name="东莞市总工会", year=2025)
    assert example.indicator_count == 33 and len(example.data["indicators"]) == 33 and example.status == "draft"
    for username, password, _label in first:
        client = Client()
        log_in(client, username, password)
        assert logged_in(client), username
        assert client.get("/").status_code == 200
    # the published sample (示例数据) carries monitoring and self-evaluation figures
    sample = TargetTableRecord.objects.get(department__name=demo.SAMPLE_DEPARTMENT)
    assert sample.data["title"].startswith("示例数据") and sample.status == "published"
    assert sample.score is not None and sample.evaluations.get().score == sample.score and 60 < sample.score <= 100
    assert sample.snapshots.count() == 1
    client = Client()
    log_in(client, "viewer", demo.DEMO_PASSWORD)  # the viewer sees the published sample only
    shown = [t.department.name for t in client.get("/").context["page"]]
    assert shown == [demo.SAMPLE_DEPARTMENT]
    page = client.get(f"/tables/{sample.pk}/evaluation/").content.decode()
    assert "总分" in page and "示例数据" in page
