"""Demo data of the 专栏 (`gongkai demo`, module `gongkai.demo.zhuanlan`): contact data, 指南 review dates, 制度 tags, the
规范性文件 register with its 备案, and one 解读 left for a person to link. Idempotent.

Contact data is the unit's own (``core.Unit.contact_*``, entered once, read by the 指南 and the
受理点). No seed or corpus document states a demo unit's 办公地址, 电话 or 办公时间 (the seed
texts are plans, notices and reports, not 指南), so the demo enters none and invents none: the
指南 shows which 第十九条 fields are missing until the office fills them in on the unit page.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.core.models import Unit, User
from gongkai.documents.domain.vocab import State
from gongkai.documents.models import Document
from gongkai.documents.services import document_create, document_publish_direct
from gongkai.zhuanlan import services
from gongkai.zhuanlan.domain import normative
from gongkai.zhuanlan.models import Guide, RuleDocument
from gongkai.zhuanlan.selectors import rule_suggestions


def _office() -> User | None:
    return User.objects.filter(username="office").first()


def load(*, stdout) -> None:
    office = _office()
    units = list(Unit.objects.filter(is_active=True).order_by("id"))
    today = timezone.localdate()
    made = {"rules": 0, "registered": 0, "filed": 0}
    if office is None:
        stdout.write("专栏演示数据：缺少演示用户 office，跳过指南审核、制度和规范性文件登记")
        return
    city = Unit.objects.filter(full_name="武汉市人民政府").first()
    scoped = [u for u in units if city and (u.pk == city.pk or u.parent_id == city.pk)]
    for i, unit in enumerate(scoped):
        if not Guide.objects.filter(unit=unit).exists():
            if i % 3 == 0:  # reviewed this year
                services.guide_review(actor=office, unit=unit, on=today - timedelta(days=30))
            elif i % 3 == 1:  # reviewed, but more than a year ago: stale
                services.guide_review(actor=office, unit=unit, on=today - timedelta(days=420))
        # Tag once per unit: suggestions skip tagged documents, so a re-run would tag the next.
        already = RuleDocument.objects.filter(document__unit=unit).exists()
        for doc in [] if already else rule_suggestions(unit, limit=3):
            if (doc.state == State.PUBLISHED.value
                    and not RuleDocument.objects.filter(document=doc).exists()):
                services.rule_tag(actor=office, document=doc)
                made["rules"] += 1
        _register(unit, office, made)
    _unlinked_reading(stdout)
    stdout.write(f"专栏演示数据：制度 {made['rules']} 件，"
                 f"规范性文件登记 {made['registered']} 件（备案 {made['filed']} 件）")


def _register(unit: Unit, office: User, made: dict) -> None:
    docs = (Document.objects.filter(unit=unit, level="地方规范性文件", state=State.PUBLISHED.value,
                                    interprets__isnull=True, publish_date__isnull=False)
            .exclude(normative_registrations__isnull=False).order_by("publish_date", "id"))
    rules = normative.load_rules()
    today = timezone.localdate()
    for doc in docs:
        start = doc.effective_date or doc.publish_date
        if normative.expiry_date(start, normative.term_years(rules, doc.title)) < today:
            continue  # issued before its term could still run: not registered retroactively
        with transaction.atomic():
            reason = ""
            if doc.effective_date and (doc.effective_date - doc.publish_date).days < 30:
                reason = "演示数据：文件载明自公布之日起施行"
            reg = services.normative_register(actor=office, document=doc,
                                              registered_on=doc.publish_date + timedelta(days=2),
                                              immediate_reason=reason, note="演示数据")
            made["registered"] += 1
            k = made["registered"]
            if k % 4 == 3:
                continue  # 漏报: never filed
            late = k % 4 == 2
            filed = doc.publish_date + timedelta(days=45 if late else 12)
            if filed <= timezone.localdate():
                services.normative_file(actor=office, registration=reg, filed_on=filed,
                                        filed_with="武汉市人民政府（示例）")
                made["filed"] += 1


def _unlinked_reading(stdout) -> None:
    """One 解读 of the city office that names its document but was never linked: the demo of
    the workbench's 待关联的政策解读."""
    unit = Unit.objects.filter(full_name="武汉市人民政府办公厅").first()
    if unit is None:
        return
    target = (Document.objects.filter(unit=unit, level="地方规范性文件", state=State.PUBLISHED.value,
                                      interprets__isnull=True)
              .exclude(interpretations__isnull=False).order_by("-publish_date", "id").first())
    if target is None:
        return
    title = f"一图读懂《{target.title}》"
    if Document.objects.filter(title=title).exists():
        return
    with transaction.atomic():
        reading = document_create(unit=unit, actor=None, title=title,
                                  issuer_names=[unit.full_name], publish_date=target.publish_date,
                                  level="工作文件", category=target.category,
                                  body="图解：一、出台背景；二、主要内容；三、适用对象。")
        document_publish_direct(document=reading, actor=None, reason="演示数据")
    stdout.write(f"演示：待关联的政策解读 “{title}”")
