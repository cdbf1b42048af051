"""Monitoring snapshots (运行监控): spending to date and indicator progress at a date (e.g. 1–7月)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..entries import EntryStatus


class Snapshot(models.Model):
    table = models.ForeignKey("tables.TargetTableRecord", on_delete=models.CASCADE, related_name="snapshots")
    as_of = models.DateField("截至日期")
    executed = models.FloatField("执行数（万元）", null=True, blank=True)
    actuals = models.JSONField("指标完成值", default=dict)  # indicator position → text as entered
    # indicator position → {"cause": 偏差原因 (the scheme's list), "correction": 纠偏措施} (财预〔2019〕136号)
    deviations = models.JSONField("偏差原因与纠偏措施", default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)
    # 草稿 until submitted: only a submitted entry counts (the table's score, the dashboard's report)
    status = models.CharField("状态", max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    submitted = models.DateTimeField("提交时间", null=True, blank=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["table", "as_of"]
