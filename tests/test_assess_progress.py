"""Completion to date by the target's kind (运行监控): approximate targets met within the tolerance, ranges,
ceilings (反向), and on the example the 约332人 row with 330 done is met — not 105%."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.assess import ActualEntry, Actuals, BudgetActuals, monitor
from jixiao.assess.goals import goal_of
from jixiao.assess.progress import progress
from jixiao.assess.scheme import load_scheme
from jixiao.domain.values import parse_value

SCHEME = load_scheme("default")
TOL = SCHEME.quantitative.approx_tolerance


def goal(text: str):
    return goal_of(parse_value(text), SCHEME)


def test_approximate_target_is_met_within_the_tolerance():
    done = progress(goal("约332人"), 330, TOL)
    assert done is not None and done.met and done.completion == 1.0 and "容差" in done.note
    short = progress(goal("约332人"), 300, TOL)  # below 332 × 0.95 = 315.4
    assert short is not None and not short.met and short.completion == pytest.approx(300 / 332)


def test_range_below_inside_and_above():
    below, inside, above = (progress(goal("10-12人"), v, TOL) for v in (8, 11, 13))
    assert below is not None and not below.met and below.completion == pytest.approx(0.8)
    assert inside is not None and inside.met and inside.completion == 1.0
    assert above is not None and above.met and "上限" in above.note


def test_a_ceiling_is_kept_or_passed_not_a_progress():
    kept, passed = progress(goal("≤500万元"), 3_000_000, TOL), progress(goal("≤500万元"), 6_000_000, TOL)
    assert kept is not None and kept.completion is None and kept.met and not kept.off_track
    assert passed is not None and passed.off_track and "超过上限" in passed.note


def test_levels_are_not_progress():
    assert progress(goal("≥90%"), 0.8, TOL) is None and progress(goal("良好"), 1, TOL) is None


@given(st.integers(min_value=1, max_value=100_000), st.integers(min_value=0, max_value=200_000))
def test_an_exact_target_is_met_exactly_when_reached(target, done):
    result = progress(goal(f"≥{target}人"), done, TOL)
    assert result is not None and result.met == (done >= target)
    assert result.completion == pytest.approx(done / target)


def _snapshot(table, values: dict[int, str]) -> Actuals:
    entries = [ActualEntry(index=n, name=table.indicators[n - 1].name, actual=v) for n, v in values.items()]
    return Actuals(kind="monitor", as_of=dt.date(2025, 7, 31), entries=entries, budget=BudgetActuals(full_year=5081.16, executed=2650.3))


def test_the_example_row_with_about_332_people(example):
    n = 1 + [i.annual_value for i in example.indicators].index("约332人")
    row = monitor(example, _snapshot(example, {n: "330人"}), dt.date(2025, 7, 31)).indicators[n - 1]
    assert row.completion == 1.0 and row.light == "green" and "105%" not in row.note


def test_the_time_progress_is_not_repeated_in_the_budget_note(example):
    report = monitor(example, _snapshot(example, {}), dt.date(2025, 7, 31))
    assert report.budget.note == "执行率 52.2%，慢于时间进度"  # one percentage: the time progress is printed beside the date
