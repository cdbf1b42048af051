"""Grid → TargetTable + IngestNotes: the one layout step every reader shares.

Sections are found by their labels (`sections.py`); facts by label/value pairs (`facts.py`); the
indicator block by content with its repairs (`indicators.py`). What cannot be read becomes a note,
never a silent loss; a grid with no table in it at all is an IngestError.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..domain.source import Source
from ..domain.table import TargetTable
from . import facts
from .errors import IngestError, IngestNote
from .flattened import unflatten
from .grid import Grid
from .indicators import read_indicators
from .sections import split_sections


class IngestResult(BaseModel):
    """A table as read, with the notes of every repair and omission."""

    model_config = ConfigDict(frozen=True)

    table: TargetTable
    notes: list[IngestNote]
    encoding: str | None = None


def layout(grid: Grid) -> IngestResult:
    grid = unflatten(grid)
    sections = split_sections(grid)
    notes: list[IngestNote] = []
    found = [name for name in ("department", "budget", "goals", "key_tasks", "other_tasks", "indicators") if getattr(sections, name)]
    if not found:
        raise IngestError("没有找到绩效目标表的任何部分（部门名称、预算、总体绩效目标、绩效指标等）", Source(file=grid.file))
    title, year = facts.read_head(sections.head)
    indicators, empty = read_indicators(sections.indicators, notes, spans_known=grid.spans_known, centred=bool(grid.meta.get("centred_labels")))
    if not sections.indicators:
        notes.append(IngestNote(code="NO-INDICATORS", message="没有找到绩效指标部分（表头“一级指标/二级指标/三级指标”）", source=Source(file=grid.file)))
    for name, label in (("department", "部门信息"), ("budget", "预算整体情况"), ("goals", "总体绩效目标")):
        if not getattr(sections, name):
            notes.append(IngestNote(code="MISSING-SECTION", message=f"没有找到“{label}”部分", source=Source(file=grid.file)))
    goals, goal_sources = facts.read_goals(sections.goals)
    table = TargetTable(
        title=title,
        year=year,
        department=facts.read_department(sections.department, notes),
        budget=facts.read_budget(sections.department + sections.budget, notes),
        overall_goals=goals,
        overall_goal_sources=goal_sources,
        key_tasks=facts.read_tasks(sections.key_tasks, notes, with_goal=True),
        other_tasks=facts.read_tasks(sections.other_tasks, notes, with_goal=False),
        indicators=indicators,
        empty_level2=empty,
        source_file=grid.file,
    )
    notes.sort(key=lambda n: (n.source.line or 0) if n.source else 0)
    return IngestResult(table=table, notes=notes, encoding=grid.encoding)
