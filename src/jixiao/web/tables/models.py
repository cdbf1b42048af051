"""Stored target tables (绩效目标表): departments, years, tables, indicators, tasks, audit trail.

Rows keep the `Source` of every value (JSON: field → {file, line, column, sheet, page}) so pages can
point a person at the cell a value was read from. Only `mapping.py` converts these rows to and from
the domain `Table`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已批准"
    PUBLISHED = "published", "已公开"


class Department(models.Model):
    name = models.CharField("部门名称", max_length=200, unique=True)
    region = models.CharField("地区", max_length=100, blank=True, default="")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TargetTableRecord(models.Model):
    """One department's target table for one year, with its basic facts and budget (万元)."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="tables", verbose_name="部门")
    year = models.PositiveIntegerField("年度")
    title = models.CharField("标题", max_length=300, blank=True, default="")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    version = models.PositiveIntegerField("版本", default=1)  # optimistic locking (乐观锁)
    source_file = models.CharField("来源文件", max_length=300, blank=True, default="")
    funded_staff = models.IntegerField("财政供养人员数", null=True, blank=True)
    subordinate_units = models.IntegerField("下属二级单位数", null=True, blank=True)
    budget_unit = models.CharField(max_length=10, default="万元")
    basic = models.FloatField("基本支出", null=True, blank=True)
    project = models.FloatField("项目支出", null=True, blank=True)
    special_fund = models.FloatField("财政专项资金", null=True, blank=True)
    development_other = models.FloatField("其他事业发展性支出", null=True, blank=True)
    fiscal_appropriation = models.FloatField("财政拨款", null=True, blank=True)
    income_other = models.FloatField("其他资金", null=True, blank=True)
    city_level = models.FloatField("市本级使用资金", null=True, blank=True)
    transfer_to_lower = models.FloatField("拟用于对下转移支付资金", null=True, blank=True)
    overall_goals = models.JSONField("总体绩效目标", default=list)
    goal_sources = models.JSONField(default=list)  # the cell each overall goal was read from
    empty_level2 = models.JSONField(default=list)
    department_sources = models.JSONField(default=dict)
    budget_sources = models.JSONField(default=dict)
    indicator_count = models.PositiveIntegerField("指标数", default=0)  # kept by mapping.store; the portfolio needs no join
    review_grade = models.CharField("审核等级", max_length=4, blank=True, default="")
    score = models.FloatField("得分", null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["department", "year"], name="one_table_per_department_year")]
        indexes = [  # the portfolio's filters and sort orders (with id as the tie-breaker)
            models.Index(fields=["year", "status"]),
            models.Index(fields=["-updated", "-id"], name="table_by_updated"),
            models.Index(fields=["-score", "-id"], name="table_by_score"),
            models.Index(fields=["status", "-id"], name="table_by_status"),
            models.Index(fields=["-year", "-id"], name="table_by_year"),
        ]
        ordering = ["-year", "department__name"]

    def __str__(self) -> str:
        return f"{self.department.name} {self.year}"

    @property
    def expenditure_total(self) -> float | None:
        parts = [v for v in (self.basic, self.project, self.special_fund, self.development_other) if v is not None]
        return round(sum(parts), 2) if parts else None

    @property
    def income_total(self) -> float | None:
        parts = [v for v in (self.fiscal_appropriation, self.income_other) if v is not None]
        return round(sum(parts), 2) if parts else None

    @property
    def traffic_light(self) -> str:
        """红/黄/绿 for the portfolio: returned or poorly graded → red, waiting → yellow, settled → green."""
        if self.status == Status.RETURNED or self.review_grade == "差":
            return "red"
        if self.status in (Status.APPROVED, Status.PUBLISHED):
            return "green"
        return "yellow"


class IndicatorRow(models.Model):
    table = models.ForeignKey(TargetTableRecord, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField()
    level1 = models.CharField("一级指标", max_length=100, blank=True, default="")
    level2 = models.CharField("二级指标", max_length=100, blank=True, default="")
    name = models.CharField("三级指标", max_length=300)
    period_value = models.TextField("实施周期指标值", blank=True, default="")
    annual_value = models.TextField("年度指标值", blank=True, default="")
    single_value_slot_ambiguous = models.BooleanField(default=False)
    sources = models.JSONField(default=dict)

    class Meta:
        ordering = ["table", "position"]
        constraints = [models.UniqueConstraint(fields=["table", "position"], name="indicator_position")]


class TaskRow(models.Model):
    class Kind(models.TextChoices):
        KEY = "key", "年度重点工作任务"
        OTHER = "other", "其他需完成的任务"

    table = models.ForeignKey(TargetTableRecord, on_delete=models.CASCADE, related_name="tasks")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    position = models.PositiveIntegerField()
    name = models.CharField("名称", max_length=300)
    content = models.TextField("主要实施内容", blank=True, default="")
    goal = models.TextField("期望达到的目标", blank=True, default="")
    funds_yuan = models.FloatField("拟投入的资金（元）", null=True, blank=True)
    sources = models.JSONField(default=dict)

    class Meta:
        ordering = ["table", "kind", "position"]


class PendingUpload(models.Model):
    """An uploaded document waiting for the person to confirm its preview (导入预览)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    filename = models.CharField(max_length=300)
    data = models.BinaryField()
    created = models.DateTimeField(auto_now_add=True)


class AuditEntry(models.Model):
    """留痕: who changed what, when, before and after. Append-only: saving an existing entry or deleting one fails."""

    table = models.ForeignKey(TargetTableRecord, null=True, on_delete=models.SET_NULL, related_name="audit")
    table_label = models.CharField(max_length=300, default="")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    username = models.CharField(max_length=150, default="")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField("操作", max_length=40)
    field = models.CharField("对象", max_length=200, blank=True, default="")
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)

    class Meta:
        ordering = ["-at", "-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("审计记录不可修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("审计记录不可删除")
