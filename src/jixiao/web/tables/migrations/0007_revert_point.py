"""Nothing forwards. Backwards (after 0008 has restored the old schema), each document becomes the old
columns, indicator rows and task rows again — a data-only migration, as PostgreSQL requires."""

import json

from django.db import migrations


def _text(value, length=None):
    return (value or "")[:length] if length else (value or "")


def restore(apps, schema_editor):
    """Going back: each document becomes the old columns, indicator rows and task rows again."""
    Record = apps.get_model("tables", "TargetTableRecord")
    Indicator = apps.get_model("tables", "IndicatorRow")
    Task = apps.get_model("tables", "TaskRow")
    for r in Record.objects.all().iterator():
        doc = json.loads(r.document or "{}")
        d, b = doc.get("department") or {}, doc.get("budget") or {}
        e, inc, lvl = b.get("expenditure") or {}, b.get("income") or {}, b.get("by_level") or {}
        dev = e.get("development") or {}
        r.title = _text(doc.get("title"), 300)
        r.funded_staff, r.subordinate_units, r.department_sources = d.get("funded_staff"), d.get("subordinate_units"), d.get("sources") or {}
        r.budget_unit, r.budget_sources = b.get("unit") or "万元", b.get("sources") or {}
        r.basic, r.project = e.get("basic"), e.get("project")
        r.special_fund, r.development_other = dev.get("special_fund"), dev.get("other")
        r.fiscal_appropriation, r.income_other = inc.get("fiscal_appropriation"), inc.get("other")
        r.city_level, r.transfer_to_lower = lvl.get("city_level"), lvl.get("transfer_to_lower")
        r.overall_goals, r.goal_sources = doc.get("overall_goals") or [], doc.get("overall_goal_sources") or []
        r.empty_level2 = doc.get("empty_level2") or []
        r.save()
        Indicator.objects.bulk_create(
            Indicator(table=r, position=n, level1=_text(i.get("level1"), 100), level2=_text(i.get("level2"), 100), name=_text(i.get("name"), 300),
                      period_value=_text(i.get("period_value")), annual_value=_text(i.get("annual_value")),
                      single_value_slot_ambiguous=bool(i.get("single_value_slot_ambiguous")), sources=i.get("sources") or {})
            for n, i in enumerate(doc.get("indicators") or [], 1)
        )
        tasks = [("key", t) for t in doc.get("key_tasks") or []] + [("other", t) for t in doc.get("other_tasks") or []]
        Task.objects.bulk_create(
            Task(table=r, kind=kind, position=n, name=_text(t.get("name"), 300), content=_text(t.get("content")), goal=_text(t.get("goal")),
                 funds_yuan=t.get("funds_yuan"), sources=t.get("sources") or {})
            for n, (kind, t) in enumerate(tasks, 1)
        )


class Migration(migrations.Migration):

    dependencies = [
        ('tables', '0006_fill_documents'),
        ('review', '0004_drop_indicator_link'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore),
    ]
