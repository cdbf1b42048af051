"""The project target table (项目支出绩效目标表) written on its official form, in XLSX, DOCX and HTML.

The readers are asserted against elsewhere; here each written file is read with openpyxl, python-docx
or lxml into a grid of cells (merged cells share one anchor) and checked cell by cell: the facts and
funds beside their labels, each indicator's values in the column of its header, the level labels
merged over their rows, and the 不适用 rows printed after their group.
"""

from __future__ import annotations

import io

import docx
import lxml.html
import openpyxl
import pytest
from docx.oxml.ns import qn
from docx.table import _Cell
from forms_grid import GRIDS, Grid, html_grid
from forms_support import PAIRS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.domain.table import (
    Amount,
    Department,
    EmptyGroup,
    FundLine,
    Funds,
    Indicator,
    Project,
    Table,
)
from jixiao.forms import render
from jixiao.forms.indicators import columns_for, ordered_rows

FORMATS = ("xlsx", "docx", "html")


# --- a project as published ------------------------------------------------------------------------


def _yuan(text: str) -> Amount:
    return Amount(text=text, yuan=round(float(text.replace(",", "")) * 10_000, 2))


INDICATORS = [
    Indicator(level1="产出指标", level2="数量指标", name="社区工作站覆盖社区数", period_value="36个", annual_value="36个",
              explanation="按规范化标准运行的社区工作站数量"),
    Indicator(level1="产出指标", level2="数量指标", name="开展便民服务人次", period_value="≥10万人次", annual_value="≥3万人次",
              explanation="全年窗口办理及上门服务人次合计"),
    Indicator(level1="产出指标", level2="质量指标", name="工作站规范化建设达标率", period_value="100%", annual_value="100%",
              explanation="达标工作站数/工作站总数×100%"),
    Indicator(level1="产出指标", level2="时效指标", name="经费拨付及时率", period_value="100%", annual_value="100%",
              explanation="每季度首月15日前拨付到位"),
    Indicator(level1="效益指标", level2="社会效益指标", name="居民诉求按时办结率", period_value="≥95%", annual_value="≥95%",
              explanation="按时办结件数/受理件数×100%"),
    Indicator(level1="满意度指标", level2="服务对象满意度指标", name="社区居民满意度", period_value="≥90%", annual_value="≥90%",
              explanation="第三方抽样问卷调查"),
]
NOT_APPLICABLE = [  # as published: 不适用 in the name and value cells, or in the name alone
    Indicator(level1="产出指标", level2="成本指标", name="不适用", period_value="不适用", annual_value="不适用"),
    Indicator(level1="效益指标", level2="生态效益指标", name="不适用"),
]
EXTRA = {"是否新增项目": "否（延续项目）", "分配方式": "因素法"}


def community_project() -> Table:
    """社区工作站经费: six indicators over 产出/效益/满意度, two 不适用 rows, funds in 万元."""
    return Table(
        kind="project_target",
        title="2025年度东莞市项目支出绩效目标表",
        year=2025,
        department=None,
        project=Project(
            code="441900-2025-000123",
            name="社区工作站经费",
            department="东莞市民政局",
            unit="东莞市莞城街道办事处",
            type="经常性项目",
            period="2025年1月至2027年12月",
            funds=Funds(
                unit="万元",
                mid_term=FundLine(total=_yuan("1,080.00"), fiscal=_yuan("1,080.00"), other=_yuan("0.00")),
                annual=FundLine(total=_yuan("360.00"), fiscal=_yuan("360.00"), other=_yuan("0.00")),
            ),
            mid_term_goal="1.全市社区工作站规范化运行；\n2.便民服务覆盖全部社区居民。",
            annual_goal="保障36个社区工作站正常运转，全年提供便民服务不少于3万人次。",
            policy_basis="《东莞市社区工作站管理办法》（东府〔2021〕12号）",
            cost_basis="36个社区工作站×10万元/个＝360万元",
            extra=EXTRA,
        ),
        indicators=INDICATORS,
        not_applicable=NOT_APPLICABLE,
    )


@pytest.fixture(scope="module")
def project() -> Table:
    return community_project()


@pytest.fixture(scope="module", params=FORMATS)
def written(request, project) -> tuple[str, bytes, Grid]:
    data = render(project, request.param)
    return request.param, data, GRIDS[request.param](data)


def _header(grid: Grid) -> tuple[int, dict[str, int]]:
    """The indicator header row and the column of each of its headers."""
    [(r, _)] = grid.find("一级指标")
    return r, {t: c for c, (t, _) in enumerate(grid.rows[r]) if t}


def _row_of(grid: Grid, name: str) -> int:
    _, columns = _header(grid)
    [(r, _)] = grid.find(name, col=columns["三级指标"])
    return r


# --- the form, cell by cell ------------------------------------------------------------------------


def test_title_and_year(project, written):
    fmt, data, _ = written
    if fmt == "xlsx":
        ws = openpyxl.load_workbook(io.BytesIO(data)).active
        lines = [ws["A1"].value, ws["A2"].value]
        assert ws.title == "项目支出绩效目标表"
    elif fmt == "docx":
        lines = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs[:2]]
    else:
        page = lxml.html.fromstring(data.decode("utf-8"))
        lines = [page.findtext(".//h1"), page.findtext(".//p")]
    assert lines == [project.title, "（2025年度）"]


def test_untitled_project_gets_the_form_title(project):
    page = render(project.model_copy(update={"title": None}), "html").decode("utf-8")
    assert "<h1>项目支出绩效目标表</h1>" in page and "<title>项目支出绩效目标表</title>" in page


def test_every_fact_beside_its_label(project, written):
    _, _, grid = written
    p = project.project
    facts = {"项目名称": p.name, "项目编码": p.code, "主管部门": p.department, "实施单位": p.unit, "项目属性": p.type, "实施期限": p.period}
    for label, value in {**facts, **EXTRA}.items():
        assert grid.right_of(label) == value, label
    for label, value in {"政策依据": p.policy_basis, "测算依据": p.cost_basis, "中长期目标": p.mid_term_goal, "年度目标": p.annual_goal}.items():
        assert grid.right_of(label) == value, label
    [(r, c)] = grid.find("总体目标")
    assert grid.span(r, c) == 2 and grid.text(r, c + 1) == "中长期目标" and grid.text(r + 1, c + 1) == "年度目标"


def test_funds_by_period_as_printed(written):
    _, _, grid = written
    [(top, label_col)] = grid.find("项目资金（万元）")
    assert grid.span(top, label_col) == 3
    [(_, mid)] = grid.find("中期资金总额")
    [(_, annual)] = grid.find("年度资金总额")
    assert mid < annual
    expected = (("1,080.00", "360.00"), ("1,080.00", "360.00"), ("0.00", "0.00"))
    for k, (label, (mid_text, annual_text)) in enumerate(zip(("", "其中：财政拨款", "其他资金"), expected, strict=True)):
        r = top + k
        if label:  # each part under the total of its period, in both periods
            assert grid.text(r, mid) == grid.text(r, annual) == label
        assert (grid.text(r, mid + 1), grid.text(r, annual + 1)) == (mid_text, annual_text), label


def test_indicator_columns_follow_the_table(written):
    _, _, grid = written
    r, _ = _header(grid)
    printed = [t for t, _ in grid.rows[r]]
    assert printed[1:] == ["一级指标", "二级指标", "三级指标", "中长期指标值", "年度指标值", "指标解释"]
    assert grid.text(r, 0) == "绩效指标" and grid.span(r, 0) == 1 + len(INDICATORS) + len(NOT_APPLICABLE)


def test_every_indicator_in_its_columns(written):
    _, _, grid = written
    _, columns = _header(grid)
    for item in INDICATORS:
        r = _row_of(grid, item.name)
        assert grid.text(r, columns["一级指标"]) == item.level1
        assert grid.text(r, columns["二级指标"]) == item.level2
        assert grid.text(r, columns["中长期指标值"]) == item.period_value
        assert grid.text(r, columns["年度指标值"]) == item.annual_value
        assert grid.text(r, columns["指标解释"]) == item.explanation


def test_level_labels_merged_over_their_rows(written):
    fmt, data, grid = written
    _, columns = _header(grid)
    first = _row_of(grid, INDICATORS[0].name)
    spans = {(label, col): grid.span(*grid.find(label, col=columns[col])[0]) for label, col in (
        ("产出指标", "一级指标"), ("效益指标", "一级指标"), ("满意度指标", "一级指标"),
        ("数量指标", "二级指标"), ("质量指标", "二级指标"), ("成本指标", "二级指标"),
    )}
    assert spans == {
        ("产出指标", "一级指标"): 5, ("效益指标", "一级指标"): 2, ("满意度指标", "一级指标"): 1,
        ("数量指标", "二级指标"): 2, ("质量指标", "二级指标"): 1, ("成本指标", "二级指标"): 1,
    }
    assert grid.find("产出指标", col=columns["一级指标"]) == [(first, columns["一级指标"])]
    if fmt == "xlsx":  # the merges as Excel stores them
        merged = {str(m) for m in openpyxl.load_workbook(io.BytesIO(data)).active.merged_cells.ranges}
        row = first + 1
        assert {f"B{row}:B{row + 4}", f"C{row}:C{row + 1}", f"B{row + 5}:B{row + 6}"} <= merged


def test_not_applicable_rows_after_their_group(written):
    _, _, grid = written
    _, columns = _header(grid)
    first = _row_of(grid, INDICATORS[0].name)
    rows = range(first, len(grid.rows))
    printed = [tuple(grid.text(r, columns[h]) for h in ("一级指标", "二级指标", "三级指标", "中长期指标值", "年度指标值")) for r in rows]
    names = [i.name for i in INDICATORS]
    assert [p[2] for p in printed] == [*names[:4], "不适用", names[4], "不适用", names[5]]
    assert printed[4] == ("产出指标", "成本指标", "不适用", "不适用", "不适用")
    assert printed[6] == ("效益指标", "生态效益指标", "不适用", "", "")  # value cells left blank, as published


def test_not_applicable_row_shows_it():
    """A row kept as not applicable whose cells do not say so is marked in its value cell."""
    table = Table(kind="project_target", department=None, project=Project(name="道路养护"),
                  indicators=[Indicator(level1="产出指标", level2="数量指标", name="养护里程", annual_value="80公里")],
                  not_applicable=[Indicator(level1="产出指标", level2="数量指标", name="新建里程")])
    grid = html_grid(render(table, "html"))
    assert grid.right_of("新建里程") == "不适用"
    [(r, c)] = grid.find("产出指标")
    assert grid.span(r, c) == 2


def test_optional_columns_printed_when_filled():
    rows = [
        Indicator(level1="产出指标", level2="数量指标", name="培训人数", op="≥", annual_value="200", unit="人", weight=10.0),
        Indicator(level1="产出指标", level2="质量指标", name="培训合格率", op="≥", annual_value="95", unit="%", weight=7.5, core=True),
        Indicator(level1="满意度指标", level2="服务对象满意度指标", name="学员满意度", op="定性", annual_value="满意"),
    ]
    table = Table(kind="project_target", department=None, project=Project(name="技能培训"), indicators=rows)
    assert [c.header for c in columns_for(rows)] == ["指标性质", "指标值", "度量单位", "分值", "核心指标"]
    for fmt in FORMATS:
        grid = GRIDS[fmt](render(table, fmt))
        _, columns = _header(grid)
        r = _row_of(grid, "培训合格率")
        assert [grid.text(r, columns[h]) for h in ("指标性质", "指标值", "度量单位", "分值", "核心指标")] == ["≥", "95", "%", "7.50" if fmt != "xlsx" else "7.5", "★"]
        r = _row_of(grid, "学员满意度")
        assert grid.text(r, columns["分值"]) == "" and grid.text(r, columns["核心指标"]) == ""
    ws = openpyxl.load_workbook(io.BytesIO(render(table, "xlsx"))).active
    weights = [row[7] for row in ws.iter_rows(values_only=True) if row[3] in ("培训人数", "培训合格率")]
    assert weights == [10, 7.5]  # numbers, not text


def test_period_only_values_keep_their_column():
    rows = [Indicator(level1="产出指标", level2="数量指标", name="建成公里数", period_value="120公里")]
    assert [c.header for c in columns_for(rows)] == ["中长期指标值"]
    rows.append(Indicator(level1="产出指标", level2="数量指标", name="开工段数", annual_value="3段"))
    assert [c.header for c in columns_for(rows)] == ["中长期指标值", "年度指标值"]


def test_empty_group_keeps_a_row():
    table = Table(
        kind="project_target", department=None, project=Project(name="道路养护"),
        indicators=[Indicator(level1="产出指标", level2="数量指标", name="养护里程", annual_value="80公里"),
                    Indicator(level1="满意度指标", level2="服务对象满意度指标", name="群众满意度", annual_value="≥90%")],
        empty_level2=[EmptyGroup(level1="产出指标", level2="成本指标")],
    )
    assert [(r.level2, r.indicator.name if r.indicator else None) for r in ordered_rows(table)] == [
        ("数量指标", "养护里程"), ("成本指标", None), ("服务对象满意度指标", "群众满意度"),
    ]


def test_render_picks_the_form_of_the_kind(project):
    department = Table(department=Department(name="东莞市民政局"), indicators=INDICATORS)
    assert "部门名称" in render(department, "html").decode("utf-8")
    page = render(project, "html").decode("utf-8")
    assert "项目名称" in page and "部门名称" not in page and "预算整体情况" not in page


def test_funds_known_only_in_yuan():
    table = Table(kind="project_target", department=None, project=Project(
        name="设备购置", funds=Funds(unit="万元", annual=FundLine(total=Amount(yuan=1_234_500.0))),
    ))
    grid = html_grid(render(table, "html"))
    assert grid.right_of("年度资金总额") == "123.45" and grid.find("项目资金（万元）")


# --- any project table writes --------------------------------------------------------------------

# Names are drawn from characters no label, fact or value uses, so a cell equal to a name is its row.
_NAMES = st.text(alphabet="甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥", min_size=1, max_size=10)
_WORDS = st.text(alphabet="天地玄黄宇宙洪荒日月盈昃宿列张0123456789.%≥≤/（）", min_size=1, max_size=16)
_MAYBE = st.none() | _WORDS
_MARK = st.sampled_from([None, "不适用"])


@st.composite
def _indicator(draw, name: str) -> Indicator:
    level1, level2 = draw(st.sampled_from(PAIRS))
    return Indicator(
        level1=level1, level2=level2, name=name,
        period_value=draw(_MAYBE), annual_value=draw(_MAYBE), op=draw(st.none() | st.sampled_from(["=", "≥", "≤", "定性"])),
        unit=draw(st.none() | st.sampled_from(["人", "%", "个", "万元"])), weight=draw(st.none() | st.floats(0, 100, allow_nan=False).map(lambda w: round(w, 2))),
        explanation=draw(_MAYBE), core=draw(st.none() | st.booleans()),
    )


@st.composite
def project_tables(draw) -> Table:
    names = draw(st.lists(_NAMES, min_size=1, max_size=33, unique=True))
    count = min(len(names), draw(st.integers(1, 30)))
    amounts = [Amount(text=draw(_MAYBE)) for _ in range(6)]
    return Table(
        kind="project_target",
        title=draw(st.none() | _WORDS.map(lambda t: t + "绩效目标表")),
        year=draw(st.none() | st.integers(2000, 2099)),
        department=None,
        project=Project(
            code=draw(_MAYBE), name=draw(_MAYBE), department=draw(_MAYBE), unit=draw(_MAYBE), type=draw(_MAYBE), period=draw(_MAYBE),
            funds=Funds(unit=draw(st.none() | st.sampled_from(["万元", "元"])), mid_term=FundLine(total=amounts[0], fiscal=amounts[1], other=amounts[2]),
                        annual=FundLine(total=amounts[3], fiscal=amounts[4], other=amounts[5])),
            mid_term_goal=draw(_MAYBE), annual_goal=draw(_MAYBE), policy_basis=draw(_MAYBE), cost_basis=draw(_MAYBE),
            extra=draw(st.dictionaries(_WORDS, _WORDS, max_size=4)),
        ),
        indicators=[draw(_indicator(n)) for n in names[:count]],
        # rows marked 不适用: named as published, or kept under their own name
        not_applicable=[draw(_indicator(n)) for n in names[count:]]
        + [draw(_indicator("不适用")).model_copy(update={"period_value": draw(_MARK), "annual_value": draw(_MARK)}) for _ in range(draw(st.integers(0, 3)))],
    )


def _names(table: Table) -> list[str]:
    return [i.name for i in (*table.indicators, *table.not_applicable) if i.name != "不适用"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=project_tables())
def test_any_project_table_writes_every_name_once(table):
    """1–30 indicators and random facts: XLSX, DOCX and HTML write, each name once in the name column."""
    ws = openpyxl.load_workbook(io.BytesIO(render(table, "xlsx"))).active
    cells = [(c.value, c.column) for row in ws.iter_rows() for c in row if c.value is not None]
    document = docx.Document(io.BytesIO(render(table, "docx")))
    docx_cells = [_Cell(tc, None).text for tc in document.element.body.iter(qn("w:tc"))]
    page = render(table, "html").decode("utf-8")
    for name in _names(table):
        assert [col for value, col in cells if value == name] == [4], name  # once, in column D (三级指标)
        assert docx_cells.count(name) == 1, name
        assert page.count(f">{name}<") == 1, name
    marked = sum(1 for i in table.not_applicable if i.name == "不适用")
    assert [value for value, col in cells if col == 4].count("不适用") == marked  # every 不适用 row printed
