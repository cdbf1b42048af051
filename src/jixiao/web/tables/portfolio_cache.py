"""What the portfolio counts over every table, kept for a minute per kind of viewer: the years it offers
as a filter (instead of a `SELECT DISTINCT year` over 20,000 tables on each request), the number of
tables a filter matches (the paginator's `COUNT(*)`) and the latest import batches (a `GROUP BY` over
every imported table).

The cache is the site's shared one (`settings.CACHES`: files in the data directory, or Redis), so a table
stored or deleted by any process — a web worker, a background job — clears every process's copies at
once; a bulk write that sends no signal (the province demo's generator) shows within a minute. The
page's rows themselves are always read fresh."""

from __future__ import annotations

import hashlib
import uuid
from functools import cached_property

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .. import permissions
from .models import TargetTableRecord

SECONDS = 60
GENERATION = "jixiao:portfolio:generation"  # a new token at every store: the older entries are no longer asked for


def _key(user, what: str) -> str:
    role = permissions.role_of(user)
    profile = getattr(user, "profile", None)
    generation = cache.get(GENERATION)
    if generation is None:  # never set, or evicted: a fresh token, so no entry from before can match
        cache.add(GENERATION, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION)
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


def recent_batches(user, limit: int = 5) -> list[dict]:
    """The latest import batches with a table `user` may see: file, number of tables, when."""
    key = _key(user, f"batches:{limit}")
    batches = cache.get(key)
    if batches is None:
        qs = permissions.visible_tables(user, TargetTableRecord.objects.exclude(batch=None))
        batches = list(qs.values("batch", "source_file").annotate(tables=Count("id"), at=Max("created")).order_by("-at", "source_file")[:limit])
        cache.set(key, batches, SECONDS)
    return batches


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
    cache.set(GENERATION, uuid.uuid4().hex, None)
