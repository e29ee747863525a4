"""The lifecycle block on the public document page (documents/_lifecycle.html)."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from gongkai.documents.lifecycle import lifecycle_apply_due, relations_extract_and_link
from gongkai.documents.services import document_create, document_publish_direct


def _doc(unit, title, *, number="", body="", publish=date(2020, 1, 1), published=True):
    doc = document_create(unit=unit, actor=None, title=title, doc_number=number,
                          publish_date=publish, body=body or title)
    return document_publish_direct(document=doc, actor=None) if published else doc


def test_page_shows_scheduled_repeal_and_dead_citation(client, unit_tree):
    office = unit_tree["office"]
    today = timezone.localdate()
    later = today + timedelta(days=30)
    target = _doc(office, "武汉市甲办法", number="武政办〔2020〕1号")
    old = _doc(office, "武汉市乙办法", number="武政办〔2019〕5号")
    citing = _doc(office, "武汉市丙细则", body="依照《武汉市乙办法》（武政办〔2019〕5号）执行。")
    relations_extract_and_link(document=citing, actor=None)
    repeal_old = _doc(unit_tree["city"], "关于废止乙办法的决定", publish=today,
                      body="《武汉市乙办法》（武政办〔2019〕5号）予以废止。本决定自公布之日起施行。")
    relations_extract_and_link(document=repeal_old, actor=None)
    decision = _doc(unit_tree["city"], "关于废止甲办法的决定", publish=today,
                    body=f"《武汉市甲办法》（武政办〔2020〕1号）予以废止。本决定自{later.year}年{later.month}月{later.day}日起施行。")
    relations_extract_and_link(document=decision, actor=None)
    lifecycle_apply_due(today=today)

    page = client.get(target.get_absolute_url()).content.decode()
    assert "lifecycle-title" in page
    block = page.split('id="lifecycle-title"')[1]
    assert f"自 {later:%Y-%m-%d} 起，按" in block
    assert f'href="{decision.get_absolute_url()}">《关于废止甲办法的决定》</a>废止' in block
    cites = client.get(citing.get_absolute_url()).content.decode()
    assert f'本文件引用的<a href="{old.get_absolute_url()}">《武汉市乙办法》</a>已废止' in cites


def test_draft_decision_not_shown_to_public(client, unit_tree):
    target = _doc(unit_tree["office"], "武汉市甲办法", number="武政办〔2020〕1号")
    draft = _doc(unit_tree["city"], "关于废止甲办法的内部稿", published=False,
                 body="《武汉市甲办法》（武政办〔2020〕1号）予以废止。本决定自2099年1月1日起施行。")
    relations_extract_and_link(document=draft, actor=None)
    page = client.get(target.get_absolute_url()).content.decode()
    assert "内部稿" not in page
