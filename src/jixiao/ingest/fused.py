"""Indicator blocks printed without any cell separator, cut into cells (无分隔文本切分).

Some pages flatten a whole table into one string: `数量指标安装坡面水标尺10≥266米≥266米10水标尺宽度10≥50厘米…`.
The header tells which columns follow each name (here 分值, 年度指标值, 全年实际值, 得分); the framework
vocabulary finds the labels; the value grammar and the shape of numbers find the cells. The string is
cut by a dynamic programme over positions: at each position a label, a row (a name, then a piece for
each column in order — a column may be missing at a cost) or, at a price, a stray character; the cut
with the best total fit wins. Pieces are scored with the decoder's `fit`, names must not hold a label
and must not begin with a digit or an operator, and a row must not end inside a run of digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain import framework
from ..domain.script import fold_operators
from ..domain.units import UNIT_NAMES
from ..domain.values import parse_value
from .decoder import fit

_LABELS = sorted({x.name for x in (*framework.LEVEL1, *framework.LEVEL2)} | {"成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标"}, key=len, reverse=True)
LABEL_PATTERN = re.compile(rf"(?:{'|'.join(map(re.escape, _LABELS))})(?:[（(]\d+(?:\.\d+)?分[)）])?")
_UNIT = "|".join(re.escape(u) for u in sorted({*UNIT_NAMES, "%", "％", "万元", "亿元", "万人", "万亩", "平方米", "厘米", "公里"}, key=len, reverse=True))
_OP = r"(?:≥|≤|>|<|=|大于等于|小于等于|不低于|不高于|不少于|不超过|不大于|不小于)"
_QUANTITY = re.compile(rf"{_OP}?\s*\d+(?:\.\d+)?\s*(?:{_UNIT})?")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,2})?")
_QUALITATIVE = re.compile(r"[\u4e00-\u9fff]{2,8}")
_PLACEHOLDER = re.compile(r"…+|\.{3,}")
_EXPLANATION_END = re.compile(r"(情况|程度|水平|比例|比率|效果|成效|变化|质量|进度|数量|次数|时间|完成率)$")
_RULE_END = re.compile(r"(分|为止|扣完|不得分|满分)$")
_EXPLAINS = re.compile(r"反映|是指|指的是|衡量|用于")  # how an explanation cell begins (考核, 主要 begin names too)
_BAD_NAME_START = re.compile(r"[\d≥≤><=%（）()、,，.。:：;；…/／]")

_VALUE_START = re.compile(rf"{_OP}|[\d约不每全年近]")
_LONGEST_VALUE = 24
_LONG_NAME = 16
_NUMBER_WITHIN = 5  # a value's number comes early (不少于20, 每年3月), not after a run of words
_GRAMMAR_KINDS = frozenset({"quantity", "range", "deadline", "score", "compound"})
# How names end (what they measure) and how values in words end (what they promise).
_MEASURE_END = re.compile(r"(数量|人数|次数|人次|场次|时间|时限|期限|成本|费用|效果|效益|机制|面积|长度|年限|水平|规模|率|数|量|度|性|值)$")
_MEASURE_AT = re.compile(r"时间|时限|期限|数量|人数|次数|人次|场次|成本|费用|效果|效益|面积|长度|年限|完成率|合格率|满意度|覆盖率")
_VALUE_WORD_END = re.compile(r"(提升|提高|改善|有效|齐全|完成|正常|规范|达标|良好|优秀|合格|覆盖|明显|显著|减少|增加|降低|稳定|持续|到位|完善|及时|满意|健全|落实|畅通|可控|安全|保障|运行)$")

MISSING = -1.5  # a column without its piece
OPTIONAL = {"explanation": -0.2}  # columns often left blank: their absence costs little
STRAY = -2.0  # a character that belongs to nothing
NAME = 1.0
LABEL = 0.5


@dataclass
class FusedRow:
    level1: str | None
    level2: str | None
    name: str
    cells: dict[str, str] = field(default_factory=dict)  # column → its piece
    start: int = field(default=0, compare=False)  # where the name begins in the text
    end: int = field(default=0, compare=False)  # where the row's last piece ends
    level1_printed: bool = field(default=False, compare=False)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)  # "name" and each column → (start, end) in the text  # the level-1 label was printed, not implied by the level-2 one


def header_columns(text: str, words: dict[str, str]) -> list[str]:
    """The columns named in a fused header (`分值年度指标值全年实际值得分…`), in order: each header word
    (longest first) → its column; text between words is skipped."""
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    out: list[str] = []
    for match in pattern.finditer(text):
        column = words[match.group()]
        if column not in out:
            out.append(column)
    return out


def _pieces(text: str, p: int, column: str, words: bool = False) -> list[tuple[int, float]]:
    """The pieces that may fill `column` from position p: (end, fit). With `words` (target values,
    which may be words or any form the grammar reads) the domain grammar proposes values too, and a
    value in words is judged by its length and how it ends."""
    out: list[tuple[int, float]] = []
    if column in ("weight", "score"):
        match = _NUMBER.match(text, p)
        if match:  # every length of the digit run: fused numbers (20100%) are cut by what follows
            run = match.group()
            for end in range(1, len(run) + 1):
                piece = run[:end]
                if piece.endswith(".") or (len(piece) > 1 and piece.startswith("0") and not piece.startswith("0.")) or float(piece) > 100:
                    continue
                bonus = 0.3 if column == "weight" and float(piece) % 5 == 0 and float(piece) > 0 else 0.0
                cut = -1.0 if end < len(run) else 0.0  # a number cut from a longer run of digits (20|100%) must be needed
                if words:  # a number its unit follows (12月, 5人) is a value's, not a weight's
                    cut += _cut_penalty(text, p + end)
                out.append((p + end, fit(column, piece) + bonus + cut))
    elif column in ("target", "actual", "annual", "period"):
        if words:
            out.extend(_grammar_pieces(text, p))
        for pattern in (_QUANTITY, _QUALITATIVE):
            match = pattern.match(text, p)
            if not match or not match.group().strip():
                continue
            whole = match.group()
            ends = range(len(whole), 0, -1) if pattern is _QUANTITY else range(len(whole), 1, -1)
            for end in ends:
                piece = whole[:end]
                if pattern is _QUANTITY and (not re.search(r"\d", piece) or piece[-1] == "."):
                    continue
                # a value in words is short (有效提升, 资料齐全): beyond four characters it likely runs into a name
                score = fit("annual", piece) if pattern is _QUANTITY else 0.6 + (_word_value_fit(piece) if words else 0.0)
                if text.startswith(piece, p + end):
                    score += 0.8  # target and actual printed alike (显著提升显著提升, ≥90%≥90%)
                if pattern is _QUANTITY:
                    score += _cut_penalty(text, p + end) - (1.0 if re.fullmatch(r"\d+(\.\d+)?", piece) else 0.0)
                    if re.match(rf"{_OP}?\s*0\d", piece):
                        score -= 2.0  # a value does not begin with 0 (unless 0.x)
                out.append((p + end, score))
    elif column == "explanation":
        if _EXPLAINS.match(text, p):
            for end in range(p + 4, min(p + 61, len(text)) + 1):
                if re.match(r"[\d.≥≤<>=%]", text[end - 1]):
                    continue  # the value's number is the value's, not the explanation's
                # an explanation runs on to the value, and ends on what it describes (…情况, …程度)
                ending = 1.0 if _EXPLANATION_END.search(text, 0, end) else -0.5
                out.append((end, fit("explanation", text[p:end]) + 0.02 * (end - p) + ending))
    elif column == "scoring_rule":  # a rule says how points are given or taken (得满分, 扣2分)
        for end in range(p + 4, min(p + 61, len(text)) + 1):
            piece = text[p:end]
            if _RULE_END.search(piece):
                out.append((end, fit("scoring_rule", piece) + 0.05 * len(piece)))
    elif column == "op":
        match = re.compile(_OP).match(text, p)
        if match:
            out.append((match.end(), 3.0))
    elif column == "unit":
        match = re.compile(_UNIT).match(text, p)
        if match:
            out.append((match.end(), 2.0))
    return out


def _grammar_pieces(text: str, p: int) -> list[tuple[int, float]]:
    """Values the domain grammar reads whole from p, anchored by a number (12月底前完成, ≤350元/平方米,
    2025年12月31日前, 不超过2个工作日): the longer reading is preferred, a cut inside a number is not."""
    out: list[tuple[int, float]] = []
    if not _VALUE_START.match(text, p):
        return out
    for end in range(p + 1, min(p + _LONGEST_VALUE, len(text)) + 1):
        piece = text[p:end]
        if not any(c.isdigit() for c in piece[:_NUMBER_WITHIN]) or _cut_penalty(text, end) < 0:
            continue
        if parse_value(piece).kind in _GRAMMAR_KINDS:
            alike = 0.8 if text.startswith(piece, end) else 0.0  # period and annual printed alike
            out.append((end, 2.0 + 0.05 * len(piece) + alike))
    return out


def _cut_penalty(text: str, end: int) -> float:
    """A value cut inside its number (≥2|66米) or between its number and its unit (≥266|米) is unlikely."""
    if end >= len(text) or end == 0:
        return 0.0
    before, after = text[end - 1], text[end]
    if before.isdigit() and (after.isdigit() or after == "."):
        return -2.5
    if before in "年月日" and end >= 2 and text[end - 2].isdigit() and after in "前底内止后中末初":
        return -2.0  # a deadline cut before its last word (12月31日|前)
    if before.isdigit() and re.match(_UNIT, text[end:]):
        return -1.5
    return 0.0


def _word_value_fit(piece: str) -> float:
    """A value in words is short and ends on what it promises (有效提升, 资料齐全); beyond four
    characters it likely runs into the next name."""
    return (0.5 if _VALUE_WORD_END.search(piece) else 0.0) - 0.1 * max(0, len(piece) - 4)


def _name_fit(name: str, words: bool = False) -> float:
    """A row's name: a few words, no operator, not a unit or a value's tail; names usually end on
    what they measure (…率, …数量, …时间, …成本)."""
    if len(name) < 3 or re.search(r"[≥≤<>=]", name) or re.fullmatch(_UNIT, name) or re.search(r"\d$", name):
        return -2.0
    if not words:
        return NAME
    if re.search(rf"\d\s*(?:{_UNIT})$", name):  # ends on a number and its unit: a value, not a name
        return -2.0
    if len(name) == 3:  # a name this short is more often a longer one cut
        return NAME / 2
    measure = _MEASURE_END.search(name)
    long = 0.1 * max(0, len(name) - _LONG_NAME)  # two names run together are longer than one
    return -long + NAME + (0.4 + 0.1 * len(measure.group()) if measure else 0.0)  # the longer ending read whole (数量, not 数)


def segment(text: str, columns: list[str], row_cost: float = 0.0, words: bool = False) -> list[FusedRow]:
    """The rows of a fused indicator block whose rows print `columns` after the name. `row_cost` is
    paid for every row: where pieces may be words (target values such as 有效提升), it keeps names from
    being cut into many short rows; `words` is for target tables, whose values may be words (see `_pieces`)."""
    text = fold_operators(text)
    n, width = len(text), len(columns)
    labels = {m.start(): m.end() for m in LABEL_PATTERN.finditer(text)}
    next_label = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        next_label[i] = i if i in labels else next_label[i + 1]
    NEG = float("-inf")
    best = [NEG] * (n + 1)  # best[i]: the best cut of text[i:]
    move: list[tuple | None] = [None] * (n + 1)
    cells = [[NEG] * (width + 1) for _ in range(n + 1)]  # cells[p][r]: columns r.. from p, then best[·]
    step: list[list[tuple | None]] = [[None] * (width + 1) for _ in range(n + 1)]
    best[n] = 0.0
    for p in range(n, -1, -1):
        if p < n:
            options: list[tuple[float, tuple]] = [(STRAY + best[p + 1], ("stray", p + 1))]
            if p in labels:
                options.append((LABEL + best[labels[p]], ("label", labels[p])))
            if (m := _PLACEHOLDER.match(text, p)) is not None:
                options.append((best[m.end()], ("skip", m.end())))
            if not _BAD_NAME_START.match(text, p) and not (words and _cut_penalty(text, p) < 0):  # no name begins inside a value (12|月)
                for k in range(p + 2, min(p + 61, next_label[p], n) + 1):
                    if cells[k][0] > NEG:
                        early = 1.0 if words and _MEASURE_AT.match(text, k) else 0.0  # 项目完成|时间: a name ends on its measure, not before it
                        options.append((_name_fit(text[p:k], words) - early - row_cost + cells[k][0], ("row", k)))
            best[p], move[p] = max(options, key=lambda o: o[0])
        cells[p][width] = best[p] if p == n or not text[p].isdigit() or p == 0 or not text[p - 1].isdigit() else NEG
        step[p][width] = ("end",)
        for r in range(width - 1, -1, -1):
            choice: tuple[float, tuple] = (OPTIONAL.get(columns[r], MISSING) + cells[p][r + 1], ("missing",))
            for end, score in _pieces(text, p, columns[r], words):
                if next_label[p] < end:
                    continue  # a cell does not hold, nor run into, a group label
                if cells[end][r + 1] > NEG and score + cells[end][r + 1] > choice[0]:
                    choice = (score + cells[end][r + 1], ("piece", end))
            cells[p][r], step[p][r] = choice
    return _rows(text, columns, move, step)


def _rows(text: str, columns: list[str], move: list, step: list) -> list[FusedRow]:
    rows: list[FusedRow] = []
    level1 = level2 = None
    printed = False
    p = 0
    while p < len(text) and move[p] is not None:
        kind, end = move[p]
        if kind == "label":
            label = re.sub(r"[（(].*$", "", text[p:end])
            if framework.is_level1(label) and not (label.startswith("成本") and framework.level1_code(level1) == "output"):
                level1, level2, printed = label, None, True
            else:
                level2 = label
                owner = framework.level1_of(label)
                if level1 is None:
                    level1, printed = (owner.name if owner else None), False
        elif kind == "row":
            row = FusedRow(level1, level2, text[p:end], start=p, level1_printed=printed, spans={"name": (p, end)})
            q, r = end, 0
            while r < len(columns):
                what = step[q][r]
                if what[0] == "piece":
                    row.cells[columns[r]] = text[q:what[1]].strip()
                    row.spans[columns[r]] = (q, what[1])
                    q = what[1]
                r += 1
            row.end = q
            rows.append(row)
            end = q
        p = end
    return rows
