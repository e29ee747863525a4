"""Maps the access gate's refusal to a response, in one place for every page (ADR 0010).

Services raise ``core.access.AccessDenied``; views let it through. Pages answer 403 or 404 with
the site's Chinese error pages, or send an anonymous visitor to the login page; the API maps the
same error to JSON in ``api/urls.py`` with the same ``access_status``.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.views import defaults

from gongkai.core.access import AccessDenied, access_status


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
