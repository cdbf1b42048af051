"""The portfolio's and a table's indicator rows built in Python (`grid_html`): whatever text a table holds
(markup characters, quotes, ampersands, Chinese), every cell shows it as text — escaped, never markup —
and the grid keeps its shape (one `<tr>` per row, merged level-1/level-2 cells, findings at their row)."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.problem import Problem, Severity
from jixiao.domain.table import Indicator
from jixiao.web.tables import grid_html
from jixiao.web.tables.models import Department, Kind, Status, TargetTableRecord
from jixiao.web.tables.presentation import indicator_rows
from jixiao.web.tables.problems import shown

# text as tables hold it, with the characters markup is made of
TEXT = st.text(alphabet=st.sampled_from(list("<>&\"'/=培训人次≥95%元 ab")), min_size=1, max_size=12).filter(str.strip)


class Cells(HTMLParser):
    """The rows of a grid: per `<tr>`, its cells' texts and attributes; every start tag seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, dict]]] = []
        self.tags: list[str] = []
        self._cell: list[str] | None = None
        self._attrs: dict = {}

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell, self._attrs = [], dict(attrs)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(("".join(self._cell), self._attrs))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parsed(html: str) -> Cells:
    cells = Cells()
    cells.feed(f"<table>{html}</table>")
    return cells


@settings(max_examples=60, deadline=None)  # the first example loads the scoring scheme the 信号灯 reads
@given(rows=st.lists(st.tuples(TEXT, TEXT, st.sampled_from(list(Kind.values)), st.booleans()), min_size=1, max_size=6))
def test_portfolio_rows_show_every_name_as_text(rows):
    records = []
    for n, (unit, label, kind, internal) in enumerate(rows, 1):
        record = TargetTableRecord(pk=n, department=Department(pk=n, name=unit), year=2025, kind=kind, label=label,
                                   status=Status.SUBMITTED, indicator_count=1200 + n, not_applicable_count=n % 2,
                                   review_grade="良", score=None, audit_disagreements=n % 3 or None,
                                   updated=dt.datetime(2025, 3, n, 8, 30, tzinfo=dt.UTC))
        records.append((record, internal))
    for record, internal in records:
        html = grid_html.portfolio_rows([record], internal)
        grid = parsed(html)
        assert set(grid.tags) <= {"table", "tr", "td", "span", "a", "small"}, "no markup from the table's text"
        (row,) = grid.rows
        texts = [text for text, _ in row]
        assert len(row) == 11
        assert texts[1] == record.department.name and texts[2] == "2025"
        assert texts[4].startswith("—" if record.kind == Kind.DEPARTMENT else record.label)
        assert texts[6].startswith(f"{record.indicator_count:,}")
        assert texts[7] == ("良" if internal else "—")
        assert texts[10] == f"2025-03-{record.pk:02d} 16:30"  # Asia/Shanghai, as the template's date filter showed it
        assert ('<span class="light ' in html) == internal  # the 信号灯 only for those who see the review


@settings(max_examples=60, deadline=None)
@given(names=st.lists(TEXT, min_size=1, max_size=8, unique=True), value=TEXT, message=TEXT, readonly=st.booleans(),
       groups=st.lists(st.sampled_from(["数量指标", "质量指标", "时效指标"]), min_size=8, max_size=8))
def test_indicator_rows_keep_their_text_their_merges_and_their_findings(names, value, message, readonly, groups):
    indicators = [Indicator(level1="产出指标", level2=sorted(groups[: len(names)])[n], name=name, annual_value=value, explanation=value)
                  for n, name in enumerate(names)]
    finding = Problem(code="IND-001", message=message, severity=Severity.WARNING, row=len(names) - 1, suggestion=message)
    rows = indicator_rows(indicators, shown([finding], None))
    grid = parsed(grid_html.indicator_rows(rows, explanations=True, readonly=readonly, can_review=True))
    assert set(grid.tags) <= {"table", "tr", "th", "td", "div", "span", "textarea"}, "no markup from the table's text"
    assert len(grid.rows) == len(names)
    level1 = [cell for row in grid.rows for cell in row if cell[0] == "产出指标"]
    assert len(level1) == 1 and level1[0][1]["rowspan"] == str(len(names))  # one merged level-1 cell
    spans = sum(int(attrs["rowspan"]) for row in grid.rows for text, attrs in row if "rowspan" in attrs and text != "产出指标")
    assert spans == len(names)  # the level-2 merges cover every row once
    for row, name in zip(grid.rows, names, strict=True):
        texts = [text for text, attrs in row if "rowspan" not in attrs]
        assert texts[:4] == [name, "", value, value]
        assert len(texts) == (4 if readonly else 5)
    if not readonly:
        last = [text for text, attrs in grid.rows[-1] if "rowspan" not in attrs][-1]
        assert message in last and f"建议：{message}" in last
    group = parsed(grid_html.grouped_rows(rows[-1].findings))
    assert set(group.tags) <= {"table", "tr", "td"}
    assert [text for text, _ in group.rows[0]] == ["整张表", "警告", "", message, message]  # not placed: no table was given
