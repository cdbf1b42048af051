"""What a self-evaluation prints about its own scoring (自评结果): the budget block, 总分 and 自评等级.

The budget block is a header row (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, in any
order, any subset) with its numbers on the next row that has them; 总分 is the last of the (分值, 得分) numbers on the row
it labels; the grade is the grade word after 自评等级 / 评价等级 / 绩效等级. Cells are split at white
space too, so space-separated text reads like tab-separated text. Nothing found → None.
"""

from __future__ import annotations

import re
from typing import Any

from ..domain.source import Source
from ..domain.table import Published, PublishedBudget
from .grid import Row

_HEADS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("initial", ("年初预算数", "年初预算")),
    ("full_year", ("全年预算数", "调整后预算数", "全年预算")),
    ("executed", ("全年执行数", "执行数", "实际支出")),
    ("weight", ("分值",)),
    ("rate", ("执行率",)),
    ("score", ("得分",)),
)
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")
_TOTAL = re.compile(r"^(总分|合计|总计|综合得分)")
_GRADE_LABEL = re.compile(r"(自评等级|评价等级|绩效等级|评价结果|自评结果)")
_GRADE = re.compile(r"(优秀|良好|合格|不合格|优|良|中|差)")


def _tokens(row: Row) -> list[tuple[str, Source]]:
    return [(part, cell.source) for cell in row.cells for part in cell.text.split() if part and part != "|"]


def _head(token: str) -> str | None:
    for field, words in _HEADS:
        if any(token.startswith(w) for w in words):
            return field
    return None


def _number(token: str) -> float | None:
    if not _NUMBER.match(token):
        return None
    return float(token.rstrip("%").replace(",", ""))


def _assign(heads: list[str], numbers: list[tuple[str, Source]], budget: dict, sources: dict) -> None:
    """Numbers to header fields: a percentage is the 执行率; the other numbers fill the other fields in
    order (a row printed without its rate, or with a label first, still lines up)."""
    rates = [(t, s) for t, s in numbers if t.endswith("%")]
    plain = [(t, s) for t, s in numbers if not t.endswith("%")]
    fields = [h for h in heads if h != "rate"]
    if len(plain) > len(fields):
        plain = plain[-len(fields):]
    if rates and "rate" in heads:
        budget["rate"], sources["budget.rate"] = rates[0]
    for field, (text, source) in zip(fields, plain, strict=False):
        budget[field] = _number(text)
        sources[f"budget.{field}"] = source


def read_published(rows: list[Row]) -> Published | None:
    budget: dict[str, Any] = {}  # PublishedBudget's fields, validated by it
    sources: dict[str, Source] = {}
    total = grade = None
    lines = [_tokens(r) for r in rows if not r.blank]
    for n, tokens in enumerate(lines):
        heads = [h for h in (_head(t) for t, _ in tokens) if h]
        if not budget and "executed" in heads and ("full_year" in heads or "initial" in heads) and len(set(heads)) >= 3:
            for values in lines[n + 1 : n + 4]:
                numbers = [(t, s) for t, s in values if _number(t) is not None]
                if len(numbers) >= 3:
                    _assign(list(dict.fromkeys(heads)), numbers, budget, sources)
                    break
        if tokens and total is None and _TOTAL.match(tokens[0][0]):
            numbers = [(t, s) for t, s in tokens[1:] if _number(t) is not None]
            if len(numbers) >= 2:  # 总分 | 分值 100 | 得分 93.5: a single number may be either, so it is not read
                total = _number(numbers[-1][0])
                sources["total"] = numbers[-1][1]
        for i, (text, source) in enumerate(tokens):
            if grade is None and (label := _GRADE_LABEL.search(text)):
                rest = [text[label.end():].lstrip("：: ")] + [t for t, _ in tokens[i + 1 : i + 3]]
                found = next((m.group(1) for r in rest if r and (m := _GRADE.match(r))), None)
                if found:
                    grade, sources["grade"] = found, source
    if not budget and total is None and grade is None:
        return None
    return Published(budget=PublishedBudget(**budget) if budget else None, total=total, grade=grade, sources=sources)
