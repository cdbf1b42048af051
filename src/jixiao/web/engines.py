"""Adapters to the floor-3 engines (review/, assess/, forms/) for the pages and the API.

The web floor may import every floor below it; this module is the only place that calls the engines,
so a change in an engine's entry point touches one function here. Entry points used:
`jixiao.review.review(table, config) -> Report` with `load_config(name)`, `jixiao.assess.score(table, actuals, ...) -> Evaluation`,
`jixiao.assess.monitor(table, snapshot, at) -> MonitorReport`, and `jixiao.forms.render`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from .. import assess
from ..assess import audit as assess_audit
from ..domain.blank import is_blank
from ..domain.problem import Problem
from ..forms import render
from ..review import ConfigError, ReviewConfig, default_config, load_config, review
from ..review.config import localities

# ---- review (审核) -------------------------------------------------------------------------------

DEFAULT_LABEL = "财预〔2015〕88号（默认）"


class ChecklistError(Exception):
    """A checklist name (a department's, or the deployment's) that names no usable checklist."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def checklist_config(name: str = "", department: str = "") -> ReviewConfig:
    """The configuration a table is reviewed with: the shipped locality checklist `name` (a department's
    choice), else the deployment's `JIXIAO_REVIEW_CHECKLIST` (a locality's name or a TOML file), else the
    88号 default. An unknown name raises ChecklistError with a message saying whose setting to correct."""
    name = (name or "").strip()
    shipped = "、".join(localities()) or "无"
    if name:
        if name not in localities():
            whose = f"部门“{department}”的" if department else ""
            raise ChecklistError(f"{whose}审核口径“{name}”不存在（内置的地方审核口径：{shipped}），无法审核；请财政审核人员在“审核口径”页面重新选择。")
        return load_config(name)
    fallback = settings.REVIEW_CHECKLIST
    if not fallback:
        return default_config()
    try:
        return load_config(fallback)
    except ConfigError as error:
        raise ChecklistError(f"部署设置 JIXIAO_REVIEW_CHECKLIST=“{fallback}”无法使用（{error}），无法审核；请管理员更正该设置（内置的地方审核口径：{shipped}）。") from None


def review_config(department) -> ReviewConfig:
    """A department's checklist (`Department.review_checklist`), else the deployment default."""
    return checklist_config(department.review_checklist, department.name)


def checklist_label(config: ReviewConfig) -> str:
    """A configuration in words: the locality checklist's own name, or 88号 for the default."""
    if config is default_config():
        return DEFAULT_LABEL
    meta = config.data.get("meta", {}).get("name")
    return f"{meta}（{config.name}）" if meta else config.name


def checklist_choices() -> list[tuple[str, str]]:
    """The select of checklists (upload form, department settings): 默认 plus every shipped locality."""
    fallback = settings.REVIEW_CHECKLIST
    default = f"默认（部署设置：{fallback}）" if fallback else f"默认（{DEFAULT_LABEL[:-4]}）"
    return [("", default), *((name, checklist_label(load_config(name))) for name in localities())]


def checklist_items(config: ReviewConfig) -> list[str]:
    """A checklist's items (审核细项) in the checklist's own order; none for a configuration without one."""
    items: list[str] = []
    for entry in config.data.get("checklist", []):
        for item in (entry.get("item"), *entry.get("items", {}).values()):
            if item and item not in items:
                items.append(item)
    return items


def review_report(table, config: ReviewConfig | None = None):
    return review(table, config)


def review_findings(table, report=None, config: ReviewConfig | None = None) -> list[Problem]:
    """The review's findings: `domain.problem.Problem`s (dimension, severity, row, where, checklist item, suggestion)."""
    report = report if report is not None else review_report(table, config)
    return list(report.findings)


def errors_in(findings) -> list[Problem]:
    """The error-severity findings among these (those that block submission)."""
    return [f for f in findings if f.severity.value == "error"]


def error_findings(table, config: ReviewConfig | None = None) -> list[Problem]:
    """The review's error-severity findings."""
    return errors_in(review_findings(table, config=config))


def errors_allowed(config: ReviewConfig) -> bool:
    """The checklist's `[submission] allow_errors`: may a table with error findings be submitted (with a reason)?"""
    return bool(config.data.get("submission", {}).get("allow_errors", False))


def review_grade(table, report=None, config: ReviewConfig | None = None) -> str:
    """优/良/中/差 from the review engine."""
    report = report if report is not None else review_report(table, config)
    return str(report.overall.grade)


def budget_total(table) -> float | None:
    """The year's budget in 万元: a department table's expenditure total, a project's annual funds."""
    if table.project is not None and table.kind != "department_target":
        funds = table.project.funds
        yuan = funds.annual.total.yuan if funds.annual.total.yuan is not None else funds.mid_term.total.yuan
        return round(yuan / 10000, 2) if yuan is not None else None
    return table.budget.expenditure_total


# ---- assessment (监控与自评) --------------------------------------------------------------------

def _actuals(table, values: dict[str, str], kind: str, as_of=None, budget=None, executed=None, deviations=None):
    entries = []
    for n, ind in enumerate(table.indicators, 1):
        text = (values.get(str(n)) or "").strip()
        said = (deviations or {}).get(str(n)) or {}
        if not is_blank(text):  # blank or a placeholder (“/”、“—” …): not filled, never a value
            entries.append(assess.ActualEntry(index=n, level1=ind.level1, level2=ind.level2, name=ind.name, target=ind.annual_value, actual=text,
                                              cause=said.get("cause") or None, correction=said.get("correction") or None))
    return assess.Actuals(kind=kind, as_of=as_of, entries=entries, budget=assess.BudgetActuals(full_year=budget, executed=executed))


def score(table, values: dict[str, str], executed: float | None = None):
    """The self-evaluation (assess.Evaluation) of entered actual values (position → text)."""
    budget = budget_total(table)
    return assess.score(table, _actuals(table, values, "selfeval", budget=budget, executed=executed), budget=budget, executed=executed)


def monitor(table, values: dict[str, str], as_of: dt.date, executed: float | None = None, deviations: dict | None = None):
    """The monitoring report (assess.MonitorReport) of a snapshot; `deviations`: position → {cause, correction}."""
    budget = budget_total(table)
    return assess.monitor(table, _actuals(table, values, "monitor", as_of=as_of, budget=budget, executed=executed, deviations=deviations), as_of)


def time_progress(at: dt.date, year: int) -> float:
    """The share of the year elapsed at the end of `at` (31 July 2025 → 212/365)."""
    from ..assess.monitor import time_progress as elapsed

    return elapsed(at, year)


def monitor_light(report) -> str:
    """The worst light of a monitoring report (its budget and its indicators): red, yellow, green, or "" when nothing is judged."""
    lights = {report.budget.light, *(p.light for p in report.indicators)}
    return next((light for light in ("red", "yellow", "green") if light in lights), "")


def monitor_rules(scheme: str = "default"):
    """The scheme's monitoring rules (assess.scheme.MonitorRule): the deviation causes of its drop-down
    (偏差原因, 财预〔2019〕136号: 经费保障、制度保障、人员保障、硬件条件保障、其他) and the lights that need a cause and a correction."""
    from ..assess.scheme import load_scheme

    return load_scheme(scheme).monitor


def monitor_form(table, report, fmt: str) -> bytes:
    """The monitoring table (绩效运行监控表) of a report, from forms/: xlsx or printable html."""
    from ..forms import render_results

    return render_results(table, report, fmt)


def selfeval_label(table, result) -> str:
    """The self-evaluation and its rules for the table's kind (a 部门整体 table is not called 项目支出)."""
    from ..forms.results import rules_label

    return rules_label(table, result)


def selfeval_form(table, result, fmt: str) -> bytes:
    """The self-evaluation table (xlsx) or report (docx) of a scored evaluation, from forms/ (as the CLI writes them)."""
    from ..forms import render_results

    return render_results(table, result, fmt)


# ---- 自评得分复核 (audit of a published self-evaluation) ------------------------------------------

AUDIT_KINDS = assess_audit.KINDS  # AUD-* code → the kind of disagreement in words


def self_audit(table):
    """The audit (assess.audit.TableAudit) of a published self-evaluation table; None for other kinds."""
    if table.kind != "selfeval":
        return None
    return assess_audit.audit(table)


def audit_points(result) -> float:
    """Points in disagreement: the sum of |published − computed| over the rows in disagreement."""
    return round(sum(abs(r.difference) for r in result.rows if r.kinds and r.difference is not None), 4)


def audit_summary(table) -> dict:
    """The record's 评分一致性 columns for a table (None/empty for a table that is not a self-evaluation)."""
    result = self_audit(table)
    if result is None:
        return {"audit_disagreements": None, "audit_points": None, "audit_published_points": None, "audit_kinds": {}}
    kinds: dict[str, int] = {}
    for problem in result.disagreements:
        kinds[problem.code] = kinds.get(problem.code, 0) + 1
    published = round(sum(r.published_score for r in result.rows if r.published_score is not None), 4)
    return {"audit_disagreements": len(result.disagreements), "audit_points": audit_points(result),
            "audit_published_points": published, "audit_kinds": kinds}


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
