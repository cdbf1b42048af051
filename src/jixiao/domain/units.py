"""Units of measure as written in Chinese performance tables (计量单位), on one pint registry.

The registry is built once at import and owns every unit the value grammar knows:

- money (货币): 元 with 百元, 千元, 万元, 亿元 (and 萬元) on the dimension ``[currency]``;
- counts (计数): 人, 人次, 个, 场, 期, 家 … each on its *own* dimension, so 人 never converts into
  人次 and 场 never into 个 (名 and 位 are aliases of 人);
- 分 (score points, ``[score]``), % (percent, dimensionless 0.01), 百分点;
- time (时间): 日/天 is the root, 年 = 365 日, 月 = 年/12, 周, 小时, 分钟;
- length/area/mass/energy: 米, 公里, 平方米/平米, 亩, 公顷, 公斤, 吨, 千瓦时/度 ….

Unit *text* is parsed by this module, not by pint's expression parser: ``元/月/人`` is split on the
slash, each atom is looked up (a leading magnitude word 万/千/百/亿 scales any known atom: 万人,
万亩), and the resulting pint Unit is cached per text. Converting a written number to base units
goes through Decimal so that 11.376万元 is exactly 113760 元.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Context, Decimal
from functools import lru_cache
from typing import cast

import pint

# (ASCII identifier, dimension or definition, written names). A dimension in brackets makes the
# unit a root of its own dimension; anything else is a definition in terms of other units.
_CURRENCY = (
    ("yuan", "[currency]", ("元", "人民币元")),
    ("bai_yuan", "100 * yuan", ("百元",)),
    ("qian_yuan", "1000 * yuan", ("千元",)),
    ("wan_yuan", "1e4 * yuan", ("万元", "萬元")),
    ("yi_yuan", "1e8 * yuan", ("亿元", "億元")),
)

# Count units (量词): every one is its own dimension — counting 场 is not counting 个.
_COUNTS = (
    ("person", ("人", "名", "位")),
    ("person_time", ("人次",)),
    ("household_time", ("户次",)),
    ("piece", ("个",)),
    ("session", ("场", "场次")),
    ("issue", ("期",)),
    ("organisation", ("家",)),
    ("kind", ("种", "类", "大类")),
    ("course", ("课", "门", "节")),
    ("times", ("次",)),
    ("item", ("项",)),
    ("term", ("届",)),
    ("machine", ("台",)),
    ("set", ("套",)),
    ("article", ("篇",)),
    ("volume", ("册", "本")),
    ("institution", ("所",)),
    ("household", ("户",)),
    ("case", ("件", "宗", "例")),
    ("post", ("岗", "个岗位")),
    ("animal", ("只",)),
    ("head", ("头",)),
    ("building", ("座", "栋")),
    ("place", ("处",)),
    ("strip", ("条",)),
    ("vehicle", ("辆",)),
    ("sheet", ("张",)),
    ("copy", ("份",)),
    ("batch", ("批", "批次")),
    ("class_", ("班",)),
    ("round", ("轮",)),
    ("bed", ("床",)),
    ("plant", ("株", "棵")),
    ("room", ("间",)),
    ("village", ("村",)),
    ("well", ("眼", "口")),
    ("block", ("块",)),
    ("part", ("部",)),
    ("day_person", ("人日", "人天")),
    ("incident", ("起",)),  # 安全事故≤1起
)

# Kin counts (同类量词): measure words for the same kind of thing. They never convert (20场 is not
# 20个 to pint), but a promise of 不少于20场 is measured by an indicator of 20个. 人 and 人次 are
# not kin: people are not visits.
_KIN = {
    "events": ("piece", "session", "times", "item", "term"),
    "kinds": ("kind", "course"),
    "sessions": ("issue", "class_"),
    "organisations": ("organisation", "institution"),
    "items": ("case", "article", "machine", "set"),
}
_KIN_OF = {f"[{ident}]": group for group, idents in _KIN.items() for ident in idents}

_PHYSICAL = (
    ("point", "[score]", ("分",)),
    ("percent", "0.01", ("%", "％", "百分比")),
    ("percentage_point", "0.01", ("百分点", "个百分点")),
    ("permille", "0.001", ("‰",)),
    ("day", "[time]", ("日", "天", "d")),
    ("year", "365 * day", ("年", "a")),
    ("month", "year / 12", ("月", "个月")),
    ("week", "7 * day", ("周", "星期")),
    ("hour", "day / 24", ("小时", "个小时", "h")),
    ("minute", "hour / 60", ("分钟", "min")),
    ("workday", "day", ("工作日", "个工作日")),
    ("meter", "[length]", ("米", "m")),
    ("centimeter", "0.01 * meter", ("厘米", "cm")),
    ("millimeter", "0.001 * meter", ("毫米", "mm")),
    ("kilometer", "1000 * meter", ("公里", "千米", "km")),
    ("square_meter", "meter ** 2", ("平方米", "平米", "㎡", "m2", "m²")),
    ("square_kilometer", "1e6 * meter ** 2", ("平方公里", "平方千米", "km2", "km²")),
    ("mu", "1e4 / 15 * meter ** 2", ("亩",)),
    ("hectare", "1e4 * meter ** 2", ("公顷",)),
    ("cubic_meter", "meter ** 3", ("立方米", "方", "m3", "m³")),
    ("gram", "[mass]", ("克", "g")),
    ("kilogram", "1000 * gram", ("公斤", "千克", "kg")),
    ("jin", "500 * gram", ("斤",)),
    ("tonne", "1e6 * gram", ("吨", "t")),
    ("kilowatt_hour", "[energy]", ("千瓦时", "度", "kWh")),
)

# Magnitude words (数量级) that may precede any known unit atom: 万人, 千册, 亿元.
MAGNITUDES: dict[str, Decimal] = {
    "百": Decimal(100),
    "千": Decimal(1000),
    "万": Decimal(10_000),
    "萬": Decimal(10_000),
    "亿": Decimal(100_000_000),
    "億": Decimal(100_000_000),
}

_SLASH = re.compile(r"[/／]")


def _build() -> tuple[pint.UnitRegistry, dict[str, str]]:
    reg: pint.UnitRegistry = pint.UnitRegistry(None)
    names: dict[str, str] = {}  # written name → registry identifier

    def define(ident: str, definition: str, written: tuple[str, ...]) -> None:
        # Written names that are identifiers become pint symbol/aliases too (ureg.月, ureg.人);
        # the first one is the symbol, so "{:~}" formats in Chinese.
        aliases = [w for w in written if w.isidentifier() and w not in names]
        reg.define(" = ".join([ident, definition, *(aliases or ["_"])]))
        for w in written:
            names[w] = ident

    for ident, definition, written in _CURRENCY + _PHYSICAL:
        define(ident, definition, written)
    for ident, written in _COUNTS:
        define(ident, f"[{ident}]", written)
    for word, factor in MAGNITUDES.items():  # a bare magnitude word is a dimensionless unit: 5万
        ident = f"magnitude_{factor}"
        if ident not in names.values():
            reg.define(f"{ident} = {factor}")
        names[word] = ident
    return reg, names


ureg, _NAMES = _build()
Q_ = ureg.Quantity
_TIME_DIMENSION = ureg.Unit("day").dimensionality

#: Every written unit atom the registry knows, longest first (for building regexes).
UNIT_NAMES: tuple[str, ...] = tuple(sorted((n for n in _NAMES if n not in MAGNITUDES), key=len, reverse=True))
#: The written time atoms (年, 月, 天, 小时 …): the periods a rate can be written per (30万一年).
TIME_NAMES: tuple[str, ...] = tuple(n for n in UNIT_NAMES if ureg.Unit(_NAMES[n]).dimensionality == _TIME_DIMENSION)
#: The dimensions of counts (人, 人次, 个, 场 …), each its own: what a headcount or tally measures.
COUNT_DIMENSIONS: frozenset[str] = frozenset(f"[{ident}]" for ident, _ in _COUNTS)


def _atom(text: str) -> pint.Unit | None:
    ident = _NAMES.get(text)
    if ident is not None:
        return ureg.Unit(ident)
    folded = unicodedata.normalize("NFKC", text)
    ident = _NAMES.get(folded)
    if ident is not None:
        return ureg.Unit(ident)
    if len(folded) > 1 and folded[0] in MAGNITUDES:
        rest = _NAMES.get(folded[1:])
        if rest is not None:
            return ureg.Unit(_NAMES[folded[0]]) * ureg.Unit(rest)
    return None


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> pint.Unit | None:
    """The pint Unit of a written unit such as 元, 万元/个, 元/月/人, 人/年 (None if unknown).

    An empty text is the dimensionless unit (a bare number). Slashes divide: 元/月/人 is
    元 per 月 per 人. Results are cached per text.
    """
    text = text.strip()
    if not text:
        return ureg.dimensionless
    parts = _SLASH.split(text)
    unit = _atom(parts[0].strip())
    if unit is None:
        return None
    for part in parts[1:]:
        per = _atom(part.strip())
        if per is None:
            return None
        unit = unit / per
    return unit


def is_unit(text: str) -> bool:
    """Whether `text` is a unit the registry knows."""
    return parse_unit(text) is not None


_PRECISION = Context(prec=15)  # base magnitudes keep 15 significant digits: 3亩 is 2000 m², not 1999.99…


@lru_cache(maxsize=4096)
def _base_of(text: str) -> tuple[pint.Unit, Decimal] | None:
    """Base unit and factor of a written unit. Time atoms stay as written (元/月/人 keeps 月)."""
    parts = _SLASH.split(text.strip()) if text.strip() else []
    base, factor = ureg.dimensionless, Decimal(1)
    for i, part in enumerate(parts):
        atom = _atom(part.strip())
        if atom is None:
            return None
        if atom.dimensionality != _TIME_DIMENSION:
            q = ureg.Quantity(1.0, atom).to_base_units()
            atom, f = cast(pint.Unit, q.units), Decimal(repr(float(q.magnitude)))  # the registry's Unit; pint types it PlainUnit
        else:
            f = Decimal(1)
        base, factor = (base * atom, factor * f) if i == 0 else (base / atom, factor / f)
    return base, factor


@lru_cache(maxsize=8192)
def _base_magnitude(magnitude: str, unit_text: str) -> tuple[float, pint.Unit]:
    found = _base_of(unit_text)
    if found is None:
        raise ValueError(f"未知计量单位 unknown unit: {unit_text!r}")
    base_unit, factor = found
    return float(_PRECISION.plus(Decimal(magnitude) * factor)), base_unit


def to_base(magnitude: Decimal | float | int | str, unit_text: str) -> pint.Quantity:
    """`magnitude` of `unit_text` in base units: to_base(8, "千元") == 8000 元; 90 % → 0.9.

    Base units are the registry's roots (元, 人, m², …) except time, which is kept as written so
    rates stay readable and exact: 200元/月/人 × 12 月 × 332 人 = 796800 元.
    Raises ValueError for an unknown unit. A new Quantity each call (pint quantities can be
    changed in place); the arithmetic behind it is cached.
    """
    value, base_unit = _base_magnitude(str(magnitude), unit_text)
    return ureg.Quantity(value, base_unit)


@lru_cache(maxsize=4096)
def measure_key(unit_text: str) -> str | None:
    """What a written unit measures, for matching two mentions of one quantity (None if unknown).

    Each slash part becomes its dimension — kin counts share one name (场, 个 → events), a
    per-year denominator is dropped (20个/年 is 20个): 万元 → '[currency]', 人/年 → '[person]',
    元/月/人 → '[currency]/[time]/[person]', 人次 → '[person_time]', 90% → '' (a fraction).
    """
    parts = [p.strip() for p in _SLASH.split(unit_text.strip())] if unit_text.strip() else [""]
    names = []
    for i, part in enumerate(parts):
        unit = parse_unit(part)
        if unit is None:
            return None
        if i and unit == ureg.Unit("year"):
            continue
        dimension = str(unit.dimensionality) if unit.dimensionality else ""
        names.append(_KIN_OF.get(dimension, dimension))
    return "/".join([names[0], *sorted(names[1:])])  # 元/月/人 and 元/人/月 measure the same


def is_duration(unit_text: str) -> bool:
    """Whether a written unit is a length of time (天, 个工作日, 小时 …)."""
    unit = parse_unit(unit_text)
    return unit is not None and unit.dimensionality == _TIME_DIMENSION


def compatible(a: str, b: str) -> bool:
    """Whether two written units measure the same thing (万元 ~ 元: yes; 人 ~ 人次: no)."""
    ua, ub = parse_unit(a), parse_unit(b)
    return ua is not None and ub is not None and ua.dimensionality == ub.dimensionality


def dimension_of(unit_text: str) -> str | None:
    """The dimensionality of a written unit as text ('[currency]', '[person] / [time]'), or None."""
    unit = parse_unit(unit_text)
    return None if unit is None else str(unit.dimensionality)
