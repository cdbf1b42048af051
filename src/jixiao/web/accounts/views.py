"""Account pages: the API token page (我的 API 令牌: issue, shown once; revoke), password change, the
administrators' password reset for users (用户管理) and the Chinese CSRF failure page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, user_passes_test
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..tables import audit
from .models import ApiToken

TOKEN_DAYS = (30, 90, 180, 365)


def _token_page(request, secret: str = "", status: int = 200):
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "registration/token.html", {"tokens": tokens, "secret": secret, "days": TOKEN_DAYS}, status=status)


@login_required
def token(request):
    return _token_page(request)


@login_required
@require_POST
def new_token(request):
    """Issue a token and show it in this response only: it is never stored, so it cannot be shown again."""
    raw = request.POST.get("days", "")
    days = int(raw) if raw.isdecimal() and int(raw) in TOKEN_DAYS else None  # isdigit() is true of “²”, which int() refuses
    _token, secret = ApiToken.issue(request.user, days, request.POST.get("name", "").strip())
    response = _token_page(request, secret, status=201)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke_token(request, pk: int):
    found = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if found.revoked is None:
        found.revoked = timezone.now()
        found.save(update_fields=["revoked"])
        messages.success(request, f"令牌 {found.hint}… 已撤销")
    return redirect("token")


def is_administrator(user) -> bool:
    """Site administrators (Django's staff flag, e.g. `manage.py createsuperuser`) reset users' passwords."""
    return user.is_authenticated and user.is_active and user.is_staff


administrators_only = user_passes_test(is_administrator)


@login_required
@administrators_only
def users(request):
    people = get_user_model().objects.select_related("profile__department").order_by("username")
    return render(request, "registration/users.html", {"people": people})


@login_required
@administrators_only
def reset_password(request, pk: int):
    """An administrator sets a user's new password (Django's validators apply) and lifts a login lockout."""
    from axes.utils import reset as reset_lockout

    person = get_object_or_404(get_user_model(), pk=pk)
    form = SetPasswordForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        reset_lockout(username=person.get_username())
        audit.record(request.user, None, "重置密码", person.get_username())
        messages.success(request, f"已重置用户“{person.get_username()}”的密码，并解除其登录锁定")
        return redirect("users")
    return render(request, "registration/reset_password.html", {"person": person, "form": form}, status=400 if form.errors else 200)


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: a Chinese page that explains what to do (and never mentions DEBUG)."""
    return render(request, "403_csrf.html", status=403)


def lockout(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the Chinese page shown while an account is locked after too many failed sign-ins."""
    from django.conf import settings

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked.html", {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
                  status=settings.AXES_HTTP_RESPONSE_CODE)
