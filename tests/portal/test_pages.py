"""The public pages: home, results, document, attachments, catalogue, feeds.

Each page is checked for what it must show and for what it must never show: drafts and
不予公开 documents (fixture `public_library` in conftest.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from gongkai.documents.models import DocumentRelation, ValidityEvent

pytestmark = pytest.mark.django_db

HIDDEN = ("draft", "withheld")
ATOM = "{http://www.w3.org/2005/Atom}"


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_home_shows_newest_public_documents_units_and_totals(client, public_library):
    html = _text(client.get("/"))
    assert 'lang="zh-CN"' in html
    assert '<label for="q">' in html
    for key in ("mechanism", "statistics", "repealed"):
        assert public_library[key].title in html
    for key in HIDDEN:
        assert public_library[key].title not in html
    assert "收录公开文件 <strong>3</strong> 件，其中现行有效 <strong>2</strong> 件，来自 <strong>2</strong> 个单位" in html
    assert "武汉市人民政府办公厅</a></td><td class=\"num\">2</td>" in html
    assert "新洲区人民政府" not in html  # its only document is 不予公开


def test_home_query_count_does_not_grow_with_documents(client, public_library, publish_document, django_assert_max_num_queries):
    for n in range(15):
        publish_document("stats", title=f"武汉市统计局关于统计数据公开的通知（{n}）", publish_date="2015-01-05")
    with django_assert_max_num_queries(8):
        client.get("/")


def test_search_finds_public_documents_only(client, public_library):
    html = _text(client.get("/search/", {"q": "政府信息公开"}))
    for key in ("mechanism", "statistics", "repealed"):
        assert public_library[key].get_absolute_url() in html
    for key in HIDDEN:
        assert public_library[key].get_absolute_url() not in html
    assert 'value="政府信息公开"' in html  # the query stays in the box
    assert "<mark>政府信息公开</mark>" in html  # highlighted snippet / title


def test_search_in_force_switch_drops_repealed_document(client, public_library):
    html = _text(client.get("/search/", {"q": "政府信息公开", "in_force": "1"}))
    assert public_library["mechanism"].get_absolute_url() in html
    assert public_library["repealed"].get_absolute_url() not in html
    assert 'aria-checked="true"' in html
    # the switch links back to the same search without in_force
    assert 'href="?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80"' in html


def test_search_facet_links_add_and_remove_filters(client, public_library):
    unit_id = public_library["mechanism"].unit_id
    html = _text(client.get("/search/", {"q": "政府信息公开"}))
    add_link = f'href="?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80&amp;unit={unit_id}"'
    assert add_link in html
    filtered = _text(client.get("/search/", {"q": "政府信息公开", "unit": unit_id}))
    assert public_library["repealed"].get_absolute_url() not in filtered  # another unit's document
    assert public_library["mechanism"].get_absolute_url() in filtered
    assert "发布单位：武汉市人民政府办公厅 ✕" in filtered


def test_search_filters_by_validity(client, public_library):
    html = _text(client.get("/search/", {"q": "政府信息公开", "validity": "失效"}))
    assert public_library["repealed"].get_absolute_url() in html
    assert public_library["mechanism"].get_absolute_url() not in html


def test_search_paginates_with_links_that_keep_the_query(client, publish_document):
    for n in range(25):
        publish_document("stats", title=f"武汉市统计局关于统计报表公开的通知第{n + 1}号",
                publish_date=f"2015-01-{n + 1:02d}", body="统计报表按月公开。")
    first = _text(client.get("/search/", {"q": "统计报表", "sort": "date"}))
    assert "共 25 件" in first
    assert 'href="?q=%E7%BB%9F%E8%AE%A1%E6%8A%A5%E8%A1%A8&amp;sort=date&amp;page=2" rel="next"' in first
    second = _text(client.get("/search/", {"q": "统计报表", "sort": "date", "page": "2"}))
    assert second.count('<li>\n        <h3>') == 5
    assert '<strong aria-current="page">2</strong>' in second
    # newest first by 公布日期
    assert first.index("第25号") < first.index("第24号")


def test_search_reports_ignored_parameters(client, public_library):
    html = _text(client.get("/search/", {"q": "公开", "year": "去年", "level": "宪法性文件"}))
    assert "以下检索条件无法识别，已忽略：" in html
    assert "year=去年" in html and "level=宪法性文件" in html


@pytest.mark.parametrize(
    "q",
    ['"政府信息公开', "NEAR(公开 统计)", "公开*", "-公开", "公开 OR 统计", "'; DROP TABLE documents_document; --",
     "🏛️📄", "。", "〔", "公开" * 5000, "%", "\\", "<script>alert(1)</script>"],
)
def test_search_never_fails_on_odd_queries(client, public_library, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_search_query_count_is_bounded(client, publish_document, django_assert_max_num_queries):
    for n in range(20):
        publish_document("stats" if n % 2 else "office", title=f"关于政府信息公开工作的通知{n}",
                publish_date=f"2016-02-{n + 1:02d}", body="政府信息公开工作。")
    with django_assert_max_num_queries(20):
        response = client.get("/search/", {"q": "政府信息公开", "in_force": "1"})
    assert "共 20 件" in response.content.decode()


def test_document_page_shows_attributes_body_and_attachment(client, public_library):
    doc = public_library["mechanism"]
    html = _text(client.get(doc.get_absolute_url()))
    for label in ("标题", "发文字号", "制定机关", "公布日期", "施行日期", "成文日期", "效力等级",
                  "时效性", "主题分类", "公开属性", "有效期至", "索引号"):
        assert f"<dt>{label}</dt>" in html
    assert '<dd class="doc-number">武政办〔2014〕180号</dd>' in html
    assert f"<dd>{doc.index_no}</dd>" in html and doc.index_no
    assert "设立综合管理、保密审查、审核批准、信息发布岗位" in html
    attachment = doc.attachments.get(name="分工表.txt")
    url = f"/documents/{doc.pk}/attachments/{attachment.pk}/"
    assert url in html
    assert "/media/" not in html


def test_attachment_download_serves_the_file(client, public_library):
    doc = public_library["mechanism"]
    attachment = doc.attachments.get(name="分工表.txt")
    response = client.get(f"/documents/{doc.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == "综合管理岗位分工".encode()
    assert "attachment;" in response["Content-Disposition"]


def test_attachment_of_another_document_is_not_found(client, public_library):
    attachment = public_library["mechanism"].attachments.get(name="分工表.txt")
    assert client.get(f"/documents/{public_library['statistics'].pk}/attachments/{attachment.pk}/").status_code == 404


@pytest.mark.parametrize("key", HIDDEN)
def test_hidden_documents_and_their_attachments_are_404_for_the_public(client, publish_document, public_library, key):
    doc = public_library[key]
    assert client.get(doc.get_absolute_url()).status_code == 404
    with_file = publish_document(doc.unit, state="draft", title="内部文件附件测试", attachments=[("a.txt", b"x")])
    att = with_file.attachments.get()
    assert client.get(f"/documents/{with_file.pk}/attachments/{att.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("unit_key", "roles", "status"),
    [("office", ("submitter",), 200),       # own unit's draft
     ("stats", ("submitter",), 404),        # another unit's draft
     ("city", ("office",), 200),            # 公开办 of the unit above
     ("district", ("office",), 404)],       # 公开办 of a sibling unit
)
def test_draft_page_follows_the_visibility_rule(client, make_user, unit_tree, public_library, unit_key, roles, status):
    user = make_user(f"u-{unit_key}", unit_tree[unit_key], *roles)
    client.force_login(user)
    response = client.get(public_library["draft"].get_absolute_url())
    assert response.status_code == status
    if status == 200:
        assert "本文件未公开" in response.content.decode()


def test_document_page_links_interpretations_relations_and_history(client, publish_document, public_library):
    mechanism, statistics, repealed = public_library["mechanism"], public_library["statistics"], public_library["repealed"]
    reading = publish_document("office", title="《关于建立和完善政府信息公开工作长效机制的意见》政策解读",
                      publish_date="2014-10-30", interprets=mechanism)
    DocumentRelation.objects.create(source=mechanism, target=statistics, action="cite")
    DocumentRelation.objects.create(source=mechanism, target=public_library["draft"], action="amend",
                                    target_title="草稿标题原文", target_doc_number="武政办〔2014〕181号")
    DocumentRelation.objects.create(source=mechanism, target=None, action="repeal",
                                    target_title="武汉市政府信息公开暂行办法", target_doc_number="武政〔2004〕1号")
    DocumentRelation.objects.create(source=repealed, target=mechanism, action="amend")
    DocumentRelation.objects.create(source=public_library["withheld"], target=mechanism, action="cite")
    ValidityEvent.objects.create(document=mechanism, date="2017-01-11", from_validity="现行有效",
                                 to_validity="已被修改", cause="decision", cause_document=repealed)

    html = _text(client.get(mechanism.get_absolute_url()))
    assert "政策解读" in html and reading.get_absolute_url() in html
    assert "本文件引用了" in html and statistics.get_absolute_url() in html
    assert "本文件废止了" in html and "武汉市政府信息公开暂行办法（武政〔2004〕1号）" in html
    # a hidden target keeps the title written in this document, without a link
    assert "草稿标题原文" in html and public_library["draft"].get_absolute_url() not in html
    assert "被以下文件修改" in html and repealed.get_absolute_url() in html
    # an incoming link from a hidden document is left out entirely
    assert public_library["withheld"].title not in html and "被以下文件引用" not in html
    assert "现行有效 → 已被修改" in html and "决定" in html

    reading_html = _text(client.get(reading.get_absolute_url()))
    assert "本文是对以下文件的解读" in reading_html and mechanism.get_absolute_url() in reading_html


def test_lifecycle_block_is_included_only_when_its_template_exists(client, public_library, monkeypatch, settings, tmp_path):
    from gongkai.portal import views

    doc = public_library["mechanism"]
    monkeypatch.setattr(views, "LIFECYCLE_TEMPLATE", "documents/_no_such_block.html")
    assert client.get(doc.get_absolute_url()).status_code == 200
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "_test_block.html").write_text("<p>LIFECYCLE-BLOCK {{ document.pk }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    monkeypatch.setattr(views, "LIFECYCLE_TEMPLATE", "documents/_test_block.html")
    assert f"LIFECYCLE-BLOCK {doc.pk}" in _text(client.get(doc.get_absolute_url()))


def test_document_page_query_count_is_bounded(client, public_library, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        client.get(public_library["mechanism"].get_absolute_url())


def test_catalogue_lists_units_with_public_counts(client, public_library, unit_tree):
    html = _text(client.get("/catalogue/"))
    assert f'/catalogue/{unit_tree["office"].pk}/' in html
    assert f'/catalogue/{unit_tree["city"].pk}/' in html
    assert "新洲区人民政府" not in html


def test_catalogue_unit_lists_documents_by_year_with_index_numbers(client, public_library, publish_document, unit_tree):
    publish_document("office", title="武汉市人民政府办公厅关于2015年政务公开工作要点的通知",
            doc_number="武政办〔2015〕58号", publish_date="2015-04-20")
    url = f"/catalogue/{unit_tree['office'].pk}/"
    html = _text(client.get(url))
    assert "2015（1）" in html and "2014（2）" in html
    assert "武政办〔2015〕58号" in html and "武政办〔2014〕180号" not in html  # newest year first
    html_2014 = _text(client.get(url, {"year": "2014"}))
    for key in ("mechanism", "statistics"):
        assert public_library[key].index_no in html_2014
    assert public_library["draft"].title not in html_2014


def test_catalogue_of_unknown_unit_is_404(client, db):
    assert client.get("/catalogue/999999/").status_code == 404


def test_catalogue_query_count_is_bounded(client, public_library, unit_tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(f"/catalogue/{unit_tree['office'].pk}/")


def _atom_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]


def test_documents_feed_has_public_documents_only(client, public_library):
    titles = " ".join(_atom_entries(client.get("/feeds/documents.atom")))
    for key in ("mechanism", "statistics", "repealed"):
        assert public_library[key].title in titles
    for key in HIDDEN:
        assert public_library[key].title not in titles


def test_unit_feed_has_that_units_documents(client, public_library, unit_tree):
    titles = _atom_entries(client.get(f"/feeds/units/{unit_tree['city'].pk}.atom"))
    assert titles == [str(public_library["repealed"])]
    assert _atom_entries(client.get(f"/feeds/units/{unit_tree['district'].pk}.atom")) == []
    assert client.get("/feeds/units/999999.atom").status_code == 404


def test_markup_in_document_text_is_escaped_in_results_and_page(client, publish_document):
    doc = publish_document("office", title="<script>alert(1)</script>关于政务公开的通知",
                           publish_date="2016-06-01", body="<img src=x onerror=alert(2)>政务公开正文")
    for url, params in (("/search/", {"q": "政务公开"}), (doc.get_absolute_url(), {})):
        html = _text(client.get(url, params))
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;" in html


def test_catalogue_is_a_tree_with_parents_kept(client, public_library, unit_tree):
    html = _text(client.get("/catalogue/"))
    # 湖北省人民政府 has no document of its own but is the root of those that do
    assert html.index("湖北省人民政府") < html.index("武汉市人民政府") < html.index("武汉市人民政府办公厅")
    assert "depth-2" in html


def test_catalogue_unit_shows_summary_and_generation_date(client, public_library, unit_tree):
    html = _text(client.get(f"/catalogue/{unit_tree['office'].pk}/?year=2014"))
    assert "内容概述" in html and "生成日期" in html
    assert "为深入贯彻落实《中华人民共和国政府信息公开条例》" in html  # without the 主送 line


def test_public_counts_follow_publication_and_withdrawal(client, publish_document, unit_tree,
                                                         django_capture_on_commit_callbacks):
    from gongkai.documents.counts import public_counts_refresh
    from gongkai.documents.models import PublicCount
    from gongkai.portal import selectors

    doc = publish_document("stats", title="武汉市统计局关于统计调查项目的通知", publish_date="2024-01-02",
                           body="统计调查项目。")
    publish_document("stats", title="武汉市统计局关于统计报表的通知", publish_date="2024-01-03",
                     validity="失效", body="统计报表。")
    counts = selectors.public_counts()
    assert counts.by_unit == {unit_tree["stats"].pk: 2}
    assert counts.in_force == 1
    with django_capture_on_commit_callbacks(execute=True):
        from gongkai.documents.events import Reason, announce
        from gongkai.documents.models import Document

        Document.objects.filter(pk=doc.pk).update(state="withdrawn")
        announce([doc.pk], Reason.REVIEW)
    assert selectors.public_counts().by_unit == {unit_tree["stats"].pk: 1}
    PublicCount.objects.all().delete()
    public_counts_refresh()
    assert selectors.public_counts().by_unit == {unit_tree["stats"].pk: 1}
    assert "1" in client.get("/").content.decode()
