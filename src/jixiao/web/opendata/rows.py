"""One published table as open-data rows: its line in `tables` and its indicators with typed values."""

from __future__ import annotations

from decimal import Decimal

from ...domain.table import KIND_LABELS, Indicator, Table
from ...domain.value_words import number_value
from ..tables.models import TargetTableRecord


def table_row(record: TargetTableRecord) -> dict:
    return {
        "table_id": record.pk, "department": record.department.name, "region": record.department.region, "year": record.year,
        "kind": record.kind, "kind_label": KIND_LABELS.get(record.kind, record.kind), "title": record.label, "project_code": record.project_code,
        "fill_status": record.fill_status, "indicator_count": record.indicator_count, "not_applicable_count": record.not_applicable_count,
        "review_grade": record.review_grade, "score": record.score, "audit_disagreements": record.audit_disagreements,
        "audit_points": record.audit_points, "version": record.version, "updated": record.updated,
    }


def indicator_rows(record: TargetTableRecord, table: Table) -> list[dict]:
    return [{"table_id": record.pk, "position": k, **_indicator(i)} for k, i in enumerate(table.indicators, 1)]


def _indicator(i: Indicator) -> dict:
    value = i.target_value
    return {
        "level1": i.level1, "level2": i.level2, "name": i.name, "period_value": i.period_value,
        "annual_value": i.target if i.target is not None and i.target.strip() else i.annual_value,
        **_typed(value), "weight": i.weight, "actual": i.actual, "published_score": i.score,
    }


def _typed(value) -> dict:
    """The parsed target's kind, comparator, number, bounds (in its written unit), unit and direction."""
    if value is None:
        return {"value_kind": None, "comparator": None, "number": None, "low": None, "high": None, "unit": None, "direction": None}
    number = low = high = None
    unit = None
    if value.kind in ("quantity", "score") and value.value is not None:
        number = _float(value.value)
        low = number if value.low() is not None else None
        high = number if value.high() is not None else None
        unit = value.unit_text or None
    elif value.kind == "range":
        low, high = _float(number_value(value.low_number)), _float(number_value(value.high_number))
        unit = value.unit_text or None
    comparator = getattr(value, "comparator", None)
    direction = getattr(value, "direction", None)
    return {"value_kind": value.kind, "comparator": str(comparator) if comparator else None, "number": number, "low": low, "high": high,
            "unit": unit, "direction": str(direction) if direction else None}


def _float(number: Decimal | None) -> float | None:
    return None if number is None else float(number)
