"""The vectorised scoring arithmetic (计分引擎): arrays of rules, bounds, actuals and weights → scores.

Every indicator of every table in a batch becomes one row of a few NumPy arrays, so a province's
self-evaluations score in one pass. The per-table API (`score.py`) builds these arrays; this module
knows nothing of tables, texts or units — quantities arrive in base units, qualitative judgements
arrive as the fraction of the weight the evaluator chose.

Rules (10号):
- POSITIVE (≥ low): full marks when actual ≥ low, else weight × actual / low.
- REVERSE (≤ high): full marks when actual ≤ high, else weight × high / actual.
- RANGE [low, high]: full inside; below, weight × actual / low; above, weight × high / actual.
- FRACTION: weight × clip(actual, 0, 1) — qualitative bands and grades, already resolved to a fraction.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

POSITIVE, REVERSE, RANGE, FRACTION = 0, 1, 2, 3
RULE_NAMES = {POSITIVE: "正向", REVERSE: "反向", RANGE: "区间", FRACTION: "定性"}


@dataclass(frozen=True)
class Batch:
    """Columns of a batch of indicators. `low`/`high` are NaN where a rule does not use them."""

    rule: np.ndarray  # int8
    low: np.ndarray  # float64
    high: np.ndarray
    actual: np.ndarray
    weight: np.ndarray

    def __len__(self) -> int:
        return len(self.rule)


def ratios(batch: Batch) -> np.ndarray:
    """Achieved share of the weight before capping at 1 (NaN where the actual is missing)."""
    rule, low, high, a = batch.rule, batch.low, batch.high, batch.actual
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        up = np.where(low > 0, a / low, np.where(a >= low, 1.0, 0.0))  # towards a lower bound
        down = np.where(a > 0, high / a, np.where(a <= high, 1.0, 0.0))  # towards an upper bound
    down = np.where(a <= high, np.maximum(down, 1.0), down)
    ratio = np.where(rule == POSITIVE, up, 0.0)
    ratio = np.where(rule == REVERSE, down, ratio)
    ratio = np.where(rule == RANGE, np.where(a < low, up, np.where(a > high, down, 1.0)), ratio)
    ratio = np.where(rule == FRACTION, a, ratio)
    return np.where(np.isnan(a), np.nan, ratio)


def score(batch: Batch, round_digits: int | None = None) -> np.ndarray:
    """Scores: weight × min(max(ratio, 0), 1); a missing actual scores 0. Optionally rounded half-up."""
    ratio = np.nan_to_num(ratios(batch), nan=0.0)
    capped = np.clip(ratio, 0.0, 1.0)
    return _points(batch.weight, capped, round_digits)


def _points(weight: np.ndarray, capped: np.ndarray, round_digits: int | None) -> np.ndarray:
    """weight × share; rounded (never above the weight), and full marks exactly the weight."""
    out = weight * capped
    if round_digits is not None:
        out = np.where(capped >= 1.0, weight, np.minimum(round_half_up(out, round_digits), weight))
    return out


def round_half_up(values: np.ndarray, digits: int) -> np.ndarray:
    """Round half away from zero (四舍五入), as published tables do; NumPy's own rounds half to even."""
    factor = 10.0**digits
    return np.floor(np.asarray(values) * factor + 0.5 + 1e-9) / factor


def over_achieved(batch: Batch, threshold: float) -> np.ndarray:
    """Positive indicators whose actual exceeds the target by more than `threshold` × target."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        r = batch.actual / batch.low
    return (batch.rule == POSITIVE) & (batch.low > 0) & (r > threshold)


def evaluate(batch: Batch, round_digits: int | None, over_threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ratios, scores and over-achievement flags in one pass (the ratios are computed once)."""
    ratio = ratios(batch)
    capped = np.clip(np.nan_to_num(ratio, nan=0.0), 0.0, 1.0)
    scores = _points(batch.weight, capped, round_digits)
    over = (batch.rule == POSITIVE) & (ratio > over_threshold) & (batch.low > 0)
    return ratio, scores, over
