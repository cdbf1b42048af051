"""End to end on the example table: template → fill → read → monitor → score, with worked results by hand."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

pytest.importorskip("jixiao.domain.values", reason="值语法（branch values）尚未合并")

from assess_sample import filled_monitor, filled_selfeval

from jixiao.assess import load_actuals, monitor, score
from jixiao.domain.problem import Severity


@pytest.fixture(scope="module")
def table(example):
    return example


@pytest.fixture(scope="module")
def evaluation(table, tmp_path_factory):
    path = filled_selfeval(table, tmp_path_factory.mktemp("selfeval") / "自评.xlsx")
    actuals = load_actuals(path, table)  # validates every entry
    assert actuals.kind == "selfeval" and len(actuals.entries) == 33
    return score(table, actuals)


def rows(evaluation):
    return {r.index: r for r in evaluation.indicators}


W = 50 / 26  # 成本 (4 indicators) shares 产出's 50 points with 22 output indicators (10号 default scheme)


def half_up(x):
    return float(Decimal(str(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# Worked by hand: 序号 → score. Rows not listed meet their target and score their full weight.
EXPECTED = {
    2: half_up(W * 0.70),  # compound target, 部分达成(70%): the evaluator's choice inside the band
    3: half_up(W * 5 / 6),  # 反向 5万元/个, actual 6万元/个 → weight × target/actual
    5: half_up(W * 9 / 10),  # 区间 10-12人/年, actual 9人 → weight × actual/low
    7: half_up(W * 98 / 102),  # 102人, actual 98人
    9: half_up(W * 18 / 20),  # 20个, actual 18个
    14: half_up(W * 10170 / 11300),  # ≥11300人次
    16: half_up(W * 0.98),  # 100%, 98%
    19: half_up(W * 88 / 90),  # ≥90分, 88分
    20: half_up(W * 0.76 / 0.80),  # ≥80%, 76%
    27: 7.5 * 0.8,  # grade 良好, actual 中等 (one step below) → 部分达成 at the band's top
    28: 7.5 * 0.8,  # descriptive, 部分达成
    33: half_up(5 * 0.85 / 0.90),  # ≥90%, 85%
}
# Met in their own form: compound 达成 (1), 反向 met (4), 约332人 with 320 (within 5%) (8), a bare 6400
# in the target's unit (10), grade 良好以上 with 优秀 (15), descriptive 达成 / 完成 (17, 24),
# 8分以上 (满分10分) with 8.6分 (18), a bare 100 against 100% (22), grade 良好 with 良好 (31).
FULL = {1, 4, 8, 10, 15, 17, 18, 22, 24, 31}


def weight(i):
    return W if i <= 26 else 5.0 if i >= 32 else 7.5


def test_weights_follow_10hao(evaluation):
    r = rows(evaluation)
    assert all(r[i].weight == pytest.approx(W, abs=1e-4) for i in range(1, 27))
    # 效益: 5 indicators, one 不适用 → 30 / 4 = 7.5; 满意度: 10 / 2 = 5
    assert [r[i].weight for i in (27, 28, 29, 31)] == [7.5] * 4 and r[30].applicable is False
    assert r[32].weight == r[33].weight == 5.0
    assert sum(x.weight for x in evaluation.indicators) + evaluation.budget.weight == pytest.approx(100, abs=1e-3)


def test_worked_scores_for_every_value_form(evaluation):
    r = rows(evaluation)
    for index in range(1, 34):
        if index == 30:
            continue
        value = EXPECTED.get(index, weight(index))
        assert r[index].score == pytest.approx(value, abs=1e-4), (index, r[index].explanation)
        assert r[index].lost == pytest.approx(weight(index) - value, abs=1e-3)
    assert all(r[i].lost == pytest.approx(0, abs=1e-4) for i in FULL)


def test_totals_grade_and_budget(evaluation):
    # 执行率 4826.10 / 5081.16 = 94.98% → 10 × 0.9498 = 9.50
    assert evaluation.budget.rate == pytest.approx(4826.10 / 5081.16)
    assert evaluation.budget.score == 9.50
    levels = {lv.level1: lv for lv in evaluation.levels}
    by_level = {"成本指标": range(1, 5), "产出指标": range(5, 27), "效益指标": (27, 28, 29, 31), "满意度指标": (32, 33)}
    for name, indices in by_level.items():
        assert levels[name].score == pytest.approx(sum(EXPECTED.get(i, weight(i)) for i in indices), abs=1e-3), name
    assert levels["成本指标"].weight + levels["产出指标"].weight == pytest.approx(50, abs=1e-3)
    raw = sum(EXPECTED.get(i, weight(i)) for i in range(1, 34) if i != 30) + 9.50
    assert evaluation.max_points == pytest.approx(100, abs=1e-3)
    assert evaluation.total == pytest.approx(raw, abs=0.01)
    assert 90 <= evaluation.total < 100 and evaluation.grade == "优"


def test_flags(evaluation):
    codes = {(f.code, f.message.split("”")[0].lstrip("“")) for f in evaluation.flags}
    assert ("NO-REASON", "开展市级职业技能竞赛数量") in codes  # 18 of 20 with no explanation
    explained = {"劳模奖励标准", "职业技能竞赛补贴标准", "购买社工岗位数量", "公益培训出勤率"}
    assert not {name for code, name in codes if code == "NO-REASON"} & explained
    assert any(f.code == "LOW-EXECUTION" for f in evaluation.flags)
    r = rows(evaluation)
    assert "9 / 10" not in r[9].explanation and "实际值 ÷ 目标值" in r[9].explanation


def test_monitor_at_31_july(table, tmp_path):
    path = filled_monitor(table, tmp_path / "监控.xlsx")
    snapshot = load_actuals(path, table)
    assert snapshot.kind == "monitor" and snapshot.as_of == dt.date(2025, 7, 31)
    report = monitor(table, snapshot, dt.date(2025, 7, 31))
    elapsed = 212 / 365
    assert report.time_progress == pytest.approx(elapsed)
    # budget: 2540.58 / 5081.16 = 50% against 58.1% of the year → 0.861 → yellow
    assert report.budget.rate == pytest.approx(0.5) and report.budget.light == "yellow"
    r = {x.index: x for x in report.indicators}
    assert r[7].expected == 0.30 and r[7].light == "green"  # schedule 30%, all done
    assert r[9].completion == pytest.approx(0.6) and r[9].light == "green"  # 0.6 / 0.581 ≥ 0.9
    assert r[10].light == "red"  # 2000 / 6400 = 0.31 → 0.54 of expected; likelihood 有可能
    assert r[12].light == "yellow"  # 3000 / 7000 = 0.43 → 0.74 of expected
    assert r[13].light == "grey" and not r[13].judged  # 年末: not judged early
    assert r[16].light == "grey"  # a 100% rate with no forecast: judged at year end
    assert r[20].forecast_completion == pytest.approx(0.95) and r[20].light == "green"
    assert r[32].light == "red" and r[33].light == "yellow"  # from the stated likelihood
    assert r[11].forecast_completion == pytest.approx((200 / 700) / elapsed)
    red_without_action = {f.message.split("”")[0].lstrip("“") for f in report.flags if f.code == "RED-NO-ACTION"}
    assert red_without_action == {"技能培训参加人次", "服务对象满意度(%)"}  # 10 gave a cause and a correction
    for f in report.flags:
        if f.code == "RED-NO-ACTION":
            assert f.severity is Severity.ERROR and f.row is not None and f.message.startswith(f"“{table.indicators[f.row].name}”")


def test_monitor_with_the_hubei_variant_needs_action_on_yellow(table, tmp_path):
    path = filled_monitor(table, tmp_path / "监控.xlsx")
    report = monitor(table, load_actuals(path, table), dt.date(2025, 7, 31), "hubei-municipal")
    yellow = {f.message.split("”")[0].lstrip("“") for f in report.flags if f.code == "NO-ACTION"}
    assert "电影放映场次数" in yellow  # yellow, with no cause: Hubei asks for one
