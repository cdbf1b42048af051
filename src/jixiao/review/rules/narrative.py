"""Narrative ↔ indicators (目标与指标的对应): is every quantitative promise measured, and consistently?

A commitment is measured when an indicator carries the same quantity key (hash lookup in
Context.by_quantity: 20场 meets 20个, 700名 meets ≥700人, but 11300人 does not meet 11300人次), or,
for a rate (提高调解成功率), when an indicator's name holds the same 率 term (set lookup). Otherwise
the indicators whose names share keywords (jieba, inverted index) with the commitment's clause and
whose target measures the same thing are looked at: a target that keeps the promise (不少于20场 ← ≥25场) measures it, one that
does not (不少于20场 ← 15场) contradicts it. No loop runs over pairs of indicators.
"""

from __future__ import annotations

from functools import lru_cache

from ...domain.problem import Severity
from ...domain.values import Comparator
from ..commitments import Commitment, commitments
from ..dimension import Dimension
from ..registry import rule
from ..segment import keywords


def _narrative(ctx):
    cache = ctx.__dict__.get("_commitments")
    if cache is None:
        conf = ctx.config["narrative"]
        cache = commitments(ctx.table, conf["sources"], tuple(conf["rate_verbs"]), tuple(conf["rate_suffixes"]), tuple(conf["commitment_words"]))
        ctx.__dict__["_commitments"] = cache
    return cache


def _rate_terms(ctx) -> set[str]:
    """Every substring of an indicator name that ends in a rate suffix (…率), up to 9 characters."""
    cache = ctx.__dict__.get("_rate_terms")
    if cache is None:
        suffixes = tuple(ctx.config["narrative"]["rate_suffixes"])
        cache = set()
        for ind in ctx.indicators:
            cache.update(_rate_substrings(ind.name, suffixes))
        ctx.__dict__["_rate_terms"] = cache
    return cache


@lru_cache(maxsize=65536)
def _rate_substrings(name: str, suffixes: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for suffix in suffixes:
        at = name.find(suffix)
        while at >= 0:
            stop = at + len(suffix)
            out.extend(name[start:stop] for start in range(max(0, stop - 9), stop - len(suffix)))
            at = name.find(suffix, stop)
    return tuple(out)


def consistent(promise, target, tolerance: float) -> bool:
    """Whether an indicator's target keeps a promise: ≥20场 is kept by ≥25场, 约5000 by 4,800 (±10%),
    超过20场 (more than 20) by 21场 or >20场 but not by 20场."""
    c, strict = promise.comparator, target.comparator
    if c is Comparator.GE:
        return target.low >= promise.low
    if c is Comparator.GT:
        return target.low > promise.low or (strict is Comparator.GT and target.low >= promise.low)
    if c is Comparator.LE:
        return target.high <= promise.high
    if c is Comparator.LT:
        return target.high < promise.high or (strict is Comparator.LT and target.high <= promise.high)
    if c is Comparator.APPROX:
        return abs(target.low - promise.low) <= tolerance * promise.low
    return (target.low, target.high) == (promise.low, promise.high)


def unmatched(ctx):
    """(commitment, contradicting indicator indexes) for every commitment no indicator measures."""
    cache = ctx.__dict__.get("_unmatched")
    if cache is not None:
        return cache
    stop, syn = ctx.words_config("narrative")
    by_word = ctx.by_keyword("narrative")
    minimum = ctx.config["narrative"]["contradiction_min_shared"]
    tolerance = ctx.config["narrative"]["approx_tolerance"]
    seen: set = set()
    out: list[tuple[Commitment, list[int]]] = []
    for c in _narrative(ctx):
        if c.amount is None:
            if c.term in _rate_terms(ctx) or c.term in seen:
                continue
            seen.add(c.term)
            out.append((c, []))
            continue
        key = c.amount.key
        if key in ctx.by_quantity or key in seen:
            continue
        seen.add(key)
        shared: dict[int, int] = {}
        for w in keywords(c.clause, stop, syn):
            for i in by_word.get(w, ()):
                shared[i] = shared.get(i, 0) + 1
        related = {}
        for i, n in shared.items():
            if n >= minimum:
                same = next((a for a in ctx.target_amounts(i) if a.measure == c.amount.measure), None)
                if same is not None:
                    related[i] = same
        if any(consistent(c.amount, a, tolerance) for a in related.values()):
            continue  # measured, with a target at least as demanding as the promise
        out.append((c, sorted(related)))
    ctx.__dict__["_unmatched"] = out
    return out


@rule("NAR-001", Dimension.RELEVANT, Severity.WARNING)
def commitment_unmeasured(ctx, make):
    """叙述承诺无指标衡量: a number promised in the goals (约5000人次) or a rate (提高调解成功率) has no indicator."""
    for c, contradicting in unmatched(ctx):
        if contradicting:
            continue
        suggestion = f"增设“{c.term}”指标，如“{c.term}≥X%”" if c.amount is None else f"增设数量指标，目标值“{c.what}”"
        yield make(
            f"{c.origin}承诺“{c.what}”（{c.clause}），没有指标衡量",
            c.origin,
            c.source,
            suggestion,
            commitment=c.what,
            clause=c.clause,
        )


@rule("NAR-002", Dimension.RELEVANT, Severity.WARNING)
def commitment_contradicted(ctx, make):
    """指标与叙述不符: an indicator on the same subject and unit as a commitment gives another value."""
    for c, contradicting in unmatched(ctx):
        for i in contradicting:
            ind = ctx.indicators[i]
            value = ind.annual_value or ind.period_value
            yield make(
                f"{c.origin}承诺“{c.what}”（{c.clause}），而指标“{ind.name}”的目标值为“{value}”",
                f"指标“{ind.name}”",
                ind.sources.get("annual_value") or ind.sources.get("name"),
                "使指标值与总体目标、任务目标的表述一致",
                row=i,
                commitment=c.what,
                indicator=ind.name,
                value=value,
            )
