"""绩效自评: evaluators enter actual values; the score page shows the result of assess/ when installed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render

from .. import engines, permissions
from ..tables import audit, mapping
from ..tables.forms import parse_number
from ..tables.services import Refused
from ..tables.views import refused, visible_table
from .models import Evaluation


@login_required
def evaluation(request, pk: int):
    record = visible_table(request, pk)
    table = mapping.to_domain(record)
    indicators = list(enumerate(table.indicators, 1))
    can_enter = permissions.can_evaluate(request.user, record)
    errors: list[str] = []
    if request.method == "POST":
        if not can_enter:
            return refused(request, Refused("只有评价人员可以对已批准的目标表填报自评", 403))
        executed = parse_number(request.POST.get("executed", ""), "全年执行数", errors)
        actuals = {str(n): request.POST.get(f"actual_{n}", "").strip() for n, _i in indicators}
        if not errors:
            result = engines.score(table, actuals, executed)
            total = round(result.total, 2)
            grade = str(result.grade)
            with transaction.atomic():
                Evaluation.objects.create(table=record, actuals=actuals, executed=executed, score=total, grade=grade, created_by=request.user)
                if total != record.score:
                    audit.record(request.user, record, "评分", "得分", record.score, total)
                    record.score = total
                    record.save(update_fields=["score"])
                audit.record(request.user, record, "自评填报", "实际完成值", None, {k: v for k, v in actuals.items() if v})
            messages.success(request, "已保存自评")
            return redirect("evaluation", pk=record.pk)
    latest = record.evaluations.first()
    result = engines.score(table, latest.actuals, latest.executed) if latest else None
    scores = {s.index: s for s in result.indicators} if result is not None else {}
    rows = [(n, i, latest.actuals.get(str(n), "") if latest else "", scores.get(n)) for n, i in indicators]
    chart = {"labels": [lv.level1 for lv in result.levels], "weight": [lv.weight for lv in result.levels],
             "score": [round(lv.score, 2) for lv in result.levels]} if result is not None else None
    return render(
        request,
        "evaluation/evaluation.html",
        {"t": record, "table": table, "latest": latest, "rows": rows, "result": result, "chart": chart, "can_enter": can_enter, "errors": errors},
        status=400 if errors else 200,
    )
