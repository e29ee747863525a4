"""JSON API v1 (django-ninja). OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

Routers live in their own modules: public (the library, read-only, rate-limited) and
submission (OA systems registering documents with a unit's API token).
"""

from django.urls import path
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer

from gongkai.api import consultations, public, requests, submission, zhuanlan
from gongkai.api.errors import error_body
from gongkai.core.access import AccessDenied, access_status


class _ChineseJSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Chinese messages readable as sent


api = NinjaAPI(
    renderer=_ChineseJSONRenderer(),
    title="gongkai API",
    version="1",
    urls_namespace="api-v1",
    description="政务公开平台接口：公开文件库（只读）与单位报送（需令牌）",
)


# Pydantic's messages are English; each error keeps its `loc` (the field) and `type`, and
# gains a Chinese `message` for people reading the response.
_MESSAGES = {
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "missing": "缺少此项",
    "string_too_long": "内容过长",
    "string_too_short": "内容过短",
    "literal_error": "取值不在可选范围内",
    "enum": "取值不在可选范围内",
}


@api.exception_handler(AccessDenied)
def access_denied(request, exc: AccessDenied):
    """The gate's refusal as JSON, with the status the pages use too (core.access)."""
    return api.create_response(request, {"code": exc.code, "field": exc.field,
                                         "message": exc.message}, status=access_status(exc))


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    errors = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ["?"])]
        # ("body", "payload") is the whole body: not an object of the expected shape.
        field = loc[-1] if len(loc) > 2 or loc[:1] != ["body"] else "请求体"
        reason = _MESSAGES.get(error.get("type", ""), "格式不正确")
        if error.get("type") in ("model_attributes_type", "dict_type", "model_type"):
            reason = "应为 JSON 对象"
        errors.append({"field": field, "message": f"参数 {field}：{reason}",
                       "type": str(error.get("type", ""))})
    first = errors[0] if errors else {"field": None, "message": "参数有误"}
    return api.create_response(
        request, error_body("invalid", first["message"], first["field"], errors), status=422
    )


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc):
    response = api.create_response(
        request, error_body("unauthorized", "需要有效的令牌：Authorization: Bearer gk_…"),
        status=401,
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, error_body("error", str(exc)), status=exc.status_code)


api.add_router("/", public.router)
api.add_router("/", consultations.router)
api.add_router("/submission/", submission.router)
api.add_router("/zhuanlan", zhuanlan.router)
api.add_router("/requests", requests.router)

# No app_name here: ninja reverses its own "api-v1:…" names (docs page → openapi.json),
# which a surrounding "api" namespace would break.
urlpatterns = [path("v1/", api.urls)]
