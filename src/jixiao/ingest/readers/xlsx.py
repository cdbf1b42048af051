"""XLSX reader (openpyxl): the sheet holding the indicator table, merged ranges expanded.

The container was checked by `container.open_zip` (no bombs, no DTDs); openpyxl parses through
defusedxml when it is installed. Numbers come back as text the way a person reads them: integers
without '.0', percentages formatted as the cell shows them ('95%').
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile

import openpyxl

from ...domain.source import Source
from ..errors import IngestError
from ..grid import Grid
from ..limits import Limits
from .container import count_cells
from .spans import build_rows, clean

_MARKERS = ("一级指标", "三级指标", "绩效指标", "绩效目标")


def read_xlsx(archive: zipfile.ZipFile, file: str | None, limits: Limits) -> Grid:
    where = Source(file=file)
    for name in archive.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            if count_cells(archive, name, limits.max_cells) > limits.max_cells:
                raise IngestError(f"工作表单元格过多（超过 {limits.max_cells:,} 个），已拒绝读取", where)
    archive.fp.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(archive.fp.getvalue()), data_only=True)
    except Exception as error:  # openpyxl raises many kinds for broken parts
        raise IngestError(f"XLSX 文件已损坏或不是有效的工作簿：{type(error).__name__}", where) from None
    sheet = _table_sheet(book)
    if sheet is None:
        raise IngestError("工作簿中没有任何内容", where)
    if sheet.max_row * sheet.max_column > limits.max_cells:
        raise IngestError(f"工作表“{sheet.title}”过大（{sheet.max_row}×{sheet.max_column}），已拒绝读取", where)
    texts = [[_text(cell) for cell in row] for row in sheet.iter_rows()]
    spans = [(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1) for r in sheet.merged_cells.ranges]
    title = sheet.title

    def source(r: int, c: int) -> Source:
        return Source(file=file, sheet=title, line=r + 1, column=c + 1)

    rows = build_rows(texts, spans, source)
    return Grid(rows=tuple(rows), file=file, spans_known=True, meta={"format": "xlsx", "sheet": title})


def _table_sheet(book):
    """The first sheet that holds an indicator table, else the first sheet with any content."""
    first = None
    for sheet in book.worksheets:
        if sheet.max_row <= 1 and sheet.max_column <= 1 and sheet.cell(1, 1).value is None:
            continue
        first = first or sheet
        for row in sheet.iter_rows(values_only=True):
            if any(isinstance(v, str) and any(m in v for m in _MARKERS) for v in row):
                return sheet
    return first


def _text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        fmt = cell.number_format or ""
        if "%" in fmt:
            decimals = len(fmt.split(".")[1].split("%")[0]) if "." in fmt else 0
            return f"{value * 100:.{decimals}f}%"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.date().isoformat() if isinstance(value, dt.datetime) and value.time() == dt.time() else value.isoformat()
    return clean(str(value))
