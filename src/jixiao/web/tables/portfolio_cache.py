"""What the portfolio counts over every table, kept for a minute per kind of viewer: the years it offers
as a filter (instead of a `SELECT DISTINCT year` over 20,000 tables on each request) and the number of
tables a filter matches (the paginator's `COUNT(*)`).

A stored or deleted table clears this process's copies at once; other processes see the change within a
minute (the page's rows themselves are always read fresh)."""

from __future__ import annotations

import hashlib
from functools import cached_property

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .. import permissions
from .models import TargetTableRecord

SECONDS = 60
GENERATION = "jixiao:portfolio:generation"  # raised by every store: the older entries are no longer asked for


def _key(user, what: str) -> str:
    role = permissions.role_of(user)
    profile = getattr(user, "profile", None)
    generation = cache.get_or_set(GENERATION, 0, None)
    digest = hashlib.sha1(what.encode()).hexdigest()[:16]
    return f"jixiao:portfolio:{generation}:{role}:{getattr(profile, 'department_id', None)}:{digest}"


def portfolio_years(user) -> list[int]:
    """The years of the tables `user` may see, newest first."""
    key = _key(user, "years")
    years = cache.get(key)
    if years is None:
        years = list(permissions.visible_tables(user, TargetTableRecord.objects.all()).values_list("year", flat=True).distinct().order_by("-year"))
        cache.set(key, years, SECONDS)
    return years


def matching(user, filters: dict, queryset) -> int:
    """The number of tables of `queryset` (the portfolio's filtered rows for `user`, `filters` their values)."""
    key = _key(user, f"count:{sorted(filters.items())!r}")
    found = cache.get(key)
    if found is None:
        found = queryset.count()
        cache.set(key, found, SECONDS)
    return found


class CountedPaginator(Paginator):
    """A Paginator told its count (by `matching`) instead of asking the database."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self._known = count

    @cached_property
    def count(self) -> int:
        return self._known


@receiver(post_save, sender=TargetTableRecord)
@receiver(post_delete, sender=TargetTableRecord)
def _forget(**_kwargs) -> None:
    try:
        cache.incr(GENERATION)
    except ValueError:  # not set yet (or culled): nothing is kept under it
        cache.set(GENERATION, 1, None)
