"""The scoring arithmetic: worked examples by hand and Hypothesis properties (bounds, monotonicity, units)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.assess import engine
from jixiao.assess.engine import FRACTION, POSITIVE, RANGE, REVERSE, Batch

nan = math.nan


def one(rule, low, high, actual, weight=10.0, digits=2):
    b = Batch(np.array([rule], dtype=np.int8), np.array([low]), np.array([high]), np.array([actual]), np.array([weight]))
    return float(engine.score(b, digits)[0])


def test_worked_examples():
    # 正向: 18 of 20 → 10 × 18/20 = 9; met or exceeded → full
    assert one(POSITIVE, 20, nan, 18) == 9.0
    assert one(POSITIVE, 20, nan, 25) == 10.0
    # 反向 (≤5万元): 6万元 spent → 10 × 5/6 = 8.33; at or under → full
    assert one(REVERSE, nan, 50_000, 60_000) == 8.33
    assert one(REVERSE, nan, 50_000, 50_000) == 10.0
    assert one(REVERSE, nan, 0, 0) == 10.0  # a zero target met exactly (投诉 0 件)
    assert one(REVERSE, nan, 0, 3) == 0.0
    # 区间 10–12人: 9 → 10 × 9/10 = 9; 15 → 10 × 12/15 = 8; inside → full
    assert one(RANGE, 10, 12, 9) == 9.0
    assert one(RANGE, 10, 12, 15) == 8.0
    assert one(RANGE, 10, 12, 11) == 10.0
    # 定性: 部分达成 at 70% of the weight
    assert one(FRACTION, nan, nan, 0.7) == 7.0
    # missing actual → 0
    assert one(POSITIVE, 20, nan, nan) == 0.0


def test_round_half_up_as_published():
    # 10 × 37.24 / 43.2 = 8.62 → 9 whole points (corpus 113); 2.675 → 2.68, not NumPy's banker's 2.67
    assert one(POSITIVE, 43.2, nan, 37.24, digits=0) == 9.0
    assert engine.round_half_up(np.array([2.675, 0.125]), 2).tolist() == [2.68, 0.13]


def test_over_achievement_flag():
    b = Batch(np.array([POSITIVE, POSITIVE, REVERSE], dtype=np.int8), np.array([100.0, 100.0, nan]), np.array([nan, nan, 100.0]),
              np.array([151.0, 149.0, 10.0]), np.ones(3))
    assert engine.over_achieved(b, 1.5).tolist() == [True, False, False]


finite = st.floats(min_value=0.0, max_value=1e9, allow_nan=False)
positive = st.floats(min_value=1e-3, max_value=1e9, allow_nan=False)
weights = st.floats(min_value=0.0, max_value=100.0, allow_nan=False)


@st.composite
def rows(draw):
    rule = draw(st.sampled_from([POSITIVE, REVERSE, RANGE, FRACTION]))
    lo = draw(positive)
    hi = lo * draw(st.floats(min_value=1.0, max_value=10.0))
    actual = draw(st.one_of(finite, st.just(nan), st.floats(min_value=-10, max_value=0)))
    if rule == FRACTION:
        actual = draw(st.one_of(st.floats(min_value=0, max_value=1), st.just(nan)))
    return rule, lo if rule in (POSITIVE, RANGE) else nan, hi if rule in (REVERSE, RANGE) else nan, actual, draw(weights)


@given(st.lists(rows(), min_size=1, max_size=50))
def test_score_between_zero_and_weight(items):
    rule, low, high, actual, weight = (np.array(c) for c in zip(*items, strict=True))
    with np.errstate(all="ignore"):
        s = engine.score(Batch(rule.astype(np.int8), low, high, actual, weight), 2)
    assert np.all(s >= 0) and np.all(s <= weight + 1e-9)


@given(positive, finite, finite, weights)
def test_positive_monotone_in_actual(target, a, b, w):
    lo, hi = sorted((a, b))
    assert one(POSITIVE, target, nan, lo, w, None) <= one(POSITIVE, target, nan, hi, w, None) + 1e-12


@given(positive, finite, finite, weights)
def test_reverse_antitone_in_actual(target, a, b, w):
    lo, hi = sorted((a, b))
    assert one(REVERSE, nan, target, lo, w, None) >= one(REVERSE, nan, target, hi, w, None) - 1e-12


@given(positive, st.floats(min_value=1, max_value=5), finite, weights, st.sampled_from([POSITIVE, REVERSE, RANGE]))
def test_invariant_to_unit_change(target, spread, actual, w, rule):
    # the same amounts in 万元 and in 元 (× 10,000) score the same
    lo = target if rule != REVERSE else nan
    hi = target * spread if rule != POSITIVE else nan
    wan = one(rule, lo, hi, actual, w, None)
    yuan = one(rule, lo * 1e4, hi * 1e4, actual * 1e4, w, None)
    assert wan == pytest.approx(yuan, rel=1e-9, abs=1e-9)


@settings(max_examples=25)
@given(st.integers(min_value=1, max_value=2000), st.integers(min_value=0, max_value=2**31))
def test_evaluate_agrees_with_score_and_ratios(n, seed):
    rng = np.random.default_rng(seed)
    rule = rng.integers(0, 4, n).astype(np.int8)
    t = rng.uniform(0.1, 100, n)
    b = Batch(rule, np.where(rule != REVERSE, t, nan), np.where(rule != POSITIVE, t * 1.5, nan),
              np.where(rule == FRACTION, rng.uniform(0, 1, n), rng.uniform(0, 200, n)), rng.uniform(0, 20, n))
    ratio, scores, over = engine.evaluate(b, 2, 1.5)
    assert np.array_equal(scores, engine.score(b, 2))
    assert np.array_equal(over, engine.over_achieved(b, 1.5))
    assert np.allclose(ratio, engine.ratios(b), equal_nan=True)
