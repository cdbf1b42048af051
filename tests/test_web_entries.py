"""Self-evaluation and monitoring entries: drafts until submitted, a blank actual is 未填 (never 0), a
submission with blanks lists them and stores nothing, the score page names the missing rows."""

from __future__ import annotations

import pytest
from web_support import build_world, demo_selfeval, signed_in

pytestmark = pytest.mark.django_db


def _with_blanks(form: dict, blank=range(1, 21), placeholder=21) -> dict:
    """The demo's self-evaluation with rows 1–20 left blank and row 21 written as “/”."""
    out = {k: ("" if k in {f"actual_{n}" for n in blank} else v) for k, v in form.items()}
    out[f"actual_{placeholder}"] = "/"
    return out


def test_a_full_submission_is_the_official_score(example_path):
    from jixiao.web.evaluation.models import Evaluation

    world = build_world(example_path)
    record = world.tables["A_approved"]
    response = signed_in(world.users["evaluator"]).post(f"/tables/{record.pk}/evaluation/", {**demo_selfeval(), "action": "submit"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.score == 94.49
    entry = Evaluation.objects.get(table=record)
    assert entry.status == "submitted" and entry.score == 94.49 and entry.submitted is not None


def test_blank_actuals_are_a_draft_marked_unfilled_not_a_score_of_zero(example_path):
    from jixiao.web.evaluation.models import Evaluation
    from jixiao.web.tables.models import AuditEntry

    world = build_world(example_path)
    record = world.tables["A_approved"]
    client = signed_in(world.users["evaluator"])
    assert client.post(f"/tables/{record.pk}/evaluation/", {**_with_blanks(demo_selfeval()), "action": "save"}).status_code == 302
    record.refresh_from_db()
    assert record.score is None  # a draft is never the table's score (the issue: 94.49 → 33.63 silently)
    entry = Evaluation.objects.get(table=record)
    assert entry.status == "draft" and entry.actuals["21"] == "/"  # kept as typed
    assert not AuditEntry.objects.filter(table=record, action__in=["评分", "自评填报"]).exists()
    page = client.get(f"/tables/{record.pk}/evaluation/")
    html = page.content.decode()
    missing = page.context["missing"]
    assert [m.position for m in missing] == list(range(1, 22))
    assert all(m.reason == "未填" for m in missing)
    assert "以下 21 项没有可用的实际完成值" in html and "草稿" in html and "（不完整）" in html
    names = [row[1].name for row in page.context["rows"]]
    assert f"第1项“{names[0]}”（未填）" in html
    unfilled = [row for row in page.context["rows"] if row[4]]
    assert len(unfilled) == 21 and all(row[4] == "未填" for row in unfilled)  # the 得分 column says 未填, not 0.00


def test_submitting_with_blanks_lists_them_and_stores_nothing(example_path):
    from jixiao.web.evaluation.models import Evaluation
    from jixiao.web.tables.models import AuditEntry

    world = build_world(example_path)
    record = world.tables["A_approved"]
    client = signed_in(world.users["evaluator"])
    form = {**_with_blanks(demo_selfeval(), blank=[3]), "actual_6": "三家左右吧", "action": "submit"}
    response = client.post(f"/tables/{record.pk}/evaluation/", form)
    html = response.content.decode()
    assert response.status_code == 400 and "不能提交" in html
    names = [row[1].name for row in response.context["rows"]]
    assert f"第3项“{names[2]}”（未填）" in html and f"第21项“{names[20]}”（未填）" in html
    assert f"第6项“{names[5]}”（无法识别：" in html
    assert 'value="三家左右吧"' in html  # what was typed is shown again
    record.refresh_from_db()
    assert record.score is None and not Evaluation.objects.exists() and not AuditEntry.objects.filter(table=record).exists()
    without_spending = {**demo_selfeval(), "executed": "", "action": "submit"}
    response = client.post(f"/tables/{record.pk}/evaluation/", without_spending)
    assert response.status_code == 400 and "全年执行数（万元）（未填）" in response.content.decode()
    assert not Evaluation.objects.exists()


def test_a_later_draft_leaves_the_submitted_score_alone(example_path):
    world = build_world(example_path)
    record = world.tables["A_approved"]
    client = signed_in(world.users["evaluator"])
    assert client.post(f"/tables/{record.pk}/evaluation/", {**demo_selfeval(), "action": "submit"}).status_code == 302
    assert client.post(f"/tables/{record.pk}/evaluation/", {**_with_blanks(demo_selfeval()), "action": "save"}).status_code == 302
    record.refresh_from_db()
    assert record.score == 94.49 and record.evaluations.count() == 2
    assert list(record.evaluations.values_list("status", flat=True)) == ["draft", "submitted"]


def test_monitoring_drafts_and_a_submission_with_blanks(example_path):
    from jixiao.web.monitoring.models import Snapshot

    world = build_world(example_path)
    record = world.tables["A_approved"]
    client = signed_in(world.users["staffA"])
    rows = record.data["indicators"]
    assert client.post(f"/tables/{record.pk}/monitoring/", {"as_of": "2023-07-31", "executed": "2650.3", "actual_5": "8人"}).status_code == 302
    draft = Snapshot.objects.get(table=record)
    assert draft.status == "draft"
    page = client.get(f"/tables/{record.pk}/monitoring/")
    assert page.context["report"] is None and "尚未提交" in page.content.decode()  # the dashboard shows submitted data only
    assert page.context["form"]["executed"] == "2,650.30" and page.context["rows"][4]["typed"] == "8人"  # the draft is in the form to continue (as the forms print it)
    response = client.post(f"/tables/{record.pk}/monitoring/", {"as_of": "2023-07-31", "executed": "2650.3", "actual_5": "8人", "action": "submit"})
    html = response.content.decode()
    assert response.status_code == 400 and f"第1项“{rows[0]['name']}”（未填）" in html and "第5项" not in html
    assert Snapshot.objects.get(table=record).status == "draft"
    every_row = {f"actual_{n}": row.get("annual_value") or "完成" for n, row in enumerate(rows, 1)}
    every_row["actual_2"] = "—"
    response = client.post(f"/tables/{record.pk}/monitoring/", {"as_of": "2023-07-31", "executed": "2650.3", **every_row, "action": "submit"})
    assert response.status_code == 400 and f"第2项“{rows[1]['name']}”（未填）" in response.content.decode()  # a placeholder is not a value
    every_row["actual_2"] = rows[1]["annual_value"]
    assert client.post(f"/tables/{record.pk}/monitoring/", {"as_of": "2023-07-31", "executed": "2650.3", **every_row, "action": "submit"}).status_code == 302
    snap = Snapshot.objects.get(table=record)
    assert snap.status == "submitted" and client.get(f"/tables/{record.pk}/monitoring/").context["report"] is not None


def test_the_api_shows_drafts_only_to_who_may_enter_them(example_path):
    from jixiao.web.accounts.models import ApiToken

    world = build_world(example_path)
    record = world.tables["A_published"]
    assert signed_in(world.users["evaluator"]).post(f"/tables/{record.pk}/evaluation/", {**demo_selfeval(), "action": "save"}).status_code == 302
    tokens = {who: ApiToken.issue(world.users[who])[1] for who in ("evaluator", "viewer")}
    seen = {who: signed_in(world.users[who]).get(f"/api/tables/{record.pk}/evaluations", HTTP_AUTHORIZATION=f"Bearer {key}").json()
            for who, key in tokens.items()}
    assert [e["status"] for e in seen["evaluator"]] == ["draft"] and seen["viewer"] == []


def test_a_draft_is_not_shown_to_who_may_not_enter_it(example_path):
    world = build_world(example_path)
    record = world.tables["A_published"]
    assert signed_in(world.users["evaluator"]).post(f"/tables/{record.pk}/evaluation/", {**demo_selfeval(), "action": "save"}).status_code == 302
    page = signed_in(world.users["viewer"]).get(f"/tables/{record.pk}/evaluation/")
    assert page.status_code == 200 and page.context["result"] is None and "尚未填报自评" in page.content.decode()
    assert signed_in(world.users["evaluator"]).get(f"/tables/{record.pk}/evaluation/").context["result"] is not None
