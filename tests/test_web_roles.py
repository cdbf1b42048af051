"""The role × page/endpoint matrix: every allowed and every refused cell, pages and API alike.

Y = allowed (200 for pages and API reads, 302 for a page action that redirects back, 200/201 for API
actions); N = refused (403). The public viewer sees published tables and their self-evaluations, not their
review, monitoring or import batch. Submissions give a reason (提交说明) under a checklist that allows
submitting with error findings (the example has one, BUD-003; the refusal itself is in test_web_trust.py). `batch`/`api_batch` are the import batch of the table named (同批导入汇总:
A_draft's batch holds A_draft and A_project; A_published and B_draft are alone in theirs). `upload` is
open to reviewers and evaluators too (published self-evaluations only); 自评得分复核 (`audit_*`) is theirs alone. Anonymous visitors are sent to sign in (pages) or get 401 (API).
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from web_support import EXAMPLE_NAME, build_world, edit_form

ROLES = ["staffA", "staffB", "reviewer", "evaluator", "viewer"]
REASON = "BUD-003：预算数以财政批复为准"

# endpoint      table        staffA staffB reviewer evaluator viewer
MATRIX = """
detail          A_draft      Y N Y Y N
detail          A_submitted  Y N Y Y N
detail          A_approved   Y N Y Y N
detail          A_published  Y N Y Y Y
detail          B_draft      N Y Y Y N
findings        A_draft      Y N Y Y N
findings        A_published  Y N Y Y N
findings        B_draft      N Y Y Y N
json            A_draft      Y N Y Y N
json            A_published  Y N Y Y Y
json            B_draft      N Y Y Y N
xlsx            A_draft      Y N Y Y N
xlsx            A_published  Y N Y Y Y
docx            B_draft      N Y Y Y N
print           A_published  Y N Y Y Y
history         A_draft      Y N Y Y N
history         A_published  Y N Y Y N
history         B_draft      N Y Y Y N
monitoring      A_draft      Y N Y Y N
monitoring      A_published  Y N Y Y N
evaluation      A_approved   Y N Y Y N
evaluation      A_published  Y N Y Y Y
edit            A_draft      Y N N N N
edit            A_submitted  N N N N N
edit            A_approved   N N N N N
edit            B_draft      N Y N N N
edit_post       A_draft      Y N N N N
edit_post       A_submitted  N N N N N
edit_post       B_draft      N Y N N N
submit          A_draft      Y N N N N
submit          A_submitted  N N N N N
submit          A_approved   N N N N N
submit          B_draft      N Y N N N
return          A_draft      N N N N N
return          A_submitted  N N Y N N
return          A_approved   N N N N N
approve         A_draft      N N N N N
approve         A_submitted  N N Y N N
approve         A_published  N N N N N
publish         A_submitted  N N N N N
publish         A_approved   Y N N N N
publish         A_published  N N N N N
monitor_post    A_draft      N N N N N
monitor_post    A_approved   Y N N Y N
monitor_post    A_published  Y N N Y N
evaluate_post   A_draft      N N N N N
evaluate_post   A_approved   N N N Y N
evaluate_post   A_published  N N N Y N
api_get         A_draft      Y N Y Y N
api_get         A_published  Y N Y Y Y
api_get         B_draft      N Y Y Y N
api_indicators  A_draft      Y N Y Y N
api_indicators  A_published  Y N Y Y Y
api_findings    A_submitted  Y N Y Y N
api_submit      A_draft      Y N N N N
api_submit      B_draft      N Y N N N
api_approve     A_submitted  N N Y N N
api_approve     A_draft      N N N N N
detail          A_project    Y N Y Y N
edit            A_project    Y N N N N
edit_post       A_project    Y N N N N
submit          A_project    Y N N N N
json            A_project    Y N Y Y N
print           A_project    Y N Y Y N
versions        A_draft      Y N Y Y N
versions        A_published  Y N Y Y N
versions        B_draft      N Y Y Y N
version_json    A_draft      Y N Y Y N
version_json    A_published  Y N Y Y N
api_versions    A_draft      Y N Y Y N
api_versions    A_published  Y N Y Y N
api_version     B_draft      N Y Y Y N
api_version     A_project    Y N Y Y N
batch           A_draft      Y N Y Y N
batch           A_published  Y N Y Y N
batch           B_draft      N Y Y Y N
api_batch       A_draft      Y N Y Y N
api_batch       A_published  Y N Y Y N
api_batch       B_draft      N Y Y Y N
monitor_xlsx    A_approved   Y N Y Y N
monitor_print   A_published  Y N Y Y N
monitor_xlsx    B_draft      N Y Y Y N
selfeval_xlsx   A_published  Y N Y Y Y
selfeval_report A_approved   Y N Y Y N
compare         A_draft      Y N Y Y N
compare         A_published  Y N Y Y N
compare         B_draft      N Y Y Y N
row_op          A_draft      Y N N N N
row_op          A_submitted  N N N N N
row_op          B_draft      N Y N N N
"""

# table-less endpoints: staffA staffB reviewer evaluator viewer
GLOBAL = """
portfolio       Y Y Y Y Y
upload          Y Y Y Y N
token           Y Y Y Y Y
api_tables      Y Y Y Y Y
api_departments Y Y Y Y Y
api_projects    Y Y Y Y Y
checklists      N N Y N N
checklist_post  N N Y N N
region_post     N N Y N N
audit_summary   N N Y Y N
audit_export    N N Y Y N
api_audit       N N Y Y N
overview        Y Y Y Y N
overview_export Y Y Y Y N
"""


def cells():
    for line in MATRIX.strip().splitlines():
        endpoint, table, *marks = line.split()
        for role, mark in zip(ROLES, marks, strict=True):
            yield endpoint, table, role, mark == "Y"


def request(client: Client, endpoint: str, record, token: str | None):
    pk = record.pk if record is not None else None
    api = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    pages = {
        "detail": f"/tables/{pk}/",
        "findings": f"/tables/{pk}/findings/",
        "json": f"/tables/{pk}/download.json",
        "xlsx": f"/tables/{pk}/download.xlsx",
        "docx": f"/tables/{pk}/download.docx",
        "print": f"/tables/{pk}/print.html",
        "history": f"/tables/{pk}/history/",
        "monitoring": f"/tables/{pk}/monitoring/",
        "evaluation": f"/tables/{pk}/evaluation/",
        "edit": f"/tables/{pk}/edit/",
        "versions": f"/tables/{pk}/versions/1/",
        "version_json": f"/tables/{pk}/versions/1.json",
        "batch": f"/batches/{getattr(record, 'batch', None)}/",
        "portfolio": "/",
        "checklists": "/departments/",
        "upload": "/upload/",
        "token": "/accounts/token/",
        "audit_summary": "/audit/",
        "audit_export": "/audit/export.xlsx",
        "monitor_xlsx": f"/tables/{pk}/monitoring/monitor.xlsx",
        "monitor_print": f"/tables/{pk}/monitoring/print.html",
        "selfeval_xlsx": f"/tables/{pk}/evaluation/selfeval.xlsx",
        "selfeval_report": f"/tables/{pk}/evaluation/report.docx",
        "compare": f"/tables/{pk}/compare/",
        "overview": "/overview/",
        "overview_export": "/overview/export.xlsx",
    }
    if endpoint in pages:
        _entries_for(endpoint, record)
        return client.get(pages[endpoint]), (200,)
    posts = {
        "edit_post": (f"/tables/{pk}/edit/", lambda: edit_form(record)),
        "submit": (f"/tables/{pk}/submit/", lambda: {"comment": REASON}),
        "return": (f"/tables/{pk}/return/", lambda: {"comment": "请补充成本指标"}),
        "approve": (f"/tables/{pk}/approve/", dict),
        "publish": (f"/tables/{pk}/publish/", dict),
        "monitor_post": (f"/tables/{pk}/monitoring/", lambda: {"as_of": "2025-07-31", "executed": "3000"}),
        "evaluate_post": (f"/tables/{pk}/evaluation/", lambda: {"executed": "5000"}),
        "checklist_post": (f"/departments/{_department_pk()}/checklist/", lambda: {"checklist": "songgang-2023"}),
        "region_post": (f"/departments/{_department_pk()}/region/", lambda: {"region": "东莞市"}),
        "row_op": (f"/tables/{pk}/edit/", lambda: {**edit_form(record), "row_op": "add:1"}),
    }
    if endpoint in posts:
        url, data = posts[endpoint]
        return client.post(url, data()), (302,)
    apis = {
        "api_get": ("get", f"/api/tables/{pk}"),
        "api_indicators": ("get", f"/api/tables/{pk}/indicators"),
        "api_findings": ("get", f"/api/tables/{pk}/findings"),
        "api_submit": ("post", f"/api/tables/{pk}/submit"),
        "api_approve": ("post", f"/api/tables/{pk}/approve"),
        "api_tables": ("get", "/api/tables"),
        "api_departments": ("get", "/api/departments"),
        "api_projects": ("get", "/api/tables?kind=project_target"),
        "api_versions": ("get", f"/api/tables/{pk}/versions"),
        "api_version": ("get", f"/api/tables/{pk}/versions/1"),
        "api_batch": ("get", f"/api/batches/{getattr(record, 'batch', None)}/summary"),
        "api_audit": ("get", "/api/audit/summary"),
    }
    method, url = apis[endpoint]
    if method == "post":
        return client.post(url, {"comment": REASON}, **api), (200,)
    return client.get(url, **api), (200,)


def _entries_for(endpoint: str, record) -> None:
    """The monitoring and self-evaluation downloads need a submitted entry (made inside the cell's rolled-back transaction)."""
    import datetime as dt

    from jixiao.web.evaluation.models import Evaluation
    from jixiao.web.monitoring.models import Snapshot

    if endpoint.startswith("monitor_"):
        Snapshot.objects.create(table=record, as_of=dt.date(2025, 7, 31), executed=1000.0, actuals={"1": "10"}, status="submitted")
    if endpoint.startswith("selfeval_"):
        Evaluation.objects.create(table=record, actuals={"1": "10"}, executed=1000.0, score=50.0, grade="差", status="submitted")


def _department_pk() -> int:
    from jixiao.web.tables.models import Department

    return Department.objects.get(name=EXAMPLE_NAME).pk


def attempt(client, endpoint, record, token):
    """Make the request and roll back whatever it changed, so every cell starts from the same state."""
    with transaction.atomic():
        response, ok = request(client, endpoint, record, token)
        transaction.set_rollback(True)
    return response, ok


@pytest.mark.django_db
def test_role_matrix(example_path, errors_allowed):
    from jixiao.web.accounts.models import ApiToken

    world = build_world(example_path)
    clients, tokens = {}, {}
    for role, user in world.users.items():
        clients[role] = Client()
        clients[role].force_login(user)
        tokens[role] = ApiToken.issue(user)[1]
    wrong = []
    count = 0
    for endpoint, table, role, allowed in cells():
        record = world.tables[table]
        record.refresh_from_db()
        response, ok = attempt(clients[role], endpoint, record, tokens[role])
        expected = ok if allowed else (403,)
        count += 1
        if response.status_code not in expected:
            wrong.append(f"{endpoint} {table} {role}: {response.status_code}, expected {expected}")
    for line in GLOBAL.strip().splitlines():
        endpoint, *marks = line.split()
        for role, mark in zip(ROLES, marks, strict=True):
            response, ok = attempt(clients[role], endpoint, None, tokens[role])
            expected = ok if mark == "Y" else (403,)
            count += 1
            if response.status_code not in expected:
                wrong.append(f"{endpoint} {role}: {response.status_code}, expected {expected}")
    assert not wrong, "\n".join(wrong)
    assert count == 90 * 5 + 14 * 5


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in_and_api_needs_a_token(example_path):
    world = build_world(example_path)
    anon = Client()
    seen = set()
    for endpoint, table, _role, _allowed in cells():
        if (endpoint, table) in seen:
            continue
        seen.add((endpoint, table))
        response, _ = attempt(anon, endpoint, world.tables[table], None)
        if endpoint.startswith("api_"):
            assert response.status_code == 401, endpoint
        else:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], endpoint
    assert anon.get("/api/tables", HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401


@pytest.mark.django_db
def test_visible_lists_follow_roles(example_path):
    """The portfolio and the API list show exactly the tables each role may see."""
    from jixiao.web.accounts.models import ApiToken

    world = build_world(example_path)
    expected = {
        "staffA": {"A_draft", "A_submitted", "A_approved", "A_published", "A_project"},
        "staffB": {"B_draft"},
        "reviewer": set(world.tables),
        "evaluator": set(world.tables),
        "viewer": {"A_published"},
    }
    ids = {record.pk: key for key, record in world.tables.items()}
    for role, user in world.users.items():
        client = Client()
        client.force_login(user)
        page = client.get("/")
        shown = {ids[t.pk] for t in page.context["page"]}
        assert shown == expected[role], role
        token = ApiToken.issue(user)[1]
        listed = {ids[t["id"]] for t in client.get("/api/tables", HTTP_AUTHORIZATION=f"Bearer {token}").json()}
        assert listed == expected[role], role
