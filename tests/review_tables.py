"""Small inline tables for the review rule tests: build Table objects directly."""

from __future__ import annotations

from jixiao.domain.source import Source
from jixiao.domain.table import (
    Budget,
    ByLevel,
    Development,
    EmptyGroup,
    Expenditure,
    Income,
    Indicator,
    KeyTask,
    OtherTask,
    Table,
)
from jixiao.review import review

GROUPS = {
    "数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标",
    "经济成本指标": "成本指标", "社会效益": "效益指标", "服务对象满意度": "满意度指标",
}


def ind(name: str, annual: str | None, period: str | None = "same", level2: str = "数量指标", line: int = 1) -> Indicator:
    """An indicator on `line`: name in column 3, period value in 4, annual value in 5."""
    period = annual if period == "same" else period
    sources = {"name": Source(file="t.txt", line=line, column=3)}
    if period is not None:
        sources["period_value"] = Source(file="t.txt", line=line, column=4)
    if annual is not None:
        sources["annual_value"] = Source(file="t.txt", line=line, column=5)
    return Indicator(level1=GROUPS[level2], level2=level2, name=name, period_value=period, annual_value=annual, sources=sources)


def balanced_budget(**changes) -> Budget:
    values = dict(basic=100.0, project=50.0, special=30.0, dev_other=20.0, fiscal=200.0, other=0.0, city=200.0, lower=0.0)
    values.update(changes)
    sources = {
        path: Source(file="t.txt", line=line, column=column)
        for path, line, column in (
            ("expenditure.basic", 1, 3), ("expenditure.project", 2, 3),
            ("expenditure.development.special_fund", 3, 3), ("expenditure.development.other", 4, 3),
            ("income.fiscal_appropriation", 1, 5), ("income.other", 2, 5),
            ("by_level.city_level", 3, 5), ("by_level.transfer_to_lower", 4, 5),
        )
    }
    return Budget(
        expenditure=Expenditure(basic=values["basic"], project=values["project"], development=Development(special_fund=values["special"], other=values["dev_other"])),
        income=Income(fiscal_appropriation=values["fiscal"], other=values["other"]),
        by_level=ByLevel(city_level=values["city"], transfer_to_lower=values["lower"]),
        sources=sources,
    )


def complete_indicators() -> list[Indicator]:
    """One indicator in each required group, all measurable and distinct."""
    return [
        ind("培训补贴标准", "800元/人", level2="经济成本指标", line=10),
        ind("培训人数", "≥500人", level2="数量指标", line=11),
        ind("培训合格率", "≥95%", level2="质量指标", line=12),
        ind("培训按期完成率", "100%", level2="时效指标", line=13),
        ind("取得证书人数占比", "≥60%", level2="社会效益", line=14),
        ind("学员满意度", "≥90%", level2="服务对象满意度", line=15),
    ]


def make_table(indicators=None, budget=None, goals=(), key_tasks=(), other_tasks=(), empty=()) -> Table:
    return Table(
        budget=budget if budget is not None else balanced_budget(),
        overall_goals=list(goals),
        key_tasks=list(key_tasks),
        other_tasks=list(other_tasks),
        indicators=list(indicators) if indicators is not None else complete_indicators(),
        empty_level2=list(empty),
        source_file="t.txt",
    )


def task(name: str, funds: float | None, content: str | None = None, goal: str | None = None, line: int = 5) -> KeyTask:
    return KeyTask(name=name, content=content, goal=goal, funds_yuan=funds, sources={"funds_yuan": Source(file="t.txt", line=line, column=4), "goal": Source(file="t.txt", line=line, column=5)})


def other(name: str, funds: float | None, content: str | None = None) -> OtherTask:
    return OtherTask(name=name, content=content, funds_yuan=funds)


def empty_group(level1: str, level2: str, line: int) -> EmptyGroup:
    return EmptyGroup(level1=level1, level2=level2, source=Source(file="t.txt", line=line, column=2))


def findings(table: Table, code: str, config=None):
    return [f for f in review(table, config).findings if f.code == code]
