"""运行监控 (财预〔2019〕136号): the roles the deployment names (`JIXIAO_MONITOR_ROLES`) enter spending to
date, indicator progress and, for each yellow or red light, the deviation cause (drop-down) and corrective
action — kept as a draft (保存草稿) until submitted (提交, refused while a row or the spending is 未填, or a
light the scheme names lacks its cause and action). Everyone allowed to see the table sees the dashboard of
the submitted snapshots and the printable monitoring table (forms/); who cannot enter is told why."""

from __future__ import annotations

import datetime as dt
from typing import Any

from csp.decorators import csp_update
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ...forms import numbers
from .. import engines, entries, permissions
from ..downloads import attachment, file_name
from ..entries import EntryStatus, Missing
from ..overview.light import LIGHT_WORDS
from ..tables import audit, mapping
from ..tables.forms import parse_number
from ..tables.merge import figure_text
from ..tables.models import TargetTableRecord
from ..tables.services import Refused
from ..tables.views import refused, visible_table
from .entry import default_as_of, posted_deviations, without_action
from .models import Snapshot

LIGHT_NAMES = {**LIGHT_WORDS, "grey": "未评价"}


@login_required
def dashboard(request, pk: int):
    record = visible_table(request, pk)
    if not permissions.can_view_monitoring(request.user, record):
        return refused(request, Refused("运行监控数据不对外公开", 403))
    table = mapping.to_domain(record)
    indicators = list(enumerate(table.indicators, 1))
    why_not = permissions.monitor_refusal(request.user, record)
    can_enter = why_not is None
    rules = engines.monitor_rules()
    errors: list[str] = []
    draft = record.snapshots.filter(status=EntryStatus.DRAFT).order_by("-updated").first()
    form: dict[str, Any] = {"as_of": (draft.as_of if draft else default_as_of(record.year or table.year)).isoformat(),
                            "executed": "" if draft is None or draft.executed is None else figure_text(draft.executed),
                            "actuals": draft.actuals if draft else None, "deviations": draft.deviations if draft else {}}
    if request.method == "POST":
        if not can_enter:
            return refused(request, Refused(why_not or "", 403))
        as_of: dt.date | None = None
        try:
            as_of = dt.date.fromisoformat(request.POST.get("as_of", "").strip())
        except ValueError:
            errors.append("截至日期格式应为 YYYY-MM-DD")
        executed = parse_number(request.POST.get("executed", ""), "执行数", errors)
        actuals = entries.posted_actuals(request.POST, indicators)
        deviations = posted_deviations(request.POST, indicators, list(rules.causes), errors)
        form = {"as_of": request.POST.get("as_of", "")[:20], "executed": request.POST.get("executed", "")[:40], "actuals": actuals, "deviations": deviations}
        submit = entries.action_of(request.POST) == entries.SUBMIT
        if submit and not errors and as_of is not None:
            missing = entries.blank_rows(indicators, actuals) + ([Missing(0, "执行数（万元）", "未填")] if executed is None else [])
            if missing:
                errors.append(entries.refusal(missing, "完成值"))
            lacking = without_action(engines.monitor(table, actuals, as_of, executed, deviations), tuple(rules.action_lights))
            if lacking:
                errors.append(f"以下 {len(lacking)} 项须填写偏差原因和纠偏措施（财预〔2019〕136号），不能提交（草稿可以保存）：" + "；".join(m.words for m in lacking))
        if not errors and as_of is not None:
            try:
                snap = _store(request.user, record, table, as_of, executed, actuals, deviations, submit)
            except Refused as error:
                return refused(request, error)
            messages.success(request, f"已提交截至 {snap.as_of} 的监控数据" if submit else f"已保存截至 {snap.as_of} 的监控数据草稿（尚未提交）")
            return redirect("monitoring", pk=record.pk)
    snapshots = list(record.snapshots.filter(status=EntryStatus.SUBMITTED))
    latest = snapshots[-1] if snapshots else None
    if latest is not None and draft is None and request.method != "POST" and latest.executed is not None:
        form["executed"] = figure_text(latest.executed)  # the next entry starts from the last one
    report = _report(table, latest)
    trial = None
    if can_enter and form["actuals"]:  # the lights of what is being entered, so a yellow/red row asks for its cause
        try:
            trial = engines.monitor(table, form["actuals"], dt.date.fromisoformat(form["as_of"]), parse_number(form["executed"], "执行数", []), form["deviations"])
        except ValueError:
            trial = None
    advice = without_action(trial, ("yellow",)) if trial is not None and "yellow" not in rules.action_lights else []
    progress = {p.index: p for p in report.indicators} if report is not None else {}
    tried = {p.index: p for p in trial.indicators} if trial is not None else {}
    typed = form["actuals"] if form["actuals"] is not None else (latest.actuals if latest else {})
    said = form["deviations"] or (latest.deviations if latest and not form["actuals"] else {})
    rows = [{"n": n, "i": i, "latest": (latest.actuals.get(str(n)) or "未填") if latest else "", "p": progress.get(n), "typed": typed.get(str(n), ""),
             "trial": tried.get(n), "cause": (said.get(str(n)) or {}).get("cause", ""), "correction": (said.get(str(n)) or {}).get("correction", "")}
            for n, i in indicators]
    return render(
        request,
        "monitoring/dashboard.html",
        {"t": record, "table": table, "snapshots": snapshots, "report": report, "completion": _completion(report), "chart": _chart(table, snapshots),
         "rows": rows, "can_enter": can_enter, "time_pct": numbers.percent(report.time_progress) if report is not None else "", "pace": _pace(report), "budget_light": LIGHT_NAMES[report.budget.light] if report is not None else "",
         "light_counts": [(k, LIGHT_NAMES[k], n) for k, n in report.lights.items()] if report is not None else [], "why_not": why_not, "causes": rules.causes, "errors": errors, "advice": advice, "form": form, "draft": draft,
         "unfilled": entries.blank_rows(indicators, latest.actuals) if latest else []},
        status=400 if errors else 200,
    )


def _report(table, snap: Snapshot | None):
    return engines.monitor(table, snap.actuals, snap.as_of, snap.executed, snap.deviations) if snap is not None else None


def _pace(report) -> str:
    """The budget execution against the time progress in words (the rate itself is printed as a figure)."""
    if report is None or report.budget.rate is None:
        return ""
    return "慢于时间进度" if report.budget.rate < report.time_progress else "不慢于时间进度"


def _chart(table, snapshots: list[Snapshot]) -> dict:
    """Bars in % (numbers, for drawing) and their tooltips as the forms print them (52.16%, 2,650.30 万元)."""
    total = engines.budget_total(table) or 0
    year = table.year
    rates = [s.executed / total if total and s.executed is not None else None for s in snapshots]
    times = [engines.time_progress(s.as_of, year or s.as_of.year) for s in snapshots]
    return {
        "labels": [str(s.as_of) for s in snapshots],
        "execution": [round(100 * r, 2) if r is not None else 0 for r in rates],
        "time": [round(100 * t, 2) for t in times],
        "tips": [[f"预算执行率：{numbers.percent(r)}（执行数 {numbers.figure(s.executed, '万元')}）" if r is not None else "预算执行率：未填执行数"
                  for r, s in zip(rates, snapshots, strict=True)],
                 [f"时间进度：{numbers.percent(t)}" for t in times]],
    }


def _completion(report) -> dict:
    judged = [p for p in (report.indicators if report is not None else []) if p.completion is not None]
    return {"labels": [p.name for p in judged], "completion": [round(100 * p.completion, 2) for p in judged],
            "expected": [round(100 * p.expected, 2) if p.expected is not None else None for p in judged],
            "tips": [[f"已完成：{numbers.percent(p.completion)}" for p in judged],
                     [f"应有进度：{numbers.percent(p.expected)}" if p.expected is not None else "应有进度：年末评价" for p in judged]]}


# The printable table is one self-contained file: its styles are inline, it has no script (as the target table's print view).
@csp_update({"style-src": ["'unsafe-inline'"]})  # type: ignore[arg-type]
@login_required
@require_GET
def monitor_table(request, pk: int, fmt: str = "xlsx"):
    """The monitoring table (绩效运行监控表, forms/) of the latest submitted monitoring: XLSX, or HTML to print."""
    record = visible_table(request, pk)
    if not permissions.can_view_monitoring(request.user, record):
        return refused(request, Refused("运行监控数据不对外公开", 403))
    latest = record.snapshots.filter(status=EntryStatus.SUBMITTED).order_by("as_of", "id").last()
    if latest is None:
        return refused(request, Refused("该表尚无已提交的运行监控数据，无法生成监控表", 404))
    table = mapping.to_domain(record)
    data = engines.monitor_form(table, _report(table, latest), fmt)
    name = file_name(record, fmt, form="绩效运行监控表")
    return attachment(data, name, inline=fmt == "html")


def _store(user, record: TargetTableRecord, table, as_of: dt.date, executed, actuals: dict, deviations: dict, submit: bool) -> Snapshot:
    """Keep the entry: the open draft updated (or a new one), submitted when asked (the table's monitoring
    light then follows it). One transaction, audited."""
    with transaction.atomic():
        locked = TargetTableRecord.objects.select_for_update().get(pk=record.pk)
        if not permissions.can_monitor(user, locked):
            raise Refused("该表当前状态不允许填报监控数据", 409)
        snap = locked.snapshots.filter(status=EntryStatus.DRAFT).first() or Snapshot(table=locked, created_by=user)
        snap.as_of, snap.executed, snap.actuals, snap.deviations = as_of, executed, actuals, deviations
        if submit:
            snap.status, snap.submitted = EntryStatus.SUBMITTED, timezone.now()
        snap.save()
        if submit:
            latest = locked.snapshots.filter(status=EntryStatus.SUBMITTED).order_by("as_of", "id").last()
            light = engines.monitor_light(_report(table, latest))
            if light != locked.monitor_light:
                locked.monitor_light = light
                locked.save(update_fields=["monitor_light"])
        audit.record(user, locked, "监控填报" if submit else "监控草稿", str(as_of), None,
                     {"执行数": executed, "指标": {k: v for k, v in actuals.items() if v}, "偏差原因与纠偏措施": deviations})
    return snap
