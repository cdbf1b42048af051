"""`jixiao worker`: a background-job worker (Celery) for the web application's uploads, imports and exports.

Run one per machine against the same database (`--database`/DATABASE_URL) and broker (JIXIAO_BROKER_URL);
`jixiao serve` starts one by itself when the broker is the embedded SQLite file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import typer

from . import app
from .common import console, fail
from .web import DATA_DIR_OPTION, DATABASE_OPTION, django_setup


@app.command()
def worker(
    concurrency: int = typer.Option(os.cpu_count() or 1, "--concurrency", "-c", min=1, help="并行处理的任务数（默认为 CPU 核数）"),
    database: str = DATABASE_OPTION,
    data_dir: Path = DATA_DIR_OPTION,
    loglevel: str = typer.Option("warning", "--loglevel", help="日志级别：debug、info、warning、error"),
) -> None:
    """启动后台任务进程：读取上传文件、导入目标表、开放数据导出；可在多台机器上各启动一个。"""
    if os.environ.get("JIXIAO_TASKS", "").strip() == "eager":
        fail("JIXIAO_TASKS=eager：后台任务在网站请求中直接执行，不需要任务进程")
    django_setup(database, data_dir)
    from kombu.utils.url import maybe_sanitize_url

    from ..web.jobs.queue import app as queue
    from ..web.jobs.queue import broker_url

    console.print(f"后台任务进程：{concurrency} 个并行，队列 {maybe_sanitize_url(broker_url())}；按 Ctrl+C 停止。", highlight=False)
    queue.worker_main(["worker", f"--concurrency={concurrency}", f"--loglevel={loglevel}", "--pool=prefork", "--without-gossip", "--without-mingle"])


def start_embedded(data_dir: Path | None, database: str | None) -> subprocess.Popen | None:
    """`jixiao serve` with the embedded broker: one worker beside the web server (it stops with it, on Ctrl+C)."""
    if os.environ.get("JIXIAO_BROKER_URL", "").strip() or os.environ.get("JIXIAO_TASKS", "").strip() == "eager":
        return None
    argv = [sys.executable, "-c", "from jixiao.cli import main; main()", "worker", "--concurrency", "1"]
    if data_dir:
        argv += ["--data-dir", str(data_dir)]
    if database:
        argv += ["--database", database]
    return subprocess.Popen(argv)
