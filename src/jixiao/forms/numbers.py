"""Numbers as the official forms print them: thousands separators, two decimals for amounts, the unit
after the figure (1,767.72 万元 · 7,840,000.00 元), counts as whole numbers (6,400), rates as percentages
(58.06%). One place for every output: the form writers (XLSX text cells, HTML, DOCX), the report, and
the web pages, charts and exports (through the `jixiao` template filters)."""

from __future__ import annotations

from decimal import Decimal

YUAN_PER = {"元": 1.0, "万元": 1e4, "亿元": 1e8}  # 元 in one unit of a written amount
# The same formats for number cells of a workbook (the cell keeps its number; Excel prints it so).
XLSX_MONEY, XLSX_COUNT, XLSX_PERCENT = "#,##0.00", "#,##0", "0.00%"


def money(value: float | int | None, decimals: int = 2) -> str:
    """1767.72 → 1,767.72; None → ''."""
    return "" if value is None else f"{value:,.{decimals}f}"


def count(value: int | float | None) -> str:
    """A whole number with separators (6400 → 6,400); a non-whole one as money; None → ''."""
    if value is None:
        return ""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return money(value, places(value))


def figure(value: float | int | None, unit: str | None = None, decimals: int = 2) -> str:
    """A figure with its unit: an amount (万元/元/亿元) with `decimals` places, anything else as a count:
    figure(1767.72, "万元") → 1,767.72 万元; figure(33, "人") → 33 人; None → ''."""
    if value is None:
        return ""
    text = money(value, decimals) if unit in YUAN_PER else count(value)
    return f"{text} {unit}" if unit else text


def percent(fraction: float | None, decimals: int = 2) -> str:
    """A rate given as a fraction (0.5806 → 58.06%); None → ''."""
    return "" if fraction is None else f"{fraction:.{decimals}%}"


def places(value: float | int | None, least: int = 2) -> int:
    """Decimal places that show `value` exactly (at least `least`): a form field shows 1,767.725 as
    1,767.725, so saving the form unchanged does not round it."""
    if value is None or isinstance(value, int):
        return least
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return max(least, -exponent if isinstance(exponent, int) and exponent < 0 else 0)


def in_unit(yuan: float | None, unit: str | None) -> str:
    """An amount known in 元 written in `unit` (万元 …) without the unit; in 元 with its unit when the
    unit is not a money unit; '' when unknown."""
    if yuan is None:
        return ""
    per = YUAN_PER.get(unit or "元")
    return money(yuan / per) if per else f"{money(yuan)}元"
