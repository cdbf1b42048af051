"""Template filters for domain values: enums in words, amounts, a Problem's place."""

from __future__ import annotations

from django import template

from ....domain.table import KIND_LABELS

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
def amount(value) -> str:
    """An Amount as printed, else its 元 figure, else ''."""
    if value is None:
        return ""
    if getattr(value, "text", None):
        return value.text
    yuan = getattr(value, "yuan", None)
    return f"{yuan:g} 元" if yuan is not None else ""
