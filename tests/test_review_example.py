"""The acceptance test of issue 3: what review must (and must not) find on the published example."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.review import Dimension, Severity, review


@pytest.fixture(scope="module")
def report(example):
    return review(example)


def one(report, code, text):
    hits = [f for f in report.findings if f.code == code and text in f.message + f.where]
    assert len(hits) == 1, (code, text, [f.message for f in report.findings if f.code == code])
    return hits[0]


def at(finding, line, column):
    assert finding.source is not None
    assert (finding.source.line, finding.source.column) == (line, column)


def test_city_level_funds_blank(report):
    f = one(report, "BUD-003", "市本级使用资金")
    assert f.severity is Severity.ERROR and f.dimension is Dimension.COMPLETE
    at(f, 13, 5)
    assert f.figures["expected"] == 5081.16
    assert "5,081.16" in f.suggestion


def test_budget_totals_are_not_flagged(report, example):
    b = example.budget
    assert b.expenditure_total == b.income_total == 5081.16
    assert [f.code for f in report.findings if f.code.startswith("BUD")] == ["BUD-003"]


@pytest.mark.parametrize(
    ("text", "origin"),
    [("约5000人次", "总体绩效目标（三）"), ("调解成功率", "总体绩效目标（三）"), ("不少于40种", "总体绩效目标（五）"), ("9大类", "总体绩效目标（五）")],
)
def test_unmeasured_commitments(report, text, origin):
    f = one(report, "NAR-001", f"“{text}”")
    assert f.where == origin and f.figures["commitment"] == text
    assert f.dimension is Dimension.RELEVANT


def test_matched_commitments_are_not_flagged(report):
    narrative = [f for f in report.findings if f.code.startswith("NAR")]
    # 两个社工项目 is a count in words no indicator measures; 约11300人 (people) is not measured by
    # 培训人次 ≥11300人次 (attendances).
    assert sorted(f.figures["commitment"] for f in narrative) == sorted(["约5000人次", "调解成功率", "不少于40种", "9大类", "两个", "约11300人"])
    for promised in ("20场", "6400名", "700名", "1000元"):
        assert not any(promised in f.figures["commitment"] for f in narrative)


def test_6400_measured_twice(report):
    f = one(report, "DUP-001", "6,400人")
    assert f.figures["indicators"] == ["求学圆梦补贴人数", "推动提升学历人数"]
    at(f, 59, 5)


@pytest.mark.parametrize(("name", "line"), [("劳模津贴发放标准", 27), ("购买社工岗位数量", 33)])
def test_missing_period_value(report, name, line):
    f = one(report, "MEA-003", name)
    assert f.figures["missing"] == "实施周期指标值"
    assert f.source.line == line


@pytest.mark.parametrize(
    ("name", "value", "line"),
    [("社工服务质量", "良好以上", 44), ("平台运行维护服务", "每日运行正常", 46), ("律师参与调解效果", "良好", 57), ("职工队伍整体素质提升情况", "有效提升", 58), ("节能情况", "良好", 62)],
)
def test_vague_targets(report, name, value, line):
    f = one(report, "MEA-002", f"指标“{name}”")
    assert f.figures["value"] == value
    at(f, line, 6)


def test_cost_check_industrial_workers(report):
    f = one(report, "COST-003", "产业工人建设经费")
    assert f.figures["funds"] == 7_840_000
    assert f.figures["explained_low"] == f.figures["explained_high"] == 7_400_000
    assert round(f.figures["ratio_low"] * 100) == 94
    assert f.figures["residual"] == 440_000
    assert f.figures["residual_indicator"] == "技能培训参加人次" and f.figures["residual_quantity"] == 700
    assert f.figures["per_unit_max"] == 628.6
    for text in ("7,840,000元", "7,400,000元", "94%", "440,000元", "628.6元"):
        assert text in f.message
    at(f, 17, 4)


def test_cost_check_model_workers(report):
    f = one(report, "COST-001", "劳模专项工作经费")
    assert f.figures["funds"] == 2_635_400
    assert (f.figures["explained_low"], f.figures["explained_high"]) == (1_413_600, 1_816_800)
    assert (round(f.figures["ratio_low"] * 100), round(f.figures["ratio_high"] * 100)) == (54, 69)
    assert sorted(f.figures["quantities"]) == ["劳模一次性奖金发放人数", "劳模津贴发放人数"]
    for text in ("2,635,400元", "1,413,600–1,816,800元", "54–69%"):
        assert text in f.message
    at(f, 19, 5)


@pytest.mark.parametrize(("group", "line"), [("社会成本指标", 31), ("生态环境成本指标", 32), ("经济效益", 56)])
def test_empty_groups(report, group, line):
    f = one(report, "FRM-003", f"“{group}”")
    assert f.source.line == line


def test_exactly_the_required_findings(report):
    assert Counter(f.code for f in report.findings) == Counter(
        {"BUD-003": 1, "FRM-003": 3, "MEA-003": 2, "MEA-002": 5, "DUP-001": 1, "NAR-001": 6, "COST-001": 1, "COST-003": 1}
    )


def test_grades_state_their_rule(report):
    assert set(report.dimensions) == set(Dimension)
    for grade in (*report.dimensions.values(), report.overall):
        assert grade.grade in "优良中差" and grade.grade in grade.rule and f"{grade.score:g}" in grade.rule
    assert report.dimensions[Dimension.COMPLETE].score == 100 - 15 - 5 * 5


def test_cli_prints_findings_grouped_and_exits_1(example_path):
    result = CliRunner().invoke(app, ["review", str(example_path)], terminal_width=200)
    assert result.exit_code == 1, result.output
    out = result.output
    positions = [out.index(d.value) for d in Dimension]
    assert positions == sorted(positions)
    for code in ("BUD-003", "FRM-003", "MEA-003", "MEA-002", "DUP-001", "NAR-001", "COST-001", "COST-003"):
        assert code in out
    assert "合计 20 项：错误 1，警告 18，提示 1" in out
    assert "总体等级" in out


def test_cli_json(example_path):
    result = CliRunner().invoke(app, ["review", str(example_path), "--json"])
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert set(document) == {"file", "config", "tables"} and len(document["tables"]) == 1
    data = document["tables"][0]
    assert (data["kind"], data["status"], data["grade"], data["project"]) == ("department_target", "filled", "中", None)
    assert len(data["findings"]) == 20 and data["counts"] == {"error": 1, "warning": 18, "info": 1}
    blank = next(f for f in data["findings"] if f["code"] == "BUD-003")
    assert blank["source"]["line"] == 13 and blank["source"]["column"] == 5
    assert {"code", "dimension", "severity", "message", "where", "source", "suggestion", "figures", "table", "row", "checklist_item"} == set(blank)
    assert (blank["dimension"], blank["severity"], blank["row"]) == ("完整性", "error", None)
    vague = [f for f in data["findings"] if f["code"] == "MEA-002"]
    assert vague and all(isinstance(f["row"], int) for f in vague)


def test_cli_unreadable_input_exits_2(tmp_path):
    result = CliRunner().invoke(app, ["review", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "文件不存在" in result.output
