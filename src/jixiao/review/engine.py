"""Running a review (审核): every enabled rule over one table, then the grades.

`review(table, config)` is pure: a Table in, a Report out, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..domain.problem import Problem, Severity
from ..domain.table import Table
from . import rules as _rules  # noqa: F401  (registers the rule families)
from .config import ReviewConfig, default_config
from .context import Context
from .dimension import Dimension, Group, dimension_of
from .grade import Grade, grade, groups
from .registry import RULES, Make


@dataclass(frozen=True)
class Report:
    findings: list[Problem]
    dimensions: dict[Group, Grade]  # in the configuration's order of groups
    overall: Grade
    config: str

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def groups(self) -> tuple[Group, ...]:
        return tuple(self.dimensions)

    def by_dimension(self) -> dict[Group, list[Problem]]:
        out: dict[Group, list[Problem]] = {d: [] for d in self.dimensions}
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

    @classmethod
    def from_dict(cls, data: dict) -> Report:
        """The report `to_dict` gave, equal to the one reviewed (a stored review read back, not run again)."""
        names = {d.value: d for d in Dimension}
        findings = [Problem.from_dict(f) for f in data["findings"]]
        findings = [replace(f, dimension=names.get(f.dimension, f.dimension)) if isinstance(f.dimension, str) else f for f in findings]
        return cls(findings, {Group(k): Grade.from_dict(v) for k, v in data["dimensions"].items()}, Grade.from_dict(data["overall"]), data["config"])


def review(table: Table, config: ReviewConfig | None = None) -> Report:
    config = (config or default_config()).for_kind(table.kind)
    ctx = Context(table, config)
    findings: list[Problem] = []
    for code, rule in RULES.items():
        if config.enabled(code):
            findings.extend(rule.check(ctx, Make(code, rule.dimension, config.severity(code, rule.severity))))
    findings = [config.localize(f) for f in findings]
    order = {d: n for n, d in enumerate(groups(config))}
    findings.sort(key=lambda f: (order.get(dimension_of(f), len(order)), (f.source.line or 0) if f.source else 0, f.code))
    dimensions, overall = grade(findings, config)
    return Report(findings, dimensions, overall, config.name)
