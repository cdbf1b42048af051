"""How a stored table is laid out on its page: the official indicator grid with merged level-1/level-2
cells (rowspans), each row carrying its findings and reviewer comments."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    indicator: object
    level1_span: int = 0  # >0 on the first row of a level-1 group
    level2_span: int = 0
    findings: list = field(default_factory=list)
    comments: list = field(default_factory=list)


def indicator_rows(indicators, findings=None, comments=None) -> list[Row]:
    rows = [Row(i) for i in indicators]
    by_line: dict[int, Row] = {}
    for row in rows:
        for source in (row.indicator.sources or {}).values():
            if source.get("line"):
                by_line.setdefault(source["line"], row)
    for finding in findings or []:
        line = getattr(finding.source, "line", None) if finding.source else None
        if line in by_line:
            by_line[line].findings.append(finding)
    by_id = {row.indicator.id: row for row in rows}
    for comment in comments or []:
        if comment.indicator_id in by_id:
            by_id[comment.indicator_id].comments.append(comment)
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
