"""`jixiao ingest FILE` shows a table's reading; `jixiao schema` prints the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table
from rich.tree import Tree

from ..domain.table import TargetTable
from ..ingest import IngestResult
from . import app
from .common import console, load


@app.command()
def ingest(
    file: Path = typer.Argument(..., help="目标表文件（文本/XLSX/DOCX/HTML/PDF）"),
    as_json: bool = typer.Option(False, "--json", help="输出规范 JSON"),
) -> None:
    """读取一份绩效目标表，显示指标树、预算、任务和读取说明。"""
    result = load(file)
    if as_json:
        typer.echo(result.table.canonical_json())
        return
    show(result)


@app.command()
def schema() -> None:
    """打印目标表模型的 JSON Schema。"""
    typer.echo(json.dumps(TargetTable.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2))


def _money(value: float | None) -> str:
    return "（空）" if value is None else f"{value:,.2f}"


def show(result: IngestResult) -> None:
    table = result.table
    d = table.department
    console.rule(f"[bold]{table.title or '绩效目标表'}[/] {table.year or ''}")
    console.print(f"部门：{d.name or '（未填）'}　财政供养人员数：{d.funded_staff}　下属二级单位数：{d.subordinate_units}")
    console.print(_budget_table(table))
    if table.overall_goals:
        console.print("[bold]总体绩效目标[/]")
        for goal in table.overall_goals:
            console.print(f"  {goal}", highlight=False)
    console.print(_tasks_table(table))
    console.print(_indicator_tree(table))
    if result.notes:
        console.print(f"[bold]读取说明[/]（{len(result.notes)} 条）")
        for note in result.notes:
            line = f"第{note.source.line}行" if note.source and note.source.line else ""
            console.print(f"  [cyan]{note.code}[/] {line} {note.message}", highlight=False)


def _budget_table(table: TargetTable) -> Table:
    b = table.budget
    e = b.expenditure
    t = Table(title=f"预算整体情况（{b.unit}）", show_header=True)
    for column in ("支出", "金额", "收入来源", "金额", "按预算级次", "金额"):
        t.add_column(column, justify="right" if column == "金额" else "left")
    rows = [
        ("基本支出", e.basic, "财政拨款", b.income.fiscal_appropriation, "市本级使用资金", b.by_level.city_level),
        ("项目支出", e.project, "其他资金", b.income.other, "对下转移支付", b.by_level.transfer_to_lower),
        ("财政专项资金", e.development.special_fund, "", None, "", None),
        ("其他事业发展性支出", e.development.other, "", None, "", None),
    ]
    for a, x, c, y, f, z in rows:
        t.add_row(a, _money(x), c, _money(y) if c else "", f, _money(z) if f else "")
    t.add_row("[bold]合计[/]", _money(b.expenditure_total), "[bold]合计[/]", _money(b.income_total), "[bold]合计[/]", _money(b.by_level_total))
    return t


def _tasks_table(table: TargetTable) -> Table:
    t = Table(title="年度重点工作任务 / 其他任务")
    t.add_column("类别")
    t.add_column("名称")
    t.add_column("资金（元）", justify="right")
    t.add_column("内容 / 目标", overflow="fold", max_width=60)
    for task in table.key_tasks:
        t.add_row("重点", task.name, _money(task.funds_yuan), task.goal or task.content or "")
    for task in table.other_tasks:
        t.add_row("其他", task.name, _money(task.funds_yuan), task.content or "")
    return t


KIND_LABELS = {
    "quantity": "数值",
    "range": "区间值",
    "score": "评分",
    "grade": "等级",
    "descriptive": "定性描述",
    "compound": "分类复合",
    "unparsed": "未识别",
}


def _value(text: str | None, parsed) -> str:
    if text is None:
        return "[dim]（空）[/]"
    kind = KIND_LABELS.get(getattr(parsed, "kind", ""), "?")
    direction = getattr(getattr(parsed, "direction", None), "value", "")
    return f"{text} [dim]〔{kind}·{direction}〕[/]"


def _indicator_tree(table: TargetTable) -> Tree:
    root = Tree(f"[bold]绩效指标[/]（{len(table.indicators)} 项）")
    level1_nodes: dict = {}
    level2_nodes: dict = {}
    for ind in table.indicators:
        l1 = level1_nodes.get(ind.level1) or root.add(f"[bold]{ind.level1}[/]")
        level1_nodes[ind.level1] = l1
        key = (ind.level1, ind.level2)
        l2 = level2_nodes.get(key) or l1.add(f"{ind.level2}")
        level2_nodes[key] = l2
        l2.add(f"{ind.name}　周期：{_value(ind.period_value, ind.period)}　年度：{_value(ind.annual_value, ind.annual)}", highlight=False)
    for group in table.empty_level2:
        l1 = level1_nodes.get(group.level1) or root.add(f"[bold]{group.level1}[/]")
        l1.add(f"{group.level2} [dim]（无指标）[/]")
    return root
