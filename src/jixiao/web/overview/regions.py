"""A department's region (地区), set by finance reviewers on the 审核口径 page: the overview counts and filters by it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from .. import permissions, query
from ..tables import audit
from ..tables.models import Department
from ..tables.services import Refused
from ..tables.views import refused

MAX_REGION = 100


@login_required
@require_POST
def set_region(request, pk: int):
    if not permissions.can_manage_checklists(request.user):
        return refused(request, Refused("只有财政审核人员可以设置部门的地区", 403))
    department = get_object_or_404(Department, pk=pk)
    try:
        region = query.search(request.POST.get("region"), "地区")
    except Refused as error:
        return refused(request, error)
    if len(region) > MAX_REGION:
        return refused(request, Refused(f"地区名称过长（最多 {MAX_REGION} 个字符）"))
    if region != department.region:
        with transaction.atomic():
            before = department.region
            department.region = region
            department.save(update_fields=["region"])
            audit.record(request.user, None, "地区", department.name, before or "（未填）", region or "（未填）")
    messages.success(request, f"已将“{department.name}”的地区设为：{region or '（未填）'}")
    return redirect("checklists")
