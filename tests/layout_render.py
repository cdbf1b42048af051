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


VALUES = ("annual", "both", "reversed")
EXTRAS = ((), ("explanation",), ("weight", "explanation"), ("explanation", "scoring_rule"))
_EXTRA_WORDS = {"explanation": "指标解释", "weight": "分值", "scoring_rule": "评分标准"}


@dataclass(frozen=True)
class Layout:
    sep: str = "tab"
    labels: str = "every"
    header: str = "plain"
    lookalike: bool = False
    traditional: bool = False
    values: str = "annual"  # one value column, or 实施周期 and 年度 columns in either order
    extras: tuple[str, ...] = ()  # columns printed after the values (指标解释, 分值, 评分标准)


def _header(kind: str, values: str = "annual", extras: tuple[str, ...] = ()) -> list[str]:
    value = {"plain": "指标值", "spaced": "指标值", "marked": "*指标值", "suffixed": "指标值(年度)"}[kind]
    if values != "annual":
        pair = ["实施周期指标值", "年度指标值" if kind != "marked" else "*年度指标值"]
        value_words = pair if values == "both" else pair[::-1]
    else:
        value_words = [value]
    words = ["一级指标", "二级指标", "三级指标", *value_words, *(_EXTRA_WORDS[e] for e in extras)]
    if kind == "spaced":
        words[0] = " ".join(words[0])
    return words


def _cells(row: Row, layout: Layout, k: int) -> list[str]:
    """A row's printed cells: labels, name, its value once or twice (period and annual equal) and the
    extra columns (an explanation that says what the name measures, a weight, a scoring rule)."""
    level1, level2, name, value = row
    values = [value] if layout.values == "annual" else [value, value]
    extra = {"explanation": f"反映{name}的情况", "weight": str(5 + k % 4 * 5), "scoring_rule": "达到目标值得满分，未达到按比例扣分"}
    return [level1, level2, name, *values, *(extra[e] for e in layout.extras)]


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
    cells = [_cells(r, layout, k) for k, r in enumerate(rows)]
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
    lines = ["2025年度项目支出绩效目标表", *_format([_header(layout.header, layout.values, layout.extras), *_shown(rows, layout)], layout)]
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
                    lookalike=st.booleans(), traditional=st.booleans(), values=st.sampled_from(VALUES),
                    extras=st.sampled_from(EXTRAS)).filter(lambda lay: lay.sep != "fused" or lay.labels != "middle")
