"""XLSX reader (openpyxl, read-only): a Grid for every sheet with content, merged ranges expanded.

Budget systems export a project per sheet, so every sheet is read, in workbook order.

The container was checked by `container.open_zip` (no bombs, no DTDs); openpyxl parses through
defusedxml when it is installed. The sheet is streamed (read-only mode, a few milliseconds for a
published table); its merged ranges come from the same scan that counts its cells. Numbers come back
as text the way a person reads them: integers without '.0', percentages as the cell shows them ('95%').
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile

import openpyxl
from openpyxl.utils.cell import range_boundaries

from ...domain.source import Source
from ..errors import IngestError
from ..grid import Grid
from ..limits import Limits
from .container import archive_stream, scan_sheet
from .spans import build_rows, clean


def read_xlsx(archive: zipfile.ZipFile, file: str | None, limits: Limits) -> list[Grid]:
    """One Grid per sheet that holds anything, in workbook order; an IngestError when none does."""
    where = Source(file=file)
    merges: dict[str, list[str]] = {}
    total = 0
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            count, merges[name] = scan_sheet(archive, name, limits.max_cells, file)
            total += count
            if count > limits.max_cells or total > limits.max_cells * 4:
                raise IngestError(f"工作表单元格过多（超过 {limits.max_cells:,} 个），已拒绝读取", where)
    stream = archive_stream(archive)
    stream.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 — openpyxl raises many kinds for broken parts
        raise IngestError(f"XLSX 文件已损坏或不是有效的工作簿：{type(error).__name__}", where) from None
    grids: list[Grid] = []
    try:
        for sheet in book.worksheets:
            try:
                texts = _sheet_texts(sheet)
            except Exception as error:  # noqa: BLE001 — openpyxl raises many kinds for a broken sheet
                raise IngestError(f"XLSX 工作表“{sheet.title}”无法读取：{type(error).__name__}", where) from None
            if texts:
                grids.append(_grid(sheet, texts, merges.get(getattr(sheet, "_worksheet_path", "").lstrip("/"), []), file))
    finally:
        book.close()
    if not grids:
        raise IngestError("工作簿中没有任何内容", where)
    return grids


def _sheet_texts(sheet) -> list[list[str]]:
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # a stored <dimension> may be missing or wrong: read every row
    texts = [[_text(cell) for cell in row] for row in sheet.iter_rows()]
    while texts and not any(texts[-1]):
        texts.pop()
    return texts


def _grid(sheet, texts: list[list[str]], refs: list[str], file: str | None) -> Grid:
    spans = []
    for ref in refs:
        c0, r0, c1, r1 = range_boundaries(ref)
        if c0 is None or r0 is None or c1 is None or r1 is None:  # whole rows or columns: scan_sheet only matches A1:B2
            continue
        spans.append((r0 - 1, c0 - 1, r1 - 1, c1 - 1))
    width = max((len(r) for r in texts), default=0)
    for c0 in {s[3] for s in spans}:
        width = max(width, c0 + 1)
    texts = [row + [""] * (width - len(row)) for row in texts]
    title = sheet.title

    def source(r: int, c: int) -> Source:
        return Source(file=file, sheet=title, line=r + 1, column=c + 1)

    rows = build_rows(texts, spans, source)
    return Grid(rows=tuple(rows), file=file, spans_known=True, meta={"format": "xlsx", "sheet": title})


def _text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):  # the cell's text, trimmed: line breaks and tabs inside are the publisher's
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        fmt = getattr(cell, "number_format", None) or ""
        if "%" in fmt:
            decimals = len(fmt.split(".")[1].split("%")[0]) if "." in fmt else 0
            return f"{value * 100:.{decimals}f}%"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:  # beyond, digits are noise
            return str(int(value))
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return clean(str(value))
