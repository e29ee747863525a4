"""Fixtures of 征求意见: people of a unit and consultations built through the real services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

DRAFT_BODY = (
    "武汉市重大行政决策公开征求意见规定（征求意见稿）\n"
    "第一条 为了推进重大行政决策的科学化、民主化和法治化，建立健全公众参与重大行政决策程序，制定本规定。\n"
    "第二条 本规定适用于市、区人民政府重大行政决策公开征求意见的组织和管理。\n"
    "第三条 重大行政决策除依法不得公开外，应当向社会公开征求意见。"
)


@pytest.fixture
def people(unit_tree, make_user):
    return {
        "submitter": make_user("cs_sub", unit_tree["stats"], "submitter"),
        "office": make_user("cs_office", unit_tree["city"], "office"),
        "other": make_user("cs_other", unit_tree["district"], "submitter"),
        "reviewer": make_user("cs_rev", unit_tree["stats"], "reviewer"),
    }


@pytest.fixture
def today():
    from django.utils import timezone

    return timezone.localdate()


@pytest.fixture
def make_consultation(people, unit_tree, today, django_capture_on_commit_callbacks):
    from gongkai.consultations import services

    def _make(*, publish=True, start=None, end=None, kind="major_decision", moderation="pre",
              visibility="after_close", reason="", elsewhere=False, **kw):
        start = start or today
        end = end or start + timedelta(days=29)
        with django_capture_on_commit_callbacks(execute=True):
            c = services.consultation_create(
                actor=people["submitter"], unit=unit_tree["stats"], kind=kind, start_date=start,
                end_date=end, title=kw.pop("title", "武汉市统计数据发布管理办法（征求意见稿）"),
                body=kw.pop("body", DRAFT_BODY), explanation=kw.pop("explanation", "起草背景：……"),
                short_reason=reason, moderation=moderation, visibility=visibility,
                channels=kw.pop("channels", [{"channel": "online"},
                                             {"channel": "letter", "address": "武汉市江岸区某路1号"},
                                             {"channel": "email", "address": "tj@example.gov.cn"}]),
                contact="市统计局法规处，027-00000000", **kw)
            if publish:  # the office (公开办) publishes the draft directly
                c = services.consultation_publish(actor=people["office"], consultation=c,
                                                  published_elsewhere=elsewhere)
        return c

    return _make


@pytest.fixture
def closed_consultation(make_consultation, people, today):
    """Ran 30 days, ended yesterday, recorded from another site; three comments entered."""
    from gongkai.consultations import services

    c = make_consultation(start=today - timedelta(days=30), end=today - timedelta(days=1), elsewhere=True)
    for channel, body in (("letter", "建议第二条增加开发区。"), ("email", "建议明确公开期限。"),
                          ("online", "第三条“依法不得公开”的范围应列明。")):
        services.comment_enter(actor=people["submitter"], consultation=c, channel=channel, body=body,
                               received_on=today - timedelta(days=5))
    return c


def later(d: date, days: int) -> date:
    return d + timedelta(days=days)
