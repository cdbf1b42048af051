"""Duplicates and overlap (重复计量): one quantity measured by two indicators.

Hash-based: indicators are bucketed by their quantity key (what is measured, value) in one
pass (Context.by_quantity); only buckets holding two or more indicators are reported. Rates, scores,
money and durations repeat by nature (100%, ≥90%) and are left out by configuration, as are small
numbers that coincide by chance.
"""

from __future__ import annotations

from ...domain.problem import Severity
from ..dimension import Dimension
from ..registry import rule


@rule("DUP-001", Dimension.RELEVANT, Severity.WARNING)
def same_quantity_twice(ctx, make):
    """同一数量重复计量: two indicators carry the same count and unit (6400人 as output and as effect)."""
    conf = ctx.config["duplicates"]
    ignore, minimum = set(conf["ignore_families"]), conf["min_value"]
    for key, members in ctx.by_quantity.items():
        if len(members) < 2:
            continue
        amount = next(a for a in ctx.target_amounts(members[0]) + ctx.period_amounts[members[0]] if a.key == key)
        low = amount.low
        if amount.family in ignore or low < minimum:
            continue
        inds = [ctx.indicators[i] for i in members]
        listed = "、".join(f"“{i.name}”（{i.level1 or '?'}·{i.level2 or '?'}）" for i in inds)
        last = inds[-1]
        yield make(
            f"{amount.text()}同时出现在{listed}，疑似同一数量重复计量",
            f"指标“{last.name}”",
            last.sources.get("annual_value") or last.sources.get("name"),
            "保留一处；效益指标应反映产出带来的变化（如技能等级、就业或晋升情况），而不是重复产出数量",
            row=members[-1],
            value=low,
            unit=amount.unit,
            indicators=[i.name for i in inds],
        )
