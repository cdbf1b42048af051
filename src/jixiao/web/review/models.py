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


class StoredReview(models.Model):
    """A table version's review, kept: the report (`Report.to_dict()`) of document version `version` with
    the checklist whose fingerprint is `checklist` (its name and a hash of its settings). Written when the
    version is stored (import, edit, checklist change) and read by the pages instead of reviewing again;
    a new version or another checklist is reviewed once, on first need."""

    table = models.ForeignKey("tables.TargetTableRecord", on_delete=models.CASCADE, related_name="stored_reviews")
    version = models.PositiveIntegerField("版本")
    checklist = models.CharField("审核口径指纹", max_length=200)
    report = models.TextField("审核结果（JSON）")  # text, not jsonb: PostgreSQL would reorder the groups' keys
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["table", "version", "checklist"], name="one_review_per_version_and_checklist")]
