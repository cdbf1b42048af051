"""DOCX reader (python-docx): paragraphs and tables of the body in order, merges from the table grid.

Horizontal merges are `w:gridSpan` on a cell; vertical merges are `w:vMerge` (restart on the head,
continue below). Both become the spans of `spans.build_rows`. The container was checked first
(`container.open_zip`); python-docx parses with entity resolution off.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn

from ...domain.source import Source
from ..errors import IngestError
from ..grid import Cell, Grid, Row
from ..limits import Limits
from .container import archive_stream
from .spans import Span, build_rows, clean


def read_docx(archive: zipfile.ZipFile, file: str | None, limits: Limits) -> Grid:
    where = Source(file=file)
    try:
        document = docx.Document(io.BytesIO(archive_stream(archive).getvalue()))
    except Exception as error:  # noqa: BLE001 — python-docx raises many kinds for broken parts
        raise IngestError(f"DOCX 文件已损坏或不是有效的 Word 文档：{type(error).__name__}", where) from None
    rows: list[Row] = []
    cells = 0
    for child in _blocks(document.element.body):
        if child.tag == qn("w:p"):
            text = clean(_paragraph_text(child))
            line = len(rows) + 1
            if text:
                rows.append(Row(cells=(Cell(text=text, source=Source(file=file, line=line, column=1)),), line=line))
        elif child.tag == qn("w:tbl"):
            texts, spans = _table(child)
            cells += sum(len(r) for r in texts)
            if cells > limits.max_cells:
                raise IngestError(f"表格单元格过多（超过 {limits.max_cells:,} 个），已拒绝读取", where)
            first = len(rows) + 1

            def source(r: int, c: int, first=first) -> Source:
                return Source(file=file, line=first + r, column=c + 1)

            rows.extend(build_rows(texts, spans, source, [first + r for r in range(len(texts))]))
    if not rows:
        raise IngestError("Word 文档中没有任何文字", where)
    return Grid(rows=tuple(rows), file=file, spans_known=True, meta={"format": "docx"})


def _blocks(parent):
    """Paragraphs and tables in document order, also inside content controls (w:sdt) of templates."""
    for child in parent.iterchildren():
        if child.tag in (qn("w:p"), qn("w:tbl")):
            yield child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _paragraph_text(p) -> str:
    out = []
    for node in p.iter(qn("w:t"), qn("w:br"), qn("w:tab"), qn("w:cr")):
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:tab"):
            out.append(" ")
        else:
            out.append("\n")
    return "".join(out)


def _cell_text(tc) -> str:
    return "\n".join(_paragraph_text(p) for p in _blocks(tc) if p.tag == qn("w:p"))


def _table(tbl) -> tuple[list[list[str]], list[Span]]:
    texts: list[list[str]] = []
    spans: list[Span] = []
    open_heads: dict[int, int] = {}  # column → index in spans of the vertical merge it continues
    for r, tr in enumerate(tbl.iterchildren(qn("w:tr"))):
        row: list[str] = []
        c = _grid_before(tr)
        row.extend([""] * c)
        for tc in tr.iterchildren(qn("w:tc")):
            props = tc.find(qn("w:tcPr"))
            span = _int(props, "w:gridSpan") or 1
            vmerge = props.find(qn("w:vMerge")) if props is not None else None
            state = None if vmerge is None else (vmerge.get(qn("w:val")) or "continue")
            text = clean(_cell_text(tc))
            if state == "continue" and c in open_heads:
                index = open_heads[c]
                r0, c0, _, c1 = spans[index]
                spans[index] = (r0, c0, r, c1)
                text = ""
            else:
                open_heads.pop(c, None)
                if state == "restart":
                    open_heads[c] = len(spans)
                    spans.append((r, c, r, c + span - 1))
                elif span > 1:
                    spans.append((r, c, r, c + span - 1))
            row.append(text)
            row.extend([""] * (span - 1))
            c += span
        texts.append(row)
    width = max((len(r) for r in texts), default=0)
    return [r + [""] * (width - len(r)) for r in texts], spans


def _grid_before(tr) -> int:
    props = tr.find(qn("w:trPr"))
    return _int(props, "w:gridBefore") or 0


def _int(props, tag: str) -> int | None:
    if props is None:
        return None
    node = props.find(qn(tag))
    if node is None:
        return None
    try:
        return int(node.get(qn("w:val")))
    except (TypeError, ValueError):
        return None
