"""运行监控: staff enter spending to date and indicator progress; everyone allowed to see the table
sees the dashboard (execution against time, snapshots). Deviation analysis lights up with assess/."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render

from .. import engines, permissions
from ..tables import audit, mapping
from ..tables.forms import parse_number
from ..tables.services import Refused
from ..tables.views import refused, visible_table
from .models import Snapshot


@login_required
def dashboard(request, pk: int):
    record = visible_table(request, pk)
    if not permissions.can_view_monitoring(request.user, record):
        return refused(request, Refused("运行监控数据不对外公开", 403))
    table = mapping.to_domain(record)
    indicators = list(enumerate(table.indicators, 1))
    can_enter = permissions.can_monitor(request.user, record)
    errors: list[str] = []
    if request.method == "POST":
        if not can_enter:
            return refused(request, Refused("只有本部门填报人员可以在目标表批准后填报监控数据", 403))
        as_of: dt.date | None = None
        try:
            as_of = dt.date.fromisoformat(request.POST.get("as_of", ""))
        except ValueError:
            errors.append("截至日期格式应为 YYYY-MM-DD")
        executed = parse_number(request.POST.get("executed", ""), "执行数", errors)
        actuals = {str(n): request.POST.get(f"actual_{n}", "").strip() for n, _i in indicators}
        if not errors and as_of is not None:
            with transaction.atomic():
                snap = Snapshot.objects.create(table=record, as_of=as_of, executed=executed, actuals=actuals, created_by=request.user)
                audit.record(request.user, record, "监控填报", str(as_of), None, {"执行数": executed, "指标": {k: v for k, v in actuals.items() if v}})
            messages.success(request, f"已保存截至 {snap.as_of} 的监控数据")
            return redirect("monitoring", pk=record.pk)
    snapshots = list(record.snapshots.all())
    total = engines.budget_total(table) or 0
    chart = {
        "labels": [str(s.as_of) for s in snapshots],
        "execution": [round(100 * (s.executed or 0) / total, 1) if total else 0 for s in snapshots],
        "time": [round(100 * s.as_of.timetuple().tm_yday / 365, 1) for s in snapshots],
    }
    latest = snapshots[-1] if snapshots else None
    report = engines.monitor(table, latest.actuals, latest.as_of, latest.executed) if latest else None
    progress = {p.index: p for p in report.indicators} if report is not None else {}
    rows = [(n, i, latest.actuals.get(str(n), "") if latest else "", progress.get(n)) for n, i in indicators]
    judged = [p for p in (report.indicators if report is not None else []) if p.completion is not None]
    completion = {"labels": [p.name for p in judged], "completion": [round(100 * p.completion, 1) for p in judged],
                  "expected": [round(100 * p.expected, 1) if p.expected is not None else None for p in judged]}
    return render(
        request,
        "monitoring/dashboard.html",
        {"t": record, "table": table, "snapshots": snapshots, "report": report, "completion": completion, "chart": chart, "rows": rows, "can_enter": can_enter,
         "errors": errors, "today": dt.date.today().isoformat()},
        status=400 if errors else 200,
    )
