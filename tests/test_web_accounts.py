"""Accounts: login lockout (django-axes), password change and validators, an administrator's password
reset, API tokens hashed at rest, shown once, expiring and revocable (issue 12, item 5)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.test import Client
from django.utils import timezone
from web_support import build_world, latest_migrations, log_in, logged_in, migrate, signed_in

pytestmark = pytest.mark.django_db

STRONG = "Jixiao-2026-Spring!"


def make_user(username: str, password: str = STRONG, **flags):
    from django.contrib.auth.models import User

    from jixiao.web.accounts.models import Profile, Role

    user = User.objects.create_user(username, password=password, **flags)
    Profile.objects.create(user=user, role=Role.REVIEWER)
    return user


# ---- lockout ---------------------------------------------------------------------------------------

def test_thirty_wrong_passwords_then_the_right_one_is_refused_with_a_chinese_message(settings):
    make_user("finance")
    client = Client()
    answers = [log_in(client, "finance", f"wrong-{n}") for n in range(30)]
    assert [a.status_code for a in answers[:settings.AXES_FAILURE_LIMIT - 1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert "用户名或密码不正确" in answers[0].content.decode()
    assert all(a.status_code == 429 for a in answers[settings.AXES_FAILURE_LIMIT:])
    right = log_in(client, "finance", STRONG)
    page = right.content.decode()
    assert right.status_code == 429 and not logged_in(client)
    assert "登录已锁定" in page and f"连续 {settings.AXES_FAILURE_LIMIT} 次密码错误" in page and "15 分钟" in page
    # another browser at another address is locked out of the same account too
    other = Client(REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="另一台电脑")
    assert log_in(other, "finance", STRONG).status_code == 429 and not logged_in(other)


def test_the_lock_lifts_after_the_cooloff(settings):
    from axes.models import AccessAttempt

    make_user("finance")
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "finance", f"wrong-{n}")
    assert log_in(client, "finance", STRONG).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1))
    assert log_in(client, "finance", STRONG).status_code == 302 and logged_in(client)


def test_a_colleagues_typos_do_not_lock_others_out(settings):
    make_user("finance")
    make_user("evaluator2")
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "finance", f"wrong-{n}")
    other = Client()
    assert log_in(other, "evaluator2", STRONG).status_code == 302 and logged_in(other)


# ---- passwords -------------------------------------------------------------------------------------

def test_every_user_changes_their_password_under_the_validators(example_path):
    world = build_world(example_path)
    for key, user in world.users.items():
        client = signed_in(user)
        assert client.get("/accounts/password/").status_code == 200, key
        weak = client.post("/accounts/password/", {"old_password": "pw", "new_password1": "12345678", "new_password2": "12345678"})
        text = weak.content.decode()
        assert weak.status_code == 200 and "密码太短" in text and "这个密码太常见了" in text and "密码只包含数字" in text, key
        wrong = client.post("/accounts/password/", {"old_password": "nope", "new_password1": STRONG, "new_password2": STRONG})
        assert "旧密码不正确" in wrong.content.decode(), key
        user.refresh_from_db()
        assert user.check_password("pw"), key
        done = client.post("/accounts/password/", {"old_password": "pw", "new_password1": STRONG, "new_password2": STRONG})
        assert done.status_code == 302 and done["Location"] == "/accounts/password/done/", key
        user.refresh_from_db()
        assert user.check_password(STRONG) and client.get("/").status_code == 200, key  # still signed in


def test_password_like_the_user_name_is_refused(example_path):
    world = build_world(example_path)
    client = signed_in(world.users["reviewer"])
    similar = client.post("/accounts/password/", {"old_password": "pw", "new_password1": "reviewer1", "new_password2": "reviewer1"})
    assert "密码跟 用户名 太相似了" in similar.content.decode()


def test_an_administrator_resets_a_password_and_lifts_the_lock(example_path, settings):
    from jixiao.web.tables.models import AuditEntry

    world = build_world(example_path)
    admin = make_user("admin", is_staff=True)
    viewer = world.users["viewer"]
    locked = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        log_in(locked, "viewer", f"wrong-{n}")
    assert log_in(locked, "viewer", "pw").status_code == 429
    for key in ("staffA", "reviewer", "viewer"):  # the roles are not administrators
        client = signed_in(world.users[key])
        assert client.get("/accounts/users/").status_code == 302, key
        assert client.post(f"/accounts/users/{viewer.pk}/password/", {"new_password1": STRONG, "new_password2": STRONG}).status_code == 302
    viewer.refresh_from_db()
    assert viewer.check_password("pw")
    client = signed_in(admin)
    listing = client.get("/accounts/users/").content.decode()
    assert "viewer" in listing and "重置密码" in listing
    weak = client.post(f"/accounts/users/{viewer.pk}/password/", {"new_password1": "abc", "new_password2": "abc"})
    assert weak.status_code == 400 and "密码太短" in weak.content.decode()
    done = client.post(f"/accounts/users/{viewer.pk}/password/", {"new_password1": STRONG, "new_password2": STRONG})
    assert done.status_code == 302
    viewer.refresh_from_db()
    assert viewer.check_password(STRONG)
    assert AuditEntry.objects.filter(action="重置密码", field="viewer", username="admin").exists()
    again = Client()
    assert log_in(again, "viewer", STRONG).status_code == 302 and logged_in(again)


# ---- API tokens ------------------------------------------------------------------------------------

def _api(token: str):
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/tables")


def test_a_token_is_shown_once_and_stored_as_a_hash(example_path):
    from jixiao.web.accounts.models import ApiToken

    world = build_world(example_path)
    client = signed_in(world.users["staffA"])
    created = client.post("/accounts/token/new/", {"name": "报表脚本", "days": "30"})
    assert created.status_code == 201 and created["Cache-Control"] == "no-store"
    secret = created.context["secret"]
    assert secret.startswith("jx_") and len(secret) >= 40 and "只显示这一次" in created.content.decode()
    stored = ApiToken.objects.get(user=world.users["staffA"])
    assert stored.digest == hashlib.sha256(secret.encode()).hexdigest() and secret not in {stored.digest, stored.hint}
    assert dt.timedelta(days=29) < stored.expires - timezone.now() <= dt.timedelta(days=30)
    assert _api(secret).status_code == 200
    stored.refresh_from_db()
    assert stored.last_used is not None
    again = client.get("/accounts/token/").content.decode()
    assert secret not in again and stored.hint in again and "报表脚本" in again  # never shown again
    with_another = client.post("/accounts/token/new/").content.decode()
    assert secret not in with_another


def test_an_expired_or_revoked_token_opens_nothing(example_path):
    from jixiao.web.accounts.models import ApiToken

    world = build_world(example_path)
    expired, old = ApiToken.issue(world.users["reviewer"])
    ApiToken.objects.filter(pk=expired.pk).update(expires=timezone.now() - dt.timedelta(seconds=1))
    assert _api(old).status_code == 401
    assert Client(HTTP_AUTHORIZATION=f"Bearer {old}").get("/api/openapi.json").status_code == 401
    token, secret = ApiToken.issue(world.users["reviewer"])
    assert _api(secret).status_code == 200
    other = signed_in(world.users["staffA"])
    assert other.post(f"/accounts/token/{token.pk}/revoke/").status_code == 404  # not theirs
    assert _api(secret).status_code == 200
    owner = signed_in(world.users["reviewer"])
    assert owner.get(f"/accounts/token/{token.pk}/revoke/").status_code == 405  # a POST only
    assert owner.post(f"/accounts/token/{token.pk}/revoke/").status_code == 302
    assert _api(secret).status_code == 401
    page = owner.get("/accounts/token/").content.decode()
    assert "已撤销" in page and "已过期" in page
    world.users["staffA"].is_active = False
    world.users["staffA"].save()
    assert _api(ApiToken.issue(world.users["staffA"])[1]).status_code == 401  # an inactive user's token


def test_a_new_token_lasts_the_default_lifetime_unless_chosen(example_path, settings):
    from jixiao.web.accounts.models import ApiToken

    world = build_world(example_path)
    client = signed_in(world.users["viewer"])
    client.post("/accounts/token/new/", {"days": "7"})  # not offered: the default
    token = ApiToken.objects.get(user=world.users["viewer"])
    assert abs((token.expires - timezone.now()) - dt.timedelta(days=settings.API_TOKEN_DAYS)) < dt.timedelta(minutes=1)


@pytest.mark.django_db(transaction=True)
def test_existing_tokens_are_hashed_by_the_migration_and_keep_working(settings):
    """Migration accounts 0002: a token stored in plain text (0001) is replaced by its hash and still opens
    the API, now with the default lifetime."""
    from django.contrib.auth.models import User
    from django.db import connection

    from jixiao.web.accounts.models import ApiToken, Profile, Role

    latest = latest_migrations()
    user = User.objects.create_user("old_script")
    Profile.objects.create(user=user, role=Role.VIEWER)
    try:
        old = migrate([("accounts", "0001_initial")])
        key = "0123456789abcdef" * 3
        old.get_model("accounts", "ApiToken").objects.create(user_id=user.pk, key=key)
    finally:
        migrate(latest)
    token = ApiToken.objects.get(user=user)
    assert token.digest == hashlib.sha256(key.encode()).hexdigest() and token.hint == key[:6]
    assert abs((token.expires - timezone.now()) - dt.timedelta(days=settings.API_TOKEN_DAYS)) < dt.timedelta(minutes=5)
    assert _api(key).status_code == 200
    columns = [c.name for c in connection.introspection.get_table_description(connection.cursor(), "accounts_apitoken")]
    assert "key" not in columns
