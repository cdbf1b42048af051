"""The overview's questions to the database: the filtered portfolio, counts by status per department and
per region, and the 待审核 queue with its deadlines. Every query starts from the tables the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F

from .. import permissions, query
from ..tables.models import Kind, Status, TargetTableRecord
from .light import LIGHT_WORDS, light_q

GRADES = ("优", "良", "中", "差")
NO_REGION = "（未填地区）"


@dataclass
class Filters:
    year: int | None = None
    region: str = ""
    kind: str = ""
    grade: str = ""
    light: str = ""
    text: str = ""  # indicator text: a name or a value of an indicator
    words: dict = field(default_factory=dict)

    def as_query(self) -> dict:
        return {k: v for k, v in (("year", self.year or ""), ("region", self.region), ("kind", self.kind), ("grade", self.grade),
                                  ("light", self.light), ("text", self.text)) if v}


def filters_of(get) -> Filters:
    """The filters of a request (a bad value refused with a Chinese message, `services.Refused`)."""
    return Filters(
        year=query.year(get.get("year")),
        region=query.search(get.get("region"), "地区"),
        kind=query.choice(get.get("kind"), Kind.values, "表类型"),
        grade=query.choice(get.get("grade"), GRADES, "审核等级"),
        light=query.choice(get.get("light"), LIGHT_WORDS, "信号灯"),
        text=query.search(get.get("text"), "指标文本"),
    )


def tables(user, f: Filters, today: dt.date | None = None):
    """The visible tables the filters select (indicator text matched in the stored documents, then on the indicators themselves)."""
    qs = permissions.visible_tables(user, TargetTableRecord.objects.select_related("department"))
    if f.year:
        qs = qs.filter(year=f.year)
    if f.region:
        qs = qs.filter(department__region="") if f.region == NO_REGION else qs.filter(department__region__icontains=f.region)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.grade:
        qs = qs.filter(review_grade=f.grade)
    if f.light:
        qs = qs.filter(light_q(f.light, today))
    if f.text:
        qs = qs.filter(document__icontains=f.text)  # a first cut in the database; `matching_indicators` says which rows
    return qs.order_by("department__name", "-year", "kind", "label", "id")


def matching_indicators(record, text: str) -> list[dict]:
    """The indicators of a table whose name or value holds `text` (the rows the text filter found)."""
    if not text:
        return []
    needle = text.casefold()
    return [row for row in record.data.get("indicators") or []
            if any(needle in str(row.get(k) or "").casefold() for k in ("name", "annual_value", "period_value", "level1", "level2"))]


def status_counts(qs, by: str) -> list[dict]:
    """Counts of tables by status, one line per department (`by` = "department__name") or region."""
    lines: dict[str, dict] = {}
    for row in qs.order_by().values(by, "status").annotate(n=Count("id")):
        key = row[by] or NO_REGION
        line = lines.setdefault(key, {"name": key, "counts": dict.fromkeys(Status.values, 0), "total": 0})
        line["counts"][row["status"]] += row["n"]
        line["total"] += row["n"]
    return [{"name": line["name"], "counts": [line["counts"][s] for s in Status.values], "total": line["total"]}
            for line in sorted(lines.values(), key=lambda line: line["name"])]


def totals(qs) -> list[int]:
    counts = {row["status"]: row["n"] for row in qs.order_by().values("status").annotate(n=Count("id"))}
    return [counts.get(s, 0) for s in Status.values]


QUEUE_LIMIT = 100


def review_queue(qs, today: dt.date | None = None, limit: int = QUEUE_LIMIT) -> list[dict]:
    """The submitted tables (待审核), the most urgent first: overdue, then by deadline (at most `limit`); days left or late."""
    today = today or dt.date.today()
    out = []
    for record in qs.filter(status=Status.SUBMITTED).order_by(F("deadline").asc(nulls_last=True), "updated", "id")[:limit]:
        days = (record.deadline - today).days if record.deadline is not None else None
        out.append({"t": record, "deadline": record.deadline, "days": days, "late": days is not None and days < 0,
                    "words": "未设期限" if days is None else f"逾期 {-days} 天" if days < 0 else "今天到期" if days == 0 else f"剩 {days} 天"})
    return out


def years(user) -> list[int]:
    qs = permissions.visible_tables(user, TargetTableRecord.objects.all())
    return sorted(set(qs.values_list("year", flat=True)), reverse=True)


def regions(user) -> list[str]:
    qs = permissions.visible_tables(user, TargetTableRecord.objects.all())
    return sorted({r or NO_REGION for r in qs.values_list("department__region", flat=True)})

