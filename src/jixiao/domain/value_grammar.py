"""The grammar of written target values: text → the models of `values`.

Forms are tried from the most specific to the least: range, score, quantity, grade; then lists of
labelled values (compound); then qualitative text (descriptive). Each regex captures the written
pieces verbatim so the models can re-render the exact text. All patterns are compiled once.
"""

from __future__ import annotations

import re
from typing import Any

from .units import MAGNITUDES, TIME_NAMES, UNIT_NAMES, is_duration
from .value_words import (
    DATE_PARTS,
    DATE_SUFFIX_WORDS,
    EXCEL_SERIALS,
    GRADE_WORDS,
    PER_WORDS,
    PREFIX_WORDS,
    RANGE_SEPARATORS,
    SUFFIX_WORDS,
    Direction,
    direction_of,
)
from .values import Compound, CompoundPart, Deadline, Descriptive, Grade, Quantity, Range, Score


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_D = "[0-9０-９]"
_NUM = rf"(?:{_D}{{1,3}}(?:,{_D}{{3}})+|{_D}+)(?:[.．]{_D}+)?"
_CN_NUM = "[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千]*"
_MAG = "".join(MAGNITUDES)
# A unit name is tried before a magnitude word plus a name, so 百分比 is not read as 百 + 分 (score).
_ATOM = rf"(?:{_alt(UNIT_NAMES)}|[{_MAG}](?:{_alt(UNIT_NAMES)})|[{_MAG}])"
_PERIOD = _alt(n for n in TIME_NAMES if not n.isascii())  # 年, 月, 天 … (not the symbols d, h)
# Denominators: /月/人 with slashes, or one period after a per word (30万一年, 200元每月).
_PER = rf"(?:[/／]{_ATOM})+|[{''.join(PER_WORDS)}](?:{_PERIOD})"
_UNIT = rf"(?P<unit_open>[(（])?(?P<unit>{_ATOM})(?P<per>{_PER})?(?P<unit_close>(?(unit_open)[)）]))"
_PREFIX = rf"(?P<prefix>(?:{_alt(PREFIX_WORDS)})\s*)?"
_SUFFIX = rf"(?P<suffix>\s*(?:{_alt(SUFFIX_WORDS)}))?"

_QUANTITY = re.compile(
    rf"{_PREFIX}(?P<number>{_NUM}|{_CN_NUM})(?:(?P<gap>\s*){_UNIT})?{_SUFFIX}"
    rf"(?P<max>(?P<max_sep>\s*)(?P<max_open>[(（])?满分(?P<maximum>{_NUM})(?P<max_unit>分?)(?P<max_close>(?(max_open)[)）])))?"
)
_FULL_MARK = re.compile(rf"(?P<max_open>[(（])?满分(?P<maximum>{_NUM})(?P<max_unit>分?)(?P<max_close>(?(max_open)[)）]))")
_RANGE = re.compile(
    rf"(?P<low_number>{_NUM})(?P<low_unit>{_ATOM}(?:{_PER})?)?"
    rf"(?P<sep>\s*(?:{_alt(RANGE_SEPARATORS)})\s*)(?P<high_number>{_NUM})(?:(?P<gap>\s*){_UNIT})?"
)
_GRADE = re.compile(rf"{_PREFIX}(?P<word>{_alt(GRADE_WORDS)}){_SUFFIX}")
_SPLIT_STRONG = re.compile(r"(\s*[；;\n]\s*)")
_SPLIT_WEAK = re.compile(r"(\s*(?:[，、]|,(?!\d{3}(?!\d)))\s*)")
_JOINER = re.compile(r"(?:[:：]\s*|\s+)$")
_PADDING = re.compile(r"(\s*)(.*?)(\s*)", re.S)
_DIGIT = re.compile(r"[0-9０-９]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SYMBOL = re.compile(r"[≥≤<>=≧≦＞＜＝═﹦%％]")
_CN_NUMBER_ONLY = re.compile(_CN_NUM)
# Every way to cut a comparator or grade word in two, so a label never ends inside one.
_WORD_CUTS = tuple({(w[:k], w[k:]) for w in (*PREFIX_WORDS, *GRADE_WORDS) for k in range(1, len(w))})
_PREFIX_TUPLE = tuple(PREFIX_WORDS)
_BARE_UNIT = re.compile(rf"{_ATOM}(?:{_PER})?")
_YEAR = rf"(?P<year>{_D}{{4}})(?P<year_mark>年)"
_MONTH_DAY = rf"(?P<month>{_D}{{1,2}}|{_CN_NUM})(?P<month_mark>月)(?:(?P<day>{_D}{{1,2}}|{_CN_NUM})(?P<day_mark>[日号]))?"
_DATE_TAIL = rf"(?P<part>{_alt(DATE_PARTS)})?(?P<suffix>{_alt(DATE_SUFFIX_WORDS)})?"
_DATE = re.compile(rf"(?:{_YEAR})?(?:{_MONTH_DAY})?{_DATE_TAIL}")
_SERIAL = re.compile(r"[0-9]{5}")


def _unit_parts(m: re.Match[str]) -> dict[str, Any]:
    """unit / per / slash from a match of _UNIT; per keeps each written denominator."""
    unit, per_text = m["unit"] or "", m["per"] or ""
    if per_text[:1] in PER_WORDS:
        return {"unit": unit, "per": (per_text[1:],), "slash": per_text[0]}
    slashes = set(re.findall("[/／]", per_text))
    if len(slashes) > 1:
        raise ValueError("mixed slashes")
    per = tuple(p for p in re.split("[/／]", per_text) if p) if per_text else ()
    return {"unit": unit, "per": per, "slash": slashes.pop() if slashes else "/"}


def _brackets(m: re.Match[str]) -> dict[str, Any]:
    return {"unit_open": m["unit_open"] or "", "unit_close": m["unit_close"] or ""}


def _range(text: str, cost: bool):
    m = _RANGE.fullmatch(text)
    if m is None or any(_brackets(m).values()):
        return None
    return Range(low_number=m["low_number"], low_unit=m["low_unit"] or "", sep=m["sep"],
                 high_number=m["high_number"], gap=m["gap"] or "", **_unit_parts(m))


def _measured(text: str, cost: bool):
    m = _QUANTITY.fullmatch(text)
    if m is None:
        m = _FULL_MARK.fullmatch(text)
        if m is None:
            return None
        return Score(maximum=m["maximum"], max_open=m["max_open"] or "", max_unit=m["max_unit"], max_close=m["max_close"])
    parts = _unit_parts(m)
    if _CN_NUMBER_ONLY.fullmatch(m["number"]) and not parts["unit"]:
        return None  # a Chinese numeral alone (一) is a word, not a quantity
    common: dict[str, Any] = dict(prefix=m["prefix"] or "", number=m["number"], gap=m["gap"] or "", suffix=m["suffix"] or "")
    if parts["unit"] == "分" and not parts["per"]:
        extra: dict[str, Any] = {}
        if m["max"]:
            extra = dict(maximum=m["maximum"], max_sep=m["max_sep"], max_open=m["max_open"] or "",
                         max_unit=m["max_unit"], max_close=m["max_close"])
        return Score(**common, **_brackets(m), **extra)
    if m["max"]:
        return None
    value = Quantity(**common, **parts, **_brackets(m))
    return value if not cost else value.model_copy(update={"direction": direction_of(value.comparator, cost=True)})


def _grade(text: str, cost: bool):
    m = _GRADE.fullmatch(text)
    if m is None:
        return None
    return Grade(prefix=m["prefix"] or "", word=m["word"], suffix=m["suffix"] or "")


def _deadline(text: str, cost: bool):
    m = _DATE.fullmatch(text)
    if m is None or not text:
        return None
    written: dict[str, Any] = {k: v for k, v in m.groupdict().items() if v is not None}
    return Deadline(**written)


def _single(text: str, cost: bool):
    """A value without label: deadline, range, score, quantity or grade (None if none fits)."""
    for form in (_deadline, _range, _measured, _grade):
        try:
            value = form(text, cost)
        except ValueError:
            value = None
        if value is not None:
            return value
    return None


def _labelled(piece: str, cost: bool, need_label: bool):
    """(label, joiner, value) for text such as 全国劳模1万元/人 or 资金到位率达100%; None if none.

    The value is the longest tail that parses; the label before it has Chinese words, no digits.
    """
    if not need_label:
        value = _single(piece, cost)
        if value is not None:
            return "", "", value
    for i in range(1, len(piece)):
        head = piece[:i]
        if _DIGIT.match(piece[i - 1]):
            return None  # labels carry no digits
        if any(head.endswith(a) and piece.startswith(b, i) for a, b in _WORD_CUTS) or head.endswith(_PREFIX_TUPLE):
            continue  # the cut would split a word (不|少于40种) or strand a comparator (不少于|40种以下)
        value = _single(piece[i:], cost)
        if value is None:
            continue
        if isinstance(value, Grade) and len(value.word) < 2:
            continue  # a one-character grade (中, 差) after text is part of a word, not a grade
        joiner = _JOINER.search(head)
        label = head[: joiner.start()] if joiner else head
        if _HAN.search(label):  # a label names a category in words (全国劳模), not OCR debris (M.)
            return label, joiner.group() if joiner else "", value
    return None


def _compound(text: str, cost: bool):
    for splitter in (_SPLIT_STRONG, _SPLIT_WEAK):
        pieces = splitter.split(text)
        if len(pieces) < 3:
            continue
        texts, seps = pieces[0::2], [*pieces[1::2], ""]
        found = [_labelled(t, cost, need_label=False) for t in texts]
        if all(found):
            parts = tuple(
                CompoundPart(label=lb, joiner=j, value=v, sep=s) for (lb, j, v), s in zip(found, seps, strict=True)
            )
            return Compound(parts=parts)
    found = _labelled(text, cost, need_label=True)
    if found:
        label, joiner, value = found
        return Compound(parts=(CompoundPart(label=label, joiner=joiner, value=value),))
    return None


def _descriptive(text: str):
    """Qualitative text: words without digits or comparator symbols. A bare unit (万人, 公里: the
    number is missing) and a bare Chinese numeral (一: often a dash misread) are not targets."""
    if not _HAN.search(text) or _DIGIT.search(text) or _SYMBOL.search(text):
        return None
    if _CN_NUMBER_ONLY.fullmatch(text) or _BARE_UNIT.fullmatch(text):
        return None
    return Descriptive(text=text)


def _serial(text: str) -> Deadline | None:
    """An Excel date serial (45291) — only where dates are the targets (时效)."""
    if _SERIAL.fullmatch(text) and int(text) in EXCEL_SERIALS:
        return Deadline(serial=text)
    return None


def parse(text: str, *, cost: bool = False, timely: bool = False):
    """The typed value of `text`, or None when it fits no form (the caller makes it Unparsed).

    `timely`: the value is a timeliness target (时效指标), where a bare five-digit number is an
    Excel date serial.
    """
    padded = _PADDING.fullmatch(text)
    assert padded is not None  # the pattern matches every string
    lead, core, trail = padded.groups()
    if not core:
        return None
    value = (timely and _serial(core)) or _single(core, cost) or _compound(core, cost) or _descriptive(core)
    if timely and isinstance(value, Quantity) and not value.comparator and value.per == () and is_duration(value.unit_text):
        value = value.model_copy(update={"direction": Direction.NEGATIVE})  # 3个工作日 in 时效: a time limit
    if value is None:
        return None
    return value.model_copy(update={"lead": lead, "trail": trail}) if (lead or trail) else value


# --- the same forms inside running text (value_search.find_quantities) ---------------------------


def _embedded(pattern: str, tag: str) -> str:
    """A pattern with its group names (and the conditionals on them) tagged, to embed it in a larger one."""
    return re.sub(r"\(\?(P<|\()(\w+)([>)])", rf"(?\1{tag}_\2\3", pattern)


# In prose a date starts with its year or its month (the grammar's _DATE also matches nothing).
_PROSE_DATE = rf"(?:{_YEAR}(?:{_MONTH_DAY})?|{_embedded(_MONTH_DAY, 'alone')}){_DATE_TAIL}"

#: A candidate in prose: a date (read to be skipped), a value (range or measured, optionally after
#: 每人/每月 …, which are its denominators), or a full mark standing alone (the scale of scores).
PROSE = re.compile(
    rf"(?P<date>{_embedded(_PROSE_DATE, 'd')})"
    rf"|(?P<each>(?:每(?:{_ATOM}))+)?(?P<body>{_embedded(_RANGE.pattern, 'r')}|{_embedded(_QUANTITY.pattern, 'q')})"
    rf"|(?P<scale>{_embedded(_FULL_MARK.pattern, 's')})"
)
EACH_ATOM = re.compile(rf"每({_ATOM})")
