"""The monitoring entry form (运行监控填报): the as-of date a table's year suggests, and the deviation cause
(偏差原因, the scheme's drop-down) and corrective action (纠偏措施) posted for each indicator row."""

from __future__ import annotations

import datetime as dt

from ..entries import Missing

MONITOR_MONTH, MONITOR_DAY = 7, 31  # 财预〔2019〕136号: monitoring covers January to July (1—7月)


def default_as_of(year: int | None, today: dt.date | None = None) -> dt.date:
    """31 July of the table's year (a 2025 table: 2025-07-31, whatever today is); today when that is
    still ahead in the current year, or when the table has no year."""
    today = today or dt.date.today()
    if not year:
        return today
    date = dt.date(year, MONITOR_MONTH, MONITOR_DAY)
    return today if date > today and year == today.year else date


def posted_deviations(post, indicators, causes: list[str], errors: list[str]) -> dict[str, dict[str, str]]:
    """position (as text) → {"cause", "correction"} as posted; a cause outside the scheme's list is an error."""
    out: dict[str, dict[str, str]] = {}
    for n, ind in indicators:
        cause = post.get(f"cause_{n}", "").strip()[:50]
        correction = post.get(f"correction_{n}", "").strip()[:500]
        if cause and cause not in causes:
            errors.append(f"第{n}项“{ind.name}”：偏差原因应为 {'、'.join(causes)} 之一")
            cause = ""
        if cause or correction:
            out[str(n)] = {"cause": cause, "correction": correction}
    return out


def without_action(report, lights: tuple[str, ...] = ("red",)) -> list[Missing]:
    """The rows lit in `lights` whose deviation cause or corrective action is missing (named for a refusal)."""
    out = []
    for p in report.indicators:
        if p.light in lights and not (p.cause and p.correction):
            what = "、".join(w for w, v in (("偏差原因", p.cause), ("纠偏措施", p.correction)) if not v)
            out.append(Missing(p.index, p.name, f"{'红灯' if p.light == 'red' else '黄灯'}，未填{what}"))
    return out
