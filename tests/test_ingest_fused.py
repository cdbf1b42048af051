"""Tables printed without separators, and fragments printed without their header.

`fused.segment` cuts a fused indicator block by the header's columns, the framework labels and the
shape of values; a Hypothesis property renders generated rows fused and reads them back. A fragment
without its header is read with the known form template that explains it best.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.ingest import read_document_bytes
from jixiao.ingest.fused import FusedRow, segment
from jixiao.ingest.selfeval import read_selfeval_text

COLUMNS = ["weight", "target", "actual", "score"]

FUSED = (
    "2024年度项目支出绩效自评表项目名称社区培训项目绩效指标一级指标二级指标三级指标分值年度指标值实际完成值得分偏差原因分析及改进措施"
    "产出指标(60分)数量指标培训人次20≥500人次520人次20质量指标培训合格率20100%98%18时效指标培训按期完成率20100%100%20"
    "满意度指标(30分)服务对象满意度指标学员满意度30≥90%92%30总分100"
)


def test_a_fused_self_evaluation_is_cut_into_its_rows():
    rows = read_selfeval_text(FUSED)
    got = [(r.level1, r.level2, r.name, r.target_text, r.actual, r.weight, r.score) for r in rows]
    assert got == [
        ("产出指标", "数量指标", "培训人次", "≥500人次", "520人次", 20, 20),
        ("产出指标", "质量指标", "培训合格率", "100%", "98%", 20, 18),
        ("产出指标", "时效指标", "培训按期完成率", "100%", "100%", 20, 20),
        ("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "92%", 30, 30),
    ]


def test_the_fused_document_is_a_confident_self_evaluation():
    table = read_document_bytes(FUSED.encode("utf-8"), "fused.txt").tables[0]
    assert table.kind == "selfeval" and [i.name for i in table.indicators] == ["培训人次", "培训合格率", "培训按期完成率", "学员满意度"]
    assert not any(i.needs_review for i in table.indicators), [i.review_reasons for i in table.indicators]


NAMES = ["培训人次", "新建道路长度", "项目(工程)验收合格率", "资金支付及时率", "受益群众人数", "设备完好率", "群众满意度", "宣传活动场次"]
UNITS = ["人", "人次", "公里", "个", "场", "%", "万元", "亩"]


@st.composite
def fused_rows(draw):
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True))
    rows = []
    for name in names:
        weight = draw(st.sampled_from([5, 10, 15, 20, 25, 30]))
        op = draw(st.sampled_from(["", "≥", "≤", "="]))
        number = draw(st.integers(min_value=1, max_value=99999))
        unit = draw(st.sampled_from(UNITS))
        target = f"{op}{number}{unit}"
        actual = draw(st.sampled_from([target, f"{number + draw(st.integers(1, 50))}{unit}"]))
        score = draw(st.integers(min_value=0, max_value=weight))
        rows.append(FusedRow("产出指标", "数量指标", name, {"weight": str(weight), "target": target, "actual": actual, "score": str(score)}))
    return rows


@settings(max_examples=60, deadline=None)
@given(rows=fused_rows())
def test_generated_rows_fused_read_back(rows):
    text = "产出指标数量指标" + "".join(r.name + "".join(r.cells[c] for c in COLUMNS) for r in rows)
    assert segment(text, COLUMNS) == rows


FRAGMENT = """培训合格率 | = | 100 | % | 98 | 10 | 9 |
|
| |||
满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥ | 90 | % | 92 | 10 | 10 |
|
| |||
"""


def test_a_fragment_without_its_header_is_read_with_the_template_that_fits():
    rows = read_selfeval_text(FRAGMENT)
    got = [(r.name, r.target_op, r.target, r.target_unit, r.actual, r.weight, r.score) for r in rows]
    assert got == [("培训合格率", "=", "100", "%", "98", 10, 9), ("学员满意度", "≥", "90", "%", "92", 10, 10)]


def test_prose_is_not_read_as_a_headerless_table():
    prose = "根据年度工作安排，我局完成了培训任务。\n培训 500 人次，合格率 98%。\n群众满意度较高。\n"
    assert read_selfeval_text(prose) == []
