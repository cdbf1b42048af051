"""Who may read the API's documentation (/api/docs) and schema (/api/openapi.json): signed-in users, by
their session or by an API token (`Authorization: Bearer …`, for tools that read the schema)."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import JsonResponse

from .accounts.models import ApiToken


def _token_user(request):
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    found = ApiToken.find(secret.strip())
    return found.user if found is not None else None


def signed_in(view):
    """NinjaAPI(docs_decorator=…): the docs page sends an anonymous visitor to sign in; the schema answers 401."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            user = _token_user(request)
            if user is None:
                if request.path.endswith(".json"):
                    return JsonResponse({"detail": "请先登录或提供有效的 API 令牌"}, status=401)
                return redirect_to_login(request.get_full_path())
            request.user = user
        return view(request, *args, **kwargs)

    return guarded
