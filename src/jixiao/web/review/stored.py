"""Reviews kept with each table version (`StoredReview`): a page reads the report of the current version
and checklist; only a version or checklist not reviewed yet runs the review, once.

The key is the table, its document version and the checklist's fingerprint: its name, a hash of its
settings and the jixiao release (so a changed TOML file or new rules review again).
"""

from __future__ import annotations

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction

from ... import __version__
from ...domain.table import Table
from ...review import ReviewConfig
from ...review.engine import Report
from .. import engines
from .models import StoredReview


def fingerprint(config: ReviewConfig) -> str:
    digest = hashlib.sha256(json.dumps(config.data, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()[:16]
    return f"{config.name[:150]}@{digest}@{__version__}"


def stored_report(record, table: Table | None, config: ReviewConfig, kept: dict | None = None) -> Report:
    """The review of `record`'s current version with `config`: read back when kept, else run and kept.
    `kept`: the reports `kept_reports` read for many records at once (saves a query per record)."""
    key = fingerprint(config)
    if kept is not None:
        found = kept.get((record.pk, record.version, key))
    else:
        found = StoredReview.objects.filter(table=record, version=record.version, checklist=key).values_list("report", flat=True).first()
    if found is not None:
        return Report.from_dict(json.loads(found))
    if table is None:
        from ..tables import mapping

        table = mapping.to_domain(record)
    report = engines.review_report(table, config)
    try:
        with transaction.atomic():  # a savepoint: two requests reviewing the same version at once keep one
            StoredReview.objects.create(table=record, version=record.version, checklist=key,
                                        report=json.dumps(report.to_dict(), ensure_ascii=False, cls=DjangoJSONEncoder))
    except IntegrityError:
        pass
    return report


def kept_reports(records) -> dict[tuple[int, int, str], str]:
    """The kept reports of the current versions of `records`, by (table, version, fingerprint): one query."""
    versions = {r.pk: r.version for r in records}
    rows = StoredReview.objects.filter(table_id__in=versions).values_list("table_id", "version", "checklist", "report")
    return {(t, v, c): report for t, v, c, report in rows if versions.get(t) == v}
