"""Editing a stored table: its facts (department tables), text (project facts, goals, tasks) and indicator
values, checked live by the value grammar against the row's group (htmx), saved with optimistic locking into
a new version of the document; rows, goals and tasks added, removed or moved (`rows.py`) after the values are saved."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from .. import permissions
from . import mapping, rows, services, textfields
from .forms import parse_number, value_error, value_summary
from .groupcheck import group_problem
from .merge import figure_text
from .presentation import has_explanations
from .views import refused, visible_table


def _rows(table) -> list[dict]:
    return [
        {"position": n, "level1": i.level1 or "", "level2": i.level2 or "", "name": i.name, "period_value": i.period_value or "",
         "annual_value": i.annual_value or "", "explanation": i.explanation or ""}
        for n, i in enumerate(table.indicators, 1)
    ]


@login_required
def edit(request, pk: int):
    record = visible_table(request, pk)
    if not permissions.can_edit(request.user, record):
        return refused(request, services.Refused("您无权修改该目标表（仅本部门草稿或已退回的表可修改）", 403))
    table = mapping.to_domain(record)
    indicator_rows = _rows(table)
    explanations = has_explanations(table.indicators)
    fields = services.table_fields(record)
    errors: list[str] = []
    conflict = None
    text_values: dict[str, str] = {}
    if request.method == "POST":
        text_values = textfields.posted(request.POST, record.data)
        table_values = {}
        for field in fields:
            label, _path, integer = services.TABLE_FIELDS[field]
            table_values[field] = parse_number(request.POST.get(field, ""), label, errors, integer=integer)
        indicator_values = {}
        for row in indicator_rows:
            n = row["position"]
            values = {f: request.POST[f"{f}_{n}"].strip() for f in services.EDITABLE_INDICATOR_FIELDS if f"{f}_{n}" in request.POST}
            if "name" in values and not values["name"] and row["name"]:  # a name cleared; a row just added may wait for its name
                errors.append(f"第{n}项指标：三级指标名称不能为空")
            for f in ("period_value", "annual_value"):
                if message := value_error(values.get(f, ""), row["level1"] or None):
                    errors.append(f"{row['name']}：{message}")
            indicator_values[n] = values
        version = _whole(request.POST.get("version"))
        seen = _whole(request.POST.get("seen"))
        choices = {k[7:]: v for k, v in request.POST.items() if k.startswith("choice_")}
        if version is None:
            errors.append("表单缺少版本号，请重新打开编辑页面")
        if not errors and version is not None:
            try:
                saved = services.edit(request.user, record, version, table_values, indicator_values, choices, seen, text_values)
                if op := request.POST.get("row_op"):  # a structural change, made on what was just saved
                    try:
                        rows.apply(request.user, saved, op, saved.version)
                    except services.Refused as error:  # the values are saved; the change is refused with its reason
                        messages.error(request, f"已保存填写的内容，但未调整：{error.message}")
                        return redirect("edit", pk=record.pk)
            except services.Conflict as error:
                conflict = error
            except services.Refused as error:
                if error.status != 400:
                    return refused(request, error)
                errors.append(error.message)
            else:
                if request.POST.get("row_op"):
                    messages.success(request, "已保存并调整")
                    return redirect(reverse("edit", args=[record.pk]) + _anchor(request.POST.get("row_op", "")))
                messages.success(request, "已保存")
                return redirect("table_detail", pk=record.pk)
        if conflict is not None:  # the colleague's values, with the person's changes over them: nothing lost, nothing reverted
            record = conflict.current
            table = mapping.to_domain(record)
            indicator_rows = _rows(table)
            for row in indicator_rows:
                row.update({f: conflict.shown.get(f"{f}_{row['position']}", row[f]) for f in services.EDITABLE_INDICATOR_FIELDS})
            posted = {f: _text(conflict.shown.get(f, services.table_value(record.data, f))) for f in fields}
            text_values = {k: v for k, v in conflict.shown.items() if k in textfields.all_fields(record.data)}
        else:
            for row in indicator_rows:  # show what the person typed, never lose it
                row.update(indicator_values[row["position"]])
            posted = {f: request.POST.get(f, "") for f in fields}
    else:
        posted = {f: _text(services.table_value(record.data, f)) for f in fields}
    form_fields = [(f, services.TABLE_FIELDS[f][0], posted[f]) for f in fields]
    status = 409 if conflict else 400 if errors else 200
    return render(
        request,
        "tables/edit.html",
        {"t": record, "table": table, "indicators": indicator_rows, "fields": form_fields, "explanations": explanations, "errors": errors,
         "conflict": conflict, "version": request.POST.get("version", record.version), "groups": _groups(indicator_rows),
         "empty_groups": list(enumerate(table.empty_level2, 1)), "text": textfields.sections(record.data, text_values)},
        status=status,
    )


def _groups(indicator_rows: list[dict]) -> list[dict]:
    """The rows by group (level-1 › level-2, in table order), each row told whether it can move up or down within its group."""
    out: list[dict] = []
    for row in indicator_rows:
        key = (row["level1"], row["level2"])
        if not out or out[-1]["key"] != key:
            out.append({"key": key, "words": " › ".join(x for x in key if x) or "（未分组）", "rows": []})
        out[-1]["rows"].append(row)
    for group in out:
        for k, row in enumerate(group["rows"]):
            row["first"], row["last"] = k == 0, k == len(group["rows"]) - 1
    return out


def _anchor(op: str) -> str:
    """Where the page opens again after a structural change: the row moved or added, else the section."""
    try:
        name, _which, n = rows.parse(op)
    except rows.RowRefused:
        return ""
    if name in ("up", "down", "add") and n:
        return f"#row-{n - 1 if name == 'up' else n + 1}"
    return "#goals" if "goal" in name else "#tasks" if "task" in name else "#indicators"


def _whole(text: str | None) -> int | None:
    """A version number posted by the form; None when missing or not a plain number."""
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def _text(value) -> str:
    """A stored fact as the form shows it: numbers as the official forms print them (1,767.72; every decimal kept)."""
    return "" if value is None else figure_text(value)


@login_required
@require_POST
def value_check(request):
    """htmx: how the grammar reads one value, shown beside the input as the person types."""
    name = request.headers.get("HX-Trigger-Name")  # htmx posts the whole form; this names the input typed in
    if name not in request.POST:
        name = next((k for k in request.POST if k.startswith(("period_value_", "annual_value_"))), None)
    text = request.POST.get(name, "") if name else ""
    level1 = request.POST.get("level1") or None
    level2 = request.POST.get("level2") or None
    message = value_error(text, level1) or group_problem(text, level1, level2)  # readable, and fitting its group
    css = "bad" if message else "ok"
    return HttpResponse(format_html('<span class="{}">{}</span>', css, message or value_summary(text, level1)))
