"""Refuse a request whose query or form holds a NUL character (U+0000), before any view reads it.

No page or API endpoint takes one, and PostgreSQL cannot store one in text or jsonb: left through, it
fails the save with a 500 (SQLite stores it silently). The answer is 400 with a Chinese message — a
JSON `detail` under /api/, the refusal page elsewhere. Uploaded files' bytes are not form values and
are not looked at (readers judge those)."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

MESSAGE = "请求中含有空字符（\\0），无法处理；请删除后重试"


def _holds_nul(values) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values.getlist(key)) for key in values)


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request.GET) or (request.method == "POST" and _holds_nul(request.POST)):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": MESSAGE}, status=400)
            return render(request, "refused.html", {"message": MESSAGE}, status=400)
        return self.get_response(request)
