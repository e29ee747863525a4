"""真实性 checks: each rule on its own, and a clean document passes."""

from datetime import date

from gongkai.assessment.domain.authenticity import authenticity_findings, doc_number_parts

NAMES = ["武汉市人民政府办公厅", "市政府办公厅"]


def check(**kw):
    base = dict(doc_number="武政办〔2025〕12号", title="武汉市人民政府办公厅关于印发某方案的通知",
                written_date=date(2025, 3, 1), publish_date=date(2025, 3, 5),
                unit_prefixes=["武政办", "武政"], issuer_names=NAMES)
    return authenticity_findings(**(base | kw))


def test_a_clean_document_has_no_findings():
    assert check() == []


def test_doc_number_parts_accept_the_usual_brackets():
    assert doc_number_parts("武政办〔2025〕12号") == ("武政办", 2025, 12)
    assert doc_number_parts("鄂政办电[2021]11号") == ("鄂政办电", 2021, 11)
    assert doc_number_parts("武政规（2024）3号") == ("武政规", 2024, 3)
    assert doc_number_parts("无文号") is None


def test_each_rule():
    assert check(doc_number="武政办〔2024〕12号") == ["发文字号年份2024与成文日期年份2025不一致"]
    assert check(publish_date=date(2025, 2, 1)) == ["公布日期2025-02-01早于成文日期2025-03-01"]
    assert check(doc_number="鄂政办〔2025〕12号") == ["机关代字“鄂政办”不属于本单位（本单位：武政办、武政）"]
    assert check(title="关于印发某方案的通知") == ["标题未写明发文机关"]


def test_missing_data_skips_the_check():
    assert check(written_date=None, doc_number="武政办〔2024〕1号") == []
    assert check(unit_prefixes=[], doc_number="鄂政办〔2025〕1号") == []
    assert check(doc_number="") == []
