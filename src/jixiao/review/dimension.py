"""The review dimensions (审核维度) of 财预〔2015〕88号: the review's own vocabulary, and the grading
groups a locality's checklist may use instead (`[grading] dimensions`).

A review finding is a `domain.problem.Problem` whose `dimension` is one of these (its stable `code`,
e.g. BUD-003, stays BUD-003 across releases; `where` names the part of the table in words, e.g.
指标“节能情况”; `row` is the indicator's index when the finding concerns one indicator).
"""

from __future__ import annotations

from enum import Enum

from ..domain.problem import Problem


class Dimension(str, Enum):  # noqa: UP042 — StrEnum would change str()/f-string output of the members
    """The four review dimensions of 财预〔2015〕88号."""

    COMPLETE = "完整性"
    RELEVANT = "相关性"
    APPROPRIATE = "适当性"
    FEASIBLE = "可行性"


DIMENSIONS = tuple(Dimension)


class Group(str):
    """A grading group (维度): one of 88号's four dimensions by default, or a locality checklist's own
    grouping (完整性 / 可测性 / 可行性). A plain string, so it hashes and compares as its name."""

    __slots__ = ()

    @property
    def value(self) -> str:
        return str.__str__(self)


def group_name(dimension: object) -> str:
    return str(getattr(dimension, "value", dimension))


def dimension_of(problem: Problem) -> Group:
    """The grading group of a finding (a Problem made by a review rule)."""
    return Group(group_name(problem.dimension))
