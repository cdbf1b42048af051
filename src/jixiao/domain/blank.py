"""Placeholders written into a cell that is not filled (“/”、“—”、“无” …): one list for every reader,
form and API, so a table imported with “/” edits and scores the same as one left blank."""

from __future__ import annotations

import unicodedata

BLANKS = frozenset({"", "/", "\\", "-", "--", "—", "——", "–", "一", "无", "…", "……", "...", "......", "n/a", "na", "null", "none"})


def is_blank(text: str | None) -> bool:
    """True for None, whitespace, and the placeholders of a cell left unfilled (full-width forms too)."""
    if text is None:
        return True
    folded = unicodedata.normalize("NFKC", text).strip().lower()
    return folded in BLANKS
