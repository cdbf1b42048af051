"""Reading actuals back: XLSX, CSV, JSON; every bad entry reported with its sheet, row and column."""

import json

import pytest
from openpyxl import load_workbook

from jixiao.assess import ActualsError, build_template, load_actuals, read_actuals_bytes
from jixiao.domain.problem import Severity

values = pytest.importorskip("jixiao.domain.values", reason="值语法（branch values）尚未合并")


@pytest.fixture(scope="module")
def table(example):
    return example


def test_template_prefills_indicators_and_dropdowns(table, tmp_path):
    path = tmp_path / "m.xlsx"
    path.write_bytes(build_template(table, "monitor"))
    book = load_workbook(path)
    sheet = book["绩效指标"]
    header = [c.value for c in sheet[1]]
    assert header[:6] == ["序号", "一级指标", "二级指标", "三级指标", "年度指标值", "截至监控日实际完成值"]
    assert {"全年预计完成值", "偏差原因", "完成目标可能性", "原因说明", "纠偏措施", "进度安排"} <= set(header)
    assert sheet.max_row == 1 + len(table.indicators)
    assert [sheet.cell(row=10, column=4).value, sheet.cell(row=10, column=5).value] == ["开展市级职业技能竞赛数量", "20个"]
    lists = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert '"经费保障,制度保障,人员保障,硬件条件保障,其他"' in lists and '"确定能,有可能,完全不可能"' in lists
    budget = {r[0].value: r[1].value for r in book["预算执行"].iter_rows()}
    assert budget["年初预算数"] == 5081.16 and budget["数据截至日期"] == "2025-07-31"
    # selfeval has 分值 and no forecast
    self_header = [c.value for c in load_workbook(__import__("io").BytesIO(build_template(table, "selfeval")))["绩效指标"][1]]
    assert "分值" in self_header and "全年预计完成值" not in self_header


def test_csv_with_the_short_header(table, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("三级指标,实际完成值,偏差原因,说明\n开展市级职业技能竞赛数量,18个,其他,场地不足\n公益培训出勤率,76%,,\n社工服务质量,良好\n", encoding="utf-8")
    actuals = load_actuals(path, table)
    assert [(e.name, e.actual, e.cause) for e in actuals.entries] == [
        ("开展市级职业技能竞赛数量", "18个", "其他"), ("公益培训出勤率", "76%", None), ("社工服务质量", "良好", None)]
    assert actuals.entries[0].sources["actual"].line == 2 and actuals.entries[0].sources["actual"].column == 2


def test_csv_in_gb18030(table, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("三级指标,实际完成值\n公益班级期数,5期\n".encode("gb18030"))
    assert load_actuals(path, table).entries[0].actual == "5期"


def test_json_with_chinese_or_field_keys(table, tmp_path):
    path = tmp_path / "a.json"
    doc = {"kind": "selfeval", "budget": {"full_year": 100, "executed": 90},
           "indicators": [{"三级指标": "公益班级期数", "实际完成值": "5期"}, {"name": "补贴对象满意度", "actual": "92%", "weight": 6}]}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    actuals = load_actuals(path, table)
    assert [(e.name, e.actual, e.weight) for e in actuals.entries] == [("公益班级期数", "5期", None), ("补贴对象满意度", "92%", 6.0)]
    assert actuals.budget.executed == 90


def test_every_problem_is_located(table, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(build_template(table, "monitor"))
    book = load_workbook(path)
    s = book["绩效指标"]
    header = [c.value for c in s[1]]
    col = {h: header.index(h) + 1 for h in header}
    s.cell(row=10, column=col["截至监控日实际完成值"]).value = "很多"  # 20个: a word for a number
    s.cell(row=11, column=col["截至监控日实际完成值"]).value = "20个"  # 6400人: 个 does not convert to 人
    s.cell(row=16, column=col["截至监控日实际完成值"]).value = "很好"  # grade target: not on the scale
    s.cell(row=18, column=col["截至监控日实际完成值"]).value = "还行"  # descriptive target
    s.cell(row=3, column=col["偏差原因"]).value = "没钱"  # not a drop-down choice
    s.cell(row=4, column=col["完成目标可能性"]).value = "大概"
    s.cell(row=5, column=col["截至监控日实际完成值"]).value = "部分达成(90%)"  # outside the 60–80% band
    s.cell(row=6, column=col["三级指标"]).value = "不存在的指标"
    book.save(path)
    with pytest.raises(ActualsError) as caught:
        load_actuals(path, table)
    found = {(p.source.sheet, p.source.line, p.source.column) for p in caught.value.problems}
    a, cause, likely, name = col["截至监控日实际完成值"], col["偏差原因"], col["完成目标可能性"], col["三级指标"]
    assert found == {("绩效指标", 10, a), ("绩效指标", 11, a), ("绩效指标", 16, a), ("绩效指标", 18, a),
                     ("绩效指标", 3, cause), ("绩效指标", 4, likely), ("绩效指标", 5, a), ("绩效指标", 6, name)}
    text = str(caught.value)
    assert "工作表 绩效指标 第11行" in text and "不能换算" in text and "不存在的指标" in text
    assert all(p.severity is Severity.ERROR for p in caught.value.problems)
    codes = {(p.code, p.source.line): p for p in caught.value.problems}
    assert {code for code, _ in codes} == {"UNREADABLE", "BAD-CHOICE", "UNMATCHED"}
    assert codes["UNMATCHED", 6].row is None  # names no indicator of the table
    assert table.indicators[codes["UNREADABLE", 10].row].name == "开展市级职业技能竞赛数量"


def test_unreadable_files(tmp_path):
    with pytest.raises(ActualsError, match="表头须包含"):
        read_actuals_bytes("名称,数值\n甲,1\n".encode(), "x.csv")
    with pytest.raises(ActualsError, match="XLSX"):
        read_actuals_bytes(b"PK\x03\x04broken", "x.xlsx")
    with pytest.raises(ActualsError, match="JSON"):
        read_actuals_bytes(b"{not json", "x.json")
    with pytest.raises(ActualsError, match="无法读取"):
        load_actuals(tmp_path / "missing.csv")
