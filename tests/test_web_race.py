"""Two people at once, on real database connections (threads, committed transactions): an edit racing a
submit is never saved after the submit, two writers on SQLite wait for each other instead of failing
with "database is locked", and two edits of one table from the same version are merged, not lost."""

from __future__ import annotations

import threading

import pytest
from web_support import build_world, edit_form, indicator, signed_in

pytestmark = pytest.mark.django_db(transaction=True)

ATTEMPTS = 50


def _at_once(*posts) -> list[int]:
    """Post each (client, url, data) from its own thread, released together; their status codes."""
    from django.db import connections

    barrier = threading.Barrier(len(posts))
    codes: list[int | None] = [None] * len(posts)
    errors: list[BaseException] = []

    def run(i, client, url, data):
        try:
            barrier.wait(timeout=30)
            codes[i] = client.post(url, data).status_code
        except BaseException as error:  # noqa: BLE001 — re-raised below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, *post)) for i, post in enumerate(posts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    if errors:
        raise errors[0]
    assert all(c is not None for c in codes), codes
    return [c for c in codes if c is not None]


REASON = "BUD-003：预算数以财政批复为准"  # the example's error finding, submitted with a reason (the checklist allows it)


def test_an_edit_racing_a_submit_is_never_saved_after_it(example_path, errors_allowed):
    from jixiao.web.tables.models import AuditEntry, TargetTableRecord

    world = build_world(example_path)
    record = world.tables["A_draft"]
    editor, submitter = signed_in(world.users["staffA"]), signed_in(world.users["staffA"])
    outcomes = {"edit first": 0, "edit refused": 0}
    for attempt in range(ATTEMPTS):
        TargetTableRecord.objects.filter(pk=record.pk).update(status="draft")
        record.refresh_from_db()
        before = record.version
        form = edit_form(record)
        form["annual_value_1"] = f"{200 + attempt}元/月/人"
        edit, submit = _at_once((editor, f"/tables/{record.pk}/edit/", form), (submitter, f"/tables/{record.pk}/submit/", {"comment": REASON}))
        record.refresh_from_db()
        submitted = AuditEntry.objects.filter(table=record, action="提交").order_by("-id").first()
        assert submit == 302 and record.status == "submitted" and submitted is not None
        assert submitted.version == record.version, f"attempt {attempt}: the document changed after the submit"
        if edit == 302:
            assert record.version == before + 1 and indicator(record, 1)["annual_value"] == form["annual_value_1"]
            outcomes["edit first"] += 1
        else:
            assert edit in (403, 409), f"attempt {attempt}: edit answered {edit}"
            assert record.version == before
            outcomes["edit refused"] += 1
    assert sum(outcomes.values()) == ATTEMPTS


def test_an_edit_of_a_table_submitted_meanwhile_is_refused_with_a_message(example_path, errors_allowed):
    """The interleaving the race hits, made certain: the page was opened (and checked) on a draft, the
    table was submitted before the save; the save is refused under the lock and changes nothing."""
    from jixiao.web.tables import services
    from jixiao.web.tables.models import TargetTableRecord

    world = build_world(example_path)
    record = world.tables["A_draft"]
    stale = TargetTableRecord.objects.get(pk=record.pk)  # what the edit view read: a draft
    services.transition(world.users["staffA"], record, "submit", REASON)
    with pytest.raises(services.Refused) as refused:
        services.edit(world.users["staffA"], stale, stale.version, {}, {1: {"annual_value": "999元/月/人"}})
    assert refused.value.status == 409 and "已提交" in refused.value.message and "不能修改" in refused.value.message
    record.refresh_from_db()
    assert record.version == 1 and indicator(record, 1)["annual_value"] != "999元/月/人"


def test_two_writers_at_once_both_succeed(example_path):
    """Two edits of different tables at the same instant: both saved (SQLite waits for its lock)."""
    world = build_world(example_path)
    a, b = world.tables["A_draft"], world.tables["B_draft"]
    form_a, form_b = edit_form(a), edit_form(b)
    for attempt in range(10):
        form_a["annual_value_1"], form_b["annual_value_1"] = f"{200 + attempt}元/月/人", f"{300 + attempt}元/月/人"
        form_a["version"], form_b["version"] = a.version, b.version
        codes = _at_once((signed_in(world.users["staffA"]), f"/tables/{a.pk}/edit/", form_a),
                         (signed_in(world.users["staffB"]), f"/tables/{b.pk}/edit/", form_b))
        assert codes == [302, 302], f"attempt {attempt}: {codes}"
        assert indicator(a, 1)["annual_value"] == form_a["annual_value_1"] and indicator(b, 1)["annual_value"] == form_b["annual_value_1"]


def test_two_edits_of_one_version_are_merged_not_lost(example_path):
    """Alice and Bob save different fields of the same version at once: both changes are kept."""
    world = build_world(example_path)
    record = world.tables["A_draft"]
    form_a, form_b = edit_form(record), edit_form(record)
    form_a["annual_value_1"] = "230元/月/人"
    form_b["basic"] = "1900"
    codes = _at_once((signed_in(world.users["staffA"]), f"/tables/{record.pk}/edit/", form_a),
                     (signed_in(world.users["staffA"]), f"/tables/{record.pk}/edit/", form_b))
    assert codes == [302, 302]
    record.refresh_from_db()
    assert record.version == 3
    assert indicator(record, 1)["annual_value"] == "230元/月/人" and record.data["budget"]["expenditure"]["basic"] == 1900


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    """The settings behind the two-writers test: WAL, IMMEDIATE transactions and a busy timeout (SQLite only)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip(f"跳过：数据库为 {connection.vendor}，WAL 与忙等待只涉及 SQLite")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5_000  # milliseconds
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
