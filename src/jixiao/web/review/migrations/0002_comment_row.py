"""A row comment points at its indicator by index in the table's document (0-based, as Problem.row)
instead of at an indicator row, which tables 0008 removes: the column (0002), its values (0003), the old
link dropped (0004). Schema and data in separate migrations, as PostgreSQL requires."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0001_initial'),
        ('tables', '0006_fill_documents'),
    ]

    operations = [
        migrations.AddField(
            model_name='reviewcomment',
            name='row',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='指标序号'),
        ),
    ]
