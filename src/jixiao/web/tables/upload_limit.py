"""Refuse oversized uploads before their body is read, with a clear Chinese message (413)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse


def too_large_message(size: int) -> str:
    cap = settings.UPLOAD_MAX_BYTES / (1024 * 1024)
    return f"文件过大：{size / (1024 * 1024):.1f} MB，超过上限 {cap:g} MB。请压缩或拆分后再上传。"


class UploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH")
        if request.method == "POST" and length and length.isascii() and length.isdigit() and int(length) > settings.UPLOAD_MAX_BYTES + 64 * 1024:
            return HttpResponse(too_large_message(int(length)), status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
