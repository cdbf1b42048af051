"""Each row comment's indicator index from its indicator row (and back)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Comment = apps.get_model("review", "ReviewComment")
    for comment in Comment.objects.filter(indicator__isnull=False).select_related("indicator"):
        comment.row = comment.indicator.position - 1
        comment.save(update_fields=["row"])


def backwards(apps, schema_editor):
    Comment = apps.get_model("review", "ReviewComment")
    Indicator = apps.get_model("tables", "IndicatorRow")
    for comment in Comment.objects.filter(row__isnull=False):
        comment.indicator = Indicator.objects.filter(table_id=comment.table_id, position=comment.row + 1).first()
        comment.save(update_fields=["indicator"])


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0002_comment_row'),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
