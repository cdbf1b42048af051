"""The readable history: what changed between two stored documents (`changes.diff`), the history page
(who, 系统 for system rows, when, field: before → after; no raw dicts) and the diff of any two versions."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from web_support import build_world, edit_form, signed_in

from jixiao.ingest import read_table
from jixiao.web.tables import audit
from jixiao.web.tables.changes import EMPTY, audit_value, diff

pytestmark = pytest.mark.django_db


def _doc(example_path) -> dict:
    return json.loads(read_table(example_path).canonical_json())


def _said(changes) -> set[tuple[str, str, str, str]]:
    return {(c.part, c.label, c.before, c.after) for c in changes}


def test_the_same_document_has_no_change_and_sources_are_not_changes(example_path):
    doc = _doc(example_path)
    moved = copy.deepcopy(doc)
    moved["indicators"][0]["sources"] = {}
    moved["notes"] = []
    moved["source_file"] = "another.xlsx"
    assert diff(doc, doc) == [] and diff(doc, moved) == []


def test_facts_and_values_in_words_with_their_unit(example_path):
    old = _doc(example_path)
    new = copy.deepcopy(old)
    new["budget"]["expenditure"]["basic"] = 1800.0
    new["department"]["funded_staff"] = 41
    new["key_tasks"][0]["funds_yuan"] = 8000000.0
    first = new["indicators"][0]
    first["annual_value"] = "220元/月/人"
    place = " › ".join((first["level1"], first["level2"], first["name"]))
    said = _said(diff(old, new))
    assert ("预算整体情况（万元）", "基本支出", "1,767.72 万元", "1,800.00 万元") in said
    assert ("基本信息", "财政供养人员数", "39 人", "41 人") in said
    assert ("年度重点工作任务", f"{new['key_tasks'][0]['name']} · 拟投入的资金", "7,840,000.00 元", "8,000,000.00 元") in said
    assert ("绩效指标", f"{place} · 年度指标值", old["indicators"][0]["annual_value"], "220元/月/人") in said
    assert len(said) == 4


def test_rows_added_removed_renamed_and_goals(example_path):
    old = _doc(example_path)
    new = copy.deepcopy(old)
    removed = new["indicators"].pop(5)
    new["indicators"][0]["name"] = "劳模津贴发放标准（新）"
    added = dict(new["indicators"][1], name="新增指标", annual_value="≥10个", period_value=None, explanation=None)
    new["indicators"].append(added)
    new["overall_goals"][0] = "改写的目标"
    changes = diff(old, new)
    kinds = {(c.kind, c.label) for c in changes}
    assert ("removed", " › ".join((removed["level1"], removed["level2"], removed["name"]))) in kinds
    assert ("added", " › ".join((added["level1"], added["level2"], "新增指标"))) in kinds
    renamed = next(c for c in changes if c.label.endswith("· 三级指标"))
    assert (renamed.before, renamed.after) == (old["indicators"][0]["name"], "劳模津贴发放标准（新）")
    goal = next(c for c in changes if c.part == "总体绩效目标")
    assert (goal.label, goal.after) == ("第1条", "改写的目标")
    assert next(c for c in changes if c.kind == "added").after == "年度指标值 ≥10个"
    assert next(c for c in changes if c.kind == "removed").after == EMPTY


@settings(max_examples=40, deadline=None)
@given(position=st.integers(min_value=0, max_value=32), value=st.text(min_size=1, max_size=12).filter(str.strip))
def test_one_edited_value_is_exactly_one_change(example_path, position, value):
    old = _doc(example_path)
    new = copy.deepcopy(old)
    before = old["indicators"][position]["annual_value"]
    new["indicators"][position]["annual_value"] = value
    changes = diff(old, new)
    if value == before:
        assert changes == []
    else:
        assert len(changes) == 1 and changes[0].label.endswith("· 年度指标值") and changes[0].after == value


def test_audit_values_in_words():
    assert audit_value({"指标数": 33, "版本": 2}) == "指标数 33，版本 2"
    assert audit_value(1800.0, "万元") == "1,800.00 万元" and audit_value(None) == "" and audit_value(["BUD-003 金额为空", "x"]) == "BUD-003 金额为空；x"


def test_the_history_page_and_the_diff_of_two_versions(example_path):
    world = build_world(example_path)
    record = world.tables["A_draft"]
    audit.record(None, record, "导入", "示例数据", None, {"指标数": 33, "版本": 1})
    client = signed_in(world.users["staffA"])
    form = edit_form(record)
    form["basic"] = "1,800"
    assert client.post(f"/tables/{record.pk}/edit/", form).status_code == 302
    record.refresh_from_db()
    form = edit_form(record)
    form["project"] = "2,500"
    assert client.post(f"/tables/{record.pk}/edit/", form).status_code == 302
    page = client.get(f"/tables/{record.pk}/history/").content.decode()
    assert "基本支出</b>：<del>1,767.72 万元</del> → <ins>1,800.00 万元</ins>" in page
    assert "{&#x27;" not in page and "指标数 33，版本 1" in page and "<td class=\"nowrap\">系统</td>" in page
    versions = client.get(f"/tables/{record.pk}/versions/diff/?from=1&to=3")
    said = {(c.label, c.before, c.after) for c in versions.context["changes"]}
    assert said == {("基本支出", "1,767.72 万元", "1,800.00 万元"), ("项目支出", "2,406.86 万元", "2,500.00 万元")}
    back = client.get(f"/tables/{record.pk}/versions/diff/?from=3&to=1").context["changes"]
    assert {(c.label, c.before, c.after) for c in back} == {(label, after, before) for label, before, after in said}


def test_a_bad_version_pair_is_a_clear_refusal(example_path):
    world = build_world(example_path)
    record = world.tables["A_draft"]
    client = signed_in(world.users["staffA"])
    missing = client.get(f"/tables/{record.pk}/versions/diff/?from=1&to=9")
    assert missing.status_code == 404 and "没有版本 9" in missing.content.decode()
    bad = client.get(f"/tables/{record.pk}/versions/diff/?from=x&to=1")
    assert bad.status_code == 400 and "版本号“x”无效" in bad.content.decode()
    viewer = signed_in(world.users["viewer"])
    published = world.tables["A_published"]
    assert viewer.get(f"/tables/{published.pk}/versions/diff/?from=1&to=1").status_code == 403
