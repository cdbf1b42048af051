"""自评得分复核 in the web app: an evaluator or the finance bureau uploads published self-evaluations
(a workbook of two: one with a deliberate over-weight score, one honest) and sees the disagreement at
its row, 评分一致性 in the portfolio, the summary across departments (page and API) and the XLSX export."""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest
from selfeval_support import selfeval_workbook
from web_support import EXAMPLE_NAME, build_world, latest_migrations, migrate, signed_in

pytestmark = pytest.mark.django_db

UNIT = EXAMPLE_NAME


def upload(client, data: bytes, name: str = "自评表.xlsx", unit: str = UNIT):
    from django.core.files.uploadedfile import SimpleUploadedFile

    uploaded = client.post("/upload/", {"document": SimpleUploadedFile(name, data), "unit": unit})
    assert uploaded.status_code == 302, uploaded.content.decode()[:2000]
    preview = client.get(uploaded["Location"])
    assert preview.status_code == 200
    done = client.post(uploaded["Location"], {"pending": preview.context["pending"].pk, "year": 2024})
    assert done.status_code == 302, done.content.decode()[:2000]
    return done


@pytest.fixture
def world(example_path):
    return build_world(example_path)


@pytest.fixture
def imported(world):
    """The evaluator's upload of a workbook of two self-evaluations: 培训项目 over its weight, 宣传项目 honest."""
    from jixiao.web.tables.models import TargetTableRecord

    upload(signed_in(world.users["evaluator"]), selfeval_workbook({"培训项目": (55, 95), "宣传项目": (50, 90)}))
    records = {}
    for r in TargetTableRecord.objects.filter(kind="selfeval"):
        records[r.label] = r
    return {("over" if "培训项目" in label else "honest"): r for label, r in records.items()}


def test_upload_stores_published_selfevals_with_their_audit_summary(world, imported):
    over, honest = imported["over"], imported["honest"]
    assert over.department.name == UNIT and over.status == "published" and over.batch == honest.batch
    assert (over.audit_disagreements, over.audit_points, over.audit_published_points, over.audit_kinds) == (1, 5.0, 95.0, {"AUD-OVER-WEIGHT": 1})
    assert (honest.audit_disagreements, honest.audit_points, honest.audit_kinds) == (0, 0.0, {})
    assert world.tables["A_draft"].audit_disagreements is None  # not a self-evaluation


def test_table_page_highlights_the_row_in_disagreement(world, imported):
    client = signed_in(world.users["reviewer"])
    page = client.get(f"/tables/{imported['over'].pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    row = html.split('id="audit-row-1"')[1].split("</tr>")[0]
    assert "audit-disagrees" in html.split('id="audit-row-1"')[0][-200:] + row[:60]
    assert "得分高于分值" in row and "公开得分 55" in row and "按规则应得 50" in row
    second = html.split('id="audit-row-2"')[1].split("</tr>")[0]
    assert "audit-disagrees" not in html.split('id="audit-row-2"')[0][-120:] and "一致" in second
    assert "1 处不符" in html and 'id="audit-total"' in html and 'id="audit-budget"' in html and 'id="audit-grade"' in html
    assert f"/tables/{imported['over'].pk}/audit.xlsx" in html
    honest = client.get(f"/tables/{imported['honest'].pk}/").content.decode()
    assert '<span class="tag ok" id="audit-verdict">一致</span>' in honest
    assert 'id="self-audit"' not in client.get(f"/tables/{world.tables['A_draft'].pk}/").content.decode()


def test_rows_needing_review_are_marked(world):
    from jixiao.domain.table import Indicator, Published, Table
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import Department

    table = Table(kind="selfeval", title="2024年度项目支出绩效自评表", year=2024, published=Published(),
                  indicators=[Indicator(level1="产出指标", level2="数量指标", name="年度资金支付完成率100%", weight=10, score=10)])
    record = mapping.store(table, Department.objects.get(name=UNIT), 2024)
    html = signed_in(world.users["evaluator"]).get(f"/tables/{record.pk}/").content.decode()
    assert "需人工复核" in html.split('id="audit-row-1"')[1].split("</tr>")[0]


def test_portfolio_column_and_filter(world, imported):
    client = signed_in(world.users["evaluator"])
    html = client.get("/?kind=selfeval").content.decode()
    assert "评分一致性" in html and "1 处不符" in html and '<span class="tag ok">一致</span>' in html
    assert [t.pk for t in client.get("/?audit=disagree").context["page"]] == [imported["over"].pk]
    assert [t.pk for t in client.get("/?audit=agree").context["page"]] == [imported["honest"].pk]
    assert imported["over"].pk not in [t.pk for t in client.get("/?audit=none").context["page"]]


def test_summary_page_and_api_count_the_disagreement(world, imported):
    from jixiao.web.accounts.models import ApiToken

    client = signed_in(world.users["reviewer"])
    page = client.get("/audit/")
    assert page.status_code == 200
    line = page.context["summary"]["departments"][0]
    assert line["department"] == UNIT and line["tables"] == 2 and line["tables_in_disagreement"] == 1 and line["table_share"] == 0.5
    assert line["points_in_disagreement"] == 5.0 and line["published_points"] == 185.0 and line["point_share"] == round(5 / 185, 4)
    assert line["kinds"]["AUD-OVER-WEIGHT"] == 1 and sum(line["kinds"].values()) == 1
    html = page.content.decode()
    assert "得分高于分值" in html and "50%" in html
    token = ApiToken.issue(world.users["evaluator"])[1]
    api = client.get("/api/audit/summary", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert api["departments"] == page.context["summary"]["departments"] and api["total"]["tables_in_disagreement"] == 1
    assert api["kinds"]["AUD-OVER-WEIGHT"] == "得分高于分值"
    assert client.get("/api/audit/summary?year=2023", HTTP_AUTHORIZATION=f"Bearer {token}").json()["departments"] == []
    detail = client.get(f"/api/tables/{imported['over'].pk}/audit", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert [d["code"] for d in detail["disagreements"]] == ["AUD-OVER-WEIGHT"] and detail["rows"][0]["published_score"] == 55
    listed = {t["id"]: t["audit_disagreements"] for t in client.get("/api/tables?kind=selfeval", HTTP_AUTHORIZATION=f"Bearer {token}").json()}
    assert listed == {imported["over"].pk: 1, imported["honest"].pk: 0}


def _book(response):
    import openpyxl

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_xlsx_export_holds_the_row_with_both_scores(world, imported):
    client = signed_in(world.users["evaluator"])
    response = client.get(f"/tables/{imported['over'].pk}/audit.xlsx")
    book = _book(response)
    assert unquote(response["Content-Disposition"]).endswith(f"''{UNIT}-2024-{imported['over'].label}-自评得分复核.xlsx")  # <单位>-<年度>-<表名>
    assert book.sheetnames[0] == "汇总" and len(book.sheetnames) == 2
    sheet = book[book.sheetnames[1]]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[1][:8] == ["序号", "三级指标", "年度指标值", "实际完成值", "分值", "公开得分", "复核得分", "差异"]
    first = rows[2]
    assert first[1] == "培训人数" and (first[5], first[6], first[7]) == (55, 50, 5) and "得分高于分值" in first[9] and "公开得分 55" in first[10]
    summary = [[c.value for c in r] for r in book["汇总"].iter_rows()]
    assert summary[0][:3] == ["单位", "自评表数", "不符表数"] and summary[1][:3] == [UNIT, 1, 1]
    whole = client.get("/audit/export.xlsx")
    every = _book(whole)
    assert len(every.sheetnames) == 3 and "自评得分复核汇总-全部年度.xlsx" in unquote(whole["Content-Disposition"])
    assert [[c.value for c in r] for r in every["汇总"].iter_rows()][-1][:3] == ["合计", 2, 1]


def test_refusals_and_bad_ids(world, imported):
    over = imported["over"].pk
    staff = signed_in(world.users["staffB"])
    viewer = signed_in(world.users["viewer"])
    for client in (staff, viewer):
        assert client.get("/audit/").status_code == 403
        assert client.get("/audit/export.xlsx").status_code == 403
    assert staff.get(f"/tables/{over}/audit.xlsx").status_code == 403  # another department's table
    assert signed_in(world.users["staffA"]).get(f"/tables/{over}/audit.xlsx").status_code == 200  # its own department's
    evaluator = signed_in(world.users["evaluator"])
    assert evaluator.get("/tables/999999/audit.xlsx").status_code == 404
    assert evaluator.get(f"/tables/{world.tables['A_draft'].pk}/audit.xlsx").status_code == 404  # not a self-evaluation
    refused = evaluator.get("/audit/?year=abc")
    assert refused.status_code == 400 and "年度“abc”无效" in refused.content.decode()  # checked, never silently ignored
    from jixiao.web.accounts.models import ApiToken

    token = ApiToken.issue(world.users["evaluator"])[1]
    assert evaluator.get("/api/tables/999999/audit", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404
    assert evaluator.get(f"/api/tables/{world.tables['A_draft'].pk}/audit", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404
    refused = evaluator.get("/api/audit/summary?year=abc", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert refused.status_code == 400 and "year应为整数" in refused.json()["detail"]


def test_auditors_upload_only_selfevals_and_need_a_unit(world, example_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jixiao.web.tables.models import Department, TargetTableRecord

    client = signed_in(world.users["reviewer"])
    form = client.get("/upload/").content.decode()
    assert "被评价单位" in form and "审核口径" not in form.split("<form")[1]
    before = TargetTableRecord.objects.count()
    uploaded = client.post("/upload/", {"document": SimpleUploadedFile("example.txt", example_path.read_bytes())})
    done = client.post(uploaded["Location"], {"pending": client.get(uploaded["Location"]).context["pending"].pk, "year": 2025})
    assert done.status_code == 400 and "只能导入已公开的绩效自评表" in done.content.decode()
    nameless = client.post("/upload/", {"document": SimpleUploadedFile("se.xlsx", selfeval_workbook({"S": (50, 90)}))})
    refused = client.post(nameless["Location"], {"pending": client.get(nameless["Location"]).context["pending"].pk, "year": 2024})
    assert refused.status_code == 400 and "请填写被评价单位" in refused.content.decode()
    assert TargetTableRecord.objects.count() == before
    upload(client, selfeval_workbook({"S": (50, 90)}), unit="新建的被评价单位")
    assert Department.objects.filter(name="新建的被评价单位").exists()
    upload(client, selfeval_workbook({"S": (52, 92)}), unit="新建的被评价单位")  # a published copy again: replaced, not refused
    again = TargetTableRecord.objects.get(department__name="新建的被评价单位")
    assert again.version == 2 and again.audit_disagreements == 1


@pytest.mark.django_db(transaction=True)
def test_migration_audits_stored_self_evaluations():
    """tables 0010: a self-evaluation stored before it gets its audit summary; other kinds stay null."""

    from jixiao.domain.table import Indicator, Published, Table

    latest = latest_migrations()
    old = migrate([("tables", "0009_checklist_and_batch")])
    try:
        Department = old.get_model("tables", "Department")
        Record = old.get_model("tables", "TargetTableRecord")
        dept = Department.objects.create(name="旧单位")
        table = Table(kind="selfeval", title="2024年度项目支出绩效自评表", year=2024, published=Published(), indicators=[
            Indicator(level1="产出指标", level2="数量指标", name="培训人数", target="≥500人", annual_value="≥500人", actual="520人", weight=50, score=55)])
        se = Record.objects.create(department=dept, year=2024, kind="selfeval", label="自评", document=table.canonical_json(indent=None))
        other = Record.objects.create(department=dept, year=2024, kind="department_target", label="旧单位", document="{}")
    finally:
        new = migrate(latest)
    Record = new.get_model("tables", "TargetTableRecord")
    se, other = Record.objects.get(pk=se.pk), Record.objects.get(pk=other.pk)
    assert (se.audit_disagreements, se.audit_points, se.audit_kinds) == (1, 5.0, {"AUD-OVER-WEIGHT": 1})
    assert other.audit_disagreements is None
