"""One validation for import, edit and API (the domain's bounds), one list of placeholders, and every
query parameter checked: the attempts of issue 12 each refused with a Chinese message (never a 500) and
nothing stored, or accepted as "not filled"."""

from __future__ import annotations

import pytest
from web_support import EXAMPLE_NAME, build_world, edit_form, indicator, signed_in

pytestmark = pytest.mark.django_db

BAD_NUMBERS = [  # (field, typed, what the message says)
    ("basic", "nan", "不是数字"),
    ("basic", "inf", "不是数字"),
    ("project", "-inf", "不是数字"),
    ("basic", "-500", "不能为负数"),
    ("special_fund", "1e308", "超出范围"),
    ("fiscal_appropriation", "１e99999", "不是数字"),
    ("funded_staff", "100000000000000000000", "超出范围"),
    ("funded_staff", "-3", "不能为负数"),
    ("subordinate_units", "2.5", "不是整数"),
    ("funded_staff", "²", "不是整数"),
]


@pytest.mark.parametrize(("field", "typed", "says"), BAD_NUMBERS)
def test_an_edit_with_an_impossible_number_is_refused_and_nothing_changes(example_path, field, typed, says):
    world = build_world(example_path)
    record = world.tables["A_draft"]
    form = edit_form(record)
    form[field] = typed
    response = signed_in(world.users["staffA"]).post(f"/tables/{record.pk}/edit/", form)
    page = response.content.decode()
    assert response.status_code == 400 and says in page, page[:2000]
    record.refresh_from_db()
    assert record.version == 1 and record.versions.count() == 1


def test_the_domain_refuses_what_the_forms_refuse():
    from pydantic import ValidationError

    from jixiao.domain.table import Budget, Department, Expenditure

    for bad in (float("nan"), float("inf"), -500.0, 1e308):
        with pytest.raises(ValidationError):
            Budget(expenditure=Expenditure(basic=bad))
    for bad in (-1, 10**20):
        with pytest.raises(ValidationError):
            Department(funded_staff=bad)
    assert Budget(expenditure=Expenditure(basic=0.0, project=9_999_999_999.0)).expenditure_total == 9_999_999_999.0


def test_an_import_with_impossible_numbers_keeps_them_out_with_a_note(example_path):
    """The reader asks the same bounds: −500 万元 and 10²⁰ staff are read as not filled, each with a note."""
    from jixiao.ingest import read_bytes

    text = example_path.read_text(encoding="utf-8")
    text = text.replace("财政供养人员数\t39", "财政供养人员数\t100000000000000000000").replace("基本支出\t1,767.72", "基本支出\t-500")
    table = read_bytes(text.encode("utf-8"), "bad-numbers.txt")
    assert table.department is not None and table.department.funded_staff is None
    assert table.budget.expenditure.basic is None
    notes = [n.message for n in table.notes if n.code == "OUT-OF-BOUNDS"]
    assert any("财政供养人员数超出范围" in n for n in notes) and any("基本支出" in n and "不能为负数" in n for n in notes)


def test_a_table_imported_with_placeholders_can_be_saved_afterwards(example_path):
    """“/”、“—”、“无” are accepted by import and edit alike and kept as "not filled"."""
    from jixiao.web.tables import services
    from jixiao.web.tables.models import TargetTableRecord

    world = build_world(example_path)
    text = example_path.read_text(encoding="utf-8")
    text = text.replace("1000元/人\t1000元/人", "/\t—").replace("市本级使用资金\t", "市本级使用资金\t/")
    [record] = services.import_document(world.users["staffA"], text.replace("(2025年)", "(2026年)").encode("utf-8"), "placeholders.txt")
    record = TargetTableRecord.objects.get(pk=record.pk)
    position = next(n for n, row in enumerate(record.data["indicators"], 1) if row["name"] == "求学圆梦行动补贴标准")
    assert indicator(record, position)["period_value"] == "/" and indicator(record, position)["annual_value"] == "—"
    client = signed_in(world.users["staffA"])
    form = edit_form(record)
    assert client.post(f"/tables/{record.pk}/edit/", form).status_code == 302  # unchanged: saved (nothing to change)
    form["annual_value_1"] = "210元/月/人"
    form["income_other"] = "无"  # a placeholder in a number field: not filled
    assert client.post(f"/tables/{record.pk}/edit/", form).status_code == 302
    record.refresh_from_db()
    assert record.version == 2 and indicator(record, 1)["annual_value"] == "210元/月/人"
    assert indicator(record, position)["period_value"] == "/"  # kept as written
    assert record.data["budget"]["income"]["other"] is None and record.data["budget"]["by_level"]["city_level"] is None


def test_placeholders_are_one_list():
    from jixiao.domain.blank import is_blank
    from jixiao.web.tables.forms import parse_number, value_error, value_summary

    for text in ("", "  ", "/", "／", "—", "——", "-", "－", "无", "……", "N/A"):
        errors: list[str] = []
        assert is_blank(text) and value_error(text, None) is None and parse_number(text, "基本支出", errors) is None and not errors
    for text in ("0", "不适用", "无锡", "-5"):
        assert not is_blank(text)
    assert value_summary("／", None) == "未填（占位符）"


def test_the_live_check_names_every_kind_of_value():
    """Every kind the grammar reads has its Chinese name in the live check (a deadline is 时限, not a 500)."""
    from jixiao.web.tables.forms import value_summary

    assert value_summary("2025年11月底前", "产出指标").startswith("时限")
    assert value_summary("≥500人次", "产出指标").startswith("数值")
    assert value_summary("第3批次abc12", "产出指标").startswith("无法识别")


PAGE_ATTEMPTS = [
    ("/?year=²", "年度"),
    ("/?year=99999999999999999999", "年度"),
    ("/?status=deleted", "状态"),
    ("/?kind=x", "表类型"),
    ("/?sort=password", "排序"),
    ("/?page=99999999999999999999", "页码"),
    ("/?q=%07", "控制字符"),
    ("/?q=%00", "空字符"),
    ("/audit/?year=²", "年度"),
]


@pytest.mark.parametrize(("url", "says"), PAGE_ATTEMPTS)
def test_a_page_query_parameter_out_of_its_range_is_a_400_in_chinese(example_path, url, says):
    world = build_world(example_path)
    response = signed_in(world.users["reviewer"]).get(url)
    assert response.status_code == 400 and says in response.content.decode()


def test_good_page_parameters_still_filter(example_path):
    world = build_world(example_path)
    client = signed_in(world.users["reviewer"])
    response = client.get("/?year=2025&status=draft&kind=department_target&sort=-score&page=1&q=东莞")
    assert response.status_code == 200
    assert {t.pk for t in response.context["page"]} == {world.tables["A_draft"].pk, world.tables["B_draft"].pk}


API_ATTEMPTS = [
    ("/api/tables?offset=-5", "offset不能为负数"),
    ("/api/tables?limit=-1", "limit不能小于 1"),
    ("/api/tables?limit=0", "limit不能小于 1"),
    ("/api/tables?limit=100000", "limit超出范围"),
    ("/api/tables?offset=99999999999999999999", "offset超出范围"),
    ("/api/tables?year=²", "year应为整数"),
    ("/api/tables?year=99999", "year超出范围"),
    ("/api/tables?department=99999999999999999999", "department超出范围"),
    ("/api/tables?status=gone", "未知的状态"),
    ("/api/tables?q=%07", "控制字符"),
    ("/api/tables?q=%00", "空字符"),
    ("/api/audit/summary?year=1e5", "year应为整数"),
]


@pytest.mark.parametrize(("url", "says"), API_ATTEMPTS)
def test_an_api_query_parameter_out_of_its_range_is_a_400_in_chinese(example_path, url, says):
    from jixiao.web.accounts.models import ApiToken

    world = build_world(example_path)
    token = ApiToken.issue(world.users["reviewer"])[1]
    response = signed_in(world.users["reviewer"]).get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 400 and says in response.json()["detail"], response.content


def test_api_paging_still_pages(example_path):
    from jixiao.web.accounts.models import ApiToken

    world = build_world(example_path)
    token = ApiToken.issue(world.users["reviewer"])[1]
    client = signed_in(world.users["reviewer"])
    everything = client.get("/api/tables?limit=500", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    page = client.get("/api/tables?limit=2&offset=1", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert len(everything) == 6 and [t["id"] for t in page] == [t["id"] for t in everything[1:3]]
    assert {t["department"] for t in everything} == {EXAMPLE_NAME, "东莞市教育局"}


@pytest.mark.parametrize("typed", ["inf", "nan", "-1", "1e308"])
def test_monitoring_spending_that_is_no_number_is_refused_and_nothing_stored(example_path, typed):
    from jixiao.web.monitoring.models import Snapshot
    from jixiao.web.tables.models import AuditEntry

    world = build_world(example_path)
    record = world.tables["A_approved"]
    response = signed_in(world.users["staffA"]).post(f"/tables/{record.pk}/monitoring/", {"as_of": "2023-07-31", "executed": typed, "actual_5": "8人"})
    assert response.status_code == 400 and "执行数" in response.content.decode()
    assert not Snapshot.objects.exists() and not AuditEntry.objects.filter(table=record).exists()


NUL_ATTEMPTS = [  # (who, table, path, form) — each would store a NUL, which PostgreSQL refuses with a 500
    ("staffA", "A_draft", "edit/", {"name_3": "职业技能\x00竞赛补贴标准"}),
    ("evaluator", "A_approved", "evaluation/", {"actual_1": "达成\x00", "action": "save"}),
    ("staffA", "A_approved", "monitoring/", {"as_of": "2023-07-31", "actual_5": "8\x00人"}),
    ("reviewer", "A_submitted", "return/", {"comment": "请修改\x00"}),
]


@pytest.mark.parametrize(("who", "key", "path", "form"), NUL_ATTEMPTS)
def test_a_nul_character_in_a_form_is_refused_and_nothing_stored(example_path, who, key, path, form):
    from jixiao.web.evaluation.models import Evaluation
    from jixiao.web.monitoring.models import Snapshot
    from jixiao.web.review.models import ReviewComment
    from jixiao.web.tables.models import AuditEntry

    world = build_world(example_path)
    record = world.tables[key]
    data = {**edit_form(record), **form} if path == "edit/" else form
    response = signed_in(world.users[who]).post(f"/tables/{record.pk}/{path}", data)
    assert response.status_code == 400 and "空字符" in response.content.decode()
    record.refresh_from_db()
    assert record.version == 1 and record.status == world.tables[key].status
    assert not any(m.objects.exists() for m in (AuditEntry, Evaluation, Snapshot, ReviewComment))


def test_a_nul_character_in_an_api_query_is_a_400(example_path):
    from jixiao.web.accounts.models import ApiToken

    world = build_world(example_path)
    token = ApiToken.issue(world.users["reviewer"])[1]
    response = signed_in(world.users["reviewer"]).get("/api/tables?kind=%00", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 400 and "空字符" in response.json()["detail"]


def test_a_superscript_digit_in_a_form_field_is_no_500(example_path):
    """“²” passes str.isdigit() but not int() (found by the form fuzzer): a row comment keyed comment_² and a
    token lifetime of ² days are not numbers, not a server error."""
    from jixiao.web.accounts.models import ApiToken
    from jixiao.web.review.models import ReviewComment

    world = build_world(example_path)
    record = world.tables["A_submitted"]
    reviewer = signed_in(world.users["reviewer"])
    reviewer.raise_request_exception = False
    returned = reviewer.post(f"/tables/{record.pk}/return/", {"comment": "请修改", "comment_²": "这不是行号"})
    assert returned.status_code == 302
    assert [c.row for c in ReviewComment.objects.filter(table=record)] == [None]  # the table's comment, no row comment
    issued = reviewer.post("/accounts/token/new/", {"name": "脚本", "days": "²"})
    assert issued.status_code == 201 and ApiToken.objects.filter(user=world.users["reviewer"]).count() == 1  # the default lifetime


def test_the_api_import_keeps_impossible_numbers_out_with_a_note(example_path):
    """The API's import asks the same bounds as the upload and the edit: −500 万元 and 10²⁰ staff are stored as
    not filled, each with its note, and the rest of the table is imported."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from jixiao.web.accounts.models import ApiToken
    from jixiao.web.tables.models import TargetTableRecord

    world = build_world(example_path)
    text = example_path.read_text(encoding="utf-8").replace("(2025年)", "(2026年)")
    text = text.replace("财政供养人员数\t39", "财政供养人员数\t100000000000000000000").replace("基本支出\t1,767.72", "基本支出\t-500")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(world.users['staffA'])[1]}")
    answer = api.post("/api/tables/import", {"document": SimpleUploadedFile("bad-numbers.txt", text.encode("utf-8"))})
    assert answer.status_code == 201, answer.content
    record = TargetTableRecord.objects.get(pk=answer.json()["id"])
    assert record.data["department"]["funded_staff"] is None and record.data["budget"]["expenditure"]["basic"] is None
    notes = [n["message"] for n in record.data["notes"] if n["code"] == "OUT-OF-BOUNDS"]
    assert any("财政供养人员数超出范围" in n for n in notes) and any("基本支出" in n and "不能为负数" in n for n in notes)
    assert len(record.data["indicators"]) == 33
