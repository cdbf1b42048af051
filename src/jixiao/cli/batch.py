"""`jixiao batch PATH…`: read, review and (for published self-evaluations) audit many documents at once.

Documents run on a process pool over the cores (`--workers`) with a progress bar; each result is one
JSON line appended to `--out DIR/results.jsonl` as soon as it is done, so Ctrl-C keeps what finished and
a rerun skips documents whose content hash is already there with the same settings (`--config`,
`--scheme`, `--import`; `--force` redoes them). A bad file is a line with its error, never the end of the
batch. At the end: a summary table and `summary.csv`.

`--import --user NAME` also stores every document read in the web application's database (`--database`,
`DATABASE_URL`, else the SQLite file of the data directory), as that account's upload would: the pool
reads, the parent imports one document at a time (`jobs/batch_import.py`).
Exit 0 when every document was read (and imported), 1 when some could not be, 2 for a usage error.
"""

from __future__ import annotations

import csv
import json
import os
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from . import app
from .common import console, fail
from .web import DATA_DIR_OPTION, DATABASE_OPTION

if TYPE_CHECKING:
    from rich.progress import Progress

    from ..jobs.batch import Options
    from ..jobs.batch_import import Importer


@app.command()
def batch(
    paths: list[str] = typer.Argument(..., help="文件、文件夹或通配符（如 'data/**/*.xlsx'）"),
    workers: int = typer.Option(os.cpu_count() or 1, "--workers", min=1, help="并行进程数（默认为 CPU 核数）"),
    out: Path = typer.Option(Path("batch-results"), "--out", help="结果目录：results.jsonl 与 summary.csv"),
    force: bool = typer.Option(False, "--force", help="重新处理已完成的文件（按内容哈希判断）"),
    config: str | None = typer.Option(None, "--config", help="审核规则配置文件或内置地方审核口径（如 songgang-2023）"),
    scheme: str | None = typer.Option(None, "--scheme", help="自评复核的评分方案（默认按文件所属地区选择）"),
    to_database: bool = typer.Option(False, "--import", help="把读取的每个文件导入数据库（与网站上传相同；须用 --user 指定账户）"),
    user: str | None = typer.Option(None, "--user", help="导入所用的账户（网站中可以导入目标表的已有账户；审计记录中署此账户）"),
    database: str | None = DATABASE_OPTION,
    data_dir: Path | None = DATA_DIR_OPTION,
) -> None:
    """批量读取、审核文档，并复核已公开自评表的得分；可导入数据库；可中断、可续跑。"""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    from ..jobs import batch as work
    from ..jobs.batch import Options, digest, documents, done, read_lines, settings, summarize

    options = _checked(Options(checklist=config, scheme=scheme))
    importer = _importer(to_database, user, database, data_dir)
    found = documents(paths)
    if not found:
        fail("没有找到要处理的文件（支持 txt、xlsx、docx、html、pdf 等）")
    out.mkdir(parents=True, exist_ok=True)
    results = out / "results.jsonl"
    hashes = {str(p): digest(p) for p in found}
    if force:
        _drop(results, set(hashes.values()))
    made_with = settings(options, importer.key if importer else None)
    finished = done(results, made_with)
    todo = [p for p in found if hashes[str(p)] not in finished]
    console.print(f"{len(found)} 个文件，{len(found) - len(todo)} 个已完成（跳过），待处理 {len(todo)} 个；{workers} 个进程", highlight=False)
    if importer:
        console.print(f"导入数据库 {importer.database}，账户 {importer.user.username}", highlight=False)
    job = work.process_for_import if importer else work.process
    if importer:
        from ..jobs.batch_import import import_into
    interrupted = broken = False
    with results.open("a", encoding="utf-8") as sink, _progress() as progress, _import_log(importer, out):
        task = progress.add_task("处理中", total=len(todo))

        def record(result) -> None:
            line, document = result if importer else (result, None)
            line["settings"], line["imported"], line["import_error"] = made_with, None, None
            if importer:
                import_into(line, document, importer)  # here, in this process: one document at a time, each in its transaction
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")
            sink.flush()
            progress.advance(task)

        try:
            if workers == 1 or len(todo) <= 1:
                for path in todo:
                    record(job(str(path), options, hashes[str(path)]))
            else:
                with ProcessPoolExecutor(max_workers=workers) as pool:
                    try:  # no list of the futures kept: each result (with its document, when importing) is freed once recorded
                        for future in as_completed([pool.submit(job, str(p), options, hashes[str(p)]) for p in todo]):
                            record(future.result())
                    except KeyboardInterrupt:
                        pool.shutdown(wait=False, cancel_futures=True)
                        raise
        except KeyboardInterrupt:
            interrupted = True
        except BrokenProcessPool:  # a pool process killed from outside (e.g. out of memory): stop, keep what finished
            broken = True
    current = {line["hash"]: line for line in read_lines(results)}  # the last line of a hash wins
    lines = [current[hashes[str(p)]] for p in found if hashes[str(p)] in current]
    _write_csv(out / "summary.csv", lines)
    console.print(_summary(summarize(lines), out, importer is not None))
    if interrupted:
        console.print(f"[yellow]已中断：已完成的 {len(lines)} 个结果保留在 {results}，再次运行将从中断处继续[/]", highlight=False)
        raise typer.Exit(130)
    if broken:
        console.print(f"[red]有处理进程意外退出（可能是内存不足），批处理已停止：已完成的 {len(lines)} 个结果保留在 {results}，"
                      "再次运行将从中断处继续（可用 --workers 1 减少内存占用）[/]", highlight=False)
        raise typer.Exit(1)
    raise typer.Exit(1 if any(line.get("error") or line.get("import_error") for line in lines) else 0)


def _checked(options: Options) -> Options:
    """Refuse an unknown checklist or scheme before starting, not once per document."""
    from ..assess.scheme import SchemeError, load_scheme
    from ..review import ConfigError, load_config

    try:
        load_config(options.checklist)
        if options.scheme:
            load_scheme(options.scheme)
    except (ConfigError, SchemeError) as error:
        fail(str(error))
    return options


def _importer(to_database: bool, user: str | None, database: str | None, data_dir: Path | None) -> Importer | None:
    """The account and database of `--import`, checked before starting; None without `--import`."""
    if not to_database:
        if user or database or data_dir:
            fail("--user、--database 和 --data-dir 只用于 --import（导入数据库）")
        return None
    if not user:
        fail("--import 需要用 --user 指定导入所用的账户（网站中可以导入目标表的已有账户）")
    from ..jobs.batch_import import AccountError, importer
    from .web import django_setup

    django_setup(database, data_dir)
    try:
        return importer(user)
    except AccountError as error:
        fail(error.message)


def _import_log(importer: Importer | None, out: Path) -> AbstractContextManager:
    """While importing, log records (a failed import's traceback) go to DIR/import.log, not the console."""
    if importer is None:
        return nullcontext()
    from ..jobs.batch_import import logged_to

    return logged_to(out / "import.log")


def _drop(results: Path, hashes: set[str]) -> None:
    """Remove earlier lines of documents about to be redone (`--force`)."""
    from ..jobs.batch import read_lines

    if not results.exists():
        return
    kept = [line for line in read_lines(results) if line.get("hash") not in hashes]
    results.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in kept), encoding="utf-8")


def _progress() -> Progress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn(), console=console)


_CSV = ("file", "hash", "format", "tables", "rows", "error_findings", "warning_findings", "info_findings", "score", "error", "imported")


def _write_csv(path: Path, lines: list[dict]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:  # with a BOM, so Excel opens it as UTF-8
        writer = csv.writer(handle)
        writer.writerow(_CSV)
        for line in lines:
            f = line.get("findings", {})
            writer.writerow([line["file"], line["hash"], line.get("format") or "", line.get("tables", 0), line.get("rows", 0),
                             f.get("error", 0), f.get("warning", 0), f.get("info", 0), _blank(line.get("score")),
                             line.get("error") or line.get("import_error") or "", _blank(line.get("imported"))])


def _blank(value) -> object:
    return "" if value is None else value


def _summary(s: dict, out: Path, imported: bool) -> Table:
    t = Table(title=f"批量处理汇总（{out}）", show_header=False)
    t.add_column("项", style="bold")
    t.add_column("数", justify="right")
    for label, value in (("文件", s["documents"]), ("无法读取", s["unreadable"]), ("表格", s["tables"]), ("指标", s["rows"]),
                         ("错误级问题", s["findings"]["error"]), ("警告", s["findings"]["warning"]), ("提示", s["findings"]["info"])):
        t.add_row(label, f"{value:,}")
    for kind, n in sorted(s["kinds"].items()):
        t.add_row(f"  {kind}", f"{n:,}")
    if imported:
        t.add_row("已导入数据库的表格", f"{s['imported']:,}")
        t.add_row("导入失败的文件", f"{s['import_failed']:,}")
    return t
