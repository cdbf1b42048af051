"""How sure the reader is of each row and table (读取置信度), so that no wrong row passes silently.

A row's confidence starts at 1 and is multiplied down by every doubt found about it: the repairs the
layout made on its cells (a label inferred from a later row, a row shifted, a cell the decoder could
not place), the doubts the reader gives a row itself (a fused cut it had to infer), and what its content says (a name that is a group label or holds a value, a value that is
only an operator or a unit, a self-evaluation row without 分值, a score above its 分值). Below
`THRESHOLD` the row is `needs_review`, with every reason in Chinese; when half the rows of a table or
more are doubted at all (below `DOUBTED`) for how they were read, the layout was not understood and every row is. A table is doubtful when a row is,
when it has no row at all, or when its own figures disagree (分值 not summing to the total).

The weights were set on the shared corpus (rows read exactly vs rows read wrong) and checked against
the Songgang workbooks and the example, whose rows are exact and must stay confident.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..domain import framework
from ..domain.problem import Problem
from ..domain.script import plain
from ..domain.table import Indicator, Table
from .decoder import UNITS, fit
from .groupfit import contradicts
from .templates import group_labels

THRESHOLD = 0.7
DOUBTED = 0.75  # a row with a doubt that alone does not ask for review; half the table so → the table does
MOSTLY_DOUBTFUL = "同表半数以上的行读取存疑，整张表需要复核"

# Repairs the layout notes on a row's cells → (doubt, reason). Repairs that are certain (a template
# prefix removed, a level-1 implied by its level-2) are not doubts.
NOTE_DOUBTS: dict[str, tuple[float, str]] = {
    "LABEL-GUESS": (0.5, "其后没有分组标签，分组是推断的"),
    "LABEL-LATE": (0.15, "分组标签出现在该行之后，按合并单元格居中补齐"),
    "SHIFT-LEFT": (0.15, "整行错位（左移），已按内容对齐"),
    "SHIFT-RIGHT": (0.15, "整行错位（右移），已按内容对齐"),
    "NO-VALUE": (0.6, "没有读到指标值"),
    "UNKNOWN-LABEL": (0.3, "有一个不认识的分组标签"),
    "EXTRA-CELLS": (0.5, "单元格比表头多，多出的未读入"),
    "SLOT-SINGLE": (0.1, "只有一个指标值，不确定属于哪一列"),
    "LABEL-MOVED": (0.1, "分组标签不在其列"),
    "NAME-MISPLACED": (0.1, "名称不在其列"),
    "CELL-UNPLACED": (0.5, "有单元格不像任何一列的内容，未读入"),
    "CELL-DOUBT": (0.35, "有单元格放入的列把握不大"),
    "ROW-CUT": (0.5, "该行在文本结尾处被截断，单元格不全"),
    "NAME-FUSED": (0.4, "名称与指标解释连在一起，名称可能过长"),
    "WORDS-CUT": (0.35, "连排文本中的文字型指标值，与名称的边界是推断的"),
}
# A doubt the reader itself gave the row (in `review_reasons` before judging: a fused row missing a
# column, a name/value boundary inferred), beside the reasons this module gives.
READER_DOUBT = 0.35
_JUDGED = frozenset({MOSTLY_DOUBTFUL})
# Repairs that gave the row its group: when the row's content contradicts that group, the group is doubtful.
_GROUP_REPAIRS = frozenset({"LABEL-GUESS", "LABEL-LATE"})
_LABEL_WORDS = tuple(sorted({framework.normalize_label(x.name) for x in (*framework.LEVEL1, *framework.LEVEL2)}, key=len, reverse=True))
_LABEL_NAMES = tuple(x.name for x in (*framework.LEVEL1, *framework.LEVEL2))
_HEADER_WORDS = ("一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "年度指标值", "分值", "得分")
_POINTS = re.compile(r"^[（(]?\d+(\.\d+)?([-—~～]\d+(\.\d+)?)?[)）]?分?$|^[（(]\d+(\.\d+)?([-—~～]\d+(\.\d+)?)?[)）]分?")
_FUSED_VALUE = re.compile(r"[≥≤><=]\s*\d|\d+(\.\d+)?%\d")
_OCR_NOISE = re.compile(r"[\u4e00-\u9fff][A-Za-z]{1,3}|[A-Za-z]{1,3}[.．]?[\u4e00-\u9fff\d]")
_BROKEN = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")
_LABEL_INSIDE = re.compile(r"(产出|效益|满意度|成本|数量|质量|时效|影响)指标|指标[（(]\d")
_OPERATORS = re.compile(r"^[≥≤><=]+")
_MAGNITUDE = re.compile(r"^[十百千万亿]")


def judge(table: Table, *, cells_certain: bool = False) -> Table:
    """The table with every row's confidence, `needs_review` and reasons, and its own. Where the cells'
    boundaries are known (`cells_certain`) a long name is a long name, not cells fused together."""
    notes = _by_line(table.notes)
    weighted = any(r.weight is not None for r in table.indicators)
    rows = [_judged(i, table, cells_certain, notes, weighted) for i in table.indicators]
    # the layout was not understood when half the rows are doubted — for how they were read: a row whose
    # only doubt is what its table did not print (no target) says nothing about the layout
    doubted = [r for r in rows if r.confidence < DOUBTED and not set(r.review_reasons) <= _UNPRINTED]
    if len(rows) >= 3 and len(doubted) * 2 >= len(rows):
        rows = [r if r.needs_review else r.model_copy(update={"needs_review": True, "review_reasons": [*r.review_reasons, MOSTLY_DOUBTFUL]}) for r in rows]
    reasons = _table_doubts(table, rows)
    confidence = min([r.confidence for r in rows] + [0.0 if reasons and not rows else 0.6 if reasons else 1.0])
    return table.model_copy(update={
        "indicators": rows,
        "confidence": round(confidence, 3),
        "review_reasons": reasons,
        "needs_review": bool(reasons) or any(r.needs_review for r in rows),
    })


def _judged(indicator: Indicator, table: Table, cells_certain: bool, notes: dict, weighted: bool) -> Indicator:
    codes = _note_codes(indicator, notes)
    doubts = [NOTE_DOUBTS[c] for c in sorted(codes)] + list(_content_doubts(indicator, table.kind, cells_certain))
    doubts += [(READER_DOUBT, reason) for reason in indicator.review_reasons if reason not in _JUDGED]
    if codes & _GROUP_REPAIRS and (group := _contradicted(indicator)):
        doubts.append((0.4, f"内容与推断的分组“{group}”不相符"))
    if table.kind == "selfeval" and indicator.weight is None and not indicator.name.startswith("其中") and weighted:
        doubts.append((0.3, "没有读到分值"))
    confidence = 1.0
    for doubt, _ in doubts:
        confidence *= 1.0 - doubt
    reasons = list(dict.fromkeys(reason for _, reason in doubts))
    return indicator.model_copy(update={"confidence": round(confidence, 3), "needs_review": confidence < THRESHOLD, "review_reasons": reasons})


def _by_line(notes: list[Problem]) -> dict[tuple, list[Problem]]:
    """The notes that are doubts, by the (sheet, line) of their cell: each row looks up its own lines
    rather than every note of the table (a table of 33,000 rows has as many notes)."""
    out: dict[tuple, list[Problem]] = {}
    for n in notes:
        if n.code in NOTE_DOUBTS and n.source:
            out.setdefault((n.source.sheet, n.source.line), []).append(n)
    return out


def _note_codes(indicator: Indicator, notes: dict[tuple, list[Problem]]) -> set[str]:
    """The repairs noted on the row's own cells (its labels' cells are shared by the group). Notes
    the rebuild of flattened text leaves at a row's name match that name's exact Source: a line fused
    whole holds many rows, told apart by the character their name begins at."""
    where = {(s.sheet, s.line) for field, s in indicator.sources.items() if field not in ("level1", "level2") and s.line}
    name = indicator.sources.get("name")
    return {n.code for line in where for n in notes.get(line, ()) if (n.source == name if n.code in _AT_NAME else True)}


_AT_NAME = frozenset({"ROW-CUT", "NAME-FUSED", "WORDS-CUT"})


def _contradicted(indicator: Indicator) -> str | None:
    value = indicator.annual_value or indicator.period_value or indicator.target
    return indicator.level2 if contradicts(indicator.level2, indicator.level1, indicator.name, value) else None


def _content_doubts(indicator: Indicator, kind: str, cells_certain: bool) -> Iterable[tuple[float, str]]:
    name = plain(indicator.name)
    if not cells_certain:
        yield from _fused_doubts(name, indicator)
    if _POINTS.match(name) or fit("name", name) < 0 or (framework.is_level1(name) and name.endswith("指标")) or (name.endswith("指") and any(w.startswith(name) for w in _LABEL_NAMES)):
        yield 0.6, "名称像分组标签或分值，不像指标名称"
    value = indicator.target if kind == "selfeval" else (indicator.annual_value or indicator.period_value)
    if value is not None:
        text = plain(value)
        if text and _bare(text) and indicator.unit is None:
            yield 0.5, "指标值只有符号或单位，没有数值"
        if len(text) > 60:
            yield 0.3, "指标值过长，可能混入了其他单元格"
        if any(w + "指标" in text for w in _LABEL_WORDS):
            yield 0.5, "指标值中含有分组词"
    if indicator.level2 is None:
        yield 0.2, "没有二级指标"
    elif indicator.level2_code is None and indicator.level2 not in group_labels()[1]:
        yield 0.15, "二级指标不是框架中的名称"
    if indicator.level1 is None:
        yield 0.15, "没有一级指标"
    elif "level2" in indicator.sources and "level1" not in indicator.sources:
        yield 0.15, "一级指标没有印出，按二级指标推断"
    if kind == "selfeval":
        yield from _selfeval_doubts(indicator)


def _fused_doubts(name: str, indicator: Indicator) -> Iterable[tuple[float, str]]:
    """What a name shows when the text lost the boundaries of its cells."""
    if len(name) > 40:
        yield 0.5, "名称过长，可能混入了其他单元格"
    if sum(1 for w in (*_LABEL_WORDS, *_HEADER_WORDS) if w + "指标" in name or (w in _HEADER_WORDS and w in name)) >= 2:
        yield 0.6, "名称中含有表头或分组词，可能是几个单元格连在一起"
    elif _LABEL_INSIDE.search(name) or name.endswith("指标"):
        yield 0.5, "名称中含有分组词，可能连着分组标签"
    if len(name) <= 3:
        yield 0.3, "名称很短，可能被截断"
    if _BROKEN.search(indicator.name):
        yield 0.35, "名称中间有空格，可能是排版或识别断开"
    if _repeats(name):
        yield 0.4, "名称中有重复的片段，可能混入了指标解释"
    if _FUSED_VALUE.search(name):
        yield 0.4, "名称中含有指标值"
    if _OCR_NOISE.search(indicator.name):
        yield 0.3, "文字中夹有字母，可能是识别错误"


NO_TARGET = "没有读到年度指标值"
_UNPRINTED = frozenset({NO_TARGET})


def _selfeval_doubts(indicator: Indicator) -> Iterable[tuple[float, str]]:
    if indicator.weight is not None and indicator.score is not None and indicator.score > indicator.weight + 1e-9:
        yield 0.4, "得分高于分值，可能读错了数字"
    if indicator.target is None:
        yield 0.3, NO_TARGET


def _bare(text: str) -> bool:
    """A value cell holding only an operator or a unit (≧ %, 公里, 万亩): the template's, never filled."""
    rest = _OPERATORS.sub("", text)
    return not rest or rest in UNITS or (_MAGNITUDE.match(rest) is not None and rest[1:] in UNITS)


def _repeats(text: str) -> bool:
    """A fragment of five or more characters printed twice (名称 + 指标解释 repeating it)."""
    for size in range(min(len(text) // 2, 12), 4, -1):
        seen = set()
        for k in range(len(text) - size + 1):
            part = text[k:k + size]
            if part in seen:
                return True
            seen.add(part)
    return False


def _table_doubts(table: Table, rows: list[Indicator]) -> list[str]:
    reasons = []
    if table.status == "unfilled":
        reasons.append("空白模板：没有填写指标")
    elif not rows and not table.not_applicable:
        reasons.append("没有读到任何指标")
    if table.kind == "selfeval" and rows and all(r.weight is not None for r in rows):
        budget = table.published.budget.weight if table.published and table.published.budget and table.published.budget.weight else 0.0
        total = sum(r.weight or 0.0 for r in rows) + budget
        if not any(abs(total - full) < 0.51 for full in (100.0, 90.0)):
            reasons.append(f"分值合计为 {total:g}，不是 100（或不含预算执行的 90）：可能漏读或读错了行")
    return reasons
