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
from .decoder import fit

_LABELS = sorted({x.name for x in (*framework.LEVEL1, *framework.LEVEL2)} | {"成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标"}, key=len, reverse=True)
LABEL_PATTERN = re.compile(rf"(?:{'|'.join(map(re.escape, _LABELS))})(?:[（(]\d+(?:\.\d+)?分[)）])?")
_UNIT = "|".join(re.escape(u) for u in sorted({*UNIT_NAMES, "%", "％", "万元", "亿元", "万人", "万亩", "平方米", "厘米", "公里"}, key=len, reverse=True))
_OP = r"(?:≥|≤|>|<|=|大于等于|小于等于|不低于|不高于|不少于|不超过|不大于|不小于)"
_QUANTITY = re.compile(rf"{_OP}?\s*\d+(?:\.\d+)?\s*(?:{_UNIT})?")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,2})?")
_QUALITATIVE = re.compile(r"[\u4e00-\u9fff]{2,8}")
_PLACEHOLDER = re.compile(r"…+|\.{3,}")
_BAD_NAME_START = re.compile(r"[\d≥≤><=%（）()、,，.。:：;；…]")

MISSING = -1.5  # a column without its piece
STRAY = -2.0  # a character that belongs to nothing
NAME = 1.0
LABEL = 0.5


@dataclass
class FusedRow:
    level1: str | None
    level2: str | None
    name: str
    cells: dict[str, str] = field(default_factory=dict)  # column → its piece


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


def _pieces(text: str, p: int, column: str) -> list[tuple[int, float]]:
    """The pieces that may fill `column` from position p: (end, fit)."""
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
                out.append((p + end, fit(column, piece) + bonus + cut))
    elif column in ("target", "actual", "annual", "period"):
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
                score = fit("annual", piece) if pattern is _QUANTITY else 0.6
                if text.startswith(piece, p + end):
                    score += 0.8  # target and actual printed alike (显著提升显著提升, ≥90%≥90%)
                if pattern is _QUANTITY:
                    score += _cut_penalty(text, p + end) - (1.0 if re.fullmatch(r"\d+(\.\d+)?", piece) else 0.0)
                    if re.match(rf"{_OP}?\s*0\d", piece):
                        score -= 2.0  # a value does not begin with 0 (unless 0.x)
                out.append((p + end, score))
    elif column == "op":
        match = re.compile(_OP).match(text, p)
        if match:
            out.append((match.end(), 3.0))
    elif column == "unit":
        match = re.compile(_UNIT).match(text, p)
        if match:
            out.append((match.end(), 2.0))
    return out


def _cut_penalty(text: str, end: int) -> float:
    """A value cut inside its number (≥2|66米) or between its number and its unit (≥266|米) is unlikely."""
    if end >= len(text) or end == 0:
        return 0.0
    before, after = text[end - 1], text[end]
    if before.isdigit() and (after.isdigit() or after == "."):
        return -2.5
    if before.isdigit() and re.match(_UNIT, text[end:]):
        return -1.5
    return 0.0


def _name_fit(name: str) -> float:
    """A row's name: a few words, no operator, not a unit or a value's tail."""
    if len(name) < 3 or re.search(r"[≥≤<>=]", name) or re.fullmatch(_UNIT, name) or re.search(r"\d$", name):
        return -2.0
    return NAME


def segment(text: str, columns: list[str]) -> list[FusedRow]:
    """The rows of a fused indicator block whose rows print `columns` after the name."""
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
            if not _BAD_NAME_START.match(text, p):
                for k in range(p + 2, min(p + 61, next_label[p], n) + 1):
                    if cells[k][0] > NEG:
                        options.append((_name_fit(text[p:k]) + cells[k][0], ("row", k)))
            best[p], move[p] = max(options, key=lambda o: o[0])
        cells[p][width] = best[p] if p == n or not text[p].isdigit() or p == 0 or not text[p - 1].isdigit() else NEG
        step[p][width] = ("end",)
        for r in range(width - 1, -1, -1):
            choice: tuple[float, tuple] = (MISSING + cells[p][r + 1], ("missing",))
            for end, score in _pieces(text, p, columns[r]):
                if cells[end][r + 1] > NEG and score + cells[end][r + 1] > choice[0]:
                    choice = (score + cells[end][r + 1], ("piece", end))
            cells[p][r], step[p][r] = choice
    return _rows(text, columns, move, step)


def _rows(text: str, columns: list[str], move: list, step: list) -> list[FusedRow]:
    rows: list[FusedRow] = []
    level1 = level2 = None
    p = 0
    while p < len(text) and move[p] is not None:
        kind, end = move[p]
        if kind == "label":
            label = re.sub(r"[（(].*$", "", text[p:end])
            if framework.is_level1(label) and not (label.startswith("成本") and framework.level1_code(level1) == "output"):
                level1, level2 = label, None
            else:
                level2 = label
                owner = framework.level1_of(label)
                level1 = level1 or (owner.name if owner else None)
        elif kind == "row":
            row = FusedRow(level1, level2, text[p:end])
            q, r = end, 0
            while r < len(columns):
                what = step[q][r]
                if what[0] == "piece":
                    row.cells[columns[r]] = text[q:what[1]].strip()
                    q = what[1]
                r += 1
            rows.append(row)
            end = q
        p = end
    return rows
