"""The vocabulary of written target values (指标值用语): comparator and grade words, numbers, directions.

Data, not logic: the words tables print for ≥ (≥, ≧, >=, 不低于, 不少于, 以上 …), for grades
(优秀, 良好, 优良 …), and how a written number is read (7,840,000.00, １００, 三, 十二). `values`
builds its models on these; `value_grammar` builds its regexes from them.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache

from . import framework


class Comparator(StrEnum):
    """The relation a target states (比较符), normalized from its written form."""

    GE = "≥"
    GT = ">"
    LE = "≤"
    LT = "<"
    EQ = "="
    APPROX = "≈"
    NONE = ""


class Direction(StrEnum):
    """Which way is better (指标方向)."""

    POSITIVE = "正向"  # higher is better
    NEGATIVE = "反向"  # lower is better
    RANGE = "区间"  # inside a range
    QUALITATIVE = "定性"  # judged, not measured


class Attainment(StrEnum):
    """How a qualitative target is judged (定性指标评价)."""

    ACHIEVED = "达成"
    PARTLY = "部分达成"
    NOT_ACHIEVED = "未达成"


class GradeLevel(StrEnum):
    """The ordinal grade scale 优秀 > 良好 > 中等 > 合格 > 差."""

    EXCELLENT = "优秀"
    GOOD = "良好"
    MEDIUM = "中等"
    PASS = "合格"
    POOR = "差"

    @property
    def rank(self) -> int:
        """4 for 优秀 down to 0 for 差."""
        return _GRADE_ORDER.index(self)


_GRADE_ORDER = (GradeLevel.POOR, GradeLevel.PASS, GradeLevel.MEDIUM, GradeLevel.GOOD, GradeLevel.EXCELLENT)

# Written comparator words (比较词) → meaning. Prefix words come before the number, suffix words
# after the unit. Look-alike characters from real tables (≧ ═ ﹦ ＞ …) are listed as written.
PREFIX_WORDS: dict[str, Comparator] = {
    **dict.fromkeys(["≥", "≧", ">=", "＞=", "＞＝", ">＝", "≥=", "≧=", "=>", "⩾", "大于等于", "大于或等于", "不低于",
                     "不少于", "不小于", "至少", "达到", "达", "不低於", "不少於"], Comparator.GE),
    **dict.fromkeys([">", "＞", "大于", "高于", "超过", "多于"], Comparator.GT),
    **dict.fromkeys(["≤", "≦", "<=", "＜=", "＜＝", "<＝", "≤=", "≦=", "=<", "⩽", "小于等于", "小于或等于", "不高于",
                     "不超过", "不多于", "不大于", "至多", "控制在", "不超過"], Comparator.LE),
    **dict.fromkeys(["<", "＜", "小于", "低于", "少于"], Comparator.LT),
    **dict.fromkeys(["=", "＝", "═", "﹦", "==", "＝＝", "等于"], Comparator.EQ),
    **dict.fromkeys(["≈", "约", "約", "大约", "大約", "约为"], Comparator.APPROX),
}
SUFFIX_WORDS: dict[str, Comparator] = {
    **dict.fromkeys(["以上", "及以上", "或以上", "以上(含)", "以上（含）"], Comparator.GE),
    **dict.fromkeys(["以下", "及以下", "或以下", "以内", "之内", "内", "以下(含)", "以下（含）"], Comparator.LE),
    **dict.fromkeys(["左右", "上下"], Comparator.APPROX),
}
# Grade words (等级词) → (level, comparator implied by the word itself: 优良 = 良好 or better).
GRADE_WORDS: dict[str, tuple[GradeLevel, Comparator]] = {
    "优秀": (GradeLevel.EXCELLENT, Comparator.NONE),
    "优": (GradeLevel.EXCELLENT, Comparator.NONE),
    "良好": (GradeLevel.GOOD, Comparator.NONE),
    "良": (GradeLevel.GOOD, Comparator.NONE),
    "优良": (GradeLevel.GOOD, Comparator.GE),
    "中等": (GradeLevel.MEDIUM, Comparator.NONE),
    "中": (GradeLevel.MEDIUM, Comparator.NONE),
    "合格": (GradeLevel.PASS, Comparator.NONE),
    "及格": (GradeLevel.PASS, Comparator.NONE),
    "较差": (GradeLevel.POOR, Comparator.NONE),
    "差": (GradeLevel.POOR, Comparator.NONE),
    "不合格": (GradeLevel.POOR, Comparator.NONE),
}

_CN_DIGITS = "零〇一二两三四五六七八九十百千"
_ASCII_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@lru_cache(maxsize=4096)
def number_value(text: str) -> Decimal | None:
    """The value of a written number: '7,840,000.00', '１００', '1.5', '三', '十二' (None if not one)."""
    folded = unicodedata.normalize("NFKC", text).replace(",", "")
    if _ASCII_NUMBER.fullmatch(folded) and folded.isascii():
        return Decimal(folded)
    if folded and all(c in _CN_DIGITS for c in folded):
        import cn2an  # slow to import; only Chinese numerals need it

        try:
            return Decimal(str(cn2an.cn2an(folded, "smart")))
        except (ValueError, KeyError, InvalidOperation, IndexError, TypeError):
            return None
    return None


def combine(*comparators: Comparator) -> Comparator | None:
    """The comparator stated by several written words together; None if they contradict.

    约…左右 is ≈, 达到…以上 is ≥, 不少于…以下 contradicts.
    """
    stated = {c for c in comparators if c is not Comparator.NONE}
    if not stated:
        return Comparator.NONE
    if len(stated) == 1:
        return stated.pop()
    if stated <= {Comparator.GE, Comparator.GT}:
        return Comparator.GT
    if stated <= {Comparator.LE, Comparator.LT}:
        return Comparator.LT
    return None


def direction_of(comparator: Comparator, *, cost: bool = False) -> Direction:
    """≥ > → 正向; ≤ < → 反向; plain, = and ≈ → 正向, but 反向 in a cost group (成本 is a ceiling)."""
    if comparator in (Comparator.GE, Comparator.GT):
        return Direction.POSITIVE
    if comparator in (Comparator.LE, Comparator.LT):
        return Direction.NEGATIVE
    return Direction.NEGATIVE if cost else Direction.POSITIVE


def is_cost_group(level1: str | None) -> bool:
    """Whether a level-1 label is the cost group (成本指标), where plain amounts are ceilings."""
    if not level1:
        return False
    return framework.level1_code(level1) == "cost" or "成本" in framework.normalize_label(level1)


def is_timeliness_group(level2: str | None, level1: str | None = None) -> bool:
    """Whether a level-2 label is the timeliness group (时效指标), where dates are the targets."""
    return bool(level2) and framework.level2_code(level2, level1) == "output.timeliness"

# Written range separators (区间连接符): 10-12人, 10～12人, 10至12人.
RANGE_SEPARATORS = ("-", "－", "~", "～", "〜", "—", "–", "至", "到")

# Written "per" words between a unit and its period (每/一): 30万元一年, 200元每月 — the same as a slash.
PER_WORDS = ("一", "每")
BRACKETS = (("(", ")"), ("（", "）"), ("(", "）"), ("（", ")"))

# Dates and deadlines (时限): the part of a period a date names, and the words after it.
# 2023年11月底前: year 2023, month 11, part 底 (its last day), suffix 前 (by then).
DATE_PARTS = ("底", "末", "初", "上旬", "中旬", "下旬", "全年")
DATE_SUFFIX_WORDS: dict[str, Comparator] = dict.fromkeys(
    ["前", "之前", "以前", "前完成", "之前完成", "以前完成", "完成", "前完工", "完工", "止", "为止", "截止",
     "内", "以内", "之内", "内完成", "以内完成", "之内完成"],
    Comparator.LE,
)
# A "within" word needs a year: 2023年内 is a deadline, 3月内 is a duration (three months).
DATE_WITHIN_WORDS = frozenset(w for w in DATE_SUFFIX_WORDS if w.startswith(("内", "以内", "之内")))
# Excel stores dates as days since 1899-12-30; a 时效 cell holding 45291 is 2023-12-31.
EXCEL_EPOCH_ORDINAL = 693594  # date(1899, 12, 30).toordinal()
EXCEL_SERIALS = range(36526, 73051)  # 2000-01-01 … 2099-12-31: a five-digit number in that span
