"""The API's one error shape, for every 4xx answer of every endpoint.

    {"code": "not_found", "message": "文件 7 不存在或未公开", "field": null, "errors": []}

``code`` is stable for programs, ``message`` is Chinese for people, ``field`` names the
parameter or 文章属性 at fault (or null) and ``errors`` lists each invalid field of a 422.
The JSON is written by core.middleware.api_error (which also converts Django's own 404 /
405 / 413 answers under /api/); this module gives it its OpenAPI schema.
"""

from __future__ import annotations

from ninja import Schema

from gongkai.core.middleware import api_error


class FieldError(Schema):
    field: str
    message: str
    type: str


class ApiError(Schema):
    code: str
    message: str
    field: str | None = None
    errors: list[FieldError] = []


def error_response(status: int, code: str, message: str, field: str | None = None,
                   errors: list[dict] | None = None):
    return api_error(status, code, message, field=field, errors=errors)


def error_body(code: str, message: str, field: str | None = None,
               errors: list[dict] | None = None) -> dict:
    return {"code": code, "message": message, "field": field, "errors": errors or []}


# Answers every endpoint can give besides its own (documented on each operation).
COMMON = {400: ApiError, 422: ApiError}
PUBLIC = {**COMMON, 429: ApiError}
TOKEN = {**COMMON, 401: ApiError}
