"""PDFs made here from our own XLSX (LibreOffice headless), read back; the official XLSX printed to PNG.

Needs `soffice` (Debian/Ubuntu: libreoffice-calc) and `pdftoppm` (poppler-utils), and a CJK font
(fonts-noto-cjk) so the characters have glyphs; each test says which tool it is missing when skipped.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from forms_support import content

from jixiao.domain.table import Table
from jixiao.forms import render
from jixiao.ingest import read_bytes

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) 未安装：apt-get install libreoffice-calc")


def to_pdf(source: Path, target: str = "pdf") -> Path:
    profile = source.parent / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target, "--outdir", str(source.parent), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    pdf = source.with_suffix(".pdf")
    assert pdf.exists(), f"LibreOffice did not write {pdf.name}"
    return pdf


@pytest.fixture(scope="module")
def official_pdf(example, tmp_path_factory) -> Path:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) 未安装：apt-get install libreoffice-calc")
    folder = tmp_path_factory.mktemp("pdf")
    xlsx = folder / "official.xlsx"
    xlsx.write_bytes(render(example, "xlsx"))
    return to_pdf(xlsx)


@needs_soffice
def test_ruled_pdf_from_official_xlsx_reads_the_example(example, official_pdf):
    result = read_bytes(official_pdf.read_bytes(), official_pdf.name)
    assert content(result) == content(example)
    pages = {i.sources["name"].page for i in result.indicators}
    assert len(pages) > 1  # the indicator block crosses a page break and stays aligned


@needs_soffice
def test_ruled_pdf_from_official_docx_reads_the_example(example, tmp_path):
    source = tmp_path / "official.docx"
    source.write_bytes(render(example, "docx"))
    pdf = to_pdf(source)
    assert content(read_bytes(pdf.read_bytes(), pdf.name)) == content(example)


def _short(example) -> Table:
    """The example's indicators whose texts fit one printed line, nothing else."""
    rows = [i for i in example.indicators if all(len(v or "") <= 14 for v in (i.name, i.period_value, i.annual_value))]
    return Table(title=example.title, year=example.year, indicators=rows)


@needs_soffice
def test_unruled_pdf_reads_by_word_positions(example, tmp_path):
    table = _short(example)
    book = openpyxl.load_workbook(io.BytesIO(render(table, "xlsx")))
    sheet = book.active
    for row in sheet.iter_rows():
        for cell in row:
            cell.border = openpyxl.styles.Border()
    for letter in "ABCDEF":
        sheet.column_dimensions[letter].width = 34
    path = tmp_path / "unruled.xlsx"
    book.save(path)
    result = read_bytes(to_pdf(path).read_bytes(), "unruled.pdf")
    assert not result.indicators[0].sources["name"].sheet
    expected = [(i.name, i.period_value, i.annual_value) for i in table.indicators]
    got = [(i.name, i.period_value, i.annual_value) for i in result.indicators]
    assert {name for name, _, _ in got} == {name for name, _, _ in expected}
    rows = sum(row in got for row in expected) / len(expected)
    labels = sum((i.level1, i.level2, i.name) in {(j.level1, j.level2, j.name) for j in result.indicators} for i in table.indicators) / len(expected)
    print(f"unruled PDF: rows read exactly {rows:.0%}, with their labels {labels:.0%}")
    assert rows >= 0.9  # measured 100%
    assert labels >= 0.95  # measured 100%: labels centred in their groups, as renderers draw merged cells


@needs_soffice
@pytest.mark.skipif(PDFTOPPM is None, reason="pdftoppm 未安装：apt-get install poppler-utils")
def test_official_xlsx_prints_to_a_page_that_is_not_blank(official_pdf, tmp_path):
    from PIL import Image

    subprocess.run([PDFTOPPM, "-r", "40", "-png", "-f", "1", "-l", "1", str(official_pdf), str(tmp_path / "page")], check=True, timeout=60)
    png = next(tmp_path.glob("page*.png"))
    image = Image.open(png).convert("L")
    width, height = image.size
    assert width > height  # A4 landscape
    dark = sum(image.histogram()[:128])
    assert dark / (width * height) > 0.01  # borders and text, not an empty page


@needs_soffice
def test_password_protected_pdf(example, tmp_path):
    from jixiao.ingest import IngestError

    source = tmp_path / "secret.xlsx"
    source.write_bytes(render(example, "xlsx"))
    options = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    pdf = to_pdf(source, f"pdf:calc_pdf_Export:{options}")
    with pytest.raises(IngestError, match="密码"):
        read_bytes(pdf.read_bytes(), pdf.name)
