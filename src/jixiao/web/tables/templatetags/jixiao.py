"""Template filters for domain values: enums in words, numbers as the official forms print them
(`forms.numbers`: thousands separators, the unit after the figure, rates in %), a Problem's place."""

from __future__ import annotations

from django import template

from ....domain.table import KIND_LABELS
from ....forms import numbers
from .. import grid_html

register = template.Library()


@register.filter
def text(value) -> str:
    """An enum's value (Dimension.COMPLETE → 完整性), anything else as text; None → ''."""
    if value is None:
        return ""
    return str(getattr(value, "value", value))


@register.filter
def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind or "")


@register.filter
def money(value, decimals: int = 2) -> str:
    """1767.72 → 1,767.72 (no unit: a column or block that names its unit)."""
    return numbers.money(_number(value), decimals)


@register.filter
def count(value) -> str:
    """A count with separators: 6400 → 6,400 (0 → 0; '' and None → '')."""
    return numbers.count(_number(value))


@register.filter
def figure(value, unit: str = "") -> str:
    """A figure with its unit: {{ b.expenditure.basic|figure:"万元" }} → 1,767.72 万元; {{ staff|figure:"人" }} → 33 人."""
    return numbers.figure(_number(value), unit or None)


@register.filter
def percent(fraction, decimals: int = 2) -> str:
    """A rate given as a fraction: 0.5806 → 58.06%."""
    return numbers.percent(_number(fraction), decimals)


@register.filter
def amount(value, unit: str | None = None) -> str:
    """An Amount (project funds) in `unit` with the unit (784 万元 → 784.00 万元); one that is not a
    number as printed; '' when empty."""
    if value is None:
        return ""
    yuan = getattr(value, "yuan", None)
    if yuan is None:
        return getattr(value, "text", None) or ""
    unit = unit or "元"
    written = numbers.in_unit(yuan, unit)
    return f"{written} {unit}" if unit in numbers.YUAN_PER else written


def _number(value):
    """A number from a template value ('' and None are no number)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@register.filter
def unit_suffix(label: str) -> str:
    """The unit of an edit-form field by its label, in brackets (基本支出 → （万元）); '' for text fields."""
    from ..changes import unit_of_label

    unit = unit_of_label(label or "")
    return f"（{unit}）" if unit else ""


@register.simple_tag
def portfolio_rows(records, internal) -> str:
    """{% portfolio_rows page internal %}: the portfolio's `<tr>`s (`grid_html`)."""
    return grid_html.portfolio_rows(records, bool(internal))


@register.simple_tag
def indicator_rows(rows, explanations=False, readonly=False, can_review=False) -> str:
    """{% indicator_rows rows explanations=… readonly=… can_review=… %}: the indicator grid's `<tr>`s."""
    return grid_html.indicator_rows(rows, explanations=bool(explanations), readonly=bool(readonly), can_review=bool(can_review))


@register.simple_tag
def findings(shown, placed=False) -> str:
    """{% findings list placed=True %}: findings as the pages list them (`grid_html.findings`)."""
    return grid_html.findings(shown or (), bool(placed))


@register.simple_tag
def grouped_rows(shown) -> str:
    """{% grouped_rows g.findings %}: one group's findings as rows (`grid_html.grouped_rows`)."""
    return grid_html.grouped_rows(shown or ())
