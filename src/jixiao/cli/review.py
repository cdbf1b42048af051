"""`jixiao review FILE`: the review findings grouped by dimension, grades and a summary.

Exit codes: 0 no error-severity finding, 1 at least one, 2 unreadable input or configuration.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from ..domain.problem import Severity
from ..review import DIMENSIONS, ConfigError, Report, load_config
from ..review import review as run_review
from . import app
from .common import TABLE_OPTION, console, fail, load

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


@app.command()
def review(
    file: Path = typer.Argument(..., help="目标表文件"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出审核结果"),
    config: Path | None = typer.Option(None, "--config", help="审核规则配置文件（TOML，覆盖默认配置中的对应项）"),
    number: int | None = TABLE_OPTION,
) -> None:
    """审核一份绩效目标表：按完整性、相关性、适当性、可行性列出问题及其位置，并给出等级。"""
    try:
        settings = load_config(config)
    except ConfigError as error:
        fail(str(error))
    table = load(file, number)
    report = run_review(table, settings)
    if as_json:
        typer.echo(json.dumps({"file": str(file)} | report.to_dict(), ensure_ascii=False, indent=2))
    else:
        show(report, str(file))
    raise typer.Exit(1 if report.errors else 0)


def show(report: Report, name: str) -> None:
    console.rule(f"[bold]绩效目标审核[/] {name}", characters="─")
    groups = report.by_dimension()
    for dimension in DIMENSIONS:
        grade = report.dimensions[dimension]
        findings = groups[dimension]
        title = f"{dimension.value}　{grade.grade}　[dim]{grade.rule}[/]"
        if not findings:
            console.print(f"[bold]{title}[/]　未发现问题", highlight=False)
            continue
        t = Table(title=title, title_justify="left", show_lines=True, expand=True)
        t.add_column("代码", no_wrap=True)
        t.add_column("级别", no_wrap=True)
        t.add_column("位置", ratio=2, overflow="fold")
        t.add_column("问题", ratio=5, overflow="fold")
        t.add_column("建议", ratio=3, overflow="fold")
        for f in findings:
            where = f"{f.where}\n{f.location}" if f.location else f.where
            t.add_row(f.code, f"[{_STYLE[f.severity]}]{f.severity.label}[/]", where, f.message, f.suggestion or "")
        console.print(t)
    counts = {s: sum(f.severity is s for f in report.findings) for s in Severity}
    console.print(
        f"[bold]合计[/] {len(report.findings)} 项：错误 {counts[Severity.ERROR]}，警告 {counts[Severity.WARNING]}，提示 {counts[Severity.INFO]}",
        highlight=False,
    )
    console.print(f"[bold]总体等级 {report.overall.grade}[/]　{report.overall.rule}", highlight=False)
    console.print(f"[dim]规则配置：{report.config}[/]", highlight=False)
