"""A row's cells decoded as the best path over the header's column roles (列角色解码).

Flattened text loses the empty cells of merged labels and of blank columns, so a row's cells do not
sit under their header: `质量指标 | 到位率 | 定量 | 100 | % | 该指标… | 酌情扣分` under a header of nine
columns. Rather than repairing shifts one layout at a time, every row is aligned to the header's roles
in order (cells never change order; a role may be left out, a cell may fit no role) and the alignment
with the best total fit wins — a small dynamic programme over cells × roles. Each cell's fit comes from
its content (the framework vocabulary, the value grammar, numbers, units, the words explanations and
scoring rules use) and a little from its position. The row keeps its path's score: a cell that fits
no role, or fits its role badly, is a reason to doubt the row (see `confidence.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..domain import framework
from ..domain.script import plain
from ..domain.units import UNIT_NAMES
from ..domain.values import parse_value

_NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?分?$")
_PERCENT = re.compile(r"^[-+]?\d+(\.\d+)?[%％]$")
_OPERATOR = re.compile(r"^(=|≥|≤|>|<|＞|＜|≠|定性|定量|等于|大于等于|小于等于|大于|小于|不低于|不高于)$")
_VALUE_TYPE = re.compile(r"^(定性|定量)(指标)?$")
_DIRECTION = re.compile(r"^(正向|反向|中性|越大越好|越小越好|正向指标|反向指标)$")
_CORE = re.compile(r"^(★|☆|√|是|否|核心)$")
_LIKELIHOOD = re.compile(r"^(确定能|有可能|可能|不可能|完全不可能|能|否)$")
_RULE_WORDS = re.compile(r"(扣\d*分|得\d*分|扣分|得分|酌情|扣完为止|计分|满分|不得分|按比例)")
_EXPLAIN_WORDS = re.compile(r"(反映|考察|考核|是指|指的是|用于|衡量|主要|情况)")
UNITS = frozenset(UNIT_NAMES) | {"%", "％", "百分比", "万元", "元", "个", "人", "次", "天", "年", "月", "日", "分"}

DROP = -3.0  # a cell that fits no role
SKIP = -0.15  # a role left out (merged or blank cells vanish in text)
PLACE = 0.1  # a cell printed in its role's own column: breaks ties only (rows shift in text), never outweighs SKIP


@dataclass(frozen=True)
class Path:
    """The best alignment: for each cell its role index or None (fits none), and the total fit."""

    roles: tuple[int | None, ...]
    fits: tuple[float, ...]  # per cell: its fit to the role it was given (DROP when none)

    @property
    def worst(self) -> float:
        return min(self.fits, default=0.0)


@lru_cache(maxsize=65536)
def fit(role: str, text: str) -> float:
    """How well printed `text` fills a column of `role` (higher is better; below 0 is doubtful)."""
    t = plain(text)
    if not t:
        return -1.0
    if role == "level1":
        return 3.0 if framework.is_level1(t) else -4.0
    if role == "level2":
        return 3.0 if framework.is_level2(t) else (0.5 if len(t) <= 8 and t.endswith("指标") else -3.0)
    if role == "value_type":
        return 4.0 if _VALUE_TYPE.match(t) else -5.0
    if role == "op":
        return 4.0 if _OPERATOR.match(t) else -5.0
    if role == "unit":
        if t in UNITS:
            return 3.0
        if re.search(r"\d", t) or framework.is_level2(t):
            return -4.0
        return 1.5 if len(t) <= 2 else 0.0 if len(t) <= 4 else -4.0  # an unknown measure word is short (户, 人次)
    if role in ("weight", "score"):
        return 2.5 if _NUMBER.match(t) and float(t.rstrip("分")) <= 100 else -4.0
    if role == "direction":
        return 4.0 if _DIRECTION.match(t) else -5.0
    if role == "core":
        return 3.0 if _CORE.match(t) else -3.0
    if role == "name":
        if _NUMBER.match(t) or _PERCENT.match(t) or _OPERATOR.match(t) or _VALUE_TYPE.match(t) or t in UNITS:
            return -3.0
        return 1.0 if len(t) <= 40 else 0.0
    if role == "likelihood":
        return 4.0 if _LIKELIHOOD.match(t) else -4.0
    if role in ("annual", "period", "target", "actual", "forecast"):
        return _value_fit(t)
    if role == "explanation":
        return 1.5 if _EXPLAIN_WORDS.search(t) else (0.8 if len(t) >= 16 else 0.2 if len(t) >= 4 else -1.0)
    if role == "scoring_rule":
        return 2.0 if _RULE_WORDS.search(t) else -0.5
    if role in ("reason", "remark"):
        return 0.3
    return 0.0


def _value_fit(t: str) -> float:
    if _VALUE_TYPE.match(t) or _OPERATOR.match(t):  # 定量, ≥ alone: a split column, not a value
        return -2.0
    if _RULE_WORDS.search(t) and len(t) > 12:
        return -1.5
    kind = parse_value(t).kind
    if kind in ("quantity", "range", "score", "grade", "compound"):
        return 2.0
    if len(t) > 40:
        return -0.5
    return 1.0 if len(t) <= 20 else 0.8 if kind == "descriptive" else 0.2


def decode(texts: list[str], roles: list[str], columns: list[int] | None = None, role_columns: list[int] | None = None) -> Path:
    """The best monotone alignment of `texts` to `roles`. `columns` (each cell's printed column) and
    `role_columns` (each role's header column) add the small bonus for a cell in its own column."""
    n, m = len(texts), len(roles)
    fits = [[fit(r, t) + (PLACE if columns and role_columns and columns[i] == role_columns[k] else 0.0) for k, r in enumerate(roles)] for i, t in enumerate(texts)]
    # best[i][j]: the best score for cells i.. with roles j.. still free; choice records the move
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    choice: list[list[int | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m, -1, -1):
            score: float = DROP + best[i + 1][j]  # the cell fits no role
            move: int | None = None
            for k in range(j, m):
                candidate = fits[i][k] + SKIP * (k - j) + best[i + 1][k + 1]
                if candidate > score:
                    score, move = candidate, k
            best[i][j], choice[i][j] = score, move
    path: list[int | None] = []
    got: list[float] = []
    j = 0
    for i in range(n):
        step = choice[i][j]
        path.append(step)
        got.append(DROP if step is None else fits[i][step])
        j = j if step is None else step + 1
    return Path(tuple(path), tuple(got))
