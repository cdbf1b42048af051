"""Adapters to the floor-3 engines (review/, assess/, forms/) for the pages and the API.

The web floor may import every floor below it; this module is the only place that calls the engines,
so a change in an engine's entry point touches one function here. Entry points used:
`jixiao.review.review(table) -> Report`, `jixiao.assess.score(table, actuals, ...) -> Evaluation`,
`jixiao.assess.monitor(table, snapshot, at) -> MonitorReport`, and `jixiao.forms.render`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import assess
from ..domain.source import Source
from ..forms import render
from ..review import review


def _text(value) -> str:
    return str(getattr(value, "value", value) if value is not None else "")


@dataclass(frozen=True)
class FindingView:
    """What a page shows of a review finding (审核意见)."""

    code: str
    dimension: str
    severity: str  # error / warning / info (CSS class)
    severity_label: str  # 错误 / 警告 / 提示
    message: str
    where: str
    source: Source | None
    suggestion: str = ""


# ---- review (审核) -------------------------------------------------------------------------------

def review_report(table):
    return review(table)


def review_findings(table, report=None) -> list[FindingView]:
    report = report if report is not None else review_report(table)
    return [
        FindingView(
            code=str(f.code),
            dimension=_text(f.dimension),
            severity=_text(f.severity),
            severity_label=str(getattr(f.severity, "label", _text(f.severity))),
            message=str(f.message),
            where=str(getattr(f, "where", "") or ""),
            source=getattr(f, "source", None),
            suggestion=str(getattr(f, "suggestion", "") or ""),
        )
        for f in report.findings
    ]


def review_grade(table, report=None) -> str:
    """优/良/中/差 from the review engine."""
    report = report if report is not None else review_report(table)
    return str(report.overall.grade)


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
    budget = table.budget.expenditure_total
    return assess.score(table, _actuals(table, values, "selfeval", budget=budget, executed=executed), budget=budget, executed=executed)


def monitor(table, values: dict[str, str], as_of: dt.date, executed: float | None = None):
    """The monitoring report (assess.MonitorReport) of a snapshot."""
    budget = table.budget.expenditure_total
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
    except Exception:  # warming up is an optimisation; never keep the server from starting
        return
    review_report(table)
    score(table, {})
