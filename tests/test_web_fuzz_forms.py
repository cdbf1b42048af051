"""A Hypothesis fuzzer over every page's forms: edit, monitoring, self-evaluation, workflow, upload and its
confirmation, the live value check, a department's 审核口径, API tokens (issue, revoke), password change and an
administrator's password reset — posted by the people allowed and by others, with values from the awkward
corners (nan, inf, 1e308, −500, placeholders, NUL, any text, any bytes). Each example asserts: no 500;
another department's data unchanged; a refused request (4xx, or a form shown again with its errors) stored
nothing at all; a refused upload says why in Chinese."""

from __future__ import annotations

import hashlib
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from web_support import EXAMPLE_NAME, build_world, demo_selfeval, edit_form

AWKWARD = ["", " ", "/", "—", "无", "-", "nan", "NaN", "inf", "-inf", "Infinity", "1e308", "-500", "0", "100000000000000000000",
           "1,767.72", "²", "１２", "\x00", "≥90%", "20个", "10-12人", "良好", "<script>alert(1)</script>", "' OR 1=1 --", "9" * 400]
VALUES = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=24), st.integers().map(str),
                   st.floats(allow_nan=True, allow_infinity=True).map(repr))
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
STRONG = "Jixiao-2026-Spring!"


def _state() -> tuple:
    """Everything a request could store: each table's version, status and document, and the counts of every other kind of row."""
    from django.contrib.auth.models import User

    from jixiao.web.accounts.models import ApiToken
    from jixiao.web.evaluation.models import Evaluation
    from jixiao.web.monitoring.models import Snapshot
    from jixiao.web.review.models import ReviewComment
    from jixiao.web.tables.models import AuditEntry, Department, PendingUpload, TableVersion, TargetTableRecord

    tables = tuple((t.pk, t.version, t.status, t.score, hashlib.sha256(t.document.encode()).hexdigest())
                   for t in TargetTableRecord.objects.order_by("pk"))
    counts = tuple(m.objects.count() for m in (AuditEntry, TableVersion, Evaluation, Snapshot, ReviewComment, PendingUpload, Department))
    accounts = (tuple(User.objects.order_by("pk").values_list("pk", "password")), tuple(ApiToken.objects.order_by("pk").values_list("pk", "revoked")),
                tuple(Department.objects.order_by("pk").values_list("pk", "review_checklist")))
    return tables, counts, accounts


MAY_CHANGE = {"staffA": {EXAMPLE_NAME}, "staffB": {"东莞市教育局"}, "viewer": set()}  # reviewers and evaluators act on every department


def _outside(who: str) -> tuple:
    """The tables of the departments `who` does not belong to (all of them for a viewer): versions, statuses, documents."""
    from jixiao.web.tables.models import TargetTableRecord

    if who not in MAY_CHANGE:
        return ()
    others = TargetTableRecord.objects.exclude(department__name__in=MAY_CHANGE[who]).order_by("pk")
    return tuple((t.pk, t.version, t.status, t.score, t.document) for t in others)


class FormFuzz(TestCase):
    """Each example runs in its own transaction, rolled back after it (hypothesis.extra.django)."""

    @classmethod
    def setUpTestData(cls):
        from conftest import EXAMPLE

        from jixiao.web.accounts.models import ApiToken, Role
        from jixiao.web.demo import ensure_user

        cls.world = build_world(EXAMPLE)
        assert cls.world.tables["A_draft"].department.name == EXAMPLE_NAME
        admin = ensure_user("admin", Role.REVIEWER, None, "pw")
        admin.is_staff = True
        admin.save()
        cls.world.users["admin"] = admin
        cls.tokens = {who: ApiToken.issue(cls.world.users[who])[0].pk for who in ("staffA", "reviewer")}

    def client_of(self, who: str):
        self.client.force_login(self.world.users[who])
        self.client.raise_request_exception = False  # a crash is a 500 to assert on, not an exception in the test
        return self.client

    def check(self, who: str, url: str, data: dict, shown_again: bool = False, **extra):
        """Post and assert the invariants; `shown_again`: a 200 answer is the form shown again with its
        errors (Django's password change), a refusal too."""
        before, theirs = _state(), _outside(who)
        response = self.client_of(who).post(url, data, **extra)
        assert response.status_code < 500, (url, data, response.status_code)
        assert _outside(who) == theirs, (who, url, data)  # no change to another department's data
        if response.status_code >= 400 or (shown_again and response.status_code == 200):
            assert _state() == before, (url, data, response.status_code)
        return response

    @FUZZ
    @given(st.dictionaries(st.sampled_from(["basic", "project", "funded_staff", "subordinate_units", "income_other", "annual_value_1",
                                            "period_value_2", "name_3", "version", "seen", "choice_basic", "choice_annual_value_1"]), VALUES, max_size=6),
           st.sampled_from(["staffA", "staffA", "staffB", "reviewer", "viewer"]), st.sampled_from(["A_draft", "A_submitted", "B_draft"]))
    def test_edit(self, changes, who, key):
        record = self.world.tables[key]
        record.refresh_from_db()
        self.check(who, f"/tables/{record.pk}/edit/", {**edit_form(record), **changes})

    @FUZZ
    @given(st.dictionaries(st.sampled_from(["as_of", "executed", "actual_1", "actual_5", "actual_33", "actual_99", "action"]),
                           st.one_of(VALUES, st.sampled_from(["2023-07-31", "2023-02-30", "submit", "save"])), max_size=6),
           st.sampled_from(["staffA", "staffA", "staffB", "evaluator"]), st.sampled_from(["A_approved", "A_draft", "B_draft"]))
    def test_monitoring(self, data, who, key):
        self.check(who, f"/tables/{self.world.tables[key].pk}/monitoring/", data)

    @FUZZ
    @given(st.dictionaries(st.sampled_from(["executed", "actual_1", "actual_6", "actual_21", "actual_99", "action"]),
                           st.one_of(VALUES, st.sampled_from(["submit", "save"])), max_size=5),
           st.booleans(), st.sampled_from(["evaluator", "evaluator", "staffA", "viewer"]), st.sampled_from(["A_approved", "A_published", "A_draft"]))
    def test_evaluation(self, changes, full, who, key):
        base = demo_selfeval() if full else {}
        self.check(who, f"/tables/{self.world.tables[key].pk}/evaluation/", {**base, **changes})

    @FUZZ
    @given(st.sampled_from(["submit", "return", "approve", "publish", "delete", "%00", "submit2"]),
           st.dictionaries(st.sampled_from(["comment", "comment_1", "comment_2", "comment_999", "comment_x", "comment_²", "comment_99999999999999999999"]),
                           VALUES, max_size=3),
           st.sampled_from(["staffA", "staffB", "reviewer", "evaluator", "viewer"]), st.sampled_from(["A_draft", "A_submitted", "A_approved", "B_draft"]))
    def test_workflow(self, action, data, who, key):
        self.check(who, f"/tables/{self.world.tables[key].pk}/{action}/", data)

    @FUZZ
    @given(st.binary(max_size=2048), st.sampled_from(["t.txt", "t.xlsx", "t.docx", "t.pdf", "t.html", "t", "../../etc/passwd", "表.TXT"]),
           st.one_of(st.just(""), VALUES), st.sampled_from(["staffA", "staffB", "reviewer", "viewer"]))
    def test_upload(self, data, name, checklist, who):
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = self.check(who, "/upload/", {"document": SimpleUploadedFile(name, data), "checklist": checklist})
        if response.status_code == 400:  # any bytes: a clear message on the form, in Chinese (or the NUL guard's page)
            form = response.context.get("form") if response.context else None
            errors = [e for field in form.errors.values() for e in field] if form is not None else [response.content.decode()]
            assert errors and all(CHINESE.search(e) for e in errors), errors

    @FUZZ
    @given(st.one_of(VALUES, st.sampled_from(["2025", "2026", "1900", "3000", ""])), st.sampled_from(["staffA", "staffA", "staffB", "viewer"]))
    def test_upload_confirmation(self, year, who):
        from conftest import EXAMPLE
        from django.core.files.uploadedfile import SimpleUploadedFile

        from jixiao.web.tables.models import PendingUpload

        uploaded = self.client_of("staffA").post("/upload/", {"document": SimpleUploadedFile("table.txt", EXAMPLE.read_bytes())})
        assert uploaded.status_code == 302
        pending = PendingUpload.objects.get(user=self.world.users["staffA"])
        self.check(who, f"/upload/{pending.pk}/", {"pending": pending.pk, "year": year})

    @FUZZ
    @given(st.dictionaries(st.sampled_from(["annual_value_1", "period_value_2", "level1", "name_1", "x"]), VALUES, max_size=4),
           st.sampled_from(["staffA", "viewer"]))
    def test_value_check(self, data, who):
        response = self.check(who, "/values/check/", data)
        assert response.status_code in (200, 400), response.status_code

    @FUZZ
    @given(st.one_of(VALUES, st.sampled_from(["songgang-2023", "", "default"])), st.sampled_from(["reviewer", "reviewer", "staffA", "evaluator", "viewer"]),
           st.sampled_from(["A", "B", "missing"]))
    def test_checklist(self, value, who, which):
        pk = {"A": self.world.tables["A_draft"].department_id, "B": self.world.tables["B_draft"].department_id, "missing": 10**9}[which]
        self.check(who, f"/departments/{pk}/checklist/", {"checklist": value})

    @FUZZ
    @given(st.dictionaries(st.sampled_from(["name", "days"]), st.one_of(VALUES, st.sampled_from(["30", "90", "365", "0", "-1", "99999"])), max_size=2),
           st.sampled_from(["staffA", "reviewer", "viewer"]), st.sampled_from(["staffA", "reviewer", "missing"]))
    def test_tokens(self, data, who, owner):
        self.check(who, "/accounts/token/new/", data)
        self.check(who, f"/accounts/token/{self.tokens.get(owner, 10**9)}/revoke/", {})

    @FUZZ
    @given(st.dictionaries(st.sampled_from(["old_password", "new_password1", "new_password2"]), st.one_of(VALUES, st.sampled_from(["pw", STRONG])), max_size=3),
           st.sampled_from(["staffA", "reviewer", "viewer"]))
    def test_password_change(self, data, who):
        self.check(who, "/accounts/password/", data, shown_again=True)

    @FUZZ
    @given(st.dictionaries(st.sampled_from(["new_password1", "new_password2"]), st.one_of(VALUES, st.just(STRONG)), max_size=2),
           st.sampled_from(["admin", "admin", "reviewer", "staffA"]), st.sampled_from(["viewer", "staffB", "missing"]))
    def test_password_reset(self, data, who, target):
        from django.contrib.auth.models import User

        pk = self.world.users[target].pk if target in self.world.users else 10**9
        passwords = dict(User.objects.values_list("pk", "password"))
        response = self.check(who, f"/accounts/users/{pk}/password/", data)
        if who != "admin":  # not an administrator: sent to sign in (or a NUL refused first), nobody's password changed
            assert response.status_code in (302, 400) and dict(User.objects.values_list("pk", "password")) == passwords
