"""Indicator blocks flattened without cell separators, rebuilt into rows before the layout step (展平表格).

Two published shapes lose the table's rows altogether, not only its merges:
- one cell per line (cells as paragraphs, or lines ending in ' |'): the header 一级指标 / 二级指标 /
  三级指标 / 指标值 is spread over consecutive lines, and so is every indicator row;
- one row per line with cells separated by single spaces, which also occur inside cells;
- a row's cells fused into one string (labels glued to the name), its value on the next line.
`unflatten(grid)` recognizes either from the header and rebuilds the indicator block as rows of
positioned cells (labels from the framework vocabulary, then the name, then as many values as the
header has columns after 三级指标), so the usual layout applies. Grids with real cells and grids
whose spans are known are returned unchanged. Nothing here knows a particular file.
"""

from __future__ import annotations

import dataclasses
import re

from ..domain import framework
from ..domain.values import parse_value
from .fused_lines import fused_line, rebuild_line
from .grid import Cell, Grid, Row, Source
from .indicators import Columns
from .sections import INDICATOR_HEADER, INDICATOR_SECTION_LABEL, header_word, squeeze

# Header cells that may follow 三级指标 in a printed header (value and explanation columns).
_HEADER_WORDS = re.compile(r"^(绩效指标|一级指标|二级指标|三级指标|指标名称|指标内容|(实施周期|中长期|年度)?指标值|目标值|预期.{0,4}目标|(计量)?单位|分值|权重|指标解释|指标说明.*|评.{0,3}分.{0,3}(标准|细则)|备注)(（.*）|\(.*\))?$")
_SPACES = re.compile(r"\s+")
_NOTE = re.compile(r"^(注|备注|说明)\s*[:：]")
_POINTS = re.compile(r"\s*[（(][\d.\-—~～]+(分)?[)）]\s*分?$")


def unflatten(grid: Grid) -> Grid:
    if grid.spans_known:
        return grid
    rows = list(grid.rows)
    for i, row in enumerate(rows):
        cells = row.nonempty()
        if len(cells) != 1:
            continue
        text = squeeze(cells[0].text)
        if text in ("一级指标", INDICATOR_SECTION_LABEL) and _lined_header(rows, i):
            return _rebuild(grid, rows, i, _by_line)
        tokens = [header_word(t) for t in _header_tokens(cells[0].text)]
        if sum(1 for t in tokens if t in INDICATOR_HEADER) >= 2 and all(_HEADER_WORDS.match(t) for t in tokens):
            return _rebuild(grid, rows, i, _by_spaces)
        if fused_line(cells[0].text):  # the whole table on this line, no separators at all
            facts, header, body, doubts = rebuild_line(cells[0])
            meta = grid.meta | {"unflattened": True, "row_doubts": tuple(doubts)}
            return Grid(rows=(*rows[:i], *facts, header, *body, *rows[i + 1:]), file=grid.file, spans_known=False, encoding=grid.encoding, meta=meta)
        if "一级指标二级指标三级指标" in text:
            return _rebuild(grid, rows, i, _by_fused)
    return grid


def _header_tokens(text: str) -> list[str]:
    """Space-separated header words, from 一级指标 on (a row label such as 年度绩效目标(90分) may lead);
    a letter-spaced word (一 级 指 标) is one word."""
    tokens = _SPACES.split(_LETTER_SPACED.sub(lambda m: _SPACES.sub("", m.group()), text.strip()))
    return tokens[tokens.index("一级指标"):] if "一级指标" in tokens else tokens


_LETTER_SPACED = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?: [\u4e00-\u9fff])+(?![\u4e00-\u9fff])")


def _label(text: str) -> str:
    """A label without the points printed after it: 成本指标(0-20)分 → 成本指标."""
    return _POINTS.sub("", text)


def _single(row: Row) -> Cell | None:
    cells = row.nonempty()
    return cells[0] if len(cells) == 1 else None


def _lined_header(rows: list[Row], start: int) -> bool:
    """Header words one per line from `start`: at least 一级指标 and 二级指标 among them."""
    words = []
    for row in rows[start:]:
        if row.blank:
            continue
        cell = _single(row)
        if cell is None or not _HEADER_WORDS.match(header_word(cell.text)):
            break
        words.append(header_word(cell.text))
    return sum(1 for w in words if w in INDICATOR_HEADER) >= 2


def _rebuild(grid: Grid, rows: list[Row], start: int, split) -> Grid:
    """The grid with its indicator block rebuilt; `meta["row_doubts"]` holds (name's Source, code) for rows the
    rebuild is unsure of: ROW-CUT (the text ends inside the row), NAME-FUSED (a name whose explanation
    could not be told from it)."""
    header, body, end, doubts = split(rows, start)
    meta = grid.meta | {"unflattened": True, "row_doubts": tuple(doubts)}
    return Grid(rows=tuple([*rows[:start], header, *body, *rows[end:]]), file=grid.file, spans_known=False, encoding=grid.encoding, meta=meta)


def _positions(header: list[Cell]) -> tuple[int, int, int, int]:
    """Label, name and value positions by the one header model (`Columns`), with the number of columns
    printed after the name."""
    columns = Columns.from_header(Row(cells=tuple(header), line=0))
    return columns.level1, columns.level2, columns.name, len(header) - columns.name - 1


def _by_line(rows: list[Row], start: int):
    """Cell-per-line: the header from consecutive lines, then rows of labels, a name and values."""
    header: list[Cell] = []
    k = start
    while k < len(rows):
        row = rows[k]
        if not row.blank:
            cell = _single(row)
            if cell is None or not _HEADER_WORDS.match(header_word(cell.text)):
                break
            if header_word(cell.text) != INDICATOR_SECTION_LABEL:  # the row label, not a column
                header.append(_moved(cell, header_word(cell.text)))
        k += 1
    level1, level2, name, values = _positions(header)
    width = name + 1 + values
    body: list[Row] = []
    doubts: list[tuple[Source, str]] = []
    labels: dict[int, Cell] = {}
    current: list[Cell] = []
    last_label: Cell | None = None
    state_level1: str | None = None
    while k < len(rows):
        row = rows[k]
        if row.blank:
            k += 1
            continue
        cell = _single(row)
        if cell is None or _NOTE.match(cell.text) or section_start(cell.text):
            break
        text = squeeze(cell.text)
        if text == INDICATOR_SECTION_LABEL or (len(text) == 1 and not current):
            k += 1  # the 绩效指标 row label, or a vertical label cut to its first character
            continue
        if text == "指标" and last_label is not None and not current:  # a label wrapped onto a second line
            col = level1 if last_label is labels.get(level1) else level2
            labels[col] = last_label = _moved(last_label, last_label.text + "指标")
            k += 1
            continue
        kind = _label_kind(text, state_level1)
        if kind == "level2" and ((last_label is not None and labels.get(level2) is last_label) or _value_next(rows, k)):
            kind = None  # a level-2 word right after the group's label, or right before a value, is the row's name (服务对象满意度)
        if kind and not current:
            col = level1 if kind == "level1" else level2
            if kind == "level1":
                state_level1 = text
                labels.pop(level2, None)
            labels[col] = last_label = cell
            k += 1
            continue
        last_label = None
        current.append(cell)
        if len(current) == 1 + values:
            body.append(_row(labels, current, name, width))
            labels, current = {}, []
        k += 1
    if current:  # the block ends inside a row: the page was cut there
        body.append(_row(labels, current, name, width))
        doubts.append((current[0].source, "ROW-CUT"))
    header_row = Row(cells=tuple(_pad(header, width)), line=header[0].source.line or rows[start].line)
    return header_row, body, k, doubts


def _value_next(rows: list[Row], k: int) -> bool:
    """The next non-blank line after line k is a value cell alone (≥90%, 1栋)."""
    for row in rows[k + 1:]:
        if not row.blank:
            cell = _single(row)
            return cell is not None and len(squeeze(cell.text)) <= 15 and parse_value(squeeze(cell.text)).kind in ("quantity", "range", "score", "deadline")
    return False


def _label_kind(text: str, level1: str | None) -> str | None:
    if framework.is_level1(text):
        # 成本指标 under 产出指标 is a level-2 group of the older framework
        if framework.level1_code(text) == "cost" and framework.level1_code(level1) == "output":
            return "level2"
        return "level1"
    if framework.is_level2(text):
        return "level2"
    return None


def _by_spaces(rows: list[Row], start: int):
    """Space-separated rows: split on spaces; labels lead, the last tokens are the values and the
    tokens between them are the name (names may hold spaces, values usually do not)."""
    first = _single(rows[start])
    assert first is not None  # unflatten calls this on a one-cell header line
    tokens = _header_tokens(first.text)
    source = first.source
    header = [Cell(text=t, source=dataclasses.replace(source, column=n + 1)) for n, t in enumerate(tokens) if t != INDICATOR_SECTION_LABEL]
    level1, level2, name, values = _positions(header)
    width = name + 1 + values
    body: list[Row] = []
    state_level1: str | None = None
    cells, k = _block(rows, start)
    for cell in cells:
        parts = _SPACES.split(cell.text.strip())
        labels: dict[int, Cell] = {}
        while parts and len(labels) < 2:
            if len(parts) == 1 + values and any(_VALUE_LIKE.search(x) for x in parts[1:]):
                break  # a label word followed by the values alone is the row's name (服务对象满意度 ≥90%)
            kind = _label_kind(_label(parts[0]), state_level1)
            if kind is None:
                break
            if kind == "level1":
                state_level1 = _label(parts[0])
            labels[level1 if kind == "level1" else level2] = _moved(cell, _label(parts.pop(0)))
        if not parts:
            body.append(_row(labels, [], name, width))
            continue
        cut = max(1, len(parts) - values)
        content = [" ".join(parts[:cut]), *parts[cut:]]
        body.append(_row(labels, [_moved(cell, t) for t in content], name, width))
    header_row = Row(cells=tuple(_pad(header, width)), line=rows[start].line)
    return header_row, body, k, []


def _block(rows: list[Row], start: int) -> tuple[list[Cell], int]:
    """The one-cell lines of an indicator block after its header line, up to a note, a new section
    or a line of several cells; and the index where the block ends."""
    cells: list[Cell] = []
    k = start + 1
    while k < len(rows):
        row = rows[k]
        if not row.blank:
            cell = _single(row)
            if cell is None or _NOTE.match(cell.text) or section_start(cell.text):
                break
            cells.append(cell)
        k += 1
    return cells, k


def _moved(cell: Cell, text: str) -> Cell:
    return Cell(text=text, source=cell.source)


def _pad(cells: list[Cell], width: int) -> list[Cell]:
    if not cells:  # a header always has cells; nothing to copy a source from otherwise
        return cells
    blank = Cell(text="", source=cells[0].source)
    return cells + [blank] * (width - len(cells))


def _row(labels: dict[int, Cell], content: list[Cell], name: int, width: int) -> Row:
    anchor = (content or list(labels.values()))[0]
    cells = [Cell(text="", source=anchor.source) for _ in range(width)]
    for col, cell in labels.items():
        cells[col] = cell
    for offset, cell in enumerate(content[: width - name]):
        cells[name + offset] = cell
    return Row(cells=tuple(cells), line=anchor.source.line or 0)


def section_start(text: str) -> bool:
    from .sections import SECTION_LABELS

    squeezed = squeeze(text)
    return any(squeezed.startswith(labels) for labels in SECTION_LABELS.values())


_FUSED_LABELS = sorted({label for l1 in framework.LEVEL1 for label in (l1.name,)} | {l2.name for l2 in framework.LEVEL2}, key=len, reverse=True)
_VALUE_LIKE = re.compile(r"[\d%％]")


def _doubled(text: str) -> str:
    """A fused name and explanation that repeats it ('甲乙甲乙') → the name once."""
    half = len(text) // 2
    return text[:half] if len(text) % 2 == 0 and half and text[:half] == text[half:] else text


_MEASURE = 3  # the shortest measure word an explanation repeats (完成率, 服务数量)
_LONG_NAME = 12  # a fused name longer than this, not cut, probably holds its explanation


def _explained(text: str) -> tuple[str, str] | None:
    """A name fused with an explanation that ends on the name's measure (技术指导服务数量 | 对生产种植企业
    技术指导服务数量; 党建任务完成率 | 上级党组织要求完成党建工作任务完成率): the name is the text up to the
    first place the text's own ending is printed; None when the ending is not printed twice."""
    for size in range(len(text) // 2, _MEASURE - 1, -1):
        ending = text[-size:]
        at = text.find(ending)
        if at + size < len(text) - size:
            return text[: at + size], text[at + size:]
    return None


_EXPLANATION_HEADER = re.compile(r"指标解释|指标说明|指标内涵|指标释义")


def _by_fused(rows: list[Row], start: int):
    """Fused rows: labels peeled off the front by the framework vocabulary, the rest is the name
    (with its explanation, once if it merely repeats the name), and the next short line holding a
    number or a percentage is the value. Where the header prints an explanation column, a name fused
    with an explanation that ends on the name's measure is cut there; one that cannot be cut is doubted."""
    first = _single(rows[start])
    assert first is not None  # unflatten calls this on a one-cell header line
    source = first.source
    explained = bool(_EXPLANATION_HEADER.search(first.text))
    words = ("一级指标", "二级指标", "三级指标", "指标解释", "指标值") if explained else ("一级指标", "二级指标", "三级指标", "指标值")
    header = [Cell(text=t, source=source) for t in words]
    body: list[Row] = []
    doubts: list[tuple[Source, str]] = []
    labels: dict[int, Cell] = {}
    name: list[Cell] | None = None
    state_level1: str | None = None
    cells, k = _block(rows, start)
    for cell in cells:
        text = squeeze(cell.text)
        if name is not None and len(text) <= 15 and _VALUE_LIKE.search(text):
            body.append(_row(labels, [*name, cell], 2, len(words)))
            labels, name = {}, None
            continue
        if name is not None:  # a name without a value: the row ends here
            body.append(_row(labels, name, 2, len(words)))
            labels = {}
        while (label := next((w for w in _FUSED_LABELS if text.startswith(w) and len(text) > len(w)), None)) is not None:
            kind = _label_kind(label, state_level1)
            if kind == "level1":
                state_level1 = label
            labels[0 if kind == "level1" else 1] = _moved(cell, label)
            text = text[len(label):]
        once = _doubled(text)
        parts = _explained(once) if explained and once == text else None
        if parts:
            name = [_moved(cell, parts[0]), _moved(cell, parts[1])]
        else:
            name = [_moved(cell, once), _moved(cell, once if once != text else "")] if explained else [_moved(cell, once)]
            if explained and once == text and len(once) > _LONG_NAME:
                doubts.append((cell.source, "NAME-FUSED"))
    if name is not None:
        body.append(_row(labels, name, 2, len(words)))
    return Row(cells=tuple(header), line=rows[start].line), body, k, doubts
