"""The ingest floor: published documents → Grid → TargetTable, with notes for every repair.

`read_table(path)` is the entry point: it picks a reader by the file's content (not only its name),
reads a Grid and lays it out.
"""

from __future__ import annotations

from pathlib import Path

from ..domain.source import Source
from .errors import IngestError, IngestNote
from .layout import IngestResult, layout
from .limits import Limits
from .readers import read_grid

__all__ = ["IngestError", "IngestNote", "IngestResult", "Limits", "read_table", "read_bytes"]


def read_bytes(data: bytes, filename: str | None = None, limits: Limits | None = None) -> IngestResult:
    """Read a table from bytes; `limits` (default: `Limits.from_env()`) bound sizes and cell counts."""
    return layout(read_grid(data, filename, limits))


def read_table(path: str | Path, limits: Limits | None = None) -> IngestResult:
    path = Path(path)
    limits = limits or Limits.from_env()
    try:
        if path.stat().st_size > limits.max_file_bytes:
            raise IngestError(f"文件过大（{path.stat().st_size:,} 字节，上限 {limits.max_file_bytes:,}），已拒绝读取", Source(file=str(path)))
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError("文件不存在", Source(file=str(path))) from None
    except IsADirectoryError:
        raise IngestError("这是一个目录，不是文件", Source(file=str(path))) from None
    except PermissionError:
        raise IngestError("没有读取该文件的权限", Source(file=str(path))) from None
    return read_bytes(data, path.name, limits)
