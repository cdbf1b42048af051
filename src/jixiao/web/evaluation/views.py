"""绩效自评: evaluators enter actual values, saved as a draft (保存草稿) until submitted (提交自评). Only a
submitted self-evaluation is the table's score; a submission with rows lacking a usable actual (未填 or
无法识别) is refused with the rows named, and the score page marks those rows instead of scoring them 0."""

from __future__ import annotations

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
from ..tables import audit, mapping
from ..tables.forms import parse_number
from ..tables.merge import figure_text
from ..tables.models import TargetTableRecord
from ..tables.services import Refused
from ..tables.views import refused, visible_table
from .models import Evaluation

NO_ACTUAL = {"NO-ACTUAL": "未填", "UNREADABLE": "无法识别"}


def missing_rows(result, indicators) -> list[Missing]:
    """The rows the score could not use an actual for: blank or a placeholder (未填), or unreadable (无法识别：why)."""
    names = dict(indicators)
    out = []
    for s in result.indicators:
        code = next((f.code for f in s.flags if f.code in NO_ACTUAL), None)
        if code is not None and s.applicable:
            reason = NO_ACTUAL[code] if code == "NO-ACTUAL" else f"无法识别：{s.explanation.split('（', 1)[-1].rstrip('）')}"
            out.append(Missing(s.index, names[s.index].name if s.index in names else s.name, reason))
    return out


@login_required
def evaluation(request, pk: int):
    record = visible_table(request, pk)
    table = mapping.to_domain(record)
    indicators = list(enumerate(table.indicators, 1))
    can_enter = permissions.can_evaluate(request.user, record)
    errors: list[str] = []
    entered = record.evaluations.all() if can_enter else record.evaluations.filter(status=EntryStatus.SUBMITTED)
    latest = entered.first()  # a draft is seen only by who may enter it
    actuals, executed = (latest.actuals, latest.executed) if latest else ({}, None)
    executed_text = "" if executed is None else figure_text(executed)  # 4,826.10, as the forms print it
    if request.method == "POST":
        if not can_enter:
            return refused(request, Refused("只有评价人员可以对已批准的目标表填报自评", 403))
        executed_text = request.POST.get("executed", "")
        executed = parse_number(executed_text, "全年执行数", errors)
        actuals = entries.posted_actuals(request.POST, indicators)
        submit = entries.action_of(request.POST) == entries.SUBMIT
        if not errors:
            result = engines.score(table, actuals, executed)
            missing = missing_rows(result, indicators) + ([Missing(0, "全年执行数（万元）", "未填")] if executed is None else [])
            if submit and missing:
                errors.append(entries.refusal(missing, "实际完成值"))
            else:
                try:
                    _store(request.user, record, actuals, executed, result, submit)
                except Refused as error:
                    return refused(request, error)
                messages.success(request, "已提交自评" if submit else "已保存自评草稿（尚未提交，不计入得分）")
                return redirect("evaluation", pk=record.pk)
    shown = latest is not None or request.method == "POST"
    result = engines.score(table, actuals, executed) if shown else None
    missing = missing_rows(result, indicators) if result is not None else []
    gaps = {m.position: m.reason.split("：", 1)[0] for m in missing}  # 未填 / 无法识别, in the 得分 column
    scores = {s.index: s for s in result.indicators} if result is not None else {}
    rows = [(n, i, actuals.get(str(n), ""), scores.get(n), gaps.get(n)) for n, i in indicators]
    chart = score_parts(result) if result is not None else None
    return render(
        request,
        "evaluation/evaluation.html",
        {"t": record, "table": table, "latest": latest, "rows": rows, "result": result, "chart": chart, "can_enter": can_enter, "errors": errors,
         "label": engines.selfeval_label(table, result) if result is not None else "", "downloadable": latest is not None and latest.status == EntryStatus.SUBMITTED,
         "missing": missing, "executed": executed_text, "draft": request.method == "POST" or (latest is not None and latest.status == EntryStatus.DRAFT)},
        status=400 if errors else 200,
    )


BUDGET_PART = "预算执行率"


def score_parts(result) -> dict:
    """The chart's parts: each level-1 (产出、效益、满意度 …) and 预算执行率, with their points and scores
    (numbers, for drawing) and the tooltips as the forms print them (分值：50.00 分 · 得分：47.25 分)."""
    parts = [(lv.level1, lv.weight, lv.score) for lv in result.levels]
    if result.budget.applicable:
        parts.append((BUDGET_PART, result.budget.weight, result.budget.score))
    return {"labels": [p[0] for p in parts], "weight": [round(p[1], 2) for p in parts], "score": [round(p[2], 2) for p in parts],
            "tips": [[f"分值：{numbers.money(p[1])} 分" for p in parts], [f"得分：{numbers.money(p[2])} 分" for p in parts]]}


# The official forms the CLI writes (`jixiao forms TABLE FILLED.xlsx -o …`), of the submitted self-evaluation
FORMS = {"xlsx": "绩效自评表", "docx": "绩效自评报告"}


@login_required
@require_GET
def download(request, pk: int, fmt: str = "xlsx"):
    """The self-evaluation table (XLSX) or report (DOCX) of the table's submitted self-evaluation."""
    record = visible_table(request, pk)
    entry = record.evaluations.filter(status=EntryStatus.SUBMITTED).first()
    if entry is None or fmt not in FORMS:
        return refused(request, Refused("该表尚无已提交的自评，无法生成自评表或自评报告", 404))
    table = mapping.to_domain(record)
    data = engines.selfeval_form(table, engines.score(table, entry.actuals, entry.executed), fmt)
    name = file_name(record, fmt, form=FORMS[fmt])
    return attachment(data, name)


def _store(user, record: TargetTableRecord, actuals: dict, executed, result, submit: bool) -> Evaluation:
    """Keep the entry: the open draft updated (or a new one), submitted when asked; a submission's total
    becomes the table's score. One transaction, audited."""
    total, grade = round(result.total, 2), str(result.grade)
    with transaction.atomic():
        locked = TargetTableRecord.objects.select_for_update().get(pk=record.pk)
        if not permissions.can_evaluate(user, locked):
            raise Refused("该表当前状态不允许填报自评", 409)
        entry = locked.evaluations.filter(status=EntryStatus.DRAFT).first() or Evaluation(table=locked, created_by=user)
        entry.actuals, entry.executed, entry.score, entry.grade = actuals, executed, total, grade
        if submit:
            entry.status, entry.submitted = EntryStatus.SUBMITTED, timezone.now()
        entry.save()
        filled = {k: v for k, v in actuals.items() if v}
        if submit:
            if total != locked.score:
                audit.record(user, locked, "评分", "得分", locked.score, total)
                locked.score = total
                locked.save(update_fields=["score"])
            audit.record(user, locked, "自评填报", "实际完成值", None, filled)
        else:
            audit.record(user, locked, "自评草稿", "实际完成值", None, filled)
    return entry
