"""find_quantities: amounts in prose read by the value grammar, with Hypothesis properties."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.domain.value_search import find_quantities, has_digits, mentions_date
from jixiao.domain.value_words import PREFIX_WORDS, SUFFIX_WORDS, Comparator, combine
from jixiao.domain.values import Quantity, Range, Score, parse_value

GE, GT, LE, LT, EQ, APPROX, NONE = (Comparator.GE, Comparator.GT, Comparator.LE, Comparator.LT, Comparator.EQ,
                                    Comparator.APPROX, Comparator.NONE)
RAW = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "raw"


def read(text):
    return [(f.raw, f.low, f.high, f.measure, f.comparator, f.per) for f in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("约5000人次", [("约5000人次", 5000, 5000, "[person_time]", APPROX, ())]),
        ("开设9大类不少于40种课程", [("9大类", 9, 9, "kinds", NONE, ()), ("不少于40种", 40, 40, "kinds", GE, ())]),
        ("提供每人1000元的补贴", [("每人1000元", 1000, 1000, "[currency]/[person]", NONE, ("人",))]),
        ("20场以上", [("20场以上", 20, 20, "events", GE, ())]),
        ("超过20场", [("超过20场", 20, 20, "events", GT, ())]),  # more than, not at least
        ("5万元/个", [("5万元/个", 50000, 50000, "[currency]/events", NONE, ("个",))]),
        ("10-12人/年", [("10-12人/年", 10, 12, "[person]", NONE, ("年",))]),
        ("≤5天", [("≤5天", 5, 5, "[time]", LE, ())]),
        ("3个小时内办结", [("3个小时内", 3, 3, "[time]", LE, ())]),  # time stays in the written unit
        ("实施两个社工项目", [("两个", 2, 2, "events", NONE, ())]),
        ("推进三项工程，举办十二场讲座", [("三项", 3, 3, "events", NONE, ()), ("十二场", 12, 12, "events", NONE, ())]),
        ("不超过60.6万一年", [("不超过60.6万一年", 606000, 606000, "", LE, ("年",))]),
        ("达到90%以上", [("达到90%以上", 0.9, 0.9, "", GE, ())]),
        ("1、开展省级工程", []),  # list numbering has no unit
        ("第三方评价十分重要，一次性补助", []),  # an ordinal, an adverb, the article 一
        ("2023年11月底前完成，2024-2025年，3月份", []),  # dates are not amounts
    ],
)
def test_examples(text, expected):
    assert read(text) == [(r, pytest.approx(lo), pytest.approx(hi), m, c, p) for r, lo, hi, m, c, p in expected]


def test_a_quantity_in_prose_is_the_value_of_the_same_cell():
    [found] = find_quantities("为职工提供不少于40种课程")
    assert found.value == parse_value("不少于40种")
    assert found.value.kind == "quantity" and found.value.direction.value == "正向"
    [each] = find_quantities("每人1000元")
    assert each.value == parse_value("1000元/人")


def test_scores_and_their_full_marks():
    [own] = find_quantities("8分以上 (满分10分)")
    assert isinstance(own.value, Score) and own.full_marks == 10 and own.comparator is GE
    [elsewhere] = find_quantities("得分8分，满分10分")
    assert elsewhere.full_marks == 10 and elsewhere.high == 8
    assert find_quantities("满分10分") == ()  # the scale alone is no target


def test_keys_meet_across_kin_counts_but_not_people_and_visits():
    assert find_quantities("20个/年")[0].key == find_quantities("不少于20场")[0].key
    assert find_quantities("700名以上")[0].key == find_quantities("≥700人")[0].key
    assert find_quantities("≥11300人次")[0].key != find_quantities("约11300人")[0].key
    assert find_quantities("5万元")[0].key == find_quantities("50000元")[0].key


def test_families_and_text():
    money, percent, score, time, count = (find_quantities(t)[0] for t in ("1万元/人", "≥90%", "≥90分", "3个工作日", "6400人"))
    assert [f.family for f in (money, percent, score, time, count)] == ["money", "percent", "score", "time", "count"]
    assert money.text() == "1万元/人" and count.text() == "6,400人"
    assert find_quantities("10～12人/年")[0].text() == "10–12人/年"


def test_helpers():
    assert has_digits("约5000人次") and not has_digits("两个") and not has_digits(None)
    assert mentions_date("2025年12月前完成") and mentions_date("12月底") and mentions_date("每年3月")
    assert not mentions_date("12个月") and not mentions_date("≥90%")


@pytest.mark.skipif(not (RAW / "123_target.txt").is_file(), reason="shared corpus (../shared/corpus/raw) not present")
def test_corpus_prose():
    """A project description from the shared corpus, read in place: areas, lengths, households, people."""
    text = (RAW / "123_target.txt").read_text(encoding="utf-8")
    start = text.index("项目新建养殖场")
    sentence = text[start : text.index("。", start)]
    assert [(f.raw, f.low) for f in find_quantities(sentence)] == [
        ("约6500平米", 6500), ("约360平米", 360), ("84平米", 84), ("120平米", 120), ("约300米", 300),
    ]  # 一栋 is "a shed", not a count
    people = text[text.index("户籍人口") :][:30]
    assert [f.raw for f in find_quantities(people)][:2] == ["76户", "174人"]


# --- properties ------------------------------------------------------------------------------

EXAMPLES = int(os.environ.get("JIXIAO_HYPOTHESIS_EXAMPLES", "300"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words between the amounts: no digits, numerals, units, comparator words or 每/第 at their edges.
FILLERS = ["开展", "市级职业技能竞赛", "，", "。", "；", "为", "职工群众", "提供法律援助服务", "开设", "课程",
           "培训对象是全市", "发放补贴", "、", "（", "）", "其中"]
COUNT_UNITS = ["人", "人次", "个", "场", "期", "家", "种", "项", "户", "件", "名", "次", "个工作日", "小时", "天"]
OTHER_UNITS = ["元", "万元", "千元", "%", "％", "百分比", "平方米", "公里", "吨", "分"]
PERS = ["", "/年", "/人", "/月/人", "／个"]
PROSE_PREFIXES = sorted(PREFIX_WORDS)
PROSE_SUFFIXES = sorted(SUFFIX_WORDS)
CHINESE = ["两", "三", "十二", "二十", "五十六", "一百"]


@st.composite
def prose_amounts(draw) -> str:
    """An amount as tables and goals print it: prefix, number, unit, denominators, suffix."""
    unit = draw(st.sampled_from(COUNT_UNITS + OTHER_UNITS))
    if unit != "分" and draw(st.integers(0, 4)) == 0:
        low = draw(st.integers(1, 5000))
        per = draw(st.sampled_from(PERS))
        return f"{low}{draw(st.sampled_from(['-', '～', '至']))}{low + draw(st.integers(0, 500))}{unit}{per}"
    if unit in COUNT_UNITS and draw(st.booleans()):
        number = draw(st.sampled_from(CHINESE))
    else:
        n = draw(st.integers(1, 10**7))
        number = draw(st.sampled_from([str(n), f"{n:,}", f"{n}.5"]))
    prefix, suffix = draw(st.sampled_from(["", *PROSE_PREFIXES])), draw(st.sampled_from(["", *PROSE_SUFFIXES]))
    if combine(PREFIX_WORDS.get(prefix, NONE), SUFFIX_WORDS.get(suffix, NONE)) is None:
        suffix = ""
    per = "" if unit == "分" else draw(st.sampled_from(PERS))
    return f"{prefix}{number}{unit}{per}{suffix}"


@FAST
@given(st.lists(st.tuples(st.lists(st.sampled_from(FILLERS), min_size=1, max_size=3), prose_amounts()), max_size=5),
       st.lists(st.sampled_from(FILLERS), max_size=2))
def test_finds_exactly_the_inserted_quantities(pieces, tail):
    text, inserted = "", []
    for words, amount in pieces:
        text += "".join(words)
        inserted.append((len(text), amount))
        text += amount
    text += "".join(tail)
    found = find_quantities(text)
    assert [(f.start, f.raw) for f in found] == inserted
    for f, (_, amount) in zip(found, inserted, strict=True):
        assert f.value == parse_value(amount)
        assert text[f.start : f.end] == f.raw


@FAST
@given(prose_amounts())
def test_an_amount_in_prose_keeps_its_meaning(amount):
    value = parse_value(amount)
    assert isinstance(value, Quantity | Range | Score)
    [found] = find_quantities(f"开展{amount}，其他说明")
    assert found.comparator is value.comparator
    low = value.low() if isinstance(value, Range) else value.quantity()
    assert found.low == pytest.approx(float(low.magnitude))
