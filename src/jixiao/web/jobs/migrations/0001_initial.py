# The background jobs app (web/jobs): the Job row.

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('tables', '0010_audit_summary'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Job',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('kind', models.CharField(choices=[('upload', '读取上传文件'), ('import', '导入目标表'), ('export', '开放数据导出'), ('review', '审核评分（全部表）')], max_length=16, verbose_name='类型')),
                ('status', models.CharField(choices=[('queued', '排队中'), ('running', '处理中'), ('done', '已完成'), ('failed', '失败')], db_index=True, default='queued', max_length=10, verbose_name='状态')),
                ('stage', models.CharField(blank=True, default='', max_length=200, verbose_name='当前步骤')),
                ('done', models.PositiveIntegerField(default=0, verbose_name='已完成')),
                ('total', models.PositiveIntegerField(default=0, verbose_name='总数')),
                ('message', models.TextField(blank=True, default='', verbose_name='结果说明')),
                ('params', models.JSONField(blank=True, default=dict, verbose_name='参数')),
                ('result', models.JSONField(blank=True, default=dict, verbose_name='结果')),
                ('document', models.TextField(blank=True, default='', verbose_name='读取结果（JSON）')),
                ('attempts', models.PositiveIntegerField(default=0, verbose_name='执行次数')),
                ('worker_pid', models.PositiveIntegerField(blank=True, null=True)),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('started', models.DateTimeField(blank=True, null=True)),
                ('finished', models.DateTimeField(blank=True, null=True)),
                ('pending', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='jobs', to='tables.pendingupload')),
                ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='jobs', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created'],
                'indexes': [models.Index(fields=['user', '-created'], name='job_by_user')],
            },
        ),
    ]
