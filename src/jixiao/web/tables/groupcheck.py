"""What a value must be in its indicator group (指标组): a 数量指标 row states a quantity, a 时效指标 row a
time limit (or a share done in time), a 成本指标 row an amount. Read by the edit page's live check, so a
descriptive "abc很多" in a 数量指标 row is shown as not fitting its group, not as a green 定性描述."""

from __future__ import annotations

from ...domain import framework
from ...domain.blank import is_blank
from ...domain.values import VALUE_KIND_NAMES, parse_value

# group code (a level-2 code, or a level-1 code for every group under it) → (kinds that fit, an example)
EXPECTED: dict[str, tuple[tuple[str, ...], str]] = {
    "output.quantity": (("quantity", "range", "compound"), "≥20个、10-12人"),
    "output.timeliness": (("deadline", "quantity", "range"), "2025年12月底前、≤30天、100%"),
    "cost": (("quantity", "range"), "≤500万元、≤80元/人次"),
}


def expected(level1: str | None, level2: str | None) -> tuple[str, tuple[str, ...], str] | None:
    """The group's name, the value kinds that fit it and an example; None for a group that takes any readable value."""
    code2 = framework.level2_code(level2, level1) if level2 else None
    owner = framework.level1_of(level2) if level2 else None
    code1 = framework.level1_code(level1) if level1 else (owner.code if owner is not None else None)
    for code, name in ((code2, framework.level2_name(code2) if code2 else ""), (code1, framework.level1_name(code1) if code1 else "")):
        if code and code in EXPECTED:
            kinds, example = EXPECTED[code]
            return name, kinds, example
    return None


def group_problem(text: str, level1: str | None, level2: str | None) -> str | None:
    """A Chinese message when a readable value does not fit its group; None when it fits (or is blank, or unreadable: value_error says that)."""
    if is_blank(text):
        return None
    want = expected(level1, level2)
    if want is None:
        return None
    name, kinds, example = want
    kind = parse_value(text, level1=level1, level2=level2).kind
    if kind == "unparsed" or kind in kinds:
        return None
    wanted = "、".join(VALUE_KIND_NAMES[k] for k in kinds)
    return f"“{text}”是{VALUE_KIND_NAMES.get(kind, kind)}，{name}应为{wanted}（如 {example}）"
