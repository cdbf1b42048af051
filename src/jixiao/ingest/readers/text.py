"""Reader for tables published as flattened text: one table row per line, cells separated by tabs.

Merged cells are lost in such files: a merged label appears once (often not on the first row it
covers) and cells may be shifted. This reader only splits; the repairs belong to `ingest/layout.py`.
Lines with no tab but runs of two or more spaces, or ' | ' separators, are split on those.
"""

from __future__ import annotations

import re
from pathlib import Path

from ...domain.source import Source
from ..decode import decode
from ..grid import Cell, Grid, Row

_PIPE = re.compile(r"\s*\|\s*")


def split_line(line: str) -> list[str]:
    if "\t" in line:
        return line.split("\t")
    if " | " in line or line.startswith("|"):
        return _PIPE.split(line.strip().strip("|"))
    return [line]


def read_text(data: bytes, file: str | None = None) -> Grid:
    text, encoding = decode(data, file)
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        cells = tuple(
            Cell(text=part.strip().replace("\u3000", " ").strip(), source=Source(file, number, col))
            for col, part in enumerate(split_line(line), start=1)
        )
        rows.append(Row(cells=cells, line=number))
    return Grid(rows=tuple(rows), file=file, spans_known=False, encoding=encoding)


def read_text_file(path: str | Path) -> Grid:
    path = Path(path)
    return read_text(path.read_bytes(), file=path.name)
