"""`jixiao template | monitor | score`: outputs, --json documents, and clean exit 2 on bad input."""

import json

import pytest
from typer.testing import CliRunner

pytest.importorskip("jixiao.domain.values", reason="值语法（branch values）尚未合并")

from assess_sample import filled_monitor

from jixiao.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_template_then_score_csv_json(example_path, tmp_path):
    out = tmp_path / "自评.xlsx"
    result = run("template", example_path, "--for", "selfeval", "-o", out)
    assert result.exit_code == 0 and out.exists(), result.output
    csv = tmp_path / "a.csv"
    csv.write_text("三级指标,实际完成值,偏差原因,说明\n开展市级职业技能竞赛数量,18个,其他,场地不足\n社工服务质量,良好\n", encoding="utf-8")
    result = run("score", example_path, csv, "--json", "--budget", "5081.16", "--executed", "5081.16")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    rows = {r["name"]: r for r in doc["indicators"]}
    assert {"name", "target", "actual", "weight", "score", "lost", "explanation"} <= set(rows["社工服务质量"])
    assert rows["开展市级职业技能竞赛数量"]["score"] == pytest.approx(round(50 / 26 * 0.9, 2))
    assert rows["社工服务质量"]["score"] == pytest.approx(50 / 26)
    assert rows["公益班级期数"]["score"] == 0 and rows["公益班级期数"]["actual"] is None  # not reported
    assert doc["budget"]["score"] == 10
    assert {"total", "grade", "levels"} <= set(doc) and doc["grade"] == "差"


def test_score_rich_table_and_scheme(example_path, tmp_path):
    csv = tmp_path / "a.csv"
    csv.write_text("三级指标,实际完成值\n公益班级期数,4期\n", encoding="utf-8")
    result = run("score", example_path, csv, "--scheme", "hubei-municipal")
    assert result.exit_code == 0, result.output
    assert "总分" in result.output and "等级" in result.output and "公益班级期数" in result.output


def test_monitor_json(example_path, example, tmp_path):
    path = filled_monitor(example, tmp_path / "监控.xlsx")
    result = run("monitor", example_path, path, "--at", "2025-07-31", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["at"] == "2025-07-31" and doc["budget"]["light"] == "yellow"
    assert sum(doc["lights"].values()) == len(example.indicators)
    result = run("monitor", example_path, path)  # the date from the workbook
    assert result.exit_code == 0 and "红灯" in result.output


@pytest.mark.parametrize("args, message", [
    (("template", "{ex}", "--for", "yearly", "-o", "{tmp}/x.xlsx"), "--for 应为"),
    (("template", "{ex}", "-o", "{tmp}/nodir/x.xlsx"), "输出目录不存在"),
    (("score", "{ex}", "{tmp}/bad.csv"), "第2行 第2列"),
    (("score", "{ex}", "{tmp}/bad.csv", "--scheme", "nowhere"), "找不到评分方案"),
    (("monitor", "{ex}", "{tmp}/bad.csv", "--at", "31/07/2025"), "日期应写作"),
    (("score", "{ex}", "{tmp}/missing.csv"), "无法读取"),
])
def test_bad_input_exits_2_without_traceback(example_path, tmp_path, args, message):
    (tmp_path / "bad.csv").write_text("三级指标,实际完成值\n开展市级职业技能竞赛数量,很多\n", encoding="utf-8")
    result = run(*(a.format(ex=example_path, tmp=tmp_path) for a in args))
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.xlsx").exists()
