"""Errors of the 依申请公开 app: one type, a stable code, the field that was wrong."""

from __future__ import annotations

from gongkai.core.domain.errors import GongkaiError


class RequestError(GongkaiError):
    """A request cannot be filed or handled as asked (message in Chinese, names the field)."""

    code = "disclosure_request"


class DeadlineError(RequestError):
    """Dates that cannot be reckoned (e.g. a 补正 notice after the 7th working day)."""

    code = "deadline"


class ConflictError(RequestError):
    """Somebody else changed the request first (conditional update matched no row)."""

    code = "conflict"
