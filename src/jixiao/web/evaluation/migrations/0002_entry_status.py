"""Entries become drafts until submitted; the entries stored before were the official ones: submitted, at their creation."""

from django.db import migrations, models
from django.db.models import F


def submitted_at_creation(apps, schema_editor):
    apps.get_model("evaluation", "Evaluation").objects.update(submitted=F("created"))


class Migration(migrations.Migration):

    dependencies = [
        ('evaluation', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='evaluation',
            name='status',
            field=models.CharField(choices=[('draft', '草稿'), ('submitted', '已提交')], default='submitted', max_length=10, verbose_name='状态'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='submitted',
            field=models.DateTimeField(blank=True, null=True, verbose_name='提交时间'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='updated',
            field=models.DateTimeField(auto_now=True, verbose_name='更新时间'),
        ),
        migrations.AlterField(
            model_name='evaluation',
            name='status',
            field=models.CharField(choices=[('draft', '草稿'), ('submitted', '已提交')], default='draft', max_length=10, verbose_name='状态'),
        ),
        migrations.RunPython(submitted_at_creation, migrations.RunPython.noop),
    ]
