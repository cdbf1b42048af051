"""The `jixiao ingest` and `jixiao schema` commands, as a user runs them."""

import json

from typer.testing import CliRunner

from jixiao.cli import app

runner = CliRunner()


def test_ingest_json_is_the_canonical_reading(example_path, example):
    result = runner.invoke(app, ["ingest", str(example_path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads(example.table.canonical_json())


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
    assert {"indicators", "budget", "overall_goals", "key_tasks"} <= set(schema["properties"])
