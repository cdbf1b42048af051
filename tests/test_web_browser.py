"""Browser test (Playwright for Python driving Debian's chromium, headless): department staff upload
the example, see its 33 indicators (and findings when the review engine exists), submit; the reviewer
returns it with a comment; staff resubmit; the reviewer approves. Screenshots go to artifacts/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("JIXIAO_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)), reason=f"浏览器测试跳过：未找到 chromium（{CHROMIUM}），请 apt-get install -y chromium"),
]


@pytest.fixture
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="浏览器测试跳过：未安装 playwright")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM is used from the test thread while Playwright's loop runs
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def sign_out(page) -> None:
    page.click("header button:has-text('退出')")
    page.wait_for_url("**/accounts/login/")


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_upload_review_return_resubmit_approve(live_server, browser, example_path, errors_allowed):
    from jixiao.web.accounts.models import Role
    from jixiao.web.demo import ensure_user
    from jixiao.web.tables.models import Department

    dept = Department.objects.create(name="东莞市总工会")
    ensure_user("staff_a", Role.STAFF, dept, "pw")
    ensure_user("reviewer", Role.REVIEWER, None, "pw")
    base = live_server.url
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    violations: list[str] = []  # what the Content-Security-Policy blocked, and script errors
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: violations.append(str(e)))
    try:
        walk(page, base, dept, example_path)
        assert not violations, violations
    finally:
        from django.db import connections

        connections.close_all()  # Playwright runs this test in a greenlet with its own DB connection


def walk(page, base: str, dept, example_path) -> None:
    from jixiao.web.tables.models import TargetTableRecord

    sign_in(page, base, "staff_a")
    page.click("text=上传目标表")
    page.set_input_files("#id_document", str(example_path))
    page.click("#upload-button")
    page.wait_for_selector("#preview-count")
    assert page.inner_text("#preview-count") == "33"
    shot(page, "01-preview")
    page.click("#confirm-import")
    page.wait_for_selector("#indicator-count")
    assert page.locator("tr.indicator").count() == 33
    assert "（共 33 项）" in page.inner_text("#indicator-count")
    assert page.locator(".finding").count() == 20  # the review's findings on the example, shown at their rows
    assert page.evaluate("typeof Chart") == "function"  # Chart.js served from the installed package
    shot(page, "02-table-draft")
    page.fill("#submit-reason", "BUD-003：预算数以财政批复为准")  # the example's error finding, allowed with a reason here
    page.click("#submit-table")
    page.wait_for_selector(".status.submitted")
    sign_out(page)

    sign_in(page, base, "reviewer")
    record = TargetTableRecord.objects.get(department=dept, year=2025)
    page.goto(f"{base}/tables/{record.pk}/")
    first = page.locator("tr.indicator textarea").first
    first.fill("发放标准请注明依据文件")
    page.fill("#review-comment", "成本指标需补充社会成本")
    shot(page, "03-reviewer-commenting")
    page.click("#return-table")
    page.wait_for_selector(".status.returned")
    assert "发放标准请注明依据文件" in page.content()
    sign_out(page)

    sign_in(page, base, "staff_a")
    page.goto(f"{base}/tables/{record.pk}/")
    assert "成本指标需补充社会成本" in page.content()
    shot(page, "04-returned-with-comments")
    record.refresh_from_db()
    n = 1 + [i["name"] for i in record.data["indicators"]].index("开展市级职业技能竞赛数量")  # inputs are named by position
    page.click("text=编辑")
    page.wait_for_url("**/edit/")
    page.wait_for_load_state("load")  # htmx is a deferred script: an input typed before it has run is not checked
    page.fill(f"input[name=annual_value_{n}]", "22个")  # htmx asks the grammar how it reads
    page.wait_for_selector(f"#check-{n}:has-text('数值')")  # a selector, not a JS string: the CSP forbids eval
    page.fill(f"input[name=period_value_{n}]", "≥≥")
    page.wait_for_selector(f"#check-{n}:has-text('无法识别')")
    shot(page, "05-edit-live-check")
    page.fill(f"input[name=period_value_{n}]", "22个/年")
    page.click("#save-edit")
    page.wait_for_selector("#indicator-count")
    assert "22个/年" in page.content()
    page.fill("#submit-reason", "BUD-003：预算数以财政批复为准")
    page.click("#submit-table")
    page.wait_for_selector(".status.submitted")
    sign_out(page)

    sign_in(page, base, "reviewer")
    page.goto(f"{base}/tables/{record.pk}/")
    page.click("#approve-table")
    page.wait_for_selector(".status.approved")
    shot(page, "06-approved")
    page.goto(f"{base}/")
    shot(page, "07-portfolio")
    # the sample (示例数据) lights up monitoring and scores
    from jixiao.web import demo

    sample = demo.load_sample(demo.read_bytes(demo.example_bytes(), demo.EXAMPLE))
    page.goto(f"{base}/tables/{sample.pk}/evaluation/")
    assert page.inner_text("#eval-total") == f"{sample.score:.2f}"
    assert page.evaluate("typeof Chart") == "function"
    shot(page, "08-evaluation-sample")
    page.goto(f"{base}/tables/{sample.pk}/monitoring/")
    page.wait_for_selector("#completion-chart")
    assert page.evaluate("Chart.getChart(document.getElementById('completion-chart')) !== undefined")  # drawn under the CSP
    assert page.evaluate("document.querySelector('.chart-rows').style.height").endswith("px")  # page.js sized it
    shot(page, "09-monitoring-sample")
    record.refresh_from_db()
    assert record.status == "approved"
    # a project table of the same unit and year: its facts, 指标解释, 不适用 rows, the link to the department table
    from web_support import project_table

    from jixiao.web.tables import mapping

    project = mapping.store(project_table(demo.read_bytes(demo.example_bytes(), demo.EXAMPLE)), dept, 2025)
    page.goto(f"{base}/tables/{project.pk}/")
    assert page.inner_text("#project-name") == "职工技能提升项目"
    assert page.locator("#not-applicable tr").count() == 3  # the header and the two 不适用 rows
    assert page.locator("td.explanation").count() == 31
    shot(page, "10-project-table")
    page.click("#department-link a")
    page.wait_for_selector("#project-tables")
    assert page.locator("#project-tables a").count() == 1
    shot(page, "11-department-with-projects")

    # the API docs (Swagger UI, from ninja's static files) render under the CSP for a signed-in user
    page.goto(f"{base}/api/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 14
    shot(page, "12-api-docs")
