"""Tables become canonical documents (schema, part 3 of 3): the field-by-field columns and the indicator
and task rows go (their content is in the document since 0006); one department table per unit and year,
any number of project tables (told apart by project code and name). Reversible while every table is a
department table: going back restores the old schema here and 0007 rebuilds the rows from the documents."""

from django.db import migrations, models


def refuse_many(apps, schema_editor):
    """Going back: the old schema holds one table per department and year, department tables only."""
    Record = apps.get_model("tables", "TargetTableRecord")
    others = Record.objects.exclude(kind="department_target").count()
    if others:
        raise RuntimeError(f"无法回退到旧的表结构：有 {others} 张项目表等非部门整体表，旧结构无法保存（请先导出后删除）")


class Migration(migrations.Migration):

    dependencies = [
        ('tables', '0007_revert_point'),
        ('review', '0004_drop_indicator_link'),
    ]

    operations = [
        migrations.RemoveConstraint(model_name='targettablerecord', name='one_table_per_department_year'),
        migrations.RunPython(migrations.RunPython.noop, refuse_many),  # undone before the old constraint returns
        migrations.DeleteModel(name='IndicatorRow'),
        migrations.DeleteModel(name='TaskRow'),
        *[
            migrations.RemoveField(model_name='targettablerecord', name=name)
            for name in (
                'title', 'funded_staff', 'subordinate_units', 'budget_unit', 'basic', 'project', 'special_fund',
                'development_other', 'fiscal_appropriation', 'income_other', 'city_level', 'transfer_to_lower',
                'overall_goals', 'goal_sources', 'empty_level2', 'department_sources', 'budget_sources',
            )
        ],
        migrations.AddConstraint(
            model_name='targettablerecord',
            constraint=models.UniqueConstraint(fields=('department', 'year', 'kind', 'project_code', 'label'), name='one_table_per_unit_year_kind_project'),
        ),
        migrations.AddIndex(
            model_name='targettablerecord',
            index=models.Index(fields=['kind', '-id'], name='table_by_kind'),
        ),
        migrations.AddIndex(
            model_name='targettablerecord',
            index=models.Index(fields=['department', 'year'], name='table_by_unit_year'),
        ),
    ]
