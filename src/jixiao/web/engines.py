"""Adapters to the floor-3 engines (review/, assess/, forms/). Each returns None when its engine is
not installed yet, and the pages then show 尚未启用 instead of a result.

The web floor may import every floor below it; this module is the only place that does so for the
engines, so a change in an engine's entry point touches one function here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from ..domain.source import Source


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _entry(module, *names):
    for name in names:
        fn = getattr(module, name, None) if module is not None else None
        if callable(fn):
            return fn
    return None


@dataclass(frozen=True)
class FindingView:
    """What a page shows of a review finding (审核意见)."""

    code: str
    dimension: str
    severity: str
    message: str
    source: Source | None
    suggestion: str = ""


def review_available() -> bool:
    return _entry(_module("jixiao.review"), "run", "review", "check") is not None


def review_findings(table) -> list[FindingView] | None:
    fn = _entry(_module("jixiao.review"), "run", "review", "check")
    if fn is None:
        return None
    result = fn(table)
    findings = getattr(result, "findings", result)
    out = []
    for f in findings:
        out.append(
            FindingView(
                code=str(getattr(f, "code", "")),
                dimension=str(_text(getattr(f, "dimension", ""))),
                severity=str(_text(getattr(f, "severity", ""))),
                message=str(getattr(f, "message", "")),
                source=getattr(f, "source", None),
                suggestion=str(getattr(f, "suggestion", "") or ""),
            )
        )
    return out


def review_grade(table) -> str | None:
    """优/良/中/差 when the review engine grades a table."""
    module = _module("jixiao.review")
    fn = _entry(module, "grade")
    if fn is None:
        return None
    grade = fn(table)
    return str(_text(getattr(grade, "grade", grade)))


def _text(value: Any) -> Any:
    return getattr(value, "value", value)


def scoring_available() -> bool:
    return _entry(_module("jixiao.assess"), "score", "evaluate") is not None or _entry(
        _module("jixiao.assess.score"), "score", "evaluate"
    ) is not None


def score(table, actuals: dict[str, str]):
    fn = _entry(_module("jixiao.assess.score"), "score", "evaluate") or _entry(_module("jixiao.assess"), "score", "evaluate")
    if fn is None:
        return None
    return fn(table, actuals)


def monitoring_available() -> bool:
    return _entry(_module("jixiao.assess.monitor"), "monitor", "run") is not None


def xlsx(table) -> bytes | None:
    """The official-layout XLSX from forms/, None until the writer exists."""
    fn = _entry(_module("jixiao.forms"), "target_table_xlsx", "write_xlsx", "to_xlsx") or _entry(
        _module("jixiao.forms.xlsx"), "target_table_xlsx", "write_xlsx", "to_xlsx", "write"
    )
    if fn is None:
        return None
    return fn(table)


def parse_value(text: str, level1: str | None = None):
    """The value grammar's reading of a target value, or None while the grammar is not installed."""
    module = _module("jixiao.domain.values")
    if module is None:
        return None
    return module.parse_value(text, level1=level1)
