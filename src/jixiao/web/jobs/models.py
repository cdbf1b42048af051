"""A background job and what a person sees of it: kind, status, progress, the outcome in words, results."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class JobKind(models.TextChoices):
    UPLOAD = "upload", "读取上传文件"
    IMPORT = "import", "导入目标表"
    EXPORT = "export", "开放数据导出"
    REVIEW = "review", "审核评分（全部表）"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "处理中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class Job(models.Model):
    """One job: created by a request, advanced by a worker (`runner.run`), read by the job page.

    `params` are the job's inputs (JSON), `result` what it made (ids, file names), `message` the outcome
    in Chinese; `document` is an upload's parse (the Document's canonical JSON), which the preview and the
    import read instead of reading the file again. `attempts` counts starts: a worker that died mid-job
    leaves the job to be started again (at most `runner.MAX_ATTEMPTS` times)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField("类型", max_length=16, choices=JobKind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="jobs")
    status = models.CharField("状态", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True)
    stage = models.CharField("当前步骤", max_length=200, blank=True, default="")
    done = models.PositiveIntegerField("已完成", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    message = models.TextField("结果说明", blank=True, default="")
    params = models.JSONField("参数", default=dict, blank=True)
    result = models.JSONField("结果", default=dict, blank=True)
    document = models.TextField("读取结果（JSON）", blank=True, default="")
    pending = models.ForeignKey("tables.PendingUpload", null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs")
    attempts = models.PositiveIntegerField("执行次数", default=0)
    worker_pid = models.PositiveIntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["user", "-created"], name="job_by_user")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_status_display()}）"

    @property
    def finished_ok(self) -> bool:
        return self.status == JobStatus.DONE

    @property
    def over(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
