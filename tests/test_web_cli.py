"""`jixiao serve` / `jixiao demo`: bad input is one Chinese line and exit code 2, never a traceback."""

from __future__ import annotations

from typer.testing import CliRunner

from jixiao.cli import app


def test_serve_refuses_a_malformed_database_url():
    result = CliRunner().invoke(app, ["serve", "--database", "notaurl"])
    assert result.exit_code == 2
    assert "数据库 URL 无效" in result.output
    assert "Traceback" not in result.output


def test_demo_help_is_chinese():
    result = CliRunner().invoke(app, ["demo", "--help"])
    assert result.exit_code == 0 and "省级规模" in result.output
