"""The HTML of the long grids, built in Python: the portfolio's rows (25 a page, ~20 values each), a
table's indicator rows (up to a few hundred, each with its findings, reading notes and comments) and its
findings grouped by the checklist.

A Django template costs a few microseconds per node, and these grids were ~500 nodes a page — two
thirds of the pages' CPU time at province scale. Every value goes through `format_html` (escaped);
the templates around them keep the page's layout.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from ...forms import numbers
from ..overview.light import signal
from .models import Kind

JOIN = ""
DASH = mark_safe('<span class="muted">—</span>')
UNFILLED = mark_safe(' <span class="tag unfilled">空白模板</span>')
AGREE = mark_safe('<span class="tag ok">一致</span>')


def _text(value) -> str:
    """An enum's value (Dimension.COMPLETE → 完整性), anything else as text; None → ''."""
    return "" if value is None else str(getattr(value, "value", value))


# --- the portfolio ---------------------------------------------------------------------------------

def portfolio_rows(records: Iterable, internal: bool) -> SafeString:
    """The `<tr>`s of a portfolio page; `internal`: the viewer may see lights, grades and 评分一致性."""
    detail = reverse("table_detail", args=[0])[: -len("0/")]  # /tables/ — each row's link adds its id
    return mark_safe(JOIN.join(_portfolio_row(t, internal, detail) for t in records))  # rows built by format_html


def _portfolio_row(t, internal: bool, detail: str) -> str:
    href = f"{detail}{t.pk}/"
    light = format_html('<span class="light {}" title="{}"></span>', *_light(t)) if internal else ""
    name = (DASH if t.kind == Kind.DEPARTMENT
            else format_html('<a href="{}">{}</a>', href, t.label))
    if t.fill_status == "unfilled":
        name += UNFILLED
    counted = numbers.count(t.indicator_count)
    if t.not_applicable_count:
        counted = format_html('{} <small class="muted">（不适用 {}）</small>', counted, numbers.count(t.not_applicable_count))
    return format_html(
        "<tr><td>{}</td><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>"
        '<td><span class="status {}">{}</span></td><td class="num">{}</td><td>{}</td><td class="num">{}</td>'
        '<td class="consistency">{}</td><td>{}</td></tr>\n',
        light, href, t.department.name, t.year, t.get_kind_display(), name,
        t.status, t.get_status_display(), counted,
        (t.review_grade or "—") if internal else "—",
        "—" if t.score is None else numbers.money(t.score),
        _consistency(t.audit_disagreements, internal),
        timezone.localtime(t.updated).strftime("%Y-%m-%d %H:%M") if t.updated else "",
    )


def _light(t) -> tuple[str, str]:
    found = signal(t)
    return found.light, found.words


def _consistency(disagreements: int | None, internal: bool) -> str:
    if disagreements is None or not internal:
        return DASH
    if disagreements:
        return format_html('<span class="tag bad">{} 处不符</span>', disagreements)
    return AGREE


# --- a table's indicators --------------------------------------------------------------------------

def indicator_rows(rows: Iterable, *, explanations: bool, readonly: bool, can_review: bool) -> SafeString:
    """The `<tr>`s of the indicator grid (`presentation.Row`s): merged level-1/level-2 cells, the values,
    the 指标解释 column when the table prints one, and — unless `readonly` — the 审核意见 cell with the
    row's findings, reading notes, comments and (for a reviewer) a comment box."""
    return mark_safe(JOIN.join(_indicator_row(r, explanations, readonly, can_review) for r in rows))


def _indicator_row(r, explanations: bool, readonly: bool, can_review: bool) -> str:
    i = r.indicator
    cells = []
    if r.level1_span:
        cells.append(format_html('<th rowspan="{}">{}</th>', r.level1_span, i.level1 or ""))
    if r.level2_span:
        cells.append(format_html('<th rowspan="{}">{}</th>', r.level2_span, i.level2 or ""))
    cells.append(format_html("<td>{}</td><td>{}</td><td>{}</td>", i.name, i.period_value or "", i.annual_value or ""))
    if explanations:
        cells.append(format_html('<td class="explanation">{}</td>', i.explanation or ""))
    if not readonly:
        cells.append(format_html('<td class="notes">{}{}{}{}</td>', findings(r.findings),
                                 format_html_join("", '<div class="reading-note" title="{}">读取：{}</div>', ((n.tooltip, n.words) for n in r.notes)),
                                 format_html_join("", '<div class="comment">{}意见（{}）：{}</div>',
                                                  ((c.get_action_display(), c.author.username, c.text) for c in r.comments)),
                                 format_html('<textarea name="comment_{}" rows="1" placeholder="逐行意见（可选）" aria-label="{} 意见"></textarea>',
                                             r.position, i.name) if can_review else ""))
    return format_html('<tr class="indicator{}" data-position="{}">{}</tr>\n', " has-finding" if r.findings else "", r.position,
                       mark_safe(JOIN.join(cells)))  # cells built by format_html


def findings(shown: Iterable, placed: bool = False) -> SafeString:
    """Findings (`problems.Shown`) as the pages list them: severity, dimension, checklist item, (when
    `placed`) the place in the table, the message and the suggestion."""
    return mark_safe(JOIN.join(_finding(f, placed) for f in shown))


def _finding(f, placed: bool) -> str:
    parts = [format_html('<span class="sev">{}</span>', f.severity.label)]
    if f.dimension:
        parts.append(format_html(' <span class="dim">{}</span>', _text(f.dimension)))
    if f.checklist_item:
        parts.append(format_html(' <span class="item">【{}】</span>', f.checklist_item))
    if placed and f.place:
        parts.append(format_html(' <span class="place">{}</span>', f.place))
    parts.append(format_html('<div class="message">{}</div>', f.message))
    if f.suggestion:
        parts.append(format_html('<div class="suggestion">建议：{}</div>', f.suggestion))
    return format_html('<div class="finding {}" title="{}">{}</div>', _text(f.severity), f.tooltip, mark_safe(JOIN.join(parts)))


def grouped_rows(shown: Iterable) -> SafeString:
    """The `<tr>`s of one group of the review by the checklist's groups: place, severity, item, message, suggestion."""
    return mark_safe(JOIN.join(format_html(
        '<tr class="{}" title="{}" data-code="{}"><td class="place">{}</td><td class="severity">{}</td><td class="checklist-item">{}</td>\n'
        "<td>{}</td><td>{}</td></tr>\n", _text(f.severity), f.tooltip, f.code, f.place or "整张表", f.severity.label, f.checklist_item or "",
        f.message, f.suggestion or "") for f in shown))
