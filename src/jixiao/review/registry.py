"""The rule registry (规则登记): every rule declares its code, dimension and default severity.

A rule is a function `check(ctx, make)` that yields findings — `domain.problem.Problem`s; `make`
stamps them with the rule's code, dimension and (configurable) severity, so a rule body only says
what is wrong and where (and, for a finding about one indicator, its index in the table: `row=`).
Rule families live one per module in `review/rules/`; importing the package registers them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..domain.problem import Problem, Severity
from ..domain.source import Source
from .dimension import Dimension

if TYPE_CHECKING:
    from .context import Context


class Make:
    """Builds the findings of one rule."""

    __slots__ = ("code", "dimension", "severity")

    def __init__(self, code: str, dimension: Dimension, severity: Severity):
        self.code, self.dimension, self.severity = code, dimension, severity

    def __call__(self, message: str, where: str, source: Source | None = None, suggestion: str | None = None, *, row: int | None = None, **figures: Any) -> Problem:
        return Problem(
            code=self.code, dimension=self.dimension, severity=self.severity, message=message, where=where,
            source=source, suggestion=suggestion, row=row, figures=figures,
        )


Check = Callable[["Context", Make], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    code: str
    dimension: Dimension
    severity: Severity
    check: Check
    family: str

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.check) or ""

    @property
    def title(self) -> str:
        return self.doc.splitlines()[0] if self.doc else self.code


RULES: dict[str, Rule] = {}


def rule(code: str, dimension: Dimension, severity: Severity = Severity.WARNING) -> Callable[[Check], Check]:
    """Register `check` under `code` (e.g. BUD-003). Codes are unique and never reused."""

    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        RULES[code] = Rule(code, dimension, severity, check, check.__module__.rsplit(".", 1)[-1])
        return check

    return register
