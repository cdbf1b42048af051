"""HTML reader (lxml): tables with rowspan/colspan, and the headings and paragraphs around them.

Excel 'save as web page' files, Excel 2003 XML (SpreadsheetML, often served as .xls) and government
pages are read the same way: text outside tables
(title, year line) becomes one-cell rows, each table row becomes a Grid row with its merged ranges.
Inside a cell, <br> and block elements start new lines; other whitespace collapses as a browser
shows it. Nested tables are read as the text of their cell.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ...domain.source import Source
from ..decode import decode
from ..errors import IngestError
from ..grid import Cell, Grid, Row
from ..limits import Limits
from .spans import Span, build_rows, clean

_BLOCKS = {"p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "pre", "ul", "ol", "caption", "center"}
_SKIP = {"script", "style", "head", "title", "noscript", "template"}
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>")


def read_html(data: bytes, file: str | None, limits: Limits) -> Grid:
    text, encoding = _decode(data, file)
    try:
        root = lxml.html.document_fromstring(_PROLOG.sub("", text))
    except (etree.ParserError, ValueError) as error:
        raise IngestError(f"HTML 无法解析：{error}", Source(file=file)) from None
    reader = _Reader(file, limits)
    body = root.find("body")
    reader.walk(body if body is not None else root)
    reader.flush()
    if not reader.tables:
        raise IngestError("网页中没有表格（<table>），不是可读取的绩效目标表", Source(file=file))
    return Grid(rows=tuple(reader.rows), file=file, spans_known=True, encoding=encoding, meta={"format": "html"})


def _decode(data: bytes, file: str | None) -> tuple[str, str]:
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb18030") else name
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, file)


class _Reader:
    def __init__(self, file: str | None, limits: Limits):
        self.file = file
        self.limits = limits
        self.rows: list[Row] = []
        self.pending: list[str] = []  # text outside tables not yet turned into a row
        self.tables = 0
        self.cells = 0

    def walk(self, element) -> None:
        for child in element.iterchildren():
            if not isinstance(child.tag, str):
                self._inline(child.tail)
                continue
            tag = child.tag.lower()
            if tag in _SKIP:
                self._inline(child.tail)
                continue
            if tag == "table" and child.find(".//table") is None:
                self.flush()
                self.table(child)
                self._inline(child.tail)
                continue
            # a table holding tables is page layout: its cells are read as blocks, its tables as tables
            block = tag in _BLOCKS or tag in ("td", "th")
            if tag == "br" or block:
                self.flush()
            self._inline(child.text)
            self.walk(child)
            if block:
                self.flush()
            self._inline(child.tail)
        return None

    def _inline(self, text: str | None) -> None:
        if text:
            self.pending.append(text)

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.pending)).strip()
        self.pending.clear()
        if text:
            line = len(self.rows) + 1
            cell_text = clean(text)
            self.rows.append(Row(cells=(Cell(text=cell_text, source=Source(file=self.file, line=line, column=1)),), line=line))

    def table(self, table) -> None:
        self.tables += 1
        first_line = len(self.rows) + 1
        grid_rows: list[list[str]] = []
        spans: list[Span] = []
        taken: set[tuple[int, int]] = set()
        for r, tr in enumerate(_rows_of(table)):
            grid_rows.append([])
            c = 0
            for td in tr:
                if not isinstance(td.tag, str) or td.tag.lower() not in ("td", "th", "cell"):
                    continue
                if td.get("ss:index"):  # SpreadsheetML skips empty cells by giving the next one's column
                    c = max(c, _span(td.get("ss:index")) - 1)
                while (r, c) in taken:
                    c += 1
                rowspan = _span(td.get("rowspan")) if td.get("rowspan") else 1 + _count(td.get("ss:mergedown"))
                colspan = _span(td.get("colspan")) if td.get("colspan") else 1 + _count(td.get("ss:mergeacross"))
                self.cells += rowspan * colspan
                if self.cells > self.limits.max_cells:
                    raise IngestError(f"表格单元格过多（超过 {self.limits.max_cells:,} 个），已拒绝读取", Source(file=self.file))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        taken.add((r + dr, c + dc))
                if rowspan > 1 or colspan > 1:
                    spans.append((r, c, r + rowspan - 1, c + colspan - 1))
                _put(grid_rows[r], c, cell_text(td))
                c += colspan
        height = len(grid_rows)
        width = max([c + 1 for _, c in taken] + [len(row) for row in grid_rows] + [0])
        texts = [row + [""] * (width - len(row)) for row in grid_rows]
        if not height:
            return

        def source(r: int, c: int) -> Source:
            return Source(file=self.file, line=first_line + r, column=c + 1)

        lines = [first_line + r for r in range(height)]
        self.rows.extend(build_rows(texts, [s for s in spans if s[0] < height], source, lines))


def _rows_of(table):
    """The <tr> of a table in order, through thead/tbody/tfoot, not those of nested tables
    (and the <Row> of an Excel 2003 XML 'SpreadsheetML' table, which sites serve as .xls)."""
    for child in table.iterchildren():
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if tag in ("tr", "row"):
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child.iterchildren() if isinstance(tr.tag, str) and tr.tag.lower() == "tr")


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip() or 1), 1000))
    except ValueError:
        return 1


def _count(value: str | None) -> int:
    return _span(value) if value else 0


def _put(row: list[str], c: int, text: str) -> None:
    while len(row) <= c:
        row.append("")
    row[c] = text


def cell_text(element) -> str:
    """The text of a cell as a browser lays it out: <br> and blocks break lines, spaces collapse."""
    parts: list[str] = []

    def visit(node) -> None:
        if isinstance(node.tag, str):
            tag = node.tag.lower()
            if tag in _SKIP:
                return
            if tag == "br" or tag in _BLOCKS:
                parts.append("\n")
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node.iterchildren():
            visit(child)
            if child.tail:
                parts.append(child.tail)
        if isinstance(node.tag, str) and node.tag.lower() in _BLOCKS:
            parts.append("\n")

    visit(element)
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n")]
    return clean("\n".join(line for line in lines if line))
