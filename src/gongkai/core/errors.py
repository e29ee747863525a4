"""Errors of the platform: one exception type per app, carrying an error code.

The classes live in the pure module ``core.domain.errors`` so that domain packages depend on
nothing outside the domain layer; this module is the import point for services and views.
"""

from gongkai.core.domain.errors import (
    AccessCode,
    AccessDenied,
    CalendarError,
    CoreCode,
    CoreError,
    GongkaiError,
)

__all__ = ["AccessCode", "AccessDenied", "CalendarError", "CoreCode", "CoreError", "GongkaiError"]
