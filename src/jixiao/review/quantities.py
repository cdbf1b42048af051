"""Quantities in free text (数量表述): number, magnitude, unit, denominators and comparator.

The review reads numbers in two places: indicator values (6400人, ≥700人/年, 5万元/个, 8分以上
(满分10分)) and the narrative (约5000人次, 不少于40种课程, 9大类, 每人1000元). One small scanner
serves both, so a commitment and an indicator normalize to the same hashable `key`:
(unit family, denominators without 年, low, high) — 20场 and 20个 meet, 11300人 and 11300人次 meet.

Only Arabic numerals count: 两个 or 三项工程 are words, not commitments, and list numbering such as
"1、" has no unit and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Printed unit → family. Units of one family can measure the same thing (场 / 个 / 次 for events).
UNIT_FAMILY = {
    "元": "money",
    "人次": "person", "人": "person", "名": "person", "位": "person",
    "个": "event", "场": "event", "次": "event", "项": "event", "届": "event",
    "种": "kind", "门": "kind",
    "大类": "category", "类": "category",
    "期": "session", "班": "session",
    "家": "org", "所": "org", "户": "org",
    "件": "item", "篇": "item", "台": "item", "套": "item",
    "%": "percent", "％": "percent",
    "分": "score",
    "天": "time", "日": "time", "小时": "time", "分钟": "time", "个月": "time", "周": "time",
}
MAGNITUDE = {"百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8}
_AT_LEAST = ("≥", "≧", ">=", "＞=", "大于等于", "不少于", "不低于", "至少", "超过", "多于", "大于", ">", "＞")
_AT_MOST = ("≤", "≦", "<=", "不超过", "不高于", "不多于", "低于", "少于", "小于", "<", "＜")
_ABOUT = ("约", "大约", "近")
_PER_WORDS = "月|年|人|名|个|次|场|期|季度|季|天|日|周|项|家|户"

_UNITS = "|".join(sorted(map(re.escape, UNIT_FAMILY), key=len, reverse=True))
_PREFIXES = "|".join(sorted(map(re.escape, _AT_LEAST + _AT_MOST + _ABOUT), key=len, reverse=True))
_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_PATTERN = re.compile(
    rf"(?:(?P<pre>{_PREFIXES})|每(?P<each>{_PER_WORDS}))?\s*"
    rf"(?P<n1>{_NUM})(?:\s*(?:-|~|～|—|–|至|到)\s*(?P<n2>{_NUM}))?\s*"
    rf"(?P<mag>[百千万亿])?(?P<unit>{_UNITS})"
    rf"(?P<per>(?:\s*/\s*(?:{_PER_WORDS}))*)"
    rf"(?P<suf>及以上|以上|以下|以内|之内|左右)?"
)
_FULL_MARKS = re.compile(rf"满分\s*(?P<n>{_NUM})\s*分?")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class Amount:
    """One quantity found in a text, normalized: money in 元, percentages as printed (90 for 90%)."""

    low: float
    high: float
    unit: str  # as printed (名, 人次, 元, …); 万元 is normalized to 元
    family: str
    per: tuple[str, ...]  # denominators: 200元/月/人 → ("月", "人"); 每人1000元 → ("人",)
    comparator: str  # "eq" | "min" | "max" | "approx"
    start: int  # span in the text
    end: int
    raw: str
    full_marks: float | None = None  # 满分, for scores
    key: tuple = ()  # set by __post_init__

    def __post_init__(self):
        # What two mentions of the same quantity share; a per-year denominator is dropped (20个/年 = 20个).
        object.__setattr__(self, "key", (self.family, tuple(p for p in self.per if p != "年"), self.low, self.high))

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    def text(self) -> str:
        """A short normalized rendering, e.g. 1,000元/人 or 10–12人/年."""
        number = _fmt(self.low) if not self.is_range else f"{_fmt(self.low)}–{_fmt(self.high)}"
        per = "".join(f"/{p}" for p in self.per)
        return f"{number}{self.unit}{per}"


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _comparator(pre: str | None, suf: str | None) -> str:
    if pre in _AT_LEAST or suf in ("以上", "及以上"):
        return "min"
    if pre in _AT_MOST or suf in ("以下", "以内", "之内"):
        return "max"
    if pre in _ABOUT or suf == "左右":
        return "approx"
    return "eq"


def has_digits(text: str | None) -> bool:
    return text is not None and _DIGIT.search(text) is not None


@lru_cache(maxsize=65536)
def amounts(text: str | None) -> tuple[Amount, ...]:
    """Every quantity in `text`, in order. Cached: tables repeat the same values many times."""
    if not text or not has_digits(text):
        return ()
    marks = [(m.start(), m.end(), _number(m.group("n"))) for m in _FULL_MARKS.finditer(text)]
    full = marks[0][2] if marks else None
    found: list[Amount] = []
    for m in _PATTERN.finditer(text):
        if any(s <= m.start("n1") < e for s, e, _ in marks):
            continue  # the 10 of 满分10分 is the scale, not a target
        unit = m.group("unit")
        scale = MAGNITUDE[m.group("mag")] if m.group("mag") else 1.0
        low = _number(m.group("n1")) * scale
        high = _number(m.group("n2")) * scale if m.group("n2") else low
        per = tuple(p.strip() for p in m.group("per").split("/") if p.strip())
        if m.group("each"):
            per = (*per, m.group("each"))
        family = UNIT_FAMILY[unit]
        found.append(
            Amount(
                low=min(low, high),
                high=max(low, high),
                unit=unit,
                family=family,
                per=per,
                comparator=_comparator(m.group("pre"), m.group("suf")),
                start=m.start(),
                end=m.end(),
                raw=m.group(0).strip(),
                full_marks=full if family == "score" else None,
            )
        )
    return tuple(found)


def spread(found: tuple[Amount, ...]) -> Amount | None:
    """The amounts of a compound value that share unit and denominators, as one low–high range.

    全国劳模1万元/人；省劳模1万元/人；市劳模8千元/人 → 8,000–10,000元/人. None when they differ.
    """
    if not found:
        return None
    first = found[0]
    if any(a.family != first.family or a.per != first.per for a in found[1:]):
        return None
    if len(found) == 1:
        return first
    low, high = min(a.low for a in found), max(a.high for a in found)
    return Amount(low, high, first.unit, first.family, first.per, "eq", first.start, found[-1].end, "；".join(a.raw for a in found))
