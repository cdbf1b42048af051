"""The `jixiao ingest` and `jixiao schema` commands, as a user runs them."""

import json

from typer.testing import CliRunner

from jixiao.cli import app

runner = CliRunner()


def test_ingest_json_is_the_canonical_reading(example_path, example):
    result = runner.invoke(app, ["ingest", str(example_path), "--json"])
    assert result.exit_code == 1  # one row of the example is doubtful (below), the JSON is printed all the same
    document = json.loads(result.stdout)
    assert set(document) == {"source_file", "format", "tables"}
    assert document["format"] == "text" and document["source_file"] == example_path.name
    assert document["tables"][0] == json.loads(example.canonical_json())


def test_ingest_json_keeps_the_contract_fields(example_path):
    table = json.loads(runner.invoke(app, ["ingest", str(example_path), "--json"]).stdout)["tables"][0]
    assert {"kind", "title", "year", "status", "locator", "department", "budget", "overall_goals", "indicators", "not_applicable", "notes"} <= set(table)
    assert "project" not in table and table["status"] == "filled" and table["kind"] == "department_target"
    assert set(table["locator"]) == {"sheet", "page", "line"}
    fields = {"level1", "level2", "name", "period_value", "annual_value", "op", "unit", "weight", "direction", "explanation",
              "scoring_rule", "core", "target", "actual", "score", "reason", "sources", "typed"}
    assert all(fields <= set(i) for i in table["indicators"])
    assert {"code", "severity", "message", "source", "table", "row"} <= set(table["notes"][0])


def test_ingest_shows_tree_budget_tasks_and_notes(example_path):
    result = runner.invoke(app, ["ingest", str(example_path)])
    assert result.exit_code == 1
    out = result.stdout
    for text in ("东莞市总工会", "5,081.16", "产业工人建设经费", "劳模津贴发放标准", "满意度指标", "LABEL-LATE", "（无指标）"):
        assert text in out


def test_unreadable_input_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(bad)])
    assert result.exit_code == 2
    assert "bad.txt" in result.stderr and "为空" in result.stderr
    assert "Traceback" not in result.output


def test_schema_describes_the_table():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert {"source_file", "format", "tables"} <= set(schema["properties"])
    table = schema["$defs"]["Table"]["properties"]
    assert {"indicators", "budget", "overall_goals", "key_tasks", "project", "not_applicable", "status", "locator"} <= set(table)


def test_the_doubtful_row_of_the_example_is_listed(example_path):
    """The example's 购买社工岗位数量 row is printed one column right with one value for two value columns
    and its group label after it: read right, but a person should confirm which column the value is in."""
    result = runner.invoke(app, ["ingest", str(example_path)])
    assert result.exit_code == 1
    assert "需人工复核（1 处）" in result.stderr
    assert "购买社工岗位数量" in result.stderr and "只有一个指标值" in result.stderr
    table = json.loads(runner.invoke(app, ["ingest", str(example_path), "--json"]).stdout)["tables"][0]
    doubtful = [i["name"] for i in table["indicators"] if i["needs_review"]]
    assert doubtful == ["购买社工岗位数量"] and table["needs_review"] is True
    assert all(0 <= i["confidence"] <= 1 for i in table["indicators"])


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


CLEAN = """2025年度项目支出绩效目标表
项目名称 | 社区培训项目
一级指标 | 二级指标 | 三级指标 | 年度指标值
产出指标 | 数量指标 | 培训人次 | ≥500人次
产出指标 | 质量指标 | 培训合格率 | ≥95%
满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90%
"""


def test_a_confident_reading_exits_0(tmp_path):
    result = runner.invoke(app, ["ingest", str(_write(tmp_path, "clean.txt", CLEAN))])
    assert result.exit_code == 0, result.stderr
    assert "需人工复核" not in result.stderr


def test_a_row_read_in_doubt_exits_1_and_is_named(tmp_path):
    text = CLEAN.replace("产出指标 | 质量指标 | 培训合格率 | ≥95%", "产出指标 | 质量指标 | 培训合格率≥95%质量指标验收合格率100%时效指标 |")
    result = runner.invoke(app, ["ingest", str(_write(tmp_path, "fused.txt", text))])
    assert result.exit_code == 1
    assert "培训合格率≥95%" in result.stderr and "没有读到指标值" in result.stderr


def test_no_indicator_at_all_is_never_a_silent_exit_0(tmp_path):
    text = "2025年度项目支出绩效目标表\n项目名称 | 社区培训项目\n年度目标 | 培训 500 人次\n"
    result = runner.invoke(app, ["ingest", str(_write(tmp_path, "none.txt", text))])
    assert result.exit_code == 2
    assert "没有读到任何指标" in "".join(result.stderr.split())


def test_a_blank_template_is_read_but_not_silently(tmp_path):
    text = "2025年度项目支出绩效目标表\n项目名称 | \n一级指标 | 二级指标 | 三级指标 | 年度指标值\n产出指标 | 数量指标 |  | \n"
    result = runner.invoke(app, ["ingest", str(_write(tmp_path, "blank.txt", text))])
    assert result.exit_code == 1
    assert "空白模板" in result.stderr
