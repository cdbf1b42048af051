"""运行监控 as 财预〔2019〕136号 describes: who enters (the roles the configuration names; the others are
told why), the as-of date from the table's year, a deviation cause (drop-down) and corrective action for the
lights that need them, the table's monitoring light, the printable monitoring table, and every computed number
as the official forms print it (2,650.30 万元, 52.16%) on the page, in its charts and in the XLSX, raw in the API."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from web_support import build_world, signed_in

pytestmark = pytest.mark.django_db


def test_default_date_from_the_table_year():
    from jixiao.web.monitoring.entry import default_as_of

    assert default_as_of(2025, dt.date(2026, 12, 6)) == dt.date(2025, 7, 31)  # a 2025 table, not today
    assert default_as_of(2026, dt.date(2026, 3, 2)) == dt.date(2026, 3, 2)  # 31 July still ahead this year
    assert default_as_of(2026, dt.date(2026, 9, 1)) == dt.date(2026, 7, 31)
    assert default_as_of(None, dt.date(2026, 3, 2)) == dt.date(2026, 3, 2)


def test_the_page_offers_the_date_of_the_table_year(example_path):
    world = build_world(example_path)
    record = world.tables["A_approved"]  # a 2023 table
    page = signed_in(world.users["evaluator"]).get(f"/tables/{record.pk}/monitoring/")
    assert page.context["form"]["as_of"] == "2023-07-31" and 'value="2023-07-31"' in page.content.decode()


def test_entry_roles_come_from_the_configuration_and_the_others_are_told_why(example_path, settings):
    world = build_world(example_path)
    record = world.tables["A_approved"]
    url = f"/tables/{record.pk}/monitoring/"
    assert settings.MONITOR_ROLES == ("staff", "evaluator")
    for who in ("staffA", "evaluator"):
        page = signed_in(world.users[who]).get(url)
        assert page.context["can_enter"] and 'name="as_of"' in page.content.decode()
    reviewer = signed_in(world.users["reviewer"]).get(url).content.decode()
    assert "您的角色（财政审核人员）不能填报运行监控数据" in reviewer and "部门填报人员、评价人员" in reviewer
    settings.MONITOR_ROLES = ("staff",)
    evaluator = signed_in(world.users["evaluator"])
    assert "填报角色为部门填报人员" in evaluator.get(url).content.decode()
    refused = evaluator.post(url, {"as_of": "2023-07-31", "executed": "10"})
    assert refused.status_code == 403 and "不能填报运行监控数据" in refused.content.decode()
    draft = world.tables["A_draft"]
    assert "目标表批准后才能填报" in signed_in(world.users["staffA"]).get(f"/tables/{draft.pk}/monitoring/").content.decode()


def _every_row(record, **override) -> dict:
    rows = record.data["indicators"]
    data = {f"actual_{n}": row.get("annual_value") or "完成" for n, row in enumerate(rows, 1)}
    data.update(override)
    return {"as_of": "2023-07-31", "executed": "2650.3", **data}


def test_a_red_light_needs_its_cause_and_corrective_action(example_path):
    from jixiao.web.monitoring.models import Snapshot

    world = build_world(example_path)
    record = world.tables["A_approved"]  # 2023: 31 July is 58.1% of the year, as in 2025
    client = signed_in(world.users["evaluator"])
    url = f"/tables/{record.pk}/monitoring/"
    names = [row["name"] for row in record.data["indicators"]]
    n = 1 + names.index("求学圆梦补贴人数")  # 6400人: 2000 by 31 July is red
    data = _every_row(record, **{f"actual_{n}": "2000人"})
    refused = client.post(url, {**data, "action": "submit"})
    html = refused.content.decode()
    assert refused.status_code == 400 and f"第{n}项“求学圆梦补贴人数”（红灯，未填偏差原因、纠偏措施）" in html
    assert not Snapshot.objects.filter(status="submitted").exists()
    assert f'id="monitor-row-{n}"' in html and "needs-action" in html  # the row lit as it is being entered
    yellow = 1 + names.index("电影放映场次数")  # ≥7000场: 3000 by 31 July is yellow
    saved = client.post(url, {**data, f"actual_{yellow}": "3000场", "action": "save"}, follow=True)
    assert f"第{yellow}项“电影放映场次数”（黄灯，未填偏差原因、纠偏措施）" in saved.content.decode()  # asked for, not required by the default scheme
    bad = client.post(url, {**data, f"cause_{n}": "天气原因", "action": "save"})
    assert bad.status_code == 400 and "偏差原因应为 经费保障、制度保障、人员保障、硬件条件保障、其他 之一" in bad.content.decode()
    ok = client.post(url, {**data, f"cause_{n}": "人员保障", f"correction_{n}": "增派审核人员，9月前集中发放", "action": "submit"})
    assert ok.status_code == 302
    snap = Snapshot.objects.get(table=record, status="submitted")
    assert snap.deviations[str(n)] == {"cause": "人员保障", "correction": "增派审核人员，9月前集中发放"}
    record.refresh_from_db()
    assert record.monitor_light == "red" and record.traffic_light == "red" and "运行监控有红灯" in record.traffic_light_words
    page = client.get(url)
    report = page.context["report"]
    assert report.indicators[n - 1].cause == "人员保障" and report.indicators[n - 1].correction.startswith("增派")
    html = page.content.decode()
    assert html.count("时间进度 <b") == 1 and page.context["time_pct"] == "58.08%"  # 212/365, as the printable table prints it
    assert "执行数 2,650.30 万元，全年预算数 5,081.16 万元，执行率 <b id=\"budget-rate\">52.16%</b>，慢于时间进度" in html
    assert "52.2%" not in html and "2650.3" not in html  # the rate once, as a figure; no bare amounts
    row = html.split(f'id="monitor-row-{n}"')[1].split("</tr>")[0]
    assert '<td class="num completion">31.25%</td>' in row  # 2000 of 6400人
    assert 'name="executed" inputmode="decimal" value="2,650.30"' in html  # the next entry starts from the last one, formatted


def _sample(example_path):
    from jixiao.web import demo

    world = build_world(example_path)
    return world, demo.load_sample(demo.read_bytes(demo.example_bytes(), demo.EXAMPLE))  # 2,650.30 of 5,081.16 万元 by 31 July 2025


def test_numbers_on_the_page_and_in_its_charts_and_raw_in_the_api(example_path):
    from jixiao.web.accounts.models import ApiToken

    world, sample = _sample(example_path)
    page = signed_in(world.users["reviewer"]).get(f"/tables/{sample.pk}/monitoring/")
    html = page.content.decode()
    assert '<b id="time-progress">58.08%</b>' in html and '<b id="budget-rate">52.16%</b>' in html and "执行数 2,650.30 万元" in html
    assert page.context["chart"]["tips"] == [["预算执行率：52.16%（执行数 2,650.30 万元）"], ["时间进度：58.08%"]]
    assert page.context["chart"]["execution"] == [52.16]  # the bars stay numbers; the tooltips carry the formatted figures
    done = page.context["completion"]
    at = done["labels"].index("求学圆梦补贴人数")  # 2000 of 6400人
    assert (done["completion"][at], done["tips"][0][at], done["tips"][1][at]) == (31.25, "已完成：31.25%", "应有进度：58.08%")
    shown = [cell.split("<")[0] for cell in html.split('<td class="num completion">')[1:]]
    assert "31.25%" in shown and all(re.fullmatch(r"(\d+\.\d\d%)?", c) for c in shown), shown  # a completion is a rate with two decimals
    token = ApiToken.issue(world.users["reviewer"])[1]
    api = signed_in(world.users["reviewer"]).get(f"/api/tables/{sample.pk}/monitoring", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 200 and api.json()[0]["executed"] == 2650.3  # machines get the number, not “2,650.30”


def test_the_printable_monitoring_table(example_path):
    import openpyxl

    world, sample = _sample(example_path)
    client = signed_in(world.users["reviewer"])
    html = client.get(f"/tables/{sample.pk}/monitoring/print.html")
    text = html.content.decode()
    assert html.status_code == 200 and "绩效运行监控表" in text and "制度保障" in text and "9月前完成补贴申报审核" in text
    assert "inline" in html["Content-Disposition"] and "%E7%BB%A9%E6%95%88%E8%BF%90%E8%A1%8C%E7%9B%91%E6%8E%A7%E8%A1%A8" in html["Content-Disposition"]
    xlsx = client.get(f"/tables/{sample.pk}/monitoring/monitor.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("绩效运行监控表" in c for c in cells) and "纠偏措施" in cells
    assert all(x in text for x in ("2,650.30", "5,081.16", "52.16%", "时间进度 58.08%", "31.25%"))  # as the page prints them
    budget = next(row for row in sheet.iter_rows() if row[0].value == "预算执行情况")
    figures = [(c.value, c.number_format) for c in budget if isinstance(c.value, float)]  # 全年预算数, 执行数, 执行率, 时间进度
    assert figures == [(5081.16, "#,##0.00"), (2650.3, "#,##0.00"), (pytest.approx(2650.3 / 5081.16), "0.00%"), (pytest.approx(212 / 365), "0.00%")]
    completion = [c for row in sheet.iter_rows() for c in row if c.column == 7 and isinstance(c.value, float)]
    assert completion and all(c.number_format == "0.00%" and 0 <= c.value <= 1 for c in completion)
    none = client.get(f"/tables/{world.tables['A_approved'].pk}/monitoring/monitor.xlsx")
    assert none.status_code == 404 and "尚无已提交的运行监控数据" in none.content.decode()
    assert signed_in(world.users["viewer"]).get(f"/tables/{sample.pk}/monitoring/print.html").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_migration_fills_deadlines_and_monitoring_lights(example, settings):
    """tables 0011 (with monitoring 0003): a table submitted before gets its 审核期限 from the submission in the
    audit trail, a table monitored before gets the worst light of its latest submitted snapshot."""
    from web_support import latest_migrations, migrate

    latest = latest_migrations()
    old = migrate([("tables", "0010_audit_summary"), ("monitoring", "0002_entry_status")])
    try:
        Department = old.get_model("tables", "Department")
        Record = old.get_model("tables", "TargetTableRecord")
        Entry = old.get_model("tables", "AuditEntry")
        Snapshot = old.get_model("monitoring", "Snapshot")
        dept = Department.objects.create(name="旧单位")
        doc = example.model_copy(update={"year": 2025}).canonical_json(indent=None)
        submitted = Record.objects.create(department=dept, year=2025, kind="department_target", label="旧单位", status="submitted", document=doc)
        Entry.objects.create(table=submitted, action="提交", field="状态")
        monitored = Record.objects.create(department=dept, year=2024, kind="department_target", label="旧单位", status="approved", document=doc)
        names = [i.name for i in example.indicators]
        Snapshot.objects.create(table=monitored, as_of=dt.date(2025, 7, 31), executed=2650.3, status="submitted",
                                actuals={str(1 + names.index("求学圆梦补贴人数")): "2000人"})
        untouched = Record.objects.create(department=dept, year=2023, kind="department_target", label="旧单位", status="draft", document="{}")
    finally:
        new = migrate(latest)
    Record = new.get_model("tables", "TargetTableRecord")
    submitted, monitored, untouched = (Record.objects.get(pk=r.pk) for r in (submitted, monitored, untouched))
    assert submitted.deadline == dt.date.today() + dt.timedelta(days=settings.REVIEW_DAYS) and submitted.monitor_light == ""
    assert monitored.monitor_light == "red" and monitored.deadline is None
    assert (untouched.deadline, untouched.monitor_light) == (None, "")
    assert new.get_model("monitoring", "Snapshot").objects.get().deviations == {}
