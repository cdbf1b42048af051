"""The indicator framework vocabulary (指标体系): level-1 and level-2 names, their aliases, and ownership.

A level-2 name tells its level-1 (数量指标 → 产出指标), which is how the reader repairs tables whose
merged level-1 label was lost. Printed labels vary ("社会效益" vs "社会效益指标", "服务对象满意度"), so
lookups go through `normalize_label`, and each group has a stable code for machines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .script import plain
from .text_cache import text_cache


@dataclass(frozen=True)
class Level1:
    code: str
    name: str  # canonical printed name, e.g. 产出指标


@dataclass(frozen=True)
class Level2:
    code: str
    name: str
    level1: str  # code of the owning level-1


LEVEL1 = (
    Level1("cost", "成本指标"),
    Level1("output", "产出指标"),
    Level1("effect", "效益指标"),
    Level1("satisfaction", "满意度指标"),
    # the evaluation frameworks' process groups (投入-过程-产出-效益; 决策-过程/管理-产出-效益), printed as the
    # level-1 of many published target and self-evaluation tables; their level-2 names vary by locality
    Level1("decision", "决策指标"),
    Level1("input", "投入指标"),
    Level1("process", "过程指标"),
    Level1("management", "管理指标"),
)

LEVEL2 = (
    Level2("output.quantity", "数量指标", "output"),
    Level2("output.quality", "质量指标", "output"),
    Level2("output.timeliness", "时效指标", "output"),
    Level2("cost.economic", "经济成本指标", "cost"),
    Level2("cost.social", "社会成本指标", "cost"),
    Level2("cost.environmental", "生态环境成本指标", "cost"),
    Level2("effect.economic", "经济效益指标", "effect"),
    Level2("effect.social", "社会效益指标", "effect"),
    Level2("effect.ecological", "生态效益指标", "effect"),
    Level2("effect.sustainable", "可持续影响指标", "effect"),
    Level2("satisfaction.beneficiary", "服务对象满意度指标", "satisfaction"),
    Level2("satisfaction.other", "其他满意度指标", "satisfaction"),  # Shenzhen's project form
)

# Printed variants seen in published tables, beyond dropping the 指标 suffix.
_LEVEL2_ALIASES = {
    "生态成本": "cost.environmental",
    "环境成本": "cost.environmental",
    "可持续影响": "effect.sustainable",
    "可持续效益": "effect.sustainable",
    "服务对象满意": "satisfaction.beneficiary",
    "社会公众满意度": "satisfaction.beneficiary",
    "数量": "output.quantity",
    "质量": "output.quality",
    "时效": "output.timeliness",
}

_LEVEL1_BY_CODE = {l1.code: l1 for l1 in LEVEL1}
_LEVEL2_BY_CODE = {l2.code: l2 for l2 in LEVEL2}
_SUFFIX = re.compile(r"指标$")


@text_cache(4096)
def normalize_label(text: str) -> str:
    """Strip spaces, a trailing 指标 and points such as (50分) so label variants compare equal (in their
    plain form: traditional characters and pinyin glosses as printed by mirrors match too)."""
    text = plain(text or "")
    text = re.sub(r"[（(]\d+(\.\d+)?分[）)]$", "", text)
    return _SUFFIX.sub("", text)


_LEVEL1_INDEX = {normalize_label(l1.name): l1.code for l1 in LEVEL1}
_LEVEL2_INDEX = {normalize_label(l2.name): l2.code for l2 in LEVEL2} | {
    normalize_label(k): v for k, v in _LEVEL2_ALIASES.items()
}


def level1_code(label: str | None) -> str | None:
    """Code of a printed level-1 label (产出指标 → 'output'), or None when it is not one."""
    return _LEVEL1_INDEX.get(normalize_label(label)) if label else None


def level2_code(label: str | None, level1: str | None = None) -> str | None:
    """Code of a printed level-2 label. 成本指标 under 产出 (older framework) is 'output.cost'."""
    if not label:
        return None
    key = normalize_label(label)
    if key == "成本" and level1_code(level1) == "output":
        return "output.cost"
    return _LEVEL2_INDEX.get(key)


def level1_of(level2: str | None) -> Level1 | None:
    """The level-1 group that owns a printed level-2 label (社会效益 → 效益指标)."""
    code = level2_code(level2)
    if code is None:
        return None
    return _LEVEL1_BY_CODE[code.split(".")[0]]


def level1_name(code: str) -> str:
    return _LEVEL1_BY_CODE[code].name


def level2_name(code: str) -> str:
    return _LEVEL2_BY_CODE[code].name if code in _LEVEL2_BY_CODE else "成本指标"


def is_level1(label: str | None) -> bool:
    return level1_code(label) is not None


def is_level2(label: str | None) -> bool:
    return level2_code(label) is not None
