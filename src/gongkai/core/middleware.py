"""Edges shared by every page: input that no view should see, the shared rate limit, and
idle sessions.

* InputGuardMiddleware — one validation layer in front of all views: a NUL byte in the path,
  a query or form value or a JSON body is refused (PostgreSQL cannot store it and raised a
  server error); ``ParamError`` from a view's parameter parsing (core.domain.params) becomes
  400 with its Chinese message; an oversized body becomes 413. Under /api/ every error is
  JSON in the API's one shape (api.errors), including Django's own 404/405 pages.
* RateLimitMiddleware — anonymous visitors of the public site, counted per address by the
  shared limiter (core.ratelimit): PAGE_RATE_LIMIT per minute, SEARCH_RATE_LIMIT for
  /search/; a 429 page in Chinese with Retry-After. The API counts its own (api.ratelimit).
* AccessDeniedMiddleware — maps the access gate's refusal to a response, in one place for every
  page (ADR 0004): services raise ``core.access.AccessDenied``; pages answer 403 or 404 with the
  site's Chinese error pages, or send an anonymous visitor to the login page; the API maps the
  same error to JSON in ``api/urls.py`` with the same ``access_status``.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

from gongkai.core.access import AccessDenied, access_status
from gongkai.core.domain.params import ParamError, has_nul, json_has_nul
from gongkai.core.ratelimit import Limit, client_address, hit

API_PREFIX = "/api/"
_STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                 405: "method_not_allowed", 413: "too_large", 429: "rate_limited"}
_STATUS_MESSAGES = {400: "请求有误", 401: "需要认证：请在 Authorization 头中提供 Bearer 令牌",
                    403: "没有权限", 404: "接口或对象不存在", 405: "不支持该请求方法",
                    413: "请求内容过大", 429: "请求过于频繁", 500: "服务器内部错误"}


def api_error(status: int, code: str, message: str, field: str | None = None,
              errors: list[dict] | None = None) -> JsonResponse:
    """The API's one error shape (documented as ApiError in api.errors)."""
    return JsonResponse({"code": code, "message": message, "field": field,
                         "errors": errors or []},
                        status=status, json_dumps_params={"ensure_ascii": False})


def error_page(request, status: int, message: str, *, title: str = "") -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return api_error(status, _STATUS_CODES.get(status, "error"), message)
    html = render_to_string("errors/error.html", {
        "status": status, "title": title or _STATUS_MESSAGES.get(status, "请求有误"),
        "message": message,
    }, request=request)
    return HttpResponse(html, status=status)


def _first_nul(request) -> str | None:
    """The name of the first value holding a NUL byte, or None."""
    if has_nul(request.path_info):
        return "网址"
    for key, values in request.GET.lists():
        if has_nul(key) or any(has_nul(v) for v in values):
            return key.replace("\x00", "") or "?"
    content_type = request.content_type or ""
    if request.method in ("POST", "PUT", "PATCH"):
        if content_type == "application/json":
            if json_has_nul(request.body):
                return "请求体"
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            for key, values in request.POST.lists():
                if has_nul(key) or any(has_nul(v) for v in values):
                    return key.replace("\x00", "") or "?"
            for upload in request.FILES.values():
                if has_nul(upload.name or ""):
                    return "文件名"
    return None


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            culprit = _first_nul(request)
        except RequestDataTooBig:
            return error_page(request, 413, "请求内容过大，超过服务器允许的上限")
        except SuspiciousOperation as exc:
            return error_page(request, 400, f"请求有误：{exc}")
        if culprit is not None:
            return error_page(request, 400, f"参数 {culprit}：含有不允许的控制字符（NUL）")
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX) and response.status_code >= 400:
            response = _as_api_error(response)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, ParamError):
            if request.path.startswith(API_PREFIX):
                return api_error(400, exception.code, exception.message, field=exception.field)
            return error_page(request, 400, exception.message, title="参数有误")
        if isinstance(exception, RequestDataTooBig):
            return error_page(request, 413, "请求内容过大，超过服务器允许的上限")
        if isinstance(exception, SuspiciousOperation) and request.path.startswith(API_PREFIX):
            return api_error(400, "bad_request", f"请求有误：{exception}")
        return None


def _as_api_error(response):
    """Django's and ninja's own error answers (HTML 404, ``{"detail": …}``) in the API shape."""
    content_type = response.get("Content-Type", "")
    status = response.status_code
    if content_type.startswith("application/json") and not getattr(response, "streaming", False):
        try:
            body = json.loads(response.content or b"{}")
        except ValueError:
            body = None
        if isinstance(body, dict) and {"code", "message"} <= body.keys():
            return response  # already in the shape
        detail = body.get("detail") if isinstance(body, dict) else None
        message = detail if isinstance(detail, str) else _STATUS_MESSAGES.get(status, "请求有误")
    else:
        message = _STATUS_MESSAGES.get(status, "请求有误")
    converted = api_error(status, _STATUS_CODES.get(status, "error"), message)
    for header in ("Retry-After", "WWW-Authenticate", "Allow"):
        if header in response:
            converted[header] = response[header]
    return converted


_UNLIMITED_PREFIXES = ("/static/", "/media/", API_PREFIX, "/admin/", "/workbench/")


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        user = getattr(request, "user", None)
        if not path.startswith(_UNLIMITED_PREFIXES) and not (user and user.is_authenticated):
            search = path.startswith("/search/")
            rule = (Limit("search", settings.SEARCH_RATE_LIMIT) if search
                    else Limit("pages", settings.PAGE_RATE_LIMIT))
            retry_after = hit(rule, client_address(request))
            if retry_after is not None:
                response = error_page(
                    request, 429,
                    f"请求过于频繁，请在 {retry_after} 秒后重试"
                    f"（每个地址每分钟最多 {rule.limit} 次）", title="请求过于频繁")
                response["Retry-After"] = str(retry_after)
                return response
        return self.get_response(request)


class AccessDeniedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, AccessDenied):
            return None
        status = access_status(exception)
        if status == 401:
            return redirect_to_login(request.get_full_path())
        if status == 404:
            return defaults.page_not_found(request, Http404(exception.message))
        return defaults.permission_denied(request, PermissionDenied(exception.message))


class TemporaryPasswordMiddleware:
    """A person signed in with the one-time password the office gave them sees only the
    修改密码 page until they choose their own (whatever `?next=` the login carried); logging out
    and static files stay open. The flag is set at login (core.accounts) and cleared by the
    password change."""

    OPEN_PREFIXES = ("/static/", "/api/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.shortcuts import redirect
        from django.urls import reverse

        from gongkai.core.accounts import TEMPORARY_PASSWORD_SESSION_KEY

        session = getattr(request, "session", None)
        if (session is not None and session.get(TEMPORARY_PASSWORD_SESSION_KEY)
                and getattr(request, "user", None) is not None and request.user.is_authenticated
                and request.path not in (reverse("password_change"), reverse("logout"))
                and not request.path.startswith(self.OPEN_PREFIXES)):
            from django.contrib import messages
            from django.utils.translation import gettext as _

            if request.method == "GET":
                messages.info(request, _("您使用的是公开办发放的初始密码，请先修改密码。"))
            return redirect("password_change")
        return self.get_response(request)
