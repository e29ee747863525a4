"""Demo data of the 专栏 (`gongkai demo`, module `gongkai.demo.zhuanlan`): contact data, 指南 review dates, 制度 tags, the
规范性文件 register with its 备案, and one 解读 left for a person to link. Idempotent.

The seed documents state no unit's 办公地址 or 电话, so every demo unit gets **sample** contact
data, stored with ``is_sample`` and shown on every page as 示例联系方式 — never passed off as
real. Replace it in /zhuanlan/manage/<code>/.
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
from gongkai.zhuanlan.models import Guide, RuleDocument, UnitContact
from gongkai.zhuanlan.selectors import rule_suggestions

SAMPLE_NOTE = "（示例）"


def _sample_contact(unit: Unit, n: int) -> dict:
    agency = (f"{unit.full_name}办公室" if not unit.full_name.endswith(("办公厅", "办公室"))
              else unit.full_name)
    return {
        "agency_name": agency,
        "address": f"示例地址：武汉市示例路{n}号{SAMPLE_NOTE}",
        "office_hours": "工作日 上午9:00—12:00，下午14:00—17:00（法定节假日除外）",
        "phone": f"027-0000{n:04d}", "fax": f"027-0001{n:04d}",
        "email": f"demo{n}@example.invalid", "postcode": "430000",
    }


def _office() -> User | None:
    return User.objects.filter(username="office").first()


def load(*, stdout) -> None:
    office = _office()
    units = list(Unit.objects.filter(is_active=True).order_by("id"))
    today = timezone.localdate()
    made = {"contact": 0, "rules": 0, "registered": 0, "filed": 0}
    for n, unit in enumerate(units, 1):
        if not UnitContact.objects.filter(unit=unit).exists():
            services.contact_save_system(unit=unit, is_sample=True, **_sample_contact(unit, n))
            made["contact"] += 1
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
    stdout.write(f"专栏演示数据：示例联系方式 {made['contact']} 个单位，制度 {made['rules']} 件，"
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
