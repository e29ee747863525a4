import pytest


@pytest.fixture
def people(unit_tree, make_user):
    return {
        "sub_office": make_user("zl_sub_office", unit_tree["office"], "submitter"),
        "sub_district": make_user("zl_sub_district", unit_tree["district"], "submitter"),
        "office": make_user("zl_office", unit_tree["city"], "office"),
    }


@pytest.fixture
def statistics_rule(publish_document):
    """A 规范性文件 of the city office with its 发文字号, published."""
    return publish_document(
        "office", title="武汉市统计管理办法", doc_number="武政规〔2025〕3号",
        publish_date="2025-03-03", effective_date="2025-04-03", level="地方规范性文件",
        category="综合政务\\统计", body="第一条 为了加强统计管理，制定本办法。")
