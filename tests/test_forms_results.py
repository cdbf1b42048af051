"""Self-evaluation table, monitoring table and self-evaluation report from the assessment results."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest
from assess_sample import filled_monitor, filled_selfeval
from typer.testing import CliRunner

from jixiao.assess import load_actuals, monitor, score
from jixiao.assess.monitor import LIGHTS
from jixiao.cli import app
from jixiao.forms import render_results
from jixiao.ingest.readers import read_grid


@pytest.fixture(scope="module")
def evaluation(example, tmp_path_factory):
    path = filled_selfeval(example, tmp_path_factory.mktemp("se") / "selfeval.xlsx")
    return score(example, load_actuals(path, example))


@pytest.fixture(scope="module")
def progress(example, tmp_path_factory):
    path = filled_monitor(example, tmp_path_factory.mktemp("mo") / "monitor.xlsx")
    return monitor(example, load_actuals(path, example))


def _rows_by_name(grid, names):
    return {row.cells[2].text: row for row in grid.rows if len(row.cells) > 2 and row.cells[2].text in names}


def test_selfeval_xlsx_holds_every_score(example, evaluation):
    data = render_results(example, evaluation, "xlsx")
    grid = read_grid(data, "selfeval.xlsx")
    rows = _rows_by_name(grid, {r.name for r in evaluation.indicators})
    assert len(rows) == len(evaluation.indicators)
    for r in evaluation.indicators:
        cells = rows[r.name].cells
        assert (cells[0].text, cells[1].text) == (r.level1, r.level2)  # merged labels read back on every row
        if r.applicable:
            assert float(cells[6].text) == pytest.approx(r.score, abs=1e-9)
        else:
            assert (cells[5].text, cells[6].text) == ("不适用", "")
    total = next(row for row in grid.rows if row.cells[0].text == "总分")
    assert float(total.cells[6].text) == pytest.approx(evaluation.total)
    assert evaluation.grade in total.cells[7].text
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet.page_setup.orientation == "landscape" and sheet.merged_cells.ranges


def test_monitor_table_lights(example, progress):
    for fmt in ("xlsx", "html", "docx"):
        grid = read_grid(render_results(example, progress, fmt), f"monitor.{fmt}")
        rows = _rows_by_name(grid, {r.name for r in progress.indicators})
        assert [rows[r.name].cells[7].text for r in progress.indicators] == [LIGHTS[r.light] for r in progress.indicators]


def test_selfeval_report_docx(example, evaluation):
    document = docx.Document(io.BytesIO(render_results(example, evaluation, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    for heading in ("一、基本情况", "二、绩效目标完成情况", "三、偏差原因分析", "四、改进措施"):
        assert heading in text
    assert f"{evaluation.total:.2f}" in text and evaluation.grade in text
    assert len(document.inline_shapes) == 1  # the chart of scores by level-1
    lost = [r for r in evaluation.indicators if r.applicable and r.lost > 1e-9]
    assert lost and all(r.name in text for r in lost)
    scored = document.tables[0]
    names = {cell.text for row in scored.rows for cell in row.cells}
    assert {r.name for r in evaluation.indicators} <= names


def test_forms_cli_with_actuals(example, example_path, tmp_path):
    runner = CliRunner()
    filled = filled_selfeval(example, tmp_path / "se.xlsx")
    out = tmp_path / "report.docx"
    result = runner.invoke(app, ["forms", str(example_path), str(filled), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "自评报告" in result.output and out.exists()
    watched = filled_monitor(example, tmp_path / "mo.xlsx")
    out = tmp_path / "monitor.xlsx"
    assert runner.invoke(app, ["forms", str(example_path), str(watched), "-o", str(out)]).exit_code == 0
    missing = runner.invoke(app, ["forms", str(example_path), str(tmp_path / "none.xlsx"), "-o", str(tmp_path / "x.xlsx")])
    assert missing.exit_code == 2 and not (tmp_path / "x.xlsx").exists()
