"""The ingest floor: published documents → Grids → a Document of Tables, with notes for every repair.

`read_document(path)` is the entry point: it picks a reader by the file's content (not only its name),
reads a Grid per sheet (or one for the whole document), finds every table in each and lays it out.
`read_table(path)` is the first table, for callers that handle one table at a time.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.document import Document
from ..domain.problem import Problem
from ..domain.source import Source
from ..domain.table import Table
from ..domain.text_cache import one_read
from .collector import collector_paused
from .errors import IngestError
from .layout import read_document as _lay_out
from .limits import Limits
from .readers import read_grids

__all__ = ["IngestError", "Limits", "Problem", "read_bytes", "read_document", "read_document_bytes", "read_table"]


def read_document_bytes(data: bytes, filename: str | None = None, limits: Limits | None = None) -> Document:
    """Every table of a document given as bytes; `limits` (default: `Limits.from_env()`) bound sizes. One
    read is one scope of the text caches (`domain/text_cache.py`): however many distinct texts it holds,
    each is worked out once; the cyclic collector waits until it ends (`collector.py`)."""
    with one_read(), collector_paused():
        return _lay_out(read_grids(data, filename, limits))


def read_document(path: str | Path, limits: Limits | None = None) -> Document:
    path = Path(path)
    limits = limits or Limits.from_env()
    return read_document_bytes(_read_file(path, limits), path.name, limits)


def read_bytes(data: bytes, filename: str | None = None, limits: Limits | None = None) -> Table:
    """The first table of a document given as bytes."""
    return read_document_bytes(data, filename, limits).tables[0]


def read_table(path: str | Path, limits: Limits | None = None) -> Table:
    """The first table of a document."""
    return read_document(path, limits).tables[0]


def _read_file(path: Path, limits: Limits) -> bytes:
    try:
        if path.stat().st_size > limits.max_file_bytes:
            raise IngestError(f"文件过大（{path.stat().st_size:,} 字节，上限 {limits.max_file_bytes:,}），已拒绝读取", Source(file=str(path)))
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError("文件不存在", Source(file=str(path))) from None
    except IsADirectoryError:
        raise IngestError("这是一个目录，不是文件", Source(file=str(path))) from None
    except PermissionError:
        raise IngestError("没有读取该文件的权限", Source(file=str(path))) from None
