"""Completion of an amount to date against its target, by the target's kind (运行监控的完成进度).

- 正向 (≥ N, or N): done to date ÷ N. An approximate target (约332人, 300人左右) is met within the
  scheme's tolerance: 330 against 约332人 is met (100%), not 99% or — against the lowered bound — 105%.
- 区间 (10-12人): below the lower bound, progress ÷ the lower bound; inside it, met; above it, met
  with a note that the range is passed.
- 反向 (≤ N: a ceiling, such as a cost): not a progress towards N but a limit; within it the row is
  on track, past it the row is off track already (it cannot come back below a ceiling of an amount spent).

Only amounts that accumulate over the year are judged here (counts, money, people); rates, scores and
levels are judged on the forecast or the stated likelihood (see monitor.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import engine
from .goals import Goal


@dataclass(frozen=True)
class Progress:
    completion: float | None  # share of the target done; None when the kind is not a progress (a ceiling)
    met: bool  # the target is already reached (or, for a ceiling, still kept)
    note: str  # in words, for the page and the table
    off_track: bool = False  # a ceiling already passed: red whatever the time


def accumulates(goal: Goal) -> bool:
    """Amounts that add up over the year (counts, money, people) — not rates, scores or levels."""
    if goal.dimensionality in ("", "dimensionless", "[score]"):
        return False
    if goal.rule == engine.POSITIVE:
        return goal.low > 0
    if goal.rule == engine.RANGE:
        return goal.low > 0 and goal.high >= goal.low
    return goal.rule == engine.REVERSE and goal.high > 0


def nominal(goal: Goal, tolerance: float) -> float:
    """The target as written: the lower bound of 约N is N × (1 − tolerance); its nominal value is N."""
    bound = goal.low if goal.rule != engine.REVERSE else goal.high
    if goal.approx and goal.rule == engine.POSITIVE:
        return bound / (1 - tolerance)
    if goal.approx and goal.rule == engine.REVERSE:
        return bound / (1 + tolerance)
    return bound


def progress(goal: Goal, value: float, tolerance: float) -> Progress | None:
    """How far an accumulating amount `value` (base units) has come; None when the goal does not accumulate."""
    if not accumulates(goal):
        return None
    if goal.rule == engine.REVERSE:
        if value <= goal.high + 1e-9:
            return Progress(None, True, f"未超过上限（已达上限的 {value / nominal(goal, tolerance):.0%}）")
        return Progress(None, False, f"已超过上限（为上限的 {value / nominal(goal, tolerance):.0%}）", off_track=True)
    target = nominal(goal, tolerance)
    share = value / target
    if goal.rule == engine.RANGE:
        if value < goal.low - 1e-9:
            return Progress(share, False, f"已完成区间下限的 {share:.0%}")
        if value > goal.high + 1e-9:
            return Progress(1.0, True, "已超过目标区间上限，请核实目标是否偏低")
        return Progress(1.0, True, "已在目标区间内")
    if value >= goal.low - 1e-9:
        if goal.approx and share < 1:
            return Progress(1.0, True, f"已完成（在“约”的容差 ±{tolerance:.0%} 以内）")
        return Progress(share, True, f"已完成 {share:.0%}")
    return Progress(share, False, f"已完成 {share:.0%}")
