"""What every command shares: the Rich consoles and turning an IngestError into a clean exit 2."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console

from ..domain.document import Document
from ..domain.table import Table
from ..ingest import IngestError, read_document, read_table

console = Console()
errors = Console(stderr=True)


def fail(message: str, code: int = 2) -> None:
    errors.print(f"[bold red]错误[/]：{message}", highlight=False)
    raise typer.Exit(code)


@contextmanager
def user_errors():
    """Report a user's mistake (bad file, bad value) as one line and exit 2 — never a traceback."""
    try:
        yield
    except IngestError as error:
        fail(str(error))


def load(path: Path) -> Table:
    """The first table of the file at `path`; unreadable input exits 2 with one line."""
    with user_errors():
        return read_table(path)
    raise AssertionError("unreachable")


def load_document(path: Path) -> Document:
    """Every table of the file at `path`; unreadable input exits 2 with one line."""
    with user_errors():
        return read_document(path)
    raise AssertionError("unreachable")
