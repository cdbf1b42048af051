"""`jixiao forms TABLE [ACTUALS] --to xlsx|docx|html -o FILE`: official-layout outputs.

Without ACTUALS: the target table. With a filled self-evaluation template (or CSV/JSON): the scored
self-evaluation table (XLSX/HTML) or the self-evaluation report (DOCX). With a filled monitoring
template: the monitoring table.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from . import app
from .common import TABLE_OPTION, console, errors, fail, load

if TYPE_CHECKING:
    from ..assess import Evaluation, MonitorReport


@app.command()
def forms(
    table: Path = typer.Argument(..., help="目标表文件（文本/XLSX/DOCX/HTML/PDF）"),
    actuals: Path = typer.Argument(None, help="可选：填好的自评或监控模板（XLSX/CSV/JSON）"),
    to: str = typer.Option(None, "--to", help="输出格式：xlsx、docx 或 html（默认按输出文件扩展名）"),
    output: Path = typer.Option(..., "-o", "--output", help="输出文件"),
    scheme: str = typer.Option("default", "--scheme", help="评分方案（自评、监控时使用）"),
    at: str = typer.Option(None, "--at", help="监控日期，如 2025-07-31（默认取模板中的数据截至日期）"),
    number: int | None = TABLE_OPTION,
) -> None:
    """按官方版式输出：目标表；给出实际完成值时输出自评表/自评报告（DOCX）或监控表。"""
    from ..assess import ActualsError, SchemeError, load_actuals, load_scheme, monitor, score
    from ..forms import FORMATS, write

    fmt = (to or output.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        fail(f"不支持的输出格式“{fmt or '（未指定）'}”，请用 --to 指定 xlsx、docx 或 html")
    if not output.parent.exists():
        fail(f"输出目录不存在：{output.parent}")
    if output.exists() and output.is_dir():
        fail(f"输出路径是一个目录：{output}")
    when = None
    if at:
        try:
            when = dt.date.fromisoformat(at)
        except ValueError:
            fail(f"日期应写作 2025-07-31，而不是“{at}”")
    target = load(table, number)
    result: Evaluation | MonitorReport | None = None
    if actuals is not None:
        try:
            rules = load_scheme(scheme)
            filled = load_actuals(actuals, target, rules)
        except SchemeError as error:
            fail(str(error))
        except ActualsError as error:
            errors.print(f"[bold red]错误[/]：实际完成值有 {len(error.problems)} 处问题", highlight=False)
            for problem in error.problems:
                errors.print(f"  {problem}", highlight=False)
            raise typer.Exit(2) from None
        if filled.kind == "monitor":
            if when is None and filled.as_of is None:
                fail("缺少监控日期：请给出 --at，或在模板“预算执行”表中填写数据截至日期")
            result = monitor(target, filled, when, rules)
        else:
            result = score(target, filled, rules)
    try:
        write(target, output, fmt, result)
    except OSError as error:
        fail(f"无法写入 {output}：{error.strerror or error}")
    what = "目标表" if result is None else ("监控表" if filled.kind == "monitor" else ("自评报告" if fmt == "docx" else "自评表"))
    console.print(f"已生成{what} {output}（{fmt.upper()}，{len(target.indicators)} 项指标）", highlight=False)
