"""A department's locality checklist (审核口径, blank = the deployment default), the checklist chosen on
a pending upload, and the import batch of each table (the tables of one upload share it; tables imported
before this migration have none)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tables', '0008_drop_rows'),
    ]

    operations = [
        migrations.AddField(
            model_name='department',
            name='review_checklist',
            field=models.CharField(blank=True, default='', max_length=100, verbose_name='审核口径'),
        ),
        migrations.AddField(
            model_name='pendingupload',
            name='checklist',
            field=models.CharField(blank=True, default='', max_length=100, verbose_name='审核口径'),
        ),
        migrations.AddField(
            model_name='targettablerecord',
            name='batch',
            field=models.UUIDField(blank=True, db_index=True, null=True, verbose_name='导入批次'),
        ),
    ]
