"""The reader's note codes in words (`note_words.toml`): what a page shows for SHIFT-RIGHT, and
whether a note asks a person to check the table."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources


@cache
def _table() -> dict[str, dict]:
    return tomllib.loads(resources.files(__package__).joinpath("note_words.toml").read_text(encoding="utf-8"))


def words(code: str) -> str:
    """A note's code in words (SHIFT-RIGHT → 整行右移（已对齐））; an unknown code → 读取说明."""
    return _table().get(code, {}).get("words", "读取说明")


def needs_check(code: str) -> bool:
    """Whether a note of this code asks a person to check the table (an unknown code does)."""
    return bool(_table().get(code, {}).get("check", True))


def codes() -> frozenset[str]:
    return frozenset(_table())
