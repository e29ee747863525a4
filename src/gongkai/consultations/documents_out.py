"""The feedback (意见征集情况说明) as DOCX in 公文 layout, and the comments as XLSX / CSV, through
the shared writers in ``exports/``."""

from __future__ import annotations

from gongkai.consultations.selectors import EXPORT_HEADER, Feedback, comment_rows_for_export
from gongkai.exports.docx import Appendix, OfficialDocument, official_docx_bytes
from gongkai.exports.xlsx import table_csv_bytes, table_xlsx_bytes


def _cn_date(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def feedback_paragraphs(fb: Feedback) -> list[str]:
    """The 情况说明 in sentences: period and channels, counts, what was adopted and why not."""
    c = fb.consultation
    channels = "、".join(label for label, _addr in c.channel_list())
    parts = [
        f"{_cn_date(c.start_date)}至{_cn_date(c.end_date)}，{c.unit.full_name}就《{c.title}》"
        f"通过{channels}等途径向社会公开征求意见。"
    ]
    if fb.total == 0:
        parts.append("征求意见期间，未收到社会公众提出的意见。")
    else:
        by_channel = "，".join(f"{label}{n}条" for label, n in fb.by_channel)
        by_decision = "，".join(f"{label}{n}条" for label, n in fb.by_decision)
        parts.append(f"征求意见期间共收到意见{fb.total}条（{by_channel}），归纳为{len(fb.views)}个主要观点；"
                     f"其中{by_decision}。")
    if fb.hidden:
        parts.append(f"另有{fb.hidden}条与草案无关或含有违法、不文明内容的留言未予采用。")
    if c.feedback_summary:
        parts.append(c.feedback_summary)
    return parts


def feedback_docx(fb: Feedback) -> bytes:
    c = fb.consultation
    blocks = [("paragraph", p) for p in feedback_paragraphs(fb)]
    for row in fb.views:
        blocks.append(("subheading", f"（{row.number}）{row.summary}"))
        text = f"采纳情况：{row.decision_label}。"
        if row.reason:
            text += f"{'理由' if row.decision != 'adopted' else '说明'}：{row.reason}"
        blocks.append(("paragraph", text))
    stamp_date = c.feedback_published_at or c.updated_at
    return official_docx_bytes(OfficialDocument(
        title=f"关于《{c.title}》公开征求意见采纳情况的说明",
        recipients="", blocks=blocks, signature=c.unit.full_name,
        date_text=_cn_date(stamp_date.date()),
        appendices=[Appendix(title="主要观点及采纳情况",
                             header=["序号", "主要观点", "意见序号", "采纳情况", "理由或说明"],
                             rows=[[str(r.number), r.summary, "、".join(map(str, r.comment_numbers)),
                                    r.decision_label, r.reason] for r in fb.views])] if fb.views else [],
        stamp=stamp_date.replace(tzinfo=None),
    ))


def comments_xlsx(consultation) -> bytes:
    return table_xlsx_bytes(sheet="意见汇总", header=EXPORT_HEADER,
                            rows=comment_rows_for_export(consultation),
                            title=f"《{consultation.title}》征求意见汇总")


def comments_csv(consultation) -> bytes:
    return table_csv_bytes(header=EXPORT_HEADER, rows=comment_rows_for_export(consultation))
