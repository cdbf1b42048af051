"""The quantity scanner shared by the narrative and value rules, with a Hypothesis round trip."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.review.quantities import UNIT_FAMILY, amounts, spread


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("约5000人次", [(5000, 5000, "person", (), "approx")]),
        ("不少于40种课程", [(40, 40, "kind", (), "min")]),
        ("9大类", [(9, 9, "category", (), "eq")]),
        ("每人1000元", [(1000, 1000, "money", ("人",), "eq")]),
        ("20场以上", [(20, 20, "event", (), "min")]),
        ("5万元/个", [(50000, 50000, "money", ("个",), "eq")]),
        ("10-12人/年", [(10, 12, "person", ("年",), "eq")]),
        ("≤5天", [(5, 5, "time", (), "max")]),
        ("8分以上 (满分10分)", [(8, 8, "score", (), "min")]),
        ("1、开展省三项工程", []),
        ("两个社工项目", []),
    ],
)
def test_examples(text, expected):
    assert [(a.low, a.high, a.family, a.per, a.comparator) for a in amounts(text)] == expected


def test_full_marks_and_keys():
    [score] = amounts("8分以上 (满分10分)")
    assert score.full_marks == 10
    assert amounts("20个/年")[0].key == amounts("不少于20场")[0].key
    assert amounts("≥11300人次")[0].key == amounts("约11300人")[0].key


def test_compound_spread():
    rate = spread(amounts("全国劳模1万元/人；省劳模1万元/人；市劳模8千元/人"))
    assert (rate.low, rate.high, rate.per) == (8000, 10000, ("人",))
    assert spread(amounts("5个；3人")) is None


PREFIX = {"": "eq", "≥": "min", "不少于": "min", "≤": "max", "不超过": "max", "约": "approx"}
MAG = {"": 1, "千": 1_000, "万": 10_000}


@given(
    number=st.integers(min_value=1, max_value=10**7),
    prefix=st.sampled_from(sorted(PREFIX)),
    magnitude=st.sampled_from(sorted(MAG)),
    unit=st.sampled_from(sorted(UNIT_FAMILY)),
    per=st.sampled_from(["", "/年", "/人", "/月/人"]),
    lead=st.sampled_from(["", "开展", "为职工提供"]),
)
def test_round_trip(number, prefix, magnitude, unit, per, lead):
    text = f"{lead}{prefix}{number:,}{magnitude}{unit}{per}，其他说明"
    [a] = amounts(text)
    assert a.low == a.high == number * MAG[magnitude]
    assert (a.unit, a.family, a.comparator) == (unit, UNIT_FAMILY[unit], PREFIX[prefix])
    assert a.per == tuple(p for p in per.split("/") if p)
    assert text[a.start : a.end] == a.raw
