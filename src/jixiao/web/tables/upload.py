"""Upload → preview → confirm: every table of the file is shown (kind, name, indicators, 不适用 rows,
blank templates marked, reading notes, findings) and imported together, all or nothing.

The upload request only stores the file: reading it is a background job (`jobs`), and the preview shows
that job's stored parse (never reading the file again); confirming starts the import job. Where a job
ends within the request (eager mode, or a quick worker) the person goes straight on to its result."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from ...domain.table import Table
from .. import engines, permissions
from ..jobs.models import Job, JobKind, JobStatus
from ..jobs.views import forward
from ..jobs.work import parsed_upload, start_import, start_upload
from . import services
from .forms import ConfirmForm, UploadForm
from .models import PendingUpload
from .problems import indicator_place, shown
from .views import refused


@dataclass
class Preview:
    """One table of the uploaded document as the preview shows it."""

    n: int
    table: Table
    where: str
    findings: list
    unit_ok: bool
    notes: list = field(default_factory=list)

    def __post_init__(self):
        self.findings = shown(self.findings, self.table)
        self.notes = shown(self.table.notes, self.table)

    @property
    def errors(self) -> int:
        return sum(f.severity.value == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity.value == "warning" for f in self.findings)

    @property
    def checks(self) -> list[tuple[str, str]]:
        """What a person should check before importing (place, what): error findings, rows and the
        table the reader is unsure of, notes that ask for a check."""
        out = [(f.place or "整张表", f"{f.severity.label}：{f.message}") for f in self.findings if f.severity.value == "error"]
        out += [("整张表", f"读取存疑：{r}") for r in self.table.review_reasons]
        out += [(indicator_place(i), f"读取存疑：{'；'.join(i.review_reasons) or '请核对'}") for i in self.table.indicators if i.needs_review]
        cells = {f.source for f in self.findings if f.severity.value == "error" and f.source is not None}  # said once, by the finding
        out += [(n.place or "—", f"{n.words}：{n.message}") for n in self.notes if n.needs_check and n.source not in cells]
        return out


@login_required
def upload(request):
    if not permissions.can_upload(request.user):
        return refused(request, services.Refused("只有部门填报人员可以导入目标表", 403))
    auditor = permissions.can_upload_selfevals(request.user)
    current = "" if auditor else request.user.profile.department.review_checklist
    form = UploadForm(request.POST or None, request.FILES or None, checklist=current, auditor=auditor)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["document"]
        chosen = (form.cleaned_data.get("checklist") or "") if "checklist" in request.POST else current  # not sent (or not offered): keep the department's
        unit = (form.cleaned_data.get("unit") or "").strip() if auditor else ""
        job = start_upload(request.user, document.name, document.read(), chosen, unit)
        if job.status != JobStatus.FAILED:
            return forward(request, job)
        if job.pending is not None:  # refused at once: the reason goes on the form, as for any bad field
            job.pending.delete()
        form.add_error("document", job.message)
    return render(request, "tables/upload.html", {"form": form, "auditor": auditor}, status=400 if form.errors else 200)


@login_required
def upload_preview(request, pk: int):
    pending = get_object_or_404(PendingUpload, pk=pk, user=request.user)
    document = parsed_upload(pending)
    if document is None:  # still being read, or its reading failed: the job page says which
        reading = Job.objects.filter(pending=pending, kind=JobKind.UPLOAD).first()
        if reading is None:
            return refused(request, services.Refused("该上传没有读取任务，请重新上传", 404))
        return redirect("job", pk=reading.pk)
    auditor = permissions.can_upload_selfevals(request.user)
    department = None if auditor else request.user.profile.department
    first = document.tables[0]
    form = ConfirmForm(request.POST or None, initial={"pending": pending.pk, "year": next((t.year for t in document.tables if t.year), None)})
    if request.method == "POST" and form.is_valid():
        job = start_import(request.user, pending, form.cleaned_data["year"])
        if job.status != JobStatus.FAILED:
            return forward(request, job)
        form.add_error(None, job.message)
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
        "to_check": sum(len(p.checks) for p in previews), "errors": sum(p.errors for p in previews),
        "warnings": sum(p.warnings for p in previews),
    }
    return render(request, "tables/preview.html", context, status=400 if form.errors else 200)
