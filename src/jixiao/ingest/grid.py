"""The one intermediate shape every reader produces: a Grid of rows of Cells, each with its Source.

Readers know formats; the layout step knows tables. A Cell keeps the text as read (trimmed of
surrounding whitespace) and, when the format says so, the span of the merged range it heads
(`rowspan`/`colspan`) or that it is the covered part of a merge (`merged=True`). Covered cells below
the head, in its column, repeat the head's text (the layout step sees a merged label on every row it
covers); covered cells to the right are empty (a label spanning two columns is not its own value).
Their Source is the head's. `readers/spans.py` applies this for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.source import Source

__all__ = ["Cell", "Grid", "Source"]


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    source: Source
    rowspan: int = 1
    colspan: int = 1
    merged: bool = False  # a cell covered by a merged range headed elsewhere

    @property
    def empty(self) -> bool:
        return not self.text


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    line: int  # line / row number in the source (1-based)

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def nonempty(self) -> list[Cell]:
        return [c for c in self.cells if c.text]

    @property
    def blank(self) -> bool:
        return all(c.empty for c in self.cells)

    def __len__(self) -> int:
        return len(self.cells)

    def __getitem__(self, i: int) -> Cell:
        return self.cells[i]


@dataclass(frozen=True, slots=True)
class Grid:
    rows: tuple[Row, ...]
    file: str | None = None
    spans_known: bool = False  # True when the format carried merged ranges (XLSX, DOCX, HTML)
    encoding: str | None = None
    meta: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)
