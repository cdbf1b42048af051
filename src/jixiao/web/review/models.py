"""Review workflow records (审核): the reviewer's decisions and comments, per table or per indicator row."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReviewComment(models.Model):
    class Action(models.TextChoices):
        SUBMIT = "submit", "提交"
        RETURN = "return", "退回"
        APPROVE = "approve", "批准"
        PUBLISH = "publish", "公开"

    table = models.ForeignKey("tables.TargetTableRecord", on_delete=models.CASCADE, related_name="comments")
    row = models.PositiveIntegerField("指标序号", null=True, blank=True)  # the indicator's index in the document (0-based, as Problem.row)
    indicator_name = models.CharField(max_length=300, blank=True, default="")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=10, choices=Action.choices)
    text = models.TextField("意见", blank=True, default="")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]
