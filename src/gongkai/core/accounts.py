"""Logins that resist guessing (等保 level 2): lockout per account and per address, and an
audit record of every login, failed login, lockout and logout.

After LOGIN_FAILURES_PER_ACCOUNT wrong passwords for one user name, or
LOGIN_FAILURES_PER_ADDRESS from one address, within LOGIN_LOCKOUT_SECONDS, every login of
that name (or from that address) is refused — the right password too — until the window
ends. Counts live in the shared cache (core.ratelimit), so all app servers agree. The check
sits in the authentication backend, so the login page, the admin login and any other caller
of ``authenticate()`` are all covered.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver

from gongkai.core import ratelimit
from gongkai.core.ratelimit import Limit, client_address

TEMPORARY_PASSWORD_SESSION_KEY = "gongkai_password_temporary"
LOCKED_MESSAGE = "登录失败次数过多，已暂时锁定，请 {minutes} 分钟后再试"


def _rules() -> tuple[Limit, Limit]:
    window = settings.LOGIN_LOCKOUT_SECONDS
    return (Limit("login-account", settings.LOGIN_FAILURES_PER_ACCOUNT, window),
            Limit("login-address", settings.LOGIN_FAILURES_PER_ADDRESS, window))


def _account_key(username: str) -> str:
    return (username or "").strip().lower()


def lockout_remaining(username: str, address: str, *, now: float | None = None) -> int | None:
    """Seconds until a login of ``username`` from ``address`` is allowed again, or None."""
    now = time.time() if now is None else now
    for rule, identity in zip(_rules(), (_account_key(username), address), strict=True):
        if rule.limit > 0 and ratelimit.count(rule, identity, now=now) >= rule.limit:
            return max(1, math.ceil((int(now // rule.window) + 1) * rule.window - now))
    return None


def _record_failure(username: str, address: str) -> bool:
    """Count one failure; True when this failure locked the account or the address."""
    locked = False
    for rule, identity in zip(_rules(), (_account_key(username), address), strict=True):
        if rule.limit > 0:
            ratelimit.hit(rule, identity)
            locked = locked or ratelimit.count(rule, identity) == rule.limit
    return locked


class LockoutModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        address = client_address(request) if request is not None else "local"
        name = username or kwargs.get("username") or ""
        if lockout_remaining(name, address) is not None:
            # PermissionDenied stops authenticate() at once and sends user_login_failed.
            raise PermissionDenied("locked")
        return super().authenticate(request, username=username, password=password, **kwargs)


class LockoutAuthenticationForm(AuthenticationForm):
    """The login form: says "locked, try again in N minutes" instead of "wrong password"."""

    locked_message = ""

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            remaining = lockout_remaining(self.data.get("username", ""),
                                          client_address(self.request) if self.request else "local")
            if remaining is not None:
                self.locked_message = LOCKED_MESSAGE.format(minutes=math.ceil(remaining / 60))
                raise ValidationError(self.locked_message, code="locked") from None
            raise


def _audit(*, action: str, user=None, username: str = "", request=None, data=None) -> None:
    from gongkai.core.models import User
    from gongkai.core.services import audit_record

    address = client_address(request) if request is not None else "local"
    target = user if user is not None else (
        User.objects.filter(username=username).first() or f"username:{username[:100]}"
    )
    audit_record(actor=user if user is not None and user.is_authenticated else None,
                 actor_label=(str(user) if user is not None else username[:100]),
                 action=action, target=target, unit=getattr(target, "unit", None),
                 data={"address": address, "username": (username or getattr(user, "username", ""))[:150],
                       **(data or {})})


@receiver(user_logged_in, dispatch_uid="gongkai-audit-login")
def _on_login(sender, request, user, **kwargs):
    address = client_address(request) if request is not None else "local"
    ratelimit.reset(_rules()[0], _account_key(user.get_username()))
    _audit(action="login", user=user, request=request, data={"address": address})
    if request is not None and hasattr(request, "session"):
        from gongkai.core.selectors import password_is_temporary

        if password_is_temporary(user):  # core.middleware.TemporaryPasswordMiddleware holds them
            request.session[TEMPORARY_PASSWORD_SESSION_KEY] = True


@receiver(user_logged_out, dispatch_uid="gongkai-audit-logout")
def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        _audit(action="logout", user=user, request=request)


@receiver(user_login_failed, dispatch_uid="gongkai-audit-login-failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")[:150]
    address = client_address(request) if request is not None else "local"
    if lockout_remaining(username, address) is not None:
        _audit(action="login_refused_locked", username=username, request=request)
        return
    locked = _record_failure(username, address)
    _audit(action="login_failed", username=username, request=request)
    if locked:
        _audit(action="login_locked", username=username, request=request,
               data={"seconds": settings.LOGIN_LOCKOUT_SECONDS})
