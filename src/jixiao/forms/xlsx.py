"""A table on its official form (`layout.form_sheet`) as XLSX (Excel/WPS): merges, borders, widths,
wrapping, print setup.

Fonts are named the way Chinese Office installations know them: 宋体 for the title, 仿宋 for the body
(GB/T 9704 style). The sheet prints on A4 landscape, fitted to the page width.
"""

from __future__ import annotations

import io
import math
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.merge import MergedCellRange

from ..domain.table import Table
from .layout import form_sheet
from .numbers import XLSX_MONEY
from .official import Sheet

TITLE_FONT = Font(name="宋体", size=16, bold=True)
SUBTITLE_FONT = Font(name="宋体", size=12)
BODY_FONT = Font(name="仿宋", size=11)
HEADER_FONT = Font(name="仿宋", size=11, bold=True)
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LINE_HEIGHT = 15.0  # points per line of the 11 pt body font


def write_xlsx(table: Table, target: str | Path | io.BytesIO) -> None:
    book = render(form_sheet(table))
    book.save(target)


def xlsx_bytes(table: Table) -> bytes:
    out = io.BytesIO()
    write_xlsx(table, out)
    return out.getvalue()


def render(sheet: Sheet) -> Workbook:
    book = Workbook()
    ws = book.worksheets[0]  # a new workbook's one (active) sheet
    ws.title = sheet.name
    for i, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    styles = _Styles(ws)
    lines = [1] * sheet.rows
    merges: list[MergedCellRange] = []
    for block in sheet.blocks:
        cell = ws.cell(row=block.row + 1, column=block.col + 1)
        bordered = block.row >= sheet.table_from
        number = block.role == "number" and block.number is not None
        if number:
            cell.value = block.number
        elif block.text:
            cell.value = block.text
            cell.data_type = "s"
        styles.apply(cell, block.role, bordered, (block.number_format or (XLSX_MONEY if isinstance(block.number, float) else "0")) if number else "0")
        if bordered:
            for r in range(block.row, block.row + block.rowspan):
                for c in range(block.col, block.col + block.colspan):
                    if (r, c) != (block.row, block.col):
                        styles.apply(ws.cell(row=r + 1, column=c + 1), "cell", True, "0")
        if block.rowspan > 1 or block.colspan > 1:
            merges.append(MergedCellRange(ws, CellRange(min_row=block.row + 1, min_col=block.col + 1, max_row=block.row + block.rowspan, max_col=block.col + block.colspan).coord))
        width = sum(sheet.widths[block.col : block.col + block.colspan])
        needed = _lines(block.text, width)
        lines[block.row] = max(lines[block.row], math.ceil(needed / block.rowspan))
    # Set at once, not through merge_cells() (which re-styles every edge cell, done above) nor through
    # MultiCellRange.add (which scans every range added before: quadratic in the rows). The Blocks of a
    # Sheet never overlap, so the check it skips cannot fail.
    ws.merged_cells = MultiCellRange(merges)
    for r, count in enumerate(lines):
        ws.row_dimensions[r + 1].height = max(count * _LINE_HEIGHT, 20.0) if r >= sheet.table_from else 28.0
    _print_setup(ws)
    return book


class _Styles:
    """Each combination of font, alignment, border and number format styled once, then copied:
    assigning openpyxl style objects cell by cell hashes them every time."""

    def __init__(self, ws):
        self.ws = ws
        self.done: dict[tuple, object] = {}

    def apply(self, cell, role: str, bordered: bool, number_format: str) -> None:
        key = (role, bordered, number_format)
        proto = self.done.get(key)
        if proto is not None:
            cell._style = copy(proto)
            return
        cell.font = {"title": TITLE_FONT, "subtitle": SUBTITLE_FONT, "header": HEADER_FONT}.get(role, BODY_FONT)
        horizontal = "left" if role == "long" else ("right" if role == "number" else "center")
        cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        if bordered:
            cell.border = BORDER
        if role == "number":
            cell.number_format = number_format
        self.done[key] = copy(cell._style)


def _lines(text: str, width: float) -> int:
    """Printed lines of a wrapped text in a column `width` characters wide (CJK counts double)."""
    total = 0
    for paragraph in (text or "").split("\n"):
        units = sum(2.3 if ord(ch) > 0x2E80 else 1.1 for ch in paragraph)  # renderers' CJK fonts run wide
        total += max(1, math.ceil(units / max(width - 2, 1)))
    return total


def _print_setup(ws) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
