"""Findings and reading notes as the pages show them: at their indicator (一级 › 二级 › 三级指标), or at
the part of the table in words; the note's code in words (the code and the source cell only as a
tooltip: a line of the uploaded file means nothing after an XLSX import or an edit)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ...domain.problem import Problem
from ...ingest import note_words


@dataclass(frozen=True)
class Shown:
    """A Problem with its place on the page; every other attribute is the Problem's."""

    problem: Problem
    place: str  # 产出指标 › 数量指标 › 培训人次, 预算整体情况 › 市本级使用资金, or ''
    at: int | None  # the indicator (0-based) it is shown at: the finding's own row, else the row its source cell is on

    def __getattr__(self, name: str) -> Any:
        return getattr(self.problem, name)

    @property
    def words(self) -> str:
        """A reading note's code in words (SHIFT-RIGHT → 整行右移（已对齐））."""
        return note_words.words(self.problem.code)

    @property
    def needs_check(self) -> bool:
        return note_words.needs_check(self.problem.code)

    @property
    def tooltip(self) -> str:
        """The code and the source cell (工作表 X 第13行 第5列), for the title attribute."""
        return " · ".join(p for p in (self.problem.code, self.problem.location) if p)


def indicator_place(indicator) -> str:
    return " › ".join(p for p in (indicator.level1, indicator.level2, indicator.name) if p)


class Placer:
    """Places the problems of one table (the map from source lines to indicators is built once)."""

    def __init__(self, table):
        self.indicators = list(table.indicators) if table is not None else []
        self.by_line: dict[tuple[str | None, int], int] = {}
        for n, indicator in enumerate(self.indicators):
            for source in (indicator.sources or {}).values():
                if source.line:
                    self.by_line.setdefault((source.sheet, source.line), n)

    def __call__(self, problem: Problem) -> Shown:
        if isinstance(problem, Shown):
            return problem
        row = problem.row if problem.row is not None and 0 <= problem.row < len(self.indicators) else None
        if row is None and problem.row is None and problem.source is not None and problem.source.line:
            row = self.by_line.get((problem.source.sheet, problem.source.line))
        place = indicator_place(self.indicators[row]) if row is not None else problem.where.replace("·", " › ")
        return Shown(problem, place, row)


def shown(problems: Iterable[Problem], table) -> list[Shown]:
    placer = Placer(table)
    return [placer(p) for p in problems]
