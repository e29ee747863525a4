"""JSON API v1 (django-ninja). OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

Routers live in their own modules: public (the library, read-only, rate-limited) and
submission (OA systems registering documents with a unit's API token).
"""

from django.urls import path
from ninja import NinjaAPI

from gongkai.api import public, submission

api = NinjaAPI(
    title="gongkai API",
    version="1",
    urls_namespace="api-v1",
    description="政务公开平台接口：公开文件库（只读）与单位报送（需令牌）",
)
api.add_router("/", public.router)
api.add_router("/submission/", submission.router)

# No app_name here: ninja reverses its own "api-v1:…" names (docs page → openapi.json),
# which a surrounding "api" namespace would break.
urlpatterns = [path("v1/", api.urls)]
