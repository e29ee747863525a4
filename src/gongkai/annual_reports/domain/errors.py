"""Errors of the annual-report app: one type, a stable code, the field or file that was wrong."""

from __future__ import annotations

from gongkai.core.domain.errors import GongkaiError


class AnnualReportError(GongkaiError):
    """A report cannot be read, built, changed or published as asked (message in Chinese)."""

    code = "annual_report"


class ConflictError(AnnualReportError):
    """Somebody else changed the report first."""

    code = "conflict"
