"""Measures from 依申请公开模拟测试 (disclosure_requests.selectors.mock_results), registered in
the measure registry beside measures.py (seed 19: 依申请公开 — 渠道畅通, 答复形式规范).

* ``mock_requests_received`` — 渠道畅通: the share of the evaluators' test requests that the unit
  received (through every channel it offers), evidence naming each one that was not.
* ``mock_letters_complete`` — 答复形式规范: the share of letter elements present in the answers to
  test requests (条例 article cited; remedy clause unless disclosed in full; the agency named
  for 第三十六条第五项), evidence naming each missing one.
* ``mock_answered_on_time`` — 回复及时 among test requests (answered within the deadline).
An indicator names them like any measure (``measure: mock_requests_received``, method ratio).
"""

from __future__ import annotations

from collections import defaultdict

from gongkai.assessment.domain.results import Measured
from gongkai.assessment.measures import Evidence, MeasureContext, _ratio, measure


def _results(ctx: MeasureContext):
    from gongkai.disclosure_requests.selectors import mock_results

    return mock_results(set(ctx.unit_ids), start=ctx.start, end=ctx.end, today=ctx.end)


def _item(r, detail: str, field_name: str) -> dict:
    return {"kind": "request", "id": r.request_id, "number": r.number, "field": field_name,
            "detail": f"模拟测试（{r.channel}，{r.submitted_on}）：{detail}"}


@measure("mock_requests_received", "渠道畅通：模拟测试申请被受理的占比")
def mock_requests_received(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    good: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    evidence = Evidence()
    for r in _results(ctx):
        total[r.unit_id] += 1
        if r.score.received:
            good[r.unit_id] += 1
        else:
            evidence.add(r.unit_id, _item(r, "申请未被受理", "received_on"))
    return _ratio(good, total, evidence, ctx.unit_ids, "模拟测试受理", "件", "无模拟测试申请")


@measure("mock_answered_on_time", "回复及时：模拟测试申请按期答复的占比")
def mock_answered_on_time(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    good: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    evidence = Evidence()
    for r in _results(ctx):
        if r.score.on_time is None:
            continue  # not yet due when the period closed
        total[r.unit_id] += 1
        if r.score.on_time:
            good[r.unit_id] += 1
        else:
            evidence.add(r.unit_id, _item(r, "未在法定期限内答复", "answered_on"))
    return _ratio(good, total, evidence, ctx.unit_ids, "模拟测试按期答复", "件", "无到期的模拟测试申请")


@measure("mock_letters_complete", "答复形式规范：模拟测试答复书要素齐全的占比")
def mock_letters_complete(ctx: MeasureContext, params: dict) -> dict[int, Measured]:
    good: dict[int, int] = defaultdict(int)
    total: dict[int, int] = defaultdict(int)
    evidence = Evidence()
    for r in _results(ctx):
        for e in r.score.elements:
            if e.present is None:
                continue
            total[r.unit_id] += 1
            if e.present:
                good[r.unit_id] += 1
            else:
                evidence.add(r.unit_id, _item(r, f"答复书缺少：{e.label}", e.code))
    return _ratio(good, total, evidence, ctx.unit_ids, "答复书要素", "项", "无已答复的模拟测试申请")
