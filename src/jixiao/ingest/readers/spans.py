"""Turning a table with merged ranges into Grid rows, the same way for every format (合并单元格).

Decision shared by the XLSX, DOCX, HTML and PDF readers: the head of a merged range keeps its text
and its `rowspan`/`colspan`; the cells it covers are marked `merged=True`. Cells covered *below* the
head, in the head's column, repeat the head's text (a merged 一级指标 label is then on every row of
its group, which is what a person sees); cells covered to the *right* are empty, so a label that
spans two columns is not mistaken for its own value.
"""

from __future__ import annotations

from ..grid import Cell, Row, Source

Span = tuple[int, int, int, int]  # first row, first column, last row, last column (0-based, inclusive)


def build_rows(texts: list[list[str]], spans: list[Span], where, lines: list[int] | None = None) -> list[Row]:
    """Rows of Cells from a rectangular `texts` matrix and its merged ranges.

    `where(r, c)` gives the Source of cell (r, c); `lines[r]` the row number to record.
    """
    height = len(texts)
    heads: dict[tuple[int, int], tuple[int, int]] = {}
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in spans:
        if r0 >= height or (r0 == r1 and c0 == c1):
            continue
        r1 = min(r1, height - 1)
        heads[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = (r0, c0)
    rows = []
    for r, line in enumerate(texts):
        cells = []
        for c, text in enumerate(line):
            head = covered.get((r, c))
            if head is not None:
                text = texts[head[0]][head[1]] if c == head[1] else ""
                cells.append(Cell(text=text, source=where(head[0], head[1]), merged=True))
                continue
            rowspan, colspan = heads.get((r, c), (1, 1))
            cells.append(Cell(text=text, source=where(r, c), rowspan=rowspan, colspan=colspan))
        rows.append(Row(cells=tuple(cells), line=lines[r] if lines else r + 1))
    return rows


def clean(text: str) -> str:
    """Cell text as the layout expects it: lines trimmed, full-width and no-break spaces made plain."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\xa0", " ")
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


__all__ = ["Source", "Span", "build_rows", "clean"]
