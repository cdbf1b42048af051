"""Sign-in pages and the API token page (我的 API 令牌)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .models import ApiToken


@login_required
def token(request):
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "registration/token.html", {"tokens": tokens})


@login_required
@require_POST
def new_token(request):
    ApiToken.objects.create(user=request.user)
    return redirect("token")
