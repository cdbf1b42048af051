"""The HTML of the long grids, built in Python: the portfolio's rows (25 a page, ~20 values each), a
table's indicator rows (up to a few hundred, each with its findings, reading notes and comments) and its
findings grouped by the checklist.

A Django template costs a few microseconds per node, and these grids were ~500 nodes a page — two
thirds of the pages' CPU time at province scale. Every value from a table or a person passes through
`e()` (the standard library's `html.escape`, what Django's `escape` does, without its lazy-string
check on each call); only the finished rows are marked safe. The templates around them keep the layout.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from ...forms import numbers
from ..overview.light import signal
from .models import Kind

DASH = '<span class="muted">—</span>'


def e(value) -> str:
    """A value as HTML text: escaped (& < > " '), an enum by its value (Dimension.COMPLETE → 完整性), None → ''."""
    return "" if value is None else escape(str(getattr(value, "value", value)))


# --- the portfolio ---------------------------------------------------------------------------------

def portfolio_rows(records: Iterable, internal: bool) -> SafeString:
    """The `<tr>`s of a portfolio page; `internal`: the viewer may see lights, grades and 评分一致性."""
    detail = reverse("table_detail", args=[0])[: -len("0/")]  # /tables/ — each row's link adds its id
    return mark_safe("".join(_portfolio_row(t, internal, detail) for t in records))  # every value escaped by e()


def _portfolio_row(t, internal: bool, detail: str) -> str:
    href = f"{detail}{int(t.pk)}/"
    light = ""
    if internal:
        found = signal(t)
        light = f'<span class="light {e(found.light)}" title="{e(found.words)}"></span>'
    name = DASH if t.kind == Kind.DEPARTMENT else f'<a href="{href}">{e(t.label)}</a>'
    if t.fill_status == "unfilled":
        name += ' <span class="tag unfilled">空白模板</span>'
    counted = e(numbers.count(t.indicator_count))
    if t.not_applicable_count:
        counted += f' <small class="muted">（不适用 {e(numbers.count(t.not_applicable_count))}）</small>'
    grade = e(t.review_grade or "—") if internal else "—"
    score = "—" if t.score is None else e(numbers.money(t.score))
    updated = timezone.localtime(t.updated).strftime("%Y-%m-%d %H:%M") if t.updated else ""
    return (f'<tr><td>{light}</td><td><a href="{href}">{e(t.department.name)}</a></td><td>{e(t.year)}</td>'
            f"<td>{e(t.get_kind_display())}</td><td>{name}</td>"
            f'<td><span class="status {e(t.status)}">{e(t.get_status_display())}</span></td><td class="num">{counted}</td>'
            f'<td>{grade}</td><td class="num">{score}</td><td class="consistency">{_consistency(t.audit_disagreements, internal)}</td>'
            f"<td>{updated}</td></tr>\n")


def _consistency(disagreements: int | None, internal: bool) -> str:
    if disagreements is None or not internal:
        return DASH
    if disagreements:
        return f'<span class="tag bad">{int(disagreements)} 处不符</span>'
    return '<span class="tag ok">一致</span>'


# --- a table's indicators --------------------------------------------------------------------------

def indicator_rows(rows: Iterable, *, explanations: bool, readonly: bool, can_review: bool) -> SafeString:
    """The `<tr>`s of the indicator grid (`presentation.Row`s): merged level-1/level-2 cells, the values,
    the 指标解释 column when the table prints one, and — unless `readonly` — the 审核意见 cell with the
    row's findings, reading notes, comments and (for a reviewer) a comment box."""
    return mark_safe("".join(_indicator_row(r, explanations, readonly, can_review) for r in rows))  # escaped by e()


def _indicator_row(r, explanations: bool, readonly: bool, can_review: bool) -> str:
    i = r.indicator
    cells = []
    if r.level1_span:
        cells.append(f'<th rowspan="{int(r.level1_span)}">{e(i.level1)}</th>')
    if r.level2_span:
        cells.append(f'<th rowspan="{int(r.level2_span)}">{e(i.level2)}</th>')
    cells.append(f"<td>{e(i.name)}</td><td>{e(i.period_value)}</td><td>{e(i.annual_value)}</td>")
    if explanations:
        cells.append(f'<td class="explanation">{e(i.explanation)}</td>')
    if not readonly:
        notes = "".join(f'<div class="reading-note" title="{e(n.tooltip)}">读取：{e(n.words)}</div>' for n in r.notes)
        comments = "".join(f'<div class="comment">{e(c.get_action_display())}意见（{e(c.author.username)}）：{e(c.text)}</div>'
                           for c in r.comments)
        box = (f'<textarea name="comment_{int(r.position)}" rows="1" placeholder="逐行意见（可选）" aria-label="{e(i.name)} 意见"></textarea>'
               if can_review else "")
        cells.append(f'<td class="notes">{findings(r.findings)}{notes}{comments}{box}</td>')
    return f'<tr class="indicator{" has-finding" if r.findings else ""}" data-position="{int(r.position)}">{"".join(cells)}</tr>\n'


def findings(shown: Iterable, placed: bool = False) -> SafeString:
    """Findings (`problems.Shown`) as the pages list them: severity, dimension, checklist item, (when
    `placed`) the place in the table, the message and the suggestion."""
    return mark_safe("".join(_finding(f, placed) for f in shown))  # escaped by e()


def _finding(f, placed: bool) -> str:
    parts = [f'<span class="sev">{e(f.severity.label)}</span>']
    if f.dimension:
        parts.append(f' <span class="dim">{e(f.dimension)}</span>')
    if f.checklist_item:
        parts.append(f' <span class="item">【{e(f.checklist_item)}】</span>')
    if placed and f.place:
        parts.append(f' <span class="place">{e(f.place)}</span>')
    parts.append(f'<div class="message">{e(f.message)}</div>')
    if f.suggestion:
        parts.append(f'<div class="suggestion">建议：{e(f.suggestion)}</div>')
    return f'<div class="finding {e(f.severity)}" title="{e(f.tooltip)}">{"".join(parts)}</div>'


def grouped_rows(shown: Iterable) -> SafeString:
    """The `<tr>`s of one group of the review by the checklist's groups: place, severity, item, message, suggestion."""
    return mark_safe("".join(  # escaped by e()
        f'<tr class="{e(f.severity)}" title="{e(f.tooltip)}" data-code="{e(f.code)}"><td class="place">{e(f.place or "整张表")}</td>'
        f'<td class="severity">{e(f.severity.label)}</td><td class="checklist-item">{e(f.checklist_item)}</td>\n'
        f"<td>{e(f.message)}</td><td>{e(f.suggestion)}</td></tr>\n" for f in shown))
