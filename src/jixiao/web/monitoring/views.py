"""运行监控: staff enter spending to date and indicator progress, kept as a draft (保存草稿) until submitted
(提交, refused while a row or the spending is 未填, naming them); everyone allowed to see the table sees the
dashboard of the submitted snapshots (execution against time, indicator progress)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone

from .. import engines, entries, permissions
from ..entries import EntryStatus, Missing
from ..tables import audit, mapping
from ..tables.forms import parse_number
from ..tables.models import TargetTableRecord
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
    draft = record.snapshots.filter(status=EntryStatus.DRAFT).order_by("-updated").first()
    form: dict[str, Any] = {"as_of": draft.as_of.isoformat() if draft else dt.date.today().isoformat(),
            "executed": "" if draft is None or draft.executed is None else str(draft.executed), "actuals": draft.actuals if draft else None}
    missing: list[Missing] = []
    if request.method == "POST":
        if not can_enter:
            return refused(request, Refused("只有本部门填报人员可以在目标表批准后填报监控数据", 403))
        as_of: dt.date | None = None
        try:
            as_of = dt.date.fromisoformat(request.POST.get("as_of", "").strip())
        except ValueError:
            errors.append("截至日期格式应为 YYYY-MM-DD")
        executed = parse_number(request.POST.get("executed", ""), "执行数", errors)
        actuals = entries.posted_actuals(request.POST, indicators)
        form = {"as_of": request.POST.get("as_of", "")[:20], "executed": request.POST.get("executed", "")[:40], "actuals": actuals}
        submit = entries.action_of(request.POST) == entries.SUBMIT
        if submit and not errors:
            missing = entries.blank_rows(indicators, actuals) + ([Missing(0, "执行数（万元）", "未填")] if executed is None else [])
            if missing:
                errors.append(entries.refusal(missing, "完成值"))
        if not errors and as_of is not None:
            try:
                snap = _store(request.user, record, as_of, executed, actuals, submit)
            except Refused as error:
                return refused(request, error)
            messages.success(request, f"已提交截至 {snap.as_of} 的监控数据" if submit else f"已保存截至 {snap.as_of} 的监控数据草稿（尚未提交）")
            return redirect("monitoring", pk=record.pk)
    snapshots = list(record.snapshots.filter(status=EntryStatus.SUBMITTED))
    total = engines.budget_total(table) or 0
    chart = {
        "labels": [str(s.as_of) for s in snapshots],
        "execution": [round(100 * (s.executed or 0) / total, 1) if total else 0 for s in snapshots],
        "time": [round(100 * s.as_of.timetuple().tm_yday / 365, 1) for s in snapshots],
    }
    latest = snapshots[-1] if snapshots else None
    report = engines.monitor(table, latest.actuals, latest.as_of, latest.executed) if latest else None
    progress = {p.index: p for p in report.indicators} if report is not None else {}
    typed = form["actuals"] if form["actuals"] is not None else (latest.actuals if latest else {})
    rows = [(n, i, (latest.actuals.get(str(n)) or "未填") if latest else "", progress.get(n), typed.get(str(n), "")) for n, i in indicators]
    judged = [p for p in (report.indicators if report is not None else []) if p.completion is not None]
    completion = {"labels": [p.name for p in judged], "completion": [round(100 * p.completion, 1) for p in judged],
                  "expected": [round(100 * p.expected, 1) if p.expected is not None else None for p in judged]}
    return render(
        request,
        "monitoring/dashboard.html",
        {"t": record, "table": table, "snapshots": snapshots, "report": report, "completion": completion, "chart": chart, "rows": rows, "can_enter": can_enter,
         "errors": errors, "form": form, "draft": draft, "unfilled": entries.blank_rows(indicators, latest.actuals) if latest else []},
        status=400 if errors else 200,
    )


def _store(user, record: TargetTableRecord, as_of: dt.date, executed, actuals: dict, submit: bool) -> Snapshot:
    """Keep the entry: the open draft updated (or a new one), submitted when asked. One transaction, audited."""
    with transaction.atomic():
        locked = TargetTableRecord.objects.select_for_update().get(pk=record.pk)
        if not permissions.can_monitor(user, locked):
            raise Refused("该表当前状态不允许填报监控数据", 409)
        snap = locked.snapshots.filter(status=EntryStatus.DRAFT).first() or Snapshot(table=locked, created_by=user)
        snap.as_of, snap.executed, snap.actuals = as_of, executed, actuals
        if submit:
            snap.status, snap.submitted = EntryStatus.SUBMITTED, timezone.now()
        snap.save()
        audit.record(user, locked, "监控填报" if submit else "监控草稿", str(as_of), None,
                     {"执行数": executed, "指标": {k: v for k, v in actuals.items() if v}})
    return snap
