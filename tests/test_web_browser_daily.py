"""Browser tests (Playwright, Debian's chromium) of the daily pages: monitoring entry as 财预〔2019〕136号
describes, the self-evaluation page and its downloads, full editing of a draft, and the bureau's overview
with the combined 信号灯 and last year's comparison; the numbers on these pages and in their charts' tooltips and
axes as the official forms print them (2,650.30 万元, 52.16%). Screenshots go to artifacts/ (named b-…)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from test_web_browser import ARGS, CHROMIUM, pytestmark, shot, sign_in  # noqa: F401 — the same chromium, skip reason, sign-in and screenshots

assert ARGS and CHROMIUM


def _drawn(page, canvas: str, axis: str, dataset: int = 0, index: int = 0) -> dict:
    """A drawn chart's value-axis title and the tooltip lines of one bar, as Chart.js shows them."""
    return page.evaluate(
        """([id, axis, d, i]) => { const c = Chart.getChart(document.getElementById(id));
          c.tooltip.setActiveElements([{datasetIndex: d, index: i}], {x: 0, y: 0}); c.update();
          return {title: c.options.scales[axis].title.text, tooltip: c.tooltip.body.map(b => b.lines).flat()}; }""",
        [canvas, axis, dataset, index],
    )


@pytest.fixture
def browser():
    import os

    playwright = pytest.importorskip("playwright.sync_api", reason="浏览器测试跳过：未安装 playwright")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    from django.db import connections

    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN", accept_downloads=True)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: violations.append(str(e)))
    page.violations = violations  # type: ignore[attr-defined]
    yield page
    connections.close_all()  # Playwright runs the test in a greenlet with its own DB connection
    assert not violations, violations


@pytest.fixture
def world(example_path):
    from web_support import EXAMPLE_NAME

    from jixiao.ingest import read_table
    from jixiao.web.accounts.models import Role
    from jixiao.web.demo import ensure_user
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import Department

    dept = Department.objects.create(name=EXAMPLE_NAME, region="东莞市")
    users = {"staff_a": ensure_user("staff_a", Role.STAFF, dept, "pw"), "reviewer": ensure_user("reviewer", Role.REVIEWER, None, "pw"),
             "evaluator": ensure_user("evaluator", Role.EVALUATOR, None, "pw")}
    example = read_table(example_path)
    tables = {}
    changed = [i.model_copy(update={"annual_value": {"≥700人": "≥600人", "20个": "16个"}.get(i.annual_value or "", i.annual_value)}) for i in example.indicators]
    changed[0] = changed[0].model_copy(update={"name": "劳模补贴发放标准"})  # renamed since: 取消 last year, 新增 this year
    for key, year, status in (("approved", 2025, "approved"), ("last_year", 2024, "published"), ("draft", 2026, "draft")):
        record = mapping.store(example.model_copy(update={"indicators": changed}) if key == "last_year" else example, dept, year)
        record.status = status
        record.save()
        tables[key] = record
    from web_support import demo_selfeval

    from jixiao.web import engines
    from jixiao.web.evaluation.models import Evaluation

    sample = demo_selfeval()  # last year's submitted self-evaluation: its scores beside this year's values
    actuals = {k[7:]: v for k, v in sample.items() if k.startswith("actual_")}
    result = engines.score(mapping.to_domain(tables["last_year"]), actuals, float(sample["executed"]))
    Evaluation.objects.create(table=tables["last_year"], actuals=actuals, executed=float(sample["executed"]), score=round(result.total, 2), grade=result.grade, status="submitted")
    tables["last_year"].score = round(result.total, 2)
    tables["last_year"].save()
    return {"dept": dept, "users": users, "tables": tables, "example": example}


def test_monitoring_entry_as_136_describes(live_server, page, world):
    from jixiao.web.monitoring.models import Snapshot

    base = live_server.url
    record = world["tables"]["approved"]
    rows = record.data["indicators"]
    sign_in(page, base, "reviewer")  # a role the configuration does not name: the page says why
    page.goto(f"{base}/tables/{record.pk}/monitoring/")
    assert "您的角色（财政审核人员）不能填报运行监控数据" in page.inner_text("#monitor-why-not")
    shot(page, "b-01-monitoring-reviewer-told-why")
    page.click("header button:has-text('退出')")
    sign_in(page, base, "evaluator")
    page.goto(f"{base}/tables/{record.pk}/monitoring/")
    assert page.input_value("#as-of") == "2025-07-31"  # from the table's year, not today
    page.fill("input[name=executed]", "2,650.30")
    for n, row in enumerate(rows, 1):
        page.fill(f"input[name=actual_{n}]", row.get("annual_value") or "完成")
    red = 1 + [r["name"] for r in rows].index("求学圆梦补贴人数")
    about = 1 + [r.get("annual_value") for r in rows].index("约332人")
    page.fill(f"input[name=actual_{red}]", "2000人")
    page.fill(f"input[name=actual_{about}]", "330人")
    page.click("button[value=save]")
    page.wait_for_selector(f"#monitor-row-{red}.needs-action")  # the draft's red row asks for its cause and action
    page.click("#submit-monitor")
    page.wait_for_selector("div.error")
    assert "（红灯，未填偏差原因、纠偏措施）" in page.inner_text("div.error")
    page.locator(f"#monitor-row-{red}").scroll_into_view_if_needed()
    shot(page, "b-02-monitoring-red-needs-cause")
    page.select_option(f"select[name=cause_{red}]", "人员保障")
    page.fill(f"input[name=correction_{red}]", "增派审核人员，9月前集中发放")
    page.click("#submit-monitor")
    page.wait_for_selector("#monitor-summary")
    summary = page.inner_text("#monitor-summary")
    assert page.inner_text("#time-progress") == "58.08%" and summary.count("58.08%") == 1 and "58.1%" not in summary  # printed once
    assert "执行数 2,650.30 万元，全年预算数 5,081.16 万元，执行率 52.16%" in summary and "52.2%" not in summary
    assert page.inner_text(f"#monitor-row-{red} td.completion") == "31.25%"  # 2000 of 6400人
    assert page.input_value("input[name=executed]") == "2,650.30"
    assert _drawn(page, "execution-chart", "y") == {"title": "进度（%）", "tooltip": ["预算执行率：52.16%（执行数 2,650.30 万元）"]}
    assert _drawn(page, "execution-chart", "y", dataset=1)["tooltip"] == ["时间进度：58.08%"]
    names = page.evaluate("Chart.getChart(document.getElementById('completion-chart')).data.labels")
    done = _drawn(page, "completion-chart", "x", index=names.index("求学圆梦补贴人数"))
    assert done == {"title": "完成进度（%）", "tooltip": ["已完成：31.25%"]}
    about_row = page.inner_text(f"#monitor-row-{about}")
    assert "容差" in about_row and "105%" not in about_row
    assert Snapshot.objects.get(table=record, status="submitted").deviations[str(red)]["cause"] == "人员保障"
    shot(page, "b-03-monitoring-submitted")
    page.goto(f"{base}/tables/{record.pk}/monitoring/print.html")
    assert "绩效运行监控表" in page.content() and "增派审核人员" in page.content()
    shot(page, "b-04-monitoring-printable-table")


def test_selfevaluation_chart_label_and_downloads(live_server, page, world):
    import docx
    import openpyxl

    from jixiao.web import demo

    base = live_server.url
    sample = demo.load_sample(demo.read_bytes(demo.example_bytes(), demo.EXAMPLE))
    sign_in(page, base, "evaluator")
    page.goto(f"{base}/tables/{sample.pk}/evaluation/")
    page.wait_for_selector("#score-chart")
    labels = page.evaluate("Chart.getChart(document.getElementById('score-chart')).data.labels")
    assert labels[-1] == "预算执行率" and {"产出指标", "效益指标", "满意度指标"} <= set(labels)  # 成本指标 shares 产出's points when the table has it
    assert _drawn(page, "score-chart", "y", dataset=0, index=len(labels) - 1) == {"title": "分", "tooltip": ["分值：10.00 分"]}
    assert _drawn(page, "score-chart", "y", dataset=1, index=len(labels) - 1)["tooltip"] == ["得分：9.50 分"]  # 4,826.10 of 5,081.16 万元
    assert page.inner_text("#eval-total") == "94.49" and "预算执行率 94.98%" in page.inner_text("#eval-budget")
    assert "全年预算数 5,081.16 万元，全年执行数 4,826.10 万元" in page.inner_text("#eval-budget")
    assert page.inner_text("#eval-scheme").startswith("部门整体支出绩效自评（评分规则：财预〔2020〕10号）")
    shot(page, "b-05-selfevaluation-four-parts")
    with page.expect_download() as got:
        page.click("#selfeval-xlsx")
    book = openpyxl.load_workbook(io.BytesIO(got.value.path().read_bytes()))
    assert got.value.suggested_filename.endswith("绩效自评表.xlsx") and any("部门整体支出绩效自评表" in str(c.value) for row in book.active.iter_rows() for c in row)
    with page.expect_download() as got:
        page.click("#selfeval-report")
    text = "\n".join(p.text for p in docx.Document(got.value.path()).paragraphs)
    assert got.value.suggested_filename.endswith("绩效自评报告.docx") and "部门整体支出绩效自评报告" in text


def test_full_editing_of_a_draft(live_server, page, world):
    base = live_server.url
    record = world["tables"]["draft"]
    rows = record.data["indicators"]
    sign_in(page, base, "staff_a")
    page.goto(f"{base}/tables/{record.pk}/edit/")
    page.wait_for_load_state("load")  # htmx is deferred
    n = 1 + [r["level2"] for r in rows].index("数量指标")
    box = page.locator(f"input[name=annual_value_{n}]")
    width = box.bounding_box()["width"]
    box.fill("abc很多")
    page.wait_for_selector(f"#check-{n} .bad:has-text('数量指标应为')")  # not a green 定性描述
    assert abs(box.bounding_box()["width"] - width) < 1  # the message does not narrow the input column
    shot(page, "b-06-edit-group-check")
    box.fill(rows[n - 1]["annual_value"])
    first, second = rows[n - 1]["name"], rows[n]["name"]
    page.fill(f"input[name=period_value_{n}]", "≥10人")
    page.click(f"button[name=row_op][value='down:{n}']")
    page.wait_for_url(f"**/edit/#row-{n + 1}")
    assert page.input_value(f"input[name=name_{n + 1}]") == first and page.input_value(f"input[name=name_{n}]") == second
    assert page.input_value(f"input[name=period_value_{n + 1}]") == "≥10人"  # typed, saved, then moved
    page.click(f"#add-after-{n + 1}")
    page.wait_for_url(f"**/edit/#row-{n + 2}")
    page.fill(f"input[name=name_{n + 2}]", "新增的培训场次")
    page.fill(f"input[name=annual_value_{n + 2}]", "≥12场")
    page.fill("textarea[name=goal_1]", "全年培训职工 700 名以上，开展技能竞赛 20 场")
    page.click("#add-goal")
    page.wait_for_url("**/edit/#goals")
    assert page.locator("textarea[name^=goal_]").count() == len(record.data["overall_goals"]) + 1
    page.locator(f"#row-{n + 2}").scroll_into_view_if_needed()
    shot(page, "b-07-edit-rows-goals")
    page.click("#save-edit")
    page.wait_for_selector("#indicator-count")
    assert "新增的培训场次" in page.content() and "≥12场" in page.content()
    record.refresh_from_db()
    assert record.data["overall_goals"][0].startswith("全年培训职工 700 名以上") and record.version >= 5


def test_bureau_overview_light_and_last_year(live_server, page, world):
    import openpyxl

    from jixiao.web.tables.models import TargetTableRecord

    base = live_server.url
    draft = world["tables"]["draft"]
    TargetTableRecord.objects.filter(pk=draft.pk).update(status="submitted", deadline=dt.date.today() - dt.timedelta(days=3))
    TargetTableRecord.objects.filter(pk=world["tables"]["approved"].pk).update(review_grade="良", monitor_light="red")
    sign_in(page, base, "reviewer")
    page.click("#nav-overview")
    page.wait_for_selector("#review-queue")
    page.select_option("select[name=year]", "")
    page.wait_for_selector("#by-region")
    assert "逾期 3 天" in page.inner_text("#review-queue") and "东莞市" in page.inner_text("#by-region")
    assert "信号灯图例" in page.inner_text("#light-legend")
    tip = page.locator("#overview-tables .light.red").first.get_attribute("title")
    assert tip is not None and tip.startswith("红灯：") and "运行监控有红灯" in " ".join(
        page.locator("#overview-tables .light.red").nth(k).get_attribute("title") or "" for k in range(page.locator("#overview-tables .light.red").count()))
    shot(page, "b-08-overview")
    page.select_option("select[name=light]", "red")
    page.wait_for_url("**light=red**")
    assert page.locator("#overview-tables tbody tr").count() == 2
    page.fill("input[name=text]", "求学圆梦")
    page.click("#overview-filter")
    page.wait_for_selector("td.hits")
    shot(page, "b-09-overview-filtered")
    with page.expect_download() as got:
        page.click("#overview-export")
    sheet = openpyxl.load_workbook(io.BytesIO(got.value.path().read_bytes())).active
    assert got.value.suggested_filename.startswith("目标表总览") and sheet.max_row == 2 + 2
    page.goto(f"{base}/tables/{world['tables']['approved'].pk}/compare/")
    kept = len(world["example"].indicators) - 1
    assert page.locator("tr.compare-保留").count() == kept and page.locator("tr.compare-新增").count() == 1 and page.locator("tr.compare-取消").count() == 1
    assert "提高 16.67%" in page.inner_text("#compare-table") and "提高 25.00%" in page.inner_text("#compare-table")  # ≥600人 → ≥700人, 16个 → 20个
    scores = page.locator("#compare-table b").all_inner_texts()
    assert scores and all(re.fullmatch(r"\d+\.\d\d", x) for x in scores), scores  # last year's scores with two decimals
    assert page.locator("#compare-table b").count() >= kept - 2  # last year's scores
    shot(page, "b-10-compare-last-year")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the panels stack, the wide tables scroll in their box
    page.goto(f"{base}/overview/?year=")
    counts, queue = page.locator("#status-counts").bounding_box(), page.locator("#review-queue").bounding_box()
    assert counts is not None and queue is not None and queue["y"] > counts["y"] + counts["height"] - 1 and queue["width"] <= 390
    shot(page, "b-12-overview-phone")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{base}/")
    assert page.locator("#light-legend").count() == 1
    assert (page.locator("table.portfolio .light").first.get_attribute("title") or "").startswith(("红灯", "黄灯", "绿灯"))
    shot(page, "b-11-portfolio-legend")
