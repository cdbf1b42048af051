"""Whether a row's content fits the level-2 group it is given (分组与内容是否相符).

A group label lost in flattening, or printed away from its rows, is inferred; the row's own words can
contradict the inference: a 时效 group does not count heads (≥1个, 成活率), a 数量/质量 group does not
state a deadline or a satisfaction, a 满意度 group speaks of satisfaction, a 成本 group of money. The
reader uses this to decide whether a label printed after some rows covers them (a centred merge) or
not (their own label was lost), and the confidence step to doubt a group the layout inferred. Rows
whose label was printed on them are never judged here: a published mismatch is the review's business.
"""

from __future__ import annotations

import re

from ..domain import framework
from ..domain.script import plain

_TIME_WORDS = re.compile(r"(时|期|及时|进度|月|日|年|天|周|前|内)")
_COUNT_UNITS = re.compile(r"\d\s*(个|人|家|次|亩|米|公里|平方米|户|所|座|套|台|件|场|项|种|只|头)")
_MONEY = re.compile(r"(元|成本|费|资金|预算|价|经费|补助|补贴|标准)")
_SATISFIED = re.compile(r"(满意|评价|认可|投诉|好评)")


def contradicts(level2: str | None, level1: str | None, name: str, value: str | None) -> bool:
    """The row (its name and value as printed) says words of another group than `level2`."""
    code = framework.level2_code(level2, level1) or ""
    name, value = plain(name or ""), plain(value or "")
    if code == "output.timeliness":
        return bool(_COUNT_UNITS.search(value)) or (re.search(r"(合格|成活|满意|数量|人数)", name) is not None and not _TIME_WORDS.search(name))
    if code in ("output.quantity", "output.quality"):
        return re.search(r"(及时|时限|满意度)", name) is not None
    if code.startswith("satisfaction"):
        return not _SATISFIED.search(name)
    if code.endswith("cost") or code.startswith("cost"):
        return not (_MONEY.search(name) or _MONEY.search(value))
    return False
