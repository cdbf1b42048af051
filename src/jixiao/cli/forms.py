"""`jixiao forms TABLE --to xlsx|docx|html -o FILE`: the target table in the official layout."""

from __future__ import annotations

from pathlib import Path

import typer

from ..forms import FORMATS, write
from . import app
from .common import console, fail, load


@app.command()
def forms(
    table: Path = typer.Argument(..., help="目标表文件（文本/XLSX/DOCX/HTML/PDF）"),
    to: str = typer.Option(None, "--to", help="输出格式：xlsx、docx 或 html（默认按输出文件扩展名）"),
    output: Path = typer.Option(..., "-o", "--output", help="输出文件"),
) -> None:
    """按官方版式输出绩效目标表（XLSX 合并单元格/边框/A4 横向；DOCX；可打印 HTML）。"""
    fmt = (to or output.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        fail(f"不支持的输出格式“{fmt or '（未指定）'}”，请用 --to 指定 xlsx、docx 或 html")
    if not output.parent.exists():
        fail(f"输出目录不存在：{output.parent}")
    if output.exists() and output.is_dir():
        fail(f"输出路径是一个目录：{output}")
    result = load(table)
    try:
        write(result.table, output, fmt)
    except OSError as error:
        fail(f"无法写入 {output}：{error.strerror or error}")
    console.print(f"已生成 {output}（{fmt.upper()}，{len(result.table.indicators)} 项指标）", highlight=False)
