"""建议提案办理 writes. Each checks its gate in `core.access`, validates against the rules held
as data (`rules.proposal_rules()`), writes in one transaction and records an audit row.

Publishing a reply or the yearly summary files a library document through the documents
services (主题 建议提案办理, the 主办单位 as unit). The gate is this app's
(`can_proposal_manage`); the document is then created and published by the platform on the
督查室's decision (`actor=None` there, the person in this app's audit row)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core import access
from gongkai.core.access import require
from gongkai.core.errors import GongkaiError
from gongkai.core.models import Unit
from gongkai.core.services import audit_record
from gongkai.proposals.domain import rules as r
from gongkai.proposals.models import CoOpinion, Proposal, Reply, YearSummary
from gongkai.proposals.rules import proposal_rules

CATEGORY = "建议提案办理"


class ProposalError(GongkaiError):
    """建议提案 input refused: the message names the field."""


def _rules_error(exc: r.RulesError) -> ProposalError:
    return ProposalError(exc.message, field=exc.field)


@transaction.atomic
def proposal_register(*, kind: str, session: str, number: str, title: str, author: str, main_unit: Unit | None,
                      assigned_on: date | None, co_units: list[Unit] = (), broad_concern: bool = False,
                      actor=None) -> Proposal:
    """Register a 建议/提案 as assigned (交办): its reply deadline follows from the rules."""
    require(access.can_proposal_manage(actor), "只有督查室可以登记和交办建议提案")
    rules = proposal_rules()
    try:
        rule = rules.kind(kind)
    except r.RulesError as exc:
        raise _rules_error(exc) from None
    values = {"届次": session, "编号": number, "标题": title, "代表或委员": author}
    for label, value in values.items():
        if not (value or "").strip():
            raise ProposalError(f"{label}：请填写", field=label)
    if main_unit is None:
        raise ProposalError("主办单位：请选择单位库中的单位", field="main_unit")
    if assigned_on is None:
        raise ProposalError("交办日期：请填写日期", field="assigned_on")
    number = number.strip().removeprefix("第").removesuffix("号")
    if Proposal.objects.filter(kind=kind, session=session.strip(), number=number).exists():
        raise ProposalError(f"编号：{session}第{number}号{rule.label}已登记", field="number")
    proposal = Proposal.objects.create(
        kind=kind, year=assigned_on.year, session=session.strip()[:100], number=number[:30], title=title.strip()[:300],
        author=author.strip()[:200], main_unit=main_unit, assigned_on=assigned_on,
        due_date=r.reply_due(assigned_on, rule), broad_concern=broad_concern)
    proposal.co_units.set([u for u in co_units if u.pk != main_unit.pk])
    audit_record(actor=actor, action="proposal_register", target=proposal, unit=main_unit,
                 data={"kind": kind, "number": number, "due": proposal.due_date.isoformat()})
    return proposal


@transaction.atomic
def proposal_extend(*, proposal: Proposal, months: int, approval: str, actor=None) -> Proposal:
    """Extend the reply deadline, within the kind's maximum, naming who approved."""
    require(access.can_proposal_manage(actor), "只有督查室可以批准延期")
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if r.transition(r.State(proposal.state), "extend") is None:
        raise ProposalError(f"状态：{r.State(proposal.state).label}的建议提案不能延期", field="state")
    if not (approval or "").strip():
        raise ProposalError("延期批准：请写明批准人或批准文件", field="approval")
    rule = proposal_rules().kind(proposal.kind)
    try:
        proposal.due_date = r.reply_due(proposal.assigned_on, rule, extension_months=months)
    except r.RulesError as exc:
        raise _rules_error(exc) from None
    proposal.extension_months, proposal.extension_approval = months, approval.strip()[:200]
    proposal.save(update_fields=["due_date", "extension_months", "extension_approval"])
    audit_record(actor=actor, action="proposal_extend", target=proposal, unit=proposal.main_unit,
                 data={"months": months, "due": proposal.due_date.isoformat()})
    return proposal


@transaction.atomic
def co_opinion_submit(*, proposal: Proposal, unit: Unit, text: str, sent_on: date, actor=None) -> CoOpinion:
    """A 会办单位 sends its opinion to the 主办单位 (on time: within the rule's days)."""
    require(access.can_proposal_handle(actor, unit.pk), "只有会办单位可以报送会办意见")
    if not proposal.co_units.filter(pk=unit.pk).exists():
        raise ProposalError(f"会办单位：{unit} 不是该件的会办单位", field="unit")
    if CoOpinion.objects.filter(proposal=proposal, unit=unit).exists():
        raise ProposalError("会办意见：本单位已报送", field="text")
    text = (text or "").strip()
    if len(text) < 10:
        raise ProposalError("会办意见：请写明本单位的办理意见（至少10个字）", field="text")
    rule = proposal_rules().kind(proposal.kind)
    item = CoOpinion.objects.create(proposal=proposal, unit=unit, text=text[:20000], sent_on=sent_on,
                                    on_time=sent_on <= r.co_opinion_due(proposal.assigned_on, rule),
                                    created_by=actor if getattr(actor, "pk", None) else None)
    audit_record(actor=actor, action="proposal_co_opinion", target=item, unit=unit,
                 data={"proposal": proposal.pk, "on_time": item.on_time})
    return item


@transaction.atomic
def reply_submit(*, proposal: Proposal, result_code: str, text: str, signer: str, replied_on: date | None,
                 actor=None) -> Reply:
    """The 主办单位's reply letter, with its result code; after 不满意 the re-reply."""
    require(access.can_proposal_handle(actor, proposal.main_unit_id), "只有主办单位可以答复")
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    state = r.State(proposal.state)
    if r.transition(state, "reply") is None:
        raise ProposalError(f"状态：{state.label}，不能再答复", field="state")
    rules = proposal_rules()
    if result_code not in rules.result_codes:
        raise ProposalError(f"办理结果：请选择{'、'.join(rules.result_codes)}类", field="result_code")
    text = (text or "").strip()
    if len(text) < 20:
        raise ProposalError("答复全文：请填写答复函的正文（至少20个字）", field="text")
    if not (signer or "").strip():
        raise ProposalError("签发人：答复函须由主办单位负责人签发", field="signer")
    if replied_on is None:
        raise ProposalError("答复日期：请填写日期", field="replied_on")
    if replied_on < proposal.assigned_on:
        raise ProposalError("答复日期：早于交办日期", field="replied_on")
    sequence = proposal.replies.count() + 1
    due = proposal.due_date
    if state is r.State.REOPENED:
        last = proposal.replies.order_by("-sequence").first()
        due = r.add_months(last.replied_on if last else proposal.assigned_on, rules.re_reply_months)
    reply = Reply.objects.create(proposal=proposal, sequence=sequence, result_code=result_code, text=text,
                                 signer=signer.strip()[:100], replied_on=replied_on, due_date=due,
                                 created_by=actor if getattr(actor, "pk", None) else None)
    proposal.state = r.State.REPLIED.value
    proposal.satisfaction = ""
    proposal.save(update_fields=["state", "satisfaction"])
    audit_record(actor=actor, action="proposal_reply", target=proposal, unit=proposal.main_unit,
                 from_state=state.value, to_state=proposal.state,
                 data={"sequence": sequence, "code": result_code, "on_time": reply.on_time})
    return reply


@transaction.atomic
def feedback_record(*, proposal: Proposal, satisfaction: str, note: str = "", actor=None) -> Proposal:
    """The deputy's or member's answer on the reply; 不满意 reopens it for a re-reply."""
    require(access.can_proposal_manage(actor), "只有督查室可以登记代表委员的反馈")
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    rules = proposal_rules()
    if satisfaction not in rules.satisfaction:
        raise ProposalError(f"反馈：请选择{'、'.join(rules.satisfaction.values())}", field="satisfaction")
    verb = "feedback_reopen" if satisfaction in rules.reopen_on else "feedback_ok"
    state = r.State(proposal.state)
    new_state = r.transition(state, verb)
    if new_state is None:
        raise ProposalError(f"状态：{state.label}，尚无待反馈的答复", field="state")
    proposal.state, proposal.satisfaction, proposal.feedback_note = new_state.value, satisfaction, note.strip()[:2000]
    proposal.save(update_fields=["state", "satisfaction", "feedback_note"])
    audit_record(actor=actor, action="proposal_feedback", target=proposal, unit=proposal.main_unit,
                 from_state=state.value, to_state=new_state.value, data={"satisfaction": satisfaction})
    return proposal


def reply_title(proposal: Proposal) -> str:
    noun = "提案" if proposal.kind == "proposal" else "建议"
    return f"关于{proposal.session}第{proposal.number}号{noun}的答复"


def _publish_document(*, unit: Unit, title: str, body: str, day: date):
    from gongkai.documents.services import document_create, document_publish_direct

    document = document_create(unit=unit, actor=None, title=title, publish_date=day, written_date=day,
                               level="工作文件", category=CATEGORY, body=body)
    return document_publish_direct(document=document, actor=None, reason="建议提案办理结果公开")


@transaction.atomic
def reply_publish(*, reply: Reply, actor=None) -> Reply:
    """Publish the reply in full (答复全文) as a library document of the 主办单位."""
    require(access.can_proposal_manage(actor), "只有督查室可以公开答复全文")
    reply = Reply.objects.select_for_update().select_related("proposal", "proposal__main_unit").get(pk=reply.pk)
    if reply.document_id:
        raise ProposalError("答复：已公开", field="reply")
    p = reply.proposal
    code_label = proposal_rules().result_codes.get(reply.result_code, "")
    body = (f"{p.author}：\n您提出的《{p.title}》收悉。现答复如下：\n{reply.text}\n"
            f"（办理结果：{reply.result_code}类，{code_label}）\n签发人：{reply.signer}")
    reply.document = _publish_document(unit=p.main_unit, title=reply_title(p) + (f"（第{reply.sequence}次）" if reply.sequence > 1 else ""),
                                       body=body, day=reply.replied_on)
    reply.save(update_fields=["document"])
    audit_record(actor=actor, action="proposal_reply_publish", target=p, unit=p.main_unit,
                 data={"reply": reply.pk, "document": reply.document_id})
    return reply


@transaction.atomic
def summary_publish(*, year: int, unit: Unit, day: date, actor=None) -> YearSummary:
    """Generate the year's summary (received, answered on time, by result code) and publish it
    as a library document of `unit` (the government handling them)."""
    from gongkai.proposals.selectors import year_summary

    require(access.can_proposal_manage(actor), "只有督查室可以公开年度办理情况")
    summary, text = year_summary(year)
    if summary.total == 0:
        raise ProposalError(f"年度：{year}年没有登记的建议提案", field="year")
    item = YearSummary.objects.select_for_update().filter(year=year).first() or YearSummary(year=year)
    item.text = text
    item.figures = {"received": summary.received, "replied": summary.replied, "on_time": summary.on_time,
                    "by_code": summary.by_code, "by_satisfaction": summary.by_satisfaction}
    item.document = _publish_document(unit=unit, title=f"{year}年人大代表建议和政协委员提案办理情况",
                                      body=text, day=day)
    item.save()
    audit_record(actor=actor, action="proposal_summary_publish", target=item, unit=unit,
                 data={"year": year, "total": summary.total, "document": item.document_id})
    return item
