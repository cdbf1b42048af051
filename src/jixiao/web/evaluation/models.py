"""Self-evaluations (绩效自评): actual values per indicator and, when the scoring engine exists, the score."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..entries import EntryStatus


class Evaluation(models.Model):
    table = models.ForeignKey("tables.TargetTableRecord", on_delete=models.CASCADE, related_name="evaluations")
    actuals = models.JSONField("实际完成值", default=dict)  # indicator position → text as entered
    executed = models.FloatField("全年执行数（万元）", null=True, blank=True)
    score = models.FloatField("总分", null=True, blank=True)
    grade = models.CharField("自评等级", max_length=4, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(auto_now_add=True)
    # 草稿 until submitted: only a submitted entry counts (the table's score, the dashboard's report)
    status = models.CharField("状态", max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT)
    submitted = models.DateTimeField("提交时间", null=True, blank=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["table", "-created"]
