"""Full editing of a draft: indicator rows added, removed and moved within their group, goals and tasks added
and removed, project facts, goals and tasks edited (merged three ways like the values); a form opened before
a colleague moved rows is saved into the right rows; the live check judges a value against its group."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from web_support import build_world, edit_form, indicator, project_table, signed_in

ROWS = [{"level1": "产出指标", "level2": "数量指标", "name": n} for n in ("甲", "乙", "丙")] + [
    {"level1": "产出指标", "level2": "质量指标", "name": "丁"}, {"level1": "效益指标", "level2": "社会效益指标", "name": "戊"}]


def _doc():
    return {"kind": "department_target", "indicators": [dict(r) for r in ROWS], "overall_goals": ["目标一", "目标二"],
            "key_tasks": [{"name": "任务一"}], "other_tasks": []}


def names(doc) -> list[str]:
    return [r["name"] for r in doc["indicators"]]


def test_moves_stay_within_the_group():
    from jixiao.web.tables.rows import RowRefused, change

    doc, words, moved = change(_doc(), "down:1")
    assert names(doc) == ["乙", "甲", "丙", "丁", "戊"] and words == "下移指标：产出指标 › 数量指标 › 甲" and moved[0] == 1 and moved[1] == 0
    assert names(change(_doc(), "up:3")[0]) == ["甲", "丙", "乙", "丁", "戊"]
    for op in ("down:3", "up:4", "up:1", "down:5"):  # 丙 is its group's last, 丁 its group's first
        with pytest.raises(RowRefused, match="只能在本组内移动"):
            change(_doc(), op)
    with pytest.raises(RowRefused, match="第9项指标不存在"):
        change(_doc(), "remove:9")
    with pytest.raises(RowRefused, match="未知的调整操作"):
        change(_doc(), "drop table")


def test_add_and_remove_rows_goals_and_tasks():
    from jixiao.web.tables.rows import change

    doc, _words, moved = change(_doc(), "add:2")
    assert names(doc) == ["甲", "乙", "", "丙", "丁", "戊"] and doc["indicators"][2]["level2"] == "数量指标" and moved == {0: 0, 1: 1, 2: 3, 3: 4, 4: 5}
    doc, _words, moved = change(_doc(), "remove:4")  # 丁 was its group's only row: the group stays, empty
    assert names(doc) == ["甲", "乙", "丙", "戊"] and doc["empty_level2"] == [{"level1": "产出指标", "level2": "质量指标"}] and moved[3] is None
    doc, words, _moved = change(doc, "add-group:1")
    assert names(doc) == ["甲", "乙", "丙", "", "戊"] and doc["indicators"][3]["level2"] == "质量指标" and doc["empty_level2"] == [] and "质量指标" in words
    assert change(_doc(), "add-goal")[0]["overall_goals"] == ["目标一", "目标二", ""]
    assert change(_doc(), "remove-goal:1")[0]["overall_goals"] == ["目标二"]
    assert change(_doc(), "add-task:other")[0]["other_tasks"] == [{"name": ""}]
    assert change(_doc(), "remove-task:key:1")[0]["key_tasks"] == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["up", "down", "add", "remove"]), max_size=8), st.lists(st.integers(1, 8), min_size=8, max_size=8))
def test_rows_never_leave_their_group(ops, positions):
    """Whatever the sequence of changes, each group's rows stay together and in the framework's order of groups."""
    from jixiao.web.tables.rows import RowRefused, change, group_of

    doc = _doc()
    for op, n in zip(ops, positions, strict=False):
        before = [dict(r) for r in doc["indicators"]]
        try:
            doc, _words, moved = change(doc, f"{op}:{n}")
        except RowRefused:
            continue
        kept = sorted(j for j in moved.values() if j is not None)  # where the old rows went: distinct places, the new row's left free
        assert len(kept) == len(set(kept)) and len(kept) == len(doc["indicators"]) - (op == "add")
        assert all(doc["indicators"][j] == before[i] for i, j in moved.items() if j is not None)  # each row is where the map says
    groups = [group_of(r) for r in doc["indicators"]]
    runs = [g for k, g in enumerate(groups) if k == 0 or groups[k - 1] != g]
    assert len(runs) == len(set(runs))  # no group split in two
    order = [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标")]
    assert [g for g in order if g in runs] == runs


def test_align_follows_moved_rows_and_keeps_renamed_ones_in_place():
    from jixiao.web.tables.rows import align, change

    moved = change(_doc(), "down:1")[0]["indicators"]
    assert align(_doc()["indicators"], moved) == {0: 1, 1: 0, 2: 2, 3: 3, 4: 4}
    renamed = [dict(r, name=r["name"] + "（改）") if r["name"] == "乙" else r for r in _doc()["indicators"]]
    assert align(_doc()["indicators"], renamed) == {i: i for i in range(5)}  # a rename is a value edit, not a move
    removed = change(_doc(), "remove:2")[0]["indicators"]
    assert align(_doc()["indicators"], removed) == {0: 0, 1: None, 2: 1, 3: 2, 4: 3}


@pytest.mark.django_db
def test_row_buttons_save_the_typed_values_first_and_move_comments(example_path):
    from jixiao.web.review.models import ReviewComment

    world = build_world(example_path)
    record = world.tables["A_draft"]
    client = signed_in(world.users["staffA"])
    first, second = indicator(record, 1), indicator(record, 2)
    assert (first["level1"], first["level2"]) == (second["level1"], second["level2"])
    ReviewComment.objects.create(table=record, row=0, indicator_name=first["name"], author=world.users["reviewer"], action="return", text="请注明依据")
    form = edit_form(record)
    form["annual_value_1"] = "230元/月/人"
    response = client.post(f"/tables/{record.pk}/edit/", {**form, "row_op": "down:1"})
    assert response.status_code == 302 and response["Location"].endswith(f"/tables/{record.pk}/edit/#row-2")
    assert indicator(record, 2)["name"] == first["name"] and indicator(record, 2)["annual_value"] == "230元/月/人"
    assert indicator(record, 1)["name"] == second["name"] and record.version == 3  # the values' version, then the move's
    assert ReviewComment.objects.get(text="请注明依据").row == 1  # the comment followed its row
    count = len(record.data["indicators"])
    assert client.post(f"/tables/{record.pk}/edit/", {**edit_form(record), "row_op": "add:2"}).status_code == 302
    assert indicator(record, 3)["name"] == "" and len(record.data["indicators"]) == count + 1  # a blank row in the group, waiting for its name
    page = client.get(f"/tables/{record.pk}/edit/")
    assert 'placeholder="请填写新指标名称"' in page.content.decode() and client.post(f"/tables/{record.pk}/edit/", edit_form(record)).status_code == 302
    removed = client.post(f"/tables/{record.pk}/edit/", {**edit_form(record), "row_op": "remove:3"}, follow=True)
    assert removed.status_code == 200 and "已保存并调整" in removed.content.decode()
    record.refresh_from_db()
    assert len(record.data["indicators"]) == count
    refused = client.post(f"/tables/{record.pk}/edit/", {**edit_form(record), "row_op": "up:1"}, follow=True)
    assert "已保存填写的内容，但未调整" in refused.content.decode() and "只能在本组内移动" in refused.content.decode()
    entries = [e.field for e in record.audit.filter(action="调整结构")]
    assert any(e.startswith("下移指标") for e in entries) and any(e.startswith("新增指标") for e in entries)


@pytest.mark.django_db
def test_a_form_opened_before_a_colleague_moved_rows(example_path):
    world = build_world(example_path)
    record = world.tables["A_draft"]
    alice, bob = signed_in(world.users["staffA"]), signed_in(world.users["staffA"])
    form_bob = edit_form(record)  # version 1
    name = indicator(record, 1)["name"]
    assert alice.post(f"/tables/{record.pk}/edit/", {**edit_form(record), "row_op": "down:1"}).status_code == 302
    form_bob["annual_value_1"] = "260元/月/人"  # Bob edits the row he saw first, which is second now
    assert bob.post(f"/tables/{record.pk}/edit/", form_bob).status_code == 302
    assert indicator(record, 2)["name"] == name and indicator(record, 2)["annual_value"] == "260元/月/人"
    assert indicator(record, 1)["annual_value"] != "260元/月/人"
    form_carol = edit_form(record)
    assert alice.post(f"/tables/{record.pk}/edit/", {**edit_form(record), "row_op": "remove:2"}).status_code == 302
    form_carol["annual_value_2"] = "270元/月/人"
    gone = bob.post(f"/tables/{record.pk}/edit/", form_carol)
    assert gone.status_code == 409 and f"您修改的指标“{name}”已被他人删除" in gone.content.decode()
    stale = alice.post(f"/tables/{record.pk}/edit/", {**form_carol, "annual_value_2": form_carol["annual_value_2"], "row_op": "remove:1"})
    assert stale.status_code == 409  # the structural change is not made on an older form's rows


@pytest.mark.django_db
def test_goals_tasks_and_project_facts_are_edited_and_merged(example_path):
    from jixiao.web.tables import mapping

    world = build_world(example_path)
    record = world.tables["A_draft"]
    client = signed_in(world.users["staffA"])
    page = client.get(f"/tables/{record.pk}/edit/").content.decode()
    assert 'name="goal_1"' in page and 'name="key_task_1_name"' in page and 'id="add-goal"' in page
    form = edit_form(record)
    form_other = edit_form(record)
    form.update({"goal_1": "全年培训职工 700 名以上", "key_task_1_content": "开展技能竞赛 20 场"})
    assert client.post(f"/tables/{record.pk}/edit/", form).status_code == 302
    table = mapping.to_domain(record.__class__.objects.get(pk=record.pk))
    assert table.overall_goals[0] == "全年培训职工 700 名以上" and table.key_tasks[0].content == "开展技能竞赛 20 场"
    clash = client.post(f"/tables/{record.pk}/edit/", {**form_other, "goal_1": "另一种写法"})
    assert clash.status_code == 409 and [c.key for c in clash.context["conflict"].clashes] == ["goal_1"]
    project = mapping.store(project_table(world.example), record.department, 2021)
    project_form = {**edit_form(project), "fact_annual_goal": "培训职工800名以上", "fact_cost_basis": "培训费 400元/人次 × 1,960人次"}
    assert client.post(f"/tables/{project.pk}/edit/", project_form).status_code == 302
    facts = mapping.to_domain(project.__class__.objects.get(pk=project.pk)).project
    assert facts is not None and facts.annual_goal == "培训职工800名以上" and facts.cost_basis.startswith("培训费 400元")
    assert record.audit.filter(action="修改", field="总体目标1").exists()


@pytest.mark.django_db
def test_the_live_check_judges_a_value_against_its_group(example_path):
    world = build_world(example_path)
    client = signed_in(world.users["staffA"])

    def check(text: str, level1: str, level2: str) -> str:
        return client.post("/values/check/", {"annual_value_1": text, "level1": level1, "level2": level2}, HTTP_HX_TRIGGER_NAME="annual_value_1").content.decode()

    bad = check("abc很多", "产出指标", "数量指标")
    assert 'class="bad"' in bad and "数量指标应为数值" in bad and "定性描述" in bad
    assert 'class="ok"' in check("≥20个", "产出指标", "数量指标")
    assert 'class="ok"' in check("abc很多", "效益指标", "社会效益指标")  # a descriptive effect is fine
    assert 'class="bad"' in check("控制在预算内", "成本指标", "经济成本指标")
    assert 'class="ok"' in check("2025年12月底前", "产出指标", "时效指标")
    page = client.get(f"/tables/{world.tables['A_draft'].pk}/edit/").content.decode()
    assert '"level2": "数量指标"' in page and 'class="grid edit-grid"' in page and "<colgroup>" in page  # fixed columns: a message never narrows an input
