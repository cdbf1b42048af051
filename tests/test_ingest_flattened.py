"""Indicator blocks flattened without cell separators are rebuilt into rows (tiny inline tables)."""

from __future__ import annotations

from jixiao.ingest import read_bytes


def _rows(text: str) -> list[tuple]:
    table = read_bytes(text.encode("utf-8"), "flat.txt")
    return [(i.level1, i.level2, i.name, i.period_value, i.annual_value) for i in table.indicators]


def test_one_cell_per_line():
    text = "项目名称\n甲项目\n绩效指标\n一级指标 |\n二级指标 |\n三级指标 |\n指标值 |\n|||\n产出指标 |\n数量指标 |\n修路 |\n2公里 |\n||||\n建桥 |\n1座 |\n成本指标\n补助标准\n≤120万元\n效益指标\n社会效益\n指标\n受益人数\n≥500人\n注：本表由项目单位填报\n"
    assert _rows(text) == [
        ("产出指标", "数量指标", "修路", None, "2公里"),
        ("产出指标", "数量指标", "建桥", None, "1座"),
        ("产出指标", "成本指标", "补助标准", None, "≤120万元"),  # 成本指标 under 产出指标: the older framework's level-2
        ("效益指标", "社会效益指标", "受益人数", None, "≥500人"),  # a label wrapped onto a second line
    ]


def test_space_separated_rows_with_template_prefixes():
    text = "项目名称 甲项目\n绩效指标 一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 指标1:修路 (含 桥梁) 2公里\n质量指标 指标1:验收合格率 100%\n满意度指标 服务对象满意度指标 指标1:群众满意度 ≥90%\n注: 说明文字\n"
    assert _rows(text) == [
        ("产出指标", "数量指标", "修路 (含 桥梁)", None, "2公里"),
        ("产出指标", "质量指标", "验收合格率", None, "100%"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", None, "≥90%"),
    ]


def test_fused_rows_with_the_value_on_the_next_line():
    text = "部门名称甲单位\n绩效目标一级指标二级指标三级指标指标解释预期达到目标\n产出指标数量指标修路数量修路数量\n2公里\n建桥数量说明文字\n1座\n质量指标验收合格率验收合格率\n100%\n"
    assert _rows(text) == [
        ("产出指标", "数量指标", "修路数量", None, "2公里"),  # the explanation repeats the name
        ("产出指标", "数量指标", "建桥数量说明文字", None, "1座"),  # where it does not, the boundary is not guessed
        ("产出指标", "质量指标", "验收合格率", None, "100%"),
    ]
