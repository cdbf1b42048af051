"""Shared by the forms/reader tests: the content of a table without provenance, and table strategies."""

from __future__ import annotations

from hypothesis import strategies as st

from jixiao.domain import framework
from jixiao.domain.table import (
    Budget,
    ByLevel,
    Department,
    Development,
    EmptyGroup,
    Expenditure,
    Income,
    Indicator,
    KeyTask,
    OtherTask,
    Table,
)


def content(table: Table) -> dict:
    """What a round trip must keep: everything but where it was read from (`sources`, `source_file`,
    `locator`), the header as printed (`columns`), the reader's notes (each format needs its own repairs)
    the flag for a single value whose slot a flattened text left open (a structured format settles it) and
    the reader's confidence in it (`confidence`, `needs_review`, `review_reasons`: each format's own)."""

    def strip(x):
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k not in ("sources", "source", "source_file", "overall_goal_sources", "typed", "single_value_slot_ambiguous", "notes", "locator", "columns", "confidence", "needs_review", "review_reasons")}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x

    return strip(table.model_dump(mode="python", exclude={"indicators": {"__all__": {"typed"}}}))


_ALPHABET = "甲乙丙丁戊己庚辛壬癸天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏" + "0123456789abcXYZ%≥≤/.-()（）×+;：&<>"
_word = st.text(alphabet=_ALPHABET, min_size=1, max_size=12)
text = st.lists(_word, min_size=1, max_size=4).map(" ".join)
plain_text = st.text(alphabet=_ALPHABET.replace("&", "").replace("<", "").replace(">", ""), min_size=1, max_size=30).map(str.strip).filter(bool)
maybe_text = st.none() | text
money = st.none() | st.integers(0, 10**11).map(lambda cents: round(cents / 100, 2))
count = st.none() | st.integers(0, 10**6)

PAIRS = [(framework.level1_name(l2.level1), l2.name) for l2 in framework.LEVEL2] + [
    ("效益指标", "社会效益"), ("效益指标", "经济效益"), ("产出指标", "数量"), ("满意度指标", "服务对象满意度"),
]


@st.composite
def indicators(draw):
    pairs = draw(st.lists(st.sampled_from(PAIRS), min_size=1, max_size=6))
    rows = []
    for level1, level2 in pairs:
        for _ in range(draw(st.integers(1, 3))):
            rows.append(Indicator(level1=level1, level2=level2, name=draw(text), period_value=draw(maybe_text), annual_value=draw(maybe_text)))
    used = {(framework.level2_code(l2, l1)) for l1, l2 in pairs}
    spare = [p for p in PAIRS if framework.level2_code(p[1], p[0]) not in used]
    empty = draw(st.lists(st.sampled_from(spare), max_size=3, unique_by=lambda p: framework.level2_code(p[1], p[0]))) if spare else []
    return rows, [EmptyGroup(level1=l1, level2=l2) for l1, l2 in empty]


@st.composite
def tables(draw) -> Table:
    rows, empty = draw(indicators())
    title = draw(st.none() | plain_text.map(lambda t: t + "绩效目标表"))
    return Table(
        title=title,
        year=draw(st.none() | st.integers(2000, 2099)),
        department=Department(name=draw(maybe_text), funded_staff=draw(count), subordinate_units=draw(count)),
        budget=Budget(
            expenditure=Expenditure(basic=draw(money), project=draw(money), development=Development(special_fund=draw(money), other=draw(money))),
            income=Income(fiscal_appropriation=draw(money), other=draw(money)),
            by_level=ByLevel(city_level=draw(money), transfer_to_lower=draw(money)),
        ),
        overall_goals=draw(st.lists(plain_text, max_size=4)),
        key_tasks=draw(st.lists(st.builds(KeyTask, name=text, content=maybe_text, goal=maybe_text, funds_yuan=money), max_size=3)),
        other_tasks=draw(st.lists(st.builds(OtherTask, name=text, content=maybe_text, funds_yuan=money), max_size=3)),
        indicators=rows,
        empty_level2=empty,
    )


def with_rows(table: Table, n: int) -> Table:
    """`table` with `n` indicator rows: its own rows over and over, in order, each name numbered so no two rows
    are the same — a large table for the scaling tests, with merged group cells in proportion to its rows."""
    own = table.indicators
    rows = [own[k % len(own)].model_copy(update={"name": f"{own[k % len(own)].name}（{k + 1}）"}) for k in range(n)]
    return table.model_copy(update={"indicators": rows})
