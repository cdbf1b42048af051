"""Narrative ↔ indicator rules (NAR-*)."""

import pytest
from review_tables import complete_indicators, findings, ind, make_table, task

from jixiao.domain.value_search import find_quantities
from jixiao.review.rules.narrative import consistent


def test_nar001_commitment_without_indicator():
    goals = ["一、律师团每年为约5000人次提供职工法律援助服务。", "二、开设9大类不少于40种课程，提高调解成功率。"]
    hit = findings(make_table(goals=goals), "NAR-001")
    assert [(f.where, f.figures["commitment"]) for f in hit] == [
        ("总体绩效目标（一）", "约5000人次"), ("总体绩效目标（二）", "9大类"), ("总体绩效目标（二）", "不少于40种"), ("总体绩效目标（二）", "调解成功率"),
    ]
    assert hit[0].figures["clause"] == "律师团每年为约5000人次提供职工法律援助服务"


def test_nar001_matched_by_quantity_across_unit_names():
    indicators = [*complete_indicators(), ind("开展市级职业技能竞赛数量", "20个", period="20个/年"), ind("培训人数", "≥11300人"), ind("补贴标准", "1000元/人", level2="经济成本指标"), ind("法律援助服务人次", "≥5000人次"), ind("调解成功率", "≥80%", level2="质量指标")]
    goals = ["一、开展不少于20场市级职业技能竞赛，提供每人1000元的学历提升补贴。", "二、培训约11300人，律师团为约5000人次提供服务，提高调解成功率。"]
    assert findings(make_table(indicators, goals=goals), "NAR-001") == []


def test_nar001_reads_key_task_goals_with_their_source():
    t = task("产业工人建设经费", 100.0, goal="为700名以上职工提供专项技能培训。", line=17)
    [hit] = findings(make_table(key_tasks=[t]), "NAR-001")
    assert hit.figures["commitment"] == "700名以上" and (hit.source.line, hit.source.column) == (17, 5)
    matched = make_table([*complete_indicators(), ind("技能培训参加人次", "≥700人")], key_tasks=[t])
    assert findings(matched, "NAR-001") == []


def test_person_times_do_not_measure_people():
    # 11300 people trained is not 11300 training attendances (人次): the promise stays unmeasured.
    goals = ["一、培训约11300人。"]
    [hit] = findings(make_table([*complete_indicators(), ind("培训人次", "≥11300人次")], goals=goals), "NAR-001")
    assert hit.figures["commitment"] == "约11300人"
    assert findings(make_table([*complete_indicators(), ind("培训人数", "≥11300人")], goals=goals), "NAR-001") == []


def test_list_numbers_are_not_commitments_but_chinese_numerals_are():
    # 1、2、 number the list; 两个 is a count in words. 三项 is plain and its clause promises nothing.
    goals = ["一、1、实施两个社工项目；2、推进三项工程。"]
    assert [f.figures["commitment"] for f in findings(make_table(goals=goals), "NAR-001")] == ["两个"]
    measured = make_table([*complete_indicators(), ind("社工项目数量", "2个")], goals=goals)
    assert findings(measured, "NAR-001") == []


@pytest.mark.parametrize(
    ("promise", "target", "kept"),
    [
        ("超过20场", "20场", False),  # more than 20: exactly 20 does not keep it
        ("超过20场", "21场", True),
        ("超过20场", ">20场", True),
        ("不少于20场", "20场", True),
        ("不超过5天", "≤5天", True),
        ("少于5天", "5天", False),
        ("少于5天", "<5天", True),
        ("约5000人次", "4800人次", True),
        ("约5000人次", "4000人次", False),
    ],
)
def test_a_target_keeps_a_promise_by_its_comparator(promise, target, kept):
    [p], [t] = find_quantities(promise), find_quantities(target)
    assert consistent(p, t, 0.1) is kept


def test_nar002_indicator_contradicts_narrative():
    goals = ["一、为职工提供法律援助服务约5000人次。"]
    indicators = [*complete_indicators(), ind("法律援助服务人次", "3000人次", line=50)]
    [hit] = findings(make_table(indicators, goals=goals), "NAR-002")
    assert hit.figures == {"commitment": "约5000人次", "indicator": "法律援助服务人次", "value": "3000人次"}
    assert hit.source.line == 50
    assert findings(make_table(indicators, goals=goals), "NAR-001") == []  # reported once, as a contradiction
    unrelated = [*complete_indicators(), ind("电影放映人次", "3000人次")]
    assert findings(make_table(unrelated, goals=goals), "NAR-002") == []


def test_background_facts_are_not_commitments():
    goals = ["一、本村户籍人口76户174人，常住户26户56人。", "二、落实39户特色种养业奖补政策。"]
    hit = findings(make_table(goals=goals), "NAR-001")
    assert [f.figures["commitment"] for f in hit] == ["39户"]


def test_a_target_that_keeps_the_promise_measures_it():
    goals = ["一、开展不少于20场职业技能竞赛，为约5000人次提供法律援助服务。"]
    kept = [*complete_indicators(), ind("职业技能竞赛场次", "≥25场"), ind("法律援助服务人次", "4800人次")]
    table = make_table(kept, goals=goals)
    assert findings(table, "NAR-001") == [] and findings(table, "NAR-002") == []
    broken = [*complete_indicators(), ind("职业技能竞赛场次", "15场"), ind("法律援助服务人次", "4000人次")]
    hit = findings(make_table(broken, goals=goals), "NAR-002")
    assert [(f.figures["commitment"], f.figures["value"]) for f in hit] == [("不少于20场", "15场"), ("约5000人次", "4000人次")]
