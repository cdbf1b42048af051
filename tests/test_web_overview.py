"""The bureau's overview: the combined 信号灯 (workflow, review, monitoring, score) in Python and as a
database filter agree on every combination; counts by status per department and region; the 待审核 queue
by deadline; the portfolio filtered (region, kind, grade, light, indicator text) and its XLSX; a table
beside last year's; counts, scores and changes as the official forms print them (1,234 · 87.50 · 提高 10.00%)."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from web_support import build_world, signed_in

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 6)


def test_light_rule_and_its_filter_agree_on_every_combination():
    from jixiao.web.overview.light import light_q, signal
    from jixiao.web.tables.models import Department, TargetTableRecord

    dept = Department.objects.create(name="组合测试单位")
    combos = itertools.product(("draft", "submitted", "returned", "approved", "published"), ("", "优", "中", "差"), ("", "green", "yellow", "red"),
                               (None, 50.0, 70.0, 95.0), (None, TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=3)))
    TargetTableRecord.objects.bulk_create([
        TargetTableRecord(department=dept, year=2025, kind="project_target", label=f"项目{n}", status=s, review_grade=g, monitor_light=m, score=sc, deadline=d)
        for n, (s, g, m, sc, d) in enumerate(combos)])
    records = list(TargetTableRecord.objects.all())
    assert len(records) == 5 * 4 * 4 * 4 * 3
    for light in ("red", "yellow", "green"):
        expected = {r.pk for r in records if signal(r, TODAY).light == light}
        assert set(TargetTableRecord.objects.filter(light_q(light, TODAY)).values_list("pk", flat=True)) == expected, light
    by_pk = {r.pk: r for r in records}
    late = next(r for r in by_pk.values() if r.status == "submitted" and r.deadline == TODAY - dt.timedelta(days=1) and not r.review_grade
                and not r.monitor_light and r.score is None)
    assert signal(late, TODAY).words == "红灯：待审核已逾期（期限 2026-12-05）"
    green_but_monitored_red = next(r for r in by_pk.values() if r.status == "approved" and r.review_grade == "优" and r.monitor_light == "red")
    assert signal(green_but_monitored_red, TODAY).light == "red"  # approved, yet monitoring had a red light
    fine = next(r for r in by_pk.values() if r.status == "published" and r.review_grade == "优" and r.monitor_light == "green" and r.score == 95.0)
    assert signal(fine, TODAY).words == "绿灯：已公开；审核等级优；运行监控无红黄灯；自评得分 95.00"


def test_submission_sets_the_deadline(example_path, errors_allowed, settings):
    world = build_world(example_path)
    record = world.tables["A_draft"]
    assert signed_in(world.users["staffA"]).post(f"/tables/{record.pk}/submit/", {"comment": "BUD-003：预算数以财政批复为准"}).status_code == 302
    record.refresh_from_db()
    assert record.status == "submitted" and record.deadline == dt.date.today() + dt.timedelta(days=settings.REVIEW_DAYS)


def test_counts_queue_filters_and_export(example_path):
    import openpyxl

    from jixiao.web.tables.models import Department

    world = build_world(example_path)
    b = Department.objects.get(name="东莞市教育局")
    assert signed_in(world.users["reviewer"]).post(f"/departments/{b.pk}/region/", {"region": " 东莞市 "}).status_code == 302  # set on the 审核口径 page
    assert signed_in(world.users["staffB"]).post(f"/departments/{b.pk}/region/", {"region": "别处"}).status_code == 403
    from jixiao.web.tables.models import AuditEntry

    assert AuditEntry.objects.filter(action="地区", field="东莞市教育局", after="东莞市").count() == 1
    submitted = world.tables["A_submitted"]
    submitted.deadline = dt.date.today() - dt.timedelta(days=2)
    submitted.save()
    client = signed_in(world.users["reviewer"])
    page = client.get("/overview/?year=")
    ctx = page.context
    assert ctx["totals"] == [3, 1, 0, 1, 1]  # 草稿 已提交 已退回 已批准 已公开
    assert [(line["name"], line["total"]) for line in ctx["by_region"]] == [("东莞市", 1), ("（未填地区）", 5)]
    assert (ctx["by_department"][0]["name"], ctx["by_department"][0]["counts"]) == ("东莞市总工会", [2, 1, 0, 1, 1])
    assert [q["t"].pk for q in ctx["queue"]] == [submitted.pk] and ctx["queue"][0]["words"] == "逾期 2 天" and ctx["queue"][0]["late"]
    assert "信号灯图例" in page.content.decode() and "红灯：待审核已逾期" in page.content.decode()
    assert {r["t"].pk for r in client.get("/overview/?year=&region=东莞市").context["rows"]} == {world.tables["B_draft"].pk}
    assert {r["t"].pk for r in client.get("/overview/?year=&light=red").context["rows"]} == {submitted.pk}
    assert {r["t"].pk for r in client.get("/overview/?year=&kind=project_target").context["rows"]} == {world.tables["A_project"].pk}
    hit = client.get("/overview/?year=2025&text=求学圆梦补贴人")
    assert {r["t"].pk for r in hit.context["rows"]} == {world.tables["A_draft"].pk, world.tables["A_project"].pk, world.tables["B_draft"].pk}
    assert [h["name"] for h in hit.context["rows"][0]["hits"]] == ["求学圆梦补贴人数"]  # the rows the text found, shown with the table
    assert client.get("/overview/?year=2025&text=东莞市总工会").context["rows"] == []  # in the document, but in no indicator
    assert client.get("/overview/?light=blue").status_code == 400 and "未知的信号灯" in client.get("/overview/?light=blue").content.decode()
    assert client.get("/overview/").context["f"].year == 2025  # the latest year by default
    xlsx = client.get("/overview/export.xlsx?year=&light=red")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert "filename*=UTF-8''" in xlsx["Content-Disposition"] and len(rows) == 1 and rows[0][1] == "东莞市总工会" and rows[0][12] == "红灯"
    assert "待审核已逾期" in rows[0][13]
    staff = signed_in(world.users["staffB"]).get("/overview/?year=")
    assert {r["t"].pk for r in staff.context["rows"]} == {world.tables["B_draft"].pk}  # each sees only the tables they may see


def test_a_table_beside_last_year(example_path):
    from jixiao.web.overview.compare import change, key
    from jixiao.web.tables import mapping

    world = build_world(example_path)
    this = world.tables["A_draft"]  # 2025
    table = mapping.to_domain(this)
    rows = list(table.indicators)
    rows[0] = rows[0].model_copy(update={"name": rows[0].name + "（新）"})  # renamed: 新增 this year, 取消 last year
    rows[1] = rows[1].model_copy(update={"annual_value": "≥800人"})
    before = mapping.store(table.model_copy(update={"indicators": rows}), this.department, 2024, world.tables["A_submitted"])
    page = signed_in(world.users["reviewer"]).get(f"/tables/{this.pk}/compare/")
    ctx = page.context
    assert ctx["before"].pk == before.pk and ctx["kept"] == len(rows) - 1 and ctx["added"] == 1 and ctx["dropped"] == 1
    line = next(x for x in ctx["lines"] if x.name == table.indicators[1].name)
    assert line.before.value == "≥800人" and line.now.value == table.indicators[1].annual_value
    assert key(" 培训 人次（%） ") == key("培训人次%") and change("≥700人", "≥770人") == "提高 10.00%" and change("100%", "100%") == "持平"
    assert change("≥700人", "≥80%") == ""  # units that do not compare
    none = signed_in(world.users["reviewer"]).get(f"/tables/{world.tables['B_draft'].pk}/compare/")
    assert none.context["before"] is None and "没有找到" in none.content.decode()
    assert signed_in(world.users["viewer"]).get(f"/tables/{world.tables['A_published'].pk}/compare/").status_code == 403


def test_counts_scores_and_the_export_as_the_forms_print_them():
    import openpyxl

    from jixiao.web.accounts.models import Role
    from jixiao.web.demo import ensure_user
    from jixiao.web.tables.models import Department, TargetTableRecord

    dept = Department.objects.create(name="计数单位", region="东莞市")
    TargetTableRecord.objects.bulk_create([  # 1,224 drafts and 10 published tables; the first published one scored 87.5 on 1,234 indicators
        TargetTableRecord(department=dept, year=2025, kind="project_target", label=f"项目{n:04d}", status="published" if n < 10 else "draft",
                          score=87.5 if n == 0 else None, indicator_count=1234 if n == 0 else 3) for n in range(1234)])
    client = signed_in(ensure_user("counter", Role.REVIEWER, None, "pw"))
    page = client.get("/overview/?year=2025")
    html = page.content.decode()
    assert page.context["total"] == 1234 and '<td class="num" id="total-count">1,234</td>' in html  # 合计
    assert html.count('<td class="num">1,224</td>') == 3  # 草稿: in all, by region, by department
    assert "共 1,234 张" in html and "第 1 / 25 页" in html and "1224" not in html and "1234" not in html
    assert '<td class="num">87.50</td>' in html  # a score with two decimals
    portfolio = client.get("/?year=2025&sort=label").content.decode()
    assert "共 1,234 张表" in portfolio and '<td class="num">87.50</td>' in portfolio and '<td class="num">1,234</td>' in portfolio
    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/overview/export.xlsx?year=2025").content)).active
    scored = next(row for row in sheet.iter_rows(min_row=3) if row[11].value is not None)
    assert (scored[2].value, scored[2].number_format) == (2025, "General")  # a year is no amount: 2025, not 2,025
    assert (scored[8].value, scored[8].number_format) == (1234, "#,##0") and (scored[11].value, scored[11].number_format) == (87.5, "#,##0.00")


def test_the_queue_puts_the_overdue_first_and_undated_last():
    from jixiao.web.overview.queries import review_queue
    from jixiao.web.tables.models import Department, TargetTableRecord

    dept = Department.objects.create(name="排队单位")
    for label, deadline in (("无期限", None), ("下周", TODAY + dt.timedelta(days=7)), ("已过", TODAY - dt.timedelta(days=1)), ("今天", TODAY)):
        TargetTableRecord.objects.create(department=dept, year=2025, kind="project_target", label=label, status="submitted", deadline=deadline)
    queue = review_queue(TargetTableRecord.objects.all(), TODAY)
    assert [(q["t"].label, q["words"]) for q in queue] == [("已过", "逾期 1 天"), ("今天", "今天到期"), ("下周", "剩 7 天"), ("无期限", "未设期限")]
    assert [q["t"].label for q in review_queue(TargetTableRecord.objects.all(), TODAY, limit=2)] == ["已过", "今天"]
