"""The self-evaluation page: the chart of all four parts (产出、效益、满意度 and 预算执行率), the scheme named
for the table's kind (a 部门整体 table is not 项目支出), and the official self-evaluation table (XLSX) and
report (DOCX) of the submitted self-evaluation, as the CLI writes them; scores, budget figures and 预算执行率 as the
official forms print them (94.49 · 5,081.16 万元 · 94.98%) on the page, in the chart's tooltips and in the XLSX."""

from __future__ import annotations

import io

import pytest
from web_support import build_world, demo_selfeval, project_table, signed_in

pytestmark = pytest.mark.django_db


def _submitted(client, record):
    assert client.post(f"/tables/{record.pk}/evaluation/", {**demo_selfeval(), "action": "submit"}).status_code == 302
    return client.get(f"/tables/{record.pk}/evaluation/")


def test_chart_has_every_part_and_the_label_fits_the_kind(example_path):
    world = build_world(example_path)
    page = _submitted(signed_in(world.users["evaluator"]), world.tables["A_published"])
    chart, result = page.context["chart"], page.context["result"]
    assert chart["labels"][-1] == "预算执行率" and chart["weight"][-1] == 10 and chart["score"][-1] == round(result.budget.score, 2)
    assert {"产出指标", "效益指标", "满意度指标"} <= set(chart["labels"]) and sum(chart["weight"]) == pytest.approx(100)
    assert sum(chart["score"]) == pytest.approx(result.total, abs=0.05)
    assert page.context["label"] == "部门整体支出绩效自评（评分规则：财预〔2020〕10号）"
    assert "项目支出" not in page.content.decode().split('id="eval-scheme"')[1].split("</span>")[0]


def test_scores_and_budget_figures_as_the_forms_print_them(example_path):
    import re

    world = build_world(example_path)
    page = _submitted(signed_in(world.users["evaluator"]), world.tables["A_published"])
    html, result = page.content.decode(), page.context["result"]
    b = result.budget  # 4,826.10 of the example's 5,081.16 万元
    assert f'<b id="eval-total">{result.total:.2f}</b>' in html and f"{result.total:.2f}" == "94.49"
    assert ('全年预算数 5,081.16 万元，全年执行数 4,826.10 万元，预算执行率 <b id="eval-budget-rate">94.98%</b>，'
            f"得分 <b>{b.score:.2f}</b> / 10.00 分") in html
    assert "4826.1" not in html and "5081.16" not in html  # no bare amount left (the formula of assess is not printed)
    assert 'name="executed" inputmode="decimal" value="4,826.10"' in html
    cells = re.findall(r'<td class="num">([^<]*)</td>', html)
    assert cells and all(re.fullmatch(r"\d+\.\d\d", c) for c in cells), cells  # 分值 and 得分 with two decimals
    tips = page.context["chart"]["tips"]
    assert tips[0][-1] == "分值：10.00 分" and tips[1][-1] == f"得分：{b.score:.2f} 分"
    assert all(re.fullmatch(r"(分值|得分)：\d+\.\d\d 分", t) for t in tips[0] + tips[1])


def test_a_project_table_is_labelled_project_spending(example_path):
    from jixiao.web.tables import mapping

    world = build_world(example_path)
    record = mapping.store(project_table(world.example), world.tables["A_published"].department, 2021)
    record.status = "published"
    record.save()
    client = signed_in(world.users["evaluator"])
    assert client.post(f"/tables/{record.pk}/evaluation/", {"executed": "700", "actual_1": "达成", "action": "save"}).status_code == 302
    assert client.get(f"/tables/{record.pk}/evaluation/").context["label"].startswith("项目支出绩效自评")


def test_downloads_of_the_official_table_and_report(example_path):
    import docx
    import openpyxl

    world = build_world(example_path)
    record = world.tables["A_published"]
    client = signed_in(world.users["evaluator"])
    draft = client.post(f"/tables/{record.pk}/evaluation/", {**demo_selfeval(), "action": "save"})
    assert draft.status_code == 302 and 'id="selfeval-xlsx"' not in client.get(f"/tables/{record.pk}/evaluation/").content.decode()
    none = client.get(f"/tables/{record.pk}/evaluation/selfeval.xlsx")
    assert none.status_code == 404 and "尚无已提交的自评" in none.content.decode()
    page = _submitted(client, record)
    assert 'id="selfeval-xlsx"' in page.content.decode() and 'id="selfeval-report"' in page.content.decode()
    total = page.context["result"].total
    xlsx = signed_in(world.users["viewer"]).get(f"/tables/{record.pk}/evaluation/selfeval.xlsx")  # published: the public sees it too
    assert xlsx.status_code == 200 and "filename*=UTF-8''" in xlsx["Content-Disposition"]
    cells = [str(c.value) for row in openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows() for c in row if c.value is not None]
    assert "2022年度部门整体支出绩效自评表" in cells and f"{total:.2f}" in cells
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    budget = next(row for row in sheet.iter_rows() if row[0].value == "预算执行率")
    assert [(c.value, c.number_format) for c in budget[2:5]] == [(5081.16, "#,##0.00"), (4826.1, "#,##0.00"), (pytest.approx(4826.1 / 5081.16), "0.00%")]
    report = client.get(f"/tables/{record.pk}/evaluation/report.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.content)).paragraphs)
    assert "年度部门整体支出绩效自评报告" in text and f"自评总分 {total:.2f} 分" in text and "项目支出" not in text
