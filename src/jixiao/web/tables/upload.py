"""Upload → preview → confirm: every table of the file is shown (kind, name, indicators, 不适用 rows,
blank templates marked, reading notes, findings) and imported together, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ...domain.table import Table
from .. import engines, permissions
from . import services
from .forms import ConfirmForm, UploadForm
from .models import PendingUpload
from .views import refused


@dataclass
class Preview:
    """One table of the uploaded document as the preview shows it."""

    n: int
    table: Table
    where: str
    findings: list
    unit_ok: bool


@login_required
def upload(request):
    if not permissions.can_upload(request.user):
        return refused(request, services.Refused("只有部门填报人员可以导入目标表", 403))
    auditor = permissions.can_upload_selfevals(request.user)
    current = "" if auditor else request.user.profile.department.review_checklist
    form = UploadForm(request.POST or None, request.FILES or None, checklist=current, auditor=auditor)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        data = document.read()
        try:
            services.read_document(data, document.name)
        except services.Refused as error:
            form.add_error("document", error.message)
        else:
            PendingUpload.objects.filter(user=request.user).delete()
            chosen = (form.cleaned_data["checklist"] or "") if "checklist" in request.POST else current  # not sent: keep the department's
            unit = (form.cleaned_data.get("unit") or "").strip() if auditor else ""
            pending = PendingUpload.objects.create(user=request.user, filename=document.name, data=data, checklist=chosen, unit=unit)
            return redirect("upload_preview", pk=pending.pk)
    return render(request, "tables/upload.html", {"form": form, "auditor": auditor}, status=400 if form.errors else 200)


@login_required
def upload_preview(request, pk: int):
    pending = get_object_or_404(PendingUpload, pk=pk, user=request.user)
    try:
        document = services.read_document(bytes(pending.data), pending.filename)
    except services.Refused as error:
        return refused(request, error)
    auditor = permissions.can_upload_selfevals(request.user)
    department = None if auditor else request.user.profile.department
    first = document.tables[0]
    form = ConfirmForm(request.POST or None, initial={"pending": pending.pk, "year": next((t.year for t in document.tables if t.year), None)})
    if request.method == "POST" and form.is_valid():
        try:
            records = services.import_document(request.user, bytes(pending.data), pending.filename, form.cleaned_data["year"], pending.checklist,
                                             unit=pending.unit)
        except services.Refused as error:
            form.add_error(None, error.message)
        else:
            pending.delete()
            indicators = sum(r.indicator_count for r in records)
            if len(records) == 1:
                messages.success(request, f"已导入 {records[0]}：{indicators} 项指标")
                return redirect("table_detail", pk=records[0].pk)
            messages.success(request, f"已导入 {len(records)} 张表（共 {indicators} 项指标）")
            return redirect(f"{reverse('portfolio')}?year={records[0].year}&sort=label")
    config, review_error = None, ""
    try:
        config = engines.checklist_config(pending.checklist, department.name if department is not None else "")
    except engines.ChecklistError as error:
        review_error = error.message
    previews = [
        Preview(n, t, services.where(t, n), engines.review_findings(t, config=config) if config is not None else [],
                department is None or not services.names_of(t) or department.name in services.names_of(t))
        for n, t in enumerate(document.tables, 1)
    ]
    context = {
        "checklist": engines.checklist_label(config) if config is not None else pending.checklist, "review_error": review_error,
        "pending": pending, "document": document, "previews": previews, "table": first, "notes": first.notes,
        "form": form, "department": department, "auditor": auditor,
        "indicator_total": sum(len(t.indicators) for t in document.tables),
        "unfilled": sum(t.status == "unfilled" for t in document.tables),
        "mismatched": [p for p in previews if not p.unit_ok],
    }
    return render(request, "tables/preview.html", context, status=400 if form.errors else 200)
