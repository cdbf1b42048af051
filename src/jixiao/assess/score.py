"""Self-evaluation scoring (绩效自评计分): Table + Actuals + Scheme → Evaluation.

Points come from the scheme: each level-1 group's points are split equally among its applicable
indicators unless the actuals give 分值 (given weights win; the rest of the group's points go to the
others); 不适用 indicators are left out and the total is rescaled to 100. Every indicator row says how its
score was computed and why points were lost; rows below full marks without a deviation explanation,
targets exceeded far beyond the scheme's threshold, and missing actuals are flagged.

Flags are `domain.problem.Problem`s placed at their indicator (`row`, from 0) when they concern one:
errors — UNMATCHED (an actual naming no indicator), UNREADABLE (an actual that cannot be read against
its target), NO-GROUP (no points for the indicator's level-1 group); warnings — NO-REASON (points lost
without a deviation explanation), OVER-ACHIEVED, NO-ACTUAL, NO-BUDGET, LOW-EXECUTION; info —
NOT-APPLICABLE (不适用, left out of the total).

`score_many` scores many tables in one vectorised pass (see `engine.py`); `score` is the one-table case.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..domain import framework
from ..domain.problem import Problem, Severity
from ..domain.table import Table
from . import engine
from .actuals import Actuals, match
from .goals import Goal, Reading, goal_of, read_actual
from .scheme import Scheme, load_scheme


class IndicatorScore(BaseModel):
    """One scored indicator (三级指标): target, actual, weight (分值), score (得分), lost points and why."""

    model_config = ConfigDict(frozen=True)
    index: int  # position in the table, from 1
    level1: str | None
    level2: str | None
    name: str
    target: str | None
    actual: str | None
    weight: float
    score: float
    lost: float
    rule: str  # 正向 / 反向 / 区间 / 定性 / 等级 / 不适用
    ratio: float | None = None  # achieved share before capping (actual/target for 正向)
    band: str | None = None  # 达成 / 部分达成 / 未达成 for qualitative and grade targets
    explanation: str  # how the score was computed (计分说明)
    reason: str | None = None  # the department's deviation explanation (偏差原因分析)
    applicable: bool = True
    flags: list[Problem] = Field(default_factory=list)


class BudgetScore(BaseModel):
    model_config = ConfigDict(frozen=True)
    budget: float | None  # 全年预算数（万元）
    executed: float | None  # 执行数（万元）
    rate: float | None  # 执行率
    weight: float
    score: float
    explanation: str
    applicable: bool = True


class LevelTotal(BaseModel):
    model_config = ConfigDict(frozen=True)
    level1: str
    weight: float
    score: float


class Evaluation(BaseModel):
    """The self-evaluation result: per-indicator rows, totals per level-1, total (rescaled to 100) and grade."""

    model_config = ConfigDict(frozen=True)
    scheme: str
    scheme_title: str
    title: str | None = None
    year: int | None = None
    indicators: list[IndicatorScore]
    budget: BudgetScore
    levels: list[LevelTotal]
    max_points: float  # points of the applicable items before rescaling
    raw_total: float
    total: float  # 总分, rescaled to 100
    grade: str  # 自评等级
    flags: list[Problem] = Field(default_factory=list)  # UNMATCHED, then the rows' flags, then the budget's


@dataclass
class _Prepared:
    table: Table
    actuals: Actuals
    goals: list[Goal]
    readings: list[Reading]
    entries: list
    groups: list[str | None]
    weights: np.ndarray
    flags: list[Problem]


def _group(ind, scheme: Scheme) -> str | None:
    code = ind.level1_code
    if code is None:
        owner = framework.level1_of(ind.level2)
        code = owner.code if owner else None
    return scheme.group_of(code)


def _prepare(table: Table, actuals: Actuals, scheme: Scheme) -> _Prepared:
    paired, problems = match(actuals, table)
    flags = list(problems)  # UNMATCHED errors
    goals, readings, entries, groups = [], [], [], []
    for i, ind in enumerate(table.indicators):
        goal = goal_of(ind.target_value, scheme)
        entry = paired.get(i)
        reading = read_actual(entry.actual if entry else None, goal, scheme, level1=ind.level1)
        if reading.band is not None and goal.quantitative:
            goal = replace(goal, rule=engine.FRACTION)  # a numeric target judged by band (完成 / 部分达成(70%))
        goals.append(goal)
        readings.append(reading)
        entries.append(entry)
        groups.append(_group(ind, scheme))
    weights = _weights(groups, readings, entries, scheme)
    return _Prepared(table, actuals, goals, readings, entries, groups, weights, flags)


def _weights(groups, readings, entries, scheme: Scheme) -> np.ndarray:
    """分值: given weights win; each group's remaining points are split equally among the others."""
    n = len(groups)
    weights = np.zeros(n)
    points = scheme.group_points()
    members: dict[str | None, list[int]] = {}
    for i in range(n):
        if readings[i].not_applicable:
            continue
        given = entries[i].weight if entries[i] is not None else None
        if given is not None:
            weights[i] = given
        else:
            members.setdefault(groups[i], []).append(i)
    for group, idx in members.items():
        if group not in points:
            continue  # no points for this group: flagged in _rows
        given = sum(weights[j] for j in range(n) if groups[j] == group and entries[j] is not None and entries[j].weight is not None and not readings[j].not_applicable)
        remaining = max(points[group] - given, 0.0)
        weights[idx] = remaining / len(idx)
    return weights


def _batch(preps: list[_Prepared]) -> engine.Batch:
    goals = [g for p in preps for g in p.goals]
    readings = [r for p in preps for r in p.readings]
    return engine.Batch(
        rule=np.array([g.rule for g in goals], dtype=np.int8),
        low=np.array([g.low for g in goals], dtype=float),
        high=np.array([g.high for g in goals], dtype=float),
        actual=np.array([math.nan if r.value is None else r.value for r in readings], dtype=float),
        weight=np.concatenate([p.weights for p in preps]) if preps else np.zeros(0),
    )


def score_many(items: Iterable[tuple[Table, Actuals]], scheme: Scheme | str = "default", *, budgets: list[tuple[float | None, float | None]] | None = None) -> list[Evaluation]:
    """Score many (table, actuals) pairs with one vectorised pass. `budgets` optionally overrides (budget, executed) per pair."""
    scheme = load_scheme(scheme) if isinstance(scheme, str) else scheme
    preps = [_prepare(t, a, scheme) for t, a in items]
    batch = _batch(preps)
    ratio, scores, over = engine.evaluate(batch, scheme.quantitative.round_digits, scheme.quantitative.over_achievement)
    out, start = [], 0
    for k, prep in enumerate(preps):
        n = len(prep.goals)
        sl = slice(start, start + n)
        override = budgets[k] if budgets else (None, None)
        out.append(_evaluation(prep, scheme, scores[sl], ratio[sl], over[sl], override))
        start += n
    return out


def score(table: Table, actuals: Actuals, scheme: Scheme | str = "default", *, budget: float | None = None, executed: float | None = None) -> Evaluation:
    """Score one table's actuals. `budget`/`executed` (万元) override the actuals' budget block."""
    return score_many([(table, actuals)], scheme, budgets=[(budget, executed)])[0]


def _fmt(x: float) -> str:
    return f"{x:.2f}"


def _explain(goal: Goal, reading: Reading, weight: float, score: float, ratio: float) -> str:
    if reading.value is None:
        return f"无可用的实际完成值，得 0 分（{reading.problem}）" if reading.problem else "无可用的实际完成值，得 0 分"
    if goal.rule == engine.FRACTION:
        kind = "等级指标" if goal.kind == "grade" else "定性指标"
        return f"{kind}：{reading.band}，按分值的 {reading.value:.0%} 计 {_fmt(weight)} × {reading.value:.2f} = {_fmt(score)}"
    if score >= weight - 1e-9:
        return f"{engine.RULE_NAMES[goal.rule]}指标达到目标，得满分 {_fmt(weight)}"
    if goal.rule == engine.POSITIVE or (goal.rule == engine.RANGE and reading.value < goal.low):
        formula = "实际值 ÷ 目标值"
    else:
        formula = "目标值 ÷ 实际值"
    return f"{engine.RULE_NAMES[goal.rule]}指标未达目标：{_fmt(weight)} × {formula}（{max(ratio, 0):.4f}）= {_fmt(score)}"


def _evaluation(prep: _Prepared, scheme: Scheme, scores, ratios, over, override) -> Evaluation:
    rows: list[IndicatorScore] = []
    flags = list(prep.flags)
    for i, ind in enumerate(prep.table.indicators):
        goal, reading, entry = prep.goals[i], prep.readings[i], prep.entries[i]
        weight, value = float(prep.weights[i]), float(scores[i])
        src = entry.sources.get("actual") if entry else (ind.sources.get("annual_value") or ind.sources.get("name"))
        reason = None
        if entry is not None:
            reason = "；".join(x for x in (entry.cause, entry.explanation, entry.correction) if x) or None
        row_flags: list[Problem] = []
        if reading.not_applicable:
            rows.append(IndicatorScore.model_construct(index=i + 1, level1=ind.level1, level2=ind.level2, name=ind.name, target=goal.text, actual=entry.actual if entry else None, weight=0.0, score=0.0, lost=0.0, rule="不适用", explanation="不适用，不计分，总分按适用项折算为 100 分", reason=reason, applicable=False, flags=[Problem(code="NOT-APPLICABLE", message="不适用", source=src, severity=Severity.INFO, row=i)]))
            continue
        if prep.groups[i] not in scheme.group_points() and (entry is None or entry.weight is None):
            row_flags.append(Problem(code="NO-GROUP", message=f"“{ind.name}”的一级指标“{ind.level1}”在方案“{scheme.name}”中没有分值，且未给出分值", source=src, severity=Severity.ERROR, row=i))
        if reading.value is None:
            missing = entry is None or entry.actual is None
            row_flags.append(Problem(code="NO-ACTUAL" if missing else "UNREADABLE", message=reading.problem or "未填写实际完成值", source=src, severity=Severity.WARNING if missing else Severity.ERROR, row=i))
        elif value < weight - 1e-9 and not reason:
            row_flags.append(Problem(code="NO-REASON", message=f"“{ind.name}”未得满分（失 {_fmt(weight - value)} 分），缺少偏差原因分析及改进措施", source=src, severity=Severity.WARNING, row=i))
        if bool(over[i]):
            row_flags.append(Problem(code="OVER-ACHIEVED", message=f"“{ind.name}”实际值为目标的 {float(ratios[i]):.0%}，超过 {scheme.quantitative.over_achievement:.0%}：目标可能定得过低", source=src, severity=Severity.WARNING, row=i))
        rule = "等级" if goal.kind == "grade" else engine.RULE_NAMES[goal.rule]
        r = float(ratios[i])
        rows.append(IndicatorScore.model_construct(
            index=i + 1, level1=ind.level1, level2=ind.level2, name=ind.name, target=goal.text,
            actual=entry.actual if entry else None, weight=weight, score=value, lost=max(weight - value, 0.0),
            rule=rule, ratio=None if math.isnan(r) else r, band=reading.band,
            explanation=_explain(goal, reading, weight, value, r), reason=reason, flags=row_flags,
        ))
        flags.extend(row_flags)
    budget = _budget(prep.actuals, scheme, override)
    if not budget.applicable:
        flags.append(Problem(code="NO-BUDGET", message="未提供全年预算数与执行数：预算执行率不计分，总分按适用项折算", severity=Severity.WARNING))
    elif budget.rate is not None and budget.rate < scheme.budget.reason_below - 1e-9:
        flags.append(Problem(code="LOW-EXECUTION", message=f"预算执行率 {budget.rate:.2%} 低于 {scheme.budget.reason_below:.0%}，须说明原因", severity=Severity.WARNING))
    levels: dict[str, list[float]] = {}
    for row in rows:
        if row.applicable:
            acc = levels.setdefault(row.level1 or "（未标一级指标）", [0.0, 0.0])
            acc[0] += row.weight
            acc[1] += row.score
    level_totals = [LevelTotal(level1=k, weight=round(w, 4), score=round(s, 4)) for k, (w, s) in levels.items()]
    max_points = float(sum(r.weight for r in rows if r.applicable)) + (budget.weight if budget.applicable else 0.0)
    raw = float(sum(r.score for r in rows if r.applicable)) + (budget.score if budget.applicable else 0.0)
    total = round(raw * 100 / max_points, 2) if max_points > 0 else 0.0
    if abs(max_points - round(max_points)) < 1e-6:
        max_points = float(round(max_points))  # equal splits (50 / 26) add up to their group's points
    return Evaluation(
        scheme=scheme.name, scheme_title=scheme.title, title=prep.table.title, year=prep.table.year,
        indicators=rows, budget=budget, levels=level_totals, max_points=max_points,
        raw_total=round(raw, 4), total=total, grade=scheme.rating(total), flags=flags,
    )


def _budget(actuals: Actuals, scheme: Scheme, override) -> BudgetScore:
    full = override[0] if override[0] is not None else actuals.budget.full_year
    done = override[1] if override[1] is not None else actuals.budget.executed
    weight = scheme.points.budget
    basis = "调整后预算数" if scheme.budget.basis == "adjusted" else "全年预算数"
    if full is None or done is None or full <= 0:
        return BudgetScore(budget=full, executed=done, rate=None, weight=weight, score=0.0, explanation="未提供预算执行数据，不计分", applicable=False)
    rate = done / full
    value = min(float(engine.round_half_up(np.array([weight * min(rate, 1.0)]), scheme.quantitative.round_digits)[0]), weight)
    text = f"执行率 = 执行数 {done:g} ÷ {basis} {full:g} = {rate:.2%}；得分 = {weight:g} × min(执行率, 1) = {_fmt(value)}"
    return BudgetScore(budget=full, executed=done, rate=rate, weight=weight, score=value, explanation=text)
