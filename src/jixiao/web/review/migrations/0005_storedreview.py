# Reviews kept with each table version (review.StoredReview).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0004_drop_indicator_link'),
        ('tables', '0010_audit_summary'),
    ]

    operations = [
        migrations.CreateModel(
            name='StoredReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(verbose_name='版本')),
                ('checklist', models.CharField(max_length=200, verbose_name='审核口径指纹')),
                ('report', models.TextField(verbose_name='审核结果（JSON）')),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('table', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='stored_reviews', to='tables.targettablerecord')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('table', 'version', 'checklist'), name='one_review_per_version_and_checklist')],
            },
        ),
    ]
