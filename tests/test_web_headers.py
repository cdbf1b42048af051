"""Security headers and error pages (issue 12, item 5): Content-Security-Policy on every page and no
inline script or style it would block, Permissions-Policy, `JIXIAO_HTTPS=1` switching on HSTS, secure
cookies and the https redirect with `check --deploy` clean, Chinese 400/403/404/500 and CSRF pages."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import include, path
from web_support import build_world, signed_in

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied("x")


urlpatterns = [path("boom/", boom), path("forbidden/", forbidden), path("", include("jixiao.web.urls"))]


class Inline(HTMLParser):
    """Collects what a strict CSP (script-src/style-src 'self') blocks: inline scripts, style elements and
    attributes, event-handler attributes, javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.blocked: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script":
            self._script = "src" not in names and names.get("type") != "application/json"
        if tag == "style":
            self.blocked.append("<style>")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.blocked.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"<{tag} {name}=javascript:…>")

    def handle_data(self, data):
        if self._script and data.strip():
            self.blocked.append(f"<script>{data.strip()[:40]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False


def blocked(html: str) -> list[str]:
    parser = Inline()
    parser.feed(html)
    return parser.blocked


def policy(response) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in response["Content-Security-Policy"].split(";") if part.strip()}


def test_every_page_has_the_policy_and_nothing_inline_it_would_block(example_path):
    from jixiao.web.evaluation.models import Evaluation
    from jixiao.web.monitoring.models import Snapshot

    world = build_world(example_path)
    published = world.tables["A_published"]
    Snapshot.objects.create(table=published, as_of="2022-06-30", executed=1000, actuals={"1": "350人"}, status="submitted")  # the charts draw
    Evaluation.objects.create(table=published, executed=5000, actuals={"1": "720人"}, score=90, grade="优", status="submitted")
    pages = {"/accounts/login/": Client()}
    for key in ("staffA", "reviewer", "evaluator", "viewer"):
        client = signed_in(world.users[key])
        for url in ["/", "/upload/", "/accounts/token/", "/accounts/password/", "/audit/", "/departments/", "/api/docs", "/overview/", "/overview/?year=&text=人",
                    *(f"/tables/{t.pk}/{p}" for t in world.tables.values()
                      for p in ("", "findings/", "monitoring/", "evaluation/", "history/", "edit/", "versions/1/", "compare/"))]:
            pages[f"{key} {url}"] = client
    checked = 0
    for label, client in pages.items():
        url = label.split()[-1]
        response = client.get(url)
        if response.status_code != 200:
            continue
        checked += 1
        directives = policy(response)
        assert directives["script-src"] == ["'self'"] and directives["style-src"] == ["'self'"], label
        assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"], label
        assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"], label
        assert not blocked(response.content.decode()), (label, blocked(response.content.decode()))
    assert checked >= 40
    monitoring = signed_in(world.users["staffA"]).get(f"/tables/{published.pk}/monitoring/").content.decode()
    assert 'id="completion-data"' in monitoring or 'id="execution-chart"' in monitoring  # a chart, fed from json_script


def test_the_checker_finds_what_csp_blocks():
    assert blocked('<script>alert(1)</script><div style="x"></div><a onclick="f()">') == ["<script>alert(1)", "<div style=…>", "<a onclick=…>"]
    assert blocked('<script src="/static/a.js"></script><script type="application/json" id="d">{"a": 1}</script>') == []


def test_the_printable_form_keeps_its_inline_styles_but_no_script(example_path):
    world = build_world(example_path)
    response = signed_in(world.users["staffA"]).get(f"/tables/{world.tables['A_draft'].pk}/print.html")
    directives = policy(response)
    assert response.status_code == 200 and "<style>" in response.content.decode()
    assert "'unsafe-inline'" in directives["style-src"] and directives["script-src"] == ["'self'"]


def test_the_printable_monitoring_table_keeps_its_inline_styles_but_no_script(example_path):
    from jixiao.web.monitoring.models import Snapshot

    world = build_world(example_path)
    published = world.tables["A_published"]
    Snapshot.objects.create(table=published, as_of="2022-07-31", executed=1000, actuals={"1": "350人"}, status="submitted")
    response = signed_in(world.users["reviewer"]).get(f"/tables/{published.pk}/monitoring/print.html")
    directives = policy(response)
    assert response.status_code == 200 and "<style>" in response.content.decode() and "<script" not in response.content.decode()
    assert "'unsafe-inline'" in directives["style-src"] and directives["script-src"] == ["'self'"]


def test_static_assets_of_the_policy_are_served(example_path):
    client = Client()
    for asset in ("/static/page.js", "/static/charts.js", "/static/vendor/htmx.min.js", "/static/vendor/chart.umd.js"):
        assert client.get(asset).status_code == 200, asset


# ---- JIXIAO_HTTPS ----------------------------------------------------------------------------------

def _django(tmp_path, args: list[str], https: bool, code: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env.update(DJANGO_SETTINGS_MODULE="jixiao.web.settings", JIXIAO_DATA_DIR=str(tmp_path), JIXIAO_SECRET_KEY=secrets.token_urlsafe(50),
               JIXIAO_ALLOWED_HOSTS="jixiao.example.gov.cn", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    if https:
        env["JIXIAO_HTTPS"] = "1"
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "django", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_check_deploy_is_clean_with_jixiao_https(tmp_path):
    clean = _django(tmp_path, ["check", "--deploy", "--fail-level", "WARNING"], https=True)
    assert clean.returncode == 0 and "no issues" in clean.stdout, clean.stderr
    plain = _django(tmp_path, ["check", "--deploy", "--fail-level", "WARNING"], https=False)
    assert plain.returncode != 0
    for code in ("security.W004", "security.W008", "security.W012", "security.W016"):  # HSTS, redirect, cookies
        assert code in plain.stderr, code


HTTPS_PROBE = """
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
client = Client()
plain = client.get("/accounts/login/")
print("redirect", plain.status_code, plain.headers.get("Location"))
secure = client.get("/accounts/login/", secure=True)
print("hsts", secure.headers.get("Strict-Transport-Security"))
proxied = client.get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
print("proxied", proxied.status_code)
print("csrf-cookie", secure.cookies["csrftoken"]["secure"])
from django.conf import settings
print("session-cookie", settings.SESSION_COOKIE_SECURE)
"""


def test_jixiao_https_switches_on_hsts_secure_cookies_and_the_redirect(tmp_path):
    result = _django(tmp_path, [], https=True, code=HTTPS_PROBE)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["redirect"] == "301 https://testserver/accounts/login/"
    assert lines["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert lines["proxied"] == "200" and lines["csrf-cookie"] == "True" and lines["session-cookie"] == "True"
    off = _django(tmp_path, [], https=False, code=HTTPS_PROBE)
    lines = dict(line.split(" ", 1) for line in off.stdout.splitlines())
    assert lines["redirect"].startswith("200") and lines["hsts"] == "None", off.stderr


# ---- error pages -----------------------------------------------------------------------------------

def test_chinese_error_pages(settings, example_path):
    settings.ROOT_URLCONF = __name__
    world = build_world(example_path)
    client = Client(raise_request_exception=False)
    client.force_login(world.users["viewer"])
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and "未找到" in missing.content.decode()
    denied = client.get("/forbidden/")
    assert denied.status_code == 403 and "无权访问" in denied.content.decode()
    crash = client.get("/boom/")
    assert crash.status_code == 500 and "服务器错误" in crash.content.decode() and "Traceback" not in crash.content.decode()
    bad = Client(HTTP_HOST="evil.example.com").get("/")
    assert bad.status_code == 400 and "请求无效" in bad.content.decode()
    for page in (missing, denied, crash, bad):
        assert "DEBUG" not in page.content.decode() and "Content-Security-Policy" in page.headers


@pytest.mark.parametrize("debug", [False, True])
def test_the_csrf_failure_page_is_chinese_and_never_mentions_debug(settings, example_path, debug):
    settings.DEBUG = debug
    world = build_world(example_path)
    client = Client(enforce_csrf_checks=True)
    login = client.post("/accounts/login/", {"username": "viewer", "password": "pw"})
    text = login.content.decode()
    assert login.status_code == 403 and "页面已失效" in text and "刷新后重新提交" in text
    assert "DEBUG" not in text and "CSRF verification failed" not in text
    client.force_login(world.users["staffA"])
    submit = client.post(f"/tables/{world.tables['A_draft'].pk}/submit/")
    assert submit.status_code == 403 and "页面已失效" in submit.content.decode()
