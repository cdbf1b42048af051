"""Scoring schemes are data: every shipped scheme loads, sums to 100, and splits points as the rules say."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.assess import SchemeError, load_scheme, scheme_for_locality, scheme_names
from jixiao.assess.actuals import ActualEntry
from jixiao.assess.goals import Reading
from jixiao.assess.score import _weights


def test_shipped_schemes_load_and_sum_to_100():
    assert {"default", "sichuan", "hubei-municipal", "hebei-whole-points"} <= set(scheme_names())
    for name in scheme_names():
        s = load_scheme(name)
        indicator_points = s.points.indicators if s.points.indicators is not None else sum(s.points.level1.values())
        assert indicator_points + s.points.budget == 100, name
        assert [b.label for b in s.qualitative.bands] == ["达成", "部分达成", "未达成"]


def test_default_is_10hao():
    s = load_scheme("default")
    assert s.points.level1 == {"output": 50, "effect": 30, "satisfaction": 10} and s.points.budget == 10
    assert s.group_of("cost") == "output"
    assert [(b.low, b.high) for b in s.qualitative.bands] == [(0.8, 1.0), (0.6, 0.8), (0.0, 0.6)]
    assert [s.rating(x) for x in (95, 90, 89.99, 80, 60, 59.9)] == ["优", "优", "良", "良", "中", "差"]


def test_variants_override_only_what_differs():
    hubei, sichuan, hebei = load_scheme("hubei-municipal"), load_scheme("sichuan"), load_scheme("hebei-whole-points")
    assert (hubei.points.budget, hubei.points.indicators, hubei.points.level1) == (20, 80, {})
    assert [(b.low, b.high) for b in hubei.qualitative.bands][1] == (0.5, 0.8)
    assert (sichuan.points.indicators, sichuan.budget.basis, sichuan.budget.reason_below) == (90, "adjusted", 0.9)
    assert hebei.quantitative.round_digits == 0 and hebei.points.level1 == load_scheme("default").points.level1
    assert scheme_for_locality("湖北黄石市").name == "hubei-municipal"
    assert scheme_for_locality("四川遂宁大英县").name == "sichuan"
    assert scheme_for_locality("广东东莞").name == "default"


def test_bad_schemes_are_reported(tmp_path):
    with pytest.raises(SchemeError, match="找不到评分方案"):
        load_scheme("no-such-scheme")
    broken = tmp_path / "broken.toml"
    broken.write_text('extends = "default"\nname = "broken"\n[points]\nbudget = 30\n', encoding="utf-8")
    with pytest.raises(SchemeError, match="合计应为 100"):
        load_scheme(str(broken))


def test_grade_and_band_vocabulary():
    s = load_scheme("default")
    assert s.grade_rank("良好以上") == s.grade_rank("良") == 1
    assert s.grade_rank("有效提升") is None
    assert s.band("完成").label == "达成" and s.band("部分达成").label == "部分达成"


GROUPS = ["output", "effect", "satisfaction"]


@given(st.lists(st.sampled_from(GROUPS), min_size=3, max_size=40).filter(lambda g: set(g) == set(GROUPS)),
       st.data())
def test_weights_sum_to_100(groups, data):
    s = load_scheme("default")
    n = len(groups)
    # some indicators carry a given 分值 (small enough to fit the group), the rest share what is left
    given_mask = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    first = {g: groups.index(g) for g in GROUPS}
    entries = []
    for i, g in enumerate(groups):
        given = data.draw(st.floats(min_value=0, max_value=1)) if given_mask[i] and first[g] != i else None
        entries.append(ActualEntry(name=f"指标{i}", weight=given))
    readings = [Reading(value=1.0)] * n
    w = _weights(groups, readings, entries, s)
    assert (w >= 0).all()
    assert w.sum() + s.points.budget == pytest.approx(100)
    for g in GROUPS:
        assert sum(w[i] for i in range(n) if groups[i] == g) == pytest.approx(s.points.level1[g])


def test_not_applicable_is_left_out_of_the_split():
    s = load_scheme("default")
    groups = ["effect", "effect", "effect"]
    readings = [Reading(value=1.0), Reading(not_applicable=True), Reading(value=0.5)]
    w = _weights(groups, readings, [ActualEntry(name=str(i)) for i in range(3)], s)
    assert w.tolist() == [15.0, 0.0, 15.0]
