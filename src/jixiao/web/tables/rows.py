"""The structure of a draft's lists: indicator rows added, removed and moved within their group (level-1 ›
level-2), and total goals and tasks added or removed. Each change is stored as a new version (validated by
the domain, audited, regraded) on the version the person saw — a colleague's newer save refuses it.

`align` says where the rows of an older version are in a newer one, so a value form opened before a
colleague moved or removed rows is merged into the right rows (services.edit).
"""

from __future__ import annotations

import copy
import re

from django.db import transaction

from .. import permissions
from ..review.models import ReviewComment
from . import audit, mapping
from .models import TargetTableRecord

_OP = re.compile(r"^(up|down|remove|add|add-group|add-goal|remove-goal|add-task|remove-task)(?::(key|other))?(?::(\d{1,6}))?$")
OPS = {"up": "上移指标", "down": "下移指标", "remove": "删除指标", "add": "新增指标", "add-group": "新增指标", "add-goal": "新增总体目标",
       "remove-goal": "删除总体目标", "add-task": "新增任务", "remove-task": "删除任务"}
TASK_LISTS = {"key": ("key_tasks", "重点任务"), "other": ("other_tasks", "其他任务")}


class RowRefused(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def group_of(row: dict) -> tuple[str, str]:
    return (row.get("level1") or "", row.get("level2") or "")


def _words(group: tuple[str, str]) -> str:
    return " › ".join(x for x in group if x) or "（未分组）"


def parse(op: str) -> tuple[str, str | None, int | None]:
    m = _OP.match((op or "").strip())
    if not m:
        raise RowRefused(f"未知的调整操作“{(op or '')[:40]}”")
    return m[1], m[2], int(m[3]) if m[3] else None


def change(doc: dict, op: str) -> tuple[dict, str, dict[int, int | None]]:
    """`doc` with one structural change; what was done in words; old row index → new (None: removed) for the rows' comments.
    Positions are from 1; refused (RowRefused) when the position is outside the list or a move would leave the group."""
    name, which, n = parse(op)
    doc = copy.deepcopy(doc)
    rows: list[dict] = doc.setdefault("indicators", [])
    moved: dict[int, int | None] = {i: i for i in range(len(rows))}
    if name in ("up", "down", "remove", "add"):
        if n is None or not 1 <= n <= len(rows):
            raise RowRefused(f"第{n}项指标不存在（共 {len(rows)} 项）；请刷新页面")
        i, row = n - 1, rows[n - 1]
        label = f"{_words(group_of(row))} › {row.get('name') or '（未命名）'}"
        if name in ("up", "down"):
            j = i - 1 if name == "up" else i + 1
            if not 0 <= j < len(rows) or group_of(rows[j]) != group_of(row):
                raise RowRefused(f"“{row.get('name')}”已是“{_words(group_of(row))}”组的{'第一' if name == 'up' else '最后一'}项，只能在本组内移动")
            rows[i], rows[j] = rows[j], rows[i]
            moved[i], moved[j] = j, i
            return doc, f"{OPS[name]}：{label}", moved
        if name == "remove":
            del rows[i]
            moved = {k: (k if k < i else None if k == i else k - 1) for k in moved}
            if not any(group_of(r) == group_of(row) for r in rows):  # the group stays on the form, empty
                doc.setdefault("empty_level2", []).append({"level1": row.get("level1"), "level2": row.get("level2") or ""})
            return doc, f"{OPS[name]}：{label}", moved
        rows.insert(i + 1, _blank(group_of(row)))
        return doc, f"{OPS[name]}：{_words(group_of(row))}（第{n + 1}项）", {k: (k if k <= i else k + 1) for k in moved}
    if name == "add-group":
        empty = doc.get("empty_level2") or []
        if n is None or not 1 <= n <= len(empty):
            raise RowRefused("该空指标组不存在；请刷新页面")
        group = empty.pop(n - 1)
        key = (group.get("level1") or "", group.get("level2") or "")
        at = max((k + 1 for k, r in enumerate(rows) if group_of(r)[0] == key[0]), default=len(rows))  # after its level-1's rows
        rows.insert(at, _blank(key))
        return doc, f"{OPS[name]}：{_words(key)}", {k: (k if k < at else k + 1) for k in moved}
    if name in ("add-goal", "remove-goal"):
        goals: list = doc.setdefault("overall_goals", [])
        if name == "add-goal":
            goals.append("")
            return doc, OPS[name], moved
        if n is None or not 1 <= n <= len(goals):
            raise RowRefused(f"第{n}项总体目标不存在；请刷新页面")
        removed = goals.pop(n - 1)
        sources = doc.get("overall_goal_sources") or []
        if len(sources) >= n:
            sources.pop(n - 1)
        return doc, f"{OPS[name]}：{removed[:30]}", moved
    field, words = TASK_LISTS[which or "key"]
    tasks: list = doc.setdefault(field, [])
    if name == "add-task":
        tasks.append({"name": ""})
        return doc, f"新增{words}", moved
    if n is None or not 1 <= n <= len(tasks):
        raise RowRefused(f"第{n}项{words}不存在；请刷新页面")
    removed_task = tasks.pop(n - 1)
    return doc, f"删除{words}：{removed_task.get('name') or '（未命名）'}", moved


def _blank(group: tuple[str, str]) -> dict:
    return {"level1": group[0] or None, "level2": group[1] or None, "name": ""}


def apply(user, record: TargetTableRecord, op: str, version: int) -> TargetTableRecord:
    """Make one structural change on `version` (the version the person saw): a new version, audited, the
    rows' review comments moved with their rows. Refused when the table is not the person's draft, or a
    colleague saved since (nothing changed then)."""
    from .services import Refused, locked_draft, regrade, validated

    if not permissions.can_edit(user, record):
        raise Refused("您无权修改该目标表", 403)
    with transaction.atomic():
        current = locked_draft(user, record, "未调整")
        if current.version != version:
            raise Refused(f"他人已于您打开页面后修改了该表（当前版本 {current.version}），未调整；请刷新页面后再操作", 409)
        try:
            doc, words, moved = change(current.data, op)
        except RowRefused as error:
            raise Refused(error.message, error.status) from None
        table = validated(doc)
        mapping.store(table, current.department, current.year, current, user, "调整结构")
        audit.record(user, current, "调整结构", words, None, None)
        _move_comments(current, moved)
        regrade(current, table)
    return current


def _move_comments(record: TargetTableRecord, moved: dict[int, int | None]) -> None:
    """Review comments on indicator rows follow their rows; a removed row's comment stays, on the table."""
    for comment in ReviewComment.objects.filter(table=record).exclude(row=None):
        if comment.row in moved and moved[comment.row] != comment.row:
            ReviewComment.objects.filter(pk=comment.pk).update(row=moved[comment.row])


def identity(row: dict) -> tuple[str, str, str]:
    return (*group_of(row), (row.get("name") or "").strip())


def align(base: list[dict], current: list[dict]) -> dict[int, int | None]:
    """Where each row of an older version (`base`, index from 0) is in the newer one (`current`): by position
    when the rows kept their places (values and names may have changed), else by group and name; None for
    a row no longer there."""
    same_places = len(base) == len(current) and all(group_of(a) == group_of(b) for a, b in zip(base, current, strict=True))
    names_now = [identity(r) for r in current]
    moved = any(identity(a) != names_now[i] and identity(a) in names_now for i, a in enumerate(base)) if same_places else True
    if not moved:
        return {i: i for i in range(len(base))}
    free = list(range(len(current)))
    out: dict[int, int | None] = {}
    for i, row in enumerate(base):
        j = next((j for j in free if names_now[j] == identity(row)), None)
        out[i] = j
        if j is not None:
            free.remove(j)
    return out


def aligned(base: dict, current: dict, values: dict[int, dict]) -> tuple[dict, dict[int, dict], list[str]]:
    """An older version's document and the values posted on it, moved to the newer version's row places
    (a colleague moved, added or removed rows since): the base with its rows in the current order, the
    values keyed by current positions, and the names of rows the person changed that are gone."""
    old, now = base.get("indicators") or [], current.get("indicators") or []
    where = align(old, now)
    if len(old) == len(now) and all(where[i] == i for i in where):
        return base, values, []
    back = {j: i for i, j in where.items() if j is not None}
    moved_base = dict(base, indicators=[old[back[j]] if j in back else now[j] for j in range(len(now))])
    out: dict[int, dict] = {}
    gone: list[str] = []
    for position, posted in values.items():
        i = position - 1
        j = where.get(i)
        if j is not None:
            out[j + 1] = posted
        elif 0 <= i < len(old) and any((old[i].get(f) or "") != (v or "") for f, v in posted.items()):
            gone.append(old[i].get("name") or f"第{position}项")
    return moved_base, out, gone
