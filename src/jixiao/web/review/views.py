"""审核意见 page: every finding of the review engine for one table, grouped by dimension."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import engines
from ..tables import mapping
from ..tables.views import visible_table
from .models import ReviewComment


@login_required
def findings(request, pk: int):
    record = visible_table(request, pk)
    table = mapping.to_domain(record)
    report = engines.review_report(table)
    findings = engines.review_findings(table, report)
    comments = ReviewComment.objects.filter(table=record).select_related("author")
    return render(request, "review/findings.html", {"t": record, "table": table, "findings": findings, "report": report, "comments": comments})
