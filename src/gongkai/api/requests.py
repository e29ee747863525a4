"""依申请公开 statistics per unit as JSON (read-only, anonymous, rate-limited).

``GET /api/v1/requests/statistics?year=2026[&unit=ID]`` returns, per unit that takes requests,
the year's figures: received, carried over, answered, answered on time, carried forward and
the outcome rows of annual-report table 三. Test requests (模拟测试) never count.
"""

from __future__ import annotations

from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.decorators import decorate_view

from gongkai.api.errors import PUBLIC, ApiError, error_body
from gongkai.api.ratelimit import rate_limited
from gongkai.disclosure_requests import selectors, services

router = Router()
TAGS = ["依申请公开"]


class OutcomeOut(Schema):
    key: str
    row: str
    label: str
    count: int


class UnitStatisticsOut(Schema):
    unit: str
    unit_code: str
    year: int
    as_of: str
    received: int
    carried_over: int
    answered: int
    decided_for_timeliness: int
    answered_on_time: int
    on_time_share: float | None
    carried_forward: int
    outcomes: list[OutcomeOut]


class StatisticsQuery(Schema):
    year: int | None = None
    unit: int | None = None


@router.get("/statistics", response={200: list[UnitStatisticsOut], 404: ApiError, **PUBLIC}, tags=TAGS,
            summary="各单位本年度依申请公开统计：收到、按时答复、办理结果（表三）",
            url_name="requests_statistics")
@decorate_view(rate_limited)
def statistics(request, filters: Query[StatisticsQuery]):
    year = filters.year or timezone.localdate().year
    if not 2000 <= year <= 2100:
        return Status(422, error_body("invalid", "参数 year：应为 2000—2100 之间的年份", "year"))
    units = services.units_accepting_requests().order_by("sort_order", "id")
    if filters.unit is not None:
        units = units.filter(pk=filters.unit)
        if not units.exists():
            return Status(404, error_body("not_found", f"单位 {filters.unit} 不存在或不受理申请", "unit"))
    return Status(200, [selectors.public_statistics(u, year) for u in units])
