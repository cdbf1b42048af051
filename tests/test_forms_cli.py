"""`jixiao forms`: writes the official layout, refuses bad input with exit 2 and leaves nothing behind."""

from __future__ import annotations

from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.ingest import read_table

runner = CliRunner()


def test_forms_writes_each_format(example_path, tmp_path):
    for fmt in ("xlsx", "docx", "html"):
        out = tmp_path / f"table.{fmt}"
        result = runner.invoke(app, ["forms", str(example_path), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert len(read_table(out).indicators) == 33


def test_forms_format_from_option_overrides_suffix(example_path, tmp_path):
    out = tmp_path / "table.bin"
    assert runner.invoke(app, ["forms", str(example_path), "--to", "html", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_forms_bad_input_exits_2_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["forms", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert "损坏" in result.output and "Traceback" not in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]


def test_forms_unknown_format_exits_2(example_path, tmp_path):
    result = runner.invoke(app, ["forms", str(example_path), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "xlsx" in result.output
