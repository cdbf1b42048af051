"""Audit of published self-evaluation scores (自评得分复核): score a published table again, name each disagreement.

A published 绩效自评表 prints per indicator its target, actual, 分值 and 得分, and the budget block,
总分 and 等级. `audit(table, scheme)` scores the same targets, actuals and weights with the scheme of
its locality (10号 by default) and compares, row by row and in total. A disagreement is a `Problem`
whose code names its kind (AUD-*); a published score the scheme explains (a qualitative score inside
its band, Hubei's 20 × 执行率) is not one. Rows the scheme cannot judge (no target, unreadable actual)
are `needs_review`, never counted as agreeing.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..domain.problem import Problem, Severity
from ..domain.table import Indicator, Table
from .actuals import ActualEntry, Actuals, BudgetActuals
from .scheme import Scheme, scheme_for_locality
from .score import Evaluation, score

TOLERANCE = 0.01  # points: published scores are printed with two decimals

KINDS: dict[str, str] = {  # code → the kind of disagreement, in words
    "AUD-OVER-WEIGHT": "得分高于分值",
    "AUD-MET-LOST": "目标已达成却扣分，且未说明原因",
    "AUD-MISSED-FULL": "未达成目标却得满分",
    "AUD-BAND": "定性指标得分不在所评档次的分数范围内",
    "AUD-DIFF": "得分与评分规则的计算结果不一致",
    "AUD-UNSCORED": "有分值的指标未打分",
    "AUD-BUDGET": "预算执行得分不符合评分规则",
    "AUD-TOTAL": "总分不等于各项得分之和",
    "AUD-GRADE": "自评等级与总分所在档次不符",
}


class RowAudit(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    target: str | None
    actual: str | None
    weight: float | None
    published_score: float | None
    score: float | None  # computed by the scheme
    difference: float | None  # published − computed
    rule: str  # how the scheme scores the row (正向 / 反向 / 定性 / …), and the kind of disagreement if any
    needs_review: bool  # the scheme cannot judge the row (no target, unreadable actual)
    kinds: list[str] = Field(default_factory=list)


class TableAudit(BaseModel):
    model_config = ConfigDict(frozen=True)
    title: str | None
    scheme: str
    rows: list[RowAudit]
    budget: dict  # {"initial", "full_year", "executed", "rate", "weight", "published_score", "score", "rule"}
    total: dict  # {"published", "computed"}
    grade: dict  # {"published", "computed"}
    disagreements: list[Problem] = Field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return not self.disagreements

    @property
    def to_review(self) -> int:
        """Rows the scheme cannot judge (no target, unreadable actual): a person must."""
        return sum(r.needs_review for r in self.rows)

    def to_json(self) -> dict:
        data = self.model_dump(mode="json", exclude={"disagreements"})
        data["disagreements"] = [p.to_dict() for p in self.disagreements]
        return data


def scheme_for(table: Table) -> Scheme:
    """The scheme of the locality the table names (title, unit, file name), else 10号's default."""
    return scheme_for_locality(" ".join(x for x in (table.title, table.unit_name, table.project.unit if table.project else None, table.source_file) if x))


def audit(table: Table, scheme: Scheme | None = None) -> TableAudit:
    scheme = scheme or scheme_for(table)
    indicators = [i for i in table.indicators]
    target_table = Table(indicators=[Indicator(level1=i.level1, level2=i.level2, name=i.name, annual_value=i.target or i.annual_value, sources=i.sources) for i in indicators])
    budget = table.published.budget if table.published is not None else None
    actuals = Actuals(
        entries=[ActualEntry(index=n + 1, name=i.name, actual=i.actual, weight=i.weight, explanation=i.reason, sources=i.sources) for n, i in enumerate(indicators)],
        budget=BudgetActuals(initial=budget.initial, full_year=budget.full_year, executed=budget.executed) if budget else BudgetActuals(),
    )
    evaluation = score(target_table, actuals, scheme)
    rows, problems = _rows(indicators, evaluation, scheme)
    budget_view, budget_problems = _budget(table, evaluation, scheme)
    totals, total_problems = _totals(table, rows, evaluation, scheme)
    return TableAudit(
        title=table.title, scheme=scheme.name, rows=rows, budget=budget_view,
        total=totals["total"], grade=totals["grade"], disagreements=problems + budget_problems + total_problems,
    )


def _rows(indicators: list[Indicator], evaluation: Evaluation, scheme: Scheme) -> tuple[list[RowAudit], list[Problem]]:
    rows: list[RowAudit] = []
    problems: list[Problem] = []
    for n, (ind, row) in enumerate(zip(indicators, evaluation.indicators, strict=True)):
        published = ind.score
        review = any(f.code in ("UNREADABLE", "NO-GROUP") for f in row.flags) or (not ind.target and not ind.annual_value)
        weight = ind.weight if ind.weight is not None else (row.weight if row.applicable else None)
        # a form without a 分值 column (湖北 市级) leaves the weight to the scheme's guess: a score is not
        # judged against a weight the publisher never printed
        implied = ind.weight is None and published is not None
        kinds = [] if review or not row.applicable or implied else _kinds(ind, row, published, weight, scheme)
        source = ind.sources.get("score") or ind.sources.get("name")
        for kind in kinds:
            problems.append(Problem(
                code=kind, severity=Severity.WARNING if kind == "AUD-DIFF" else Severity.ERROR, row=n, source=source, where=f"指标“{ind.name}”",
                message=f"“{ind.name}”{KINDS[kind]}：公开得分 {_fmt(published)}，按规则应得 {_fmt(row.score)}（{row.explanation}）",
                figures={"published": published, "computed": row.score, "weight": weight},
            ))
        computed = row.score if row.applicable and not review else None
        rows.append(RowAudit(
            name=ind.name, target=ind.target or ind.annual_value, actual=ind.actual, weight=weight, published_score=published, score=computed,
            difference=round(published - computed, 4) if published is not None and computed is not None else None,
            rule=f"{row.rule}（分值未印出，按方案推定）" if implied and row.applicable and not review else row.rule, needs_review=review, kinds=kinds,
        ))
    return rows, problems


def _kinds(ind: Indicator, row, published: float | None, weight: float | None, scheme: Scheme) -> list[str]:
    if published is None:  # unscored only where the form prints the row's 分值 (a results page prints none)
        return ["AUD-UNSCORED"] if ind.weight else []
    if weight is not None and published > weight + TOLERANCE:
        return ["AUD-OVER-WEIGHT"]
    if row.band is not None and row.rule in ("定性", "等级") and weight:
        band = scheme.band(row.band)
        if band is not None and band.low * weight - TOLERANCE <= published <= band.high * weight + TOLERANCE:
            return []  # the evaluator's point inside the band the row was judged in
        return ["AUD-BAND"]
    if abs(published - row.score) <= TOLERANCE:
        return []
    if weight and row.score >= weight - TOLERANCE and published < weight - TOLERANCE and not ind.reason:
        return ["AUD-MET-LOST"]
    if weight and row.score < weight - TOLERANCE and published >= weight - TOLERANCE:
        return ["AUD-MISSED-FULL"]
    return ["AUD-DIFF"]


def _budget(table: Table, evaluation: Evaluation, scheme: Scheme) -> tuple[dict, list[Problem]]:
    printed = table.published.budget if table.published is not None else None
    b = evaluation.budget
    view = {
        "initial": printed.initial if printed else None, "full_year": b.budget, "executed": b.executed, "rate": b.rate,
        "weight": printed.weight if printed and printed.weight is not None else b.weight,
        "published_score": printed.score if printed else None, "score": b.score if b.applicable else None, "rule": b.explanation,
    }
    if printed is None or printed.score is None or not b.applicable:
        return view, []
    if abs(printed.score - b.score) <= TOLERANCE:
        return view, []
    return view, [Problem(
        code="AUD-BUDGET", severity=Severity.ERROR, where="预算执行率", source=table.published.sources.get("budget.score") if table.published else None,
        message=f"预算执行{KINDS['AUD-BUDGET']}：公开得分 {_fmt(printed.score)}，按方案“{scheme.title}”应得 {_fmt(b.score)}（{b.explanation}）",
        figures={"published": printed.score, "computed": b.score},
    )]


def _totals(table: Table, rows: list[RowAudit], evaluation: Evaluation, scheme: Scheme) -> tuple[dict, list[Problem]]:
    published = table.published
    # The computed total adds the scheme's score of every row it can judge and, for the rows it cannot
    # (needs_review), the published score as printed: a total comparable with the published one.
    budget_printed = published.budget.score if published and published.budget and published.budget.score is not None else None
    budget_part = evaluation.budget.score if evaluation.budget.applicable else (budget_printed or 0.0)
    computed = round(sum((r.score if r.score is not None else (r.published_score or 0.0)) for r in rows) + budget_part, 2)
    total = {"published": published.total if published else None, "computed": computed, "rows_taken_as_published": sum(r.needs_review for r in rows)}
    grade = {"published": published.grade if published else None, "computed": scheme.rating(computed)}
    problems: list[Problem] = []
    if published is None:
        return {"total": total, "grade": grade}, problems
    scores = [r.published_score for r in rows if r.published_score is not None]
    if published.total is not None and scores:
        budget = published.budget.score if published.budget and published.budget.score is not None else 0.0
        added = round(sum(scores) + budget, 2)
        if abs(added - published.total) > TOLERANCE:
            problems.append(Problem(
                code="AUD-TOTAL", severity=Severity.ERROR, where="总分", source=published.sources.get("total"),
                message=f"{KINDS['AUD-TOTAL']}：公开总分 {_fmt(published.total)}，各项公开得分合计 {_fmt(added)}",
                figures={"published": published.total, "sum": added},
            ))
    if published.total is not None and published.grade:
        band = scheme.rating(published.total)
        if band not in published.grade:
            problems.append(Problem(
                code="AUD-GRADE", severity=Severity.ERROR, where="自评等级", source=published.sources.get("grade"),
                message=f"{KINDS['AUD-GRADE']}：公开总分 {_fmt(published.total)} 应为“{band}”，公开等级为“{published.grade}”",
                figures={"total": published.total, "published": published.grade, "computed": band},
            ))
    return {"total": total, "grade": grade}, problems


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"
