"""What changed between two versions of a table, in words (修改记录): each change as its place (基本信息,
预算, 绩效指标 …), the field (产出指标 › 数量指标 › 培训人次 · 年度指标值), before → after, numbers as
the official forms print them (`forms.numbers`) with their unit. Works on the stored canonical JSON
documents; what a person cannot see on the form (sources, reading confidence, notes) is left out.
Also the audit trail's before/after values in words (no raw dicts)."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from ...forms import numbers

DEPARTMENT = (("name", "部门名称", None), ("funded_staff", "财政供养人员数", "人"), ("subordinate_units", "下属二级单位数", "个"))
BUDGET = (  # path in `budget`, label — in the budget's unit
    (("expenditure", "basic"), "基本支出"), (("expenditure", "project"), "项目支出"),
    (("expenditure", "development", "special_fund"), "财政专项资金"), (("expenditure", "development", "other"), "其他事业发展性支出"),
    (("income", "fiscal_appropriation"), "财政拨款"), (("income", "other"), "其他资金"),
    (("by_level", "city_level"), "市本级使用资金"), (("by_level", "transfer_to_lower"), "拟用于对下转移支付资金"),
)
PROJECT = (("name", "项目名称"), ("code", "项目编码"), ("type", "项目类型"), ("department", "主管部门"), ("unit", "实施单位"),
           ("period", "实施期限"), ("policy_basis", "政策依据"), ("cost_basis", "测算依据"), ("mid_term_goal", "中长期目标"),
           ("annual_goal", "年度目标"))
FUND_LINES = (("mid_term", "中期"), ("annual", "年度"))
FUND_PARTS = (("total", "资金总额"), ("fiscal", "财政拨款"), ("other", "其他资金"))
TASK = (("name", "名称", None), ("content", "主要实施内容", None), ("funds_yuan", "拟投入的资金", "元"), ("goal", "期望达到的目标", None))
INDICATOR = (("level1", "一级指标", None), ("level2", "二级指标", None), ("name", "三级指标", None), ("period_value", "实施周期指标值", None),
             ("annual_value", "年度指标值", None), ("explanation", "指标解释", None), ("weight", "分值", "分"), ("target", "年度指标值（自评）", None),
             ("actual", "实际完成值", None), ("score", "得分", "分"), ("reason", "偏差原因分析及改进措施", None))
TABLE = (("title", "表名", None), ("year", "年度", None))
EMPTY = "（空）"


@dataclass(frozen=True)
class Change:
    part: str  # 基本信息 · 预算（万元）· 总体绩效目标 · 年度重点工作任务 · 绩效指标 · 不适用 · 项目信息 · 项目资金
    label: str  # the field, with its indicator or task: 产出指标 › 数量指标 › 培训人次 · 年度指标值
    before: str  # in words, numbers formatted with their unit; （空） when blank
    after: str
    kind: str = "changed"  # changed · added · removed


def shown(value: Any, unit: str | None = None) -> str:
    """One stored value in words: a number formatted (with its unit), a list joined, blank as （空）."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        decimals = numbers.places(value) if unit in numbers.YUAN_PER else 2
        return numbers.figure(value, unit, decimals)
    if isinstance(value, list):
        return "；".join(shown(v) for v in value)
    if isinstance(value, dict):
        return "，".join(f"{k} {shown(v)}" for k, v in sorted(value.items()))  # PostgreSQL's jsonb keeps no key order
    return str(value)


def diff(old: dict, new: dict) -> list[Change]:
    """The changes from document `old` to document `new`, in the order of the form."""
    out: list[Change] = []
    for key, label, unit in TABLE:
        _field(out, "表头", label, old.get(key), new.get(key), unit)
    for key, label, unit in DEPARTMENT:
        _field(out, "基本信息", label, _get(old, "department", key), _get(new, "department", key), unit)
    unit = (new.get("budget") or {}).get("unit") or "万元"
    for path, label in BUDGET:
        _field(out, f"预算整体情况（{unit}）", label, _get(old, "budget", *path), _get(new, "budget", *path), unit)
    _project(out, old.get("project") or {}, new.get("project") or {})
    _texts(out, "总体绩效目标", old.get("overall_goals") or [], new.get("overall_goals") or [])
    _rows(out, "年度重点工作任务", old.get("key_tasks") or [], new.get("key_tasks") or [], TASK, _task_key, _task_name)
    _rows(out, "其他需完成的任务", old.get("other_tasks") or [], new.get("other_tasks") or [], TASK, _task_key, _task_name)
    _rows(out, "绩效指标", old.get("indicators") or [], new.get("indicators") or [], INDICATOR, _indicator_key, indicator_name)
    _rows(out, "不适用", old.get("not_applicable") or [], new.get("not_applicable") or [], INDICATOR, _indicator_key, indicator_name)
    return out


def indicator_name(row: dict) -> str:
    """An indicator at its place: 产出指标 › 数量指标 › 培训人次."""
    return " › ".join(p for p in (row.get("level1"), row.get("level2"), row.get("name")) if p)


def _get(doc: dict, *path: str):
    value: Any = doc
    for part in path:
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _field(out: list[Change], part: str, label: str, before, after, unit: str | None = None) -> None:
    if (_blank(before) and _blank(after)) or before == after:
        return
    kind = "added" if _blank(before) else "removed" if _blank(after) else "changed"
    out.append(Change(part, label, shown(before, unit), shown(after, unit), kind))


def _blank(value) -> bool:
    return value is None or value == "" or value == []


def _project(out: list[Change], old: dict, new: dict) -> None:
    for key, label in PROJECT:
        _field(out, "项目信息", label, old.get(key), new.get(key))
    for key in sorted(set(old.get("extra") or {}) | set(new.get("extra") or {})):
        _field(out, "项目信息", key, (old.get("extra") or {}).get(key), (new.get("extra") or {}).get(key))
    unit = (new.get("funds") or {}).get("unit") or (old.get("funds") or {}).get("unit")
    _field(out, "项目资金", "金额单位", _get(old, "funds", "unit"), _get(new, "funds", "unit"))
    for line, line_label in FUND_LINES:
        for part, part_label in FUND_PARTS:
            before, after = _get(old, "funds", line, part) or {}, _get(new, "funds", line, part) or {}
            if (before.get("text"), before.get("yuan")) != (after.get("text"), after.get("yuan")):
                _field(out, f"项目资金（{unit or '元'}）", f"{line_label}{part_label}", _amount(before, unit), _amount(after, unit))


def _amount(amount: dict, unit: str | None) -> str | None:
    if amount.get("yuan") is None:
        return amount.get("text")
    written = numbers.in_unit(amount["yuan"], unit)
    return f"{written} {unit}" if unit in numbers.YUAN_PER else written


def _texts(out: list[Change], part: str, old: list[str], new: list[str]) -> None:
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            before = old[i1 + k] if i1 + k < i2 else None
            after = new[j1 + k] if j1 + k < j2 else None
            _field(out, part, f"第{(j1 + k if after is not None else i1 + k) + 1}条", before, after)


def _task_key(row: dict):
    return row.get("name")


def _task_name(row: dict) -> str:
    return row.get("name") or "（无名称）"


def _indicator_key(row: dict):
    return (row.get("level1"), row.get("level2"), row.get("name"))


def _rows(out: list[Change], part: str, old: list[dict], new: list[dict], fields, key, name) -> None:
    """Rows matched by their key (an indicator by group and name, a task by name); a run of rows
    replaced by as many rows is the same rows edited (a renamed indicator), else rows removed and added."""
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=[key(r) for r in old], b=[key(r) for r in new], autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for a, b in zip(old[i1:i2], new[j1:j2], strict=True):
                for field, label, unit in fields:
                    _field(out, part, f"{name(b)} · {label}", a.get(field), b.get(field), unit)
            continue
        for a in old[i1:i2]:
            out.append(Change(part, name(a), _row_text(a, fields), EMPTY, "removed"))
        for b in new[j1:j2]:
            out.append(Change(part, name(b), EMPTY, _row_text(b, fields), "added"))


def _row_text(row: dict, fields) -> str:
    """A whole row in words (an added or removed row): its values after its name."""
    parts = [f"{label} {shown(row.get(field), unit)}" for field, label, unit in fields
             if field not in ("level1", "level2", "name") and not _blank(row.get(field))]
    return "；".join(parts) or "（无指标值）"


def audit_value(value: Any, unit: str | None = None) -> str:
    """An audit entry's before/after in words ({'指标数': 33, '版本': 2} → 指标数 33，版本 2); None → ''."""
    return "" if value is None else shown(value, unit)


FIELD_UNITS = {label: unit for _key, label, unit in DEPARTMENT if unit} | {label: "万元" for _path, label in BUDGET}


def unit_of_label(label: str) -> str | None:
    """The unit of an edit-form field by its label (基本支出 → 万元), for the audit trail's values."""
    return FIELD_UNITS.get(label)
