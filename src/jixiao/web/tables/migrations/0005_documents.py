"""Tables become canonical documents (schema, part 1 of 3): the document column, the portfolio's new
columns (kind, fill status, label, project code, not-applicable count), the version store and the
audit entry's version. 0006 fills them from the old columns and rows; 0008 drops those (0007 is the way back)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tables', '0004_goal_sources'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='targettablerecord',
            name='kind',
            field=models.CharField(choices=[('department_target', '部门整体绩效目标表'), ('project_target', '项目支出绩效目标表'), ('selfeval', '绩效自评表'), ('monitor', '绩效运行监控表')], default='department_target', max_length=20, verbose_name='类型'),
        ),
        migrations.AddField(
            model_name='targettablerecord',
            name='fill_status',
            field=models.CharField(choices=[('filled', '已填写'), ('unfilled', '未填写（空白模板）')], default='filled', max_length=10, verbose_name='填写情况'),
        ),
        migrations.AddField(
            model_name='targettablerecord',
            name='label',
            field=models.CharField(blank=True, default='', max_length=300, verbose_name='名称'),
        ),
        migrations.AddField(
            model_name='targettablerecord',
            name='project_code',
            field=models.CharField(blank=True, default='', max_length=100, verbose_name='项目编码'),
        ),
        migrations.AddField(
            model_name='targettablerecord',
            name='not_applicable_count',
            field=models.PositiveIntegerField(default=0, verbose_name='不适用行数'),
        ),
        migrations.AddField(
            model_name='targettablerecord',
            name='document',
            field=models.TextField(default='{}', verbose_name='规范文档（JSON）'),
        ),
        migrations.AddField(
            model_name='auditentry',
            name='version',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='版本'),
        ),
        migrations.CreateModel(
            name='TableVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.PositiveIntegerField(verbose_name='版本')),
                ('document', models.TextField(verbose_name='规范文档（JSON）')),
                ('username', models.CharField(default='', max_length=150)),
                ('action', models.CharField(default='', max_length=40, verbose_name='操作')),
                ('at', models.DateTimeField(auto_now_add=True)),
                ('table', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='tables.targettablerecord')),
                ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['table', '-version'],
                'constraints': [models.UniqueConstraint(fields=('table', 'version'), name='one_document_per_version')],
            },
        ),
    ]
