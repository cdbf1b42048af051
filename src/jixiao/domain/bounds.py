"""The bounds of every number a table holds, as pydantic types, and their objections in Chinese.

Import, edit and the API all validate through these types (the domain's `Table` declares its fields
with them; pages and readers ask `problem` about one value), so a value refused in one place is refused
everywhere: counts are whole and non-negative, amounts non-negative, every number finite (no nan/inf)
and within what a database column holds.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

MAX_COUNT = 2_147_483_647  # a 32-bit integer column (PostgreSQL integer, Django's PositiveIntegerField)
MAX_WAN = 1e10  # 万元: 100万亿元, above any budget of a whole country's government
MAX_YUAN = MAX_WAN * 10_000
YEARS = (2000, 2100)  # the budget years a table, a filter or an upload may name

Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]  # 人数、单位数
Wan = Annotated[float, Field(ge=0, le=MAX_WAN, allow_inf_nan=False)]  # an amount in 万元
Yuan = Annotated[float, Field(ge=0, le=MAX_YUAN, allow_inf_nan=False)]  # an amount in 元

_ADAPTERS: dict[str, TypeAdapter] = {"count": TypeAdapter(Count), "wan": TypeAdapter(Wan), "yuan": TypeAdapter(Yuan)}


def problem(value: Any, kind: str, label: str) -> str | None:
    """Why `value` is not a valid `kind` ("count", "wan" or "yuan") number, in Chinese; None when it is."""
    try:
        _ADAPTERS[kind].validate_python(value)
    except ValidationError as error:
        return describe(error, {(): label})[0]
    return None


def describe(error: ValidationError | list[dict], labels: dict[tuple, str] | None = None) -> list[str]:
    """Each objection of a validation error (or its list of errors) as a Chinese sentence; `labels`
    names fields by their path."""
    labels = labels or {}
    out = []
    for e in error.errors() if isinstance(error, ValidationError) else error:
        path = tuple(str(p) for p in e["loc"])
        label = labels.get(path) or (".".join(path) if path else "数值")
        shown = e.get("input")
        typed = f"（填写的是 {shown}）" if shown is not None else ""
        ctx = e.get("ctx") or {}
        kind = e["type"]
        if kind == "greater_than_equal":
            least = ctx.get("ge", 0)
            out.append(f"{label}不能为负数{typed}" if least == 0 else f"{label}不能小于 {least}{typed}")
        elif kind == "less_than_equal":
            out.append(f"{label}超出范围：不能大于 {ctx.get('le', 0):,.0f}{typed}")
        elif kind == "finite_number":
            out.append(f"{label}必须是有限的数字{typed}")
        elif kind.startswith("int_"):
            out.append(f"{label}应为整数{typed}")
        elif kind.startswith("float_"):
            out.append(f"{label}应为数字{typed}")
        elif kind == "missing":
            out.append(f"缺少{label}")
        else:
            out.append(f"{label}的值“{shown}”无效")
    return out
