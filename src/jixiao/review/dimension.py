"""The review dimensions (审核维度) of 财预〔2015〕88号: the review's own vocabulary.

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


def dimension_of(problem: Problem) -> Dimension:
    """The review dimension of a finding (a Problem made by a review rule)."""
    return Dimension(problem.dimension)
