"""read(render(block, layout)) == block: every text layout of a generated indicator block reads back.

Self-evaluation blocks (`selfeval_blocks`) are read back the same way in their own layouts.
The blocks come from the framework's groups and realistic names and values (`documents_support.POOL`);
the layouts from `layout_render` (separators, merged labels at the top or middle of their group,
header variants, look-alike operators, traditional characters with pinyin glosses). Rows compare in
their plain form: level codes, the name and the value with spaces, glosses and look-alike operators
folded, as the reader compares them.
"""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from layout_render import (
    SELFEVAL_COLUMNS,
    SELFEVAL_SEPARATORS,
    Layout,
    SelfEvalLayout,
    blocks,
    layouts,
    render,
    render_selfeval,
    selfeval_blocks,
)

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


@st.composite
def selfeval_cases(draw):
    """A self-evaluation block and a layout it can be printed in: every separator with its header; the
    fused text also without its header (a fragment) and wrapped with page markers."""
    sep = draw(st.sampled_from(SELFEVAL_SEPARATORS))
    # one number a row needs its empty cells kept (pipes) or the value grammar (fused): where spaces or
    # line breaks swallow them, a row's end cannot be told from the next row's name
    columns = draw(st.sampled_from([c for c in SELFEVAL_COLUMNS if sep in ("pipe", "fused") or c != "weight_only"]))
    fused = sep == "fused"
    layout = SelfEvalLayout(sep=sep, columns=columns, header=draw(st.booleans()) if fused else True, markers=fused and draw(st.booleans()))
    rows = draw(selfeval_blocks(columns))
    assume(layout.header or len(rows) >= 2)  # a fragment of one row without its header tells nothing of its columns
    # without a header, a 分值 fused before a target that begins with a digit (5|120台) reads as well as a
    # target of its own (5120台, no 分值): some row must begin its target otherwise (≥95%) to show the order
    assume(layout.header or columns != "weight_first" or any(not str(r[3])[:1].isdigit() for r in rows))
    return rows, layout


def _selfeval_key(level1, level2, name, target, actual, weight, score):
    return (framework.level2_code(level2, level1), name, target, actual, weight, score)


@settings(max_examples=150, deadline=None)
@given(case=selfeval_cases())
def test_every_self_evaluation_layout_reads_back(case):
    """read(render(rows, layout)) == rows for self-evaluations: separators, 分值 before or after the values,
    one number a row (分值 only), no separators at all, the header lost, page markers inside cells."""
    rows, layout = case
    text = render_selfeval(rows, layout)
    table = read_document_bytes(text.encode("utf-8"), "selfeval.txt").tables[0]
    got = [_selfeval_key(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in table.indicators]
    assert table.kind == "selfeval" and got == [_selfeval_key(*r) for r in rows], text
    assert not any(i.needs_review for i in table.indicators), [i.review_reasons for i in table.indicators]  # read right, and sure of it
