"""Three-way merge of an edit form into a table's document (what you started from / what they saved /
what you typed).

A form is based on one stored version (`base`); by the time it is saved a colleague may have stored a
newer one (`theirs`). Per field: a value the person did not change keeps theirs (never reverted); a value
only the person changed is taken; a value both changed to different things is a conflict, settled only by
an explicit choice for that field ("mine" or "theirs"). Pure functions over documents (plain JSON dicts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...forms import numbers

MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class Field:
    """One editable value of a document: its form key, its label, how to read and write it."""

    key: str  # the form input's name: a TABLE_FIELDS key or f"{field}_{position}"
    label: str
    get: Callable[[dict], Any]
    set: Callable[[dict, Any], None]


@dataclass(frozen=True)
class Clash:
    """A field both sides changed to different values."""

    key: str
    label: str
    base: Any
    theirs: Any
    mine: Any

    def shown(self) -> tuple[str, str, str]:
        """The three values in words (blank as （空）): started from, theirs, typed."""
        return _show(self.base), _show(self.theirs), _show(self.mine)


def _show(value: Any) -> str:
    return "（空）" if value in (None, "") else figure_text(value)


def figure_text(value: Any) -> str:
    """A value in words, a number as the official forms print it (1,800.00; every stored decimal kept)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return numbers.count(value) if isinstance(value, int) else numbers.money(value, numbers.places(value))


@dataclass(frozen=True)
class Merge:
    changes: list[tuple[Field, Any, Any]]  # (field, stored value, new value) to write into theirs
    clashes: list[Clash]  # unsettled: nothing may be written while there is one
    shown: dict[str, Any]  # key → the value a re-shown form holds: the person's change, else theirs


def merge(fields: list[tuple[Field, Any]], base: dict | None, theirs: dict, choices: dict[str, str]) -> Merge:
    """`fields`: each field with the person's value; `base` None when the starting version is unknown
    (every difference from theirs is then a clash); `choices`: key → MINE/THEIRS for settled clashes."""
    changes: list[tuple[Field, Any, Any]] = []
    clashes: list[Clash] = []
    shown: dict[str, Any] = {}
    for field, mine in fields:
        current = field.get(theirs)
        started = field.get(base) if base is not None else current
        shown[field.key] = mine if (base is None or mine != started) else current
        if mine == current or (base is not None and mine == started):
            continue  # nothing to write: the same value, or the person left theirs alone
        if base is not None and current == started:
            changes.append((field, current, mine))  # only the person changed it
        elif choices.get(field.key) == MINE:
            changes.append((field, current, mine))
        elif choices.get(field.key) != THEIRS:
            clashes.append(Clash(field.key, field.label, started if base is not None else None, current, mine))
    return Merge(changes, clashes, shown)
