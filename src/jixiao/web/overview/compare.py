"""A table beside the same table of the year before (同口径上年对比): indicators matched by name (in their
plain form: spaces, punctuation and full-width letters aside), the values side by side with the change of
a number, and each year's score per indicator (its submitted self-evaluation, or the published score of a
self-evaluation table). Rows found in one year only are listed as 新增 or 取消."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain.script import plain
from ...domain.values import parse_value
from ...forms import numbers
from .. import engines, permissions
from ..entries import EntryStatus
from ..tables import mapping
from ..tables.models import TargetTableRecord

_NOISE = re.compile(r"[\s（）()【】\[\]“”\"'、，,。.:：;；]+")


def key(name: str | None) -> str:
    """An indicator name in the form two years' tables are matched by."""
    return _NOISE.sub("", plain(name or "")).casefold()


def previous(record: TargetTableRecord, user) -> TargetTableRecord | None:
    """The same unit's table of the year before, of the same kind and project (code, else name), if the user may see it."""
    qs = TargetTableRecord.objects.select_related("department").filter(department_id=record.department_id, year=record.year - 1, kind=record.kind)
    if record.kind != "department_target":
        qs = qs.filter(project_code=record.project_code) if record.project_code else qs.filter(label=record.label)
    found = qs.order_by("-id").first()
    return found if found is not None and permissions.can_view(user, found) else None


@dataclass(frozen=True)
class Side:
    value: str
    score: float | None
    actual: str


@dataclass(frozen=True)
class Line:
    group: str
    name: str
    before: Side | None
    now: Side | None
    change: str  # the change of a number in words (提高 12.50% / 降低 … / 持平), "" when not comparable

    @property
    def status(self) -> str:
        return "新增" if self.before is None else "取消" if self.now is None else "保留"


def _scores(record: TargetTableRecord, table) -> dict[int, tuple[float | None, str]]:
    """position (from 1) → (score, actual): the submitted self-evaluation's, else the scores printed on a self-evaluation table."""
    entry = record.evaluations.filter(status=EntryStatus.SUBMITTED).first()
    if entry is not None:
        result = engines.score(table, entry.actuals, entry.executed)
        return {s.index: (s.score if s.applicable else None, entry.actuals.get(str(s.index), "")) for s in result.indicators}
    return {n: (i.score, i.actual or "") for n, i in enumerate(table.indicators, 1) if i.score is not None or i.actual}


def _sides(record: TargetTableRecord) -> tuple[dict[str, tuple[str, str, Side]], float | None]:
    table = mapping.to_domain(record)
    scores = _scores(record, table)
    out: dict[str, tuple[str, str, Side]] = {}
    for n, i in enumerate(table.indicators, 1):
        score, actual = scores.get(n, (None, ""))
        group = " › ".join(x for x in (i.level1, i.level2) if x)
        out.setdefault(key(i.name), (group, i.name, Side(i.annual_value or i.target or "", score, actual)))
    return out, record.score


def change(before: str, now: str) -> str:
    """The change of a target number from one year to the next, when both are numbers of the same unit."""
    a, b = parse_value(before).normalized if before else None, parse_value(now).normalized if now else None
    if not a or not b or a.get("unit") != b.get("unit"):
        return ""
    x, y = a.get("value") if a.get("value") is not None else a.get("low"), b.get("value") if b.get("value") is not None else b.get("low")
    if x is None or y is None:
        return ""
    if abs(y - x) <= 1e-9 * max(abs(x), 1):
        return "持平"
    if not x:
        return "提高" if y > x else "降低"
    return f"{'提高' if y > x else '降低'} {numbers.percent(abs(y - x) / abs(x))}"


def compare(record: TargetTableRecord, before: TargetTableRecord | None) -> dict:
    """The lines of the comparison (this year's order, then the rows dropped since last year) and the totals."""
    now, total_now = _sides(record)
    then, total_then = _sides(before) if before is not None else ({}, None)
    lines = [Line(group, name, then[k][2] if k in then else None, side, change(then[k][2].value, side.value) if k in then else "")
             for k, (group, name, side) in now.items()]
    lines += [Line(group, name, side, None, "") for k, (group, name, side) in then.items() if k not in now]
    kept = sum(1 for line in lines if line.status == "保留")
    return {"lines": lines, "kept": kept, "added": sum(1 for line in lines if line.status == "新增"),
            "dropped": sum(1 for line in lines if line.status == "取消"), "score_now": total_now, "score_then": total_then}

