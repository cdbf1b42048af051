"""Shared by the forms tests: a written XLSX, DOCX or HTML form read back as a grid of cells.

openpyxl, python-docx and lxml each give the cells with their merges; a merged block's cells share one
anchor, so a test can ask what stands right of a label, in a column, or how many rows a label covers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import docx
import lxml.html
import openpyxl


@dataclass
class Grid:
    """Cells as (text, anchor) by row; the cells of one merged block share their anchor."""

    rows: list[list[tuple[str, Any]]]

    def text(self, r: int, c: int) -> str:
        return self.rows[r][c][0]

    def anchor(self, r: int, c: int) -> Any:
        return self.rows[r][c][1]

    def find(self, text: str, col: int | None = None) -> list[tuple[int, int]]:
        """Top-left positions of the blocks holding exactly `text` (in column `col`, if given)."""
        seen: list[Any] = []
        found = []
        for r, row in enumerate(self.rows):
            for c, (t, a) in enumerate(row):
                if t == text and (col is None or c == col) and not any(a is s for s in seen):
                    seen.append(a)
                    found.append((r, c))
        return found

    def right_of(self, label: str) -> str:
        """The text of the block right of the (only) block labelled `label`."""
        [(r, c)] = self.find(label)
        here = self.anchor(r, c)
        return next(t for t, a in self.rows[r][c + 1 :] if a is not here)

    def span(self, r: int, c: int) -> int:
        """How many rows the block at (r, c) covers from r down."""
        here = self.anchor(r, c)
        return sum(1 for row in self.rows[r:] if c < len(row) and row[c][1] is here)


def xlsx_grid(data: bytes) -> Grid:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    owner: dict[tuple[int, int], Any] = {}
    for merged in ws.merged_cells.ranges:
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                owner[r, c] = merged
    rows = []
    for r in range(1, ws.max_row + 1):
        row = []
        for c in range(1, ws.max_column + 1):
            block = owner.get((r, c))
            value = ws.cell(block.min_row, block.min_col).value if block else ws.cell(r, c).value
            row.append(("" if value is None else str(value), block or (r, c)))
        rows.append(row)
    return Grid(rows)


def docx_grid(data: bytes) -> Grid:
    table = docx.Document(io.BytesIO(data)).tables[0]
    cells = [[table.cell(r, c) for c in range(len(table.columns))] for r in range(len(table.rows))]
    return Grid([[(cell.text, cell._tc) for cell in row] for row in cells])


def html_grid(data: bytes) -> Grid:
    page = lxml.html.fromstring(data.decode("utf-8").replace("<br>", "\n"))
    taken: dict[tuple[int, int], tuple[str, Any]] = {}
    for r, tr in enumerate(page.iter("tr")):
        c = 0
        for cell in tr:
            while (r, c) in taken:
                c += 1
            for dr in range(int(cell.get("rowspan", 1))):
                for dc in range(int(cell.get("colspan", 1))):
                    taken[r + dr, c + dc] = (cell.text_content(), cell)
            c += int(cell.get("colspan", 1))
    height, width = max(r for r, _ in taken) + 1, max(c for _, c in taken) + 1
    return Grid([[taken.get((r, c), ("", (r, c))) for c in range(width)] for r in range(height)])


GRIDS = {"xlsx": xlsx_grid, "docx": docx_grid, "html": html_grid}
