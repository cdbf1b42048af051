"""Grids → Document: every table found, each laid out by the one layout step every reader shares.

`segments.py` cuts a Grid into its tables; for each, sections are found by their labels
(`sections.py`), facts by label/value pairs (`facts.py` for a department, `project.py` for a project),
the indicator block by content with its repairs (`indicators.py`). What cannot be read becomes a note
(a `Problem` on the table), never a silent loss; a document with no table in it at all is an IngestError.
"""

from __future__ import annotations

import re
from typing import Any

from ..domain.document import Document
from ..domain.problem import Problem
from ..domain.source import Source
from ..domain.table import Department, Indicator, Locator, Table
from . import facts
from .confidence import judge
from .errors import IngestError
from .flattened import unflatten
from .grid import Grid, Row
from .indicators import is_not_applicable as _not_applicable
from .indicators import read_indicators
from .project import has_project_facts, read_project
from .published import read_published
from .sections import Sections, split_sections, squeeze
from .segments import split_tables
from .selfeval import read_selfeval_text

_SELFEVAL = re.compile(r"自评|自我评价")
_MONITOR = re.compile(r"监控|监测|运行监控")
_SELFEVAL_HEADER = ("实际完成值", "完成值", "实际值", "得分")
_MONITOR_HEADER = ("1-7月", "1—7月", "1～7月", "预计完成", "执行数", "完成目标可能性")


def read_document(grids: list[Grid]) -> Document:
    """Every table of the document's grids, in order. IngestError when none holds any part of a table."""
    if not grids:
        raise IngestError("文件中没有任何内容")
    tables: list[Table] = []
    certain: dict[int, bool] = {}  # table → its cells' boundaries are known (XLSX, DOCX, HTML, ruled PDF)
    for grid in grids:
        segments = split_tables(grid)
        if len(segments) == 1 and segments[0] is grid:
            flat = unflatten(grid)
            segments = split_tables(flat) if flat is not grid else [grid]
        for segment in segments:
            table = layout_table(unflatten(segment))
            if table is not None:
                tables.append(table)
                certain[id(table)] = segment.spans_known
    first = grids[0]
    if len(grids) == 1 and not first.spans_known and all(t.kind == "selfeval" or not (t.indicators or t.not_applicable) for t in tables):
        tables = _selfeval_text_table(first, tables)
    if not tables:
        where = f"（{len(grids)} 个工作表）" if len(grids) > 1 else ""
        raise IngestError(f"没有找到绩效目标表或其他绩效表的任何部分（部门名称、项目名称、预算、总体绩效目标、绩效指标等）{where}", Source(file=first.file))
    indexed = [judge(t.model_copy(update={"notes": [n.at(table=i) for n in t.notes]}), cells_certain=certain.get(id(t), False)) for i, t in enumerate(tables)]
    return Document(source_file=first.file, format=first.meta.get("format", "text"), encoding=first.encoding, tables=indexed)


def layout_table(grid: Grid) -> Table | None:
    """One table of a grid segment, or None when the segment holds no part of a table."""
    sections = split_sections(grid)
    rows = [row for row in grid if not row.blank]
    if not rows:
        return None
    facts_rows = _before_indicators(rows, sections)
    tasks = {id(r) for r in sections.key_tasks + sections.other_tasks}  # a task table's 项目名称 column is not a project
    project = has_project_facts([r for r in facts_rows if id(r) not in tasks])
    found = [name for name in ("department", "budget", "goals", "key_tasks", "other_tasks", "indicators") if getattr(sections, name)]
    if not found and not project:
        return None
    notes: list[Problem] = []
    title, year = facts.read_head(sections.head if not project else facts_rows[:3])
    indicators, not_applicable, empty = read_indicators(sections.indicators, notes, spans_known=grid.spans_known, centred=bool(grid.meta.get("centred_labels")))
    doubts = dict(grid.meta.get("row_doubts", ()))
    for i in indicators:
        if (code := doubts.get(i.sources["name"])) is not None:
            notes.append(Problem(code=code, message=f"“{i.name}”一行{_ROW_DOUBTS[code]}", source=i.sources["name"]))
    kind = _kind(title, sections, project)
    filled = bool(indicators or not_applicable)
    if not sections.indicators:
        notes.append(Problem(code="NO-INDICATORS", message="没有找到绩效指标部分（表头“一级指标/二级指标/三级指标”）", source=Source(file=grid.file)))
    common: dict[str, Any] = dict(  # the fields every Table takes, validated by it
        kind=kind,
        title=title,
        year=year or _year_of(facts_rows),
        status="filled" if filled or not sections.indicators else "unfilled",
        locator=_locator(rows[0]),
        columns=[t for t in sections.indicators[0].texts() if t] if sections.indicators else [],
        indicators=indicators,
        not_applicable=not_applicable,
        empty_level2=empty if filled else [],
        source_file=grid.file,
    )
    if kind == "selfeval":
        common.update(indicators=_with_targets(indicators), published=read_published(rows))
    if project:
        table = Table(department=None, project=read_project(facts_rows, notes), notes=[], **common)
    else:
        for name, label in (("department", "部门信息"), ("budget", "预算整体情况"), ("goals", "总体绩效目标")):
            if not getattr(sections, name) and kind == "department_target":
                notes.append(Problem(code="MISSING-SECTION", message=f"没有找到“{label}”部分", source=Source(file=grid.file)))
        goals, goal_sources = facts.read_goals(sections.goals)
        table = Table(
            department=facts.read_department(sections.department, notes) if sections.department else Department(),
            budget=facts.read_budget(sections.department + sections.budget, notes),
            overall_goals=goals,
            overall_goal_sources=goal_sources,
            key_tasks=facts.read_tasks(sections.key_tasks, notes, with_goal=True),
            other_tasks=facts.read_tasks(sections.other_tasks, notes, with_goal=False),
            notes=[],
            **common,
        )
    if not filled and sections.indicators:
        notes = [n for n in notes if n.code != "EMPTY-GROUP"]
        notes.append(Problem(code="UNFILLED", message="表格只有表头和分组，没有填写指标（空白模板）", source=rows[0].cells[0].source if rows[0].cells else None))
    notes.sort(key=lambda n: (n.source.line or 0) if n.source else 0)
    return table.model_copy(update={"notes": notes})


# What the rebuild of flattened text was unsure of, by the code it left on a row (see `flattened._rebuild`).
_ROW_DOUBTS = {"ROW-CUT": "在文本结尾处被截断，单元格不全", "NAME-FUSED": "的名称与指标解释连在一起，分不开", "WORDS-CUT": "连排文本中的文字型指标值，边界是推断的"}


def _with_targets(indicators: list[Indicator]) -> list[Indicator]:
    """A structured self-evaluation's rows: the 年度指标值 column is the target (实际完成值, 分值, 得分 and
    the reason are read by column)."""
    return [i.model_copy(update={"target": i.target or i.annual_value or i.period_value}) for i in indicators]


def _selfeval_text_table(grid: Grid, tables: list[Table]) -> list[Table]:
    """Self-evaluations published as flattened text (pipes, spaces or a cell per paragraph) are read by
    the self-evaluation text reader over the whole text, its lines mapped back to the file's. The tables
    the layout found stay when that reader finds no rows."""
    lines = [" | ".join(c.text for c in row.cells) if len(row.cells) > 1 else (row.cells[0].text if row.cells else "") for row in grid.rows]
    rows = read_selfeval_text("\n".join(lines), grid.file)
    if not rows or (any(t.status == "unfilled" for t in tables) and not any(r.weight is not None or r.score is not None for r in rows)):
        return tables  # nothing read, or a blank form's header and labels read as rows: the form stays what it is
    read: list[Indicator] = []
    for r in rows:
        line = grid.rows[r.source.line - 1].line if r.source and r.source.line and r.source.line <= len(grid.rows) else None
        source = Source(file=grid.file, line=line)
        fields: dict[str, Any] = {"target": r.target_text, "actual": r.actual, "weight": r.weight, "score": r.score, "reason": r.reason, "op": r.target_op, "unit": r.target_unit}
        sources = {k: source for k, v in fields.items() if v is not None} | {"name": source}
        read.append(Indicator(level1=r.level1, level2=r.level2, name=r.name, annual_value=r.target_text, sources=sources, review_reasons=list(r.doubts), **fields))
    head = [row for row in grid.rows if not row.blank][:6]
    title, year = facts.read_head(head)
    base = tables[0] if tables else None
    table = Table(
        kind="selfeval",
        title=title or (base.title if base else None),
        year=year or (base.year if base else None) or _year_of(head),
        locator=_locator(head[0]) if head else Locator(),
        department=base.department if base else Department(),
        project=base.project if base else None,
        indicators=[i for i in read if not _not_applicable(i)],
        not_applicable=[i for i in read if _not_applicable(i)],
        published=read_published(list(grid.rows)),
        source_file=grid.file,
    )
    return [table]


def _before_indicators(rows: list[Row], sections: Sections) -> list[Row]:
    """The rows above the indicator header: where a form prints its facts."""
    header = sections.indicators[0] if sections.indicators else None
    out = []
    for row in rows:
        if row is header:
            break
        out.append(row)
    return out


def _kind(title: str | None, sections: Sections, project: bool) -> str:
    header = "".join(squeeze(t) for t in sections.indicators[0].texts()) if sections.indicators else ""
    title = squeeze(title or "")
    if _SELFEVAL.search(title) or (header and any(w in header for w in _SELFEVAL_HEADER) and "得分" in header):
        return "selfeval"
    if _MONITOR.search(title) or (header and any(w in header for w in _MONITOR_HEADER)):
        return "monitor"
    return "project_target" if project else "department_target"


def _year_of(rows: list[Row]) -> int | None:
    for row in rows[:4]:
        for cell in row.cells:
            match = facts.YEAR.search(cell.text)
            if match:
                return int(match.group(1))
    return None


def _locator(row: Row) -> Locator:
    source = row.cells[0].source if row.cells else Source()
    return Locator(sheet=source.sheet, page=source.page, line=row.line)
