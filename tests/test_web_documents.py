"""Tables stored as canonical documents: a workbook of many project tables imported at once (all or
nothing), project and department tables linked, listing by kind over the API, past versions."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.test import Client
from web_support import EXAMPLE_NAME, SONGGANG_UNIT, build_world, edit_form, project_table, signed_in, songgang_workbook

pytestmark = pytest.mark.django_db

FACTS = ("项目名称", "项目编码", "主管部门", "实施单位", "项目类型", "实施期限", "资金", "政策依据", "测算依据", "中长期目标", "年度目标")


@pytest.fixture
def songgang():
    return songgang_workbook()


def songgang_staff():
    from jixiao.web.accounts.models import Role
    from jixiao.web.demo import ensure_user
    from jixiao.web.tables.models import Department

    return ensure_user("songgang", Role.STAFF, Department.objects.create(name=SONGGANG_UNIT), "pw")


def test_workbook_of_20_project_sheets_is_previewed_and_imported_in_one_go(songgang):
    from jixiao.ingest import read_document_bytes, read_table
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import AuditEntry, TableVersion, TargetTableRecord

    expected = read_document_bytes(songgang.read_bytes(), songgang.name)
    client = signed_in(songgang_staff())
    with open(songgang, "rb") as fh:
        uploaded = client.post("/upload/", {"document": fh})
    assert uploaded.status_code == 302
    preview = client.get(uploaded["Location"])
    assert preview.status_code == 200
    previews = preview.context["previews"]
    assert len(previews) == 20 and {p.table.kind for p in previews} == {"project_target"}
    assert [len(p.table.indicators) for p in previews] == [len(t.indicators) for t in expected.tables]
    page = preview.content.decode()
    assert page.count('<span class="tag unfilled">空白模板</span>') >= 3 and "社区工作站经费（沙浦围社区工作站）" in page
    assert not TargetTableRecord.objects.exists()  # nothing until confirmed

    done = client.post(uploaded["Location"], {"pending": preview.context["pending"].pk, "year": 2023})
    assert done.status_code == 302
    records = list(TargetTableRecord.objects.order_by("id"))
    assert len(records) == 20 and {r.kind for r in records} == {"project_target"} and {r.year for r in records} == {2023}
    assert [r.label for r in records] == [t.label for t in expected.tables]
    assert [r.indicator_count for r in records] == [len(t.indicators) for t in expected.tables]
    assert [r.not_applicable_count for r in records] == [len(t.not_applicable) for t in expected.tables]
    assert sum(r.fill_status == "unfilled" for r in records) == sum(t.status == "unfilled" for t in expected.tables) >= 3
    assert AuditEntry.objects.filter(action="导入").count() == 20 and TableVersion.objects.count() == 20
    for record, table in zip(records, expected.tables, strict=True):  # each document is the table as read, Sources included
        assert mapping.to_domain(record).canonical_json() == table.model_copy(update={"year": 2023}).canonical_json()

    filled = records[3]
    project_page = client.get(f"/tables/{filled.pk}/").content.decode()
    for label in (*FACTS, "指标解释", "不适用"):
        assert label in project_page, label
    assert "尚无 2023 年部门整体绩效目标表" in project_page

    department_table = mapping.store(read_table(EXAMPLE), filled.department, 2023)
    project_page = client.get(f"/tables/{filled.pk}/").content.decode()
    assert f'href="/tables/{department_table.pk}/"' in project_page
    department_page = client.get(f"/tables/{department_table.pk}/")
    assert len(department_page.context["project_tables"]) == 20
    assert all(f'href="/tables/{r.pk}/"' in department_page.content.decode() for r in records)

    with open(songgang, "rb") as fh:  # importing again replaces the 20 drafts: new versions, no new tables
        again = client.post("/upload/", {"document": fh})
    client.post(again["Location"], {"pending": again["Location"].rstrip("/").split("/")[-1], "year": 2023})
    assert TargetTableRecord.objects.filter(kind="project_target").count() == 20
    assert set(TargetTableRecord.objects.filter(kind="project_target").values_list("version", flat=True)) == {2}


def test_a_sheet_that_fails_to_store_imports_nothing_and_is_named(songgang, monkeypatch):
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import AuditEntry, TargetTableRecord

    store = mapping.store

    def failing(table, *args, **kwargs):
        if table.locator.sheet.startswith("7."):
            raise RuntimeError("磁盘已满")
        return store(table, *args, **kwargs)

    monkeypatch.setattr(mapping, "store", failing)
    client = signed_in(songgang_staff())
    with open(songgang, "rb") as fh:
        uploaded = client.post("/upload/", {"document": fh})
    preview = client.get(uploaded["Location"])
    response = client.post(uploaded["Location"], {"pending": preview.context["pending"].pk, "year": 2023})
    assert response.status_code == 400
    page = response.content.decode()
    assert "未导入任何表" in page and "第7张表" in page and "7.社区工作站经费（潭头社区工作站）" in page and "磁盘已满" in page
    assert not TargetTableRecord.objects.exists() and not AuditEntry.objects.exists()


def test_a_document_of_two_tables_is_all_or_nothing(example_path, example, monkeypatch):
    """Without ../shared: a document of a department table and a project table of the same unit."""
    from jixiao.domain.document import Document
    from jixiao.domain.table import Locator
    from jixiao.web.tables import mapping, services
    from jixiao.web.tables.models import TargetTableRecord

    world = build_world(example_path)
    TargetTableRecord.objects.filter(department__name=EXAMPLE_NAME, year=2025).delete()
    tables = [example.model_copy(update={"locator": Locator(sheet="部门整体")}),
              project_table(example, name="新项目", code="P9").model_copy(update={"locator": Locator(sheet="项目一")})]
    monkeypatch.setattr(services, "read_document_bytes", lambda data, name: Document(source_file=name, format="xlsx", tables=tables))
    staff = world.users["staffA"]
    store = mapping.store

    def failing(table, *args, **kwargs):
        if table.kind == "project_target":
            raise RuntimeError("disk full")
        return store(table, *args, **kwargs)

    monkeypatch.setattr(mapping, "store", failing)
    with pytest.raises(services.Refused, match="未导入任何表") as refused:
        services.import_document(staff, b"", "two.xlsx")
    assert "第2张表（工作表“项目一”）“新项目”" in refused.value.message
    assert not TargetTableRecord.objects.filter(department__name=EXAMPLE_NAME, year=2025).exists()

    monkeypatch.setattr(mapping, "store", store)
    client = signed_in(staff)
    uploaded = client.post("/upload/", {"document": SimpleUploadedFile("two.xlsx", b"PK")})
    preview = client.get(uploaded["Location"])
    assert [(p.table.kind, p.table.label, len(p.table.indicators), len(p.table.not_applicable)) for p in preview.context["previews"]] == [
        ("department_target", EXAMPLE_NAME, 33, 0), ("project_target", "新项目", 31, 2)]
    assert preview.context["indicator_total"] == 64 and 'id="preview-tables">2<' in preview.content.decode()
    done = client.post(uploaded["Location"], {"pending": preview.context["pending"].pk, "year": 2025})
    assert done.status_code == 302 and done["Location"] == "/?year=2025&sort=label"
    department = TargetTableRecord.objects.get(department__name=EXAMPLE_NAME, year=2025, kind="department_target")
    project = TargetTableRecord.objects.get(department__name=EXAMPLE_NAME, year=2025, kind="project_target")
    assert (project.label, project.project_code, project.not_applicable_count) == ("新项目", "P9", 2)
    assert f'href="/tables/{department.pk}/"' in client.get(f"/tables/{project.pk}/").content.decode()
    assert [p.pk for p in client.get(f"/tables/{department.pk}/").context["project_tables"]] == [project.pk]


def test_one_department_table_a_year_but_many_project_tables(example_path, example):
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import Department

    dept = Department.objects.create(name=EXAMPLE_NAME)
    mapping.store(example, dept, 2025)
    for k in range(3):
        mapping.store(project_table(example, name=f"项目{k}", code=f"P{k}"), dept, 2025)
    mapping.store(project_table(example, name="项目0", code="P0-另一编码"), dept, 2025)  # same name, another code
    with pytest.raises(IntegrityError), transaction.atomic():
        mapping.store(example, dept, 2025)
    with pytest.raises(IntegrityError), transaction.atomic():
        mapping.store(project_table(example, name="项目1", code="P1"), dept, 2025)
    assert dept.tables.count() == 5


def test_blank_templates_without_a_name_are_told_apart_by_where_they_sit(example):
    from jixiao.domain.table import Locator, Project
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import Department

    dept = Department.objects.create(name=EXAMPLE_NAME)
    blank = project_table(example).model_copy(update={"project": Project(), "status": "unfilled", "indicators": [], "not_applicable": []})
    first = mapping.store(blank.model_copy(update={"locator": Locator(sheet="表一")}), dept, 2025)
    second = mapping.store(blank.model_copy(update={"locator": Locator(sheet="表二")}), dept, 2025)
    assert (first.label, second.label) == ("项目支出绩效目标申报表（工作表 表一）", "项目支出绩效目标申报表（工作表 表二）")
    assert first.fill_status == "unfilled" and first.indicator_count == 0


def test_api_lists_by_kind_and_returns_the_canonical_json(example_path):
    from jixiao.web.accounts.models import ApiToken
    from jixiao.web.tables import mapping

    world = build_world(example_path)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(world.users['reviewer'])[1]}")
    projects = client.get("/api/tables", {"kind": "project_target"}).json()
    assert [p["id"] for p in projects] == [world.tables["A_project"].pk]
    item = projects[0]
    assert (item["kind"], item["status"], item["title"], item["department"], item["year"]) == ("project_target", "draft", "职工技能提升项目", EXAMPLE_NAME, 2025)
    assert (item["indicator_count"], item["not_applicable_count"], item["fill_status"], item["project_code"]) == (31, 2, "filled", "P2025-001")
    assert len(client.get("/api/tables", {"kind": "department_target"}).json()) == 5
    assert len(client.get("/api/tables").json()) == 6
    assert client.get("/api/tables", {"kind": "budget"}).status_code == 400
    record = world.tables["A_project"]
    detail = client.get(f"/api/tables/{record.pk}").json()
    assert detail["table"] == json.loads(mapping.to_domain(record).canonical_json())
    assert detail["table"]["project"]["name"] == "职工技能提升项目" and "department" not in detail["table"]
    assert [r["id"] for r in detail["related"]] == [world.tables["A_draft"].pk]
    indicators = client.get(f"/api/tables/{record.pk}/indicators").json()
    assert len(indicators) == 31 and indicators[0]["position"] == 1 and indicators[0]["explanation"].endswith("的说明")
    findings = client.get(f"/api/tables/{world.tables['A_draft'].pk}/findings").json()["findings"]
    assert findings and {"code", "dimension", "severity", "message", "line", "row", "where", "suggestion", "source"} <= set(findings[0])


def test_the_audit_trail_returns_any_past_version(example_path):
    from jixiao.web.accounts.models import ApiToken
    from jixiao.web.tables.models import AuditEntry

    world = build_world(example_path)
    record = world.tables["A_draft"]
    old = record.data["indicators"][0]["annual_value"]
    form = edit_form(record)
    form["annual_value_1"] = "300元/月/人"
    assert signed_in(world.users["staffA"]).post(f"/tables/{record.pk}/edit/", form).status_code == 302
    assert AuditEntry.objects.get(table=record, action="修改").version == 2
    reviewer = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(world.users['reviewer'])[1]}")
    assert [v["version"] for v in reviewer.get(f"/api/tables/{record.pk}/versions").json()] == [2, 1]
    first = reviewer.get(f"/api/tables/{record.pk}/versions/1").json()
    assert first["version"] == 1 and first["table"]["indicators"][0]["annual_value"] == old
    assert reviewer.get(f"/api/tables/{record.pk}/versions/2").json()["table"]["indicators"][0]["annual_value"] == "300元/月/人"
    assert reviewer.get(f"/api/tables/{record.pk}/versions/9").status_code == 404
    pages = signed_in(world.users["reviewer"])
    history = pages.get(f"/tables/{record.pk}/history/").content.decode()
    assert f"/tables/{record.pk}/versions/1/" in history and "（当前）" in history
    past = pages.get(f"/tables/{record.pk}/versions/1/")
    assert past.status_code == 200 and old in past.content.decode() and "300元/月/人" not in past.content.decode()
    assert pages.get(f"/tables/{record.pk}/versions/1.json").json()["indicators"][0]["annual_value"] == old


def test_project_tables_edit_their_indicators_and_explanations(example_path):
    world = build_world(example_path)
    record = world.tables["A_project"]
    client = signed_in(world.users["staffA"])
    page = client.get(f"/tables/{record.pk}/edit/")
    assert page.status_code == 200 and page.context["fields"] == [] and 'name="explanation_1"' in page.content.decode()
    form = edit_form(record)
    form["explanation_1"] = "按培训签到表计数"
    assert client.post(f"/tables/{record.pk}/edit/", form).status_code == 302
    record.refresh_from_db()
    assert record.data["indicators"][0]["explanation"] == "按培训签到表计数" and record.version == 2
    assert len(record.data["not_applicable"]) == 2 and record.data["project"]["code"] == "P2025-001"


def test_findings_are_placed_at_their_indicator_by_row(example_path):
    world = build_world(example_path)
    response = signed_in(world.users["reviewer"]).get(f"/tables/{world.tables['A_draft'].pk}/")
    rows = response.context["rows"]
    with_row = [f for f in response.context["findings"] if f.row is not None]
    assert with_row, "the example has indicator findings"
    for finding in with_row:
        assert any(f is finding for f in rows[finding.row].findings), finding.code


def test_monitoring_and_self_evaluation_of_a_project_table(example_path):
    from jixiao.web.evaluation.models import Evaluation
    from jixiao.web.monitoring.models import Snapshot

    world = build_world(example_path)
    record = world.tables["A_project"]
    record.status = "approved"
    record.save()
    staff, evaluator = signed_in(world.users["staffA"]), signed_in(world.users["evaluator"])
    every_row = {f"actual_{n}": row.get("annual_value") or "完成" for n, row in enumerate(record.data["indicators"], 1)}
    form = {"as_of": "2025-07-31", "executed": "392", **every_row, "actual_5": "10个", "action": "submit"}
    assert staff.post(f"/tables/{record.pk}/monitoring/", form).status_code == 302
    chart = staff.get(f"/tables/{record.pk}/monitoring/").context["chart"]
    assert chart["execution"] == [50.0]  # 392 of the project's annual 784 万元
    assert Snapshot.objects.get(table=record).actuals["5"] == "10个"
    assert evaluator.post(f"/tables/{record.pk}/evaluation/", {"executed": "700", "actual_5": "21个"}).status_code == 302
    page = evaluator.get(f"/tables/{record.pk}/evaluation/")
    assert page.status_code == 200 and Evaluation.objects.get(table=record).score is not None
