"""Review is total: any table, however odd its values and narrative, gives findings, never an exception."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from review_tables import GROUPS, make_table

from jixiao.domain.table import Indicator, KeyTask
from jixiao.review import RULES, Severity, review

PIECES = ["≥", "约", "不少于", "以上", "万", "千", "元", "人", "人次", "场", "个", "%", "分", "/月", "/人", "/年", "满分", "；", "-", "良好", "有效提升", "培训", "竞赛", "率", "提高", "劳模", "标准", " "]
text = st.lists(st.one_of(st.sampled_from(PIECES), st.integers(0, 99999).map(str), st.text(max_size=3)), max_size=8).map("".join)


@st.composite
def indicators(draw):
    level2 = draw(st.sampled_from(sorted(GROUPS)))
    return Indicator(
        level1=GROUPS[level2], level2=level2, name=draw(text) or "指标",
        period_value=draw(st.none() | text), annual_value=draw(st.none() | text),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    inds=st.lists(indicators(), max_size=12),
    goals=st.lists(text, max_size=3),
    funds=st.none() | st.floats(min_value=0, max_value=1e9, allow_nan=False),
    goal=text,
)
def test_review_never_raises(inds, goals, funds, goal):
    table = make_table(inds, goals=goals, key_tasks=[KeyTask(name="培训竞赛经费", goal=goal, content=goal, funds_yuan=funds)])
    report = review(table)
    for f in report.findings:
        assert f.code in RULES and f.message and isinstance(f.severity, Severity)
    assert report.overall.grade in "优良中差"
