"""Findings and notes at their indicator, the import preview's summary, menus by role and download names
(the browser walks the same pages in test_web_pages_browser.py)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from web_support import EXAMPLE_NAME, build_world, signed_in

from jixiao.ingest import note_words, read_table
from jixiao.review import review
from jixiao.web.tables.problems import shown

pytestmark = pytest.mark.django_db
INGEST = Path(__file__).resolve().parents[1] / "src/jixiao/ingest"


def test_every_reading_note_code_has_words():
    emitted = {m for path in INGEST.rglob("*.py") for m in re.findall(r'code="([A-Z0-9-]+)"', path.read_text(encoding="utf-8"))}
    assert emitted and emitted <= note_words.codes(), emitted - note_words.codes()
    assert all(re.search(r"[\u4e00-\u9fff]", note_words.words(c)) for c in note_words.codes())
    assert note_words.words("NO-SUCH-CODE") == "读取说明" and note_words.needs_check("NO-SUCH-CODE")


def test_findings_and_notes_are_placed_at_their_indicator(example_path):
    table = read_table(example_path)
    findings = shown(review(table).findings, table)
    at_row = next(f for f in findings if f.code == "MEA-003")
    indicator = table.indicators[at_row.row]
    assert at_row.place == f"{indicator.level1} › {indicator.level2} › {indicator.name}" and at_row.at == at_row.row
    budget = next(f for f in findings if f.code == "BUD-003")
    assert budget.place == "预算整体情况 › 市本级使用资金" and budget.at is None
    assert budget.tooltip.startswith("BUD-003 · ") and "第13行" in budget.tooltip  # the source cell only in the tooltip
    notes = shown(table.notes, table)
    shift = next(n for n in notes if n.code == "SHIFT-RIGHT")
    assert shift.words == "整行右移（已对齐）" and shift.place.endswith("› 劳模津贴发放标准") and shift.row is None


def test_the_table_page_shows_reading_notes_at_their_row(example_path):
    world = build_world(example_path)
    record = world.tables["A_draft"]
    response = signed_in(world.users["staffA"]).get(f"/tables/{record.pk}/")
    row = next(r for r in response.context["rows"] if r.indicator.name == "劳模津贴发放标准")
    assert {n.words for n in row.notes} >= {"整行右移（已对齐）", "只有一个指标值（已按位置放入）"}
    assert "读取：整行右移（已对齐）" in response.content.decode()


def _upload(client, example_path):
    with open(example_path, "rb") as fh:
        response = client.post("/upload/", {"document": fh})
    assert response.status_code == 302
    return client.get(response["Location"])


def test_the_preview_opens_with_its_summary_and_the_confirm_action(example_path):
    world = build_world(example_path)
    preview = _upload(signed_in(world.users["staffA"]), example_path)
    html = preview.content.decode()
    assert html.index('id="preview-summary"') < html.index('id="confirm-import"') < html.index('id="to-check"') < html.index('id="preview-list"')
    assert preview.context["to_check"] == 4 and preview.context["errors"] == 1  # the blank 市本级使用资金 said once, by its finding
    text = re.sub(r'(title|data-code)="[^"]*"', "", html)
    assert "SHIFT-RIGHT" not in text and "BLANK-CELL" not in text and "整行右移（已对齐）" in text
    summary = text[text.index('id="preview-summary"'):text.index('id="preview-list"')]
    assert not re.search(r"第\d+行", summary)  # places are indicators; only a note's own words may quote the file it read


def test_no_confirm_is_offered_for_another_units_table(example_path):
    world = build_world(example_path)
    preview = _upload(signed_in(world.users["staffB"]), example_path)
    html = preview.content.decode()
    assert 'id="unit-mismatch"' in html and 'id="confirm-import"' not in html
    assert f"“{EXAMPLE_NAME}”与您所属部门“东莞市教育局”不一致" in html


def test_menus_by_role(example_path):
    world = build_world(example_path)
    for key in ("staffA", "reviewer", "evaluator"):
        page = signed_in(world.users[key]).get("/").content.decode()
        assert "API 令牌" in page and "API 文档" in page, key
    page = signed_in(world.users["viewer"]).get("/").content.decode()
    assert "API 令牌" not in page and "API 文档" not in page and "目标表总览" in page


@pytest.mark.parametrize(("path", "name", "kind"), [
    ("download.xlsx", "-2025-部门整体绩效目标表.xlsx", "attachment"),
    ("download.docx", "-2025-部门整体绩效目标表.docx", "attachment"),
    ("download.json", "-2025-部门整体绩效目标表.json", "attachment"),
    ("print.html", "-2025-部门整体绩效目标表.html", "inline"),
    ("versions/1.json", "-2025-部门整体绩效目标表-v1.json", "attachment"),
])
def test_download_names_say_unit_year_and_table(example_path, path, name, kind):
    world = build_world(example_path)
    record = world.tables["A_draft"]
    response = signed_in(world.users["staffA"]).get(f"/tables/{record.pk}/{path}")
    header = response["Content-Disposition"]
    assert header.isascii() and header.startswith(f'{kind}; filename="table-{record.pk}')  # an ASCII fallback for old clients
    assert unquote(header.split("filename*=UTF-8''")[1]) == EXAMPLE_NAME + name


def test_a_project_table_is_named_by_its_project_and_unsafe_characters_go(example_path):
    from jixiao.web.downloads import file_name

    world = build_world(example_path)
    project = world.tables["A_project"]
    assert file_name(project, "xlsx") == f"{EXAMPLE_NAME}-2025-职工技能提升项目.xlsx"
    project.label = '培训/项目:"一期"\n'
    assert file_name(project, "docx") == f"{EXAMPLE_NAME}-2025-培训 项目 一期.docx"
