"""Scoring schemes (评分方案) as data: `schemes/*.toml`, read with tomllib.

A scheme holds every number a locality may change: level-1 points, budget-execution points, the
qualitative bands, the tolerance for 约, the over-achievement threshold, grade bands, rounding and the
monitoring traffic-light thresholds. Code asks the scheme, never a literal. A variant may say
`extends = "default"` and override only what differs (tables merge key by key; lists are replaced).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..domain import framework


class SchemeError(Exception):
    """A scheme that cannot be found or read. The message is for people (Chinese)."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Points(_Frozen):
    budget: float = 10  # 预算执行率
    level1: dict[str, float] = Field(default_factory=dict)  # level-1 code → points
    shares: dict[str, str] = Field(default_factory=dict)  # level-1 code → code whose points it shares
    indicators: float | None = None  # when set: all indicators share these points (no level-1 split)

    @model_validator(mode="after")
    def _sum_to_100(self) -> Points:
        total = self.budget + (self.indicators if self.indicators is not None else sum(self.level1.values()))
        if abs(total - 100) > 1e-9:
            raise ValueError(f"分值合计应为 100，实为 {total:g}")
        for code in list(self.level1) + list(self.shares) + list(self.shares.values()):
            if code not in {l1.code for l1 in framework.LEVEL1}:
                raise ValueError(f"未知的一级指标代码 {code!r}")
        return self


class BudgetRule(_Frozen):
    basis: str = "full_year"  # full_year（全年预算数）| adjusted（调整后预算数）
    reason_below: float = 1.0  # execution rates below this need a reason


class Quantitative(_Frozen):
    approx_tolerance: float = 0.05
    over_achievement: float = 1.5
    round_digits: int = 2


class Band(_Frozen):
    label: str
    aliases: list[str] = Field(default_factory=list)
    low: float
    high: float


class Qualitative(_Frozen):
    position: float = 1.0  # where inside a band when the evaluator does not choose (0 = low, 1 = high)
    bands: list[Band]


class Grades(_Frozen):
    scale: list[list[str]]  # best first; each inner list holds synonyms


class Rating(_Frozen):
    label: str
    min: float


class MonitorRule(_Frozen):
    green: float = 0.9  # progress ÷ expected progress at or above: green
    yellow: float = 0.7  # at or above: yellow; below: red
    causes: list[str] = Field(default_factory=lambda: ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"])
    likelihoods: list[str] = Field(default_factory=lambda: ["确定能", "有可能", "完全不可能"])
    likelihood_lights: dict[str, str] = Field(default_factory=dict)
    action_lights: list[str] = Field(default_factory=lambda: ["red"])  # lights that need a cause and a correction

    def light(self, ratio: float) -> str:
        return "green" if ratio >= self.green - 1e-9 else "yellow" if ratio >= self.yellow - 1e-9 else "red"


class Scheme(_Frozen):
    name: str
    title: str
    authority: str
    effective: dt.date | None = None
    localities: list[str] = Field(default_factory=list)
    points: Points
    budget: BudgetRule = Field(default_factory=BudgetRule)
    quantitative: Quantitative = Field(default_factory=Quantitative)
    qualitative: Qualitative
    grades: Grades
    ratings: list[Rating]
    monitor: MonitorRule = Field(default_factory=MonitorRule)

    def group_of(self, level1_code: str | None) -> str | None:
        """The points group an indicator of this level-1 belongs to (成本 → 产出 when shared)."""
        if self.points.indicators is not None:
            return "all"
        if level1_code is None:
            return None
        return self.points.shares.get(level1_code, level1_code)

    def group_points(self) -> dict[str, float]:
        if self.points.indicators is not None:
            return {"all": self.points.indicators}
        return dict(self.points.level1)

    def rating(self, total: float) -> str:
        for rating in sorted(self.ratings, key=lambda r: -r.min):
            if total >= rating.min - 1e-9:
                return rating.label
        return self.ratings[-1].label

    def band(self, word: str) -> Band | None:
        """The qualitative band a word names (达成 / 部分达成 / 未达成 or an alias), else None."""
        word = word.strip()
        for band in self.qualitative.bands:
            if word == band.label or word in band.aliases:
                return band
        return None

    def grade_rank(self, word: str) -> int | None:
        """Rank on the grade scale (0 = best) of 良好 / 良好以上 / 优, else None."""
        word = word.strip()
        for suffix in ("及以上", "以上"):
            if word.endswith(suffix):
                word = word[: -len(suffix)]
        for rank, synonyms in enumerate(self.grades.scale):
            if word in synonyms:
                return rank
        return None


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and value:
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _scheme_dir():
    return resources.files("jixiao.assess") / "schemes"


def scheme_names() -> list[str]:
    """Names of the schemes shipped with jixiao (the file stems in `assess/schemes/`)."""
    return sorted(p.name[: -len(".toml")] for p in _scheme_dir().iterdir() if p.name.endswith(".toml"))


def _read(name_or_path: str, seen: tuple[str, ...] = ()) -> dict:
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        entry = _scheme_dir() / f"{name_or_path}.toml"
        if not entry.is_file():
            raise SchemeError(f"找不到评分方案“{name_or_path}”；可用：{'、'.join(scheme_names())}")
        text = entry.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SchemeError(f"评分方案“{name_or_path}”不是有效的 TOML：{error}") from None
    parent = data.pop("extends", None)
    if parent:
        if parent in seen:
            raise SchemeError(f"评分方案继承出现循环：{' → '.join((*seen, parent))}")
        base = _read(parent, (*seen, name_or_path))
        base.pop("localities", None)
        data = _merge(base, data)
    return data


@lru_cache(maxsize=64)
def load_scheme(name_or_path: str = "default") -> Scheme:
    """A shipped scheme by name (`default`, `sichuan`, …) or a TOML file by path."""
    data = _read(str(name_or_path))
    try:
        return Scheme.model_validate(data)
    except ValueError as error:
        raise SchemeError(f"评分方案“{name_or_path}”有误：{error}") from None


def scheme_for_locality(locality: str | None) -> Scheme:
    """The shipped scheme whose `localities` a locality names (湖北襄阳 → hubei-municipal), else the default.
    `locality` may be a whole title or unit name (湖北省襄阳市2023年度项目支出绩效自评表)."""
    if locality:
        for name in scheme_names():
            scheme = load_scheme(name)
            if any(prefix in locality for prefix in scheme.localities):
                return scheme
    return load_scheme("default")
