"""Which checklist reviews a table (a department's locality checklist, the deployment default, 88号),
findings by the checklist's groups with their 审核细项 on the table and review pages, and the summary of
one upload (同批导入汇总: projects × checklist items) as a page and over the API."""

from __future__ import annotations

from collections import Counter

import pytest
from django.test import Client
from web_support import EXAMPLE_NAME, SONGGANG_UNIT, build_world, project_table, signed_in, songgang_workbook

pytestmark = pytest.mark.django_db

CHECKLIST = "songgang-2023"


@pytest.fixture
def songgang():
    return songgang_workbook()


def api_client(user) -> Client:
    from jixiao.web.accounts.models import ApiToken

    return Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)[1]}")


def expected_items(table, config) -> tuple[str, Counter, int]:
    """What the review wing says of one table: grade, checklist items hit (with counts), number of findings."""
    from jixiao.review import review

    report = review(table, config)
    return str(report.overall.grade), Counter(f.checklist_item for f in report.findings if f.checklist_item), len(report.findings)


def test_songgang_workbook_reviewed_with_its_checklist_per_project_and_as_a_batch(songgang):
    from jixiao.ingest import read_document_bytes
    from jixiao.review import load_config
    from jixiao.web.accounts.models import Role
    from jixiao.web.demo import ensure_user
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import AuditEntry, Department, TargetTableRecord

    staff = ensure_user("songgang", Role.STAFF, Department.objects.create(name=SONGGANG_UNIT), "pw")
    client = signed_in(staff)
    form = client.get("/upload/").content.decode()
    assert f'value="{CHECKLIST}"' in form and "审核口径" in form
    with open(songgang, "rb") as fh:
        uploaded = client.post("/upload/", {"document": fh, "checklist": CHECKLIST})
    assert uploaded.status_code == 302
    preview = client.get(uploaded["Location"])
    assert "松岗街道 2023 年项目支出绩效目标审核口径" in preview.content.decode()
    assert any(f.checklist_item for p in preview.context["previews"] for f in p.findings)  # the preview uses the chosen checklist
    done = client.post(uploaded["Location"], {"pending": preview.context["pending"].pk, "year": 2023})
    assert done.status_code == 302

    config = load_config(CHECKLIST)
    records = list(TargetTableRecord.objects.order_by("id"))
    assert len(records) == 20 and len({r.batch for r in records}) == 1 and records[0].batch is not None
    assert Department.objects.get(name=SONGGANG_UNIT).review_checklist == CHECKLIST
    assert AuditEntry.objects.filter(action="审核口径", after=CHECKLIST).count() == 1
    document = read_document_bytes(songgang.read_bytes(), songgang.name)
    expected = [expected_items(t.model_copy(update={"year": 2023}), config) for t in document.tables]
    assert [r.review_grade for r in records] == [grade for grade, _, _ in expected]  # the portfolio's grade is the checklist's

    seen: set[str] = set()
    for record, (_grade, items, total) in zip(records, expected, strict=True):
        response = client.get(f"/tables/{record.pk}/")
        page = response.content.decode()
        assert response.status_code == 200 and "审核细项" in page and "同批导入汇总" in page
        assert [g.name for g in response.context["groups"]] == ["完整性", "可测性", "可行性"]
        assert sum(len(g.findings) for g in response.context["groups"]) == total
        for item in items:
            assert item in page, (record.label, item)
        seen |= set(items)
        for row in response.context["rows"]:  # findings at their indicator rows, by Problem.row
            assert all(f.row == row.position - 1 for f in row.findings if f.row is not None)
    assert "测算依据不规范" in seen and "政策依据不规范" in seen
    review_page = client.get(f"/tables/{records[3].pk}/findings/")
    assert review_page.status_code == 200 and "审核细项" in review_page.content.decode()
    assert [g.name for g in review_page.context["groups"]] == ["完整性", "可测性", "可行性"]

    totals: Counter = Counter()
    for _grade, items, _total in expected:
        totals.update(items)
    summary_page = client.get(f"/batches/{records[0].batch}/")
    assert summary_page.status_code == 200
    summary = summary_page.context["summary"]
    assert [row.record.pk for row in summary.rows] == [r.pk for r in records]
    assert [(row.grade, dict(row.items), row.findings) for row in summary.rows] == [(g, dict(i), n) for g, i, n in expected]
    assert dict(summary.totals) == dict(totals) and set(summary.columns) == set(totals)
    html = summary_page.content.decode()
    assert "测算依据不规范" in html and "✓" in html and all(f'href="/tables/{r.pk}/"' in html for r in records)

    api = api_client(staff).get(f"/api/batches/{records[0].batch}/summary")
    assert api.status_code == 200
    body = api.json()
    assert body["source_file"] == songgang.name and body["checklist"] == CHECKLIST
    assert [t["id"] for t in body["tables"]] == [r.pk for r in records]
    assert [t["sheet"] for t in body["tables"]] == [t.locator.sheet for t in document.tables]
    assert [t["project"] for t in body["tables"]] == [{"code": mapping.project_code_of(t), "name": r.label} for t, r in zip(document.tables, records, strict=True)]
    assert [(t["grade"], t["items"]) for t in body["tables"]] == [(g, dict(i)) for g, i, _ in expected]
    assert body["totals"] == dict(totals)
    portfolio = client.get("/").content.decode()
    assert f'href="/batches/{records[0].batch}/"' in portfolio


def test_a_batch_without_shared_files_matches_the_review_wing(example_path, example, monkeypatch):
    """A document of a department table and two project tables imported over the API with the checklist."""
    from jixiao.domain.document import Document
    from jixiao.domain.table import Locator
    from jixiao.review import load_config
    from jixiao.web.tables import mapping, services
    from jixiao.web.tables.models import TargetTableRecord

    world = build_world(example_path)
    TargetTableRecord.objects.filter(department__name=EXAMPLE_NAME, year=2025).delete()
    tables = [example.model_copy(update={"locator": Locator(sheet="部门整体")}),
              project_table(example, name="新项目", code="P9").model_copy(update={"locator": Locator(sheet="项目一")}),
              project_table(example, name="另一项目", code="P10").model_copy(update={"locator": Locator(sheet="项目二")})]
    monkeypatch.setattr(services, "read_document_bytes", lambda data, name: Document(source_file=name, format="xlsx", tables=tables))
    api = api_client(world.users["staffA"])
    response = api.post("/api/tables/import", {"document": _file("three.xlsx"), "year": 2025, "checklist": CHECKLIST})
    assert response.status_code == 201, response.content
    imported = response.json()["tables"]
    batch = imported[0]["batch"]
    assert batch and {t["batch"] for t in imported} == {batch}
    records = [TargetTableRecord.objects.get(pk=t["id"]) for t in imported]
    config = load_config(CHECKLIST)
    expected = [expected_items(mapping.to_domain(r), config) for r in records]
    body = api.get(f"/api/batches/{batch}/summary").json()
    assert [(t["grade"], t["items"]) for t in body["tables"]] == [(g, dict(i)) for g, i, _ in expected]
    assert body["tables"][1]["project"] == {"code": "P9", "name": "新项目"} and body["tables"][1]["sheet"] == "项目一"
    totals: Counter = Counter()
    for _g, items, _n in expected:
        totals.update(items)
    assert body["totals"] == dict(totals) and body["totals"]
    findings = api.get(f"/api/tables/{records[1].pk}/findings").json()["findings"]
    assert Counter(f["checklist_item"] for f in findings if f["checklist_item"]) == expected[1][1]

    reviewer = signed_in(world.users["reviewer"])  # every role that may see the tables sees the same matrix
    assert dict(reviewer.get(f"/batches/{batch}/").context["summary"].totals) == dict(totals)
    refused = signed_in(world.users["staffB"]).get(f"/batches/{batch}/")
    assert refused.status_code == 403 and "无权" in refused.content.decode()
    assert signed_in(world.users["reviewer"]).get("/batches/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert api.post("/api/tables/import", {"document": _file("three.xlsx"), "checklist": "nowhere-2020"}).json()["detail"].startswith("未知的审核口径“nowhere-2020”")


def _file(name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"PK")


def test_a_department_without_a_checklist_is_reviewed_with_the_default_configuration(example_path):
    from jixiao.review import DIMENSIONS, review
    from jixiao.web import engines
    from jixiao.web.tables import mapping

    world = build_world(example_path)
    record = world.tables["A_project"]
    assert record.department.review_checklist == ""
    client = signed_in(world.users["reviewer"])
    for url in (f"/tables/{record.pk}/", f"/tables/{record.pk}/findings/"):
        response = client.get(url)
        report = review(mapping.to_domain(record))
        assert response.context["checklist"] == engines.DEFAULT_LABEL
        assert [g.name for g in response.context["groups"]] == [d.value for d in DIMENSIONS]
        assert [(f.code, f.row) for g in response.context["groups"] for f in g.findings] == [(f.code, f.row) for f in report.findings]
        assert "审核细项" in response.content.decode()
    summary = client.get(f"/batches/{record.batch}/").context["summary"]  # without a checklist the criteria are the rule codes
    assert summary.checklist == "default" and set(summary.columns) <= {f.code for f in review(mapping.to_domain(world.tables["A_draft"])).findings} | {
        f.code for f in review(mapping.to_domain(record)).findings}


def test_the_deployment_default_and_the_reviewers_choice(example_path, settings):
    from jixiao.review import load_config, review
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import AuditEntry, Department, TargetTableRecord

    world = build_world(example_path)
    record = world.tables["A_project"]
    client = signed_in(world.users["reviewer"])
    settings.REVIEW_CHECKLIST = CHECKLIST  # JIXIAO_REVIEW_CHECKLIST: departments without their own
    groups = client.get(f"/tables/{record.pk}/").context["groups"]
    assert [g.name for g in groups] == ["完整性", "可测性", "可行性"] and any(f.checklist_item for g in groups for f in g.findings)
    settings.REVIEW_CHECKLIST = ""

    page = client.get("/departments/")
    assert page.status_code == 200 and EXAMPLE_NAME in page.content.decode()
    department = Department.objects.get(name=EXAMPLE_NAME)
    assert client.post(f"/departments/{department.pk}/checklist/", {"checklist": CHECKLIST}).status_code == 302
    department.refresh_from_db()
    assert department.review_checklist == CHECKLIST
    assert AuditEntry.objects.filter(action="审核口径", field=EXAMPLE_NAME, before="默认", after=CHECKLIST).exists()
    assert TargetTableRecord.objects.get(pk=record.pk).review_grade == str(review(mapping.to_domain(record), load_config(CHECKLIST)).overall.grade)
    assert client.post(f"/departments/{department.pk}/checklist/", {"checklist": "nowhere"}).status_code == 400
    staff_form = signed_in(world.users["staffA"]).get("/upload/")
    assert staff_form.context["form"].fields["checklist"].initial == CHECKLIST  # the upload form offers the department's


@pytest.mark.parametrize("where", ["department", "setting"])
def test_an_unknown_checklist_gives_a_clear_message_not_a_500(example_path, settings, where):
    from jixiao.web.tables.models import Department

    world = build_world(example_path)
    record = world.tables["A_project"]
    if where == "department":
        Department.objects.filter(name=EXAMPLE_NAME).update(review_checklist="nowhere-2020")
        message = f"部门“{EXAMPLE_NAME}”的审核口径“nowhere-2020”不存在"
    else:
        settings.REVIEW_CHECKLIST = "nowhere-2020"
        message = "部署设置 JIXIAO_REVIEW_CHECKLIST=“nowhere-2020”无法使用"
    client = signed_in(world.users["staffA"])
    for url in (f"/tables/{record.pk}/", f"/tables/{record.pk}/findings/"):
        response = client.get(url)
        assert response.status_code == 200 and message in response.content.decode() and "songgang-2023" in response.content.decode(), url
    batch = client.get(f"/batches/{record.batch}/")
    assert batch.status_code == 409 and message in batch.content.decode()
    api = api_client(world.users["staffA"])
    for url in (f"/api/tables/{record.pk}/findings", f"/api/batches/{record.batch}/summary"):
        response = api.get(url)
        assert response.status_code == 409 and message in response.json()["detail"], url
    assert client.get("/").status_code == 200 and client.get("/upload/").status_code == 200
    from web_support import edit_form

    edited = client.post(f"/tables/{record.pk}/edit/", edit_form(record) | {"name_1": "改过的名称"})
    assert edited.status_code in (400, 409) and message in edited.content.decode()
