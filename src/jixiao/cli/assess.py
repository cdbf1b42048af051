"""`jixiao template | monitor | score`: actuals templates, monitoring at a date, self-evaluation scores, and
the audit of a published self-evaluation's own scores (`jixiao score FILE` without actuals)."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from . import app
from .common import console, errors, fail, load, load_document, scheme_names

if TYPE_CHECKING:
    from ..domain.problem import Problem

_LIGHT_STYLE = {"green": "[green]● 绿灯[/]", "yellow": "[yellow]● 黄灯[/]", "red": "[red]● 红灯[/]", "grey": "[dim]○ 未评价[/]"}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _flag(flag: Problem) -> str:
    """One flag on one line: severity, code, message (markup from the message escaped)."""
    style = _SEVERITY_STYLE[flag.severity.value]
    return f"  [{style}]{flag.severity.label} {flag.code}[/] {escape(flag.message)}"


@contextmanager
def _assess_errors():
    """Bad actuals or schemes: every located problem on its own line, then exit 2 (no traceback)."""
    from ..assess import ActualsError, SchemeError

    try:
        yield
    except ActualsError as error:
        errors.print(f"[bold red]错误[/]：实际完成值有 {len(error.problems)} 处问题", highlight=False)
        for problem in error.problems:
            errors.print(f"  {escape(str(problem))}", highlight=False)
        raise typer.Exit(2) from None
    except SchemeError as error:
        fail(str(error))


def _scheme(name: str):
    from ..assess import load_scheme

    with _assess_errors():
        return load_scheme(name)


@app.command()
def template(
    table: Path = typer.Argument(..., help="绩效目标表文件"),
    kind: str = typer.Option("selfeval", "--for", help="模板用途：monitor（运行监控）或 selfeval（绩效自评）"),
    output: Path = typer.Option(..., "-o", "--output", help="输出的 XLSX 文件"),
    scheme: str = typer.Option("default", "--scheme", help=f"评分方案（{'、'.join(scheme_names())}，或 TOML 文件）"),
    at: str | None = typer.Option(None, "--at", help="监控数据截至日期，如 2025-07-31"),
) -> None:
    """生成实际完成值填报模板（XLSX），预填指标与目标值。"""
    from ..assess import build_template

    if kind not in ("monitor", "selfeval"):
        fail(f"--for 应为 monitor 或 selfeval，而不是“{kind}”")
    if at is not None:
        _date(at)
    if output.suffix.lower() != ".xlsx":
        fail(f"输出文件应以 .xlsx 结尾：{output}")
    if not output.parent.exists():
        fail(f"输出目录不存在：{output.parent}")
    target = load(table)
    data = build_template(target, kind, _scheme(scheme), at)
    fd, tmp = tempfile.mkstemp(dir=output.parent, suffix=".xlsx.tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, output)
    console.print(f"已生成{'监控' if kind == 'monitor' else '自评'}模板：{output}（{len(target.indicators)} 项指标）", highlight=False)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"日期应写作 2025-07-31，而不是“{text}”")
    raise AssertionError("unreachable")


@app.command()
def monitor(
    table: Path = typer.Argument(..., help="绩效目标表文件"),
    actuals: Path = typer.Argument(..., help="填好的监控模板（XLSX）、CSV 或 JSON"),
    at: str | None = typer.Option(None, "--at", help="监控日期，如 2025-07-31（默认取模板中的数据截至日期）"),
    scheme: str = typer.Option("default", "--scheme", help="评分方案（决定红黄绿灯阈值）"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
) -> None:
    """运行监控：预算执行率对比时间进度，各指标完成进度、年末预测与红黄绿灯。"""
    from ..assess import load_actuals
    from ..assess import monitor as run_monitor
    from ..assess.monitor import LIGHTS

    when = _date(at) if at else None
    target = load(table)
    rules = _scheme(scheme)
    with _assess_errors():
        snapshot = load_actuals(actuals, target, rules)
    if when is None and snapshot.as_of is None:
        fail("缺少监控日期：请给出 --at，或在模板“预算执行”表中填写数据截至日期")
    report = run_monitor(target, snapshot, when, rules)
    if as_json:
        typer.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    b = report.budget
    console.rule(f"[bold]运行监控[/] 截至 {report.at}（时间进度 {report.time_progress:.1%}）")
    console.print(f"预算执行：{_LIGHT_STYLE[b.light]} {b.note}", highlight=False)
    t = Table(show_lines=False)
    for column in ("序号", "三级指标", "年度指标值", "截至实际", "全年预计", "灯", "说明"):
        t.add_column(column, overflow="fold")
    for row in report.indicators:
        t.add_row(str(row.index), row.name, row.target or "", row.to_date or "", row.forecast or "", _LIGHT_STYLE[row.light], row.note)
    console.print(t)
    console.print("　".join(f"{LIGHTS[k]} {v}" for k, v in report.lights.items()))
    for flag in report.flags:
        console.print(_flag(flag), highlight=False)


@app.command()
def score(
    table: Path = typer.Argument(..., help="绩效目标表文件；或已公开的绩效自评表、其所在文件夹（不给实际完成值时复核其得分）"),
    actuals: Path | None = typer.Argument(None, help="填好的自评模板（XLSX）、CSV（三级指标,实际完成值[,偏差原因,说明]）或 JSON；省略时复核文件中已公开的自评得分"),
    scheme: str | None = typer.Option(None, "--scheme", help=f"评分方案（{'、'.join(scheme_names())}，或 TOML 文件）；复核时默认按文件所属地区选择"),
    budget: float | None = typer.Option(None, "--budget", help="全年预算数（万元），覆盖模板中的数"),
    executed: float | None = typer.Option(None, "--executed", help="执行数（万元），覆盖模板中的数"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON"),
) -> None:
    """绩效自评计分：逐项得分、失分原因、一级指标小计、总分与等级；不给实际完成值时，复核已公开自评表的得分。

    复核的退出码：0 公开得分与评分规则一致；1 有不符合规则的公开得分（逐项列出）；2 无法读取或没有自评表。"""
    from ..assess import load_actuals
    from ..assess import score as run_score

    if actuals is None:
        _audit(table, scheme, as_json)
        return
    for value, name in ((budget, "--budget"), (executed, "--executed")):
        if value is not None and value < 0:
            fail(f"{name} 不能为负数")
    target = load(table)
    rules = _scheme(scheme or "default")
    with _assess_errors():
        filled = load_actuals(actuals, target, rules)
    evaluation = run_score(target, filled, rules, budget=budget, executed=executed)
    if as_json:
        typer.echo(json.dumps(evaluation.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    console.rule(f"[bold]绩效自评[/] {evaluation.title or ''} — {evaluation.scheme_title}")
    t = Table()
    for column in ("序号", "一级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "失分", "计分说明"):
        t.add_column(column, overflow="fold", justify="right" if column in ("分值", "得分", "失分") else "left")
    for row in evaluation.indicators:
        t.add_row(str(row.index), row.level1 or "", row.name, row.target or "", row.actual or "", f"{row.weight:.2f}", f"{row.score:.2f}", f"{row.lost:.2f}", row.explanation)
    b = evaluation.budget
    t.add_row("", "预算执行率", "", "", f"{b.rate:.2%}" if b.rate is not None else "", f"{b.weight:.2f}", f"{b.score:.2f}", f"{b.weight - b.score:.2f}" if b.applicable else "", b.explanation)
    console.print(t)
    for level in evaluation.levels:
        console.print(f"  {level.level1}：{level.score:.2f} / {level.weight:.2f}", highlight=False)
    rescale = f"（适用项满分 {evaluation.max_points:g}，原始得分 {evaluation.raw_total:.2f}，折算为百分制）" if abs(evaluation.max_points - 100) > 1e-6 else ""
    console.print(f"[bold]总分 {evaluation.total:.2f}　等级 {evaluation.grade}[/]{rescale}", highlight=False)
    for flag in evaluation.flags:
        console.print(_flag(flag), highlight=False)


def _audit_folder(folder: Path, scheme: str | None, as_json: bool) -> None:
    """`jixiao score DIR`: every published self-evaluation in a folder audited; a line per table and a
    summary by kind of disagreement. A file that cannot be read is listed with its reason, never stops
    the run. Exit 1 when any table breaks the rules."""
    from ..assess.audit import KINDS
    from ..assess.audit import audit as run_audit
    from ..ingest import IngestError, read_document
    from ..jobs.batch import documents

    rules = _scheme(scheme) if scheme else None
    lines: list[dict] = []
    unreadable: list[dict] = []
    for path in documents([str(folder)]):
        try:
            tables = [t for t in read_document(path).tables if t.kind == "selfeval"]
        except IngestError as error:
            unreadable.append({"file": str(path), "error": error.message})
            continue
        for table in tables:
            result = run_audit(table, rules)
            lines.append({"file": str(path), "title": result.title, "scheme": result.scheme, "rows": len(result.rows),
                          "needs_review": result.to_review, "disagreements": [p.code for p in result.disagreements]})
    kinds: dict[str, int] = {}
    for line in lines:
        for code in line["disagreements"]:
            kinds[code] = kinds.get(code, 0) + 1
    summary = {"tables": len(lines), "tables_breaking_rules": sum(bool(x["disagreements"]) for x in lines), "by_kind": kinds, "unreadable": len(unreadable)}
    if as_json:
        typer.echo(json.dumps({"tables": lines, "unreadable": unreadable, "summary": summary}, ensure_ascii=False, indent=2))
    else:
        t = Table(title=f"自评得分复核：{folder}")
        for column in ("文件", "表", "方案", "指标", "需复核", "不符合规则"):
            t.add_column(column, overflow="fold")
        for line in lines:
            t.add_row(Path(line["file"]).name, line["title"] or "", line["scheme"], str(line["rows"]), str(line["needs_review"]), "、".join(line["disagreements"]) or "一致")
        console.print(t)
        for item in unreadable:
            console.print(f"  [yellow]无法读取[/] {escape(item['file'])}：{escape(item['error'])}", highlight=False)
        by_kind = "；".join(f"{KINDS[k]} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])) or "无"
        console.print(f"[bold]{summary['tables']} 张自评表，{summary['tables_breaking_rules']} 张有不符合规则的公开得分[/]（{by_kind}）；{len(unreadable)} 个文件无法读取", highlight=False)
    raise typer.Exit(1 if summary["tables_breaking_rules"] else 0)


def _audit(path: Path, scheme: str | None, as_json: bool) -> None:
    """`jixiao score FILE` on a published self-evaluation: every table scored again and compared."""
    from ..assess.audit import audit as run_audit

    if path.is_dir():
        _audit_folder(path, scheme, as_json)
        return
    document = load_document(path)
    tables = [t for t in document.tables if t.kind == "selfeval"]
    if not tables:
        fail(f"{path}：没有找到绩效自评表（表头应有实际完成值、分值、得分）；为目标表计分请给出实际完成值文件")
    rules = _scheme(scheme) if scheme else None
    audits = [run_audit(t, rules) for t in tables]
    if as_json:
        typer.echo(json.dumps({"tables": [a.to_json() for a in audits]}, ensure_ascii=False, indent=2))
    else:
        for audit in audits:
            _show_audit(audit)
    raise typer.Exit(0 if all(a.agrees for a in audits) else 1)


def _show_audit(audit) -> None:
    console.rule(f"[bold]自评得分复核[/] {audit.title or ''} — 方案 {audit.scheme}")
    t = Table()
    for column in ("三级指标", "年度指标值", "实际完成值", "分值", "公开得分", "应得分", "差", "规则"):
        t.add_column(column, overflow="fold", justify="right" if column in ("分值", "公开得分", "应得分", "差") else "left")
    for row in audit.rows:
        mark = "[red]" if row.kinds else ""
        rule = "需人工复核" if row.needs_review else row.rule
        t.add_row(row.name, row.target or "", row.actual or "", _num(row.weight), _num(row.published_score), _num(row.score), f"{mark}{_num(row.difference)}", rule)
    b = audit.budget
    t.add_row("预算执行率", "", f"{b['rate']:.2%}" if b.get("rate") is not None else "", _num(b.get("weight")), _num(b.get("published_score")), _num(b.get("score")), "", b.get("rule") or "")
    console.print(t)
    console.print(f"总分：公开 {_num(audit.total['published'])}　按规则 {_num(audit.total['computed'])}；等级：公开 {audit.grade['published'] or '—'}　按规则 {audit.grade['computed']}", highlight=False)
    if audit.to_review:
        console.print(f"[yellow]{audit.to_review} 项无法按规则判断（缺目标值或实际值无法识别），需人工复核；总分中按公开得分计[/]")
    if audit.disagreements:
        console.print(f"[bold red]不符合评分规则的公开得分 {len(audit.disagreements)} 处[/]")
        for problem in audit.disagreements:
            console.print(_flag(problem), highlight=False)
    else:
        console.print("[green]可判断的公开得分均与评分规则一致[/]")


def _num(value) -> str:
    return "" if value is None else f"{value:.2f}"
