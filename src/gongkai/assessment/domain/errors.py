"""The one error type of the assessment app (pure: usable from domain code)."""

from __future__ import annotations

from gongkai.core.domain.errors import GongkaiError


class AssessmentError(GongkaiError):
    code = "assessment"
