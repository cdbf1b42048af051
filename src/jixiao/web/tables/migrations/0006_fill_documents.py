"""Tables become canonical documents (data, part 2 of 3): each record's old columns, indicator rows and
task rows become its document (the JSON shape of `jixiao.domain.table.Table`; computed fields such as
`expenditure_total` and `typed` are left out — they are recomputed whenever a document is read), and
the current version is kept as the table's first TableVersion. Plain dicts: this migration does not
import the domain model, so it converts the same way whatever the model becomes."""

import json

from django.db import migrations


def _none(text):
    return text if text else None


def document(record, indicators, tasks) -> dict:
    r = record
    return {
        "kind": "department_target",
        "title": _none(r.title),
        "year": r.year,
        "status": "filled",
        "department": {
            "name": r.department.name,
            "funded_staff": r.funded_staff,
            "subordinate_units": r.subordinate_units,
            "sources": dict(r.department_sources or {}),
        },
        "budget": {
            "unit": r.budget_unit or "万元",
            "expenditure": {
                "basic": r.basic,
                "project": r.project,
                "development": {"special_fund": r.special_fund, "other": r.development_other},
            },
            "income": {"fiscal_appropriation": r.fiscal_appropriation, "other": r.income_other},
            "by_level": {"city_level": r.city_level, "transfer_to_lower": r.transfer_to_lower},
            "sources": dict(r.budget_sources or {}),
        },
        "overall_goals": list(r.overall_goals or []),
        "overall_goal_sources": list(r.goal_sources or []),
        "key_tasks": [
            {"name": t.name, "content": _none(t.content), "goal": _none(t.goal), "funds_yuan": t.funds_yuan, "sources": dict(t.sources or {})}
            for t in tasks if t.kind == "key"
        ],
        "other_tasks": [
            {"name": t.name, "content": _none(t.content), "funds_yuan": t.funds_yuan, "sources": dict(t.sources or {})}
            for t in tasks if t.kind == "other"
        ],
        "indicators": [
            {
                "level1": _none(i.level1), "level2": _none(i.level2), "name": i.name,
                "period_value": _none(i.period_value), "annual_value": _none(i.annual_value),
                "single_value_slot_ambiguous": i.single_value_slot_ambiguous, "sources": dict(i.sources or {}),
            }
            for i in indicators
        ],
        "not_applicable": [],
        "empty_level2": list(r.empty_level2 or []),
        "notes": [],
        "source_file": _none(r.source_file),
    }


def forwards(apps, schema_editor):
    Record = apps.get_model("tables", "TargetTableRecord")
    Indicator = apps.get_model("tables", "IndicatorRow")
    Task = apps.get_model("tables", "TaskRow")
    Version = apps.get_model("tables", "TableVersion")
    records = Record.objects.select_related("department").order_by("id")
    for start in range(0, records.count(), 500):
        chunk = list(records[start : start + 500])
        ids = [r.pk for r in chunk]
        indicators: dict[int, list] = {}
        tasks: dict[int, list] = {}
        for i in Indicator.objects.filter(table_id__in=ids).order_by("table_id", "position"):
            indicators.setdefault(i.table_id, []).append(i)
        for t in Task.objects.filter(table_id__in=ids).order_by("table_id", "position"):
            tasks.setdefault(t.table_id, []).append(t)
        versions = []
        for r in chunk:
            doc = document(r, indicators.get(r.pk, []), tasks.get(r.pk, []))
            r.document = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
            r.kind = "department_target"
            r.fill_status = "filled"
            r.label = r.department.name
            r.project_code = ""
            r.indicator_count = len(doc["indicators"])
            r.not_applicable_count = 0
            versions.append(Version(table_id=r.pk, version=r.version, document=r.document, action="迁移"))
        Record.objects.bulk_update(chunk, ["document", "kind", "fill_status", "label", "project_code", "indicator_count", "not_applicable_count"])
        Version.objects.bulk_create(versions)


class Migration(migrations.Migration):

    dependencies = [
        ('tables', '0005_documents'),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
