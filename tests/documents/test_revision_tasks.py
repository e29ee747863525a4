"""A cleanup's "需要修改" opens a revision task with a due date; the amending decision closes it."""

from __future__ import annotations

from datetime import date

from tests.cleanup.test_campaigns import TODAY, library, people  # noqa: F401  (fixtures)

from gongkai.cleanup.models import CampaignItem
from gongkai.cleanup.services import campaign_open, campaign_publish, item_mark, item_review
from gongkai.documents.models import RevisionTask
from gongkai.documents.relations import relations_extract_and_link
from gongkai.documents.revisions import REVISION_DUE_DAYS
from gongkai.documents.selectors import conflicts_report
from gongkai.documents.services import document_create, document_publish_direct
from gongkai.documents.validity import lifecycle_apply_due


def test_needs_amendment_opens_a_task_that_the_amending_decision_closes(unit_tree, people, library):  # noqa: F811
    campaign = campaign_open(actor=people["office"], title="2024年规范性文件清理",
                             units=[unit_tree["district"]], deadline=date(2024, 6, 30), today=TODAY)
    for item in campaign.items.select_related("document"):
        mark = "amend" if item.document.pk == library["b"].pk else "keep"
        item_mark(actor=people["district"], item=item, mark=mark,
                  reason="第五条考核指标需更新" if mark == "amend" else "")
    for item in CampaignItem.objects.filter(campaign=campaign):
        item_review(actor=people["office"], item=item, accept=True)
    campaign_publish(actor=people["office"], campaign=campaign, today=date(2024, 7, 1),
                     doc_number="武政〔2024〕20号")

    task = RevisionTask.objects.get(document=library["b"])
    assert task.closed_at is None and task.reason == "第五条考核指标需更新"
    assert (task.due_date - date(2024, 7, 1)).days == REVISION_DUE_DAYS
    report = conflicts_report(today=date(2025, 2, 1)).as_dict()
    assert [(t["document_id"], t["overdue"]) for t in report["revision_tasks"]] == [
        (library["b"].pk, True)]

    decision = document_publish_direct(document=document_create(
        unit=unit_tree["district"], actor=None, title="新洲区人民政府关于修改部分规范性文件的决定",
        doc_number="新政〔2024〕30号", publish_date=date(2024, 9, 1), level="地方规范性文件",
        body="对《新洲区政府信息公开工作考核办法》（新政办〔2015〕8号）作如下修改：\n"
             "将第五条修改为：“考核指标每年更新。”\n本决定自2024年10月1日起施行。"), actor=None)
    relations_extract_and_link(document=decision, actor=None)
    lifecycle_apply_due(today=date(2024, 10, 1))
    task.refresh_from_db()
    assert task.closed_at is not None and task.closed_by_id == decision.pk
    assert conflicts_report(today=date(2025, 2, 1)).revision_tasks == []
