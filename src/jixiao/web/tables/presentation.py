"""How a stored table is laid out on its page: the official indicator grid with merged level-1/level-2
cells (rowspans), each row carrying its findings and reviewer comments; the review's findings grouped
by the checklist's groups."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .problems import shown


@dataclass
class Row:
    indicator: Any  # a domain Indicator
    position: int  # from 1, as the form shows it (序号); the index in the document is position - 1
    level1_span: int = 0  # >0 on the first row of a level-1 group
    level2_span: int = 0
    findings: list = field(default_factory=list)
    comments: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # the reader's notes on this row (`problems.Shown`)


def indicator_rows(indicators, findings=None, comments=None, notes=None) -> list[Row]:
    """Rows of the indicator grid. A finding goes to the indicator its `row` names; one without a row
    goes to the indicator whose cell it points at (source line), if any. A comment goes to its `row`;
    a reading note (placed by `problems.shown`) to the row it is `at`."""
    rows = [Row(i, n) for n, i in enumerate(indicators, 1)]
    for note in notes or []:
        if getattr(note, "at", None) is not None and 0 <= note.at < len(rows):
            rows[note.at].notes.append(note)
    by_line: dict[int, Row] = {}
    for row in rows:
        for source in (row.indicator.sources or {}).values():
            if source.line:
                by_line.setdefault(source.line, row)
    for finding in findings or []:
        if finding.row is not None:
            if 0 <= finding.row < len(rows):
                rows[finding.row].findings.append(finding)
            continue
        line = finding.source.line if finding.source is not None else None
        if line in by_line:
            by_line[line].findings.append(finding)
    for comment in comments or []:
        if comment.row is not None and 0 <= comment.row < len(rows):
            rows[comment.row].comments.append(comment)
    _spans(rows, lambda r: r.indicator.level1, "level1_span")
    _spans(rows, lambda r: (r.indicator.level1, r.indicator.level2), "level2_span")
    return rows


def _spans(rows: list[Row], key, attr: str) -> None:
    start = 0
    for n in range(1, len(rows) + 1):
        if n == len(rows) or key(rows[n]) != key(rows[start]):
            setattr(rows[start], attr, n - start)
            start = n


def unplaced(findings, rows: list[Row]) -> list:
    """Findings not shown at an indicator row (budget, tasks, whole table)."""
    placed = {id(f) for r in rows for f in r.findings}
    return [f for f in findings or [] if id(f) not in placed]


def has_explanations(indicators) -> bool:
    """Whether the table prints a 指标解释 column (any indicator has one)."""
    return any(i.explanation for i in indicators)


@dataclass
class FindingGroup:
    name: str  # the checklist's group (完整性/可测性/可行性), or an 88号 dimension
    grade: Any  # review.Grade
    findings: list


def grouped(report, table=None) -> list[FindingGroup]:
    """The report's findings by group, in the configuration's order of groups (every group, even empty),
    each at its place in `table` (`problems.Shown`)."""
    if report is None:
        return []
    by = report.by_dimension()
    return [FindingGroup(g.value, report.dimensions[g], shown(by.get(g, []), table)) for g in report.groups]
