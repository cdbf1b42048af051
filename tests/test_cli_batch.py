"""`jixiao batch`: many documents in one run — results as JSON lines, resumable, bad files recorded."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from selfeval_support import selfeval_file
from typer.testing import CliRunner

from jixiao.cli import app

runner = CliRunner()


@pytest.fixture
def folder(tmp_path, example_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(example_path, docs / "部门整体.txt")
    (docs / "坏文件.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    selfeval_file(docs, 55, 95)  # a published self-evaluation with a score above its weight
    return docs


def _lines(out):
    return [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]


def test_every_document_gets_a_line_and_a_bad_file_does_not_stop_the_batch(folder, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1, result.output  # one document could not be read
    lines = {line["file"].rsplit("/", 1)[-1]: line for line in _lines(out)}
    assert set(lines) == {"部门整体.txt", "坏文件.pdf", "自评表-55.xlsx"}
    example = lines["部门整体.txt"]
    assert (example["tables"], example["rows"], example["error"]) == (1, 33, None)
    assert example["findings"] == {"error": 1, "warning": 18, "info": 1}  # the example's 20 findings
    assert "PDF" in lines["坏文件.pdf"]["error"] and lines["坏文件.pdf"]["tables"] == 0
    assert lines["自评表-55.xlsx"]["audit"][0]["disagreements"] == ["AUD-OVER-WEIGHT"]
    with (out / "summary.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3 and {r["error_findings"] for r in rows if r["file"].endswith(".txt")} == {"1"}


def test_a_rerun_skips_what_is_done_and_force_redoes_it(folder, tmp_path):
    out = tmp_path / "out"
    runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "1"])
    again = runner.invoke(app, ["batch", str(folder / "*"), "--out", str(out), "--workers", "1"])
    assert "3 个已完成（跳过），待处理 0 个" in again.output
    assert len(_lines(out)) == 3
    forced = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "1", "--force"])
    assert "待处理 3 个" in forced.output and len(_lines(out)) == 3


def test_a_process_pool_gives_the_same_lines(folder, tmp_path):
    runner.invoke(app, ["batch", str(folder), "--out", str(tmp_path / "one"), "--workers", "1"])
    runner.invoke(app, ["batch", str(folder), "--out", str(tmp_path / "two"), "--workers", "2"])
    def key(lines):
        return sorted((line["file"], line["hash"], line["tables"], line["rows"], json.dumps(line["findings"])) for line in lines)
    assert key(_lines(tmp_path / "one")) == key(_lines(tmp_path / "two"))


def test_an_interrupted_batch_keeps_what_finished(folder, tmp_path, monkeypatch):
    import jixiao.jobs.batch as batch_cli

    real = batch_cli.process
    calls = []

    def stop_after_one(path, options, content_hash=None):
        calls.append(path)
        if len(calls) > 1:
            raise KeyboardInterrupt
        return real(path, options, content_hash)

    monkeypatch.setattr(batch_cli, "process", stop_after_one)
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 130 and "已中断" in result.output
    assert len(_lines(out)) == 1
    monkeypatch.setattr(batch_cli, "process", real)
    resumed = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "1"])
    assert "1 个已完成（跳过），待处理 2 个" in resumed.output and len(_lines(out)) == 3


def test_usage_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["batch", str(tmp_path / "nothing-here")]).exit_code == 2
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    bad = runner.invoke(app, ["batch", str(tmp_path), "--config", "no-such-checklist", "--out", str(tmp_path / "o")])
    assert bad.exit_code == 2 and "songgang-2023" in bad.output
