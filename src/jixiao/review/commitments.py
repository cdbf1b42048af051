"""Quantitative commitments in the narrative (叙述中的量化承诺).

The overall goals (总体绩效目标) and the key tasks' expected results (期望达到的目标) promise things in
prose: 约5000人次, 不少于40种课程, 9大类, 每人1000元, 提高调解成功率. Each becomes a Commitment with
its amount (or, for a rate, its term), the clause it sits in, its keywords and where it was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..domain.source import Source
from ..domain.table import Table
from ..domain.value_search import Found, find_quantities

_CLAUSE = re.compile(r"[，。；;,！？!?\n]")
_NUMERAL = re.compile(r"^\s*([一二三四五六七八九十]+)、")
_LIST_MARK = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d+)(?:[、．)）]|\.(?!\d))\s*")


@dataclass(frozen=True, slots=True)
class Commitment:
    amount: Found | None  # None for a rate commitment
    term: str | None  # the rate promised (调解成功率), or None
    clause: str  # the clause the commitment sits in
    origin: str  # where in words: 总体绩效目标（三）
    source: Source | None
    offset: int  # character offset in the paragraph

    @property
    def what(self) -> str:
        """The commitment as written: 约5000人次, 不少于40种, 调解成功率."""
        return str(self.term) if self.amount is None else self.amount.raw


def _clause(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    right = _CLAUSE.search(text, end)
    return _LIST_MARK.sub("", text[left : right.start() if right else len(text)]).strip()


@lru_cache(maxsize=4096)
def _rate_pattern(verbs: tuple[str, ...], suffixes: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?:{'|'.join(map(re.escape, verbs))})(?P<term>[\u4e00-\u9fff]{{1,8}}?(?:{'|'.join(map(re.escape, suffixes))}))")


@lru_cache(maxsize=4096)
def in_text(text: str, origin: str, source: Source | None, verbs: tuple[str, ...], suffixes: tuple[str, ...], words: tuple[str, ...] = ()) -> tuple[Commitment, ...]:
    """Every commitment in one paragraph, in order (cached by text).

    A number counts when it carries a comparator or its clause holds a commitment word (`words`);
    with no words given, every number counts.
    """
    found = []
    for a in find_quantities(text):
        clause = _clause(text, a.start, a.end)
        if not words or not a.is_plain or any(w in clause for w in words):
            found.append(Commitment(a, None, clause, origin, source, a.start))
    for m in _rate_pattern(verbs, suffixes).finditer(text):
        found.append(Commitment(None, m.group("term"), _clause(text, m.start(), m.end()), origin, source, m.start()))
    found.sort(key=lambda c: c.offset)
    return tuple(found)


def commitments(table: Table, sources: list[str], verbs: tuple[str, ...], suffixes: tuple[str, ...], words: tuple[str, ...] = ()) -> list[Commitment]:
    """The commitments of the configured narrative parts (overall_goals, key_task_goals, project_goals)."""
    out: list[Commitment] = []
    if "overall_goals" in sources:
        for n, goal in enumerate(table.overall_goals, 1):
            numeral = _NUMERAL.match(goal)
            origin = f"总体绩效目标（{numeral.group(1) if numeral else n}）"
            source = table.overall_goal_sources[n - 1] if n <= len(table.overall_goal_sources) else None
            out.extend(in_text(goal, origin, source, verbs, suffixes, words))
    if "project_goals" in sources and table.project is not None:
        for field, origin in (("annual_goal", "年度目标"), ("mid_term_goal", "中长期目标")):
            text = getattr(table.project, field)
            if text:
                out.extend(in_text(text, origin, table.project.sources.get(field), verbs, suffixes, words))
    if "key_task_goals" in sources:
        for task in table.key_tasks:
            if task.goal:
                out.extend(in_text(task.goal, f"重点任务“{task.name}”的期望目标", task.sources.get("goal"), verbs, suffixes, words))
    return out
