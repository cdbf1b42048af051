"""Stored performance tables (绩效表): departments, tables, their versions and the audit trail.

The system of record is each table's canonical JSON document (`TargetTableRecord.document`: the text of
`jixiao.domain.table.Table.canonical_json()`, every Source included, kept as text so that it reads back
exactly as written — PostgreSQL's jsonb would reorder the keys of printed facts). Beside it the record keeps only the columns the
portfolio filters and sorts on (kind, workflow status, fill status, label, grade, score, counts,
version, source file, import batch). Only `mapping.py` converts records to and from the domain `Table`.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models

from ...domain.table import KIND_LABELS


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已批准"
    PUBLISHED = "published", "已公开"


class Kind(models.TextChoices):
    DEPARTMENT = "department_target", KIND_LABELS["department_target"]
    PROJECT = "project_target", KIND_LABELS["project_target"]
    SELFEVAL = "selfeval", KIND_LABELS["selfeval"]
    MONITOR = "monitor", KIND_LABELS["monitor"]


class Fill(models.TextChoices):
    FILLED = "filled", "已填写"
    UNFILLED = "unfilled", "未填写（空白模板）"


class Department(models.Model):
    name = models.CharField("部门名称", max_length=200, unique=True)
    region = models.CharField("地区", max_length=100, blank=True, default="")
    # The locality checklist (地方审核口径) its tables are reviewed with: a name from
    # `jixiao.review.config.localities()`; blank = the deployment's default (JIXIAO_REVIEW_CHECKLIST,
    # else the 财预〔2015〕88号 configuration). Set by finance reviewers, or on the upload form.
    review_checklist = models.CharField("审核口径", max_length=100, blank=True, default="")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TargetTableRecord(models.Model):
    """One table of a department for one year: its canonical document and the portfolio's columns.

    A department has one department table (部门整体绩效目标表) a year and any number of project tables
    (项目支出绩效目标表), told apart by project code and name (`project_code`, `label`).
    """

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="tables", verbose_name="部门")
    year = models.PositiveIntegerField("年度")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    fill_status = models.CharField("填写情况", max_length=10, choices=Fill.choices, default=Fill.FILLED)
    label = models.CharField("名称", max_length=300, blank=True, default="")  # project name, or the department's name
    project_code = models.CharField("项目编码", max_length=100, blank=True, default="")
    version = models.PositiveIntegerField("版本", default=1)  # optimistic locking (乐观锁)
    source_file = models.CharField("来源文件", max_length=300, blank=True, default="")
    batch = models.UUIDField("导入批次", null=True, blank=True, db_index=True)  # one per upload: the tables imported together
    indicator_count = models.PositiveIntegerField("指标数", default=0)
    not_applicable_count = models.PositiveIntegerField("不适用行数", default=0)
    review_grade = models.CharField("审核等级", max_length=4, blank=True, default="")
    score = models.FloatField("得分", null=True, blank=True)
    # 自评得分复核 of a published self-evaluation (kind selfeval), computed whenever the document is stored;
    # null for other kinds: disagreements (count), points in disagreement (sum of |published − computed|
    # over the disagreeing rows), the published points (sum of published row scores) and counts by AUD-* code.
    audit_disagreements = models.PositiveIntegerField("评分不符处数", null=True, blank=True)
    audit_points = models.FloatField("不符分值", null=True, blank=True)
    audit_published_points = models.FloatField("公开得分合计", null=True, blank=True)
    audit_kinds = models.JSONField("不符类型", default=dict, blank=True)
    # 待审核: the date a finance reviewer should answer a submission by (set when it is submitted)
    deadline = models.DateField("审核期限", null=True, blank=True)
    # 运行监控: the worst light of the latest submitted monitoring (budget and indicators); blank before any
    monitor_light = models.CharField("监控信号灯", max_length=8, blank=True, default="")
    document = models.TextField("规范文档（JSON）", default="{}")  # the Table's canonical JSON
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "kind", "project_code", "label"], name="one_table_per_unit_year_kind_project"),
        ]
        indexes = [  # the portfolio's filters and sort orders (with id as the tie-breaker)
            models.Index(fields=["year", "status"]),
            models.Index(fields=["-updated", "-id"], name="table_by_updated"),
            models.Index(fields=["-score", "-id"], name="table_by_score"),
            models.Index(fields=["status", "-id"], name="table_by_status"),
            models.Index(fields=["-year", "-id"], name="table_by_year"),
            models.Index(fields=["kind", "-id"], name="table_by_kind"),
            models.Index(fields=["department", "year"], name="table_by_unit_year"),
        ]
        ordering = ["-year", "department__name"]

    def __str__(self) -> str:
        if self.kind == Kind.DEPARTMENT or not self.label:
            return f"{self.department.name} {self.year}"
        return f"{self.department.name} {self.year} {self.label}"

    @property
    def data(self) -> dict:
        """The document parsed (plain JSON values); `mapping.to_domain` gives the domain Table."""
        return json.loads(self.document)

    @property
    def is_project(self) -> bool:
        return self.kind == Kind.PROJECT

    @property
    def traffic_light(self) -> str:
        """红/黄/绿 for the portfolio: workflow, review, monitoring and score combined (`overview.light`)."""
        from ..overview.light import signal

        return signal(self).light

    @property
    def traffic_light_words(self) -> str:
        """The light in Chinese with its reasons (the tooltip)."""
        from ..overview.light import signal

        return signal(self).words


class TableVersion(models.Model):
    """Every stored version of a table's document (版本): written with each import and edit, never changed."""

    table = models.ForeignKey(TargetTableRecord, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField("版本")
    document = models.TextField("规范文档（JSON）")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150, default="")
    action = models.CharField("操作", max_length=40, default="")
    at = models.DateTimeField(auto_now_add=True)

    @property
    def data(self) -> dict:
        return json.loads(self.document)

    class Meta:
        ordering = ["table", "-version"]
        constraints = [models.UniqueConstraint(fields=["table", "version"], name="one_document_per_version")]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("历史版本不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("历史版本不可删除")


class PendingUpload(models.Model):
    """An uploaded document waiting for the person to confirm its preview (导入预览)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    filename = models.CharField(max_length=300)
    checklist = models.CharField("审核口径", max_length=100, blank=True, default="")  # chosen on the upload form
    unit = models.CharField("被评价单位", max_length=200, blank=True, default="")  # a reviewer's/evaluator's upload: the unit when the table names none
    data = models.BinaryField()
    created = models.DateTimeField(auto_now_add=True)


class AuditEntry(models.Model):
    """留痕: who changed what, when, before and after. Append-only: saving an existing entry or deleting one fails.

    `version` is the table's version after the change; its whole document is the TableVersion of that number.
    """

    table = models.ForeignKey(TargetTableRecord, null=True, on_delete=models.SET_NULL, related_name="audit")
    table_label = models.CharField(max_length=300, default="")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150, default="")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField("操作", max_length=40)
    field = models.CharField("对象", max_length=200, blank=True, default="")
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    version = models.PositiveIntegerField("版本", null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("审计记录不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审计记录不可删除")
