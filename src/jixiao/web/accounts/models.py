"""Accounts (账户): each user has one role and, for department staff, one department; API tokens."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    STAFF = "staff", "部门填报人员"
    REVIEWER = "reviewer", "财政审核人员"
    EVALUATOR = "evaluator", "评价人员"
    VIEWER = "viewer", "查阅人员"


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField("角色", max_length=16, choices=Role.choices, default=Role.VIEWER)
    department = models.ForeignKey(
        "tables.Department", null=True, blank=True, on_delete=models.PROTECT, verbose_name="所属部门"
    )

    def __str__(self) -> str:
        return f"{self.user.username}（{self.get_role_display()}）"


def _new_key() -> str:
    return secrets.token_hex(24)


class ApiToken(models.Model):
    """A bearer token for the REST API (`Authorization: Bearer <key>`); same permissions as its user."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    key = models.CharField(max_length=64, unique=True, default=_new_key)
    created = models.DateTimeField(auto_now_add=True)
