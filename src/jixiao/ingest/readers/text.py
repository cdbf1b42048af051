"""Reader for tables published as flattened text: one table row per line, cells separated by tabs.

Merged cells are lost in such files: a merged label appears once (often not on the first row it
covers) and cells may be shifted. This reader only splits; the repairs belong to `ingest/layout.py`.
Lines with no tab but '|' separators (web exports) are split on those; other lines are one cell
(`ingest/flattened.py` rebuilds indicator rows flattened one cell per line or space-separated).
"""

from __future__ import annotations

import re
from pathlib import Path

from ...domain.source import Source
from ..decode import decode
from ..grid import Cell, Grid, Row

_PIPE = re.compile(r"\s*\|\s*")


def split_line(line: str) -> list[str]:
    """Cells of a line: tab-separated, else '|'-separated (web exports: 'a | b |', '|||'), else one cell."""
    if "\t" in line:
        return line.split("\t")
    if "|" in line:
        return _PIPE.split(line.strip())
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
    return Grid(rows=tuple(rows), file=file, spans_known=False, encoding=encoding, meta={"format": "text"})


def read_text_file(path: str | Path) -> Grid:
    path = Path(path)
    return read_text(path.read_bytes(), file=path.name)
