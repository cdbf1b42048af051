"""Known form templates (表样), kept as data: one small TOML file per form in `templates/`.

When a published fragment prints no header (a page cut mid-table, a mirror that dropped the first
rows), the reader tries each template's columns on the body and keeps the one that explains it best
(see `selfeval._by_template`). A template names its form, the kind of table and the columns printed
after the indicator's name, by the field each fills.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Template:
    name: str
    kind: str
    columns: tuple[str, ...]


@cache
def templates(kind: str) -> tuple[Template, ...]:
    """Every shipped template of `kind` (selfeval, project_target, …), in file-name order."""
    folder = resources.files("jixiao.ingest") / "templates"
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            if data["kind"] == kind:
                found.append(Template(name=data["name"], kind=data["kind"], columns=tuple(data["columns"])))
    return tuple(found)
