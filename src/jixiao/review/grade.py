"""Grades (审核等级 优/良/中/差) per dimension and overall, each with the rule that produced it.

A dimension starts at `[grading].start` and loses `deduct[severity]` points per finding; the overall
score is the mean of the dimension scores (88号's four, or a checklist's own groups); both are banded by `[grading].bands`. An error-severity
finding caps the overall grade at `[grading].error_cap` (default 中: revise and resubmit, as 88号 says).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.problem import Problem, Severity
from .config import ReviewConfig
from .dimension import Dimension, Group, dimension_of


@dataclass(frozen=True, slots=True)
class Grade:
    score: float
    grade: str
    rule: str  # the arithmetic and band, in words

    def to_dict(self) -> dict:
        return {"score": self.score, "grade": self.grade, "rule": self.rule}

    @classmethod
    def from_dict(cls, data: dict) -> Grade:
        return cls(score=data["score"], grade=data["grade"], rule=data["rule"])


_COUNT = {1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六"}


def band(score: float, config: ReviewConfig) -> tuple[str, float]:
    for item in config["grading"]["bands"]:
        if score >= item["min"]:
            return item["grade"], item["min"]
    last = config["grading"]["bands"][-1]
    return last["grade"], last["min"]


def groups(config: ReviewConfig) -> tuple[Group, ...]:
    """The grading groups: `[grading] dimensions` of a locality's checklist, else 88号's four."""
    names = config["grading"].get("dimensions") or [d.value for d in Dimension]
    return tuple(Group(n) for n in names)


def grade(findings: list[Problem], config: ReviewConfig) -> tuple[dict[Group, Grade], Grade]:
    conf = config["grading"]
    start, deduct = conf["start"], conf["deduct"]
    order = groups(config)
    counts = {d: {s: 0 for s in Severity} for d in order}
    for f in findings:
        counts[dimension_of(f)][f.severity] += 1
    dimensions = {}
    for d in order:
        terms = [(s, n) for s, n in counts[d].items() if n and deduct.get(s.value, 0)]
        score = max(0.0, start - sum(deduct[s.value] * n for s, n in terms))
        letter, floor = band(score, config)
        arithmetic = "".join(f" − {deduct[s.value]}×{s.label}{n}" for s, n in terms)
        dimensions[d] = Grade(score, letter, f"{start}{arithmetic} = {score:g} → {letter}（≥{floor:g}）")
    mean = round(sum(g.score for g in dimensions.values()) / len(dimensions), 1)
    letter, floor = band(mean, config)
    parts = "+".join(f"{g.score:g}" for g in dimensions.values())
    rule = f"{_COUNT.get(len(dimensions), len(dimensions))}个维度平均 ({parts})/{len(dimensions)} = {mean:g} → {letter}（≥{floor:g}）"
    bands = [b["grade"] for b in conf["bands"]]
    cap = conf.get("error_cap") or ""
    if cap in bands and any(f.severity is Severity.ERROR for f in findings) and bands.index(letter) < bands.index(cap):
        letter = cap
        rule += f"；有错误级问题，总体等级最高为{cap} → {cap}"
    return dimensions, Grade(mean, letter, rule)
