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

Self-evaluation blocks (`selfeval_blocks`, `render_selfeval`) add their own layouts: 分值 after or before
the values, one number a row (分值 only, 完成值 and 得分 left empty), and text with no separator at all —
with its header or without (a fragment), wrapped over lines each opened by a page marker (2、).
"""

from __future__ import annotations

import re
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


# --- Self-evaluation tables (绩效自评表) -------------------------------------------------------------
# A row: level-1, level-2, 三级指标, 年度指标值, 实际完成值, 分值, 得分 (None where the table leaves the column empty).
SelfEvalRow = tuple[str, str, str, str, str | None, float | None, float | None]
SELFEVAL_SEPARATORS = ("pipe", "space", "line", "fused")
SELFEVAL_COLUMNS = ("full", "weight_first", "weight_only")  # 值 实际 分值 得分 | 分值 值 实际 得分 | 值 分值 (one number a row)
# values the value grammar reads whole (its units); none begins with 0: fused after a weight, 20|0次 and 200|次 are one text
_READABLE = r"^(≥|≤|不低于|不少于|不超过)?[1-9]\d*(\.\d+)?(%|人次|人|个|台|场|公里|万元|次|年|小时|栋|座)?$"


@dataclass(frozen=True)
class SelfEvalLayout:
    """How a published self-evaluation prints: `sep` as for targets, or `fused` (no separator at all);
    `columns`: the order of 分值 and which columns are filled; `header`: printed or lost (a fragment);
    `markers`: the fused text wrapped over lines, each continuation opened by a page marker ('2、')."""

    sep: str = "pipe"
    columns: str = "full"
    header: bool = True
    markers: bool = False


def _selfeval_header(columns: str) -> list[str]:
    values = {"full": ["年度指标值", "实际完成值", "分值", "得分"], "weight_first": ["分值", "年度指标值", "实际完成值", "得分"],
              "weight_only": ["指标值", "完成值", "权重", "得分"]}[columns]
    return ["一级指标", "二级指标", "三级指标", *values, "偏差原因分析及改进措施"]


def _number(x: float | None) -> str:
    return "" if x is None else f"{x:g}"


def _selfeval_cells(row: SelfEvalRow, columns: str) -> list[str]:
    _, _, name, target, actual, weight, score = row
    if columns == "weight_first":
        return [name, _number(weight), target, actual or "", _number(score)]
    return [name, target, actual or "", _number(weight), _number(score)]


def render_selfeval(rows: list[SelfEvalRow], layout: SelfEvalLayout) -> str:
    """A self-evaluation block as a page prints it: labels once per group (merged cells), the header
    unless lost, the cells by the layout's separator."""
    table: list[list[str]] = []
    seen: tuple[str, str] | None = None
    for row in rows:
        labels = [row[0] if seen is None or seen[0] != row[0] else "", row[1] if seen != row[:2] else ""]
        seen = (row[0], row[1])
        table.append([*labels, *_selfeval_cells(row, layout.columns)])
    header = [_selfeval_header(layout.columns)] if layout.header else []
    title = "2024年度项目支出绩效自评表"
    if layout.sep == "fused":
        body = "".join(c for r in [*header, *table] for c in r)
        lines = _wrapped(body) if layout.markers else [body]
        return "\n".join([title, *lines, "总分100"]) + "\n"
    body = _format([*header, *table], Layout(sep=layout.sep))
    lines = [title, *body, "总分 | 100 |" if layout.sep == "pipe" else "总分 100"]
    return "\n".join(lines) + "\n"


def _wrapped(text: str, width: int = 37) -> list[str]:
    """Fused text as an OCR'd preview prints it: cut every `width` characters, each piece after the
    first opened by its page's marker (2、, 3、 …)."""
    pieces = [text[k:k + width] for k in range(0, len(text), width)]
    return [piece if k == 0 else f"{k + 1}、{piece}" for k, piece in enumerate(pieces)]


@st.composite
def selfeval_blocks(draw, columns: str = "full") -> list[SelfEvalRow]:
    """One to six rows under the framework's groups, with values the value grammar reads whole
    (quantities with their unit, or words printed alike as target and actual)."""
    rows: list[SelfEvalRow] = []
    used: set[str] = set()
    for level1, groups in GROUPS:
        for level2 in groups:
            if level2 not in POOL or not draw(st.booleans()):
                continue
            for name, values in POOL[level2]:
                readable = [v for v in values if re.match(_READABLE, v)]
                if name in used or not readable or len(rows) >= 6 or not draw(st.booleans()):
                    continue
                used.add(name)
                target = draw(st.sampled_from(readable))
                weight = float(draw(st.sampled_from([5, 10, 15])))  # six rows at most: the points stay within 100
                if columns == "weight_only":
                    rows.append((level1, level2, name, target, None, weight, None))
                    continue
                number = re.search(r"\d+(\.\d+)?", target)
                assert number is not None  # every readable value holds its number
                other = target.replace(number.group(), f"{float(number.group()) + draw(st.integers(1, 9)):g}", 1).lstrip("≥≤不低于少超过")
                actual = draw(st.sampled_from([target.lstrip("≥≤"), other]))
                score = draw(st.sampled_from([weight, weight - 1, weight / 2]))
                rows.append((level1, level2, name, target, actual, weight, score))
    return rows or [("产出指标", "数量指标", "开展技能培训人次", "≥500人次", "520人次", 20.0, 20.0)]
