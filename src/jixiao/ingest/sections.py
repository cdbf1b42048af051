"""Find the parts of a target table by their labels, not by fixed line numbers.

A section starts at a row whose first cell is one of the section labels below (or, for the
indicators, at the header row holding 一级指标/二级指标/三级指标) and runs until the next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain.script import plain
from .grid import Grid, Row

# Section labels as printed, matched on the start of the first non-empty cell of a row.
SECTION_LABELS = {
    "department": ("部门名称", "单位名称", "基本信息"),
    "budget": ("预算整体情况", "部门预算情况", "预算情况"),
    "goals": ("总体绩效目标", "整体绩效目标", "年度总体目标", "总体目标"),
    "key_tasks": ("年度重点工作任务", "重点工作任务"),
    "other_tasks": ("其他需完成的任务", "其他任务"),
}
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标")
INDICATOR_SECTION_LABEL = "绩效指标"



@dataclass
class Sections:
    head: list[Row] = field(default_factory=list)  # title, year: rows before any section
    department: list[Row] = field(default_factory=list)
    budget: list[Row] = field(default_factory=list)
    goals: list[Row] = field(default_factory=list)
    key_tasks: list[Row] = field(default_factory=list)
    other_tasks: list[Row] = field(default_factory=list)
    indicators: list[Row] = field(default_factory=list)  # starts with the header row


squeeze = plain  # the form cells are compared in: no spaces, simplified characters, no pinyin glosses

_HEADER_MARKS = re.compile(r"^[*＊★※]+|[*＊★※]+$|[(（][^()（）]*[)）]$")


def header_word(text: str) -> str:
    """A header cell's words: plain form, without marks (*指标值) or a bracketed suffix (二级指标(长期))."""
    word = plain(text)
    while (stripped := _HEADER_MARKS.sub("", word)) != word and stripped:
        word = stripped
    return word


def section_of(row: Row) -> str | None:
    """The section a row opens, if it opens one."""
    texts = [squeeze(t) for t in row.texts()]
    found = [label for label in (*INDICATOR_HEADER, "指标名称") if label in texts]
    if len(found) >= 2 and found[0] in INDICATOR_HEADER[:2]:  # 一级指标 or 二级指标 and another level (或 指标名称)
        return "indicators"
    first = row.cells[0].text if row.cells else ""
    first = squeeze(first)
    if not first:
        return None
    for name, labels in SECTION_LABELS.items():
        if first.startswith(labels):
            return name
    return None


def split_sections(grid: Grid) -> Sections:
    sections = Sections()
    current = "head"
    for row in grid:
        opened = section_of(row)
        if opened and not (current == "indicators" and opened != "indicators"):
            current = opened
        if row.blank:
            continue
        getattr(sections, current).append(row)
    return sections
