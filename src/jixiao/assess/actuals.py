"""Actuals (实际完成情况): what a department reports against its targets — read from XLSX, CSV or JSON.

One shape for both uses: monitoring (to-date value, year-end forecast, deviation cause, likelihood,
corrective action) and self-evaluation (actual value, optional 分值, deviation explanation), plus the
budget block (年初预算数, 全年预算数, 执行数, 万元). Columns are found by their header text, so a CSV
`三级指标,实际完成值[,偏差原因,说明]` and the generated workbook read alike. `check_actuals` validates
every entry against the target table with the value grammar and reports each problem (a
`domain.problem.Problem`, severity error: the actuals cannot be used as they are) with its sheet, row
and column, and — when it concerns an indicator of the table — the indicator's index (`row`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..domain.problem import Problem, Severity
from ..domain.source import Source
from ..domain.table import Table
from .goals import goal_of, read_actual
from .scheme import Scheme

SHEET_INDICATORS = "绩效指标"
SHEET_BUDGET = "预算执行"

# field → header texts that name it (first one is what the template writes)
HEADERS: dict[str, tuple[str, ...]] = {
    "index": ("序号",),
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称"),
    "target": ("年度指标值", "指标值", "目标值", "年初目标值"),
    "actual": ("实际完成值", "截至监控日实际完成值", "全年实际值", "完成值"),
    "forecast": ("全年预计完成值", "预计完成值"),
    "weight": ("分值", "权重"),
    "cause": ("偏差原因", "偏差原因分析"),
    "likelihood": ("完成目标可能性",),
    "explanation": ("说明", "原因说明", "偏差原因分析及改进措施", "未完成原因分析"),
    "correction": ("纠偏措施", "改进措施"),
    "schedule": ("进度安排",),
}
BUDGET_LABELS: dict[str, tuple[str, ...]] = {
    "initial": ("年初预算数",),
    "full_year": ("全年预算数", "调整后预算数"),
    "executed": ("执行数", "全年执行数", "截至监控日执行数"),
}
_MONTHS = re.compile(r"^\d{1,2}\s*[-–—~至]\s*\d{1,2}\s*月")


class ActualsError(Exception):
    """Actuals that cannot be used. `problems` lists every located problem."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _error(code: str, message: str, source: Source | None, row: int | None = None) -> Problem:
    """A problem that makes the actuals unusable as they are (codes: see `check_actuals` and the readers)."""
    return Problem(code=code, message=message, source=source, severity=Severity.ERROR, row=row)


class ActualEntry(BaseModel):
    """One indicator's reported actuals. Texts are kept as written; `sources` maps field → cell."""

    model_config = ConfigDict(frozen=True)
    index: int | None = None  # 序号: position in the table's indicators, from 1
    level1: str | None = None
    level2: str | None = None
    name: str
    target: str | None = None
    actual: str | None = None  # 实际完成值 (self-evaluation) / value to date (monitoring)
    forecast: str | None = None  # 全年预计完成值
    weight: float | None = None  # 分值, overrides the scheme's split
    cause: str | None = None  # 偏差原因
    likelihood: str | None = None  # 完成目标可能性
    explanation: str | None = None  # 原因说明 / 偏差原因分析及改进措施
    correction: str | None = None  # 纠偏措施
    schedule: str | None = None  # 进度安排: 线性 / 年末 / expected share at the date (e.g. 30%)
    sources: dict[str, Source] = Field(default_factory=dict)


class BudgetActuals(BaseModel):
    """预算执行 in 万元."""

    model_config = ConfigDict(frozen=True)
    initial: float | None = None  # 年初预算数
    full_year: float | None = None  # 全年预算数 / 调整后预算数
    executed: float | None = None  # 执行数
    sources: dict[str, Source] = Field(default_factory=dict)


class Actuals(BaseModel):
    model_config = ConfigDict(frozen=True)
    kind: str = "selfeval"  # selfeval | monitor
    as_of: dt.date | None = None  # 数据截至日期
    entries: list[ActualEntry] = Field(default_factory=list)
    budget: BudgetActuals = Field(default_factory=BudgetActuals)
    file: str | None = None


def _clean(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _field_of(header: str) -> str | None:
    header = re.sub(r"[\s\u3000]+", "", header or "")
    header = re.sub(r"[（(][^）)]*[）)]$", "", header)  # 金额（万元）, 说明（…）
    if _MONTHS.match(header) and "完成值" in header:
        return "actual"
    for field, names in HEADERS.items():
        if header in names:
            return field
    return None


def _number(text, source: Source, what: str, problems: list[Problem]) -> float | None:
    text = _clean(text)
    if text is None:
        return None
    try:
        value = float(str(text).replace(",", "").replace("，", ""))
    except ValueError:
        problems.append(_error("NOT-A-NUMBER", f"{what}应为数字，填写的是“{text}”", source))
        return None
    if value < 0:
        problems.append(_error("NEGATIVE", f"{what}不能为负数：{text}", source))
    return value


def _entries(rows: Sequence[tuple[int | None, Sequence[Any]]], file: str, sheet: str | None, problems: list[Problem]) -> list[ActualEntry]:
    """Rows (row number, cell texts) whose first row is the header → entries."""
    if not rows:
        problems.append(_error("NO-HEADER", "没有表头行", Source(file=file, sheet=sheet)))
        return []
    header_row, header = rows[0]
    columns = {i: f for i, h in enumerate(header) if (f := _field_of(_clean(h) or ""))}
    if "name" not in columns.values() or "actual" not in columns.values():
        problems.append(_error("BAD-HEADER", "表头须包含“三级指标”和“实际完成值”两列", Source(file=file, sheet=sheet, line=header_row)))
        return []
    out = []
    for number, cells in rows[1:]:
        values: dict = {}
        sources: dict[str, Source] = {}
        for i, field in columns.items():
            src = Source(file=file, sheet=sheet, line=number, column=i + 1)
            text = _clean(cells[i]) if i < len(cells) else None
            sources[field] = src
            if field == "weight":
                values[field] = _number(text, src, "分值", problems)
            elif field == "index":
                values[field] = int(n) if (n := _number(text, src, "序号", problems)) is not None else None
            else:
                values[field] = text
        if not values.get("name"):
            if any(v is not None for v in values.values()):
                problems.append(_error("NO-NAME", "缺少三级指标名称", sources.get("name")))
            continue
        out.append(ActualEntry(**values, sources=sources))
    return out


def _cell_text(cell) -> str | None:
    value = cell.value
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "%" in (cell.number_format or ""):
            return f"{value * 100:g}%"
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)


def _read_xlsx(data: bytes, file: str, problems: list[Problem]) -> Actuals:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # noqa: BLE001 — openpyxl raises many kinds for a broken file
        raise ActualsError([_error("BAD-FILE", f"无法作为 XLSX 工作簿打开：{type(error).__name__}", Source(file=file))]) from None
    sheet = book[SHEET_INDICATORS] if SHEET_INDICATORS in book.sheetnames else book.worksheets[0]
    rows = [(r[0].row, [_cell_text(c) for c in r]) for r in sheet.iter_rows() if any(c.value is not None for c in r)]
    entries = _entries(rows, file, sheet.title, problems)
    budget, kind, as_of = BudgetActuals(), "selfeval", None
    if SHEET_BUDGET in book.sheetnames:
        bs = book[SHEET_BUDGET]
        values: dict[str, Any] = {}
        sources: dict[str, Source] = {}
        for row in bs.iter_rows(min_col=1, max_col=2):
            label = re.sub(r"[\s（(].*$", "", _cell_text(row[0]) or "")
            src = Source(file=file, sheet=bs.title, line=row[0].row, column=2)
            for field, labels in BUDGET_LABELS.items():
                if label in labels:
                    values[field] = _number(_cell_text(row[1]), src, label, problems)
                    sources[field] = src
            if label == "表类型" and (text := _cell_text(row[1])):
                kind = "monitor" if "监控" in text else "selfeval"
            if label == "数据截至日期" and (text := _cell_text(row[1])):
                try:
                    as_of = dt.date.fromisoformat(text[:10])
                except ValueError:
                    problems.append(_error("BAD-DATE", f"日期应写作 2025-07-31，填写的是“{text}”", src))
        budget = BudgetActuals(**values, sources=sources)
    return Actuals(kind=kind, as_of=as_of, entries=entries, budget=budget, file=file)


def _read_csv(data: bytes, file: str, problems: list[Problem]) -> Actuals:
    text = _decode(data, file)
    rows = [(i, row) for i, row in enumerate(csv.reader(io.StringIO(text)), start=1) if any(c.strip() for c in row)]
    kind = "monitor" if rows and any(_field_of(h) == "forecast" for h in rows[0][1]) else "selfeval"
    return Actuals(kind=kind, entries=_entries(rows, file, None, problems), file=file)


def _decode(data: bytes, file: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ActualsError([_error("BAD-ENCODING", "文本编码无法识别（应为 UTF-8 或 GB18030）", Source(file=file))])


def _read_json(data: bytes, file: str, problems: list[Problem]) -> Actuals:
    try:
        doc = json.loads(_decode(data, file))
    except json.JSONDecodeError as error:
        raise ActualsError([_error("BAD-FILE", f"不是有效的 JSON：{error.msg}", Source(file=file, line=error.lineno, column=error.colno))]) from None
    items = doc.get("indicators", doc.get("entries")) if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise ActualsError([_error("BAD-FILE", "JSON 应为指标数组，或含 indicators 数组的对象", Source(file=file))])
    fields = list(HEADERS)
    rows: list[tuple[int, list]] = [(0, [HEADERS[f][0] for f in fields])]
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(_error("BAD-ENTRY", "每一项应为对象（键：三级指标、实际完成值……）", Source(file=file, sheet="indicators", line=n)))
            continue
        cells: list = [None] * len(fields)
        for key, value in item.items():
            field = key if key in HEADERS else _field_of(key)
            if field is not None:
                cells[fields.index(field)] = _json_cell(value)
        rows.append((n, cells))
    entries = _entries(rows, file, "indicators", problems)
    budget = BudgetActuals()
    if isinstance(doc, dict) and isinstance(doc.get("budget"), dict):
        values: dict[str, Any] = {}
        for key, value in doc["budget"].items():
            field = key if key in BUDGET_LABELS else next((f for f, names in BUDGET_LABELS.items() if key in names), None)
            if field is not None:
                values[field] = _number(value, Source(file=file, sheet="budget"), key, problems)
        budget = BudgetActuals(**values)
    kind = doc.get("kind", "selfeval") if isinstance(doc, dict) else "selfeval"
    as_of = None
    if isinstance(doc, dict) and doc.get("as_of"):
        try:
            as_of = dt.date.fromisoformat(str(doc["as_of"]))
        except ValueError:
            problems.append(_error("BAD-DATE", f"日期应写作 2025-07-31，填写的是“{doc['as_of']}”", Source(file=file, sheet="as_of")))
    return Actuals(kind=kind, as_of=as_of, entries=entries, budget=budget, file=file)


def _json_cell(value):
    return None if value is None else str(value) if not isinstance(value, float) else f"{value:g}"


def read_actuals_bytes(data: bytes, filename: str) -> Actuals:
    """Read actuals without checking them against a table (raises ActualsError on unreadable input)."""
    problems: list[Problem] = []
    suffix = Path(filename).suffix.lower()
    if data[:2] == b"PK" or suffix in (".xlsx", ".xlsm"):
        actuals = _read_xlsx(data, filename, problems)
    elif suffix == ".json" or data.lstrip()[:1] in (b"{", b"["):
        actuals = _read_json(data, filename, problems)
    else:
        actuals = _read_csv(data, filename, problems)
    if problems:
        raise ActualsError(problems)
    return actuals


def load_actuals(path: str | Path, table: Table | None = None, scheme: Scheme | None = None) -> Actuals:
    """Read a filled workbook, CSV or JSON; with a table, also validate every entry (ActualsError lists all)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError:
        raise ActualsError([_error("NO-FILE", "无法读取实际完成值文件（不存在或无权限）", Source(file=str(path)))]) from None
    actuals = read_actuals_bytes(data, path.name)
    if table is not None:
        from .scheme import load_scheme

        problems = check_actuals(actuals, table, scheme or load_scheme("default"))
        if problems:
            raise ActualsError(problems)
    return actuals


def match(actuals: Actuals, table: Table) -> tuple[dict[int, ActualEntry], list[Problem]]:
    """Pair entries with the table's indicators (by 序号 when it names the same indicator, else by name).

    An entry naming no indicator of the table, or one already paired, is an UNMATCHED problem.
    """
    by_name: dict[str, list[int]] = {}
    for k, ind in enumerate(table.indicators):
        by_name.setdefault(_key(ind.name), []).append(k)
    paired: dict[int, ActualEntry] = {}
    problems: list[Problem] = []
    for entry in actuals.entries:
        i: int | None = None
        if (
            entry.index is not None
            and 1 <= entry.index <= len(table.indicators)
            and _key(table.indicators[entry.index - 1].name) == _key(entry.name)
        ):
            i = entry.index - 1
        if i is None:
            candidates = [c for c in by_name.get(_key(entry.name), []) if c not in paired]
            i = candidates[0] if candidates else None
        if i is None:
            problems.append(_error("UNMATCHED", f"目标表中没有指标“{entry.name}”", entry.sources.get("name")))
        elif i in paired:
            problems.append(_error("UNMATCHED", f"指标“{entry.name}”重复填写", entry.sources.get("name"), row=i))
        else:
            paired[i] = entry
    return paired, problems


def _key(name: str) -> str:
    return re.sub(r"[\s\u3000]+", "", name or "")


def check_actuals(actuals: Actuals, table: Table, scheme: Scheme) -> list[Problem]:
    """Every problem of the actuals against the table: unknown indicators (UNMATCHED), values that do not
    fit the target (UNREADABLE), causes and likelihoods outside the scheme's drop-down lists (BAD-CHOICE)."""
    paired, problems = match(actuals, table)
    for i, entry in sorted(paired.items()):
        ind = table.indicators[i]
        goal = goal_of(ind.target_value, scheme)
        for field in ("actual", "forecast"):
            text = getattr(entry, field)
            if text is None:
                continue
            reading = read_actual(text, goal, scheme, level1=ind.level1)
            if reading.problem:
                problems.append(_error("UNREADABLE", f"“{ind.name}”：{reading.problem}", entry.sources.get(field), row=i))
        if entry.cause and entry.cause not in scheme.monitor.causes:
            problems.append(_error("BAD-CHOICE", f"偏差原因应为 {'/'.join(scheme.monitor.causes)} 之一，填写的是“{entry.cause}”", entry.sources.get("cause"), row=i))
        if entry.likelihood and entry.likelihood not in scheme.monitor.likelihoods:
            problems.append(_error("BAD-CHOICE", f"完成目标可能性应为 {'/'.join(scheme.monitor.likelihoods)} 之一，填写的是“{entry.likelihood}”", entry.sources.get("likelihood"), row=i))
    return problems
