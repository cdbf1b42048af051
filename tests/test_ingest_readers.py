"""Readers → Grid: merged spans as the format states them, format chosen by content, bad input refused."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from forms_support import content

from jixiao.forms import render
from jixiao.ingest import IngestError, read_bytes
from jixiao.ingest.limits import Limits
from jixiao.ingest.readers import read_grid, sniff


def _xlsx(build) -> bytes:
    book = openpyxl.Workbook()
    build(book.active)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _merged_sheet(ws):
    ws["A1"] = "一级指标"
    ws["B1"] = "二级指标"
    ws["C1"] = "三级指标"
    ws["A2"] = "产出指标"
    ws.merge_cells("A2:A4")
    ws["B2"] = "数量指标"
    ws["C2"] = "甲"
    ws["C3"] = "乙"
    ws["C4"] = "丙"
    ws["B5"] = "合并两列"
    ws.merge_cells("B5:C5")


def _check_spans(grid):
    assert grid.spans_known
    head = grid.rows[1].cells[0]
    assert (head.text, head.rowspan, head.colspan, head.merged) == ("产出指标", 3, 1, False)
    below = grid.rows[2].cells[0]
    assert (below.text, below.merged, below.source.line) == ("产出指标", True, head.source.line)
    wide = grid.rows[4].cells[1]
    assert (wide.text, wide.colspan) == ("合并两列", 2)
    right = grid.rows[4].cells[2]
    assert (right.text, right.merged) == ("", True)


def test_xlsx_merged_ranges_keep_head_span_and_mark_covered_cells():
    grid = read_grid(_xlsx(_merged_sheet), "t.xlsx")
    _check_spans(grid)
    assert grid.rows[1].cells[0].source.sheet


HTML_MERGED = """<html><body><p>标题</p><table>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th></tr>
<tr><td rowspan="3">产出指标</td><td>数量指标</td><td>甲</td></tr>
<tr><td></td><td>乙</td></tr><tr><td></td><td>丙</td></tr>
<tr><td></td><td colspan="2">合并两列</td></tr></table></body></html>"""


def test_html_rowspan_and_colspan():
    grid = read_grid(HTML_MERGED.encode(), "t.html")
    assert grid.rows[0].texts() == ["标题"]
    grid = type(grid)(rows=grid.rows[1:], file=grid.file, spans_known=grid.spans_known)
    _check_spans(grid)


def test_html_rowspan_beyond_the_table_is_cut():
    grid = read_grid(b"<table><tr><td rowspan=9>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "t.html")
    assert [r.texts() for r in grid.rows] == [["a", "b"], ["a", "c"]]


def test_docx_vertical_and_horizontal_merges(example):
    grid = read_grid(render(example, "docx"), "t.docx")
    assert grid.spans_known
    label = next(c for r in grid.rows for c in r.cells if c.text == "绩效指标" and not c.merged)
    assert label.rowspan == 1 + len(example.indicators) + len(example.empty_level2)
    title_row = next(r for r in grid.rows if r.cells[0].text == "部门名称")
    assert title_row.cells[1].colspan == 5 and title_row.cells[2].merged and not title_row.cells[2].text


def test_html_served_as_xlsx_is_read_by_content(example):
    data = render(example, "html")
    assert sniff(data, "table.xlsx") == "html"
    assert content(read_bytes(data, "table.xlsx")) == content(example)


def test_gb18030_html_with_declared_charset(example):
    text = render(example, "html").decode("utf-8").replace('charset="utf-8"', 'charset="gb2312"')
    table = read_bytes(text.encode("gb18030"), "t.htm")
    assert [i.name for i in table.indicators] == [i.name for i in example.indicators]


def test_xlsx_percent_and_integer_numbers_read_as_shown():
    def build(ws):
        ws["A1"], ws["B1"], ws["C1"] = 0.95, 39.0, 1767.72
        ws["A1"].number_format = "0%"

    grid = read_grid(_xlsx(build), "n.xlsx")
    assert grid.rows[0].texts() == ["95%", "39", "1767.72"]


# ---- bad input ------------------------------------------------------------------------------------


def _message(data: bytes, name: str, limits: Limits | None = None) -> str:
    with pytest.raises(IngestError) as caught:
        read_grid(data, name, limits)
    assert caught.value.source is not None and caught.value.source.file == name
    return caught.value.message


def test_zip_bomb_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * 20_000_000)
    assert "压缩炸弹" in _message(out.getvalue(), "bomb.xlsx")


def test_total_unzipped_size_limit_is_configurable():
    data = _xlsx(_merged_sheet)
    assert "解压后内容过大" in _message(data, "big.xlsx", Limits(max_unzipped_bytes=1000))


def test_sheet_with_too_many_cells_refused(monkeypatch):
    def build(ws):
        for _ in range(1, 101):
            ws.append(list(range(30)))

    data = _xlsx(build)
    assert "单元格过多" in _message(data, "huge.xlsx", Limits(max_cells=2000))
    monkeypatch.setenv("JIXIAO_MAX_CELLS", "1000")
    assert "单元格过多" in _message(data, "huge.xlsx")
    monkeypatch.setenv("JIXIAO_MAX_CELLS", "5000")
    assert len(read_grid(data, "huge.xlsx").rows) == 100


def test_html_table_with_too_many_cells_refused():
    html = "<table>" + "<tr><td colspan=1000 rowspan=1000>x</td></tr>" * 3 + "</table>"
    assert "单元格过多" in _message(html.encode(), "huge.html", Limits(max_cells=1_000_000))


def test_xml_with_entities_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>')
    assert "DOCTYPE" in _message(out.getvalue(), "evil.docx")


def test_password_protected_office_file():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 500
    assert "密码" in _message(data, "secret.xlsx")


def test_encrypted_zip_entry():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(out.getvalue())
    central = data.index(b"PK\x01\x02")
    data[6] |= 0x1  # the 'encrypted' flag, in the local header and in the central directory
    data[central + 8] |= 0x1
    assert "密码" in _message(bytes(data), "secret.xlsx")


def test_legacy_office_file():
    assert ".xlsx" in _message(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000, "old.xls")


def test_truncated_xlsx_is_corrupted(example):
    data = render(example, "xlsx")
    assert "损坏" in _message(data[: len(data) // 2], "cut.xlsx")


def test_zip_that_is_not_office():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hello")
    assert "不是 XLSX 或 DOCX" in _message(out.getvalue(), "x.xlsx")


def _pdf(content: bytes) -> bytes:
    """A one-page PDF whose page content stream is `content` (no fonts: no text layer)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def test_pdf_without_text_layer_needs_ocr():
    assert "OCR" in _message(_pdf(b"0 0 1 rg 10 10 200 200 re f"), "scan.pdf")


def test_corrupted_pdf():
    with pytest.raises(IngestError):
        read_grid(b"%PDF-1.4\n garbage that is not a pdf", "broken.pdf")


def test_empty_file():
    assert "为空" in _message(b"  \n", "empty.txt")


# ---- the layout step uses known spans ---------------------------------------------------------------


def _indicator_sheet(ws):
    ws.append(["部门名称", None, "某单位"])
    ws.merge_cells("A1:B1")  # a label spanning two columns: its value is past the covered cell
    ws.append(["绩效指标", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"])
    ws.append(["绩效指标", "产出指标", "数量指标", "甲", None, "5个"])
    ws.append(["绩效指标", None, None, "乙", "6个", "6个"])
    ws.merge_cells("A2:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:C4")


def test_spans_settle_what_flattened_text_must_guess():
    from jixiao.ingest.layout import layout_table as layout
    from jixiao.ingest.readers.text import read_text

    structured = read_bytes(_xlsx(_indicator_sheet), "spans.xlsx")
    assert structured.department.name == "某单位"
    first, second = structured.indicators
    assert (first.period_value, first.annual_value, first.single_value_slot_ambiguous) == (None, "5个", False)
    assert (second.level1, second.level2) == ("产出指标", "数量指标")
    assert not [n for n in structured.notes if n.code in ("SLOT-SINGLE", "LABEL-LATE", "LABEL-GUESS")]
    # the same rows as flattened text: the merge is gone, the single value is a guess with a note
    text = "部门名称\t\t某单位\n\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值\n\t产出指标\t数量指标\t甲\t\t5个\n\t\t\t乙\t6个\t6个\n"
    flat = layout(read_text(text.encode(), "flat.txt"))
    assert flat.indicators[0].single_value_slot_ambiguous
    assert any(n.code == "SLOT-SINGLE" for n in flat.notes)


def test_xlsx_with_a_wrong_stored_dimension_is_read_whole(example):
    import re

    source = zipfile.ZipFile(io.BytesIO(render(example, "xlsx")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1"/>', data)
            z.writestr(info, data)
    assert content(read_bytes(out.getvalue(), "lying.xlsx")) == content(example)


def test_excel_2003_xml_served_as_xls():
    data = """<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="表1"><Table>
<Row><Cell ss:MergeDown="2"><Data ss:Type="String">产出指标</Data></Cell><Cell ss:MergeAcross="1"><Data ss:Type="String">两列</Data></Cell></Row>
<Row><Cell ss:Index="3"><Data ss:Type="Number">3</Data></Cell></Row>
<Row><Cell ss:Index="2"><Data ss:Type="String">乙</Data></Cell></Row>
</Table></Worksheet></Workbook>""".encode()
    grid = read_grid(data, "table.xls")
    assert [r.texts() for r in grid.rows] == [["产出指标", "两列", ""], ["产出指标", "", "3"], ["产出指标", "乙", ""]]
    assert grid.rows[0].cells[0].rowspan == 3 and grid.rows[0].cells[1].colspan == 2


def test_table_inside_a_layout_table(example):
    inner = render(example, "html").decode("utf-8")
    body = inner[inner.index("<body>") + 6 : inner.index("</body>")]
    page = f"<html><body><table><tr><td>首页 | 信息公开</td></tr><tr><td>{body}</td></tr><tr><td>版权所有</td></tr></table></body></html>"
    assert content(read_bytes(page.encode(), "page.html")) == content(example)


def test_word_web_archive_served_as_doc(example):
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    archive = MIMEMultipart("related")
    archive.attach(MIMEText(render(example, "html").decode("utf-8").replace('charset="utf-8"', ""), "html", "gb18030"))
    data = archive.as_bytes()
    assert sniff(data, "table.doc") == "mhtml"
    assert content(read_bytes(data, "table.doc")) == content(example)


def test_docx_table_inside_a_content_control(example):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(render(example, "docx")))
    table = document.element.body.find(qn("w:tbl"))
    control, inner = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    control.append(inner)
    table.addprevious(control)
    inner.append(table)  # templates wrap their tables in content controls
    out = io.BytesIO()
    document.save(out)
    assert content(read_bytes(out.getvalue(), "template.docx")) == content(example)
