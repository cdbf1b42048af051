"""Schemathesis over the OpenAPI schema: every endpoint, with every role's token, on generated valid and
invalid input (path ids drawn from the stored tables, actions from the workflow's). No answer is a 500,
and no role changes what it may not: department staff never touch another department's tables,
reviewers and evaluators never change a table's document, the public viewer changes nothing at all, and a
refused request (4xx) stores nothing."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_support import build_world

pytestmark = pytest.mark.django_db

EXAMPLES = 4  # per role × operation × generation mode: the suite's runtime stays modest
ACTIONS = ["submit", "return", "approve", "publish"]


def state(department_id=None) -> list[tuple]:
    """What a department's tables are (all departments' when None): status, version, document, comments, entries."""
    from jixiao.web.evaluation.models import Evaluation
    from jixiao.web.monitoring.models import Snapshot
    from jixiao.web.review.models import ReviewComment
    from jixiao.web.tables.models import TargetTableRecord

    tables = TargetTableRecord.objects.order_by("id")
    if department_id is not None:
        tables = tables.filter(department_id=department_id)
    rows = []
    for t in tables:
        rows.append((t.pk, t.status, t.version, t.document, ReviewComment.objects.filter(table=t).count(),
                     Snapshot.objects.filter(table=t).count(), Evaluation.objects.filter(table=t).count()))
    return rows


def documents() -> list[tuple]:
    from jixiao.web.tables.models import TargetTableRecord

    return list(TargetTableRecord.objects.order_by("id").values_list("id", "version", "document"))


@pytest.fixture
def wsgi_app():
    """Django's WSGI application, called in the test's transaction: the per-request connection close is off."""
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def stored() -> tuple:
    """Everything a request could store: each table's status, version and document, and the number of rows of
    every other kind a request writes (the failed Job row of a refused upload is its record, not counted)."""
    from jixiao.web.evaluation.models import Evaluation
    from jixiao.web.monitoring.models import Snapshot
    from jixiao.web.review.models import ReviewComment
    from jixiao.web.tables.models import AuditEntry, Department, PendingUpload, TableVersion, TargetTableRecord

    tables = tuple(TargetTableRecord.objects.order_by("id").values_list("id", "status", "version", "document"))
    return tables, tuple(m.objects.count() for m in (AuditEntry, TableVersion, Evaluation, Snapshot, ReviewComment, PendingUpload, Department))


def fuzz(schema, token: str, ids: list[int], seen: Counter) -> list[str]:
    """Run every operation of the schema with the token; the 5xx answers and the refused requests that stored
    something, described. `seen` counts the status codes."""
    from schemathesis import GenerationMode

    failures: list[str] = []
    headers = {"Authorization": f"Bearer {token}"}
    for result in schema.get_all_operations():
        operation = result.ok()
        names = {p.name for p in operation.path_parameters}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            overrides = {}
            if "pk" in names:
                overrides["pk"] = st.sampled_from([*ids, 0, 10**9])
            if "action" in names:
                overrides["action"] = st.sampled_from([*ACTIONS, "delete"])

            @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode), chosen=st.fixed_dictionaries(overrides))
            def run(case, chosen):
                case.path_parameters = {**(case.path_parameters or {}), **chosen}
                before = stored()
                response = case.call(headers=headers)
                seen[response.status_code] += 1
                if response.status_code >= 500:
                    failures.append(f"{case.operation.label} {case.path_parameters} {case.query}: {response.status_code} {response.text[:200]}")
                elif response.status_code >= 400 and stored() != before:
                    failures.append(f"{case.operation.label} {case.path_parameters} {case.query}: refused ({response.status_code}) but stored something")

            run()
    return failures


def test_api_fuzz_every_endpoint_every_role(example_path, wsgi_app):
    import schemathesis

    from jixiao.web.accounts.models import ApiToken

    world = build_world(example_path)
    ids = [t.pk for t in world.tables.values()]
    a, b = world.tables["A_draft"].department_id, world.tables["B_draft"].department_id
    reader = ApiToken.issue(world.users["reviewer"])[1]
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app, headers={"Authorization": f"Bearer {reader}"})
    assert len(list(schema.get_all_operations())) >= 14  # every endpoint of the API
    failures: list[str] = []
    for role, user in world.users.items():
        before_a, before_b, before_all, before_docs = state(a), state(b), state(), documents()
        seen: Counter = Counter()
        failures += [f"{role}: {f}" for f in fuzz(schema, ApiToken.issue(user)[1], ids, seen)]
        assert sum(n for code, n in seen.items() if code < 300) >= 3, (role, seen)  # the token opened the API
        assert seen[403] or seen[404], (role, seen)  # and refusals were met
        if role == "staffA":
            assert state(b) == before_b, "staffA changed the other department's tables"
        if role == "staffB":
            assert state(a) == before_a, "staffB changed the other department's tables"
        if role in ("reviewer", "evaluator"):
            assert documents() == before_docs, f"{role} changed a table's document"
        if role == "viewer":
            assert state() == before_all, "the public viewer changed something"
    assert not failures, "\n".join(failures)
