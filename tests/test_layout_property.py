"""read(render(block, layout)) == block: every text layout of a generated indicator block reads back.

The blocks come from the framework's groups and realistic names and values (`documents_support.POOL`);
the layouts from `layout_render` (separators, merged labels at the top or middle of their group,
header variants, look-alike operators, traditional characters with pinyin glosses). Rows compare in
their plain form: level codes, the name and the value with spaces, glosses and look-alike operators
folded, as the reader compares them.
"""

from __future__ import annotations

from hypothesis import given, settings
from layout_render import Layout, blocks, layouts, render

from jixiao.domain import framework
from jixiao.domain.script import plain
from jixiao.ingest import read_document_bytes


def _key(level1, level2, name, value):
    return (framework.level1_code(level1), framework.level2_code(level2, level1), plain(name), plain(value or ""))


def read_back(rows, layout: Layout):
    table = read_document_bytes(render(rows, layout).encode("utf-8"), "layout.txt").tables[0]
    return [_key(i.level1, i.level2, i.name, i.annual_value or i.period_value) for i in table.indicators], table


@settings(max_examples=150, deadline=None)
@given(rows=blocks(), layout=layouts)
def test_every_text_layout_reads_back(rows, layout):
    got, table = read_back(rows, layout)
    assert got == [_key(*r) for r in rows], render(rows, layout)
    # rows are confident where every label is printed, except values in words cut from a fused line
    assert not any(i.needs_review for i in table.indicators) or layout.labels != "every" or layout.sep == "fused"
