"""`jixiao batch --import --user NAME`: every document read is stored in the database as that account's upload
would be — all of a document or none of it, each refusal on its line, and a rerun stores nothing twice.

Most tests run the command in this process on the test database (pytest-django's, migrated); one runs it as
a person would, in its own process on a temporary SQLite file named by `--database`.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from selfeval_support import selfeval_file, selfeval_workbook
from typer.testing import CliRunner
from web_support import EXAMPLE_NAME, project_table

from jixiao.cli import app

runner = CliRunner()
OTHER = "东莞市教育局"


@pytest.fixture
def docs(tmp_path, example_path, example):
    """The shipped example (a department table), a project table of the same department printed as XLSX, a
    published self-evaluation, the example as another department sent it, and a file that is not a table."""
    from jixiao.forms import render

    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(example_path, folder / "部门整体.txt")
    (folder / "项目.xlsx").write_bytes(render(project_table(example), "xlsx"))
    selfeval_file(folder, 40, 90)
    (folder / "教育局.txt").write_text(example_path.read_text(encoding="utf-8").replace(EXAMPLE_NAME, OTHER), encoding="utf-8")
    (folder / "坏文件.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    return folder


@pytest.fixture
def staff(db):
    from jixiao.web.accounts.models import Role
    from jixiao.web.demo import ensure_user
    from jixiao.web.tables.models import Department

    return ensure_user("staff_a", Role.STAFF, Department.objects.create(name=EXAMPLE_NAME), "pw")


def _lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]


def _by_name(out: Path) -> dict[str, dict]:
    return {Path(line["file"]).name: line for line in _lines(out)}


def _stored() -> tuple[int, int, int]:
    """Tables, versions and audit entries in the database."""
    from jixiao.web.tables.models import AuditEntry, TableVersion, TargetTableRecord

    return TargetTableRecord.objects.count(), TableVersion.objects.count(), AuditEntry.objects.count()


def _batch(*args: str):
    return runner.invoke(app, ["batch", *args])


def test_import_stores_every_table_with_the_account_in_its_audit_trail(docs, tmp_path, staff):
    from jixiao.web.tables.models import AuditEntry, TargetTableRecord

    out = tmp_path / "out"
    result = _batch(str(docs), "--out", str(out), "--workers", "2", "--import", "--user", "staff_a")
    assert result.exit_code == 1, result.output  # one file unreadable, one refused
    assert "账户 staff_a" in result.output and "Traceback" not in result.output
    lines = _by_name(out)
    assert {name: line["imported"] for name, line in lines.items()} == {
        "部门整体.txt": 1, "项目.xlsx": 1, "自评表-40.xlsx": 1, "教育局.txt": 0, "坏文件.pdf": 0}
    refused = lines["教育局.txt"]
    assert refused["error"] is None and refused["tables"] == 1  # read and reviewed; only the import was refused
    assert str(docs / "教育局.txt") in refused["import_error"] and OTHER in refused["import_error"] and EXAMPLE_NAME in refused["import_error"]
    assert lines["坏文件.pdf"]["error"] and lines["坏文件.pdf"]["import_error"] is None
    assert all(line["settings"]["import"]["user"] == "staff_a" for line in lines.values())

    records = list(TargetTableRecord.objects.select_related("department").order_by("kind"))
    assert [(r.kind, r.department.name, r.year) for r in records] == [
        ("department_target", EXAMPLE_NAME, 2025), ("project_target", EXAMPLE_NAME, 2025), ("selfeval", EXAMPLE_NAME, 2024)]
    assert records[0].indicator_count == lines["部门整体.txt"]["rows"] == 33
    entries = list(AuditEntry.objects.filter(action="导入"))
    assert len(entries) == 3 and {e.username for e in entries} == {"staff_a"} and {e.user_id for e in entries} == {staff.pk}
    assert {e.field.split(" · ")[0] for e in entries} == {str(docs / n) for n in ("部门整体.txt", "项目.xlsx", "自评表-40.xlsx")}
    assert {v.username for r in records for v in r.versions.all()} == {"staff_a"}

    with (out / "summary.csv").open(encoding="utf-8-sig") as handle:
        rows = {Path(r["file"]).name: r for r in csv.DictReader(handle)}
    assert list(next(iter(rows.values()))) == ["file", "hash", "format", "tables", "rows", "error_findings", "warning_findings",
                                                "info_findings", "score", "error", "imported"]
    assert rows["部门整体.txt"]["imported"] == "1" and rows["教育局.txt"]["imported"] == "0" and OTHER in rows["教育局.txt"]["error"]


def test_a_rerun_imports_nothing_twice_and_retries_only_the_refused_import(docs, tmp_path, staff):
    out = tmp_path / "out"
    args = [str(docs), "--out", str(out), "--workers", "1", "--import", "--user", "staff_a"]
    _batch(*args)
    stored = _stored()
    again = _batch(*args)
    assert "5 个文件，4 个已完成（跳过），待处理 1 个" in again.output, again.output  # the refused import is tried again
    assert _stored() == stored
    assert len(_lines(out)) == 6

    forced = _batch(*args, "--force")  # every document read and imported again: each table is already stored as the file has it
    assert "待处理 5 个" in forced.output and _stored() == stored
    assert _by_name(out)["部门整体.txt"]["imported"] == 1


def test_a_rerun_with_another_checklist_redoes_every_document_and_supersedes_its_line(docs, tmp_path, staff):
    out = tmp_path / "out"
    args = [str(docs), "--out", str(out), "--workers", "1", "--import", "--user", "staff_a"]
    _batch(*args)
    stored = _stored()
    other = _batch(*args, "--config", "songgang-2023")
    assert "5 个文件，0 个已完成（跳过），待处理 5 个" in other.output, other.output
    assert _stored() == stored  # read again with other rules; the database already holds these tables
    with (out / "summary.csv").open(encoding="utf-8-sig") as handle:
        assert len(list(csv.DictReader(handle))) == 5  # one row a document: its latest line
    latest = {}
    for line in _lines(out):
        latest[line["hash"]] = line
    assert {line["settings"]["checklist"] for line in latest.values()} == {"songgang-2023"}
    back = _batch(*args)
    assert "待处理 5 个" in back.output  # the latest lines are songgang's: the default checklist redoes them


def test_a_document_whose_import_fails_leaves_none_of_its_tables(docs, tmp_path, staff, monkeypatch):
    """A workbook of two self-evaluations whose second table cannot be stored: neither is, the line says why
    and the traceback goes to import.log, not the console; the other documents are imported."""
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import TargetTableRecord

    (docs / "两张自评表.xlsx").write_bytes(selfeval_workbook({"甲": (40, 90), "乙": (45, 95)}))
    real = mapping.store

    def fails_on_sheet_b(table, *args, **kwargs):
        if table.locator.sheet == "乙":
            raise ValueError("disk full")
        return real(table, *args, **kwargs)

    monkeypatch.setattr(mapping, "store", fails_on_sheet_b)
    out = tmp_path / "out"
    result = _batch(str(docs), "--out", str(out), "--workers", "1", "--import", "--user", "staff_a")
    line = _by_name(out)["两张自评表.xlsx"]
    assert line["tables"] == 2 and line["imported"] == 0 and "disk full" in line["import_error"] and "未导入任何表" in line["import_error"]
    assert not TargetTableRecord.objects.filter(source_file__endswith="两张自评表.xlsx").exists()
    assert TargetTableRecord.objects.count() == 3  # the three other documents of the account's department
    assert "Traceback" not in result.output and "ValueError: disk full" in (out / "import.log").read_text(encoding="utf-8")
    monkeypatch.setattr(mapping, "store", real)
    _batch(str(docs), "--out", str(out), "--workers", "1", "--import", "--user", "staff_a")
    assert _by_name(out)["两张自评表.xlsx"]["imported"] == 2


@pytest.mark.parametrize(("args", "message"), [
    (["--import"], "--import 需要用 --user"),
    (["--user", "staff_a"], "只用于 --import"),
    (["--import", "--user", "nobody"], "账户“nobody”不存在"),
    (["--import", "--user", "viewer"], "账户“viewer”不能导入"),
    (["--import", "--user", "former"], "账户“former”已停用"),
])
def test_an_account_that_cannot_import_is_refused_before_anything_starts(docs, tmp_path, staff, args, message):
    from jixiao.web.accounts.models import Role
    from jixiao.web.demo import ensure_user

    ensure_user("viewer", Role.VIEWER, None, "pw")
    former = ensure_user("former", Role.STAFF, staff.profile.department, "pw")
    former.is_active = False
    former.save()
    out = tmp_path / "out"
    result = _batch(str(docs), "--out", str(out), *args)
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output, result.output
    assert not out.exists() and _stored() == (0, 0, 0)


def test_a_file_reads_to_the_same_document_in_every_process(example_path):
    """What lets a rerun find its tables already stored: the same bytes give the same canonical document in
    any process, whatever its string hashing (PYTHONHASHSEED)."""
    code = ("import sys; from jixiao.ingest import read_document; "
            "sys.stdout.write(read_document(sys.argv[1]).canonical_json(indent=None))")
    texts = {subprocess.run([sys.executable, "-c", code, str(example_path)], env={**os.environ, "PYTHONHASHSEED": seed},
                            capture_output=True, text=True, check=True, timeout=120).stdout for seed in ("1", "2", "3")}
    assert len(texts) == 1


SETUP = """
import sys
from jixiao.cli.web import django_setup
django_setup(sys.argv[1])
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from jixiao.web.accounts.models import Role
from jixiao.web.demo import ensure_user
from jixiao.web.tables.models import Department
ensure_user("staff_a", Role.STAFF, Department.objects.create(name=sys.argv[2]), "pw")
"""


def test_import_into_the_database_named_on_the_command_line(docs, tmp_path):
    """As a person runs it: its own process, `--database` a fresh SQLite file (migrated, with the account)."""
    database = tmp_path / "jixiao.sqlite3"
    url = f"sqlite:///{database}"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "JIXIAO_DATA_DIR")} | {"COLUMNS": "400"}  # messages unwrapped

    def jixiao(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", "from jixiao.cli import main; main()", *args], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=300, check=False)

    unmigrated = jixiao("batch", str(docs), "--out", "out", "--import", "--user", "staff_a", "--database", url)
    assert unmigrated.returncode == 2 and "jixiao serve 或 jixiao demo" in unmigrated.stderr, unmigrated.stderr
    subprocess.run([sys.executable, "-c", SETUP, url, EXAMPLE_NAME], env=env, cwd=tmp_path, check=True, timeout=300)

    def count(sql: str) -> int:
        with sqlite3.connect(database) as db:
            return db.execute(sql).fetchone()[0]

    first = jixiao("batch", str(docs), "--out", "out", "--import", "--user", "staff_a", "--database", url, "--workers", "2")
    assert first.returncode == 1 and "Traceback" not in first.stderr, first.stdout + first.stderr
    assert count("SELECT COUNT(*) FROM tables_targettablerecord") == 3
    assert count("SELECT COUNT(*) FROM tables_auditentry WHERE username = 'staff_a' AND action = '导入'") == 3
    versions = count("SELECT COUNT(*) FROM tables_tableversion")
    rerun = jixiao("batch", str(docs), "--out", "out", "--import", "--user", "staff_a", "--database", url, "--workers", "2")
    assert "4 个已完成（跳过），待处理 1 个" in rerun.stdout, rerun.stdout
    assert count("SELECT COUNT(*) FROM tables_tableversion") == versions == 3
    lines = _by_name(tmp_path / "out")
    assert lines["部门整体.txt"]["settings"]["import"] == {"user": "staff_a", "database": url}
