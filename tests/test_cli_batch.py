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
    listed = {"file", "hash", "tables", "rows", "confidence", "findings", "score", "error"}  # the fields issue 13 names
    assert all(listed <= set(line) for line in lines.values())
    example = lines["部门整体.txt"]
    assert (example["tables"], example["rows"], example["error"]) == (1, 33, None)
    assert 0 < example["confidence"] <= 1 and example["score"] is None and lines["坏文件.pdf"]["confidence"] is None
    assert isinstance(lines["自评表-55.xlsx"]["score"], float)  # a self-evaluation's score, as computed by its audit
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


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_document_that_breaks_a_reader_is_its_own_error_line(folder, tmp_path, monkeypatch, workers):
    """Not only unreadable files: an unexpected failure of jixiao on one document (here the reader raising
    a ValueError) is that document's line, named as an internal error, and every other document is done."""
    import jixiao.ingest

    real = jixiao.ingest.read_document

    def breaks_on_the_department_table(path, limits=None):
        if str(path).endswith("部门整体.txt"):
            raise ValueError("unexpected layout")
        return real(path, limits)

    monkeypatch.setattr(jixiao.ingest, "read_document", breaks_on_the_department_table)  # forked pool processes inherit it
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", workers])
    assert result.exit_code == 1, result.output
    lines = {line["file"].rsplit("/", 1)[-1]: line for line in _lines(out)}
    assert set(lines) == {"部门整体.txt", "坏文件.pdf", "自评表-55.xlsx"}
    broken = lines["部门整体.txt"]
    assert "读取时发生内部错误（ValueError：unexpected layout）" in broken["error"] and broken["tables"] == 0
    assert lines["自评表-55.xlsx"]["error"] is None and lines["自评表-55.xlsx"]["tables"] == 1


def test_ctrl_c_on_a_process_pool_keeps_every_finished_line_and_the_rerun_finishes(tmp_path, example_path):
    """Ctrl-C as a terminal sends it (SIGINT to the whole process group: the command and its pool processes),
    once the first results are written: exit 130, every line written is whole, and a rerun does the rest."""
    import os
    import signal
    import subprocess
    import sys
    import time

    docs = tmp_path / "docs"
    docs.mkdir()
    text = example_path.read_bytes()
    for n in range(120):
        (docs / f"{n:03d}.txt").write_bytes(text + b"\n" * (n + 1))  # distinct content hashes
    out = tmp_path / "out"
    command = [sys.executable, "-c", "from jixiao.cli import main; main()", "batch", str(docs), "--out", str(out), "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    results = out / "results.jsonl"
    deadline = time.monotonic() + 120
    while not (results.exists() and results.read_bytes().count(b"\n") >= 3):
        assert process.poll() is None and time.monotonic() < deadline, process.stdout.read() if process.stdout else ""
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    output = process.communicate(timeout=120)[0].decode()
    assert process.returncode == 130 and "已中断" in output, output
    written = results.read_text(encoding="utf-8").splitlines()
    assert 3 <= len(written) < 120, "the batch ended before Ctrl-C; make it larger"
    lines = [json.loads(line) for line in written]  # every line whole
    assert all(line["error"] is None and line["tables"] == 1 for line in lines)
    again = runner.invoke(app, ["batch", str(docs), "--out", str(out), "--workers", "2"])
    assert again.exit_code == 0 and f"{len(lines)} 个已完成（跳过），待处理 {120 - len(lines)} 个" in again.output, again.output
    assert sorted(json.loads(line)["file"] for line in results.read_text(encoding="utf-8").splitlines()) == sorted(str(p) for p in docs.iterdir())


def test_a_rerun_with_other_settings_redoes_the_documents_and_old_lines_count_as_the_defaults(folder, tmp_path):
    """Resume skips a document only when its latest line was made with the same settings (checklist, scheme,
    import): otherwise the results would mix two rule sets. A line written before lines recorded their
    settings counts as made with the defaults."""
    from jixiao.jobs.batch import Options, process

    out = tmp_path / "out"
    runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "1"])
    first = _lines(out)
    assert all(line["settings"] == {"checklist": None, "scheme": None, "import": None} and line["imported"] is None for line in first)
    old = [{k: v for k, v in line.items() if k not in ("settings", "imported", "import_error")} for line in first]
    (out / "results.jsonl").write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in old), encoding="utf-8")
    assert "3 个已完成（跳过），待处理 0 个" in runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "1"]).output

    other = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "1", "--config", "songgang-2023"])
    assert "0 个已完成（跳过），待处理 3 个" in other.output, other.output
    with (out / "summary.csv").open(encoding="utf-8-sig") as handle:
        rows = {r["file"]: r for r in csv.DictReader(handle)}
    example = next(p for p in folder.iterdir() if p.suffix == ".txt")
    songgang = process(str(example), Options(checklist="songgang-2023"))["findings"]
    assert len(rows) == 3 and rows[str(example)]["warning_findings"] == str(songgang["warning"])  # the new line supersedes the old
    assert rows[str(example)]["imported"] == ""
    assert "待处理 0 个" in runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "1", "--config", "songgang-2023"]).output
    scheme = runner.invoke(app, ["batch", str(folder), "--out", str(out), "--workers", "1", "--config", "songgang-2023", "--scheme", "sichuan"])
    assert "待处理 3 个" in scheme.output
