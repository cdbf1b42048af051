"""Monitoring snapshots (运行监控): spending to date and indicator progress at a date (e.g. 1–7月)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Snapshot(models.Model):
    table = models.ForeignKey("tables.TargetTableRecord", on_delete=models.CASCADE, related_name="snapshots")
    as_of = models.DateField("截至日期")
    executed = models.FloatField("执行数（万元）", null=True, blank=True)
    actuals = models.JSONField("指标完成值", default=dict)  # indicator position → text as entered
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["table", "as_of"]
