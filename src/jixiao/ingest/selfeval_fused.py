"""Self-evaluation tables printed without cell separators (无分隔的自评表), with or without their header.

OCR'd document previews and some web pages print a table as running text, wrapped at arbitrary
points and broken by page markers (`…投入管理` / `2、预算执行率10一100%9…`: the `2、` opens the
preview's second page, not a cell). The text is joined line to line with those markers dropped, and
cut by `fused.cut` with the columns that explain it best:
- the columns the fused header names (`…三级指标年初目标值(A)实际完成值(B)得分`), completed by a known
  template (`templates/*.toml`) when the header lost a word to OCR (`考值参分` for 参考分值) — a template
  whose columns hold the header's in order;
- with no header at all (a fragment cut mid-table), each template's columns;
and, since published fragments leave whole columns empty (no 完成值, no 得分), every choice of the
columns a table may have left out. The cut with the best total fit wins; a row pays dearly for a
column its table prints but it does not, so a column is left out only when no row fills it, and a
cut whose 分值 or 得分 add up to more than 100 is not a table's. A row that still misses a column,
whose name ends with the value printed after it, whose numbers were cut from one run of digits, or
beside which figures were left unread, carries that doubt (in Chinese) to the confidence step.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from ..domain.script import plain
from .fused import LABEL_PATTERN, FusedRow, cut, header_columns
from .templates import templates

# The columns a fused text can be cut into: an operator and a unit are read as part of the value.
_FUSED_COLUMNS = ("target", "actual", "weight", "score")
_KEPT = ("target",)  # a self-evaluation row always prints its target
_SCORED = ("weight", "score")
ROW_MISSING = -4.0  # a row without a piece of a column its table prints
MAX_BODY = 20_000  # characters of one fused table read (a table of ~200 rows); the rest is not a fused table's
FULL_MARKS = 100.5
OVER_FULL = -50.0  # a cut whose 分值 or 得分 add up to more than the table's 100 points
CHANGE = -0.5  # a column of the header left out as empty, or one added from a template
_PAGE_MARKER = re.compile(r"^\s*\d{1,2}、")
_SENTENCE_END = re.compile(r"[。；;：:！!？?]\s*$")
_STOP = re.compile(r"(总分|合计|评价结论|存在问题|注[:：]|填表说明|偏差大或目标未完成)")
MISSING_DOUBT = "无分隔文本中该行缺少{}，切分可能有误"
BOUNDARY_DOUBT = "名称末尾与指标值相同，名称与指标值的分界是推断的"
KIND_DOUBT = "指标值与实际完成值一个是数值、一个是文字，切分可能有误"
LABEL_DOUBT = "名称中含有“指标”二字，可能连着分组标签"
DIGITS_DOUBT = "几个数字连在一起印出，其分界是推断的"
SKIPPED_DOUBT = "旁边有带数字的文字未能读成指标行（{}），可能漏读了一行"
WORDS_DOUBT = "指标值和实际完成值都是文字且不相同，两者的分界是推断的"
_NAMES = {"target": "指标值", "actual": "实际完成值", "weight": "分值", "score": "得分"}


@dataclass
class Fused:
    """One row cut from fused text: the row, the line it starts on, and the reader's doubts about it."""

    row: FusedRow
    line: int
    doubts: list[str] = field(default_factory=list)


def joined(lines: list[str]) -> tuple[str, list[int]]:
    """The lines as one running text in their plain form (spaces inside a line kept as one space),
    page markers that continue a sentence dropped; and for each character the line (from 1) it came from."""
    text: list[str] = []
    where: list[int] = []
    previous = ""
    for number, line in enumerate(lines, start=1):
        if previous and not _SENTENCE_END.search(previous) and (marker := _PAGE_MARKER.match(line)):
            line = line[marker.end():]
        part = " ".join(plain(token) for token in line.split())
        if part:
            text.append(part)
            where += [number] * len(part)
            previous = part
    return "".join(text), where


def read_fused(lines: list[str]) -> list[Fused]:
    """The rows of a fused self-evaluation table in `lines` (empty when the text is not one)."""
    text, where = joined(lines)
    header = text.find("三级指标")
    if header >= 0:
        head = header + len("三级指标")
        label = LABEL_PATTERN.search(text, head)
        if label is None:
            return []
        named = [c for c in header_columns(text[head:label.start()], _HEADER_WORDS) if c in _FUSED_COLUMNS]
        if not any(c in named for c in ("target", "actual")):
            return []
        return _best(text, where, label.start(), _completed(named), named)
    label = LABEL_PATTERN.search(text)
    # without a header, only text that runs labels into names (数量指标足额保障率) is tried as a fused table
    if label is None or _FUSED_LABEL.search(text) is None:
        return []
    found = _best(text, where, label.start(), _headerless())
    # without a header only a body that is plainly a scored table is read: every row a target and a number
    if len(found) < 2 or not all(f.row.cells.get("target") and any(f.row.cells.get(c) for c in _SCORED) for f in found):
        return []
    return found


_HEADER_WORDS = {
    "年度指标值": "target", "指标值": "target", "目标值": "target", "年初目标值": "target", "年度目标值": "target",
    "实际完成值": "actual", "全年实际值": "actual", "完成值": "actual", "实际值": "actual", "全年实际完成值": "actual",
    "分值": "weight", "权重": "weight", "参考分值": "weight", "得分": "score", "原因": "reason",
}


def _template_columns() -> list[tuple[str, ...]]:
    return [tuple(c for c in t.columns if c in _FUSED_COLUMNS) for t in templates("selfeval")]


def _completed(named: list[str]) -> list[tuple[str, ...]]:
    """The header's columns, and each template's that hold them in the same order (a word lost to OCR);
    each with the columns its table may have left empty."""
    bases = [tuple(named)] + [columns for columns in _template_columns() if _holds(columns, named)]
    return _left_out(bases)


def _headerless() -> list[tuple[str, ...]]:
    """Every template's columns, with the columns its table may have left empty."""
    return _left_out(_template_columns())


def _left_out(bases: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Each list of columns with any of them left out but the target, a scored column kept; 得分 only
    with 完成值 and one number beside an actual is its 得分 (forms print 分值 beside the targets when they
    are set and 得分 beside the actuals when they are evaluated: one number a row with no actual is a 分值)."""
    out: list[tuple[str, ...]] = []
    for columns in bases:
        optional = [c for c in columns if c not in _KEPT]
        for size in range(len(optional) + 1):
            for dropped in combinations(optional, size):
                kept = tuple(c for c in columns if c not in dropped)
                scored = [c for c in _SCORED if c in kept]
                if scored and ("score" in scored) == ("actual" in kept or scored == ["weight", "score"]) and kept not in out:
                    out.append(kept)
    return out


def _holds(columns: Iterable[str], named: list[str]) -> bool:
    rest = iter(columns)
    return all(any(c == n for c in rest) for n in named)


def _best(text: str, where: list[int], start: int, candidates: list[tuple[str, ...]], named: list[str] | None = None) -> list[Fused]:
    """The cut of the body from `start` with the candidate columns that fit it best; a candidate that
    leaves out a column the header names, or adds one it does not, pays `CHANGE` for each."""
    stop = _STOP.search(text, start)
    body = text[start:stop.start() if stop else len(text)][:MAX_BODY]
    best: tuple[float, tuple[str, ...], list[FusedRow]] | None = None
    for columns in candidates:
        score, rows = cut(body, list(columns), ROW_MISSING)
        if named is not None:
            score += CHANGE * len(set(columns) ^ set(named))
        if any(_total(rows, c) > FULL_MARKS for c in _SCORED):
            score += OVER_FULL  # a table's points add up to 100 at most (52.5 is 5 | 2.5)
        if best is None or score > best[0]:
            best = (score, columns, rows)
    if best is None:
        return []
    _, columns, rows = best
    return [Fused(r, where[start + r.start] if start + r.start < len(where) else where[-1], _doubts(r, columns)) for r in rows]


def _total(rows: list[FusedRow], column: str) -> float:
    return sum(float(v) for r in rows if (v := r.cells.get(column)) and _NUMBER.fullmatch(v))


_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_FUSED_LABEL = re.compile(rf"(?:{LABEL_PATTERN.pattern})(?=[\u4e00-\u9fff])(?!{LABEL_PATTERN.pattern})")


def _doubts(row: FusedRow, columns: tuple[str, ...]) -> list[str]:
    out = []
    missing = [_NAMES[c] for c in columns if not row.cells.get(c)]
    if missing:
        out.append(MISSING_DOUBT.format("、".join(missing)))
    target, actual = row.cells.get("target"), row.cells.get("actual")
    if target and plain(row.name).endswith(plain(target)):
        out.append(BOUNDARY_DOUBT)
    if row.skipped:
        out.append(SKIPPED_DOUBT.format(row.skipped[:20]))
    if row.split_digits:
        out.append(DIGITS_DOUBT)
    if target and actual and target not in _NOT_APPLICABLE and bool(_DIGIT.search(target)) != bool(_DIGIT.search(actual)):
        out.append(KIND_DOUBT)
    elif target and actual and target != actual and len(target) > 1 and not _DIGIT.search(target + actual):
        out.append(WORDS_DOUBT)
    if "指标" in row.name:
        out.append(LABEL_DOUBT)
    return out


_DIGIT = re.compile(r"\d")
_NOT_APPLICABLE = ("一", "-", "—", "/", "／")
