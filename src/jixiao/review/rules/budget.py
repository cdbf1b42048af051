"""Budget arithmetic (预算整体情况): totals that must agree, required cells, task funds, 元 vs 万元.

Amounts of the budget part are in 万元 (two decimals, so the tolerance is 0.01); task funds are in 元.
"""

from __future__ import annotations

from typing import Any

from ...domain.problem import Severity
from ...domain.table import Budget
from ..dimension import Dimension
from ..registry import rule

LABELS = {
    "expenditure.basic": "基本支出",
    "expenditure.project": "项目支出",
    "expenditure.development.special_fund": "财政专项资金",
    "expenditure.development.other": "其他事业发展性支出",
    "income.fiscal_appropriation": "财政拨款",
    "income.other": "其他资金",
    "by_level.city_level": "市本级使用资金",
    "by_level.transfer_to_lower": "拟用于对下转移支付资金",
}


def amount(budget: Budget, path: str) -> float | None:
    value: Any = budget
    for part in path.split("."):
        value = getattr(value, part)
    return value


def wan(value: float | None) -> str:
    return "（空）" if value is None else f"{value:,.2f}"


@rule("BUD-001", Dimension.COMPLETE, Severity.ERROR)
def expenditure_equals_income(ctx, make):
    """支出合计与收入合计不符: 基本支出 + 项目支出 + 事业发展性支出 must equal 财政拨款 + 其他资金."""
    b = ctx.table.budget
    spent, income = b.expenditure_total, b.income_total
    if spent is None or income is None or abs(spent - income) <= ctx.config["budget"]["tolerance"]:
        return
    parts = " + ".join(wan(v) for v in b.expenditure_parts().values() if v is not None)
    yield make(
        f"部门预算支出合计 {parts} = {wan(spent)} 万元，与收入合计 {wan(income)} 万元不符（差 {wan(spent - income)} 万元）",
        "预算整体情况",
        b.sources.get("income.fiscal_appropriation"),
        "核对各项支出与收入来源，使两者合计相等",
        expenditure_total=spent,
        income_total=income,
    )


@rule("BUD-002", Dimension.COMPLETE, Severity.ERROR)
def by_level_adds_up(ctx, make):
    """按预算级次划分之和与总额不符: 市本级使用资金 + 对下转移支付 must equal the income total.

    Runs only when both by-level cells are filled: a blank cell is BUD-003's finding, not a sum error.
    """
    b = ctx.table.budget
    city, lower, total = b.by_level.city_level, b.by_level.transfer_to_lower, b.income_total
    if city is None or lower is None or total is None:
        return
    if abs(city + lower - total) <= ctx.config["budget"]["tolerance"]:
        return
    yield make(
        f"按预算级次划分：市本级 {wan(city)} + 对下转移支付 {wan(lower)} = {wan(city + lower)} 万元，与预算总额 {wan(total)} 万元不符",
        "预算整体情况·按预算级次划分",
        b.sources.get("by_level.city_level"),
        f"使市本级使用资金与对下转移支付资金之和等于 {wan(total)} 万元",
        by_level_total=round(city + lower, 2),
        total=total,
    )


@rule("BUD-003", Dimension.COMPLETE, Severity.ERROR)
def required_cell_blank(ctx, make):
    """必填金额为空: a budget cell the configuration requires is blank (or its row is missing)."""
    b = ctx.table.budget
    if not b.sources:  # no budget part at all: one finding, not one per cell
        yield make("表中没有“预算整体情况”部分", "预算整体情况", None, "补充部门预算支出、收入来源和按预算级次划分的金额（万元）")
        return
    total = b.income_total if b.income_total is not None else b.expenditure_total
    for path in ctx.config["budget"]["required"]:
        if amount(b, path) is not None:
            continue
        label = LABELS.get(path, path)
        source = b.sources.get(path)
        suggestion = "填写该项金额（无此项资金时填 0.00）"
        figures = {}
        if path == "by_level.city_level" and total is not None:
            expected = round(total - (b.by_level.transfer_to_lower or 0.0), 2)
            suggestion = f"应填 {wan(expected)} 万元（= 预算总额 {wan(total)} − 对下转移支付 {wan(b.by_level.transfer_to_lower or 0.0)}）"
            figures["expected"] = expected
        message = f"“{label}”的金额为空" if source else f"表中没有“{label}”一项"
        yield make(message, f"预算整体情况·{label}", source, suggestion, field=path, **figures)


@rule("BUD-004", Dimension.APPROPRIATE, Severity.WARNING)
def task_funds_within_spending(ctx, make):
    """重点任务资金超出项目与发展性支出: key-task funds (元) exceed 项目支出 + 事业发展性支出 (万元).

    Other tasks (其他需完成的任务) are left out: they may be paid from basic expenditure (公用经费).
    """
    t, b = ctx.table, ctx.table.budget
    funds = [task.funds_yuan for task in t.key_tasks if task.funds_yuan is not None]
    parts = [b.expenditure.project, b.expenditure.development.special_fund, b.expenditure.development.other]
    if not funds or all(p is None for p in parts):
        return
    tasks_wan = round(sum(funds) / 10_000, 2)
    available = round(sum(p for p in parts if p is not None), 2)
    if tasks_wan <= available + ctx.config["budget"]["tolerance"]:
        return
    yield make(
        f"年度重点工作任务资金合计 {tasks_wan:,.2f} 万元，超过项目支出与事业发展性支出合计 {available:,.2f} 万元",
        "年度重点工作任务",
        (t.key_tasks[0].sources.get("funds_yuan") if t.key_tasks else None),
        "核对任务资金（单位：元）与预算支出（单位：万元）",
        tasks_wan=tasks_wan,
        available_wan=available,
    )


@rule("BUD-005", Dimension.COMPLETE, Severity.WARNING)
def yuan_or_wan(ctx, make):
    """元/万元混用: task funds (元) too small to be 元, or budget amounts (万元) too large to be 万元."""
    conf = ctx.config["budget"]
    t = ctx.table
    for task in (*t.key_tasks, *t.other_tasks):
        if task.funds_yuan is not None and 0 < task.funds_yuan < conf["min_task_yuan"]:
            yield make(
                f"任务“{task.name}”的资金为 {task.funds_yuan:,.2f} 元，疑似按万元填写",
                f"任务“{task.name}”",
                task.sources.get("funds_yuan"),
                "任务资金栏的单位是元；如为万元请乘以 10,000",
                funds=task.funds_yuan,
            )
    for path, label in LABELS.items():
        value = amount(t.budget, path)
        if value is not None and value > conf["max_budget_wan"]:
            yield make(
                f"“{label}”为 {value:,.2f} 万元，疑似按元填写",
                f"预算整体情况·{label}",
                t.budget.sources.get(path),
                "预算整体情况的单位是万元；如为元请除以 10,000",
                amount=value,
            )
