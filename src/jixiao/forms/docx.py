"""A table on its official form (`layout.form_sheet`) as a Word document (DOCX): A4 landscape, title in
宋体, table in 仿宋, merged cells.

python-docx writes the merges as gridSpan/vMerge, which the DOCX reader reads back.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell

from ..domain.table import Table
from .layout import form_sheet
from .official import Sheet

BODY_FONT, TITLE_FONT = "仿宋", "宋体"


def write_docx(table: Table, target: str | Path | io.BytesIO) -> None:
    render(form_sheet(table)).save(target)


def docx_bytes(table: Table) -> bytes:
    out = io.BytesIO()
    write_docx(table, out)
    return out.getvalue()


def new_document():
    """An empty A4-landscape document whose body font is 仿宋."""
    document = docx.Document()
    _page(document)
    _font(document.styles["Normal"], BODY_FONT, 10.5)
    return document


def render(sheet: Sheet):
    document = new_document()
    add_sheet(document, sheet)
    return document


def add_sheet(document, sheet: Sheet, *, titles: bool = True) -> None:
    """The sheet's title lines as centred paragraphs, then its table with merges."""
    for block in (b for b in sheet.blocks if b.row < sheet.table_from and titles):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(block.text)
        run.bold = block.role == "title"
        run.font.size = Pt(16 if block.role == "title" else 12)
        _run_font(run, TITLE_FONT)
    rows = sheet.rows - sheet.table_from
    table = document.add_table(rows=rows, cols=len(sheet.widths))
    table.style = "Table Grid"
    table.autofit = False
    total = sum(sheet.widths)
    usable = 25.7  # cm of A4 landscape between 2 cm margins
    for tr in table._tbl.tr_lst:  # a row never breaks across pages (printing, and reading back a PDF)
        tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    # The cells, taken once before any merge (table.cell() rescans the whole table on every call).
    grid = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
    for row in grid:
        for i, width in enumerate(sheet.widths):
            row[i].width = Cm(usable * width / total)
    for block in (b for b in sheet.blocks if b.row >= sheet.table_from):
        r, c = block.row - sheet.table_from, block.col
        cell = grid[r][c]
        if block.rowspan > 1 or block.colspan > 1:
            _merge(grid, r, c, block.rowspan, block.colspan)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        lines = block.text.split("\n") if block.text else [""]
        first = cell.paragraphs[0]
        for k, line in enumerate(lines):
            paragraph = first if k == 0 else cell.add_paragraph()
            paragraph.alignment = {"long": WD_ALIGN_PARAGRAPH.LEFT, "number": WD_ALIGN_PARAGRAPH.RIGHT}.get(block.role, WD_ALIGN_PARAGRAPH.CENTER)
            if line:
                run = paragraph.add_run(line)
                run.bold = block.role == "header"


def _merge(grid, r: int, c: int, rowspan: int, colspan: int) -> None:
    """Merge a block the way Word stores it (w:gridSpan across, w:vMerge down), on cells taken before
    any merge; python-docx's Cell.merge rescans the table on every call, far slower for a long form."""
    for row in range(r, r + rowspan):
        head = grid[row][c]._tc
        width = head.width
        for col in range(c + 1, c + colspan):
            covered = grid[row][col]._tc
            width = width + covered.width if width is not None and covered.width is not None else width
            covered.getparent().remove(covered)
        if colspan > 1:
            head.grid_span = colspan
            head.width = width
        if rowspan > 1:
            head.vMerge = "restart" if row == r else "continue"


def _page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))


def _font(style, name: str, size: float) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _run_font(run, name: str) -> None:
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
