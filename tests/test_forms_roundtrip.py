"""Round trip: Table → official XLSX / DOCX / HTML → readers → the same Table."""

from __future__ import annotations

import pytest
from forms_support import content, tables
from hypothesis import HealthCheck, given, settings

from jixiao.forms import render
from jixiao.ingest import read_bytes

FORMATS = ("xlsx", "docx", "html")


@pytest.mark.parametrize("fmt", FORMATS)
def test_example_round_trips(example, fmt):
    again = read_bytes(render(example, fmt), f"example.{fmt}")
    assert content(again) == content(example)
    # a structured format settles the slot of a single value: no repair notes remain
    assert {n.code for n in again.notes} <= {"BLANK-CELL", "EMPTY-GROUP"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_example_values_trace_to_cells(example, fmt):
    again = read_bytes(render(example, fmt), f"example.{fmt}")
    for indicator in again.indicators:
        source = indicator.sources["name"]
        assert source.file == f"example.{fmt}" and source.line and source.column == 4


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=tables())
def test_generated_tables_round_trip(fmt, table):
    again = read_bytes(render(table, fmt), f"generated.{fmt}")
    assert content(again) == content(table)
