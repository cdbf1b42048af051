"""The bureau's overview (总览) and a table beside last year's (上年对比)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import permissions, query
from ..downloads import attachment, named
from ..tables.models import Kind, Status
from ..tables.services import Refused
from ..tables.views import refused, visible_table
from . import compare as comparing
from . import queries
from .export import workbook
from .light import LEGEND, LIGHT_WORDS

PAGE_SIZE = 50


def _allowed(request):
    if not permissions.can_view_overview(request.user):
        return refused(request, Refused("总览为内部页面，查阅人员不能查看", 403))
    return None


@login_required
@require_GET
def overview(request):
    if (no := _allowed(request)) is not None:
        return no
    try:
        f = queries.filters_of(request.GET)
        page_number = query.page(request.GET.get("page"))
    except Refused as error:
        return refused(request, error)
    today = dt.date.today()
    years = queries.years(request.user)
    if f.year is None and "year" not in request.GET and years:
        f.year = years[0]  # the latest year by default; 全部年度 is year=
    qs = queries.tables(request.user, f, today)
    found = [(t, queries.matching_indicators(t, f.text)) for t in qs] if f.text else None  # the text in an indicator, not elsewhere in the document
    page = Paginator([t for t, hits in found if hits] if found is not None else qs, PAGE_SIZE).get_page(page_number)
    hits = {t.pk: h for t, h in found} if found is not None else {}
    rows = [{"t": t, "hits": hits.get(t.pk, [])[:3]} for t in page]
    scope = queries.tables(request.user, queries.Filters(year=f.year, region=f.region, kind=f.kind), today)
    return render(request, "overview/overview.html", {
        "f": f, "page": page, "rows": rows, "years": years, "regions": queries.regions(request.user), "kinds": Kind.choices,
        "grades": queries.GRADES, "lights": LIGHT_WORDS, "legend": LEGEND, "statuses": Status.choices,
        "totals": (totals := queries.totals(scope)), "total": sum(totals), "by_department": queries.status_counts(scope, "department__name"),
        "by_region": queries.status_counts(scope, "department__region"), "queue": queries.review_queue(scope, today), "waiting": totals[Status.values.index(Status.SUBMITTED)],
        "query": f.as_query(),
    })


@login_required
@require_GET
def export(request):
    """The filtered portfolio as XLSX: 目标表总览-<年度|全部年度>.xlsx."""
    if (no := _allowed(request)) is not None:
        return no
    try:
        f = queries.filters_of(request.GET)
    except Refused as error:
        return refused(request, error)
    records = [r for r in queries.tables(request.user, f) if not f.text or queries.matching_indicators(r, f.text)]
    title = f"目标表总览（{f.year or '全部年度'}）"
    return attachment(workbook(records, title), named("目标表总览", f.year or "全部年度", ext="xlsx"))


@login_required
@require_GET
def compare(request, pk: int):
    record = visible_table(request, pk)
    if not permissions.can_see_review(request.user, record):
        return refused(request, Refused("上年对比含审核与得分，查阅人员不能查看", 403))
    before = comparing.previous(record, request.user)
    return render(request, "overview/compare.html", {"t": record, "before": before, **comparing.compare(record, before)})
