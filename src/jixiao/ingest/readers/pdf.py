"""PDF reader (pdfplumber): ruled tables from their lines, everything else from character positions.

Where a page draws its table (cell borders), `find_tables` gives the cells and their merged ranges,
so the Grid knows its spans. A table continued on the next page keeps its columns: columns whose
merged cells carry over the page break (no border drawn there) are rebuilt from the rules that cross
them, and text a renderer drew outside the ruled area for such cells is handed back to them.
Where a page has no rules, characters are grouped into lines, cut into chunks at wide gaps and
placed in the columns that white-space gutters separate; the layout step then applies its text
repairs. A PDF without any text (a scan) is refused with a message that it needs OCR first.
"""

from __future__ import annotations

import bisect
import io
import itertools
import logging
import unicodedata

import pdfplumber

from ...domain.source import Source
from ..errors import IngestError
from ..grid import Cell, Grid, Row
from ..limits import Limits
from .spans import Span, build_rows, clean

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # a damaged PDF becomes an IngestError, not log noise
_GAP = 1.2  # a gap wider than this many character widths separates two cells on an unruled line


def read_pdf(data: bytes, file: str | None, limits: Limits) -> Grid:
    where = Source(file=file)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as error:  # noqa: BLE001 — pdfminer raises many kinds for a broken or encrypted file: an IngestError
        described = f"{type(error).__name__} {error!r}".lower()
        if "password" in described or "encrypt" in described:
            raise IngestError("PDF 已加密（设置了密码），请先去除密码后再导入", where) from None
        raise IngestError(f"PDF 文件已损坏，无法读取：{type(error).__name__}", where) from None
    if len(pages) > limits.max_pages:
        raise IngestError(f"PDF 页数过多（{len(pages)} 页，上限 {limits.max_pages}），已拒绝读取", where)
    rows: list[Row] = []
    ruled = False
    chars_seen = 0
    columns: list[float] = []  # left edges of the last ruled table's columns, to align its continuation
    try:
        for number, page in enumerate(pages, start=1):
            chars = page.chars
            chars_seen += sum(1 for c in chars if c["text"].strip())
            page_rows, page_ruled, columns = _page_rows(page, chars, number, file, len(rows), columns)
            ruled = ruled or page_ruled
            rows.extend(page_rows)
            if sum(len(r) for r in rows) > limits.max_cells:
                raise IngestError(f"PDF 单元格过多（超过 {limits.max_cells:,} 个），已拒绝读取", where)
            page.close()
    except IngestError:
        raise
    except Exception as error:  # noqa: BLE001 — pdfminer raises many kinds for a damaged page: an IngestError
        raise IngestError(f"PDF 内容无法解析：{type(error).__name__}", where) from None
    finally:
        pdf.close()
    if not chars_seen:
        raise IngestError("PDF 没有文字层（可能是扫描件或图片），需要先进行 OCR 文字识别后再导入", where)
    # unruled: merged labels were drawn at the vertical centre of their cells (how renderers print them)
    return Grid(rows=tuple(rows), file=file, spans_known=ruled, meta={"format": "pdf", "pages": len(pages), "centred_labels": not ruled})


def _page_rows(page, chars, number: int, file: str | None, before: int, columns: list[float]) -> tuple[list[Row], bool, list[float]]:
    tables = page.find_tables() if (page.lines or page.rects) else []
    tables = [t for t in tables if len(t.rows) > 1 or len(t.cells) > 1]
    free = []
    boxes = [t.bbox for t in tables]
    table_chars: list[list] = [[] for _ in tables]
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for i, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                table_chars[i].append(ch)
                break
        else:
            free.append(ch)
    items: list[tuple[float, tuple[list[list[str]], list[Span]] | list[str]]] = []  # a ruled table or a line of cells
    grids = []
    for table, tchars in zip(tables, table_chars, strict=True):  # one list of characters per table
        texts, spans, columns, added, ys = _table_grid(table, tchars, columns)
        if added:
            free = _fill_missing(page, table, texts, spans, columns, ys, added, free)
        grids.append((table, texts, spans, columns))
        items.append((table.bbox[1], (texts, spans)))
    lines = [line for line in _lines(free) if any(ch["text"].strip() for ch in line)]
    if grids:
        lines = _overflow(lines, grids[0], above=True)
        lines = _overflow(lines, grids[-1], above=False)
    chunked = [_chunks(line) for line in lines]
    gutters = None if tables else _gutters(chunked)
    for line, chunks in zip(lines, chunked, strict=True):  # chunked is made from lines
        items.append((line[0]["top"], _place(chunks, gutters)))
    items.sort(key=lambda item: item[0])
    rows: list[Row] = []
    for _, item in items:
        at = before + len(rows) + 1  # the row number of the item's first row
        if isinstance(item, tuple):  # a ruled table: (texts, spans)
            texts, spans = item

            def source(r: int, c: int, at: int = at) -> Source:
                return Source(file=file, page=number, line=at + r, column=c + 1)

            rows.extend(build_rows(texts, spans, source, [at + r for r in range(len(texts))]))
        else:
            cells = tuple(Cell(text=t, source=Source(file=file, page=number, line=at, column=i + 1)) for i, t in enumerate(item))
            rows.append(Row(cells=cells, line=at))
    return rows, bool(tables), columns


def _overflow(lines: list[list], grid, *, above: bool) -> list[list]:
    """Give back to a table the text of its merged cells that a page break pushed outside it.

    A label merged over rows that cross a page break is drawn centred on the whole range, so its
    characters land above or below the ruled part of the page, in the label's column. Lines that sit
    inside one column, between the table and the page edge, are grouped into blocks and handed, in
    order, to the empty merged heads of that column nearest that edge. Other lines stay free text."""
    table, texts, spans, xs = grid
    edges = [*xs, table.bbox[2]]
    top, bottom = table.bbox[1], table.bbox[3]
    blocks: dict[int, list[list[list]]] = {}
    rest = []
    for line in lines:
        ink = [ch for ch in line if ch["text"].strip()]
        x0, x1 = min(ch["x0"] for ch in ink), max(ch["x1"] for ch in ink)
        column = next((c for c in range(len(xs)) if edges[c] - 1 <= x0 and x1 <= edges[c + 1] + 1), None)
        outside = line[0]["bottom"] <= top + 1 if above else line[0]["top"] >= bottom - 1
        if column is None or not outside:
            rest.append(line)
            continue
        group = blocks.setdefault(column, [])
        if group and line[0]["top"] - group[-1][-1][0]["bottom"] < 0.8 * line[0]["size"]:
            group[-1].append(line)
        else:
            group.append([line])
    covered = {(r, c) for r0, c0, r1, c1 in spans for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0)}
    for column, groups in blocks.items():
        empty = [r for r in range(len(texts)) if column < len(texts[r]) and not texts[r][column] and (r, column) not in covered]
        if not above:
            empty.reverse()
            groups = groups[::-1]
        for r, group in zip(empty, groups, strict=False):  # blocks beyond the empty heads stay free text (below)
            texts[r][column] = clean(_join_lines([_line_text(line).strip() for line in group]))
        rest.extend(line for group in groups[len(empty):] for line in group)
    return sorted(rest, key=lambda line: line[0]["top"])


def _table_grid(table, chars, previous: list[float]):
    """Texts and merged ranges of a ruled table. A table continued from the previous page may lack
    the columns on its left whose merged cells carry on (no top border is drawn there): those
    columns of the previous table are added back (`added`) so positions stay aligned."""
    cells = [c for c in table.cells]
    xs = sorted({round(c[0], 1) for c in cells})
    added: list[int] = []
    shared = [p for p in previous if any(abs(x - p) <= 2 for x in xs)]
    missing = [p for p in previous if p < table.bbox[0] - 2]
    if shared and missing:
        xs = sorted(xs + missing)
        added = [xs.index(p) for p in missing]
    ys = sorted({round(c[1], 1) for c in cells})
    width, height = len(xs), len(ys)
    texts = [[""] * width for _ in range(height)]
    spans = []
    buckets: dict[tuple[int, int], list] = {}
    index = {}
    for x0, top, x1, bottom in cells:
        c, r = xs.index(round(x0, 1)), ys.index(round(top, 1))
        c1 = bisect.bisect_left(xs, round(x1, 1) - 0.5) - 1
        r1 = bisect.bisect_left(ys, round(bottom, 1) - 0.5) - 1
        c1, r1 = max(c, c1), max(r, r1)
        if c1 > c or r1 > r:
            spans.append((r, c, r1, c1))
        index[(x0, top, x1, bottom)] = (r, c)
    boxes = list(index.items())
    box_of = {rc: box for box, rc in boxes}
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        for (x0, top, x1, bottom), rc in boxes:
            if x0 <= cx <= x1 and top <= cy <= bottom:
                buckets.setdefault(rc, []).append(ch)
                break
    for (r, c), group in buckets.items():
        x0, _, x1, _ = box_of[(r, c)]
        texts[r][c] = clean(_join_cell_lines(_lines(group), x0, x1))
    return texts, spans, xs, added, ys


def _fill_missing(page, table, texts, spans, xs, ys, added, free) -> list:
    """Rebuild the columns a continued table lacks on this page (their merged cells have no top or
    bottom border here): the horizontal rules crossing such a column cut it into merged cells, and
    the free characters inside each piece are its text. Returns the characters left free."""
    x_edges = [*xs, table.bbox[2]]
    bottom = table.bbox[3]
    row_edges = [*ys, bottom]
    for c in added:
        left, right = x_edges[c], x_edges[c + 1]
        cuts = sorted({round(e["top"], 1) for e in page.edges if e["orientation"] == "h" and e["x0"] <= left + 2 and e["x1"] >= right - 2 and ys[0] - 1 <= e["top"] <= bottom + 1})
        cuts = [ys[0]] + [y for y in cuts if ys[0] + 1 < y < bottom - 1] + [bottom]
        for top, low in itertools.pairwise(cuts):
            rows = [r for r in range(len(ys)) if row_edges[r] >= top - 1 and row_edges[r + 1] <= low + 1]
            if not rows:
                continue
            inside = [ch for ch in free if left <= (ch["x0"] + ch["x1"]) / 2 <= right and top <= (ch["top"] + ch["bottom"]) / 2 <= low]
            if inside:
                texts[rows[0]][c] = clean(_join_lines([_line_text(line).strip() for line in _lines(inside)]))
                taken = {id(ch) for ch in inside}
                free = [ch for ch in free if id(ch) not in taken]
            if len(rows) > 1:
                spans.append((rows[0], c, rows[-1], c))
    return free


def _lines(chars) -> list[list]:
    """Characters grouped into lines by their vertical position, each line sorted left to right."""
    lines: list[list] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(ch["top"] - lines[-1][0]["top"]) <= max(1.0, 0.4 * ch["size"]):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _line_text(line) -> str:
    """A line's characters as text: a space glyph or a gap of a quarter character becomes one space."""
    out, last, space = [], None, False
    for ch in line:
        if not ch["text"].strip():
            space = True
            continue
        if last is not None and (space or (ch["x0"] - last["x1"] > 0.25 * ch["size"] and not (_wide(ch["text"]) or _wide(last["text"])))):
            out.append(" ")  # a gap between CJK characters is typesetting (justified text, full-width punctuation), not a space
        out.append(ch["text"])
        last, space = ch, False
    return "".join(out)


def _wide(text: str) -> bool:
    return unicodedata.east_asian_width(text[:1]) in ("W", "F") if text else False


def _join_cell_lines(lines: list[list], left: float, right: float) -> str:
    """The lines of a ruled cell joined as `_join_lines` does, except where the renderer broke a word
    because it filled the cell: a long code or number wrapped mid-way (4419002500 / 00012345) is one
    word. A line fills the cell when the next line's first character would not have fit after it
    (inside the cell's padding, measured from where its text starts)."""
    pairs = [(line, ink) for line in lines if (ink := [ch for ch in line if ch["text"].strip()])]
    if not pairs:
        return ""
    inks = [ink for _, ink in pairs]
    limit = right - (min(ink[0]["x0"] for ink in inks) - left)
    out = ""
    for k, (line, ink) in enumerate(pairs):
        text = _line_text(line).strip()
        if out and out[-1].isascii() and out[-1].isalnum() and text[:1].isascii() and text[:1].isalnum():
            last, first = inks[k - 1][-1], ink[0]
            if last["x1"] + (first["x1"] - first["x0"]) <= limit:  # room was left: the break was a space
                out += " "
        out += text
    return out


def _join_lines(lines: list[str]) -> str:
    """Wrapped lines of one cell: CJK joins directly, Latin words keep a space between them."""
    out = ""
    for line in lines:
        if out and out[-1].isascii() and out[-1].isalnum() and line[:1].isascii() and line[:1].isalnum():
            out += " "
        out += line
    return out


def _gutters(lines: list[list[list]]) -> list[float] | None:
    """Column boundaries of an unruled page: the x positions left blank by every chunk of the lines
    that hold two or more chunks (a borderless table keeps its columns apart with white space).
    None when fewer than three lines look tabular."""
    tabular = [chunks for chunks in lines if len(chunks) >= 2]
    if len(tabular) < 3:
        return None
    spans = sorted((min(c["x0"] for c in chunk), max(c["x1"] for c in chunk)) for chunks in tabular for chunk in chunks)
    cuts, reach = [], spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 > reach + 2:  # a gap no chunk covers
            cuts.append((reach + x0) / 2)
        reach = max(reach, x1)
    return cuts


def _place(chunks: list[list], gutters: list[float] | None) -> list[str]:
    """Cell texts of a line: in order, or at their column between gutters (several chunks in one
    column join with a space), so empty cells keep their place as in a tab-separated text."""
    texts = [_line_text(chunk).strip() for chunk in chunks]
    if gutters is None:
        return texts
    cells = [""] * (len(gutters) + 1)
    for chunk, text in zip(chunks, texts, strict=True):  # texts is made from chunks
        middle = (min(c["x0"] for c in chunk) + max(c["x1"] for c in chunk)) / 2
        column = bisect.bisect_left(gutters, middle)
        cells[column] = f"{cells[column]} {text}".strip()
    return cells


def _chunks(line) -> list[list]:
    """An unruled line cut into chunks of characters at gaps wider than `_GAP` character widths."""
    cells, current, last = [], [], None
    for ch in line:
        if not ch["text"].strip():
            current.append(ch)
            continue
        if last is not None and ch["x0"] - last["x1"] > _GAP * ch["size"]:
            cells.append(current)
            current = []
        current.append(ch)
        last = ch
    cells.append(current)
    return [cell for cell in cells if any(ch["text"].strip() for ch in cell)]
