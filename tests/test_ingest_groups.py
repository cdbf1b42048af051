"""Groups decided by content where the text lost them: a label printed after unlabelled rows, 成本指标
standing where the block's level-2 labels stand, two-level headers, a row the text ends inside."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.ingest import read_document_bytes


def _read(text: str):
    return read_document_bytes(text.encode("utf-8"), "t.txt").tables[0]


HEAD = "项目名称 | 养殖场建设项目 |\n绩效指标 |\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n"

COUNTS = ["新增特色产业数量 | ≥1个 |", "建设养殖场数量 | ≥2个 |", "养殖动物成活率 | ≥95% |", "工程验收合格率 | 100% |"]
TIMES = ["时效指标 | 开工时限 | 2021年7月 |", "竣工时限 | 2021年9月 |"]


@settings(max_examples=20, deadline=None)
@given(rows=st.lists(st.sampled_from(COUNTS), min_size=2, max_size=4, unique=True))
def test_rows_whose_label_was_lost_do_not_take_a_later_group_they_contradict(rows):
    table = _read(HEAD + "\n".join(rows + TIMES) + "\n")
    groups = {i.name: (i.level1, i.level2) for i in table.indicators}
    for row in rows:
        name = row.split(" | ")[0]
        assert groups[name] == (None, None)  # counts and rates are no 时效 indicators: no group rather than a wrong one
        assert next(i for i in table.indicators if i.name == name).needs_review
    assert groups["开工时限"][1] == groups["竣工时限"][1] == "时效指标"


def test_a_label_printed_in_the_middle_of_its_group_still_covers_the_rows_above():
    text = HEAD + "培训人数 | 200人 |\n数量指标 | 培训场次 | 10场 |\n发放资料 | 500份 |\n"
    table = _read(text)
    assert [(i.level2, i.name) for i in table.indicators] == [("数量指标", "培训人数"), ("数量指标", "培训场次"), ("数量指标", "发放资料")]


def test_cost_where_the_level2_labels_stand_is_the_older_frameworks_level2():
    text = HEAD + "\n".join(TIMES) + "\n成本指标 | 打井、配电 | 50000元 |\n围墙300米 | 300元/米 |\n"
    table = _read(text)
    cost = [i for i in table.indicators if i.name in ("打井、配电", "围墙300米")]
    assert [(i.level1, i.level2, i.level2_code) for i in cost] == [("产出指标", "成本指标", "output.cost")] * 2


def test_cost_in_the_level1_column_stays_a_level1_group():
    text = "\t一级指标\t二级指标\t三级指标\t年度指标值\n\t产出指标\t数量指标\t培训人数\t200人\n\t成本指标\t经济成本指标\t人均培训成本\t≤500元/人\n"
    table = _read(text)
    assert [(i.level1, i.level2) for i in table.indicators] == [("产出指标", "数量指标"), ("成本指标", "经济成本指标")]


TWO_LEVEL = (
    "一级指标 |\n二级指标 |\n分值 |\n指标内容 |\n指标值 |\n评分细则 |\n"
    "投入指标 |\n资金到位率 |\n5 |\n资金到位率=(实际到位资金/计划投入资金)×100%。 |\n资金到位率达100% |\n到位率100%得5分,每少10个百分点扣1分。 |\n"
    "过程指标 |\n资金专项核算 |\n5 |\n资金是否专款专用,专项核算。 |\n专款专用,专项核算 |\n专款专用得2分,专项核算得3分。 |\n"
)


def test_a_two_level_header_reads_names_from_the_level2_column():
    table = _read(TWO_LEVEL)
    assert [(i.level1, i.level2, i.name, i.annual_value, i.weight) for i in table.indicators] == [
        ("投入指标", None, "资金到位率", "资金到位率达100%", 5.0),
        ("过程指标", None, "资金专项核算", "专款专用,专项核算", 5.0),
    ]
    assert table.indicators[0].explanation.startswith("资金到位率=")
    assert table.indicators[0].level1_code == "input"


def test_a_row_the_text_ends_inside_is_doubted():
    table = _read(TWO_LEVEL + "过程指标 |\n资金使用合规性 |\n10 |\n①是否符合国家财经法规; |\n②资金的拨付是否有 |\n")
    last = table.indicators[-1]
    assert last.name == "资金使用合规性"
    assert last.needs_review and any("截断" in r for r in last.review_reasons)
    assert not table.indicators[0].needs_review


FUSED_HEAD = "绩效目标一级指标二级指标三级指标指标解释预期达到目标\n"


@settings(max_examples=30, deadline=None)
@given(
    subject=st.sampled_from(["技术指导服务", "党建任务", "农技培训", "档案整理"]),
    measure=st.sampled_from(["数量", "完成率", "覆盖率", "合格率"]),
    context=st.sampled_from(["对生产种植企业", "上级要求完成的", "全年开展的"]),
    value=st.sampled_from(["10家", "100%", "≥95%"]),
)
def test_a_fused_name_and_explanation_are_cut_where_the_measure_repeats(subject, measure, context, value):
    name = subject + measure
    text = FUSED_HEAD + f"产出指标数量指标{name}{context}{subject}{measure}\n{value}\n培训人数培训人数\n200人\n"
    table = _read(text)
    first, second = table.indicators
    assert (first.name, first.annual_value, first.explanation) == (name, value, f"{context}{subject}{measure}")
    assert (second.name, second.annual_value) == ("培训人数", "200人")
    assert not first.needs_review


def test_a_long_fused_name_that_cannot_be_cut_is_doubted():
    table = _read(FUSED_HEAD + "产出指标数量指标消化利用农作物秸秆数量建立秸秆综合利用点\n5个\n")
    row = table.indicators[0]
    assert row.annual_value == "5个" and row.needs_review
    assert any("指标解释" in r for r in row.review_reasons)


def test_a_table_fused_into_one_line_with_facts_and_explanations():
    line = (
        "某市2022年市直部门预算项目支出绩效目标表项目名称办公大楼运行保障项目类别本级支出项目"
        "绩效指标一级指标二级指标绩效标准当年预期实现值数量指标办公大楼维修维护次数反映全年维修维护情况2280次"
        "大楼安检巡察次数反映大楼保卫巡检情况200次质量指标设备更新验收合格率反映设备更新验收情况≥92%成本指标成本控制率不超预算"
    )
    table = _read(line + "\n")
    assert table.kind == "project_target" and table.project.name == "办公大楼运行保障"
    got = [(i.level2, i.name, i.explanation, i.annual_value) for i in table.indicators]
    assert got == [
        ("数量指标", "办公大楼维修维护次数", "反映全年维修维护情况", "2280次"),
        ("数量指标", "大楼安检巡察次数", "反映大楼保卫巡检情况", "200次"),
        ("质量指标", "设备更新验收合格率", "反映设备更新验收情况", "≥92%"),
        ("成本指标", "成本控制率", None, "不超预算"),
    ]
    assert all("level1" not in i.sources for i in table.indicators)  # 产出指标 is implied, never printed
    sure, words = table.indicators[:3], table.indicators[3]
    assert not any(i.needs_review for i in sure)
    assert words.needs_review  # a value in words cut from a fused line: its boundary is a guess


HUNAN_HEAD = "绩效指标 |\n一级指标 | 二级指标 | 三级指标 | 指标值类型 | *指标值 | 计量单位 | *指标解释 | *评(扣)分标准 | 备注 |\n"


@given(value=st.sampled_from(["按月安排", "及时到位", "按季度", "应保尽保"]))
@settings(max_examples=10, deadline=None)
def test_a_word_value_is_not_taken_for_a_missing_unit(value):
    text = HUNAN_HEAD + f"产出指标 | 时效指标 | 工作安排时间 | 定性 | {value} | 该指标主要考察工作安排时间 | 未达指标值酌情扣分 | |\n"
    row = _read(text).indicators[0]
    assert (row.name, row.annual_value, row.unit) == ("工作安排时间", value, None)


def test_a_second_level2_label_in_a_row_is_the_rows_name():
    text = HUNAN_HEAD + (
        "产出指标 | 数量指标 | 工作支出安排金额 | 定量 | 28.8 | 万元 | 该指标主要考察支出安排 | 未达指标值酌情扣分 | |\n"
        "时效指标 | 支出安排时间 | 定量 | 12月底前 | | 该指标主要考察安排时间 | 未达指标值酌情扣分 | |\n"
        "成本指标 | 社会成本指标 | 定量 | 100 | % | 该指标主要考察总成本控制情况 | 未达指标值酌情扣分 | |\n"
    )  # level-1 printed once: the rows below stand one column left, level-2 labels in the first column
    rows = _read(text).indicators
    assert [(i.level2, i.name, i.annual_value, i.unit) for i in rows] == [
        ("数量指标", "工作支出安排金额", "28.8", "万元"),
        ("时效指标", "支出安排时间", "12月底前", None),
        ("成本指标", "社会成本指标", "100", "%"),
    ]


def test_a_fused_line_in_traditional_characters_keeps_its_cells_as_printed():
    line = "2023年度項(xiàng)目支出績效目標(biāo)表一級指標(biāo)二級指標(biāo)三級指標(biāo)指標(biāo)值產出指標(biāo)數量指標(biāo)培訓人數≧200人質量指標(biāo)驗收合格率100%"
    table = _read(line + "\n")
    got = [(i.level2, i.name, i.annual_value) for i in table.indicators]
    assert got == [("數量指標(biāo)", "培訓人數", "≧200人"), ("質量指標(biāo)", "驗收合格率", "100%")]
    assert [i.level2_code for i in table.indicators] == ["output.quantity", "output.quality"]
    assert all(i.name in line and i.annual_value in line for i in table.indicators)  # traceable to the printed text


def test_a_monitoring_form_with_a_wrapped_header_and_no_level2_column():
    text = (
        "2019年项目支出绩效运行监控表 |\n"
        "绩效指标 | 一级 指标 | 指标名称 | 指标值 |\n半年度 指标执行情况 |\n完成目标可能性(确定能、有可能、不可能) | 备注 |\n"
        "产 出 指 标 |\n质量 | |||||\n成本 | 年度预算220万元 | 按进度执行,已使用约40% | 确定能 | |||\n"
        "效 益 指 标 |\n社会效益 | 受益群众满意 | 满意度达到92% | 有可能 | |||\n"
        "偏差或不能完成目标原因分析 | ||||||\n相关建议或举措 | ||||||\n"
    )
    table = _read(text)
    assert table.kind == "monitor"
    got = [(i.level1_code, i.name, i.annual_value, i.actual, i.likelihood) for i in table.indicators]
    assert got == [("output", "成本", "年度预算220万元", "按进度执行,已使用约40%", "确定能"), ("effect", "社会效益", "受益群众满意", "满意度达到92%", "有可能")]
    assert [g.level2 for g in table.empty_level2] == ["质量"]  # the template's row left empty is no indicator
