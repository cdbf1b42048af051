"""Pages of the stored tables: portfolio, a table (department or project layout), history and past
versions, workflow actions and downloads. Upload lives in `upload.py`, editing in `editing.py`."""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from ...domain.table import Table
from ...forms import numbers
from .. import downloads, engines, permissions, query
from ..review.models import ReviewComment
from ..review.stored import stored_report
from . import audit, mapping, selfaudit, services
from .models import Kind, Status, TargetTableRecord
from .portfolio_cache import CountedPaginator, matching, portfolio_years, recent_batches
from .presentation import grouped, has_explanations, indicator_rows, unplaced
from .problems import shown

SORTS = {
    "department": "department__name",
    "-department": "-department__name",
    "year": "year",
    "-year": "-year",
    "status": "status",
    "kind": "kind",
    "label": "label",
    "updated": "updated",
    "-updated": "-updated",
    "score": "score",
    "-score": "-score",
}
PAGE_SIZE = 25
PORTFOLIO_COLUMNS = ("id", "department__name", "year", "kind", "status", "fill_status", "label", "project_code",
                     "indicator_count", "not_applicable_count", "review_grade", "score", "updated", "audit_disagreements",
                     "deadline", "monitor_light")  # the last two feed the combined 信号灯
AUDIT_FILTERS: dict[str, tuple[str, dict]] = {"agree": ("一致", {"audit_disagreements": 0}), "disagree": ("有不符", {"audit_disagreements__gt": 0}),
                 "none": ("未复核（非自评表）", {"audit_disagreements": None})}
RELATED_COLUMNS = ("id", "department_id", "year", "kind", "status", "fill_status", "label", "project_code", "indicator_count", "not_applicable_count")


def refused(request, error: services.Refused):
    return render(request, "refused.html", {"message": error.message}, status=error.status)


def visible_table(request, pk: int) -> TargetTableRecord:
    record = get_object_or_404(TargetTableRecord.objects.select_related("department"), pk=pk)
    if not permissions.can_view(request.user, record):
        raise PermissionDenied("您无权查看该目标表")
    return record


@login_required
@require_GET
def portfolio(request):
    qs = permissions.visible_tables(request.user, TargetTableRecord.objects.select_related("department"))
    try:
        q = query.search(request.GET.get("q"))
        year_filter = query.year(request.GET.get("year"))
        status = query.choice(request.GET.get("status"), Status.values, "状态")
        kind = query.choice(request.GET.get("kind"), Kind.values, "表类型")
        consistency = query.choice(request.GET.get("audit"), AUDIT_FILTERS, "评分一致性筛选")
        sort = query.choice(request.GET.get("sort"), SORTS, "排序") or "-updated"
        page_number = query.page(request.GET.get("page"))
    except services.Refused as error:
        return refused(request, error)
    year = str(year_filter or "")
    if q:
        qs = qs.filter(Q(department__name__icontains=q) | Q(label__icontains=q) | Q(project_code__icontains=q))
    if year_filter:
        qs = qs.filter(year=year_filter)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    internal = permissions.can_see_review(request.user)  # grades and 评分一致性 are not shown to the public viewer
    consistency = consistency if internal else ""
    if consistency in AUDIT_FILTERS:
        qs = qs.filter(**AUDIT_FILTERS[consistency][1])
    qs = qs.order_by(SORTS.get(sort, "-updated"), "-id").only(*PORTFOLIO_COLUMNS)
    filters = {"q": q, "year": year, "status": status, "kind": kind, "audit": consistency}
    page = CountedPaginator(qs, PAGE_SIZE, matching(request.user, filters, qs)).get_page(page_number)
    years = portfolio_years(request.user)  # kept a minute, not a DISTINCT over every table per request
    context = {
        "page": page, "q": q, "year": year, "status": status, "kind": kind, "sort": sort,
        "statuses": Status.choices, "kinds": Kind.choices, "years": years,
        "audit": consistency if consistency in AUDIT_FILTERS else "", "audit_filters": [(k, v[0]) for k, v in AUDIT_FILTERS.items()],
        "can_upload": permissions.can_upload(request.user),
        "internal": internal,
    }
    if request.headers.get("HX-Request"):
        return render(request, "tables/portfolio_rows.html", context)
    context["batches"] = recent_batches(request.user)
    return render(request, "tables/portfolio.html", context)


def related_tables(user, record: TargetTableRecord) -> dict:
    """The unit's other tables of the same year the user may see: a department table lists its project
    tables, a project table links to its department table (one query)."""
    qs = TargetTableRecord.objects.filter(department_id=record.department_id, year=record.year).exclude(pk=record.pk)
    others = list(permissions.visible_tables(user, qs).only(*RELATED_COLUMNS).order_by("kind", "label", "id"))
    return {
        "department_table": next((r for r in others if r.kind == Kind.DEPARTMENT), None),
        "project_tables": [r for r in others if r.kind == Kind.PROJECT],
        "other_tables": [r for r in others if r.kind not in (Kind.DEPARTMENT, Kind.PROJECT)],
    }


def review_of(record: TargetTableRecord, table: Table) -> dict:
    """The review of a stored table with its department's checklist, for a page: the report, its findings,
    the findings by group and the checklist's name; an unknown checklist gives `review_error` instead."""
    try:
        config = engines.review_config(record.department)
    except engines.ChecklistError as error:
        return {"report": None, "findings": [], "groups": [], "checklist": record.department.review_checklist, "review_error": error.message}
    report = stored_report(record, table, config)  # kept with the version: reviewed once, not on every view
    findings = shown(engines.review_findings(table, report), table)
    return {"report": report, "findings": findings, "groups": grouped(report, table),
            "checklist": engines.checklist_label(config), "review_error": ""}


def submission(record: TargetTableRecord, findings) -> dict:
    """For the submit button: the error findings that block submission, and whether the checklist allows them with a reason."""
    errors = engines.errors_in(findings)
    try:
        allowed = engines.errors_allowed(engines.review_config(record.department)) if errors else False
    except engines.ChecklistError:
        allowed = False
    return {"submit_errors": errors, "errors_allowed": allowed}


NO_REVIEW: dict[str, Any] = {"report": None, "findings": [], "groups": [], "checklist": "", "review_error": ""}


def table_context(table: Table, findings=(), comments=()) -> dict:
    """What the table's layout (facts, tasks, indicators, 不适用 rows) needs, for a current or past version."""
    findings, notes = shown(findings, table), shown(table.notes, table)
    rows = indicator_rows(table.indicators, findings, comments, notes)
    return {
        "table": table,
        "notes": notes,
        "rows": rows,
        "explanations": has_explanations(table.indicators),
        "other_findings": unplaced(findings, rows),
        "budget_chart": _budget_chart(table) if table.kind == "department_target" else None,
    }


@login_required
@require_GET
def table_detail(request, pk: int):
    record = visible_table(request, pk)
    user = request.user
    table = mapping.to_domain(record)
    internal = permissions.can_see_review(user, record)  # the public viewer sees the table, not its review
    comments = list(ReviewComment.objects.filter(table=record).select_related("author")) if internal else []
    review = review_of(record, table) if internal else NO_REVIEW
    context = {
        "t": record,
        **table_context(table, review["findings"], comments),
        **review,
        "table_comments": [c for c in comments if c.row is None],
        "can_edit": permissions.can_edit(user, record),
        "can_submit": permissions.can_submit(user, record),
        **(submission(record, review["findings"]) if permissions.can_submit(user, record) else {}),
        "can_review": permissions.can_review(user, record),
        "can_publish": permissions.can_publish(user, record),
        "can_history": permissions.can_view_history(user, record),
        "internal": internal,
        "can_monitoring": permissions.can_view_monitoring(user, record),
        **related_tables(user, record),
        **(selfaudit.page_context(record, table) if internal else {}),
    }
    return render(request, "tables/detail.html", context)


def _budget_chart(table: Table) -> dict:
    e = table.budget.expenditure
    parts = [("基本支出", e.basic), ("项目支出", e.project), ("财政专项资金", e.development.special_fund), ("其他事业发展性支出", e.development.other)]
    unit = table.budget.unit
    return {"labels": [p[0] for p in parts], "values": [p[1] or 0 for p in parts], "unit": unit,
            "display": [f"{p[0]}：{numbers.figure(p[1] or 0, unit)}" for p in parts]}


@login_required
@require_POST
def workflow(request, pk: int, action: str):
    record = visible_table(request, pk)
    row_comments = {}
    for key, value in request.POST.items():
        if key.startswith("comment_") and key[8:].isascii() and key[8:].isdigit():  # “comment_²” is no row (int() refuses it)
            row_comments[int(key[8:])] = value
    try:
        services.transition(request.user, record, action, request.POST.get("comment", ""), row_comments)
    except services.Refused as error:
        return refused(request, error)
    messages.success(request, f"{services.TRANSITIONS[action][3]}成功")
    return redirect("table_detail", pk=record.pk)


def _history_table(request, pk: int):
    record = visible_table(request, pk)
    if not permissions.can_view_history(request.user, record):
        raise services.Refused("您无权查看该表的修改记录", 403)
    return record


def _stored_version(request, pk: int, number: int):
    """The table (when the user may see its history) and its stored version `number`, or a refusal."""
    record = _history_table(request, pk)
    stored = audit.version(record, number)
    if stored is None:
        raise Http404("没有该版本")
    return record, stored


@login_required
@require_GET
def version_detail(request, pk: int, number: int):
    """A past version of the table (历史版本), read-only, in the same layout as the table page."""
    try:
        record, stored = _stored_version(request, pk, number)
    except services.Refused as error:
        return refused(request, error)
    table = Table.model_validate_json(stored.document)
    return render(request, "tables/version.html", {"t": record, "v": stored, **table_context(table)})


@login_required
@require_GET
def version_json(request, pk: int, number: int):
    try:
        record, stored = _stored_version(request, pk, number)
    except services.Refused as error:
        return refused(request, error)
    body = Table.model_validate_json(stored.document).canonical_json()
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    return downloads.attach(response, record, "json", f"v{number}")


@login_required
@require_GET
def download_json(request, pk: int):
    record = visible_table(request, pk)
    body = mapping.to_domain(record).canonical_json()
    response = HttpResponse(body, content_type=downloads.TYPES["json"])
    return downloads.attach(response, record, "json")


@login_required
@require_GET
# The printable form is one self-contained file: its styles are inline, it has no script. (django-csp types
# a view as taking the request only.)
@csp_update({"style-src": ["'unsafe-inline'"]})  # type: ignore[arg-type]
def download_form(request, pk: int, fmt: str = "xlsx"):
    """The table in the official layout (forms/): XLSX, DOCX or printable HTML."""
    record = visible_table(request, pk)
    if fmt not in ("xlsx", "docx", "html"):
        raise Http404("不支持的格式")
    data = engines.official_form(mapping.to_domain(record), fmt)
    response = HttpResponse(data, content_type=downloads.TYPES[fmt])
    return downloads.attach(response, record, fmt, inline=fmt == "html")
