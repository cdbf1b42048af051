"""`jixiao review FILE`: every table of the document reviewed, findings grouped by dimension, grades.

`--config` takes a TOML file merged over the defaults or the name of a shipped locality checklist
(`songgang-2023`); `--table N` reviews one table. `--json` prints `{"file", "config", "tables": [{"title",
"kind", "locator", "project": {"code", "name"}, "department", "status", "grade", "overall", "dimensions",
"counts", "findings": [...]}]}`. Exit codes: 0 no error-severity finding in any table, 1 at least one,
2 unreadable input or configuration.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table as RichTable

from . import app
from .common import TABLE_OPTION, chosen, console, fail, load_document

if TYPE_CHECKING:
    from ..domain.table import Table
    from ..review import Report

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}  # by Severity value


@app.command()
def review(
    file: Path = typer.Argument(..., help="绩效目标表文件（可含多张表：工作簿的每个工作表、PDF 的每张表）"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出审核结果"),
    config: str | None = typer.Option(None, "--config", help="审核规则配置文件（TOML，覆盖默认配置中的对应项），或内置地方审核口径的名称，如 songgang-2023"),
    number: int | None = TABLE_OPTION,
) -> None:
    """审核文档中的每张绩效目标表：按维度列出问题及其位置，并给出等级；多张表时最后列出汇总。"""
    from ..review import ConfigError, load_config
    from ..review import review as run_review

    try:
        settings = load_config(config)
    except ConfigError as error:
        fail(str(error))
    reports = [(table, run_review(table, settings)) for table in chosen(load_document(file), number, file)]
    if as_json:
        typer.echo(json.dumps({"file": str(file), "config": settings.name, "tables": [table_json(t, r) for t, r in reports]}, ensure_ascii=False, indent=2))
    else:
        for table, report in reports:
            show(report, f"{file}　{table.label}" if len(reports) > 1 else str(file))
        if len(reports) > 1:
            console.print(summary(reports))
    raise typer.Exit(1 if any(r.errors for _, r in reports) else 0)


def table_json(table: Table, report: Report) -> dict:
    """One table's review, as `--json` prints it."""
    project = {"code": table.project.code, "name": table.project.name} if table.project is not None else None
    return {
        "title": table.title,
        "kind": table.kind,
        "locator": table.locator.model_dump(),
        "project": project,
        "department": table.unit_name,
        "status": table.status,
        "grade": report.overall.grade,
    } | report.to_dict()


def summary(reports: list[tuple[Table, Report]]) -> RichTable:
    """A line per table: where, name, grade, counts and the checklist items hit."""
    from ..domain.problem import Severity

    t = RichTable(title=f"审核汇总（{len(reports)} 张表）", show_lines=False)
    for column in ("#", "位置", "名称", "等级", "错误", "警告", "提示", "审核细项"):
        t.add_column(column, overflow="fold", justify="right" if column in ("#", "错误", "警告", "提示") else "left")
    for n, (table, report) in enumerate(reports, 1):
        counts = {s: sum(f.severity is s for f in report.findings) for s in Severity}
        items = "、".join(dict.fromkeys(f.checklist_item for f in report.findings if f.checklist_item))
        where = table.locator.sheet or (f"第{table.locator.page}页" if table.locator.page else f"第{table.locator.line}行")
        t.add_row(str(n), where, table.label, report.overall.grade, str(counts[Severity.ERROR]), str(counts[Severity.WARNING]), str(counts[Severity.INFO]), items)
    return t


def show(report: Report, name: str) -> None:
    from ..domain.problem import Severity

    console.rule(f"[bold]绩效目标审核[/] {name}", characters="─")
    groups = report.by_dimension()
    for dimension in report.groups:
        grade = report.dimensions[dimension]
        findings = groups[dimension]
        title = f"{dimension.value}　{grade.grade}　[dim]{grade.rule}[/]"
        if not findings:
            console.print(f"[bold]{title}[/]　未发现问题", highlight=False)
            continue
        t = RichTable(title=title, title_justify="left", show_lines=True, expand=True)
        t.add_column("代码", no_wrap=True)
        t.add_column("级别", no_wrap=True)
        t.add_column("位置", ratio=2, overflow="fold")
        t.add_column("问题", ratio=5, overflow="fold")
        t.add_column("建议", ratio=3, overflow="fold")
        for f in findings:
            where = f"{f.where}\n{f.location}" if f.location else f.where
            code = f"{f.code}\n{f.checklist_item}" if f.checklist_item else f.code
            t.add_row(code, f"[{_STYLE[f.severity.value]}]{f.severity.label}[/]", where, f.message, f.suggestion or "")
        console.print(t)
    counts = {s: sum(f.severity is s for f in report.findings) for s in Severity}
    console.print(
        f"[bold]合计[/] {len(report.findings)} 项：错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，提示 {counts[Severity.INFO]}",
        highlight=False,
    )
    console.print(f"[bold]总体等级 {report.overall.grade}[/]　{report.overall.rule}", highlight=False)
    console.print(f"[dim]规则配置：{report.config}[/]", highlight=False)
