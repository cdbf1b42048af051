"""Numbers as the official forms print them (`forms.numbers`), the same in the template filters, the
edit form (a figure shown and typed back is the same number) and the form writers."""

from __future__ import annotations

import io

import openpyxl
from hypothesis import given
from hypothesis import strategies as st

from jixiao.forms import numbers, render
from jixiao.ingest import read_table

AMOUNTS = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False).map(float)


def test_amounts_counts_and_rates_as_printed():
    assert numbers.money(1767.72) == "1,767.72" and numbers.money(7840000) == "7,840,000.00" and numbers.money(None) == ""
    assert numbers.figure(1767.72, "万元") == "1,767.72 万元" and numbers.figure(7840000.0, "元") == "7,840,000.00 元"
    assert numbers.figure(6400, "人") == "6,400 人" and numbers.figure(33) == "33" and numbers.figure(None, "万元") == ""
    assert numbers.count(2.5) == "2.50" and numbers.count(1234.0) == "1,234"
    assert numbers.percent(0.5806) == "58.06%" and numbers.percent(0.581, 1) == "58.1%" and numbers.percent(None) == ""
    assert numbers.in_unit(7840000.0, "万元") == "784.00" and numbers.in_unit(5000.0, None) == "5,000.00" and numbers.in_unit(5.0, "人") == "5.00元"


def test_places_keep_every_stored_decimal():
    assert numbers.places(1767.72) == 2 and numbers.places(1767.725) == 3 and numbers.places(500.0) == 2 and numbers.places(3) == 2
    assert numbers.money(1767.725, numbers.places(1767.725)) == "1,767.725"


@given(AMOUNTS)
def test_a_figure_shown_in_the_edit_form_reads_back_as_the_same_number(value):
    from jixiao.web.tables.forms import parse_number
    from jixiao.web.tables.merge import figure_text

    errors: list[str] = []
    assert parse_number(figure_text(value), "基本支出", errors) == value and not errors


@given(st.integers(min_value=0, max_value=10**7))
def test_a_count_shown_in_the_edit_form_reads_back(value):
    from jixiao.web.tables.forms import parse_number
    from jixiao.web.tables.merge import figure_text

    errors: list[str] = []
    assert parse_number(figure_text(value), "财政供养人员数", errors, integer=True) == value and not errors


def test_the_template_filters_are_the_forms_formatting():
    from django.template import Context, Template

    from jixiao.domain.table import Amount

    html = Template('{% load jixiao %}{{ a|figure:"万元" }}|{{ b|figure:"元" }}|{{ r|percent }}|{{ m|money }}|{{ none|figure:"万元" }}|'
                    '{{ f|amount:"万元" }}|{{ t|amount:"万元" }}|{{ "基本支出"|unit_suffix }}|{{ "三级指标"|unit_suffix }}|{{ n|count }}|{{ zero|count }}').render(Context({
                        "a": 1767.72, "b": 7840000.0, "r": 0.581, "m": 2406.86, "none": None,
                        "f": Amount(text="784", yuan=7840000.0), "t": Amount(text="待定"), "n": 1234, "zero": 0}))
    assert html == "1,767.72 万元|7,840,000.00 元|58.10%|2,406.86||784.00 万元|待定|（万元）||1,234|0"


def test_the_official_xlsx_keeps_numbers_with_the_same_format(example_path):
    table = read_table(example_path)
    sheet = openpyxl.load_workbook(io.BytesIO(render(table, "xlsx"))).worksheets[0]
    formats = {c.value: c.number_format for row in sheet.iter_rows() for c in row if isinstance(c.value, int | float)}
    assert formats[1767.72] == numbers.XLSX_MONEY and formats[7840000] == numbers.XLSX_MONEY
    html = render(table, "html").decode()
    assert "1,767.72" in html and "7,840,000.00" in html
