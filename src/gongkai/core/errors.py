"""Errors of the platform: one exception type per app, carrying an error code."""

from __future__ import annotations


class GongkaiError(Exception):
    """Base error. `code` is stable (for API clients); `field` names what was wrong."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.field = field

    def __str__(self) -> str:
        return self.message


class CoreError(GongkaiError):
    code = "core"


class CalendarError(CoreError):
    """A date the holiday calendar does not know: refuse rather than guess."""

    code = "calendar_unknown"
