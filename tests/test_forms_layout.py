"""The official layout as printed: merges, borders, fonts, widths, wrapping and A4 landscape in each format."""

from __future__ import annotations

import io

import docx
import openpyxl
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from jixiao.forms import render


def test_official_xlsx_print_layout(example):
    sheet = openpyxl.load_workbook(io.BytesIO(render(example, "xlsx"))).active
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == int(sheet.PAPERSIZE_A4) == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1
    assert sheet["A1"].value == example.title and sheet["A1"].font.name == "宋体" and sheet["A1"].font.b
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A1:F1" in merged and "B3:F3" in merged  # title across the table; department name across five columns
    header = next(row for row in sheet.iter_rows() if row[1].value == "一级指标")
    label = next(str(r) for r in sheet.merged_cells.ranges if r.min_row == header[0].row and r.min_col == 1)
    assert label.startswith("A") and sheet[label.split(":")[0]].value == "绩效指标"
    body = sheet.cell(row=header[0].row + 1, column=4)
    assert body.font.name == "仿宋" and body.alignment.wrap_text and body.border.left.style == "thin"
    widths = [sheet.column_dimensions[c].width for c in "ABCDEF"]
    assert widths[3] > widths[0] and all(w >= 10 for w in widths)


def test_official_html_prints_a4_landscape(example):
    page = render(example, "html").decode("utf-8")
    assert "@page { size: A4 landscape" in page and "<script" not in page and "http" not in page
    assert page.count('rowspan="') >= 5 and "仿宋" in page


def test_official_docx_page_and_fonts(example):
    document = docx.Document(io.BytesIO(render(example, "docx")))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    table = document.tables[0]
    assert table.style.name == "Table Grid"
    assert all(tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None for tr in table._tbl.tr_lst)
