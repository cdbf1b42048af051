"""Known form templates (表样), kept as data: one small TOML file per form in `templates/`.

When a published fragment prints no header (a page cut mid-table, a mirror that dropped the first
rows), the reader tries each template's columns on the body and keeps the one that explains it best
(see `selfeval._by_template`). A template names its form, the kind of table and the columns printed
after the indicator's name, by the field each fills. Files of kind `labels` list group labels of the
evaluation framework (项目决策, 投入管理 …) that self-evaluation forms print beside the target framework's.
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
def group_labels() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The evaluation framework's level-1 and level-2 labels (files of kind `labels`), beside the target
    framework's (`domain.framework`)."""
    level1: list[str] = []
    level2: list[str] = []
    for data in _files():
        if data["kind"] == "labels":
            level1 += data.get("level1", [])
            level2 += data.get("level2", [])
    return tuple(level1), tuple(level2)


def _files() -> list[dict]:
    folder = resources.files("jixiao.ingest") / "templates"
    return [tomllib.loads(e.read_text(encoding="utf-8")) for e in sorted(folder.iterdir(), key=lambda e: e.name) if e.name.endswith(".toml")]


@cache
def templates(kind: str) -> tuple[Template, ...]:
    """Every shipped template of `kind` (selfeval, project_target, …), in file-name order."""
    return tuple(Template(name=d["name"], kind=d["kind"], columns=tuple(d["columns"])) for d in _files() if d["kind"] == kind)
