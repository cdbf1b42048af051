"""The job page (后台任务): progress while a job runs, then its outcome and what it made.

While the job is queued or running the page reloads itself every two seconds (no script needed); a
reload that finds the job finished forwards to its result (an upload's preview, the imported table) with
the outcome as a message. Only the person who started a job sees it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from . import runner
from .models import Job, JobKind, JobStatus


def visible_job(request, pk) -> Job:
    job = get_object_or_404(Job, pk=pk)
    if job.user_id != request.user.pk and not request.user.is_superuser:
        raise Http404("没有该任务")
    return job


def next_url(job: Job) -> str | None:
    """Where a finished job's result is shown, if on another page."""
    if job.status != JobStatus.DONE:
        return None
    if job.kind == JobKind.UPLOAD and job.pending_id is not None:
        return reverse("upload_preview", kwargs={"pk": job.pending_id})
    if job.kind == JobKind.IMPORT and job.result.get("tables"):
        tables = job.result["tables"]
        if len(tables) == 1:
            return reverse("table_detail", kwargs={"pk": tables[0]})
        return f"{reverse('portfolio')}?year={job.result['year']}&sort=label"
    return None


def forward(request, job: Job):
    """The response for a request that just started `job`: its result when it already finished (eager
    mode, or a fast worker), else the job page."""
    target = next_url(job)
    if target is not None:
        if job.kind == JobKind.IMPORT:
            messages.success(request, job.message)
        return redirect(target)
    return redirect("job", pk=job.pk)


@login_required
@require_GET
def job_page(request, pk):
    job = visible_job(request, pk)
    if job.over and request.GET.get("follow") and next_url(job):
        return forward(request, job)
    return render(request, "jobs/job.html", {"job": job, "next": next_url(job), "files": _files(job)})


def _files(job: Job) -> list[dict]:
    if job.kind != JobKind.EXPORT or job.status != JobStatus.DONE:
        return []
    return [{"name": name, "url": reverse("export_file", kwargs={"pk": job.pk, "name": name})} for name in job.result.get("files", [])]


def export_path(job: Job, name: str):
    """The file `name` an export job made, or None (unknown name, unfinished job, or files removed)."""
    from ..opendata.export import export_folder

    if job.kind != JobKind.EXPORT or job.status != JobStatus.DONE or name not in job.result.get("files", []):
        return None
    path = export_folder(job.pk) / name
    return path if path.is_file() else None


@login_required
@require_GET
def export_file(request, pk, name: str):
    job = visible_job(request, pk)
    path = export_path(job, name)
    if path is None:
        raise Http404("没有该文件")
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


@login_required
@require_http_methods(["GET", "POST"])
def exports(request):
    """开放数据: start an export of the published portfolio; the person's earlier exports with their files."""
    if request.method == "POST":
        return redirect("job", pk=runner.start(JobKind.EXPORT, request.user).pk)
    jobs = list(Job.objects.filter(user=request.user, kind=JobKind.EXPORT)[:10])
    return render(request, "jobs/exports.html", {"jobs": [(job, _files(job)) for job in jobs]})
