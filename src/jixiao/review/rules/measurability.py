"""Measurability and value quality (可衡量性): can the target be checked at year end?

Values are read with the review's quantity scanner (review/quantities.py); a value without digits
is qualitative. Dates (2025年12月前) are deadlines, not unreadable numbers.
"""

from __future__ import annotations

import re

from ..finding import Dimension, Severity
from ..quantities import has_digits
from ..registry import rule

_DATE = re.compile(r"\d{4}\s*年|\d{1,2}\s*月|\d{1,2}\s*日")
_COUNT_FAMILIES = {"person", "event", "kind", "category", "session", "org", "item"}


def _slots(ctx, i):
    """(slot name, text, amounts, source) for the filled value cells of indicator i."""
    ind = ctx.indicators[i]
    out = []
    if ind.period_value:
        out.append(("实施周期指标值", ind.period_value, ctx.period_amounts[i], ind.sources.get("period_value")))
    if ind.annual_value:
        out.append(("年度指标值", ind.annual_value, ctx.annual_amounts[i], ind.sources.get("annual_value")))
    return out


def _where(ind) -> str:
    return f"指标“{ind.name}”"


def _value_source(ind):
    return ind.sources.get("annual_value") or ind.sources.get("period_value") or ind.sources.get("name")


@rule("MEA-001", Dimension.FEASIBLE, Severity.WARNING)
def unreadable_value(ctx, make):
    """指标值无法识别: the value has digits but no number with a unit (and is not a date)."""
    for i, ind in enumerate(ctx.indicators):
        for slot, text, found, source in _slots(ctx, i):
            if has_digits(text) and not found and not _DATE.search(text):
                yield make(f"{slot}“{text}”中的数字没有计量单位，无法识别", _where(ind), source, "写明数值和单位，如“≥90%”“20个”“5万元/个”", slot=slot, value=text)
                break


def _suggestion(conf, name: str) -> str:
    for item in conf["suggestions"]:
        if any(k in name for k in item["keywords"]):
            return item["text"]
    return conf["default_suggestion"]


@rule("MEA-002", Dimension.FEASIBLE, Severity.WARNING)
def vague_target(ctx, make):
    """定性表述可量化: a grade word (良好, 良好以上) or a vague phrase (有效提升, 每日运行正常) as the target."""
    conf = ctx.config["measurability"]
    grades, vague = set(conf["grade_words"]), conf["vague_terms"]
    for i, ind in enumerate(ctx.indicators):
        text = ind.annual_value or ind.period_value
        if not text or has_digits(text):
            continue
        plain = text.strip()
        if plain in grades or any(term in plain for term in vague):
            kind = "等级" if plain in grades else "描述"
            yield make(
                f"指标值“{plain}”是定性{kind}，难以考核；该指标可以量化",
                _where(ind),
                _value_source(ind),
                _suggestion(conf, ind.name),
                value=plain,
            )


@rule("MEA-003", Dimension.COMPLETE, Severity.WARNING)
def missing_slot(ctx, make):
    """缺少指标值: the table has period and annual columns and one (or both) is empty for an indicator."""
    two_columns = any(ind.period_value and ind.annual_value for ind in ctx.indicators)
    for ind in ctx.indicators:
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
        yield make(f"缺少{missing}{note}", _where(ind), ind.sources.get("name"), f"补填{missing}；两栏相同的也应分别填写", missing=missing)


@rule("MEA-004", Dimension.FEASIBLE, Severity.WARNING)
def period_annual_mismatch(ctx, make):
    """周期值与年度值不一致: different units, or an annual count larger than the period count.

    A period value per year (20个/年) is compared with the annual value as it is (20个).
    """
    for i, ind in enumerate(ctx.indicators):
        period, annual = ctx.period_amounts[i], ctx.annual_amounts[i]
        if not period or not annual:
            continue
        p, a = period[0], annual[0]
        strip = lambda per: tuple(x for x in per if x != "年")  # noqa: E731
        if p.family != a.family or strip(p.per) != strip(a.per):
            yield make(f"实施周期指标值“{ind.period_value}”与年度指标值“{ind.annual_value}”的计量单位不一致", _where(ind), ind.sources.get("annual_value"), "两栏使用同一计量单位")
        elif a.family in _COUNT_FAMILIES and a.high > p.high:
            yield make(f"年度指标值“{ind.annual_value}”大于实施周期指标值“{ind.period_value}”", _where(ind), ind.sources.get("annual_value"), "年度值应不超过实施周期值", period=p.high, annual=a.high)


@rule("MEA-005", Dimension.FEASIBLE, Severity.ERROR)
def percent_over_100(ctx, make):
    """百分比超过100%: a rate target above 100% (growth rates, by name, are allowed)."""
    allowed = ctx.config["measurability"]["percent_over_100_names"]
    for i, ind in enumerate(ctx.indicators):
        if any(word in ind.name for word in allowed):
            continue
        for slot, text, found, source in _slots(ctx, i):
            over = [a for a in found if a.family == "percent" and a.high > 100]
            if over:
                yield make(f"{slot}“{text}”超过100%", _where(ind), source, "比率类指标的目标值应在0–100%之间", value=over[0].high)
                break


@rule("MEA-006", Dimension.FEASIBLE, Severity.WARNING)
def score_without_maximum(ctx, make):
    """评分缺少满分: a score target (8分) without its scale; scores from 60 up are read as 百分制."""
    implied = ctx.config["measurability"]["score_implied_full_marks_from"]
    for i, ind in enumerate(ctx.indicators):
        found = ctx.target_amounts(i)
        score = next((a for a in found if a.family == "score" and a.full_marks is None and a.high < implied), None)
        if score:
            yield make(f"评分“{score.raw}”没有注明满分", _where(ind), _value_source(ind), f"注明满分，如“{score.raw}（满分10分）”", value=score.high)
