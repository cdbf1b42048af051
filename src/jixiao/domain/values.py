"""Target values as written (指标值): typed, immutable, and faithful to the written text.

A cell such as ``≥700人/年``, ``8分以上 (满分10分)`` or ``全国劳模1万元/人；市劳模8千元/人`` becomes
one of the models of the `TargetValue` union (discriminated by ``kind``). Every model keeps the
*written* pieces — the comparator as printed (≥, ≧, >=, 不低于, 以上 …), the digits as printed
(7,840,000.00, 三, １００), spacing and brackets — and re-renders the text from them, so
``format_value(parse_value(s)) == s`` holds for every string. Meaning (comparator, direction,
quantities in base units via `units`) is derived from those pieces.

The grammar lives in `value_grammar`; this module owns the models and the public API.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, ClassVar, Literal

import pint
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, computed_field, field_validator, model_validator

from .units import TIME_NAMES, parse_unit, to_base
from .value_words import (
    BRACKETS,
    DATE_PARTS,
    DATE_SUFFIX_WORDS,
    DATE_WITHIN_WORDS,
    EXCEL_EPOCH_ORDINAL,
    EXCEL_SERIALS,
    GRADE_WORDS,
    PER_WORDS,
    PREFIX_WORDS,
    RANGE_SEPARATORS,
    SUFFIX_WORDS,
    Attainment,
    Comparator,
    Direction,
    GradeLevel,
    combine,
    direction_of,
    is_cost_group,
    is_timeliness_group,
    number_value,
)

_SPACE_ONLY = re.compile(r"\s*")

__all__ = [
    "Attainment", "Comparator", "Compound", "CompoundPart", "Deadline", "Descriptive", "Direction", "Grade",
    "GradeLevel", "Quantity", "Range", "Score", "TargetValue", "Unparsed", "format_value",
    "parse_value",
]


def _word(table: dict[str, Comparator], written: str, what: str) -> Comparator:
    key = written.strip()
    if key and key not in table:
        raise ValueError(f"unknown {what} word {written!r}")
    return table.get(key, Comparator.NONE)


def _check_unit(unit: str, per: tuple[str, ...], slash: str) -> str:
    if slash in PER_WORDS:  # 30万一年, 200元每月: one period, written as a word
        if len(per) != 1 or per[0] not in TIME_NAMES:
            raise ValueError(f"{slash!r} is written before one period (年, 月 …)")
    elif slash not in ("/", "／"):
        raise ValueError(f"slash must be / or ／ (or 一/每 before a period), got {slash!r}")
    text = "/".join((unit, *per)) if per else unit
    if any(not p for p in per) or (per and not unit):
        raise ValueError("empty unit part")
    if parse_unit(text) is None:
        raise ValueError(f"unknown unit {text!r}")
    return text


def _slash_without_per(v: str, info: ValidationInfo) -> str:
    """A slash is only written between units: without denominators it is the default '/'."""
    return v if info.data.get("per") else "/"


def _validated_number(text: str) -> Decimal:
    """The value of digits a model validator has already checked are a number."""
    value = number_value(text)
    assert value is not None, text
    return value


class _Value(BaseModel):
    """Fields and helpers shared by every target value. `lead`/`trail` keep surrounding spaces."""

    model_config = ConfigDict(frozen=True, extra="ignore")  # computed extras in JSON are ignored on load

    lead: str = ""
    trail: str = ""
    direction: Direction | None = None  # filled from the written form when not given

    @field_validator("lead", "trail")
    @classmethod
    def _spaces(cls, v: str) -> str:
        if not _SPACE_ONLY.fullmatch(v):
            raise ValueError("lead/trail hold whitespace only")
        return v

    @model_validator(mode="after")
    def _fill_direction(self):
        if self.direction is None:
            object.__setattr__(self, "direction", self._default_direction())
        return self

    def _default_direction(self) -> Direction:
        return Direction.QUALITATIVE

    def _body(self) -> str:
        raise NotImplementedError

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def raw(self) -> str:
        """The text as written, re-rendered from the parts."""
        return f"{self.lead}{self._body()}{self.trail}"

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def comparator(self) -> Comparator:
        return Comparator.NONE

    @property
    def is_quantitative(self) -> bool:
        """Whether the value is measured (quantity, range, score) rather than judged."""
        return False

    @property
    def unit_text(self) -> str | None:
        """The written unit, NFKC-folded (元/月/人, %), or None for unmeasured values."""
        return None

    def quantity(self) -> pint.Quantity | None:
        """The stated amount in base units (8千元 → 8000 元, 90% → 0.9), None when there is none."""
        return None

    def low(self) -> pint.Quantity | None:
        """The lower bound the target sets, in base units (None if it sets none)."""
        return None

    def high(self) -> pint.Quantity | None:
        """The upper bound the target sets, in base units (None if it sets none)."""
        return None

    def target_number(self) -> float | None:
        """The magnitude of `quantity()` in base units (≥90% → 0.9, 5万元/个 → 50000)."""
        q = self.quantity()
        return None if q is None else float(q.magnitude)

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def normalized(self) -> dict[str, Any] | None:
        """Machine form: bounds in base units, e.g. {'value': 8000.0, 'low': 8000.0, 'high': None, 'unit': '元'}."""
        if not self.is_quantitative:
            return None
        lo, hi, q = self.low(), self.high(), self.quantity()
        ref = q if q is not None else (lo if lo is not None else hi)
        if ref is None:
            return None
        return {
            "value": None if q is None else float(q.magnitude),
            "low": None if lo is None else float(lo.magnitude),
            "high": None if hi is None else float(hi.magnitude),
            "unit": format(ref.units, "~"),  # 元 / 人, 人 / 年; "" for fractions (%)
        }


class _Measured(_Value):
    """A number with a written comparator and unit: the common core of Quantity and Score."""

    prefix: str = ""  # written comparator before the number (≥, 不低于, 约 …), spaces included
    number: str  # the digits as written: 7,840,000.00 / 三 / １００
    gap: str = ""  # spaces between number and unit
    unit: str = ""  # written unit, numerator only: 元, 万元, 人次, ％
    per: tuple[str, ...] = ()  # written denominators: 200元/月/人 → ('月', '人')
    slash: str = "/"
    unit_open: str = ""  # a bracketed system unit: ≥13459.00(平方米), =100.00(%)
    unit_close: str = ""
    suffix: str = ""  # written comparator after the unit (以上, 以内, 左右), spaces included

    _slash = field_validator("slash")(_slash_without_per)

    @model_validator(mode="after")
    def _check(self):
        self._check_measure()
        return self

    def _check_measure(self) -> None:
        if number_value(self.number) is None:
            raise ValueError(f"not a number: {self.number!r}")
        if not _SPACE_ONLY.fullmatch(self.gap) or (self.gap and not self.unit):
            raise ValueError("gap holds whitespace before a unit")
        _check_unit(self.unit, self.per, self.slash)
        if (self.unit_open or self.unit_close) and ((self.unit_open, self.unit_close) not in BRACKETS or not self.unit):
            raise ValueError("a bracketed unit has a unit and balanced brackets")
        if combine(_word(PREFIX_WORDS, self.prefix, "prefix"), _word(SUFFIX_WORDS, self.suffix, "suffix")) is None:
            raise ValueError(f"contradictory comparator words {self.prefix!r} … {self.suffix!r}")

    def _default_direction(self) -> Direction:
        return direction_of(self.comparator)

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def comparator(self) -> Comparator:
        return combine(PREFIX_WORDS.get(self.prefix.strip(), Comparator.NONE),
                       SUFFIX_WORDS.get(self.suffix.strip(), Comparator.NONE))  # type: ignore[return-value]

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def value(self) -> Decimal:
        """The written number's value (7,840,000.00 → 7840000.00; 三 → 3), before any unit."""
        return number_value(self.number)  # type: ignore[return-value]

    @property
    def is_quantitative(self) -> bool:
        return True

    @property
    def unit_text(self) -> str:
        return unicodedata.normalize("NFKC", "/".join((self.unit, *self.per)))

    def _measure(self) -> str:
        per = "".join(self.slash + p for p in self.per)
        return f"{self.prefix}{self.number}{self.gap}{self.unit_open}{self.unit}{per}{self.unit_close}{self.suffix}"

    def quantity(self) -> pint.Quantity:
        return to_base(self.value, self.unit_text)

    def low(self) -> pint.Quantity | None:
        c = self.comparator
        if c in (Comparator.GE, Comparator.GT, Comparator.EQ, Comparator.APPROX) or (
            c is Comparator.NONE and self.direction is not Direction.NEGATIVE
        ):
            return self.quantity()
        return None

    def high(self) -> pint.Quantity | None:
        c = self.comparator
        if c in (Comparator.LE, Comparator.LT, Comparator.EQ, Comparator.APPROX) or (
            c is Comparator.NONE and self.direction is Direction.NEGATIVE
        ):
            return self.quantity()
        return None


class Quantity(_Measured):
    """A single amount: 6400人, ≥700人/年, 约332人, 5万元/个, 200元/月/人, 不少于40种, 90%以上."""

    kind: Literal["quantity"] = "quantity"

    def _body(self) -> str:
        return self._measure()


class Score(_Measured):
    """Points on a scale (分值): 8分以上 (满分10分), ≥90分, 满分10分 (number absent: full marks)."""

    kind: Literal["score"] = "score"
    number: str | None = None  # type: ignore[assignment]
    unit: str = "分"
    maximum: str | None = None  # the written full mark (满分) digits
    max_sep: str = ""  # text between the score and the full-mark part (a space)
    max_open: str = ""  # "(" / "（" / ""
    max_unit: str = "分"  # "分" or "" after the full-mark digits
    max_close: str = ""

    @model_validator(mode="before")
    @classmethod
    def _score_check(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("number") is None:
            if data.get("maximum") is None:
                raise ValueError("a score needs a number or a maximum")
            # 满分10分 alone: the target is full marks; no comparator words, no score unit
            if any(data.get(k) for k in ("prefix", "suffix", "gap", "per", "max_sep", "unit_open", "unit_close")) or data.get("unit", "") != "":
                raise ValueError("a bare full mark takes no comparator, unit or separator")
            data = {**data, "number": None, "unit": ""}
        return data

    @model_validator(mode="after")
    def _check(self):  # overrides _Measured._check
        if self.number is not None:
            if self.unit != "分" or self.per:
                raise ValueError("a score is written in 分")
            self._check_measure()
        if self.maximum is not None:
            if number_value(self.maximum) is None:
                raise ValueError(f"not a number: {self.maximum!r}")
            if (self.max_open, self.max_close) not in (("", ""), *BRACKETS):
                raise ValueError("unbalanced brackets around 满分")
            if self.max_unit not in ("分", ""):
                raise ValueError("满分 is written in 分")
            if not _SPACE_ONLY.fullmatch(self.max_sep):
                raise ValueError("max_sep holds whitespace")
        elif self.max_sep or self.max_open or self.max_close:
            raise ValueError("no 满分 part to separate")
        return self

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def value(self) -> Decimal | None:  # type: ignore[override]
        return None if self.number is None else number_value(self.number)

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def max_value(self) -> Decimal | None:
        """The full mark (满分) when written."""
        return None if self.maximum is None else number_value(self.maximum)

    @property
    def unit_text(self) -> str:
        return "分"

    def quantity(self) -> pint.Quantity:
        """The score; a bare 满分10分 targets full marks, so its quantity is the maximum."""
        value = self.value if self.value is not None else self.max_value
        assert value is not None  # the validators require a number or a full mark
        return to_base(value, "分")

    def fraction(self) -> float | None:
        """The score as a share of the full mark (8 of 10 → 0.8), None without a maximum."""
        if self.max_value is None or self.max_value == 0:
            return None
        return float((self.value if self.value is not None else self.max_value) / self.max_value)

    def _body(self) -> str:
        head = "" if self.number is None else self._measure()
        if self.maximum is None:
            return head
        return f"{head}{self.max_sep}{self.max_open}满分{self.maximum}{self.max_unit}{self.max_close}"


class Range(_Value):
    """An interval (区间): 10-12人/年, 10～12人, 10至12人, 80%-90%."""

    kind: Literal["range"] = "range"
    low_number: str
    low_unit: str = ""  # the unit repeated on the low side as written (80%-90%), else ""
    sep: str = "-"  # the written separator, spaces included
    high_number: str
    gap: str = ""
    unit: str = ""
    per: tuple[str, ...] = ()
    slash: str = "/"

    _slash = field_validator("slash")(_slash_without_per)

    @model_validator(mode="after")
    def _check(self):
        lo, hi = number_value(self.low_number), number_value(self.high_number)
        if lo is None or hi is None:
            raise ValueError("range bounds must be numbers")
        if lo > hi:
            raise ValueError("range low exceeds high")
        if self.sep.strip() not in RANGE_SEPARATORS:
            raise ValueError(f"unknown range separator {self.sep!r}")
        full = _check_unit(self.unit, self.per, self.slash)
        if self.low_unit not in ("", full):
            raise ValueError("the low side repeats the unit exactly or not at all")
        if not _SPACE_ONLY.fullmatch(self.gap) or (self.gap and not self.unit):
            raise ValueError("gap holds whitespace before a unit")
        return self

    def _default_direction(self) -> Direction:
        return Direction.RANGE

    @property
    def is_quantitative(self) -> bool:
        return True

    @property
    def unit_text(self) -> str:
        return unicodedata.normalize("NFKC", "/".join((self.unit, *self.per)))

    def low(self) -> pint.Quantity:
        return to_base(_validated_number(self.low_number), self.unit_text)

    def high(self) -> pint.Quantity:
        return to_base(_validated_number(self.high_number), self.unit_text)

    def _body(self) -> str:
        per = "".join(self.slash + p for p in self.per)
        return f"{self.low_number}{self.low_unit}{self.sep}{self.high_number}{self.gap}{self.unit}{per}"


class Grade(_Value):
    """An ordinal grade (等级): 优秀, 良好, 良好以上, 优良 (= 良好 or better), ≥良好, 合格."""

    kind: Literal["grade"] = "grade"
    prefix: str = ""
    word: str  # the written grade word
    suffix: str = ""

    @model_validator(mode="after")
    def _check(self):
        if self.word not in GRADE_WORDS:
            raise ValueError(f"unknown grade word {self.word!r}")
        if combine(GRADE_WORDS[self.word][1], _word(PREFIX_WORDS, self.prefix, "prefix"),
                   _word(SUFFIX_WORDS, self.suffix, "suffix")) is None:
            raise ValueError("contradictory comparator words")
        return self

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def level(self) -> GradeLevel:
        return GRADE_WORDS[self.word][0]

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def comparator(self) -> Comparator:
        return combine(GRADE_WORDS[self.word][1], PREFIX_WORDS.get(self.prefix.strip(), Comparator.NONE),
                       SUFFIX_WORDS.get(self.suffix.strip(), Comparator.NONE))  # type: ignore[return-value]

    def meets(self, level: GradeLevel) -> bool:
        """Whether an achieved grade satisfies this target (良好以上 is met by 优秀 and 良好)."""
        c, r, t = self.comparator, level.rank, self.level.rank
        return {Comparator.GE: r >= t, Comparator.GT: r > t, Comparator.LE: r <= t, Comparator.LT: r < t}.get(c, r >= t)

    def _body(self) -> str:
        return f"{self.prefix}{self.word}{self.suffix}"


class Deadline(_Value):
    """A date or deadline (时限): 2023年11月底前, 12月底, 2021年12月完成, 2023年内, or an Excel date serial
    (45291) read from a 时效 cell. `latest` is the last day the text allows; earlier is better (反向).
    """

    kind: Literal["deadline"] = "deadline"
    year: str | None = None  # the written digits: 2023
    year_mark: str = ""  # 年
    month: str | None = None  # 11, １１, 十一
    month_mark: str = ""  # 月
    day: str | None = None
    day_mark: str = ""  # 日 / 号
    part: str = ""  # which part of the last period: 底, 末, 初, 上旬, 中旬, 下旬, 全年
    suffix: str = ""  # 前, 之前, 完成, 内 …
    serial: str | None = None  # an Excel date serial as written: 45291

    @model_validator(mode="after")
    def _check(self):
        if self.serial is not None:
            if any((self.year, self.month, self.day, self.part, self.suffix)) or not self.serial.isdigit() or \
                    int(self.serial) not in EXCEL_SERIALS:
                raise ValueError(f"not an Excel date serial: {self.serial!r}")
            return self
        marks = ((self.year, self.year_mark, ("年",)), (self.month, self.month_mark, ("月",)), (self.day, self.day_mark, ("日", "号")))
        for number, mark, allowed in marks:
            if (number is None) != (mark == "") or (mark and mark not in allowed):
                raise ValueError("each date number has its mark (年, 月, 日)")
        if self.year is None and self.month is None:
            raise ValueError("a date names a year or a month")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs its month")
        if self.part and (self.part not in DATE_PARTS or self.day is not None
                          or (self.part == "全年" and self.month is not None)
                          or (self.part.endswith("旬") and self.month is None)):
            raise ValueError(f"{self.part!r} does not fit this date")
        if self.suffix and self.suffix not in DATE_SUFFIX_WORDS:
            raise ValueError(f"unknown date word {self.suffix!r}")
        if self.year is None and (self.suffix in DATE_WITHIN_WORDS or not (self.part or self.suffix or self.day)):
            raise ValueError("a month alone (3月, 3月内) is a duration, not a date")
        self.latest()  # the numbers make a real day
        return self

    def _default_direction(self) -> Direction:
        return Direction.NEGATIVE

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def comparator(self) -> Comparator:
        return DATE_SUFFIX_WORDS.get(self.suffix, Comparator.NONE)

    def latest(self, year: int | None = None) -> date:
        """The last day the text allows: 2023年11月底前 → 2023-11-30; 12月底 (no year) in `year`.

        Raises ValueError when the numbers are no date (13月, 2月30日).
        """
        if self.serial is not None:
            return date.fromordinal(EXCEL_EPOCH_ORDINAL + int(self.serial))
        y = int(_validated_number(self.year)) if self.year is not None else (year or 2000)  # 2000: a leap year
        if not 1900 <= y <= 2100:
            raise ValueError(f"year out of range: {y}")
        if self.month is None:
            return date(y, 1, 31) if self.part == "初" else date(y, 12, 31)
        m = int(_validated_number(self.month))
        if not 1 <= m <= 12:
            raise ValueError(f"no month {m}")
        last = calendar.monthrange(y, m)[1]
        if self.day is not None:
            return date(y, m, int(_validated_number(self.day)))
        return date(y, m, {"初": 10, "上旬": 10, "中旬": 20}.get(self.part, last))

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def iso(self) -> str:
        """The last day allowed as ISO 8601: 2023-11-30, or --12-31 when no year is written."""
        day = self.latest()
        return day.isoformat() if self.year is not None or self.serial is not None else f"--{day:%m-%d}"

    def _body(self) -> str:
        if self.serial is not None:
            return self.serial
        pieces = ((self.year, self.year_mark), (self.month, self.month_mark), (self.day, self.day_mark))
        return "".join(f"{n}{m}" for n, m in pieces if n is not None) + self.part + self.suffix


class Descriptive(_Value):
    """A qualitative target (定性): 有效提升, 每日运行正常, 每月按时支付 — judged 达成/部分达成/未达成."""

    kind: Literal["descriptive"] = "descriptive"
    text: str

    scale: ClassVar[tuple[Attainment, ...]] = (Attainment.ACHIEVED, Attainment.PARTLY, Attainment.NOT_ACHIEVED)

    @field_validator("text")
    @classmethod
    def _text(cls, v: str) -> str:
        if not v or v != v.strip():
            raise ValueError("descriptive text is non-empty and stripped")
        return v

    def _body(self) -> str:
        return self.text


class Unparsed(_Value):
    """Text that fits no form, kept exactly (lead/trail stay empty: spaces are part of the text)."""

    kind: Literal["unparsed"] = "unparsed"
    text: str

    @model_validator(mode="after")
    def _bare(self):
        if self.lead or self.trail:
            raise ValueError("unparsed text keeps its own spaces")
        return self

    def _body(self) -> str:
        return self.text


PartValue = Annotated[Quantity | Score | Range | Grade, Field(discriminator="kind")]


class CompoundPart(BaseModel):
    """One labelled value of a compound: label + joiner + value + separator to the next part."""

    model_config = ConfigDict(frozen=True, extra="ignore")  # computed extras in JSON are ignored on load

    label: str = ""  # 全国劳模
    joiner: str = ""  # between label and value: "", "：", " "
    value: PartValue
    sep: str = ""  # after this part: "；", "，", "、" … ("" on the last part)

    def render(self) -> str:
        return f"{self.label}{self.joiner}{self.value.raw}{self.sep}"


class Compound(_Value):
    """Several labelled values, one per category: 全国劳模1万元/人；省劳模1万元/人；市劳模8千元/人.

    A single labelled value (年度预算220万元, 资金到位率达100%) is a compound of one part.
    """

    kind: Literal["compound"] = "compound"
    parts: tuple[CompoundPart, ...]

    @model_validator(mode="after")
    def _check(self):
        if not self.parts:
            raise ValueError("a compound has parts")
        if self.parts[-1].sep or any(not p.sep.strip() for p in self.parts[:-1]):
            raise ValueError("parts are separated, the last one is not")
        if len(self.parts) == 1 and not self.parts[0].label.strip():
            raise ValueError("a single part needs a label")
        return self

    def _default_direction(self) -> Direction:
        found = {p.value.direction for p in self.parts}  # each part's own validation filled it
        only = found.pop() if len(found) == 1 else None
        return only if only is not None else Direction.QUALITATIVE

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(p.label for p in self.parts)

    @property
    def part_values(self) -> tuple[TargetValue, ...]:
        return tuple(p.value for p in self.parts)

    @property
    def _single(self):
        return self.parts[0].value if len(self.parts) == 1 else None

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def comparator(self) -> Comparator:
        found = {p.value.comparator for p in self.parts}
        return found.pop() if len(found) == 1 else Comparator.NONE

    @property
    def is_quantitative(self) -> bool:
        return all(p.value.is_quantitative for p in self.parts)

    @property
    def unit_text(self) -> str | None:
        found = {p.value.unit_text for p in self.parts}
        return found.pop() if len(found) == 1 else None

    def quantity(self) -> pint.Quantity | None:
        """The quantity of a single labelled value; None for several (ask each part)."""
        return None if self._single is None else self._single.quantity()

    def low(self):
        return None if self._single is None else self._single.low()

    def high(self):
        return None if self._single is None else self._single.high()

    @computed_field  # type: ignore[prop-decorator]  # pydantic: computed_field over property
    @property
    def normalized(self) -> dict[str, Any] | None:
        if not self.is_quantitative:
            return None
        return {"parts": [{"label": p.label, **(p.value.normalized or {})} for p in self.parts]}

    def _body(self) -> str:
        return "".join(p.render() for p in self.parts)


TargetValue = Annotated[
    Quantity | Score | Range | Grade | Deadline | Descriptive | Compound | Unparsed, Field(discriminator="kind")
]


# Each kind of value in Chinese, for pages, CLI output and messages.
VALUE_KIND_NAMES: dict[str, str] = {
    "quantity": "数值", "range": "区间值", "score": "评分", "grade": "等级", "descriptive": "定性描述",
    "compound": "分类复合", "deadline": "时限", "unparsed": "无法识别",
}


@lru_cache(maxsize=8192)
def parse_value(text: str, *, level1: str | None = None, level2: str | None = None) -> TargetValue:
    """Read a written target value. Never raises: text that fits no form is `Unparsed`.

    `level1` is the indicator's level-1 label; in the cost group (成本指标) a plain amount is a
    ceiling, so its direction is 反向. `level2` is its level-2 label; in the timeliness group
    (时效指标) a five-digit number such as 45291 is an Excel date serial, not a count.
    """
    from .value_grammar import parse  # the grammar imports this module's models

    try:
        value = parse(text, cost=is_cost_group(level1), timely=is_timeliness_group(level2, level1))
    except (ValueError, ArithmeticError):  # a model refused the pieces: treat as unreadable
        value = None
    if value is None or value.raw != text:
        return Unparsed(text=text)
    return value


def format_value(value: TargetValue) -> str:
    """Render a value as written. `format_value(parse_value(s)) == s` for every string s."""
    return value.raw


Compound.model_rebuild()
