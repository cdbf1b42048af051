"""`jixiao serve` starts the web application (gunicorn + whitenoise, DEBUG off) after migrating the
database, loading the example table and creating the demo accounts."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from . import app
from .common import console, fail

# The database options of every command that uses the web application's database (serve, demo, worker, batch --import).
DATABASE_OPTION = typer.Option(None, "--database", help="数据库 URL（如 postgres://user@host/db）；默认取环境变量 DATABASE_URL，否则为数据目录中的 SQLite 文件")
DATA_DIR_OPTION = typer.Option(None, "--data-dir", help="数据目录（SQLite 文件、密钥、静态文件），默认 ./var")


def django_setup(database: str | None = None, data_dir: Path | None = None) -> None:
    """Configure and start Django for a command (settings read the environment once)."""
    url = database or os.environ.get("DATABASE_URL")
    if url:
        import dj_database_url

        try:
            dj_database_url.parse(url)
        except Exception as error:  # noqa: BLE001 — UnknownSchemeError, ValueError …: a person's typo, not a crash
            fail(f"数据库 URL 无效：{url}（{error}）；示例：postgres://用户@主机:5432/库名 或 sqlite:///路径")
    if database:
        os.environ["DATABASE_URL"] = database
    if data_dir:
        os.environ["JIXIAO_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()


def prepare(quiet: bool = True) -> list[tuple[str, str, str]]:
    from django.core.management import call_command
    from django.db.utils import OperationalError

    from ..web import demo

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except OperationalError as error:
        fail(f"无法连接数据库：{error}")
    call_command("collectstatic", interactive=False, verbosity=0)
    return demo.setup()


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="监听地址"),
    port: int = typer.Option(8000, help="端口"),
    database: str = DATABASE_OPTION,
    data_dir: Path = DATA_DIR_OPTION,
    workers: int = typer.Option(3, help="gunicorn 工作进程数"),
) -> None:
    """迁移数据库、载入示例表、创建演示账户，并启动网站（生产模式）。"""
    os.environ.setdefault("JIXIAO_ALLOWED_HOSTS", f"{host},127.0.0.1,localhost")
    os.environ.pop("JIXIAO_DEBUG", None)
    django_setup(database, data_dir)
    accounts = prepare()
    from .worker import start_embedded

    embedded = start_embedded(data_dir, database)
    url = f"http://{host}:{port}"
    console.rule("[bold]jixiao 绩效 网站[/]")
    console.print(f"网址：[bold]{url}[/]　　API 文档：{url}/api/docs", highlight=False)
    console.print("演示账户（密码相同）：", highlight=False)
    for username, password, label in accounts:
        console.print(f"  {username:<10} 密码 {password}　{label}", highlight=False)
    if embedded is not None:
        console.print("后台任务：已启动 1 个任务进程（队列在数据目录的 broker.sqlite3 中）", highlight=False)
    elif os.environ.get("JIXIAO_BROKER_URL"):
        console.print("后台任务：使用 JIXIAO_BROKER_URL 的队列，请另行运行 jixiao worker", highlight=False)
    console.print("按 Ctrl+C 停止。", highlight=False)
    sys.stdout.flush()
    args = [sys.executable, "-m", "gunicorn", "jixiao.web.wsgi:application", "--bind", f"{host}:{port}",
            "--workers", str(workers), "--preload", "--access-logfile", "-", "--log-level", "warning"]
    os.execv(sys.executable, args)


@app.command()
def demo(
    province: bool = typer.Option(False, "--province", help="生成省级规模的合成目标表组合（约 20,000 张表、70 万项指标）"),
    tables: int = typer.Option(20_000, help="生成的目标表数量"),
    seed: int = typer.Option(2025, help="随机种子"),
    database: str = DATABASE_OPTION,
    data_dir: Path = DATA_DIR_OPTION,
) -> None:
    """载入演示数据：示例表与演示账户；加 --province 生成省级规模的合成数据（用于压力测试）。"""
    django_setup(database, data_dir)
    accounts = prepare()
    if province:
        from rich.progress import Progress

        from ..web.province import generate

        with Progress(console=console) as bar:
            task = bar.add_task("生成合成目标表", total=tables)
            made, indicators = generate(tables, seed, progress=lambda n: bar.advance(task, n))
        console.print(f"已生成 {made:,} 张目标表、{indicators:,} 项指标（合成数据）", highlight=False)
    for username, password, label in accounts:
        console.print(f"  {username:<10} 密码 {password}　{label}", highlight=False)
