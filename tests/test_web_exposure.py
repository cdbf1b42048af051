"""Roles by content (issue 12, item 4): the public viewer sees the published table and its published
self-evaluation, not the review (findings, grades, comments, the staff who wrote them); the API docs and
schema are for signed-in users; an error-level finding blocks submission unless the checklist allows it
with a reason, which is recorded."""

from __future__ import annotations

import pytest
from django.test import Client
from web_support import build_world, signed_in

pytestmark = pytest.mark.django_db

RETURN_NOTE = "请补充成本指标的测算依据"
ROW_NOTE = "培训人数偏低"


def with_comments(world):
    """The published table with the review it went through: a return comment and a row comment (by the
    reviewer), the staff's submit note."""
    from jixiao.web.review.models import ReviewComment
    from jixiao.web.tables.services import regrade

    record = world.tables["A_published"]
    regrade(record)  # its 审核等级 in the portfolio
    ReviewComment.objects.create(table=record, author=world.users["reviewer"], action="return", text=RETURN_NOTE)
    ReviewComment.objects.create(table=record, author=world.users["reviewer"], action="return", row=0, indicator_name="x", text=ROW_NOTE)
    ReviewComment.objects.create(table=record, author=world.users["staffA"], action="submit", text="已按意见修改")
    return record


def test_the_public_viewer_sees_the_table_without_its_review(example_path):
    world = build_world(example_path)
    record = with_comments(world)
    staff = signed_in(world.users["staffA"]).get(f"/tables/{record.pk}/").content.decode()
    assert RETURN_NOTE in staff and ROW_NOTE in staff and "reviewer" in staff and "审核等级" in staff and 'class="finding' in staff
    viewer = signed_in(world.users["viewer"])
    page = viewer.get(f"/tables/{record.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and "绩效指标" in text and record.data["indicators"][0]["name"] in text  # the table itself
    for internal in (RETURN_NOTE, ROW_NOTE, "已按意见修改", "reviewer", "staff_a", "审核等级", 'class="finding', "审核意见", "BUD-003",
                     "运行监控", "同批导入汇总", "修改记录"):
        assert internal not in text, internal
    assert viewer.get(f"/tables/{record.pk}/findings/").status_code == 403
    assert viewer.get(f"/tables/{record.pk}/monitoring/").status_code == 403
    assert viewer.get(f"/batches/{record.batch}/").status_code == 403
    assert viewer.get(f"/tables/{record.pk}/evaluation/").status_code == 200  # its self-evaluation is public
    assert viewer.get(f"/tables/{record.pk}/print.html").status_code == 200
    portfolio = viewer.get("/").content.decode()
    assert record.review_grade and f"<td>{record.review_grade}</td>" not in portfolio and 'name="audit"' not in portfolio
    assert "评分一致性" in signed_in(world.users["reviewer"]).get("/").content.decode()


def test_the_public_viewer_gets_no_review_from_the_api(example_path):
    from jixiao.web.accounts.models import ApiToken

    world = build_world(example_path)
    record = with_comments(world)
    record.refresh_from_db()
    viewer = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(world.users['viewer'])[1]}")
    staff = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(world.users['staffA'])[1]}")
    for path in ("findings", "monitoring", "audit", "versions"):
        assert viewer.get(f"/api/tables/{record.pk}/{path}").status_code == 403, path
        assert staff.get(f"/api/tables/{record.pk}/{path}").status_code in (200, 404), path  # 404: audit of a non-self-evaluation
    assert viewer.get(f"/api/batches/{record.batch}/summary").status_code == 403
    summary = viewer.get(f"/api/tables/{record.pk}").json()["summary"]
    assert summary["review_grade"] == "" and summary["batch"] is None and summary["audit_disagreements"] is None
    assert staff.get(f"/api/tables/{record.pk}").json()["summary"]["review_grade"] == record.review_grade != ""
    listed = viewer.get("/api/tables").json()
    assert [t["id"] for t in listed] == [record.pk] and listed[0]["review_grade"] == ""
    body = viewer.get(f"/api/tables/{record.pk}").content.decode()
    assert RETURN_NOTE not in body and "reviewer" not in body and "staff_a" not in body
    assert viewer.get(f"/api/tables/{record.pk}/evaluations").status_code == 200


def test_api_docs_and_schema_are_behind_sign_in(example_path):
    from jixiao.web.accounts.models import ApiToken

    world = build_world(example_path)
    anon = Client()
    docs = anon.get("/api/docs")
    assert docs.status_code == 302 and docs["Location"].startswith("/accounts/login/?next=/api/docs")
    schema = anon.get("/api/openapi.json")
    assert schema.status_code == 401 and "请先登录" in schema.json()["detail"]
    assert anon.get("/api/openapi.json", HTTP_AUTHORIZATION="Bearer jx_not-a-token").status_code == 401
    assert signed_in(world.users["viewer"]).get("/api/docs").status_code == 200
    assert signed_in(world.users["viewer"]).get("/api/openapi.json").json()["paths"]
    token = ApiToken.issue(world.users["viewer"])[1]
    assert anon.get("/api/openapi.json", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


# ---- error findings block submission ----------------------------------------------------------------

def test_a_table_with_an_error_finding_cannot_be_submitted(example_path):
    from jixiao.web.accounts.models import ApiToken
    from jixiao.web.tables.models import AuditEntry

    world = build_world(example_path)
    record = world.tables["A_draft"]  # the example: BUD-003 (error)
    staff = signed_in(world.users["staffA"])
    page = staff.get(f"/tables/{record.pk}/").content.decode()
    assert 'id="submit-blocked"' in page and "修改后才能提交审核" in page and 'id="submit-table"' not in page
    refused = staff.post(f"/tables/{record.pk}/submit/", {"comment": "请通过"})
    text = refused.content.decode()
    assert refused.status_code == 409 and "错误级审核意见" in text and "不能提交审核" in text and "BUD-003" in text
    api = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(world.users['staffA'])[1]}")
    answer = api.post(f"/api/tables/{record.pk}/submit", {"comment": "请通过"})
    assert answer.status_code == 409 and "BUD-003" in answer.json()["detail"]
    record.refresh_from_db()
    assert record.status == "draft" and not AuditEntry.objects.filter(table=record, action="提交").exists()


def test_a_checklist_may_allow_it_with_a_reason_which_is_recorded(example_path, errors_allowed):
    from jixiao.web.review.models import ReviewComment
    from jixiao.web.tables.models import AuditEntry

    world = build_world(example_path)
    record = world.tables["A_draft"]
    staff = signed_in(world.users["staffA"])
    page = staff.get(f"/tables/{record.pk}/").content.decode()
    assert 'id="submit-reason"' in page and 'id="submit-table"' in page
    blank = staff.post(f"/tables/{record.pk}/submit/", {"comment": "  "})
    assert blank.status_code == 400 and "须填写提交说明" in blank.content.decode()
    record.refresh_from_db()
    assert record.status == "draft"
    reason = "BUD-003：基本支出以财政批复数为准，差额为代编项目"
    assert staff.post(f"/tables/{record.pk}/submit/", {"comment": reason}).status_code == 302
    record.refresh_from_db()
    assert record.status == "submitted"
    entry = AuditEntry.objects.get(table=record, action="带错误提交")
    assert entry.after == reason and any(line.startswith("BUD-003") for line in entry.before)
    assert ReviewComment.objects.get(table=record, action="submit").text == reason
    assert reason in signed_in(world.users["reviewer"]).get(f"/tables/{record.pk}/").content.decode()  # the reviewer reads it


def test_a_table_without_error_findings_is_submitted_as_before(example_path, settings, tmp_path):
    """A checklist that rates BUD-003 a warning: the example has no error finding left and is submitted without a reason."""
    from jixiao.web import engines

    path = tmp_path / "bud-003-warning.toml"
    path.write_text('[rules.severity]\n"BUD-003" = "warning"\n', encoding="utf-8")
    settings.REVIEW_CHECKLIST = str(path)
    world = build_world(example_path)
    record = world.tables["A_draft"]
    from jixiao.web.tables import mapping

    assert not engines.error_findings(mapping.to_domain(record), engines.review_config(record.department))
    staff = signed_in(world.users["staffA"])
    assert 'id="submit-reason"' not in staff.get(f"/tables/{record.pk}/").content.decode()
    assert staff.post(f"/tables/{record.pk}/submit/").status_code == 302
    record.refresh_from_db()
    assert record.status == "submitted"
