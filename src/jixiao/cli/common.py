"""What every command shares: the Rich consoles and turning an IngestError into a clean exit 2.

Start-up: `jixiao --help` imports this module and every command module, so nothing here (or there) imports
the readers, the rules or the scoring at module level — each command imports what it uses when it runs.
"""

from __future__ import annotations

from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer
from rich.console import Console

if TYPE_CHECKING:
    from ..domain.document import Document
    from ..domain.table import Table

console = Console()
errors = Console(stderr=True)


def fail(message: str, code: int = 2) -> NoReturn:
    errors.print(f"[bold red]错误[/]：{message}", highlight=False)
    raise typer.Exit(code)


@contextmanager
def user_errors():
    """Report a user's mistake (bad file, bad value) as one line and exit 2 — never a traceback."""
    from ..ingest import IngestError

    try:
        yield
    except IngestError as error:
        fail(str(error))


def load(path: Path, number: int | None = None) -> Table:
    """Table `number` (from 1) of the file at `path`; by default its first filled table (a workbook may
    begin with blank templates). Unreadable input, or a number the file does not have, exits 2."""
    document = load_document(path)
    if number is None:
        return next((t for t in document.tables if t.status == "filled"), document.tables[0])
    return chosen(document, number, path)[0]


def chosen(document: Document, number: int | None, path: Path) -> list[Table]:
    """Every table of the document, or table `number` (from 1) alone; a number it does not have exits 2."""
    if number is None:
        return list(document.tables)
    if not 1 <= number <= len(document.tables):
        fail(f"{path}：文件中共有 {len(document.tables)} 张表，没有第 {number} 张（--table 从 1 开始）")
    return [document.tables[number - 1]]


TABLE_OPTION = typer.Option(None, "--table", min=1, help="文件含多张表时选择第几张（从 1 开始；默认第一张已填写的表）")


def load_document(path: Path) -> Document:
    """Every table of the file at `path`; unreadable input exits 2 with one line."""
    from ..ingest import read_document

    with user_errors():
        return read_document(path)
    raise AssertionError("unreachable")


def scheme_names() -> list[str]:
    """The shipped scoring schemes, for help texts: the same listing as `assess.scheme_names`, read from the
    package data without importing the scoring code (which would load numpy at every start-up)."""
    folder = resources.files("jixiao") / "assess" / "schemes"
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))
