"""Errors of the 征求意见 app: one type, a stable code, the field that was wrong."""

from __future__ import annotations

from gongkai.core.domain.errors import GongkaiError


class ConsultationError(GongkaiError):
    """A consultation, comment or feedback cannot be written as asked (Chinese message)."""

    code = "consultation"


class ConflictError(ConsultationError):
    code = "conflict"
