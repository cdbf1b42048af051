"""Scoring through the value grammar: properties on written targets and actuals (units, direction)."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("jixiao.domain.values", reason="值语法（branch values）尚未合并")

from jixiao.assess import Actuals, score
from jixiao.assess.actuals import ActualEntry
from jixiao.domain.problem import Problem, Severity
from jixiao.domain.table import Indicator, Table


def one(target: str, actual: str, level1: str = "产出指标", level2: str = "数量指标") -> float:
    table = Table(indicators=[Indicator(level1=level1, level2=level2, name="指标", annual_value=target)])
    row = score(table, Actuals(entries=[ActualEntry(name="指标", actual=actual, weight=10)])).indicators[0]
    assert 0 <= row.score <= row.weight
    return row.score


amounts = st.integers(min_value=1, max_value=99_999)


@settings(max_examples=60, deadline=None)
@given(amounts, amounts, st.sampled_from(["≤", "", "≥"]), st.sampled_from(["成本指标", "产出指标"]))
def test_invariant_to_wan_yuan_vs_yuan(target, actual, op, level1):
    # 万元 vs 元: the same money written in either unit scores the same, whatever the direction
    wan = one(f"{op}{target}万元", f"{actual}万元", level1, "经济成本指标" if level1 == "成本指标" else "数量指标")
    yuan = one(f"{op}{target * 10000}元", f"{actual * 10000}元", level1, "经济成本指标" if level1 == "成本指标" else "数量指标")
    assert wan == yuan


@settings(max_examples=60, deadline=None)
@given(amounts, amounts, amounts)
def test_positive_monotone_and_cost_antitone(target, a, b):
    lo, hi = sorted((a, b))
    assert one(f"≥{target}人", f"{lo}人") <= one(f"≥{target}人", f"{hi}人")
    assert one(f"{target}万元", f"{lo}万元", "成本指标", "经济成本指标") >= one(f"{target}万元", f"{hi}万元", "成本指标", "经济成本指标")


def test_worked_text_examples():
    assert one("≥90%", "85%") == 9.44  # 10 × 0.85 / 0.90 = 9.444
    assert one("≤5万元", "6万元", "成本指标", "经济成本指标") == 8.33
    assert one("20个/年", "18个") == 9.0  # an annual count against a per-year target
    assert one("10-12人/年", "14人") == pytest.approx(8.57)  # 10 × 12/14
    assert one("约332人", "300人") == 9.51  # 10 × 300 / (332 × 0.95) = 9.512
    assert one("良好以上", "合格", "产出指标", "质量指标") == 6.0  # two steps below → 未达成 band top (60%)
    assert one("有效提升", "未达成(30%)", "效益指标", "社会效益指标") == 3.0
    assert one("100%", "不适用") == 0.0


def test_flags_over_achievement_and_missing_explanation():
    table = Table(indicators=[
        Indicator(level1="产出指标", level2="数量指标", name="培训人次", annual_value="≥700人"),
        Indicator(level1="产出指标", level2="数量指标", name="竞赛场次", annual_value="20场"),
        Indicator(level1="产出指标", level2="数量指标", name="未报指标", annual_value="5期"),
    ])
    actuals = Actuals(entries=[ActualEntry(name="培训人次", actual="1200人"), ActualEntry(name="竞赛场次", actual="15场")])
    evaluation = score(table, actuals)
    flags = {(f.code, f.message.split("”")[0].lstrip("“")) for f in evaluation.flags}
    assert ("OVER-ACHIEVED", "培训人次") in flags  # 1200 / 700 = 171% > 150%
    assert ("NO-REASON", "竞赛场次") in flags
    assert ("NO-ACTUAL", "未报指标") in {(f.code, "未报指标") for f in evaluation.indicators[2].flags}
    assert evaluation.indicators[2].score == 0
    assert ("NO-BUDGET", "未提供全年预算数与执行数：预算执行率不计分，总分按适用项折算") in {(f.code, f.message) for f in evaluation.flags}
    # no budget: the total is rescaled from the 50 applicable points to 100
    assert evaluation.max_points == 50
    # 培训人次 full (50/3), 竞赛场次 50/3 × 15/20 = 12.5, 未报指标 0 → 29.17 of 50 → 58.33
    assert evaluation.total == pytest.approx((50 / 3 + 12.5) * 2, abs=0.01)


def test_flags_are_problems_with_a_severity_and_a_row():
    table = Table(indicators=[
        Indicator(level1="产出指标", level2="数量指标", name="培训人次", annual_value="≥700人"),
        Indicator(level1="产出指标", level2="数量指标", name="竞赛场次", annual_value="20场"),
        Indicator(level1="产出指标", level2="数量指标", name="不适用指标", annual_value="5期"),
    ])
    actuals = Actuals(entries=[ActualEntry(name="竞赛场次", actual="15场"), ActualEntry(name="不适用指标", actual="不适用"), ActualEntry(name="没有这项", actual="1个")])
    evaluation = score(table, actuals)
    by_code = {f.code: f for f in evaluation.flags}
    assert isinstance(by_code["NO-REASON"], Problem)
    assert (by_code["NO-REASON"].severity, by_code["NO-REASON"].row) == (Severity.WARNING, 1)
    assert (by_code["NO-ACTUAL"].severity, by_code["NO-ACTUAL"].row) == (Severity.WARNING, 0)
    assert (by_code["UNMATCHED"].severity, by_code["UNMATCHED"].row) == (Severity.ERROR, None)
    assert by_code["NO-BUDGET"].severity is Severity.WARNING and by_code["NO-BUDGET"].row is None
    [na] = evaluation.indicators[2].flags
    assert (na.code, na.severity, na.row) == ("NOT-APPLICABLE", Severity.INFO, 2)
    flag = evaluation.model_dump(mode="json")["flags"][0]
    assert {"code", "message", "source", "severity", "row"} <= set(flag)


def test_numeric_target_judged_by_band():
    # 136: 完成值 '完成' against ≤30万元; an evaluator may also rate a numeric target by band
    assert one("≤30万元", "完成", "成本指标", "经济成本指标") == 10.0
    assert one("≥700人", "部分达成(70%)") == 7.0
    assert one("≥700人", "未达成") == 6.0
