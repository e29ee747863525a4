"""Demo of the review workflow (`gongkai demo`, after the seed documents).

For 武汉市人民政府办公厅 (the demo users `submitter` and `reviewer`) it registers a 2026 run
of 武政办 documents through the real services and moves them through the workflow, so the
workbench shows: a published document, a secrecy-review queue, an approval queue, a returned
submission with its reason, a late one waiting for publication, a withheld one (不予公开), an
unexplained serial gap (5号) and an explained one (7号 作废). Idempotent: does nothing once the
series exists. Only the historical timestamps of the published one are back-dated.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

from gongkai.core.models import Unit, User
from gongkai.documents.models import Document
from gongkai.documents.services import document_create
from gongkai.review import services

UNIT = "武汉市人民政府办公厅"
PREFIX, YEAR = "武政办", 2026

# serial, title, 公布日期, steps, extra
PLAN = [
    (1, "武汉市人民政府办公厅关于印发2026年政务公开工作要点的通知", date(2026, 3, 2), "published"),
    (2, "武汉市人民政府办公厅关于做好2026年度政府信息公开年度报告编制工作的通知", date(2026, 11, 16), "submitted"),
    (3, "武汉市人民政府办公厅关于进一步规范政策解读工作的通知", date(2026, 11, 18), "secrecy_cleared"),
    (4, "武汉市人民政府办公厅关于加强政务新媒体管理的通知", date(2026, 11, 19), "returned"),
    (6, "武汉市人民政府办公厅关于开展行政规范性文件清理工作的通知", date(2026, 6, 1), "approved"),
    (8, "武汉市人民政府办公厅关于某重大项目前期论证情况的报告", date(2026, 11, 20), "withheld"),
]


def _aware(d: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(hour, 0)))


@transaction.atomic
def load(*, stdout) -> None:
    unit = Unit.objects.filter(full_name=UNIT).first()
    submitter = User.objects.filter(username="submitter").first()
    # One person per post (武政办〔2014〕180号); the two-person rule refuses anything else.
    secrecy = User.objects.filter(username="secrecy").first()
    approver = User.objects.filter(username="approver").first()
    publisher = User.objects.filter(username="publisher").first()
    reviewer = secrecy
    if unit is None or submitter is None or None in (secrecy, approver, publisher):
        stdout.write("审核流程演示：缺少演示单位或账号，跳过")
        return
    if Document.objects.filter(unit=unit, doc_prefix=PREFIX, doc_year=YEAR).exists():
        stdout.write("审核流程演示：已存在，跳过")
        return
    for serial, title, published, target in PLAN:
        withheld = target == "withheld"
        doc = document_create(
            unit=unit, actor=submitter, title=title, doc_number=f"{PREFIX}〔{YEAR}〕{serial}号",
            issuer_names=[UNIT], written_date=published, publish_date=published,
            level="工作文件", category="综合政务\\政务公开",
            # The 公开属性 is decided at registration (not by the reviewer afterwards).
            disclosure="不予公开" if withheld else "主动公开",
            disclosure_reason="属于过程性信息，决策前不予公开" if withheld else "",
            body=f"{title}\n各区人民政府，市人民政府各部门：\n现将有关事项通知如下。\n{UNIT}\n{published:%Y年%m月%d日}",
        )
        doc = services.document_submit(document=doc, actor=submitter)
        if target == "returned":
            services.review_return(document=doc, actor=reviewer,
                                   reason="附件缺失，且公布日期与落款不一致，请补充后重新报送")
            continue
        if target == "submitted":
            continue
        doc = services.review_secrecy_pass(document=doc, actor=secrecy)
        if target == "secrecy_cleared":
            continue
        doc = services.review_approve(document=doc, actor=approver, responsible="王主任")
        if withheld:
            services.document_withhold(document=doc, actor=publisher, ground="第十六条")
            continue
        if target == "approved":
            continue
        services.document_publish(document=doc, actor=publisher)
        Document.objects.filter(pk=doc.pk).update(
            submitted_at=_aware(date(2026, 3, 4), 9), published_at=_aware(date(2026, 3, 5), 15)
        )
    reviewer_note = services.gap_note_save(
        unit=unit, actor=submitter, doc_prefix=PREFIX, year=YEAR, serial=7, kind="作废",
        reason="号码已取号，文件因内容调整未印发",
    )
    stdout.write(
        f"审核流程演示：{PREFIX}〔{YEAR}〕1–8号（待保密审查、待审核批准、退回、超期待发布、不予公开各一件；"
        f"缺 5 号未说明，{reviewer_note.serial} 号已说明）"
    )
