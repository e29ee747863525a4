"""The base error of the platform (pure Python: domain packages import it from here).

Every app has its own subclass and an enum of stable codes in ``<app>/errors.py`` (or
``<app>/domain/errors.py`` when its domain code raises it). API clients rely on ``code``;
``field`` names what was wrong, for forms and JSON errors.
"""

from __future__ import annotations

from enum import StrEnum


class GongkaiError(Exception):
    """Base error. `code` is stable (for API clients); `field` names what was wrong."""

    code: str = "error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = str(code)
        self.field = field

    def __str__(self) -> str:
        return self.message


class AccessCode(StrEnum):
    LOGIN_REQUIRED = "login_required"  # 401 for the API, the login page for pages
    FORBIDDEN = "forbidden"  # 403
    NOT_FOUND = "not_found"  # 404: a refusal that must not reveal that the object exists


class AccessDenied(GongkaiError):
    """The user may not do this (the one refusal type; ``core.access`` raises it)."""

    code = AccessCode.FORBIDDEN.value

    def __init__(self, message: str = "无权执行此操作", *, code: str = AccessCode.FORBIDDEN,
                 field: str | None = None):
        super().__init__(message, code=str(code), field=field)


class CoreCode(StrEnum):
    CORE = "core"
    CALENDAR_UNKNOWN = "calendar_unknown"


class CoreError(GongkaiError):
    code = CoreCode.CORE.value


class CalendarError(CoreError):
    """A date the holiday calendar does not know: refuse rather than guess."""

    code = CoreCode.CALENDAR_UNKNOWN.value
