"""Performance monitoring (绩效运行监控，"双监控", 财预〔2019〕136号): progress at a date, deviations, forecasts.

At a date, budget execution (执行数 ÷ 全年预算数) is set against time elapsed; each indicator's completion
so far against the progress expected by then — linear in time unless the indicator's 进度安排 says
otherwise (a share such as 30%, or 年末 for targets met only at year end). Targets that are levels
rather than amounts (rates, scores, grades, qualitative) are not judged early: they are judged on the
year-end forecast or the stated likelihood, when given. Lights (green / yellow / red) use the scheme's
thresholds; a red light needs a deviation cause and a corrective action (flagged when missing).

Flags are `domain.problem.Problem`s placed at their indicator (`row`, from 0) when they concern one:
UNMATCHED and UNREADABLE (actuals that cannot be used) and RED-NO-ACTION are errors; NO-ACTION (a
yellow light without cause and correction) is a warning.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ..domain.problem import Problem, Severity
from ..domain.table import Table
from . import engine
from .actuals import Actuals, match
from .goals import Goal, goal_of, read_actual
from .progress import accumulates, progress
from .scheme import Scheme, load_scheme

LIGHTS = {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "grey": "未评价"}
_ORDER = {"grey": 0, "green": 1, "yellow": 2, "red": 3}


class BudgetProgress(BaseModel):
    model_config = ConfigDict(frozen=True)
    initial: float | None  # 年初预算数（万元）
    full_year: float | None  # 全年预算数
    executed: float | None  # 执行数
    rate: float | None  # 执行率
    time_progress: float  # 时间进度
    light: str
    note: str


class IndicatorProgress(BaseModel):
    model_config = ConfigDict(frozen=True)
    index: int
    level1: str | None
    level2: str | None
    name: str
    target: str | None
    to_date: str | None  # 截至监控日实际完成值
    forecast: str | None  # 全年预计完成值（填写的或按进度推算的）
    completion: float | None = None  # 已完成比例（累计型指标）
    expected: float | None = None  # 应有进度
    forecast_completion: float | None = None  # 预计年末完成比例
    light: str  # green / yellow / red / grey
    judged: bool
    cause: str | None = None
    likelihood: str | None = None
    explanation: str | None = None
    correction: str | None = None
    note: str  # 说明
    flags: list[Problem] = Field(default_factory=list)


class MonitorReport(BaseModel):
    model_config = ConfigDict(frozen=True)
    scheme: str
    at: dt.date
    year: int
    time_progress: float
    budget: BudgetProgress
    indicators: list[IndicatorProgress]
    lights: dict[str, int]  # light → count of indicators
    flags: list[Problem] = Field(default_factory=list)


def time_progress(at: dt.date, year: int) -> float:
    """Share of the year elapsed at the end of day `at` (31 July → 212/365)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days = (end - start).days + 1
    return min(max(((at - start).days + 1) / days, 0.0), 1.0)


def _cumulative(goal: Goal) -> bool:
    """Amounts that accumulate over the year (counts, money, people) — not rates, scores or levels."""
    return accumulates(goal)


def _expected(schedule: str | None, elapsed: float) -> tuple[float | None, str | None]:
    """Expected share at the date: linear by default; 年末 → not judged early; '30%' → 0.30."""
    text = (schedule or "").strip()
    if text in ("", "线性"):
        return elapsed, None
    if text in ("年末", "年底", "年终"):
        return (1.0, None) if elapsed >= 1.0 else (None, None)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[%％]", text)
    if m:
        return float(m[1]) / 100, None
    return elapsed, f"进度安排“{text}”无法识别（应为 线性、年末 或如 30% 的比例），按线性进度判断"


def _worst(*lights: str | None) -> str:
    present = [light for light in lights if light]
    return max(present, key=_ORDER.__getitem__) if present else "grey"


def monitor(table: Table, snapshot: Actuals, at: dt.date | None = None, scheme: Scheme | str = "default") -> MonitorReport:
    """Progress, deviations and forecasts at `at` (default: the snapshot's 数据截至日期)."""
    scheme = load_scheme(scheme) if isinstance(scheme, str) else scheme
    at = at or snapshot.as_of
    if at is None:
        raise ValueError("缺少监控日期：请给出 --at，或在模板“预算执行”表中填写数据截至日期")
    year = table.year or at.year
    elapsed = time_progress(at, year)
    paired, problems = match(snapshot, table)
    flags = list(problems)  # UNMATCHED errors
    rows = []
    for i, ind in enumerate(table.indicators):
        entry = paired.get(i)
        goal = goal_of(ind.target_value, scheme)
        rows.append(_indicator(i, ind, goal, entry, scheme, elapsed))
        flags.extend(rows[-1].flags)
    budget = _budget(snapshot, scheme, elapsed)
    counts = {key: sum(1 for r in rows if r.light == key) for key in LIGHTS}
    return MonitorReport(scheme=scheme.name, at=at, year=year, time_progress=elapsed, budget=budget, indicators=rows, lights=counts, flags=flags)


def _ratio(goal: Goal, value: float | None) -> float | None:
    if value is None:
        return None
    batch = engine.Batch(np.array([goal.rule], dtype=np.int8), np.array([goal.low]), np.array([goal.high]), np.array([value]), np.array([1.0]))
    r = float(engine.ratios(batch)[0])
    return None if math.isnan(r) else r


def _indicator(i: int, ind, goal: Goal, entry, scheme: Scheme, elapsed: float) -> IndicatorProgress:
    rule = scheme.monitor
    to_date = read_actual(entry.actual, goal, scheme, level1=ind.level1) if entry and entry.actual else None
    forecast = read_actual(entry.forecast, goal, scheme, level1=ind.level1) if entry and entry.forecast else None
    notes: list[str] = []
    completion = expected = forecast_completion = None
    progress_light = None
    forecast_text = entry.forecast if entry else None
    schedule = entry.schedule if entry else None
    done = progress(goal, to_date.value, scheme.quantitative.approx_tolerance) if to_date is not None and to_date.value is not None and to_date.band is None else None
    if done is not None and done.completion is None:  # a ceiling: kept or already passed, whatever the time
        notes.append(done.note)
        progress_light = "red" if done.off_track else "green"
    elif done is not None and done.completion is not None:
        completion = done.completion
        expected, warning = _expected(schedule, elapsed)
        if warning:
            notes.append(warning)
        if done.met:
            progress_light = "green"
            notes.append(done.note)
        elif expected is None:
            notes.append("年末评价的指标，监控时不作判断")
        elif expected > 0:
            progress_light = rule.light(completion / expected)
            notes.append(f"{done.note}，应完成 {expected:.0%}")
        if (forecast is None or forecast.value is None) and expected and expected > 0:
            forecast_completion = completion if completion >= 1 else completion / expected
            forecast_text = f"{forecast_completion:.0%}（按进度推算）"
    if forecast is not None and forecast.value is not None:
        by_band = goal.rule == engine.FRACTION or forecast.band is not None
        forecast_completion = forecast.value if by_band else _ratio(goal, forecast.value)
    forecast_light = None
    if forecast_completion is not None:
        forecast_light = rule.light(min(forecast_completion, 1.0))
        notes.append(f"预计年末完成目标的 {forecast_completion:.0%}")
    likelihood = entry.likelihood if entry else None
    likely_light = rule.likelihood_lights.get(likelihood) if likelihood else None
    light = _worst(progress_light, forecast_light, likely_light)
    judged = light != "grey"
    if not judged and not notes:
        if entry is None or not (entry.actual or entry.forecast or entry.likelihood):
            notes.append("未填报")
        elif _cumulative(goal):
            notes.append("实际完成值无法读取，暂不判断")
        else:
            notes.append("非累计型目标（比率、等级、定性）年末评价；未填预计值或完成可能性，暂不判断")
    flags: list[Problem] = []
    src = entry.sources.get("actual") if entry else ind.sources.get("name")
    for reading, what in ((to_date, "实际完成值"), (forecast, "全年预计完成值")):
        if reading is not None and reading.problem:
            flags.append(Problem(code="UNREADABLE", message=f"“{ind.name}”{what}：{reading.problem}", source=src, severity=Severity.ERROR, row=i))
    if light in rule.action_lights and not (entry and entry.cause and entry.correction):
        red = light == "red"
        flags.append(Problem(code="RED-NO-ACTION" if red else "NO-ACTION", message=f"“{ind.name}”为{LIGHTS[light]}，须填写偏差原因和纠偏措施", source=src, severity=Severity.ERROR if red else Severity.WARNING, row=i))
    return IndicatorProgress(
        index=i + 1, level1=ind.level1, level2=ind.level2, name=ind.name, target=goal.text,
        to_date=entry.actual if entry else None, forecast=forecast_text, completion=completion, expected=expected,
        forecast_completion=forecast_completion, light=light, judged=judged,
        cause=entry.cause if entry else None, likelihood=likelihood, explanation=entry.explanation if entry else None,
        correction=entry.correction if entry else None, note="；".join(notes), flags=flags,
    )


def _budget(snapshot: Actuals, scheme: Scheme, elapsed: float) -> BudgetProgress:
    b = snapshot.budget
    full = b.full_year if b.full_year is not None else b.initial
    if full is None or b.executed is None or full <= 0:
        return BudgetProgress(initial=b.initial, full_year=b.full_year, executed=b.executed, rate=None, time_progress=elapsed, light="grey", note="未提供预算数或执行数")
    rate = b.executed / full
    light = scheme.monitor.light(rate / elapsed) if elapsed > 0 else "grey"
    note = f"执行率 {rate:.1%}" + ("，慢于时间进度" if rate < elapsed else "，不慢于时间进度")  # the time progress is printed once, beside the date
    return BudgetProgress(initial=b.initial, full_year=b.full_year, executed=b.executed, rate=rate, time_progress=elapsed, light=light, note=note)
