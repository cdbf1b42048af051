"""Configuration, registry and grading of the review wing."""

from pathlib import Path

import pytest
from review_tables import balanced_budget, findings, make_table
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.review import RULES, ConfigError, Dimension, Severity, default_config, load_config, review

TESTS = Path(__file__).resolve().parent


def test_every_rule_has_a_docstring_and_a_test():
    test_text = "".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_review_*.py"))
    for code, rule in RULES.items():
        assert rule.doc, code
        assert f'"{code}"' in test_text, f"{code} has no test"


def test_codes_are_stable_and_families_are_modules():
    assert {r.family for r in RULES.values()} == {"budget", "framework", "measurability", "duplicates", "narrative", "cost", "project"}
    prefixes = {"budget": "BUD", "framework": "FRM", "measurability": "MEA", "duplicates": "DUP", "narrative": "NAR", "cost": "COST", "project": "PRJ"}
    for code, rule in RULES.items():
        assert code.startswith(prefixes[rule.family] + "-")


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "local.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_locality_file_overrides_only_what_it_names(tmp_path):
    config = load_config(write(tmp_path, '[budget]\ntolerance = 20.0\n'))
    assert config["budget"]["tolerance"] == 20.0
    assert config["budget"]["required"] == default_config()["budget"]["required"]
    table = make_table(budget=balanced_budget(basic=110.0))
    assert findings(table, "BUD-001") and not findings(table, "BUD-001", config)


def test_disabled_rules_do_not_run_and_severity_can_change(tmp_path):
    table = make_table(budget=balanced_budget(city=None))
    assert not findings(table, "BUD-003", load_config(write(tmp_path, '[rules]\ndisabled = ["BUD-003"]\n')))
    [hit] = findings(table, "BUD-003", load_config(write(tmp_path, '[rules.severity]\n"BUD-003" = "info"\n')))
    assert hit.severity is Severity.INFO


@pytest.mark.parametrize(
    ("text", "message"),
    [("[budget\n", "不是有效的 TOML"), ('[rules.severity]\n"BUD-003" = "fatal"\n', "无效")],
)
def test_bad_configuration_is_a_clear_error(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_config(write(tmp_path, text))


def test_missing_configuration_file(tmp_path):
    with pytest.raises(ConfigError, match="不存在"):
        load_config(tmp_path / "none.toml")


def test_cli_bad_configuration_exits_2(tmp_path, example_path):
    result = CliRunner().invoke(app, ["review", str(example_path), "--config", str(write(tmp_path, "[x\n"))])
    assert result.exit_code == 2 and "TOML" in result.output


def test_cli_exit_0_when_no_error(tmp_path, example_path):
    path = write(tmp_path, '[rules]\ndisabled = ["BUD-003"]\n')
    assert CliRunner().invoke(app, ["review", str(example_path), "--config", str(path)]).exit_code == 0


def test_grades_follow_the_configured_arithmetic(tmp_path):
    clean = review(make_table())
    assert clean.findings == [] and clean.overall.grade == "优" and clean.overall.score == 100
    table = make_table(budget=balanced_budget(basic=110.0, city=None))  # BUD-001 + BUD-003: two errors
    report = review(table)
    assert report.dimensions[Dimension.COMPLETE].score == 70 and report.dimensions[Dimension.COMPLETE].grade == "中"
    assert report.overall.score == 92.5 and report.overall.grade == "中"  # errors cap the overall grade
    assert "最高为中" in report.overall.rule
    uncapped = load_config(write(tmp_path, '[grading]\nerror_cap = ""\n'))
    assert review(table, uncapped).overall.grade == "优"
    harsh = load_config(write(tmp_path, "[grading]\ndeduct = { error = 50, warning = 5, info = 0 }\n"))
    assert review(table, harsh).dimensions[Dimension.COMPLETE].grade == "差"


def test_jieba_is_lazy_and_quiet(example_path):
    """Importing the review wing does not load jieba; its first load writes nothing to stderr."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from jixiao.review import review\n"
        "from jixiao.ingest import read_table\n"
        "assert 'jieba' not in sys.modules\n"
        f"report = review(read_table({str(example_path)!r}))\n"
        "assert 'jieba' in sys.modules and report.findings\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
