"""No page's query count grows with the number of rows it shows (portfolio, table, history, API list,
同批导入汇总, 自评得分复核汇总)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from web_support import build_world, project_table

pytestmark = pytest.mark.django_db


def count(client, url) -> int:
    """Queries of a view of `url` after a first one (the first view of a table version keeps its review)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def used_token(user) -> str:
    """A token in use: its 最近使用 is fresh, so no request of the count writes it (the first use of a token does)."""
    from django.utils import timezone

    from jixiao.web.accounts.models import ApiToken

    token, secret = ApiToken.issue(user)
    ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return secret


def more_tables(world, n: int) -> None:
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import Department

    for k in range(n):
        dept = Department.objects.create(name=f"测试部门{k}")
        mapping.store(world.example, dept, 2025)


def test_portfolio_queries_do_not_grow_with_rows(example_path):
    world = build_world(example_path)
    client = Client()
    client.force_login(world.users["reviewer"])
    few = count(client, "/?sort=department")
    more_tables(world, 12)
    many = count(client, "/?sort=department")
    assert len(client.get("/").context["page"]) == 18
    assert many == few


def test_table_page_queries_do_not_grow_with_indicators(example_path):
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import Department

    world = build_world(example_path)
    client = Client()
    client.force_login(world.users["reviewer"])
    small = world.example.model_copy(update={"indicators": world.example.indicators[:3], "key_tasks": world.example.key_tasks[:1]})
    record = mapping.store(small, Department.objects.create(name="小表部门"), 2025)
    from jixiao.web.tables import audit

    for n in range(5):  # history rows on the big table only
        audit.record(world.users["staffA"], world.tables["A_draft"], "修改", f"字段{n}", n, n + 1)
    few = count(client, f"/tables/{record.pk}/")
    many = count(client, f"/tables/{world.tables['A_draft'].pk}/")
    assert few == many
    for page in ("history/", "monitoring/", "evaluation/", "findings/"):
        assert count(client, f"/tables/{record.pk}/{page}") == count(client, f"/tables/{world.tables['A_draft'].pk}/{page}"), page


def test_api_list_queries_do_not_grow(example_path):

    world = build_world(example_path)
    token = used_token(world.users["reviewer"])
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    few = count(client, "/api/tables")
    more_tables(world, 8)
    assert count(client, "/api/tables") == few


def test_department_page_queries_do_not_grow_with_its_project_tables(example_path):
    from jixiao.web.tables import mapping

    world = build_world(example_path)
    client = Client()
    client.force_login(world.users["reviewer"])
    department = world.tables["A_draft"]
    few = count(client, f"/tables/{department.pk}/")
    for k in range(6):
        mapping.store(project_table(world.example, name=f"项目{k}", code=f"P{k}"), department.department, 2025)
    page = client.get(f"/tables/{department.pk}/")
    assert len(page.context["project_tables"]) == 7
    assert count(client, f"/tables/{department.pk}/") == few
    assert count(client, f"/tables/{world.tables['A_project'].pk}/") == few  # a project page: the same queries


def test_batch_summary_queries_do_not_grow_with_its_tables(example_path):
    """同批导入汇总 reads the batch's tables in one query however many there are (page and API)."""
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import TargetTableRecord

    world = build_world(example_path)
    client = Client()
    client.force_login(world.users["reviewer"])
    batch = world.tables["A_draft"].batch
    few = count(client, f"/batches/{batch}/")
    for k in range(5):
        mapping.store(project_table(world.example, name=f"项目{k}", code=f"P{k}"), world.tables["A_draft"].department, 2025, batch=batch)
    assert TargetTableRecord.objects.filter(batch=batch).count() == 7
    assert count(client, f"/batches/{batch}/") == few
    api = Client(HTTP_AUTHORIZATION=f"Bearer {used_token(world.users['reviewer'])}")
    assert len(api.get(f"/api/batches/{batch}/summary").json()["tables"]) == 7
    assert count(api, f"/api/batches/{batch}/summary") == count(api, f"/api/batches/{world.tables['A_published'].batch}/summary")


def _selfeval(first: float, rows: int = 2):
    from jixiao.domain.table import Indicator, Published, Table

    indicators = [Indicator(level1="产出指标", level2="数量指标", name=f"培训人数{k}", target="≥500人", annual_value="≥500人", actual="520人",
                            weight=10, score=first if k == 0 else 10) for k in range(rows)]
    return Table(kind="selfeval", title="2024年度项目支出绩效自评表", year=2024, indicators=indicators, published=Published())


def test_audit_summary_queries_do_not_grow_with_tables_and_self_evaluation_page_with_rows(example_path):
    """自评得分复核汇总 reads stored columns in one query (page and API); a self-evaluation's page does not
    grow with its rows."""
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import Department

    world = build_world(example_path)
    client = Client()
    client.force_login(world.users["evaluator"])
    api = Client(HTTP_AUTHORIZATION=f"Bearer {used_token(world.users['evaluator'])}")
    dept = Department.objects.create(name="自评部门0")
    small = mapping.store(_selfeval(12, rows=2), dept, 2024)
    few, few_api = count(client, "/audit/"), count(api, "/api/audit/summary")
    for k in range(1, 6):
        mapping.store(_selfeval(12 if k % 2 else 10), Department.objects.create(name=f"自评部门{k}"), 2024)
    assert len(client.get("/audit/").context["summary"]["departments"]) == 6
    assert count(client, "/audit/") == few and count(api, "/api/audit/summary") == few_api
    big = mapping.store(_selfeval(12, rows=12), Department.objects.create(name="大表部门"), 2024)
    assert count(client, f"/tables/{small.pk}/") == count(client, f"/tables/{big.pk}/")
