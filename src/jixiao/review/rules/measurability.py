"""Measurability and value quality (可衡量性): can the target be checked at year end?

Values are read by the value grammar (domain/values.py: unparsed, quantity without unit) and its
quantity search (domain/value_search.py: units, percentages, scores). A value without digits is
qualitative. Dates (2025年12月前) are deadlines, not unreadable numbers.

Each indicator's value pair is profiled once, cached by its text and the configuration, so the
rules of this family read a precomputed profile instead of re-reading values.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...domain.problem import Severity
from ...domain.value_search import find_quantities, has_digits, mentions_date
from ..dimension import Dimension
from ..registry import rule

_SLOTS = ("实施周期指标值", "年度指标值")


@dataclass(frozen=True, slots=True)
class Profile:
    unreadable: tuple[int, str, str] | None = None  # (slot index, reason, text)
    vague: tuple[str, str] | None = None  # (value, 等级|描述)
    mismatch: str | None = None  # "unit" | "larger"
    percent_over: tuple[int, float] | None = None  # (slot index, value)
    score_without_max: tuple[str, float] | None = None  # (written, value)


@dataclass(frozen=True)
class Params:
    grades: frozenset[str]
    vague: tuple[str, ...]
    percent_names: tuple[str, ...]
    implied_full_marks: float


def _params(ctx) -> Params:
    cached = ctx.config.__dict__.get("_measurability_params")
    if cached is None:
        conf = ctx.config["measurability"]
        cached = Params(frozenset(conf["grade_words"]), tuple(conf["vague_terms"]), tuple(conf["percent_over_100_names"]), conf["score_implied_full_marks_from"])
        ctx.config.__dict__["_measurability_params"] = cached
    return cached


def _unreadable(text: str, level1: str | None, level2: str | None) -> str | None:
    from ...domain.values import parse_value

    value = parse_value(text, level1=level1, level2=level2)  # in 时效, 45291 is an Excel date
    if value.kind == "unparsed" and has_digits(text) and not mentions_date(text):
        return "无法识别"
    if value.kind in ("quantity", "range") and not value.unit_text:
        return "数字没有计量单位"
    return None


@lru_cache(maxsize=65536)
def profile(name: str, level1: str | None, level2: str | None, period: str | None, annual: str | None, params: Params) -> Profile:
    """What is wrong with one indicator's values, independent of the rest of the table."""
    found: dict = {}
    texts = (period, annual)
    for slot, text in enumerate(texts):
        if not text:
            continue
        reason = _unreadable(text, level1, level2) if has_digits(text) else None
        if reason and "unreadable" not in found:
            found["unreadable"] = (slot, reason, text)
        over = [round(a.high * 100, 9) for a in find_quantities(text) if a.is_percent and a.high > 1]
        if over and "percent_over" not in found and not any(w in name for w in params.percent_names):
            found["percent_over"] = (slot, over[0])
    target = annual or period
    if target and not has_digits(target):
        plain = target.strip()
        if plain in params.grades:
            found["vague"] = (plain, "等级")
        elif any(term in plain for term in params.vague):
            found["vague"] = (plain, "描述")
    score = next((a for a in find_quantities(target) if a.is_score and a.full_marks is None and a.high < params.implied_full_marks), None)
    if score:
        found["score_without_max"] = (score.raw, score.high)
    p, a = find_quantities(period), find_quantities(annual)
    if p and a:
        if p[0].measure != a[0].measure:  # a per-year period value (20个/年) measures what 20个 does
            found["mismatch"] = "unit"
        elif a[0].is_count and a[0].high > p[0].high:
            found["mismatch"] = "larger"
    return Profile(**found) if found else _CLEAN


_CLEAN = Profile()


def _profiles(ctx) -> list[Profile]:
    cached = ctx.__dict__.get("_profiles")
    if cached is None:
        params = _params(ctx)
        cached = [profile(i.name, i.level1, i.level2, i.period_value, i.annual_value, params) for i in ctx.indicators]
        ctx.__dict__["_profiles"] = cached
    return cached


def _flagged(ctx, attribute: str):
    """(index, indicator, what the profile found) for every indicator whose profile has `attribute`."""
    for i, (ind, p) in enumerate(zip(ctx.indicators, _profiles(ctx), strict=True)):
        if p is not _CLEAN and getattr(p, attribute) is not None:
            yield i, ind, getattr(p, attribute)


def _where(ind) -> str:
    return f"指标“{ind.name}”"


def _value_source(ind):
    return ind.sources.get("annual_value") or ind.sources.get("period_value") or ind.sources.get("name")


def _slot_source(ind, slot: int):
    return ind.sources.get(("period_value", "annual_value")[slot])


@rule("MEA-001", Dimension.FEASIBLE, Severity.WARNING)
def unreadable_value(ctx, make):
    """指标值无法识别: the value grammar cannot read it, or its number has no unit (dates are fine)."""
    for i, ind, (slot, reason, text) in _flagged(ctx, "unreadable"):
        yield make(f"{_SLOTS[slot]}“{text}”{reason}", _where(ind), _slot_source(ind, slot), "写明数值和单位，如“≥90%”“20个”“5万元/个”", row=i, slot=_SLOTS[slot], value=text, reason="no_unit" if reason == "数字没有计量单位" else "unreadable")


def _suggestion(conf, name: str) -> str:
    for item in conf["suggestions"]:
        if any(k in name for k in item["keywords"]):
            return item["text"]
    return conf["default_suggestion"]


@rule("MEA-002", Dimension.FEASIBLE, Severity.WARNING)
def vague_target(ctx, make):
    """定性表述可量化: a grade word (良好, 良好以上) or a vague phrase (有效提升, 每日运行正常) as the target."""
    conf = ctx.config["measurability"]
    for i, ind, (value, kind) in _flagged(ctx, "vague"):
        yield make(f"指标值“{value}”是定性{kind}，难以考核；该指标可以量化", _where(ind), _value_source(ind), _suggestion(conf, ind.name), row=i, value=value)


@rule("MEA-003", Dimension.COMPLETE, Severity.WARNING)
def missing_slot(ctx, make):
    """缺少指标值: the table has period and annual columns and one (or both) is empty for an indicator."""
    two_columns = any(ind.period_value and ind.annual_value for ind in ctx.indicators)
    for i, ind in enumerate(ctx.indicators):
        if ind.period_value and ind.annual_value:
            continue
        if not ind.period_value and not ind.annual_value:
            missing = "实施周期指标值和年度指标值"
        elif not two_columns:
            continue
        else:
            missing = "实施周期指标值" if not ind.period_value else "年度指标值"
        filled = "年度指标值" if ind.annual_value else "实施周期指标值"
        note = f"（该行只有一个值，读取时按位置放入“{filled}”）" if ind.single_value_slot_ambiguous else ""
        yield make(f"缺少{missing}{note}", _where(ind), ind.sources.get("name"), f"补填{missing}；两栏相同的也应分别填写", row=i, missing=missing)


@rule("MEA-004", Dimension.FEASIBLE, Severity.WARNING)
def period_annual_mismatch(ctx, make):
    """周期值与年度值不一致: different units, or an annual count larger than the period count.

    A period value per year (20个/年) is compared with the annual value as it is (20个).
    """
    for i, ind, kind in _flagged(ctx, "mismatch"):
        if kind == "unit":
            yield make(f"实施周期指标值“{ind.period_value}”与年度指标值“{ind.annual_value}”的计量单位不一致", _where(ind), ind.sources.get("annual_value"), "两栏使用同一计量单位", row=i)
        else:
            p, a = find_quantities(ind.period_value)[0], find_quantities(ind.annual_value)[0]
            yield make(f"年度指标值“{ind.annual_value}”大于实施周期指标值“{ind.period_value}”", _where(ind), ind.sources.get("annual_value"), "年度值应不超过实施周期值", row=i, period=p.high, annual=a.high)


@rule("MEA-005", Dimension.FEASIBLE, Severity.ERROR)
def percent_over_100(ctx, make):
    """百分比超过100%: a rate target above 100% (growth rates, by name, are allowed)."""
    for i, ind, (slot, value) in _flagged(ctx, "percent_over"):
        text = (ind.period_value, ind.annual_value)[slot]
        yield make(f"{_SLOTS[slot]}“{text}”超过100%", _where(ind), _slot_source(ind, slot), "比率类指标的目标值应在0–100%之间", row=i, value=value)


@rule("MEA-006", Dimension.FEASIBLE, Severity.WARNING)
def score_without_maximum(ctx, make):
    """评分缺少满分: a score target (8分) without its scale; scores from 60 up are read as 百分制."""
    for i, ind, (written, value) in _flagged(ctx, "score_without_max"):
        yield make(f"评分“{written}”没有注明满分", _where(ind), _value_source(ind), f"注明满分，如“{written}（满分10分）”", row=i, value=value)
