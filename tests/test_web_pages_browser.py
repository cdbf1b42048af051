"""Browser tests of the pages as a county clerk uses them (Playwright driving Debian's chromium): numbers
as the official forms print them on the table page, in the edit form, the conflict page, the history, the
budget chart and the XLSX; findings and notes at their indicator and the import preview's summary; the
readable history with a diff of two versions; menus by role, download names and a phone-sized screen.
Screenshots go to artifacts/ (listed with what each shows in the module's tests)."""

from __future__ import annotations

import re

import pytest
from test_web_browser import browser, shot, sign_in  # noqa: F401 — `browser` is a fixture
from web_support import build_world, edit_form, signed_in

pytestmark = [pytest.mark.browser]


@pytest.fixture
def page(browser):  # noqa: F811 — the fixture imported above
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    blocked: list[str] = []  # what the Content-Security-Policy blocked, and script errors
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: blocked.append(str(e)))
    yield page
    from django.db import connections

    connections.close_all()  # Playwright runs the test in a greenlet with its own DB connection
    assert not blocked, blocked


def _chart_labels(page, canvas: str) -> dict:
    """The drawn chart's axis title, tick labels and the tooltip of its first bar (as Chart.js shows them)."""
    return page.evaluate(
        """(id) => { const c = Chart.getChart(document.getElementById(id));
          c.tooltip.setActiveElements([{datasetIndex: 0, index: 0}], {x: 0, y: 0}); c.update();
          return {title: c.options.scales.x.title.text, ticks: c.scales.x.ticks.map(t => t.label),
                  tooltip: c.tooltip.body.map(b => b.lines).flat()}; }""",
        canvas,
    )


def test_numbers_read_as_the_official_forms_print_them(live_server, page, example_path):
    """The table page, the budget chart, the XLSX, the edit form, the conflict page and the history all
    print 1,767.72 万元 (the example's 基本支出) and 7,840,000.00 元 (a key task's funds)."""
    from openpyxl import load_workbook

    world = build_world(example_path)
    record = world.tables["A_draft"]
    base = live_server.url
    sign_in(page, base, "staff_a")
    page.goto(f"{base}/tables/{record.pk}/")
    facts = page.inner_text("table.facts")
    assert "1,767.72 万元" in facts and "5,081.16 万元" in facts and "7,840,000.00 元" in facts and "39 人" in facts
    assert "1767.72" not in facts and "7840000" not in facts
    labels = _chart_labels(page, "budget-chart")
    assert labels["title"] == "金额（万元）"
    assert labels["tooltip"] == ["基本支出：1,767.72 万元"]
    assert any(re.fullmatch(r"\d{1,3}(,\d{3})+", t) for t in labels["ticks"]), labels["ticks"]  # 1,000 … on the axis
    page.locator("#budget-chart").scroll_into_view_if_needed()
    shot(page, "20-numbers-table-page")

    with page.expect_download() as download:
        page.click("text=下载 XLSX")
    assert download.value.suggested_filename == "东莞市总工会-2025-部门整体绩效目标表.xlsx"
    with open(download.value.path(), "rb") as file:
        sheet = load_workbook(file).worksheets[0]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, int | float)}
    assert cells[1767.72].number_format == "#,##0.00" and cells[7840000.0].number_format == "#,##0.00"

    page.click("text=编辑")
    page.wait_for_url("**/edit/")
    assert page.input_value("input[name=basic]") == "1,767.72"
    assert "基本支出（万元）" in page.inner_text("fieldset")
    shot(page, "21-numbers-edit-form")
    colleague = edit_form(record)  # a colleague saves 基本支出 first
    colleague["basic"] = "1,800"
    assert signed_in(world.users["staffA"]).post(f"/tables/{record.pk}/edit/", colleague).status_code == 302
    page.fill("input[name=basic]", "1,900.5")
    page.click("#save-edit")
    page.wait_for_selector("table.conflict-choices")
    row = page.inner_text("table.conflict-choices tbody tr")
    assert "基本支出（万元）" in row and "1,767.72" in row and "1,800.00" in row and "1,900.50" in row
    assert page.input_value("input[name=basic]") == "1,900.50"
    shot(page, "22-numbers-conflict-page")

    page.goto(f"{base}/tables/{record.pk}/history/")
    assert "基本支出：1,767.72 万元 → 1,800.00 万元" in page.inner_text("#version-2")


def test_findings_sit_at_their_indicator_and_the_preview_opens_with_a_summary(live_server, page, example_path):
    world = build_world(example_path)
    base = live_server.url
    sign_in(page, base, "staff_a")
    page.click("text=上传目标表")
    page.set_input_files("#id_document", str(example_path))
    page.click("#upload-button")
    page.wait_for_selector("#preview-summary")
    # the summary and the confirm action open the page, before any list
    assert page.inner_text("#preview-tables") == "1" and page.inner_text("#preview-count") == "33"
    assert int(page.inner_text("#preview-checks")) > 0 and page.inner_text("#preview-errors") == "1"
    assert page.locator("#confirm-import").bounding_box()["y"] < 600
    checks = page.inner_text("#to-check")
    assert "预算整体情况 › 市本级使用资金" in checks and "金额为空" in checks
    visible = page.inner_text("body")
    assert not re.search(r"\b[A-Z]{2,}(-[A-Z0-9]+)+\b", visible), "codes are tooltips, not text"
    assert not re.search(r"第\d+行", visible), "no source-file line on the page"
    page.click("#table-1 summary")
    note = page.locator("#table-1 .notes-table tr[data-code=SHIFT-RIGHT]").first
    assert note.locator("td").first.inner_text() == "整行右移（已对齐）"
    assert note.locator("td").nth(1).inner_text() == "成本指标 › 经济成本指标 › 劳模津贴发放标准"
    assert note.get_attribute("title").startswith("SHIFT-RIGHT · ")  # the code and the cell, as a tooltip
    shot(page, "23-preview-summary")

    page.click("#confirm-import")
    page.wait_for_selector("#review-groups")
    finding = page.locator("#review-groups tr[data-code=MEA-003]").first
    cells = finding.locator("td")
    assert cells.nth(0).inner_text() == "成本指标 › 经济成本指标 › 劳模津贴发放标准"
    assert cells.nth(1).inner_text() == "警告" and "补填实施周期指标值" in finding.inner_text()
    for header in page.locator("#review-groups table.findings-grouped th").all()[:6]:  # no column wraps a character per line
        box = header.bounding_box()
        assert box["height"] < 40, (header.inner_text(), box)
    at_row = page.locator("tr.indicator.has-finding .finding").first
    assert "完整性" in at_row.inner_text() and "建议：" in at_row.inner_text()
    assert not re.search(r"第\d+行", page.inner_text("#review-groups"))
    page.locator("#review-groups").scroll_into_view_if_needed()
    shot(page, "24-findings-at-indicators")

    # a department's staff cannot import another unit's table: no confirm button, a reason instead
    page.click("header button:has-text('退出')")
    page.wait_for_url("**/accounts/login/")
    sign_in(page, base, "staff_b")
    page.click("text=上传目标表")
    page.set_input_files("#id_document", str(example_path))
    page.click("#upload-button")
    page.wait_for_selector("#preview-summary")
    assert page.locator("#unit-mismatch").is_visible() and page.locator("#confirm-import").count() == 0
    assert "东莞市总工会" in page.inner_text("#unit-mismatch") and world.users["staffB"].profile.department.name in page.inner_text("#unit-mismatch")
    shot(page, "25-preview-unit-mismatch")


def test_history_says_who_when_and_what_changed_with_a_diff_of_two_versions(live_server, page, example_path):
    from jixiao.web.tables import audit

    world = build_world(example_path)
    record = world.tables["A_draft"]
    audit.record(None, record, "导入", "示例数据", None, {"指标数": 33, "版本": 1})  # a system row, as the demo's loading writes it
    staff = signed_in(world.users["staffA"])
    first = edit_form(record)
    first["basic"] = "1,800"
    first["annual_value_1"] = "220元/月/人"
    assert staff.post(f"/tables/{record.pk}/edit/", first).status_code == 302
    record.refresh_from_db()
    second = edit_form(record)
    second["name_2"] = "劳模奖励发放标准"
    assert staff.post(f"/tables/{record.pk}/edit/", second).status_code == 302
    base = live_server.url
    sign_in(page, base, "staff_a")
    page.goto(f"{base}/tables/{record.pk}/history/")
    assert page.locator("#versions tbody tr").count() == 3
    v1, v2, v3 = (page.inner_text(f"#version-{n}") for n in (1, 2, 3))
    assert "系统" in v1 and "首个版本" in v1  # stored by the system (no person)
    assert "staff_a" in v2 and "修改" in v2
    assert "基本支出：1,767.72 万元 → 1,800.00 万元" in v2
    assert "成本指标 › 经济成本指标 › 劳模津贴发放标准 · 年度指标值" in v2 and "→ 220元/月/人" in v2
    assert "三级指标：劳模奖励标准 → 劳模奖励发放标准" in v3
    audit = page.inner_text("#audit-entries")
    assert "{" not in audit and "'" not in audit  # no raw Python dicts
    assert "指标数 33" in audit and "系统" in audit
    shot(page, "26-history")
    page.select_option("#diff-from", "1")
    page.select_option("#diff-to", "3")
    page.click("#diff-button")
    page.wait_for_selector("#diff-changes")
    assert page.inner_text("#diff-count") == "（共 3 处）"
    changes = page.inner_text("#diff-changes")
    assert "1,767.72 万元" in changes and "1,800.00 万元" in changes and "劳模奖励发放标准" in changes
    shot(page, "27-history-diff")


def test_menus_by_role_download_names_and_a_phone(live_server, browser, example_path):  # noqa: F811 — fixture
    world = build_world(example_path)
    project = world.tables["A_project"]  # 职工技能提升项目, a project table of the same unit
    base = live_server.url
    menus = {}
    for user in ("staff_a", "reviewer", "evaluator", "viewer"):
        page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
        sign_in(page, base, user)
        menus[user] = page.inner_text("header nav")
        page.close()
    for user in ("staff_a", "reviewer", "evaluator"):
        assert "API 令牌" in menus[user] and "API 文档" in menus[user], menus[user]
    assert "API 令牌" not in menus["viewer"] and "API 文档" not in menus["viewer"] and "上传" not in menus["viewer"]
    assert "上传目标表" in menus["staff_a"] and "审核口径" in menus["reviewer"] and "自评得分复核" in menus["evaluator"]

    phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        sign_in(phone, base, "staff_a")
        phone.goto(f"{base}/tables/{project.pk}/")
        with phone.expect_download() as download:
            phone.click("text=下载 DOCX")
        assert download.value.suggested_filename == "东莞市总工会-2025-职工技能提升项目.docx"
        pages = {"28-phone-portfolio": "/", "29-phone-table": f"/tables/{world.tables['A_draft'].pk}/",
                 "30-phone-project": f"/tables/{project.pk}/", "31-phone-history": f"/tables/{world.tables['A_draft'].pk}/history/",
                 "32-phone-upload": "/upload/", "33-phone-findings": f"/tables/{world.tables['A_draft'].pk}/findings/"}
        for name, path in pages.items():
            phone.goto(base + path)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)  # the page never scrolls sideways; wide tables scroll in their own box
            brand = phone.locator("header .brand").bounding_box()
            assert brand["height"] < 30 and brand["x"] + brand["width"] <= 390, (path, brand)  # the header's title on one line
            for link in phone.locator("header nav a").all():
                box = link.bounding_box()
                assert box["height"] < 30 and box["x"] + box["width"] <= 390, (path, link.inner_text(), box)
            shot(phone, name)
        phone.goto(base + f"/tables/{world.tables['A_draft'].pk}/")
        scroller = phone.evaluate("(() => { const t = document.querySelector('table.indicators'); return [t.scrollWidth, t.clientWidth, getComputedStyle(t).overflowX]; })()")
        assert scroller[2] == "auto" and scroller[1] <= 390  # the indicator table scrolls inside itself
    finally:
        from django.db import connections

        phone.close()
        connections.close_all()
