"""The non-indicator parts of a target table: title and year, department facts, budget, goals, tasks.

Facts are found by their labels anywhere in a row, with the value in the next cell to the right,
so a label that moved a column does not lose its value. Blank cells are kept as None with the
Source of the blank cell, so a reviewer can be pointed at what is missing.
"""

from __future__ import annotations

import html
import re
from typing import Any

from ..domain import bounds
from ..domain.problem import Problem
from ..domain.source import Source
from ..domain.table import Budget, ByLevel, Department, Development, Expenditure, Income, KeyTask, OtherTask
from .grid import Cell, Row
from .sections import squeeze

_NUMBER = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$|^[-+]?\d+(\.\d+)?$")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年")  # a year as printed: 2025年

DEPARTMENT_LABELS = {"部门名称": "name", "单位名称": "name", "财政供养人员数": "funded_staff", "下属二级单位数": "subordinate_units"}
DEPARTMENT_TITLES = {"funded_staff": "财政供养人员数", "subordinate_units": "下属二级单位数"}
BUDGET_LABELS = {
    "基本支出": "expenditure.basic",
    "项目支出": "expenditure.project",
    "财政专项资金": "expenditure.development.special_fund",
    "其他事业发展性支出": "expenditure.development.other",
    "财政拨款": "income.fiscal_appropriation",
    "其他资金": "income.other",
    "市本级使用资金": "by_level.city_level",
    "拟用于对下转移支付资金": "by_level.transfer_to_lower",
}


def parse_number(text: str) -> float | None:
    """'1,767.72' → 1767.72; None when the text is not a plain number."""
    text = text.strip().replace("，", ",")
    if not _NUMBER.match(text):
        return None
    return float(text.replace(",", ""))


def labelled_values(rows: list[Row], labels: dict[str, str]) -> dict[str, Cell | None]:
    """For each label found in the rows, the cell to its right (None when the label ends the row)."""
    found: dict[str, Cell | None] = {}
    for row in rows:
        for i, cell in enumerate(row.cells):
            key = labels.get(squeeze(cell.text))
            if key and key not in found:
                found[key] = _right_of(row, i)
    return found


def _right_of(row: Row, i: int) -> Cell | None:
    """The value cell right of a label: past the empty cells a merged label covers, when spans are known."""
    j = i + 1
    while j < len(row.cells) and row.cells[j].merged and not row.cells[j].text:
        j += 1
    return row.cells[j] if j < len(row.cells) else None


def read_head(rows: list[Row]) -> tuple[str | None, int | None]:
    title = year = None
    for row in rows:
        text = " ".join(row.texts()).strip()
        match = YEAR.search(text)
        if match and year is None:
            year = int(match.group(1))
            if len(squeeze(text)) <= 8:  # a line such as "(2025年)" holds only the year
                continue
        if title is None and text and ("表" in text or "目标" in text):
            title = text
    return title, year


def read_department(rows: list[Row], notes: list[Problem]) -> Department:
    values: dict = {}
    sources: dict[str, Source] = {}
    for key, cell in labelled_values(rows, DEPARTMENT_LABELS).items():
        if cell is None:
            continue
        sources[key] = cell.source
        if key == "name":
            values[key] = cell.text or None
        elif cell.text:
            number = parse_number(cell.text)
            if number is None or number != int(number):
                notes.append(Problem(code="NOT-A-COUNT", message=f"“{cell.text}”不是整数，已忽略", source=cell.source))
            elif refused := bounds.problem(int(number), "count", DEPARTMENT_TITLES[key]):
                notes.append(Problem(code="OUT-OF-BOUNDS", message=f"{refused}，已忽略", source=cell.source))
            else:
                values[key] = int(number)
    return Department(**values, sources=sources)


def read_budget(rows: list[Row], notes: list[Problem]) -> Budget:
    amounts: dict[str, float | None] = {}
    sources: dict[str, Source] = {}
    for key, cell in labelled_values(rows, BUDGET_LABELS).items():
        if cell is None:
            continue
        sources[key] = cell.source
        if not cell.text:
            amounts[key] = None
            notes.append(Problem(code="BLANK-CELL", message=f"预算项“{_label_of(key)}”的金额为空", source=cell.source))
            continue
        amounts[key] = parse_number(cell.text)
        if amounts[key] is None:
            notes.append(Problem(code="NOT-A-NUMBER", message=f"预算金额“{cell.text}”不是数字，已按空值处理", source=cell.source))
        elif refused := bounds.problem(amounts[key], "wan", f"预算项“{_label_of(key)}”"):
            amounts[key] = None
            notes.append(Problem(code="OUT-OF-BOUNDS", message=f"{refused}，已按空值处理", source=cell.source))
    a = amounts.get
    return Budget(
        expenditure=Expenditure(
            basic=a("expenditure.basic"),
            project=a("expenditure.project"),
            development=Development(
                special_fund=a("expenditure.development.special_fund"), other=a("expenditure.development.other")
            ),
        ),
        income=Income(fiscal_appropriation=a("income.fiscal_appropriation"), other=a("income.other")),
        by_level=ByLevel(city_level=a("by_level.city_level"), transfer_to_lower=a("by_level.transfer_to_lower")),
        sources=sources,
    )


def _label_of(key: str) -> str:
    return next(label for label, k in BUDGET_LABELS.items() if k == key)


_PARAGRAPH = re.compile(r"</p\s*>|<br\s*/?>|\n", re.I)
_TAG = re.compile(r"<[^>]+>")
_NUMBERED = re.compile(r"(?=(?<![\d\w])[一二三四五六七八九十]+、)")


def strip_html(text: str) -> list[str]:
    """Paragraphs of a cell that may hold HTML (<p>…</p>), tags removed and entities decoded."""
    parts = [html.unescape(_TAG.sub("", p)).strip() for p in _PARAGRAPH.split(text)]
    return [p for p in parts if p]


def read_goals(rows: list[Row]) -> tuple[list[str], list[Source]]:
    """Numbered goals (一、二、…), one per paragraph, each with the Source of the cell it was read from;
    unnumbered text stays one goal per paragraph."""
    goals: list[str] = []
    sources: list[Source] = []
    for row in rows:
        for cell in row.cells[1:] if row.cells and squeeze(row.cells[0].text).endswith("目标") else row.cells:
            for paragraph in strip_html(cell.text):
                parts = [part.strip() for part in _NUMBERED.split(paragraph) if part.strip()]
                goals.extend(parts)
                sources.extend([cell.source] * len(parts))
    return goals, sources


# Task table headers → fields. Order matters: 目标内容 is a goal, 主要实施内容 is content.
_TASK_HEADERS = (("名称", "name"), ("目标", "goal"), ("内容", "content"), ("资金", "funds"), ("金额", "funds"))


def _header_fields(row: Row) -> dict[int, str] | None:
    texts = [squeeze(t) for t in row.texts()]
    if not any(t in ("名称", "任务名称", "项目名称") for t in texts):
        return None
    mapping: dict[int, str] = {}
    for i, text in enumerate(texts):
        for needle, field_name in _TASK_HEADERS:
            if needle in text:
                mapping[i] = field_name
                break
    return mapping


def read_tasks(rows: list[Row], notes: list[Problem], *, with_goal: bool) -> list:
    """Task rows under a header (名称 / 主要实施内容 / 拟投入的资金 / 期望达到的目标), or positional rows
    (name, content, funds) when the section has no header, as 其他需完成的任务 usually does."""
    tasks: list[KeyTask | OtherTask] = []
    mapping: dict[int, str] | None = None
    for row in rows:
        header = _header_fields(row)
        if header:
            mapping = header
            continue
        fields: dict[str, Cell] = {}
        if mapping:
            for i, cell in enumerate(row.cells):
                if cell.text and i in mapping and i > 0:
                    fields.setdefault(mapping[i], cell)
        else:
            cells = [c for c in row.cells[1:] if c.text]
            money = [c for c in cells if parse_number(c.text) is not None]
            words = [c for c in cells if parse_number(c.text) is None]
            if words:
                fields["name"] = words[0]
            if len(words) > 1:
                fields["content"] = words[1]
            if money:
                fields["funds"] = money[-1]
        if "name" not in fields:
            if any(c.text for c in row.cells[1:]):
                notes.append(Problem(code="TASK-NO-NAME", message="任务行缺少名称，已跳过", source=row.cells[0].source))
            continue
        funds = parse_number(fields["funds"].text) if "funds" in fields else None
        if "funds" in fields and funds is None:
            notes.append(Problem(code="NOT-A-NUMBER", message=f"资金“{fields['funds'].text}”不是数字", source=fields["funds"].source))
        values: dict[str, Any] = {  # the fields KeyTask and OtherTask share, validated by them
            "name": fields["name"].text,
            "content": fields["content"].text if "content" in fields else None,
            "funds_yuan": funds,
            "sources": {k: c.source for k, c in fields.items()} | ({"funds_yuan": fields["funds"].source} if "funds" in fields else {}),
        }
        if with_goal:
            tasks.append(KeyTask(goal=fields["goal"].text if "goal" in fields else None, **values))
        else:
            tasks.append(OtherTask(**values))
    return tasks
