"""Render a canonical indicator block in the text layouts published pages use (版式生成器).

A block is rows of (level-1, level-2, name, value). `render(rows, layout)` prints it under a title
and a header the way flattened web pages do:
- `sep`: cells separated by a tab, by ' | ', by one space (names hold no spaces), one cell per line, or
  none at all: the whole page fused into one line (title, header and rows);
- `labels`: merged labels printed on every row, on the first row of their group, or on its middle row
  (a merged cell centred vertically), the other rows leaving the cell out (text) or empty (tab, pipe);
- `header`: as printed, letter-spaced (一 级 指 标), marked (*指标值) or suffixed (指标值(年度));
- `lookalike`: ≥ and = printed as ≧ and ﹦; `traditional`: the whole page in traditional characters
  with the level labels glossed in pinyin as mirror sites print them (指標(biāo)).
`strategy()` draws a block and a layout; the property in `test_layout_property.py` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass

import opencc
from documents_support import GROUPS, POOL
from hypothesis import strategies as st

Row = tuple[str, str, str, str]  # level-1, level-2, 三级指标, 指标值

SEPARATORS = ("tab", "pipe", "space", "line", "fused")
LABELS = ("every", "top", "middle")
HEADERS = ("plain", "spaced", "marked", "suffixed")
_S2T = opencc.OpenCC("s2t")


@dataclass(frozen=True)
class Layout:
    sep: str = "tab"
    labels: str = "every"
    header: str = "plain"
    lookalike: bool = False
    traditional: bool = False


def _header(kind: str) -> list[str]:
    words = ["一级指标", "二级指标", "三级指标", "指标值"]
    if kind == "spaced":
        return [" ".join(w) if i == 0 else w for i, w in enumerate(words)]
    if kind == "marked":
        return [*words[:3], "*指标值"]
    if kind == "suffixed":
        return [*words[:3], "指标值(年度)"]
    return words


def _groups(rows: list[Row], level: int) -> list[tuple[int, int]]:
    """Runs of consecutive rows sharing their labels up to `level` (1: level-1, 2: level-1 and level-2)."""
    runs, start = [], 0
    for k in range(1, len(rows) + 1):
        if k == len(rows) or rows[k][:level] != rows[start][:level]:
            runs.append((start, k))
            start = k
    return runs


def _shown(rows: list[Row], layout: Layout) -> list[list[str]]:
    """The cells of each row as printed: merged labels blanked where the layout does not print them."""
    cells = [list(r) for r in rows]
    if layout.labels == "every":
        return cells
    for level in (1, 2):
        for start, end in _groups(rows, level):
            keep = start if layout.labels == "top" else start + (end - start - 1) // 2
            for k in range(start, end):
                if k != keep:
                    cells[k][level - 1] = ""
    return cells


def render(rows: list[Row], layout: Layout) -> str:
    lines = ["2025年度项目支出绩效目标表", *_format([_header(layout.header), *_shown(rows, layout)], layout)]
    text = ("".join(lines) if layout.sep == "fused" else "\n".join(lines)) + "\n"
    if layout.lookalike:
        text = text.replace("≥", "≧").replace("=", "﹦")
    if layout.traditional:
        text = _S2T.convert(text).replace("指標", "指標(biāo)")
    return text


def _format(table: list[list[str]], layout: Layout) -> list[str]:
    if layout.sep == "tab":
        return ["\t".join(r) for r in table]
    if layout.sep == "pipe":
        return [" | ".join(r) + " |" for r in table]
    if layout.sep == "space":
        return [" ".join(c for c in r if c) for r in table]
    return [c for r in table for c in r if c]  # one cell per line, or (fused) every cell run together


@st.composite
def blocks(draw) -> list[Row]:
    """A block of one to eight rows under the framework's groups, names unique."""
    rows: list[Row] = []
    used: set[str] = set()
    for level1, groups in GROUPS:
        for level2 in groups:
            if level2 not in POOL or not draw(st.booleans()):
                continue
            for name, values in draw(st.lists(st.sampled_from(POOL[level2]), min_size=1, max_size=2, unique_by=lambda x: x[0])):
                if name not in used and len(rows) < 8:
                    used.add(name)
                    rows.append((level1, level2, name, draw(st.sampled_from(values))))
    return rows or [("产出指标", "数量指标", *POOL["数量指标"][0][:1], POOL["数量指标"][0][1][0])]


# A page fused into one line keeps no trace of a label centred in its group: that one is left out.
layouts = st.builds(Layout, sep=st.sampled_from(SEPARATORS), labels=st.sampled_from(LABELS), header=st.sampled_from(HEADERS),
                    lookalike=st.booleans(), traditional=st.booleans()).filter(lambda lay: lay.sep != "fused" or lay.labels != "middle")
