"""Adapters to the floor-3 engines (review/, assess/, forms/) for the pages and the API.

The web floor may import every floor below it; this module is the only place that calls the engines,
so a change in an engine's entry point touches one function here. Entry points used:
`jixiao.review.review(table) -> Report`, `jixiao.assess.score(table, actuals, ...) -> Evaluation`,
`jixiao.assess.monitor(table, snapshot, at) -> MonitorReport`, and `jixiao.forms.render`.
"""

from __future__ import annotations

import datetime as dt

from .. import assess
from ..domain.problem import Problem
from ..forms import render
from ..review import review

# ---- review (审核) -------------------------------------------------------------------------------

def review_report(table):
    return review(table)


def review_findings(table, report=None) -> list[Problem]:
    """The review's findings: `domain.problem.Problem`s (dimension, severity, row, where, suggestion)."""
    report = report if report is not None else review_report(table)
    return list(report.findings)


def review_grade(table, report=None) -> str:
    """优/良/中/差 from the review engine."""
    report = report if report is not None else review_report(table)
    return str(report.overall.grade)


def budget_total(table) -> float | None:
    """The year's budget in 万元: a department table's expenditure total, a project's annual funds."""
    if table.project is not None and table.kind != "department_target":
        funds = table.project.funds
        yuan = funds.annual.total.yuan if funds.annual.total.yuan is not None else funds.mid_term.total.yuan
        return round(yuan / 10000, 2) if yuan is not None else None
    return table.budget.expenditure_total


# ---- assessment (监控与自评) --------------------------------------------------------------------

def _actuals(table, values: dict[str, str], kind: str, as_of=None, budget=None, executed=None):
    entries = []
    for n, ind in enumerate(table.indicators, 1):
        text = (values.get(str(n)) or "").strip()
        if text:
            entries.append(assess.ActualEntry(index=n, level1=ind.level1, level2=ind.level2, name=ind.name, target=ind.annual_value, actual=text))
    return assess.Actuals(kind=kind, as_of=as_of, entries=entries, budget=assess.BudgetActuals(full_year=budget, executed=executed))


def score(table, values: dict[str, str], executed: float | None = None):
    """The self-evaluation (assess.Evaluation) of entered actual values (position → text)."""
    budget = budget_total(table)
    return assess.score(table, _actuals(table, values, "selfeval", budget=budget, executed=executed), budget=budget, executed=executed)


def monitor(table, values: dict[str, str], as_of: dt.date, executed: float | None = None):
    """The monitoring report (assess.MonitorReport) of a snapshot."""
    budget = budget_total(table)
    return assess.monitor(table, _actuals(table, values, "monitor", as_of=as_of, budget=budget, executed=executed), as_of)


# ---- forms (报表) ---------------------------------------------------------------------------------

def official_form(table, fmt: str) -> bytes:
    """The target table in the official layout (xlsx, docx or html) from forms/."""
    return render(table, fmt)


def warm_up() -> None:
    """Import the engines and run the review once, so no visitor pays for loading dictionaries
    (called by the WSGI entry point; with gunicorn --preload the workers share the result)."""
    from ..ingest import read_bytes

    try:
        from .demo import example_bytes

        table = read_bytes(example_bytes(), "warm-up.txt")
    except Exception:  # noqa: BLE001 — warming up is an optimisation; never keep the server from starting
        return
    review_report(table)
    score(table, {})
