"""Demo of lifecycle and cleanup (`gongkai demo`, after the documents demo). Idempotent.

1. The seed decision 武汉市人民政府令第322号 (`09-*`) names the rules it amends and repeals;
   the three it names in full are registered (title and 发文字号 as the decision gives them,
   no body: the seed does not hold their texts, and a made-up body would be worse) so the
   links resolve; the other 16 + 2 it only counts are the decision's worklist.
2. The decision and the 清理结果 notice (`01-*`) are linked, and the lifecycle is applied:
   the amended rules become 已被修改, the repealed one 废止, on 2024-07-01.
3. An open cleanup campaign of the city office over 新洲区 shows the marking page.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from gongkai.cleanup.models import Campaign
from gongkai.core.models import Unit, User
from gongkai.documents.domain.docnumber import doc_number_key
from gongkai.documents.models import Document
from gongkai.documents.relations import relations_extract_and_link
from gongkai.documents.services import document_create, document_publish_direct
from gongkai.documents.validity import lifecycle_apply_due

CITY = "武汉市人民政府"
# (title, 发文字号) as 武汉市人民政府令第322号 names them
ORDER_322_TARGETS = [
    ("武汉市统计管理办法", "武汉市人民政府令第152号"),
    ("武汉市天然气高压管道设施保护办法", "武汉市人民政府令第163号"),
    ("武汉市控制和查处违法建设办法", "武汉市人民政府令第189号"),
]
CAMPAIGN_TITLE = "新洲区现行规范性文件清理（演示）"


def _seed_document(prefix: str) -> Document | None:
    return Document.objects.filter(source_name__startswith=prefix).order_by("id").first()


def _targets(stdout) -> None:
    city = Unit.objects.filter(full_name=CITY).first()
    if city is None:
        return
    made = 0
    for title, number in ORDER_322_TARGETS:
        if Document.objects.filter(doc_number_key=doc_number_key(number)).exists():
            continue
        doc = document_create(unit=city, actor=None, title=title, doc_number=number,
                              issuer_names=[CITY], level="地方政府规章", body="")
        document_publish_direct(document=doc, actor=None, reason="演示数据")
        made += 1
    if made:
        stdout.write(f"第322号令所列规章：登记 {made} 件")


def _campaign(stdout) -> None:
    if Campaign.objects.filter(title=CAMPAIGN_TITLE).exists():
        return
    office = User.objects.filter(username="office").first()
    district = Unit.objects.filter(full_name="新洲区人民政府").first()
    submitter = User.objects.filter(username="xinzhou").first()
    if not (office and district and submitter):
        return
    from gongkai.cleanup.services import campaign_open, item_mark

    campaign = campaign_open(actor=office, title=CAMPAIGN_TITLE, units=[district],
                             deadline=timezone.localdate() + timedelta(days=30))
    items = list(campaign.items.order_by("id")[:3])
    for item, (mark, reason) in zip(items, [("keep", ""), ("amend", "部分条款与现行规定不一致"),
                                            ("repeal", "调整对象已不复存在")], strict=False):
        item_mark(actor=submitter, item=item, mark=mark, reason=reason)
    stdout.write(f"文件清理演示：{campaign.title}，{campaign.items.count()} 件文件")


def load(*, stdout) -> None:
    _targets(stdout)
    for prefix in ("09-", "01-"):
        doc = _seed_document(prefix)
        if doc is not None:
            result = relations_extract_and_link(document=doc, actor=None)
            resolved = sum(1 for r in result.relations if r.target_id)
            stdout.write(f"《{doc.title}》：关联 {len(result.relations)} 条，在库 {resolved} 条，"
                         f"声明 {result.declared}")
    report = lifecycle_apply_due()
    stdout.write(f"时效性：变化 {len(report.changes)} 件，执行决定 {report.relations_applied} 条")
    _campaign(stdout)
