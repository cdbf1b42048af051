"""Project facts (项目基本信息) as forms print them: beside, above or inside the cell of their label."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.ingest import read_bytes
from jixiao.ingest.grid import Cell, Row, Source
from jixiao.ingest.project import inline_pairs, match_label, read_project

INDICATORS = "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥700人\n满意度指标\t服务对象满意度指标\t学员满意度\t≥90%\n"


def _rows(*lines: list[str]) -> list[Row]:
    return [Row(cells=tuple(Cell(text=t, source=Source(file="t", line=n, column=c)) for c, t in enumerate(line, 1)), line=n) for n, line in enumerate(lines, 1)]


def test_labels_match_through_colons_notes_and_prefixes():
    label = match_label("项目总金额（中期规划，万元）：")
    assert label is not None and (label.key, label.unit) == ("funds.total.mid", "万元")
    assert match_label("其中：财政资金").key == "funds.fiscal"
    assert match_label("一级预算单位：").key == "department"
    assert match_label("申请单位").key == "unit"
    assert match_label("社区工作站经费") is None


def test_values_beside_below_and_in_the_label_cell():
    project = read_project(_rows(
        ["项目名称：", "社区工作站经费", "", "项目编码：", "440306231391500000191"],
        ["主管部门 县财政局 实施单位 开发区管委会"],
        ["项目总目标", "", "年度总体目标"],
        ["保障工作站运转", "", "全年服务居民"],
        ["政策依据"],
        ["《社区工作站管理办法》"],
    ), [])
    assert (project.name, project.code) == ("社区工作站经费", "440306231391500000191")
    assert (project.department, project.unit) == ("县财政局", "开发区管委会")
    assert (project.mid_term_goal, project.annual_goal) == ("保障工作站运转", "全年服务居民")
    assert project.policy_basis == "《社区工作站管理办法》"
    assert project.sources["name"].column == 2


def test_funds_go_to_the_period_of_the_total_above_them():
    notes: list = []
    project = read_project(_rows(
        ["项目资金（元）", "项目资金总额", "4,100,000.00", "年度资金申请总额", "3,000,000.00"],
        ["", "其中：财政资金", "4,000,000.00", "其中：当年财政拨款", "2,900,000.00"],
        ["", "其他资金", "100,000.00", "其他资金", "100,000.00"],
    ), notes)
    funds = project.funds
    assert funds.unit == "元"
    assert (funds.mid_term.total.yuan, funds.mid_term.fiscal.yuan, funds.mid_term.other.yuan) == (4_100_000, 4_000_000, 100_000)
    assert (funds.annual.total.yuan, funds.annual.fiscal.yuan, funds.annual.other.yuan) == (3_000_000, 2_900_000, 100_000)
    assert funds.annual.total.text == "3,000,000.00" and notes == []


def test_an_amount_in_wan_that_looks_like_yuan_is_noted():
    notes: list = []
    project = read_project(_rows(["本年度项目金额（万元）：", "6532900"]), notes)
    assert project.funds.annual.total.yuan == 65_329_000_000
    assert [n.code for n in notes] == ["FUNDS-UNIT-SUSPECT"]


@settings(max_examples=60, deadline=None)
@given(
    name=st.text(alphabet="社区工作站经费管理服务中心建设项目", min_size=2, max_size=12),
    unit=st.sampled_from(["深圳市宝安区松岗街道办事处", "县农业农村局", "开发区管委会"]),
    style=st.sampled_from(["beside", "below", "colon", "spaces"]),
)
def test_a_project_table_is_known_by_its_facts_in_any_text_layout(name, unit, style):
    facts = {
        "beside": f"项目名称\t{name}\n实施单位\t{unit}\n",
        "below": f"项目名称\n\n{name}\n\n实施单位\n\n{unit}\n",
        "colon": f"项目名称：{name}\n实施单位：{unit}\n",
        "spaces": f"项目名称 {name} 实施单位 {unit}\n",
    }[style]
    table = read_bytes(f"项目支出绩效目标表\n{facts}{INDICATORS}".encode(), "p.txt")
    assert table.kind == "project_target"
    assert table.project is not None and (table.project.name, table.project.unit) == (name, unit)
    assert [i.name for i in table.indicators] == ["培训人数", "学员满意度"]


def test_a_department_tables_task_header_is_not_a_project():
    text = "部门名称\t某单位\n年度重点工作任务\t项目名称\t主要实施内容\t拟投入的资金(元)\n\t培训\t开展培训\t1000\n" + INDICATORS
    table = read_bytes(text.encode(), "d.txt")
    assert table.kind == "department_target" and table.project is None


def test_inline_pairs_split_at_each_label():
    assert [(label.key, value) for label, value in inline_pairs("项目名称 2023年加工园建设项目 项目分类 资产资源类")] == [
        ("name", "2023年加工园建设项目"), ("type", "资产资源类")]
    assert inline_pairs("这是一句话，不是标签") == []


def test_a_code_stored_as_a_number_is_noted():
    notes: list = []
    project = read_project(_rows(["项目编码：", "4.403062313915e+20"]), notes)
    assert project.code == "4.403062313915e+20"  # kept as printed: the lost digits cannot be guessed
    assert [n.code for n in notes] == ["CODE-AS-NUMBER"]
    text_notes: list = []
    assert read_project(_rows(["项目编码：", "440306231391500000191"]), text_notes) and text_notes == []
