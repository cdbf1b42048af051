"""审核口径 page: each department's review checklist, set by finance reviewers (财政审核人员).

Changing a department's checklist regrades its stored tables (the portfolio's 审核等级) and is audited.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .. import engines, permissions
from ..tables import services
from ..tables.forms import ChecklistForm
from ..tables.models import Department
from ..tables.views import refused


@login_required
def checklists(request):
    if not permissions.can_manage_checklists(request.user):
        return refused(request, services.Refused("只有财政审核人员可以设置部门的审核口径", 403))
    choices = engines.checklist_choices()
    known = dict(choices)
    departments = [(d, known.get(d.review_checklist)) for d in Department.objects.order_by("name")]
    return render(request, "review/checklists.html", {"departments": departments, "choices": choices})


@login_required
@require_POST
def set_checklist(request, pk: int):
    if not permissions.can_manage_checklists(request.user):
        return refused(request, services.Refused("只有财政审核人员可以设置部门的审核口径", 403))
    department = get_object_or_404(Department, pk=pk)
    form = ChecklistForm(request.POST)
    if not form.is_valid():
        return refused(request, services.Refused(f"未知的审核口径“{request.POST.get('checklist', '')}”", 400))
    try:
        services.set_checklist(request.user, department, form.cleaned_data["checklist"] or "")
    except services.Refused as error:
        return refused(request, error)
    messages.success(request, f"已将“{department.name}”的审核口径设为：{dict(engines.checklist_choices())[department.review_checklist]}")
    return redirect("checklists")
