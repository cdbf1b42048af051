"""Find every table in a Grid (分表): a workbook sheet, a PDF or a web page may hold several forms.

A table starts at a form title (…绩效目标表, …申报表, …自评表, …监控表) and, once an indicator block has
been read, at the next project's facts (项目名称 / 项目编码 with a value): forms printed one after
another without a title repeat their facts block. Rows before the first table that hold no indicator
block (a budget document's other chapters) are a preamble, not a table. A grid with no indicator
header anywhere stays one segment, so the layout step can say what is missing.
"""

from __future__ import annotations

import dataclasses
import itertools
import re

from .grid import Grid, Row
from .indicators import is_footer
from .project import match_label
from .sections import section_of, squeeze

_TITLE = re.compile(r"绩效.{0,12}(目标|自评|评价|监控|监测|申报|填报|运行).{0,10}表([（(][^）)]*[）)])?$")
_TITLE_MAX = 60


def is_title(row: Row) -> bool:
    """A row holding only a form title, as printed above each form."""
    cells = row.nonempty()
    texts = {squeeze(c.text) for c in cells}
    if len(texts) != 1:
        return False
    text = texts.pop()
    return len(text) <= _TITLE_MAX and bool(_TITLE.search(text))


def _opens_facts(row: Row) -> bool:
    cells = row.nonempty()
    if len(cells) < 2:
        return False
    label = match_label(cells[0].text)
    return label is not None and label.key in ("name", "code") and match_label(cells[1].text) is None


def split_tables(grid: Grid) -> list[Grid]:
    starts: list[int] = [0]
    header_seen = False  # the current segment has an indicator header
    body_seen = False  # ... and at least one row after it
    for i, row in enumerate(grid.rows):
        if row.blank:
            continue
        if is_title(row) and (header_seen or i > starts[-1]):
            if i > starts[-1]:
                starts.append(i)
            header_seen = body_seen = False
            continue
        if section_of(row) == "indicators":
            header_seen = True
            continue
        if header_seen:
            if _opens_facts(row) and body_seen:
                starts.append(_pull_back(grid, i, starts[-1]))
                header_seen = body_seen = False
            else:
                body_seen = True
    segments = [grid.rows[a:b] for a, b in itertools.pairwise([*starts, len(grid.rows)])]
    tables = [rows for rows in segments if any(section_of(r) == "indicators" for r in rows)]
    if not tables:
        return [grid]
    return [dataclasses.replace(grid, rows=tuple(rows)) for rows in tables]


def _pull_back(grid: Grid, i: int, floor: int) -> int:
    """Start a facts-opened table at the title/year lines printed just above its facts (not at the
    footnote or signature lines that close the form above)."""
    j = i
    while j - 1 > floor:
        row = grid.rows[j - 1]
        if row.blank:
            j -= 1
            continue
        if is_footer(row):  # the footnote or signature under the previous form (填报日期：2025年…) is not a title
            break
        text = "".join(squeeze(c.text) for c in row.nonempty())
        if len(row.nonempty()) == 1 and len(text) <= _TITLE_MAX and ("表" in text or "年" in text):
            j -= 1
            continue
        break
    return j
