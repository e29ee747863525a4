"""Properties: extraction never fails on arbitrary text, normalisation is idempotent."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.domain.text import clean_text, repair_cjk_spacing
from gongkai.documents.domain.dates import parse_date_checked
from gongkai.documents.domain.docnumber import (
    doc_number_key,
    find_doc_numbers,
    normalize_doc_number,
    parse_doc_number,
)
from gongkai.ingest.domain.metadata import extract

PIECES = st.sampled_from([
    "武政办", "〔", "〕", "[", "]", "(", ")", "【", "】", "2014", "153", "号", "令第", "第", "市人民政府",
    "年", "月", "日", "9", "30", "二〇一四", "十二", "\n", " ", "•", "【发文字号】", "【发布日期】",
    "【效力级别】", "正文", "关于", "的通知", "# ", "<!-- INFO END -->", "<p>", "<td>", "：", "-",
    "各区人民政府:", "武汉市人民政府办公厅", "施行", "自", "起", "有效期", "⺠", "２",
])
TEXT = st.lists(PIECES, max_size=40).map("".join) | st.text(max_size=200)
BRACKETS = st.sampled_from(["[]", "［］", "【】", "()", "（）", "〔〕", "〈〉"])


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_extract_never_raises_and_dates_are_real(text):
    meta = extract(text)

    assert isinstance(meta.warnings, tuple)
    assert meta.as_json("f")["file"] == "f"
    if meta.doc_number:
        assert parse_doc_number(meta.doc_number) is not None


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_helpers_never_raise(text):
    find_doc_numbers(text)
    parse_date_checked(text)
    doc_number_key(text, issuer="武汉市人民政府")
    assert clean_text(clean_text(text)) == clean_text(text)
    assert repair_cjk_spacing(repair_cjk_spacing(text)) == repair_cjk_spacing(text)


@given(
    st.sampled_from(["武政办", "鄂政办电", "国办发明电", "武政规", "国函"]),
    BRACKETS,
    st.integers(min_value=1949, max_value=2099),
    st.integers(min_value=1, max_value=99999),
    st.booleans(),
)
def test_every_bracket_form_normalises_to_the_same_number(prefix, brackets, year, serial, hao):
    raw = f"{prefix}{brackets[0]}{year}{brackets[1]}{serial}{'号' if hao else ''}"

    normalized = normalize_doc_number(raw)

    assert normalized == f"{prefix}〔{year}〕{serial}号"
    assert normalize_doc_number(normalized) == normalized
    assert doc_number_key(raw) == doc_number_key(normalized)
