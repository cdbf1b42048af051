"""审核意见 page: every finding of the review for one table (with its department's checklist), grouped by
the checklist's groups; and the summary of an import batch (同批导入汇总, `batches.py`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .. import permissions
from ..tables import mapping
from ..tables.views import review_of, visible_table
from .models import ReviewComment


@login_required
def findings(request, pk: int):
    record = visible_table(request, pk)
    if not permissions.can_see_review(request.user, record):
        raise PermissionDenied("审核意见仅供填报、审核和评价人员查看")
    table = mapping.to_domain(record)
    comments = ReviewComment.objects.filter(table=record).select_related("author")
    return render(request, "review/findings.html", {"t": record, "table": table, **review_of(record, table), "comments": comments})
