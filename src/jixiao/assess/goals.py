"""From written values to what scoring compares (目标与实际值): a target's rule and bounds, an actual's number.

The value grammar (`domain.values`) reads both texts; this module decides how an assessment judges
them under a scheme: which engine rule applies (正向 / 反向 / 区间 / 定性), the bounds in base units, the
tolerance for 约, and — for qualitative and grade targets — which band the evaluator's judgement falls in.
It also says, in Chinese, why an actual does not fit its target (a word where a number is due, units that
do not convert), which is how reading actuals validates them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .engine import FRACTION, POSITIVE, RANGE, REVERSE
from .scheme import Scheme

NOT_APPLICABLE = ("不适用", "/", "／", "无此项", "N/A", "n/a")
PLACEHOLDERS = ("一", "-", "—", "–", "/", "／", "无", "……", "…")  # a target cell left as a dash: no target
_APPROX = re.compile(r"约|左右|大约|上下|≈|～左右")
_BAND_WITH_CHOICE = re.compile(r"^(?P<word>[^\d（(]+?)\s*[（(]?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<pct>%|％)?\s*[）)]?$")


@dataclass(frozen=True)
class Goal:
    """How one target is judged. Bounds are magnitudes in base units (NaN when unused)."""

    text: str | None
    kind: str  # quantity / range / score / grade / descriptive / compound / unparsed / missing
    rule: int  # engine rule
    low: float = math.nan
    high: float = math.nan
    dimensionality: str = ""
    unit_text: str | None = None
    grade_rank: int | None = None
    approx: bool = False

    @property
    def quantitative(self) -> bool:
        return self.rule != FRACTION


@dataclass(frozen=True)
class Reading:
    """An actual as the engine sees it: a base-unit number, or the fraction of the weight for FRACTION rules."""

    value: float | None = None  # None with `not_applicable` False: unreadable (see `problem`)
    not_applicable: bool = False
    problem: str | None = None
    band: str | None = None  # 达成 / 部分达成 / 未达成 when judged by band


def _attr(obj, name):
    value = getattr(obj, name, None)
    return value() if callable(value) else value


def _text(enum_or_str) -> str:
    return str(getattr(enum_or_str, "value", enum_or_str) or "")


def base(q) -> tuple[float | None, str]:
    """Magnitude in base units and the dimensionality text of a pint Quantity (or a plain number)."""
    if q is None:
        return None, ""
    if hasattr(q, "to_base_units"):
        b = q.to_base_units()
        return float(b.magnitude), str(b.dimensionality)
    return float(q), ""


_CACHE_LIMIT = 200_000
_goals: dict = {}
_readings: dict = {}


def _scheme_key(scheme: Scheme) -> tuple:
    return (scheme.name, scheme.quantitative.approx_tolerance, tuple(map(tuple, scheme.grades.scale)))


def goal_of(value, scheme: Scheme) -> Goal:
    """The rule and bounds for a parsed target (a TargetValue, or None for an empty cell). Cached by text."""
    if value is None:
        return Goal(text=None, kind="missing", rule=FRACTION)
    key = (type(value).__name__, _text(getattr(value, "raw", "")), _text(getattr(value, "direction", "")), _scheme_key(scheme))
    goal = _goals.get(key)
    if goal is None:
        goal = _goal_of(value, scheme)
        if len(_goals) < _CACHE_LIMIT:
            _goals[key] = goal
    return goal


def _goal_of(value, scheme: Scheme) -> Goal:
    raw = _text(getattr(value, "raw", "")) or ""
    if raw.strip() in PLACEHOLDERS:
        return Goal(text=raw, kind="missing", rule=FRACTION)
    kind = _text(getattr(value, "kind", "unparsed"))
    rank = scheme.grade_rank(raw)
    if kind == "grade" or rank is not None:
        return Goal(text=raw, kind="grade", rule=FRACTION, grade_rank=rank)
    if kind not in ("quantity", "range", "score"):
        return Goal(text=raw, kind=kind, rule=FRACTION)
    direction = _text(getattr(value, "direction", ""))
    unit_text = _attr(value, "unit_text")
    low, dim_low = base(_attr(value, "low"))
    high, dim_high = base(_attr(value, "high"))
    q, dim = base(_attr(value, "quantity"))
    dim = dim or dim_low or dim_high
    common = dict(text=raw, kind=kind, dimensionality=dim, unit_text=unit_text)
    comparator = _text(_attr(value, "comparator"))
    approx = bool(_APPROX.search(raw)) or comparator in ("≈", "~", "约", "approx")
    if kind == "range" or direction == "区间":
        lo = low if low is not None else q
        hi = high if high is not None else q
        if approx and lo is not None and hi is not None:
            tol = scheme.quantitative.approx_tolerance
            lo, hi = lo * (1 - tol), hi * (1 + tol)
        return Goal(rule=RANGE, low=_nan(lo), high=_nan(hi), approx=approx, **common)
    tol = scheme.quantitative.approx_tolerance if approx else 0.0
    if direction == "反向":
        hi = high if high is not None else q
        return Goal(rule=REVERSE, high=_nan(None if hi is None else hi * (1 + tol)), approx=approx, **common)
    lo = low if low is not None else q
    return Goal(rule=POSITIVE, low=_nan(None if lo is None else lo * (1 - tol)), approx=approx, **common)


def _nan(x: float | None) -> float:
    return math.nan if x is None else float(x)


def _band_reading(text: str, scheme: Scheme) -> Reading | None:
    """达成 / 部分达成 / 未达成 (or an alias), optionally with the evaluator's choice: 部分达成(70%)."""
    band = scheme.band(text)
    choice = None
    if band is None:
        m = _BAND_WITH_CHOICE.match(text.strip())
        if not m or (band := scheme.band(m["word"])) is None:
            return None
        choice = float(m["num"]) / 100
        if not band.low - 1e-9 <= choice <= band.high + 1e-9:
            return Reading(problem=f"“{band.label}”档的得分率应在 {band.low:.0%}–{band.high:.0%} 之间，填写的是 {choice:.0%}")
    if choice is None:
        choice = band.low + scheme.qualitative.position * (band.high - band.low)
    return Reading(value=choice, band=band.label)


def _grade_band(actual_rank: int, target_rank: int, scheme: Scheme) -> Reading:
    bands = scheme.qualitative.bands
    index = min(max(actual_rank - target_rank, 0), len(bands) - 1)
    band = bands[index]
    value = 1.0 if index == 0 else band.low + scheme.qualitative.position * (band.high - band.low)
    return Reading(value=value, band=band.label)


def read_actual(text: str | None, goal: Goal, scheme: Scheme, *, level1: str | None = None) -> Reading:
    """Read an actual (实际完成值) against its goal; a Reading with `problem` says why it does not fit."""
    if text is None or not str(text).strip():
        return Reading(problem="未填写实际完成值")
    text = str(text).strip()
    if text in NOT_APPLICABLE:
        return Reading(not_applicable=True)
    banded = _band_reading(text, scheme)
    if banded is not None:
        return banded
    if goal.kind == "grade":
        rank = scheme.grade_rank(text)
        if rank is None:
            scale = "、".join(s[0] for s in scheme.grades.scale)
            return Reading(problem=f"等级目标的实际值应为等级（{scale}）或 达成/部分达成/未达成，填写的是“{text}”")
        return _grade_band(rank, goal.grade_rank if goal.grade_rank is not None else 0, scheme)
    if goal.kind == "missing":
        return Reading(problem=f"没有目标值，无法按目标计分；请填写 达成 / 部分达成 / 未达成，填写的是“{text}”")
    if not goal.quantitative:
        if goal.text and _same_words(text, goal.text):
            return Reading(value=1.0, band=scheme.qualitative.bands[0].label)
        return Reading(problem=f"定性指标的实际值请填写 达成 / 部分达成 / 未达成（可附档内得分率，如“部分达成(70%)”），填写的是“{text}”")
    key = (text, goal, level1)
    reading = _readings.get(key)
    if reading is None:
        reading = _quantity_reading(text, goal, level1)
        if len(_readings) < _CACHE_LIMIT:
            _readings[key] = reading
    return reading


def _same_words(a: str, b: str) -> bool:
    squash = re.compile(r"[\s\u3000。.,，]")
    return squash.sub("", a) == squash.sub("", b)


def _quantity_reading(text: str, goal: Goal, level1: str | None) -> Reading:
    from ..domain.values import parse_value

    parsed = parse_value(text, level1=level1)
    kind = _text(getattr(parsed, "kind", ""))
    if kind not in ("quantity", "score", "range"):
        return Reading(problem=f"目标“{goal.text}”是数值，实际完成值应为数值（可带单位），填写的是“{text}”")
    magnitude, dim = base(_attr(parsed, "quantity") if kind != "range" else _attr(parsed, "low"))
    if magnitude is None:
        return Reading(problem=f"读不出“{text}”中的数值")
    if goal.unit_text and not _attr(parsed, "unit_text") and kind == "quantity":
        # a bare number is taken in the target's unit: 18 against 20个, 76 against ≥90%
        again = parse_value(f"{text}{goal.unit_text}", level1=level1)
        magnitude, dim = base(_attr(again, "quantity"))
    if dim != goal.dimensionality:
        per_year = _per_year(parsed, goal)
        if per_year is None:
            return Reading(problem=f"实际值“{text}”的单位与目标“{goal.text}”的单位不能换算")
        magnitude = per_year
    return Reading(value=magnitude)


def _per_year(parsed, goal: Goal) -> float | None:
    """An annual count against a per-year target (18个 against 20个/年): the count per one year."""
    try:
        from ..domain.units import parse_unit

        q = _attr(parsed, "quantity") / parse_unit("年")
        magnitude, dim = base(q)
    except Exception:  # noqa: BLE001 — any failure means the units simply do not convert
        return None
    return magnitude if dim == goal.dimensionality else None
