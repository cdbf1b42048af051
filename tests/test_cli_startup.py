"""Start-up: `jixiao --help` loads the command line alone — no reader, rule, scoring, numpy or Django — so it
costs about what Typer itself costs; each command imports its work when it runs."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

HEAVY = ("jixiao.ingest", "jixiao.review", "jixiao.assess", "jixiao.forms", "jixiao.domain.table", "jixiao.jobs", "numpy", "pint", "jieba", "openpyxl", "pydantic", "django")


def test_the_help_imports_no_command_work():
    code = "import sys, json; from jixiao.cli import app; from typer.main import get_command; get_command(app); print(json.dumps(sorted(sys.modules)))"
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)
    assert [m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY or any(m.startswith(h + ".") for h in HEAVY)] == []


def test_the_help_still_lists_every_command_and_its_options():
    from jixiao.cli import app

    runner = CliRunner()
    top = runner.invoke(app, ["--help"])
    assert top.exit_code == 0
    for command in ("ingest", "schema", "serve", "demo", "review", "template", "monitor", "score", "forms", "batch"):
        assert command in top.output
    score = runner.invoke(app, ["score", "--help"])
    assert score.exit_code == 0 and "--scheme" in score.output and "--budget" in score.output


def test_the_help_lists_the_shipped_schemes():
    from jixiao.assess import scheme_names as shipped
    from jixiao.cli.common import scheme_names

    assert scheme_names() == shipped() and "default" in scheme_names()
