"""同批导入汇总: the tables imported together from one file (one upload, `TargetTableRecord.batch`) ×
the checklist items (审核细项) their review hits — the page and `GET /api/batches/{id}/summary`.

Each table is reviewed with its department's checklist, as on its own page. The criteria are the
checklist's items in the checklist's order (those hit by any table); under a configuration without a
checklist (the 88号 default) they are the rule codes. A user sees the batch's tables they may see
(`permissions.can_view`, as everywhere); a batch with none of them visible is refused.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import engines, permissions
from ..tables import mapping
from ..tables.models import TargetTableRecord
from ..tables.services import Refused
from ..tables.views import refused
from .stored import kept_reports, stored_report


@dataclass
class Row:
    record: TargetTableRecord
    sheet: str
    grade: str
    findings: int
    items: Counter = field(default_factory=Counter)  # criterion → number of findings


@dataclass
class Summary:
    batch: uuid.UUID
    source_file: str
    checklist: str  # the configuration's name: a locality's (songgang-2023), a file, or "default"
    checklist_label: str
    rows: list[Row]
    columns: list[str]  # the criteria hit by any table, in the checklist's order
    totals: Counter

    def cells(self) -> list[tuple[Row, list[int]]]:
        return [(r, [r.items.get(c, 0) for c in self.columns]) for r in self.rows]

    def footer(self) -> list[tuple[str, int, int]]:
        """Per criterion: its name, its number of findings and the number of tables it hits."""
        return [(c, self.totals[c], sum(1 for r in self.rows if r.items.get(c))) for c in self.columns]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_file": self.source_file,
            "checklist": self.checklist,
            "tables": [{
                "id": r.record.pk, "sheet": r.sheet,
                "project": {"code": r.record.project_code, "name": r.record.label},
                "grade": r.grade, "findings": r.findings,
                "items": {c: r.items[c] for c in self.columns if r.items.get(c)},
            } for r in self.rows],
            "totals": {c: self.totals[c] for c in self.columns},
        }


def criterion(finding, has_checklist: bool) -> str | None:
    """What a finding counts under: its checklist item; the rule code when the configuration has no checklist."""
    if has_checklist:
        return finding.checklist_item or None
    return finding.code


def summarize(user, batch: uuid.UUID) -> Summary:
    """The batch's matrix for `user`; Refused (404 no such batch, 403 none visible, 409 unknown checklist)."""
    records = list(TargetTableRecord.objects.filter(batch=batch).select_related("department").order_by("id"))
    if not records:
        raise Refused("没有该导入批次", 404)
    visible = [r for r in records if permissions.can_see_review(user, r)]
    if not visible:
        raise Refused("您无权查看该导入批次的目标表", 403)
    configs: dict[int, Any] = {}
    rows = []
    kept = kept_reports(visible)
    for record in visible:
        if record.department_id not in configs:
            try:
                configs[record.department_id] = engines.review_config(record.department)
            except engines.ChecklistError as error:
                raise Refused(error.message, 409) from None
        config = configs[record.department_id]
        table = mapping.to_domain(record)
        report = stored_report(record, table, config, kept)
        has_checklist = bool(engines.checklist_items(config))
        items = Counter(c for f in report.findings if (c := criterion(f, has_checklist)) is not None)
        rows.append(Row(record, table.locator.sheet or "", engines.review_grade(table, report), len(report.findings), items))
    config = configs[visible[0].department_id]
    totals: Counter = Counter()
    for row in rows:
        totals.update(row.items)
    order = engines.checklist_items(config)
    columns = [c for c in order if totals[c]] + sorted(c for c in totals if c not in order)
    name = "default" if config is engines.default_config() else config.name
    return Summary(batch, visible[0].source_file, name, engines.checklist_label(config), rows, columns, totals)


@login_required
@require_GET
def batch_summary(request, batch: uuid.UUID):
    try:
        summary = summarize(request.user, batch)
    except Refused as error:
        return refused(request, error)
    return render(request, "review/batch.html", {"summary": summary})
