"""`jixiao ingest FILE` shows every table of a document; `jixiao schema` prints the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table as RichTable
from rich.tree import Tree

from . import app
from .common import console, errors, fail, load_document

if TYPE_CHECKING:
    from ..domain.document import Document
    from ..domain.table import Project, Table


@app.command()
def ingest(
    file: Path = typer.Argument(..., help="绩效表文件（文本/XLSX/DOCX/HTML/PDF），可含多张表"),
    as_json: bool = typer.Option(False, "--json", help="输出规范 JSON（文档及其全部表格）"),
) -> None:
    """读取一份文档中的全部绩效表：先逐表列出摘要，再显示每张表的内容和读取说明。

    退出码：0 每张表都读得有把握；1 有需人工复核的行或表（逐条列出）；2 无法读取或一项指标也没有读到。"""
    document = load_document(file)
    code = exit_code(document)
    if as_json:
        typer.echo(document.canonical_json())
    else:
        console.print(summary(document))
        for number, table in enumerate(document.tables, 1):
            show(table, number)
    if code == 2:
        fail(f"{file}：没有读到任何指标（{len(document.tables)} 张表都没有指标行）")
    if code == 1:
        doubtful(document)
        raise typer.Exit(1)


def exit_code(document: Document) -> int:
    """0 when every table is read with confidence, 1 when a row or a table needs review, 2 when no
    table gave a single indicator row (a blank template is read, but never silently: it is 1)."""
    if not any(t.indicators or t.not_applicable or t.status == "unfilled" for t in document.tables):
        return 2
    return 1 if any(t.needs_review for t in document.tables) else 0


def doubtful(document: Document) -> None:
    """The rows and tables that need a person to check them, on stderr (stdout may be JSON)."""
    lines = []
    for number, table in enumerate(document.tables, 1):
        for reason in table.review_reasons:
            lines.append(f"  表{number}（{table.label}）：{reason}")
        for row in table.indicators:
            if row.needs_review:
                where = row.sources.get("name")
                at = f"第{where.line}行 " if where and where.line else ""
                group = " › ".join(x for x in (row.level1, row.level2) if x)
                lines.append(f"  表{number} {at}{group} › {row.name}（置信度 {row.confidence:.2f}）：{'；'.join(row.review_reasons)}")
    errors.print(f"[bold yellow]需人工复核[/]（{len(lines)} 处）：", highlight=False)
    for line in lines:
        errors.print(line, highlight=False, markup=False, soft_wrap=True)  # one line per row, for grep


@app.command()
def schema() -> None:
    """打印文档模型（文档 → 表格 → 指标）的 JSON Schema。"""
    from ..domain.document import Document

    typer.echo(json.dumps(Document.model_json_schema(mode="validation"), ensure_ascii=False, indent=2))


def _money(value: float | None) -> str:
    from ..forms.numbers import money  # imported when the command runs: `jixiao --help` loads no command work

    return money(value) or "（空）"


def _where(table: Table) -> str:
    loc = table.locator
    parts = [f"工作表 {loc.sheet}" if loc.sheet else "", f"第{loc.page}页" if loc.page else "", f"第{loc.line}行" if loc.line else ""]
    return " ".join(p for p in parts if p)


_SHORT_KIND = {"department_target": "部门目标", "project_target": "项目目标", "selfeval": "自评", "monitor": "监控"}


def summary(document: Document) -> RichTable:
    """One line per table: kind, status, where it sits, its name, indicator counts, notes."""
    t = RichTable(title=f"{document.source_file or ''}（{document.format}）：{len(document.tables)} 张表")
    for column in ("#", "类型", "状态", "位置", "名称", "年度", "指标", "不适用", "说明"):
        t.add_column(column, justify="right" if column in ("#", "指标", "不适用", "说明") else "left", overflow="fold")
    for number, table in enumerate(document.tables, 1):
        t.add_row(
            str(number), _SHORT_KIND[table.kind], "已填写" if table.status == "filled" else "[yellow]未填写[/]", _where(table),
            table.label, str(table.year or ""), str(len(table.indicators)), str(len(table.not_applicable)), str(len(table.notes)),
        )
    return t


def show(table: Table, number: int = 1) -> None:
    from ..domain.table import KIND_LABELS as KIND_NAMES
    from ..domain.table import Department

    console.rule(f"[bold]{number}. {table.title or KIND_NAMES[table.kind]}[/] {table.year or ''}")
    if table.project is not None:
        console.print(_project_table(table.project))
    else:
        d = table.department or Department()
        console.print(f"部门：{d.name or '（未填）'}　财政供养人员数：{d.funded_staff}　下属二级单位数：{d.subordinate_units}")
        console.print(_budget_table(table))
        if table.overall_goals:
            console.print("[bold]总体绩效目标[/]")
            for goal in table.overall_goals:
                console.print(f"  {goal}", highlight=False)
        if table.key_tasks or table.other_tasks:
            console.print(_tasks_table(table))
    if table.status == "unfilled":
        console.print("[yellow]空白模板：只有表头，没有填写指标[/]")
    else:
        console.print(_indicator_tree(table))
    if table.notes:
        console.print(f"[bold]读取说明[/]（{len(table.notes)} 条）")
        for note in table.notes:
            line = f"第{note.source.line}行" if note.source and note.source.line else ""
            console.print(f"  [cyan]{note.code}[/] {line} {note.message}", highlight=False)


_FACTS = (("项目名称", "name"), ("项目编码", "code"), ("主管部门", "department"), ("实施单位", "unit"), ("项目类型", "type"), ("实施期限", "period"),
          ("政策依据", "policy_basis"), ("测算依据", "cost_basis"), ("中长期目标", "mid_term_goal"), ("年度目标", "annual_goal"))


def _project_table(project: Project) -> RichTable:
    t = RichTable(title="项目基本信息", show_header=False)
    t.add_column("项", style="bold")
    t.add_column("内容", overflow="fold", max_width=90)
    for label, field in _FACTS:
        t.add_row(label, getattr(project, field) or "[dim]（空）[/]")
    for label, value in project.extra.items():
        t.add_row(label, value)
    f = project.funds
    for label, line in (("中期资金", f.mid_term), ("年度资金", f.annual)):
        parts = [(n, a) for n, a in (("总额", line.total), ("财政拨款", line.fiscal), ("其他资金", line.other)) if a.text is not None]
        if parts:
            t.add_row(label, "　".join(f"{n} {a.text}{f.unit or ''}" + (f"（{_money(a.yuan)} 元）" if a.yuan is not None else "") for n, a in parts))
    return t


def _budget_table(table: Table) -> RichTable:
    b = table.budget
    e = b.expenditure
    t = RichTable(title=f"预算整体情况（{b.unit}）", show_header=True)
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


def _tasks_table(table: Table) -> RichTable:
    t = RichTable(title="年度重点工作任务 / 其他任务")
    t.add_column("类别")
    t.add_column("名称")
    t.add_column("资金（元）", justify="right")
    t.add_column("内容 / 目标", overflow="fold", max_width=60)
    for task in table.key_tasks:
        t.add_row("重点", task.name, _money(task.funds_yuan), task.goal or task.content or "")
    for other in table.other_tasks:
        t.add_row("其他", other.name, _money(other.funds_yuan), other.content or "")
    return t




def _value(text: str | None, parsed) -> str:
    from ..domain.values import VALUE_KIND_NAMES

    if text is None:
        return "[dim]（空）[/]"
    kind = VALUE_KIND_NAMES.get(getattr(parsed, "kind", ""), "?")
    direction = getattr(getattr(parsed, "direction", None), "value", "")
    return f"{text} [dim]〔{kind}·{direction}〕[/]"


def _indicator_tree(table: Table) -> Tree:
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
