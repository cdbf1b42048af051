"""Pages of the target tables: portfolio, the table in the official layout, upload → preview → confirm,
edit, workflow actions, history and downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_POST

from .. import engines, permissions
from ..review.models import ReviewComment
from . import mapping, services
from .forms import ConfirmForm, UploadForm, parse_number, value_error, value_summary
from .models import AuditEntry, PendingUpload, Status, TargetTableRecord
from .presentation import indicator_rows, unplaced

SORTS = {
    "department": "department__name",
    "-department": "-department__name",
    "year": "year",
    "-year": "-year",
    "status": "status",
    "updated": "updated",
    "-updated": "-updated",
    "score": "score",
    "-score": "-score",
}
PAGE_SIZE = 25
PORTFOLIO_COLUMNS = ("id", "department__name", "year", "status", "indicator_count", "review_grade", "score", "updated", "title")


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
    q = request.GET.get("q", "").strip()
    year = request.GET.get("year", "").strip()
    status = request.GET.get("status", "").strip()
    if q:
        qs = qs.filter(Q(department__name__icontains=q) | Q(title__icontains=q))
    if year.isdigit():
        qs = qs.filter(year=int(year))
    if status in Status.values:
        qs = qs.filter(status=status)
    sort = request.GET.get("sort", "-updated")
    qs = qs.order_by(SORTS.get(sort, "-updated"), "-id").only(*PORTFOLIO_COLUMNS)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    years = permissions.visible_tables(request.user, TargetTableRecord.objects.all()).values_list("year", flat=True).distinct().order_by("-year")
    context = {
        "page": page,
        "q": q,
        "year": year,
        "status": status,
        "sort": sort,
        "statuses": Status.choices,
        "years": list(years),
        "can_upload": permissions.can_upload(request.user),
    }
    template = "tables/portfolio_rows.html" if request.headers.get("HX-Request") else "tables/portfolio.html"
    return render(request, template, context)


@login_required
@require_GET
def table_detail(request, pk: int):
    record = visible_table(request, pk)
    indicators = list(record.indicators.all())
    tasks = list(record.tasks.all())
    comments = list(ReviewComment.objects.filter(table=record).select_related("author"))
    domain = mapping.to_domain(record, indicators, tasks)
    report = engines.review_report(domain)
    findings = engines.review_findings(domain, report)
    rows = indicator_rows(indicators, findings, comments)
    user = request.user
    context = {
        "t": record,
        "rows": rows,
        "key_tasks": [t for t in tasks if t.kind == "key"],
        "other_tasks": [t for t in tasks if t.kind == "other"],
        "findings": findings,
        "other_findings": unplaced(findings, rows),
        "report": report,
        "table_comments": [c for c in comments if c.indicator_id is None],
        "can_edit": permissions.can_edit(user, record),
        "can_submit": permissions.can_submit(user, record),
        "can_review": permissions.can_review(user, record),
        "can_publish": permissions.can_publish(user, record),
        "can_history": permissions.can_view_history(user, record),
        "budget_chart": _budget_chart(record),
    }
    return render(request, "tables/detail.html", context)


def _budget_chart(record) -> dict:
    parts = [("基本支出", record.basic), ("项目支出", record.project), ("财政专项资金", record.special_fund), ("其他事业发展性支出", record.development_other)]
    return {"labels": [p[0] for p in parts], "values": [p[1] or 0 for p in parts]}


@login_required
def upload(request):
    if not permissions.can_upload(request.user):
        return refused(request, services.Refused("只有部门填报人员可以导入目标表", 403))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        data = document.read()
        try:
            services.read_document(data, document.name)
        except services.Refused as error:
            form.add_error("document", error.message)
        else:
            PendingUpload.objects.filter(user=request.user).delete()
            pending = PendingUpload.objects.create(user=request.user, filename=document.name, data=data)
            return redirect("upload_preview", pk=pending.pk)
    return render(request, "tables/upload.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def upload_preview(request, pk: int):
    pending = get_object_or_404(PendingUpload, pk=pk, user=request.user)
    result = services.read_document(bytes(pending.data), pending.filename)
    table = result
    form = ConfirmForm(request.POST or None, initial={"pending": pending.pk, "year": table.year})
    if request.method == "POST" and form.is_valid():
        try:
            record = services.import_document(request.user, bytes(pending.data), pending.filename, form.cleaned_data["year"])
        except services.Refused as error:
            form.add_error(None, error.message)
        else:
            pending.delete()
            messages.success(request, f"已导入 {record}：{record.indicators.count()} 项指标")
            return redirect("table_detail", pk=record.pk)
    findings = engines.review_findings(table)
    return render(
        request,
        "tables/preview.html",
        {"pending": pending, "table": table, "notes": result.notes, "form": form, "findings": findings,
         "department": request.user.profile.department},
    )


@login_required
def edit(request, pk: int):
    record = visible_table(request, pk)
    if not permissions.can_edit(request.user, record):
        return refused(request, services.Refused("您无权修改该目标表（仅本部门草稿或已退回的表可修改）", 403))
    indicators = list(record.indicators.all())
    errors: list[str] = []
    conflict = None
    if request.method == "POST":
        table_values = {}
        for field in services.EDITABLE_TABLE_FIELDS:
            label = str(record._meta.get_field(field).verbose_name)
            table_values[field] = parse_number(request.POST.get(field, ""), label, errors, integer=field in ("funded_staff", "subordinate_units"))
        indicator_values = {}
        for row in indicators:
            values = {f: request.POST.get(f"{f}_{row.id}", "").strip() for f in services.EDITABLE_INDICATOR_FIELDS}
            if not values["name"]:
                errors.append(f"第{row.position}项指标：三级指标名称不能为空")
            for f in ("period_value", "annual_value"):
                if message := value_error(values[f], row.level1):
                    errors.append(f"{row.name}：{message}")
            indicator_values[row.id] = values
        version = int(request.POST.get("version", "0") or 0)
        if not errors:
            try:
                services.edit(request.user, record, version, table_values, indicator_values)
            except services.Conflict as error:
                conflict = error
            except services.Refused as error:
                return refused(request, error)
            else:
                messages.success(request, "已保存")
                return redirect("table_detail", pk=record.pk)
        for row in indicators:  # show what the person typed, never lose it
            for f, v in indicator_values[row.id].items():
                setattr(row, f, v)
        posted = {f: request.POST.get(f, "") for f in services.EDITABLE_TABLE_FIELDS}
    else:
        posted = {f: "" if getattr(record, f) is None else getattr(record, f) for f in services.EDITABLE_TABLE_FIELDS}
    fields = [(f, str(record._meta.get_field(f).verbose_name), posted[f]) for f in services.EDITABLE_TABLE_FIELDS]
    status = 409 if conflict else 400 if errors else 200
    return render(
        request,
        "tables/edit.html",
        {"t": record, "indicators": indicators, "fields": fields, "errors": errors, "conflict": conflict,
         "version": conflict.current.version if conflict else request.POST.get("version", record.version)},
        status=status,
    )


@login_required
@require_POST
def value_check(request):
    """htmx: how the grammar reads one value, shown beside the input as the person types."""
    name = request.headers.get("HX-Trigger-Name")  # htmx posts the whole form; this names the input typed in
    if name not in request.POST:
        name = next((k for k in request.POST if k.startswith(("period_value_", "annual_value_"))), None)
    text = request.POST.get(name, "") if name else ""
    level1 = request.POST.get("level1") or None
    message = value_error(text, level1)
    css = "bad" if message else "ok"
    return HttpResponse(format_html('<span class="{}">{}</span>', css, message or value_summary(text, level1)))


@login_required
@require_POST
def workflow(request, pk: int, action: str):
    record = visible_table(request, pk)
    row_comments = {}
    for key, value in request.POST.items():
        if key.startswith("comment_") and key[8:].isdigit():
            row_comments[int(key[8:])] = value
    try:
        services.transition(request.user, record, action, request.POST.get("comment", ""), row_comments)
    except services.Refused as error:
        return refused(request, error)
    messages.success(request, f"{services.TRANSITIONS[action][3]}成功")
    return redirect("table_detail", pk=record.pk)


@login_required
@require_GET
def history(request, pk: int):
    record = visible_table(request, pk)
    if not permissions.can_view_history(request.user, record):
        return refused(request, services.Refused("您无权查看该表的修改记录", 403))
    entries = AuditEntry.objects.filter(table=record).select_related("user")
    return render(request, "tables/history.html", {"t": record, "entries": entries})


@login_required
@require_GET
def download_json(request, pk: int):
    record = visible_table(request, pk)
    body = mapping.to_domain(record).canonical_json()
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="table-{record.pk}.json"'
    return response


FORM_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


@login_required
@require_GET
def download_form(request, pk: int, fmt: str = "xlsx"):
    """The table in the official layout (forms/): XLSX, DOCX or printable HTML."""
    record = visible_table(request, pk)
    if fmt not in FORM_TYPES:
        raise Http404("不支持的格式")
    data = engines.official_form(mapping.to_domain(record), fmt)
    response = HttpResponse(data, content_type=FORM_TYPES[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="table-{record.pk}.{fmt}"'
    return response
