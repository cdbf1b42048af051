"""Accounts (账户): each user has one role and, for department staff, one department; API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


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


TOKEN_PREFIX = "jx_"


def _new_key() -> str:
    """The plain key of the first token model (migration 0001 names it); tokens are now `ApiToken.issue`d."""
    return secrets.token_hex(24)


def digest(secret: str) -> str:
    """What is stored of a token: the SHA-256 of its text (a token is 256 random bits, so no salt or slow hash is needed)."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        """Tokens that still open the API: not revoked, not expired, of an active user."""
        return self.filter(revoked=None, expires__gt=timezone.now(), user__is_active=True)


class ApiToken(models.Model):
    """A bearer token for the REST API (`Authorization: Bearer <token>`); same permissions as its user.

    Only the SHA-256 of the token is stored (`digest`) and its first characters (`hint`, to tell tokens
    apart); the token itself is shown once, when it is issued. A token expires and can be revoked.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField("令牌开头", max_length=16, default="")
    name = models.CharField("用途", max_length=100, blank=True, default="")
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField("到期时间")
    revoked = models.DateTimeField("撤销时间", null=True, blank=True)
    last_used = models.DateTimeField("最近使用", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]

    @classmethod
    def issue(cls, user, days: int | None = None, name: str = "") -> tuple[ApiToken, str]:
        """A new token for `user`, valid `days` days (default API_TOKEN_DAYS): the record and the token's text (never stored)."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        lifetime = dt.timedelta(days=days if days is not None else settings.API_TOKEN_DAYS)
        token = cls.objects.create(user=user, digest=digest(secret), hint=secret[:10], name=name[:100], expires=timezone.now() + lifetime)
        return token, secret

    @classmethod
    def find(cls, secret: str) -> ApiToken | None:
        """The usable token with this text, or None (unknown, expired, revoked, or its user inactive)."""
        return cls.objects.usable().select_related("user__profile").filter(digest=digest(secret)).first()

    @property
    def state(self) -> str:
        if self.revoked is not None:
            return "已撤销"
        return "已过期" if self.expires <= timezone.now() else "有效"
