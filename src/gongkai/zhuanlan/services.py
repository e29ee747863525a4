"""Writes of the 专栏: contact data, the 指南, 制度 tags, the 规范性文件 register.

Each service checks its gate (``core.access``) first, validates (ColumnError naming the field),
writes in one transaction and appends an audit record.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.core import access
from gongkai.core.models import Unit
from gongkai.core.services import audit_record
from gongkai.documents.domain.vocab import Level
from gongkai.documents.models import Document
from gongkai.zhuanlan.domain import normative
from gongkai.zhuanlan.domain.guide import SECTION_KEYS, SECTION_TITLES
from gongkai.zhuanlan.errors import ColumnError
from gongkai.zhuanlan.models import Guide, NormativeRegistration, RuleDocument, UnitContact

# The 专栏's own contact fields; address, phone, hours … are the unit's (core.Unit.contact_*),
# saved through core.services.unit_update.
CONTACT_FIELDS = ("agency_name", "website", "request_agency")
CONTACT_LIMITS = {f.name: f.max_length for f in UnitContact._meta.fields if f.name in CONTACT_FIELDS}
CONTACT_LABELS = {f.name: str(f.verbose_name) for f in UnitContact._meta.fields
                  if f.name in CONTACT_FIELDS}
GUIDE_TEXT_MAX = 8000


def _check_contact(values: dict) -> dict:
    out = {}
    for name in CONTACT_FIELDS:
        value = " ".join(str(values.get(name) or "").split())
        if len(value) > CONTACT_LIMITS[name]:
            raise ColumnError(f"{CONTACT_LABELS[name]}过长（最多 {CONTACT_LIMITS[name]} 字）",
                              field=name)
        out[name] = value
    if out["website"] and not re.match(r"^https?://\S+$", out["website"]):
        raise ColumnError(f"网站 “{out['website']}” 应以 http:// 或 https:// 开头", field="website")
    return out


@transaction.atomic
def contact_save(*, actor, unit: Unit, is_sample: bool = False, unit_contact: dict | None = None,
                 **values) -> UnitContact:
    """Save a unit's contact data (条例 第十九条). The 专栏's own fields are kept here;
    ``unit_contact`` (the unit's ``contact_*`` fields: address, phone, hours …) goes to the unit
    through ``core.services.unit_update`` (its own gate, the office's, and audit), and only
    when it changes anything. A person's save clears the sample mark."""
    access.require(access.can_column_edit(actor, unit.pk), "只有本单位报送员或公开办可以修改联系方式")
    unknown = set(values) - set(CONTACT_FIELDS)
    if unknown:
        raise ColumnError(f"未知字段: {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
    cleaned = _check_contact(values)
    if unit_contact:
        from gongkai.core.errors import CoreError
        from gongkai.core.services import CONTACT_FIELDS as UNIT_FIELDS
        from gongkai.core.services import unit_update

        unknown = set(unit_contact) - set(UNIT_FIELDS)
        if unknown:
            raise ColumnError(f"未知字段: {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
        wanted = {k: " ".join(str(v or "").split()) for k, v in unit_contact.items()}
        if any(getattr(unit, k) != v for k, v in wanted.items()):
            try:
                unit_update(actor=actor, unit=unit, parent=unit.parent, **wanted)
            except CoreError as exc:
                raise ColumnError(exc.message, field=exc.field) from None
    contact, _created = UnitContact.objects.select_for_update().get_or_create(unit=unit)
    before = {f: getattr(contact, f) for f in CONTACT_FIELDS}
    for name, value in cleaned.items():
        setattr(contact, name, value)
    contact.is_sample = is_sample
    contact.save()
    audit_record(actor=actor, action="column_contact_save", target=contact, unit=unit,
                 data={"changed": sorted(f for f in CONTACT_FIELDS if before[f] != cleaned[f])})
    return contact


def contact_save_system(*, unit: Unit, is_sample: bool, **values) -> UnitContact:
    """For the demo loader and installers (no person): the same validation and audit."""
    cleaned = _check_contact(values)
    with transaction.atomic():
        contact, _created = UnitContact.objects.get_or_create(unit=unit)
        for name, value in cleaned.items():
            setattr(contact, name, value)
        contact.is_sample = is_sample
        contact.save()
        audit_record(actor=None, actor_label="系统", action="column_contact_save", target=contact,
                     unit=unit, data={"sample": is_sample})
    return contact


@transaction.atomic
def guide_save(*, actor, unit: Unit, overrides: dict[str, str]) -> Guide:
    """Replace sections of the generated 指南 by the unit's own words ('' returns a section to
    the generated text)."""
    access.require(access.can_column_edit(actor, unit.pk), "只有本单位报送员或公开办可以修改公开指南")
    unknown = set(overrides) - set(SECTION_KEYS)
    if unknown:
        raise ColumnError(f"指南没有章节 {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
    guide, _created = Guide.objects.select_for_update().get_or_create(unit=unit)
    merged = dict(guide.overrides or {})
    for key, text in overrides.items():
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > GUIDE_TEXT_MAX:
            raise ColumnError(f"“{SECTION_TITLES[key]}”过长（{len(text)} 字，最多 {GUIDE_TEXT_MAX} 字）",
                              field=key)
        if text:
            merged[key] = text
        else:
            merged.pop(key, None)
    changed = sorted(k for k in SECTION_KEYS if (guide.overrides or {}).get(k) != merged.get(k))
    guide.overrides = merged
    guide.save()
    audit_record(actor=actor, action="column_guide_save", target=guide, unit=unit,
                 data={"sections": changed})
    return guide


@transaction.atomic
def guide_review(*, actor, unit: Unit, on: date | None = None) -> Guide:
    """Mark the 指南 as reviewed today: it is dated and no longer stale for a year."""
    access.require(access.can_column_edit(actor, unit.pk), "只有本单位报送员或公开办可以审核公开指南")
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ColumnError("审核日期不能晚于今天", field="reviewed_on")
    guide, _created = Guide.objects.select_for_update().get_or_create(unit=unit)
    before = guide.reviewed_on
    guide.reviewed_on = on
    guide.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    guide.save()
    audit_record(actor=actor, action="column_guide_review", target=guide, unit=unit,
                 from_state=str(before or ""), to_state=str(on))
    return guide


@transaction.atomic
def rule_tag(*, actor, document: Document) -> RuleDocument:
    """List a document of the unit among its 政府信息公开制度."""
    access.require(access.can_column_edit(actor, document.unit_id),
                   "只有本单位报送员或公开办可以标记公开制度")
    if document.interprets_id is not None:
        raise ColumnError("政策解读不能标记为公开制度", field="document")
    tag, created = RuleDocument.objects.get_or_create(
        document=document,
        defaults={"tagged_by": actor if getattr(actor, "is_authenticated", False) else None})
    if created:
        audit_record(actor=actor, action="column_rule_tag", target=document)
    return tag


@transaction.atomic
def rule_untag(*, actor, document: Document) -> None:
    access.require(access.can_column_edit(actor, document.unit_id),
                   "只有本单位报送员或公开办可以取消公开制度标记")
    deleted, _ = RuleDocument.objects.filter(document=document).delete()
    if deleted:
        audit_record(actor=actor, action="column_rule_untag", target=document)


# -- 规范性文件 register -------------------------------------------------------------------------


def registration_prefix(unit: Unit) -> str:
    """The unit's own 规范性文件 代字 (…规) when it has one, else its first 代字, else its code."""
    prefixes = list(unit.doc_prefixes or [])
    for p in prefixes:
        if p.endswith("规"):
            return p
    return prefixes[0] if prefixes else unit.code


def _next_serial(unit: Unit, prefix: str, year: int) -> int:
    top = (NormativeRegistration.objects.select_for_update()
           .filter(unit=unit, prefix=prefix, year=year).aggregate(m=Max("serial"))["m"])
    return (top or 0) + 1


def _set_document_expiry(document: Document, expires: date, actor) -> None:
    """Keep the document's 有效期至 equal to the register's, so the lifecycle makes it 失效."""
    from gongkai.documents.services import document_update

    if document.expiry_date != expires:
        document_update(document=document, actor=actor, expiry_date=expires)


def _create_registration(*, document, unit, registered_on, term_start, years, reason, previous,
                         note, rules) -> NormativeRegistration:
    prefix = registration_prefix(unit)
    for _attempt in range(3):
        serial = _next_serial(unit, prefix, registered_on.year)
        number = normative.registration_number(rules, prefix=prefix, year=registered_on.year,
                                               serial=serial)
        try:
            with transaction.atomic():
                return NormativeRegistration.objects.create(
                    document=document, unit=unit, prefix=prefix, year=registered_on.year,
                    serial=serial, number=number, registered_on=registered_on,
                    term_start=term_start, term_years=years,
                    expires_on=normative.expiry_date(term_start, years),
                    immediate_reason=reason, previous=previous, note=note)
        except IntegrityError:
            continue  # another registration took the serial: take the next
    raise ColumnError("登记号分配冲突，请重试", field="number")


@transaction.atomic
def normative_register(*, actor, document: Document, registered_on: date | None = None,
                       immediate_reason: str = "", note: str = "") -> NormativeRegistration:
    """统一登记: give a 行政规范性文件 its registration number and validity term."""
    access.require(access.can_normative_register(actor, document.unit_id),
                   "只有本单位报送员或公开办可以登记规范性文件")
    rules = normative.load_rules()
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.level != Level.NORMATIVE.value:
        raise ColumnError(f"《{document.title}》的效力等级是“{document.level or '未填写'}”，"
                          "只有地方规范性文件可以统一登记", field="document")
    if document.publish_date is None:
        raise ColumnError("登记前须填写公布日期", field="publish_date")
    if NormativeRegistration.objects.filter(document=document, is_current=True).exists():
        raise ColumnError(f"《{document.title}》已登记；有效期届满前评估后可重新登记",
                          field="document")
    finding = normative.effective_gap_finding(rules, published=document.publish_date,
                                              effective=document.effective_date,
                                              reason=immediate_reason)
    if finding:
        raise ColumnError(finding, field="immediate_reason")
    registered_on = registered_on or timezone.localdate()
    term_start = document.effective_date or document.publish_date
    years = normative.term_years(rules, document.title)
    if normative.expiry_date(term_start, years) < timezone.localdate():
        raise ColumnError(f"《{document.title}》自 {term_start} 起 {years} 年的有效期已届满，"
                          "不能再登记；继续施行的应评估后重新公布", field="document")
    reg = _create_registration(document=document, unit=document.unit,
                               registered_on=registered_on, term_start=term_start, years=years,
                               reason=immediate_reason.strip(), previous=None, note=note.strip(),
                               rules=rules)
    _set_document_expiry(document, reg.expires_on, actor)
    audit_record(actor=actor, action="normative_register", target=reg, unit=document.unit,
                 to_state=reg.number, data={"document": document.pk,
                                            "expires_on": str(reg.expires_on)})
    return reg


@transaction.atomic
def normative_reregister(*, actor, registration: NormativeRegistration,
                         registered_on: date | None = None, note: str = "") -> NormativeRegistration:
    """重新登记 after the expiry evaluation decided the document stays: a new number and a
    fresh term, starting the day after the old one ends (or today, if it already ended)."""
    access.require(access.can_normative_register(actor, registration.unit_id),
                   "只有本单位报送员或公开办可以重新登记规范性文件")
    rules = normative.load_rules()
    old = NormativeRegistration.objects.select_for_update().get(pk=registration.pk)
    if not old.is_current:
        raise ColumnError(f"登记 {old.number} 已被重新登记", field="registration")
    today = timezone.localdate()
    registered_on = registered_on or today
    status = normative.term_status(rules, expires=old.expires_on, today=registered_on)
    if status == normative.TermStatus.IN_TERM:
        raise ColumnError(f"{old.number} 有效期至 {old.expires_on}，届满前 {rules.evaluation_months} "
                          "个月内经评估方可重新登记", field="registered_on")
    if not (note or "").strip():
        raise ColumnError("重新登记须写明评估结论", field="note")
    term_start = max(old.expires_on + timedelta(days=1), registered_on)
    old.is_current = False
    old.save(update_fields=["is_current"])
    document = old.document
    new = _create_registration(document=document, unit=old.unit, registered_on=registered_on,
                               term_start=term_start, years=old.term_years,
                               reason="", previous=old, note=note.strip(), rules=rules)
    _set_document_expiry(document, new.expires_on, actor)
    audit_record(actor=actor, action="normative_reregister", target=new, unit=old.unit,
                 from_state=old.number, to_state=new.number,
                 data={"expires_on": str(new.expires_on)})
    return new


@transaction.atomic
def normative_file(*, actor, registration: NormativeRegistration, filed_on: date,
                   filed_with: str = "") -> NormativeRegistration:
    """Record the 备案 (filing with the body above) of a registered 规范性文件."""
    access.require(access.can_normative_file(actor, registration.unit_id),
                   "只有公开办可以登记备案情况")
    reg = NormativeRegistration.objects.select_for_update().get(pk=registration.pk)
    if filed_on is None:
        raise ColumnError("请填写备案日期", field="filed_on")
    if filed_on > timezone.localdate():
        raise ColumnError("备案日期不能晚于今天", field="filed_on")
    published = reg.document.publish_date
    if published and filed_on < published:
        raise ColumnError(f"备案日期早于公布日期 {published}", field="filed_on")
    reg.filed_on = filed_on
    reg.filed_with = " ".join((filed_with or "").split())[:200]
    reg.save(update_fields=["filed_on", "filed_with"])
    audit_record(actor=actor, action="normative_file", target=reg, unit=reg.unit,
                 to_state=str(filed_on), data={"filed_with": reg.filed_with})
    return reg
