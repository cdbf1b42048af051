"""Running a review (审核): every enabled rule over one table, then the grades.

`review(table, config)` is pure: a Table in, a Report out, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.problem import Problem, Severity
from ..domain.table import Table
from . import rules as _rules  # noqa: F401  (registers the rule families)
from .config import ReviewConfig, default_config
from .context import Context
from .dimension import DIMENSIONS, Dimension, dimension_of
from .grade import Grade, grade
from .registry import RULES, Make

_ORDER = {d: n for n, d in enumerate(DIMENSIONS)}


@dataclass(frozen=True)
class Report:
    findings: list[Problem]
    dimensions: dict[Dimension, Grade]
    overall: Grade
    config: str

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    def by_dimension(self) -> dict[Dimension, list[Problem]]:
        out: dict[Dimension, list[Problem]] = {d: [] for d in DIMENSIONS}
        for f in self.findings:
            out[dimension_of(f)].append(f)
        return out

    def to_dict(self) -> dict:
        return {
            "config": self.config,
            "overall": self.overall.to_dict(),
            "dimensions": {d.value: g.to_dict() for d, g in self.dimensions.items()},
            "counts": {s.value: sum(f.severity is s for f in self.findings) for s in Severity},
            "findings": [f.to_dict() for f in self.findings],
        }


def review(table: Table, config: ReviewConfig | None = None) -> Report:
    config = (config or default_config()).for_kind(table.kind)
    ctx = Context(table, config)
    findings: list[Problem] = []
    for code, rule in RULES.items():
        if config.enabled(code):
            findings.extend(rule.check(ctx, Make(code, rule.dimension, config.severity(code, rule.severity))))
    findings.sort(key=lambda f: (_ORDER[dimension_of(f)], (f.source.line or 0) if f.source else 0, f.code))
    dimensions, overall = grade(findings, config)
    return Report(findings, dimensions, overall, config.name)
