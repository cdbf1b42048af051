"""Quantities in running text (叙述中的数量): every amount a sentence states, as typed values.

The narrative promises things in prose (约5000人次, 不少于40种课程, 9大类, 每人1000元, 两个社工项目,
十二场), and the review compares them with indicator cells. `find_quantities` reads both with the
value grammar: a candidate pattern built from the grammar's own pieces (`value_grammar.PROSE`)
finds the spans, and each span is parsed by the grammar, so a promise and a cell become the same
`Quantity`, `Range` or `Score` and meet on the same `key`.

What prose adds to a cell: 每人/每月 before a number are its denominators (每人1000元 = 1000元/人);
dates (2023年11月底前, 2024-2025年) are read and skipped, so their digits are not amounts; a
number without a unit (list numbering 1、) is not an amount; ordinals (第三方) are not amounts; and
Chinese numerals count only before a unit of counts, time or money, never as the article 一
(一次性, 一批): 两个, 三项, 十二场 are amounts, 十分重要 is not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .units import COUNT_DIMENSIONS, measure_key, parse_unit
from .value_grammar import EACH_ATOM, PROSE, parse
from .values import Comparator, Deadline, Quantity, Range, Score

__all__ = ["Found", "find_quantities", "has_digits", "mentions_date"]

_DIGIT = re.compile(r"[0-9０-９]")
_CN_START = re.compile(r"[零〇一二两三四五六七八九十]")
_PLAIN = (Comparator.NONE, Comparator.EQ)
_CALENDAR_YEARS = range(1900, 2101)


@dataclass(frozen=True, slots=True)
class Found:
    """One quantity in a text: its typed value, where it was written, and what it measures.

    The numbers and names the rules compare are computed once, when the text is read (`_found`).
    """

    value: Quantity | Range | Score
    start: int  # span in the text
    end: int
    raw: str  # the span as written: 每人1000元, 约5000人次
    low: float  # the lower stated number in base units: 5万元 → 50000, 90% → 0.9, 10-12人 → 10
    high: float
    measure: str  # what it measures (units.measure_key): 场 and 个 are events, 人 is not 人次
    dimension: str  # the numerator's: [currency], [person], [score], [time], '' for % and bare numbers
    comparator: Comparator
    scale: Decimal | None = None  # a 满分 written elsewhere in the text, for a score without its own

    @property
    def is_plain(self) -> bool:
        """Whether the text states no bound (6400人, =100%): neither 不少于/以上 nor 约."""
        return self.comparator in _PLAIN

    @property
    def unit(self) -> str:
        """The written numerator unit, folded: 人次, 万元, %."""
        return unicodedata.normalize("NFKC", self.value.unit)

    @property
    def per(self) -> tuple[str, ...]:
        """The written denominators, folded: 200元/月/人 → (月, 人); 每人1000元 → (人,)."""
        return tuple(unicodedata.normalize("NFKC", p) for p in self.value.per)

    @property
    def key(self) -> tuple[str, float, float]:
        """What two mentions of the same quantity share: 20个/年 and 不少于20场 meet."""
        return (self.measure, self.low, self.high)

    @property
    def is_money(self) -> bool:
        return self.dimension == "[currency]"

    @property
    def is_count(self) -> bool:
        """A headcount or tally (人, 人次, 场, 个 …), not money, time, a rate or a score."""
        return self.dimension in COUNT_DIMENSIONS

    @property
    def is_percent(self) -> bool:
        """A fraction written with %, ％, 百分比 or ‰ (not a bare number: 5万)."""
        return not self.dimension and self.value.unit not in ("", *"百千万萬亿億")

    @property
    def is_score(self) -> bool:
        return isinstance(self.value, Score)

    @property
    def family(self) -> str:
        """A coarse name for what is measured: money, percent, score, time, count, number (5万), or
        the dimension itself ([length] ** 2 …)."""
        if self.is_money:
            return "money"
        if self.is_score:
            return "score"
        if self.is_percent:
            return "percent"
        if self.is_count:
            return "count"
        return {"[time]": "time", "": "number"}.get(self.dimension, self.dimension)

    def text(self) -> str:
        """A short rendering without comparator words: 6,400人, 10–12人/年, 5万元/个."""
        v = self.value
        low, high = (v.low_number, v.high_number) if isinstance(v, Range) else (v.number, v.number)
        number = _grouped(low) if low == high else f"{_grouped(low)}–{_grouped(high)}"
        return number + "/".join((self.unit, *self.per))

    @property
    def full_marks(self) -> Decimal | None:
        """The 满分 of a score: its own (8分 (满分10分)), else one written elsewhere in the text."""
        if not isinstance(self.value, Score):
            return None
        return self.value.max_value if self.value.max_value is not None else self.scale


def _found(value: Quantity | Range | Score, start: int, end: int, raw: str, scale: Decimal | None) -> Found:
    low, high = (value.low(), value.high()) if isinstance(value, Range) else (value.quantity(),) * 2
    measure = measure_key(value.unit_text)
    assert measure is not None  # the grammar only reads known units
    unit = parse_unit(value.unit)
    dimension = str(unit.dimensionality) if unit is not None and unit.dimensionality else ""
    return Found(value, start, end, raw, float(low.magnitude), float(high.magnitude), measure, dimension,
                 value.comparator, scale)


def _grouped(number: str | None) -> str:
    """Written digits with thousands separators (6400 → 6,400); Chinese numerals as written."""
    folded = unicodedata.normalize("NFKC", number or "").replace(",", "")
    if not folded.replace(".", "", 1).isdigit():
        return number or ""
    whole, _, fraction = folded.partition(".")
    return f"{int(whole):,}" + (f".{fraction}" if fraction else "")


def has_digits(text: str | None) -> bool:
    """Whether a text holds an Arabic digit (a value to read rather than words)."""
    return text is not None and _DIGIT.search(text) is not None


def mentions_date(text: str) -> bool:
    """Whether a text names a date (2025年12月前, 12月底, 每年3月): its digits are a time, not an amount."""
    for m in PROSE.finditer(text):
        value = parse(m["date"] or m["body"] or "") if (m["date"] or m["body"]) else None
        if _is_date(value) or _month_of_year(value):
            return True
    return False


def _month_of_year(value) -> bool:
    """3月, 5月份 in prose: a month of the year (a duration is written 个月)."""
    return isinstance(value, Quantity) and value.unit == "月" and not value.per


def _is_date(value) -> bool:
    """A date, or a number of 年 that reads as calendar years (2024-2025年, 2023年)."""
    if isinstance(value, Deadline):
        return True
    if isinstance(value, Quantity | Range) and value.unit_text == "年" and not value.per:
        numbers = (value.value,) if isinstance(value, Quantity) else (value.low().magnitude, value.high().magnitude)
        return all(n == int(n) and int(n) in _CALENDAR_YEARS for n in numbers)
    return False


def _counts_in_words(value) -> bool:
    """Whether a Chinese numeral's unit is one a numeral word counts in (个, 场, 年, 万元 …)."""
    if isinstance(value, Score) or (value.unit_text[:1] in "百千万萬亿億" and value.unit_text[1:] == ""):
        return False
    unit = parse_unit(value.unit)
    dimension = str(unit.dimensionality) if unit is not None else ""
    return dimension in COUNT_DIMENSIONS or dimension in ("[time]", "[currency]")


def _read(body: str):
    """The typed value of one candidate span, or None when it is no amount in this prose."""
    value = parse(body)
    if not isinstance(value, Quantity | Range | Score) or not value.unit_text or _is_date(value):
        return None
    if value.lead or value.trail:
        return None
    if isinstance(value, Score) and value.number is None:
        return None  # 满分10分 alone is a scale, not a target
    if _month_of_year(value):
        return None
    number = value.number if isinstance(value, Quantity | Score) else value.low_number
    if number and _CN_START.match(number) and (
        (number == "一" and value.unit_text[:1] not in "百千万萬亿億") or not _counts_in_words(value)
    ):
        return None  # 一次性, 一批: the article; 十分重要: an adverb
    return value


def _with_each(value, each: str):
    """The value with 每人/每月 written before it as denominators: 每人1000元 → 1000元/人."""
    per = tuple(EACH_ATOM.findall(each))
    if isinstance(value, Score) or value.slash not in ("/", "／"):
        return None
    try:
        return type(value).model_validate({**value.model_dump(), "per": (*value.per, *per)})
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def find_quantities(text: str | None) -> tuple[Found, ...]:
    """Every quantity stated in `text`, in order (cached: tables repeat the same texts)."""
    if not text or not (has_digits(text) or _CN_START.search(text)):
        return ()
    found: list[tuple[Quantity | Range | Score, int, int]] = []
    scale: Decimal | None = None
    for m in PROSE.finditer(text):
        if m["scale"]:
            mark = parse(m["scale"])
            if isinstance(mark, Score) and scale is None:
                scale = mark.max_value
            continue
        if m["date"] or not m["body"]:
            continue
        start = m.start("body")
        if start and text[start - 1] == "第":
            continue  # an ordinal: 第3场, 第三方
        try:
            value = _read(m["body"].rstrip())
        except ValueError:  # a model refused the pieces (不少于…以下): no amount
            value = None
        if value is None:
            continue
        end = start + len(value.raw)
        if m["each"]:
            value = _with_each(value, m["each"])
            start = m.start()
        if value is not None:
            found.append((value, start, end))
    return tuple(_found(v, s, e, text[s:e], scale) for v, s, e in found)