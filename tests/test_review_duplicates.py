"""Duplicate-quantity rule (DUP-001)."""

from review_tables import complete_indicators, findings, ind, make_table


def test_dup001_same_count_twice():
    twice = make_table([*complete_indicators(), ind("补贴人数", "6400人", line=39), ind("提升学历人数", "6400人", level2="社会效益", line=59)])
    [hit] = findings(twice, "DUP-001")
    assert hit.figures["indicators"] == ["补贴人数", "提升学历人数"] and hit.source.line == 59
    assert twice.indicators[hit.row].name == "提升学历人数"  # placed at the indicator it points to


def test_dup001_does_not_flag_rates_small_numbers_or_different_units():
    table = make_table(
        [*complete_indicators(), ind("及时率", "100%", level2="时效指标"), ind("准确率", "100%", level2="质量指标"), ind("期数", "5期"), ind("家数", "5家"), ind("人数", "6400人"), ind("场次", "6400场")]
    )
    assert findings(table, "DUP-001") == []


def test_dup001_one_indicator_repeating_its_value_in_both_slots_is_not_a_duplicate():
    assert findings(make_table([*complete_indicators(), ind("竞赛数量", "20个", period="20个/年")]), "DUP-001") == []


def test_dup001_people_and_visits_are_different_quantities_but_kin_counts_meet():
    visits = make_table([*complete_indicators(), ind("培训人数", "11300人"), ind("培训人次", "≥11300人次", level2="社会效益")])
    assert findings(visits, "DUP-001") == []
    kin = make_table([*complete_indicators(), ind("竞赛数量", "20个"), ind("竞赛场次", "20场", level2="社会效益")])
    [hit] = findings(kin, "DUP-001")
    assert hit.figures["indicators"] == ["竞赛数量", "竞赛场次"]


def test_dup001_bare_magnitudes_are_not_counts():
    table = make_table([*complete_indicators(), ind("收入", "50万"), ind("产值", "50万", level2="社会效益")])
    assert findings(table, "DUP-001") == []
