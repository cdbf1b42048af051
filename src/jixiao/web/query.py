"""Query parameters of the pages (?year=, ?status=, ?q= …), checked before they reach a query: a value
that is not what the parameter takes is refused (400) with a Chinese message, never a 500."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.bounds import YEARS
from .tables.services import Refused

MAX_TEXT = 200


def year(text: str | None) -> int | None:
    """A year (four ASCII digits within YEARS); blank is no filter."""
    text = (text or "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and YEARS[0] <= int(text) <= YEARS[1]):
        raise Refused(f"年度“{text[:20]}”无效：应为 {YEARS[0]}–{YEARS[1]} 之间的四位数字年份（如 2025）")
    return int(text)


def choice(text: str | None, allowed: Iterable[str], label: str) -> str:
    """One of `allowed`; blank is no filter."""
    text = (text or "").strip()
    allowed = list(allowed)
    if text and text not in allowed:
        raise Refused(f"未知的{label}“{text[:40]}”（可选：{'、'.join(allowed)}）")
    return text


def search(text: str | None, label: str = "搜索词") -> str:
    """Free text to search for: printable, at most MAX_TEXT characters."""
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise Refused(f"{label}过长（最多 {MAX_TEXT} 个字符）")
    if any(not c.isprintable() for c in text):
        raise Refused(f"{label}含有不可显示的控制字符")
    return text


def page(text: str | None) -> str:
    """A page number: blank (the first), "last", or a whole number (a page past the end shows the last)."""
    text = (text or "").strip()
    if text and text != "last" and not (text.isascii() and text.isdigit() and len(text) <= 9):
        raise Refused(f"页码“{text[:20]}”无效：应为正整数")
    return text
