"""The years the portfolio offers as a filter, kept for a minute per kind of viewer instead of a
`SELECT DISTINCT year` over every table on each request (20,000 tables at province scale).

A stored or deleted table clears this process's copy at once; other processes see a new year within a
minute (the filter is a convenience: the tables themselves are always read fresh)."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .. import permissions
from .models import TargetTableRecord

SECONDS = 60
_KEYS: set[str] = set()


def _key(user) -> str:
    role = permissions.role_of(user)
    profile = getattr(user, "profile", None)
    return f"jixiao:portfolio-years:{role}:{getattr(profile, 'department_id', None)}"


def portfolio_years(user) -> list[int]:
    """The years of the tables `user` may see, newest first."""
    key = _key(user)
    years = cache.get(key)
    if years is None:
        years = list(permissions.visible_tables(user, TargetTableRecord.objects.all()).values_list("year", flat=True).distinct().order_by("-year"))
        cache.set(key, years, SECONDS)
        _KEYS.add(key)
    return years


@receiver(post_save, sender=TargetTableRecord)
@receiver(post_delete, sender=TargetTableRecord)
def _forget(**_kwargs) -> None:
    cache.delete_many(list(_KEYS))
