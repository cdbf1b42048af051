"""The `jixiao ingest` and `jixiao schema` commands, as a user runs them."""

import json

from typer.testing import CliRunner

from jixiao.cli import app

runner = CliRunner()


def test_ingest_json_is_the_canonical_reading(example_path, example):
    result = runner.invoke(app, ["ingest", str(example_path), "--json"])
    assert result.exit_code == 0
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
    assert result.exit_code == 0
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
