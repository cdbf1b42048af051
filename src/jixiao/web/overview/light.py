"""The portfolio's 信号灯: one light per table from its workflow, review, monitoring and score.

红灯 when something is wrong: the table was returned, its review grade is 差, the latest monitoring has a
red light, the self-evaluation scored below the scheme's 中 band (60), or a submission waits past its
审核期限. 黄灯 when something is pending or weak: not yet submitted or waiting for review, grade 中,
a yellow monitoring light, a score below the 良 band (80). 绿灯 otherwise (approved or published, nothing
wrong). The reasons are said in Chinese (the tooltip). `light_q` is the same rule as a database filter,
so the overview can filter by light without reading each table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Q

LIGHT_WORDS = {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}
LEGEND = [
    ("red", "红灯", "已退回；审核等级为差；运行监控有红灯；自评得分低于中档（60 分）；或待审核已逾期"),
    ("yellow", "黄灯", "尚未提交或待审核；审核等级为中；运行监控有黄灯；自评得分低于良档（80 分）"),
    ("green", "绿灯", "已批准或已公开，审核、监控与得分均无问题"),
]


@lru_cache(maxsize=1)
def score_bands() -> tuple[float, float]:
    """The scores below which a table is red (the 中 band's floor) and yellow (the 良 band's floor), from the default scheme."""
    from ...assess.scheme import load_scheme

    floors = {r.label: r.min for r in load_scheme("default").ratings}
    return floors.get("中", 60.0), floors.get("良", 80.0)


@dataclass(frozen=True)
class Signal:
    light: str  # red / yellow / green
    reasons: tuple[str, ...]

    @property
    def words(self) -> str:
        return f"{LIGHT_WORDS[self.light]}：{'；'.join(self.reasons)}"


def signal(record, today: dt.date | None = None) -> Signal:
    """The light of a TargetTableRecord (status, review_grade, monitor_light, score, deadline)."""
    today = today or dt.date.today()
    red_floor, yellow_floor = score_bands()
    score = record.score
    deadline = getattr(record, "deadline", None)
    red, yellow = [], []
    if record.status == "returned":
        red.append("已退回修改")
    if record.review_grade == "差":
        red.append("审核等级为差")
    if getattr(record, "monitor_light", "") == "red":
        red.append("运行监控有红灯")
    if score is not None and score < red_floor:
        red.append(f"自评得分 {score:.2f}，低于 {red_floor:g} 分")
    if record.status == "submitted" and deadline is not None and deadline < today:
        red.append(f"待审核已逾期（期限 {deadline.isoformat()}）")
    if red:
        return Signal("red", tuple(red))
    if record.status == "draft":
        yellow.append("尚未提交")
    if record.status == "submitted":
        yellow.append(f"待审核（期限 {deadline.isoformat()}）" if deadline is not None else "待审核")
    if record.review_grade == "中":
        yellow.append("审核等级为中")
    if getattr(record, "monitor_light", "") == "yellow":
        yellow.append("运行监控有黄灯")
    if score is not None and score < yellow_floor:
        yellow.append(f"自评得分 {score:.2f}，低于 {yellow_floor:g} 分")
    if yellow:
        return Signal("yellow", tuple(yellow))
    good = ["已公开" if record.status == "published" else "已批准"]
    if record.review_grade:
        good.append(f"审核等级{record.review_grade}")
    if getattr(record, "monitor_light", ""):
        good.append("运行监控无红黄灯")
    if score is not None:
        good.append(f"自评得分 {score:.2f}")
    return Signal("green", tuple(good))


def light_q(light: str, today: dt.date | None = None) -> Q:
    """The records whose `signal` is `light`, as a filter (the same rule, in the database)."""
    today = today or dt.date.today()
    red_floor, yellow_floor = score_bands()
    red = (Q(status="returned") | Q(review_grade="差") | Q(monitor_light="red") | Q(score__lt=red_floor)
           | Q(status="submitted", deadline__lt=today))
    yellow = Q(status__in=("draft", "submitted")) | Q(review_grade="中") | Q(monitor_light="yellow") | Q(score__lt=yellow_floor)
    if light == "red":
        return red
    if light == "yellow":
        return yellow & ~red
    return ~red & ~yellow
