"""The one place that knows both worlds: ORM rows ↔ the domain `Table`.

`to_domain(record)` rebuilds the immutable Table (with every Source); `store(table, ...)` writes
a Table into the rows of one record, replacing what was there, inside the caller's transaction.
"""

from __future__ import annotations


from ...domain.source import Source
from ...domain.table import (
    Budget,
    ByLevel,
    Department as DomainDepartment,
    Development,
    EmptyGroup,
    Expenditure,
    Income,
    Indicator,
    KeyTask,
    OtherTask,
    Table,
)
from .models import Department, IndicatorRow, TargetTableRecord, TaskRow

BUDGET_FIELDS = {  # ORM column → dotted path in Budget (and its `sources` keys)
    "basic": "expenditure.basic",
    "project": "expenditure.project",
    "special_fund": "expenditure.development.special_fund",
    "development_other": "expenditure.development.other",
    "fiscal_appropriation": "income.fiscal_appropriation",
    "income_other": "income.other",
    "city_level": "by_level.city_level",
    "transfer_to_lower": "by_level.transfer_to_lower",
}


def _sources_in(sources: dict) -> dict[str, Source]:
    return {k: Source(**v) for k, v in (sources or {}).items()}


def _sources_out(sources: dict[str, Source]) -> dict:
    return {k: v.to_dict(exclude_none=True) for k, v in sources.items()}


def _blank(text: str | None) -> str:
    return text or ""


def _none(text: str) -> str | None:
    return text if text else None


def to_domain(record: TargetTableRecord, indicators=None, tasks=None) -> Table:
    """The domain table of a record. Pass prefetched `indicators`/`tasks` to avoid extra queries."""
    indicators = list(record.indicators.all()) if indicators is None else indicators
    tasks = list(record.tasks.all()) if tasks is None else tasks
    r = record
    budget = Budget(
        unit=r.budget_unit,
        expenditure=Expenditure(
            basic=r.basic, project=r.project, development=Development(special_fund=r.special_fund, other=r.development_other)
        ),
        income=Income(fiscal_appropriation=r.fiscal_appropriation, other=r.income_other),
        by_level=ByLevel(city_level=r.city_level, transfer_to_lower=r.transfer_to_lower),
        sources=_sources_in(r.budget_sources),
    )
    return Table(
        title=_none(r.title),
        year=r.year,
        department=DomainDepartment(
            name=r.department.name,
            funded_staff=r.funded_staff,
            subordinate_units=r.subordinate_units,
            sources=_sources_in(r.department_sources),
        ),
        budget=budget,
        overall_goals=list(r.overall_goals),
        overall_goal_sources=[Source(**v) for v in r.goal_sources or []],
        key_tasks=[
            KeyTask(name=t.name, content=_none(t.content), goal=_none(t.goal), funds_yuan=t.funds_yuan, sources=_sources_in(t.sources))
            for t in tasks
            if t.kind == TaskRow.Kind.KEY
        ],
        other_tasks=[
            OtherTask(name=t.name, content=_none(t.content), funds_yuan=t.funds_yuan, sources=_sources_in(t.sources))
            for t in tasks
            if t.kind == TaskRow.Kind.OTHER
        ],
        indicators=[
            Indicator(
                level1=_none(i.level1),
                level2=_none(i.level2),
                name=i.name,
                period_value=_none(i.period_value),
                annual_value=_none(i.annual_value),
                single_value_slot_ambiguous=i.single_value_slot_ambiguous,
                sources=_sources_in(i.sources),
            )
            for i in indicators
        ],
        empty_level2=[EmptyGroup.model_validate(g) for g in r.empty_level2],
        source_file=_none(r.source_file),
    )


def _budget_value(budget: Budget, path: str):
    value = budget
    for part in path.split("."):
        value = getattr(value, part)
    return value


def fill(record: TargetTableRecord, table: Table) -> None:
    """Copy the table's facts and budget onto the record (not saved)."""
    record.title = _blank(table.title)
    record.source_file = _blank(table.source_file)
    record.funded_staff = table.department.funded_staff
    record.subordinate_units = table.department.subordinate_units
    record.department_sources = _sources_out(table.department.sources)
    record.budget_unit = table.budget.unit
    for column, path in BUDGET_FIELDS.items():
        setattr(record, column, _budget_value(table.budget, path))
    record.budget_sources = _sources_out(table.budget.sources)
    record.overall_goals = list(table.overall_goals)
    record.goal_sources = [s.to_dict(exclude_none=True) for s in table.overall_goal_sources]
    record.indicator_count = len(table.indicators)
    record.empty_level2 = [g.model_dump(mode="json", exclude_none=True) for g in table.empty_level2]


def store(table: Table, department: Department, year: int, record: TargetTableRecord | None = None) -> TargetTableRecord:
    """Write `table` as the content of `record` (new when None), replacing its rows. Call inside a transaction."""
    if record is None:
        record = TargetTableRecord(department=department, year=year)
    fill(record, table)
    if record.pk is not None:
        record.version += 1
    record.save()
    record.indicators.all().delete()
    record.tasks.all().delete()
    IndicatorRow.objects.bulk_create(
        IndicatorRow(
            table=record,
            position=n,
            level1=_blank(i.level1),
            level2=_blank(i.level2),
            name=i.name,
            period_value=_blank(i.period_value),
            annual_value=_blank(i.annual_value),
            single_value_slot_ambiguous=i.single_value_slot_ambiguous,
            sources=_sources_out(i.sources),
        )
        for n, i in enumerate(table.indicators, 1)
    )
    tasks = [(TaskRow.Kind.KEY, t) for t in table.key_tasks] + [(TaskRow.Kind.OTHER, t) for t in table.other_tasks]
    TaskRow.objects.bulk_create(
        TaskRow(
            table=record,
            kind=kind,
            position=n,
            name=t.name,
            content=_blank(t.content),
            goal=_blank(getattr(t, "goal", None)),
            funds_yuan=t.funds_yuan,
            sources=_sources_out(t.sources),
        )
        for n, (kind, t) in enumerate(tasks, 1)
    )
    return record
