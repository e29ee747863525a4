"""Writes of the review app: the workflow transitions, gap notes, API tokens.

Each transition: permission check (role and unit scope), domain check (review.domain.
transitions), the write with optimistic concurrency (UPDATE … WHERE id=… AND state=<the state
the actor saw>, so of two reviewers acting at once exactly one wins), an audit record (who,
when, from, to, reason), and announces the change (documents.events.announce; search reindexes on it).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from gongkai.core import access
from gongkai.core.access import AccessCode, AccessDenied, require
from gongkai.core.models import AuditLog, Unit, User
from gongkai.core.services import audit_record
from gongkai.documents.domain.vocab import Disclosure, State
from gongkai.documents.events import Reason, announce
from gongkai.documents.models import Document
from gongkai.review.domain import transitions
from gongkai.review.domain.dates import date_problems
from gongkai.review.domain.serials import GapKind, missing_serials
from gongkai.review.domain.transitions import (
    ACTION_LABELS,
    LEGAL_GROUND_LABELS,
    Action,
    LegalGround,
    two_person_conflict,
)
from gongkai.review.errors import ReviewError
from gongkai.review.models import ApiToken, GapNote, ReviewPolicy

CONFLICT_MESSAGE = "该文件已被他人处理，请刷新后查看最新状态"
TOKEN_PREFIX = "gk_"

AUDIT_ACTIONS: dict[Action, str] = {
    Action.SUBMIT: "document_submit",
    Action.RETURN: "review_return",
    Action.SECRECY_PASS: "review_secrecy_pass",
    Action.APPROVE: "review_approve",
    Action.PUBLISH: "document_publish",
    Action.WITHHOLD: "document_withhold",
    Action.WITHDRAW: "document_withdraw",
    Action.REOPEN: "document_reopen",
    Action.RECALL: "document_recall",
    Action.RECONFIRM: "withheld_reconfirm",
}
DOCUMENT_TARGET = Document._meta.label_lower


def _principal(*, actor: User | None, token: ApiToken | None, document: Document):
    """(roles acting for this document's unit, user for the audit log, label)."""
    if token is not None:
        if not token.is_active:
            raise AccessDenied("接口令牌已吊销")
        if token.unit_id != document.unit_id:
            raise AccessDenied("无权处理其他单位的文件")
        return frozenset({"submitter"}), None, f"接口令牌 {token.name}（{token.prefix}…）"
    if not access.is_active(actor):
        raise AccessDenied("请先登录", code=AccessCode.LOGIN_REQUIRED)
    roles = access.acting_roles(actor, document.unit_id)
    require(bool(roles), "无权处理其他单位的文件")
    return roles, actor, ""


def two_person_rule_applies(unit: Unit) -> bool:
    """The unit's ReviewPolicy, else the nearest unit above with one; on by default."""
    seen: set[int] = set()
    current: Unit | None = unit
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        policy = ReviewPolicy.objects.filter(unit_id=current.pk).first()
        if policy is not None:
            return policy.two_person_rule
        current = current.parent
    return True


def previous_step(document: Document, state: str) -> AuditLog | None:
    """The audit record of the step that brought `document` into `state` (its latest)."""
    return (AuditLog.objects.filter(target_type=DOCUMENT_TARGET, target_id=str(document.pk),
                                    to_state=state, action__in=list(AUDIT_ACTIONS.values()))
            .order_by("-at", "-id").first())


def _check_two_person(document: Document, action: Action, user: User | None,
                      expected: str) -> None:
    if user is None or not two_person_rule_applies(document.unit):
        return
    prev = previous_step(document, expected)
    if prev is None:
        return
    prev_label = next((ACTION_LABELS[a] for a, code in AUDIT_ACTIONS.items()
                       if code == prev.action), "")
    message = two_person_conflict(action=action, actor_id=user.pk,
                                  previous_actor_id=prev.actor_id, previous_action=prev_label)
    if message:
        raise ReviewError(message, code="two_person")


def date_explanation(document: Document) -> str:
    """The latest 日期说明 recorded for the document (why 施行 precedes 公布), or ""."""
    entry = (AuditLog.objects.filter(target_type=DOCUMENT_TARGET, target_id=str(document.pk),
                                     action="document_dates_explain")
             .order_by("-at", "-id").first())
    return entry.reason if entry else ""


def check_dates(document: Document, *, retroactive_reason: str | None = None) -> None:
    """ReviewError naming the first implausible date field (see review.domain.dates)."""
    reason = date_explanation(document) if retroactive_reason is None else retroactive_reason
    problems = date_problems(
        written_date=document.written_date, publish_date=document.publish_date,
        effective_date=document.effective_date, expiry_date=document.expiry_date,
        today=timezone.localdate(), retroactive_reason=reason)
    if problems:
        raise ReviewError("；".join(p.message for p in problems), code="date",
                          field=problems[0].field)


@transaction.atomic
def _transition(
    *,
    document: Document,
    action: Action,
    actor: User | None,
    token: ApiToken | None = None,
    reason: str = "",
    ground: str = "",
    expected_state: str | None = None,
    extra: Callable[[Document], dict] | None = None,
    responsible: str = "",
    data: dict | None = None,
) -> Document:
    roles, user, label = _principal(actor=actor, token=token, document=document)
    expected = expected_state or document.state
    target = transitions.transition(state=expected, action=action, roles=roles, reason=reason,
                                    ground=ground, disclosure=document.disclosure,
                                    responsible=responsible)
    _check_two_person(document, action, user, expected)
    now = timezone.now()
    updates = {"state": target.value, "version": F("version") + 1, "updated_at": now}
    if extra:
        updates.update(extra(document))
    changed = Document.objects.filter(pk=document.pk, state=expected).update(**updates)
    if changed != 1:
        raise ReviewError(CONFLICT_MESSAGE, code="conflict")
    fresh = Document.objects.select_related("unit").get(pk=document.pk)
    audit_record(
        actor=user, actor_label=label, action=AUDIT_ACTIONS[action], target=fresh,
        unit=fresh.unit, from_state=expected, to_state=target.value, reason=reason.strip(),
        data={**({"ground": ground} if ground else {}), **(data or {})},
    )
    announce([fresh.pk], Reason.PUBLISH if action == Action.PUBLISH else Reason.REVIEW)
    return fresh


def document_submit(*, document: Document, actor: User | None, token: ApiToken | None = None,
                    expected_state: str | None = None, note: str = "") -> Document:
    """报送: a draft goes to review. The first submission time is kept for timeliness; the
    dates must be plausible (review.domain.dates)."""
    check_dates(document)
    return _transition(
        document=document, action=Action.SUBMIT, actor=actor, token=token, reason=note,
        expected_state=expected_state,
        extra=lambda d: {} if d.submitted_at else {"submitted_at": timezone.now()},
    )


def review_return(*, document: Document, actor: User, reason: str,
                  expected_state: str | None = None) -> Document:
    """退回: back to the unit's draft, with the reason it must fix."""
    return _transition(document=document, action=Action.RETURN, actor=actor, reason=reason,
                       expected_state=expected_state)


def review_secrecy_pass(*, document: Document, actor: User, note: str = "",
                        expected_state: str | None = None) -> Document:
    """保密审查通过."""
    return _transition(document=document, action=Action.SECRECY_PASS, actor=actor, reason=note,
                       expected_state=expected_state)


def review_approve(*, document: Document, actor: User, responsible: str, note: str = "",
                   expected_state: str | None = None) -> Document:
    """审核批准: names the 负责人 who approved (武政办〔2014〕180号: 经审核批准后方能公开)."""
    responsible = (responsible or "").strip()[:100]
    return _transition(document=document, action=Action.APPROVE, actor=actor, reason=note,
                       expected_state=expected_state, responsible=responsible,
                       data={"responsible": responsible})


def document_publish(*, document: Document, actor: User, note: str = "",
                     expected_state: str | None = None) -> Document:
    """信息发布: the document becomes public (if 公开属性 allows). A document without a 公布日期
    gets today's (else it would drop out of the newest lists, sit under 未注明日期 in the 目录
    and escape the timeliness score)."""
    today = timezone.localdate()
    filled = document.publish_date is None

    def extra(d: Document) -> dict:
        out: dict = {"published_at": timezone.now()}
        if filled:
            out["publish_date"] = today
        return out

    return _transition(document=document, action=Action.PUBLISH, actor=actor, reason=note,
                       expected_state=expected_state, extra=extra,
                       data={"publish_date_set": today.isoformat()} if filled else None)


def document_withhold(*, document: Document, actor: User, ground: str, reason: str = "",
                      expected_state: str | None = None) -> Document:
    """不予公开: a document registered 不予公开 (the 公开属性 is decided at registration), after
    both reviews, is recorded with its legal ground (条例第十四、十五、十六条), never published."""

    def extra(d: Document) -> dict:
        label = LEGAL_GROUND_LABELS[LegalGround(ground)]
        stated = (d.disclosure_reason or "").strip()
        if stated.startswith("条例第"):
            stated = stated.split("：", 1)[-1]
        note = (reason or "").strip()
        text = "；".join(x for x in (stated, note if note != stated else "") if x)
        return {"disclosure": Disclosure.WITHHELD.value,
                "disclosure_reason": f"{label}：{text}" if text else label}

    return _transition(document=document, action=Action.WITHHOLD, actor=actor, reason=reason,
                       ground=ground, expected_state=expected_state, extra=extra)


def document_withdraw(*, document: Document, actor: User, reason: str,
                      expected_state: str | None = None) -> Document:
    """撤回: a published document is taken down (it leaves the public library)."""
    return _transition(document=document, action=Action.WITHDRAW, actor=actor, reason=reason,
                       expected_state=expected_state)


def document_reopen(*, document: Document, actor: User, reason: str,
                    expected_state: str | None = None) -> Document:
    """重新办理: a withheld or withdrawn document goes back to draft."""
    return _transition(document=document, action=Action.REOPEN, actor=actor, reason=reason,
                       expected_state=expected_state)


def document_recall(*, document: Document, actor: User, reason: str = "",
                    expected_state: str | None = None) -> Document:
    """撤回报送: the submitter takes back a submission no reviewer has acted on yet (it is back
    in 草稿; the audit log keeps both the submission and the recall)."""
    return _transition(document=document, action=Action.RECALL, actor=actor, reason=reason,
                       expected_state=expected_state or State.SUBMITTED.value)


def withheld_reconfirm(*, document: Document, actor: User, reason: str,
                       expected_state: str | None = None) -> Document:
    """复审维持不予公开 (条例 第十八条): the periodic review keeps the decision; the next review is
    due a period after this one."""
    return _transition(document=document, action=Action.RECONFIRM, actor=actor, reason=reason,
                       expected_state=expected_state or State.WITHHELD.value)


SERVICES: dict[Action, Callable[..., Document]] = {
    Action.SUBMIT: document_submit,
    Action.RETURN: review_return,
    Action.SECRECY_PASS: review_secrecy_pass,
    Action.APPROVE: review_approve,
    Action.PUBLISH: document_publish,
    Action.WITHHOLD: document_withhold,
    Action.WITHDRAW: document_withdraw,
    Action.REOPEN: document_reopen,
    Action.RECALL: document_recall,
    Action.RECONFIRM: withheld_reconfirm,
}


# -- drafts and their files (综合管理 post) ---------------------------------------------------

def _locked_draft(document: Document, actor: User | None, what: str) -> Document:
    require(access.can_draft_manage(actor, document.unit_id), f"只有本单位报送员可以{what}")
    locked = Document.objects.select_for_update().select_related("unit").get(pk=document.pk)
    if locked.state != State.DRAFT.value:
        raise ReviewError(f"文件已报送，不能再{what}；如需修改，请先撤回报送或由审核人员退回",
                          code="not_draft")
    return locked


@transaction.atomic
def document_dates_explain(*, document: Document, actor: User, reason: str) -> None:
    """日期说明: why the 施行日期 precedes the 公布日期 (溯及既往), kept in the audit log and
    shown to the reviewers."""
    locked = _locked_draft(document, actor, "填写日期说明")
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("请填写日期说明", code="date", field="date_note")
    audit_record(actor=actor, action="document_dates_explain", target=locked, unit=locked.unit,
                 reason=reason[:500])


@transaction.atomic
def document_draft_delete(*, document: Document, actor: User) -> None:
    """删除草稿: only a draft that was never submitted (a returned one has a review history
    and stays; it can be reworked or left). Its files go with it."""
    locked = _locked_draft(document, actor, "删除草稿")
    if locked.submitted_at is not None:
        raise ReviewError("该文件报送过（有审核记录），不能删除；可修改后重新报送",
                          code="not_deletable")
    digests = list(locked.attachments.values_list("sha256", flat=True))
    pk, unit = locked.pk, locked.unit
    audit_record(actor=actor, action="document_draft_delete", target=locked, unit=unit,
                 from_state=locked.state,
                 data={"title": locked.title, "doc_number": locked.doc_number})
    locked.delete()
    announce([pk], Reason.DELETE)
    transaction.on_commit(lambda: [_discard_file(d) for d in digests])


def _discard_file(digest: str) -> None:
    from gongkai.documents.services import attachment_files_discard

    attachment_files_discard(digest)


def _check_upload(name: str, data: bytes) -> str:
    from django.conf import settings

    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not base:
        raise ReviewError("请选择要上传的附件", code="attachment", field="file")
    if not data:
        raise ReviewError(f"附件 {base} 是空文件", code="attachment", field="file")
    if len(data) > settings.IMPORT_MAX_FILE_BYTES:
        raise ReviewError(
            f"附件 {base} 过大（{len(data) // 1024 // 1024} MB，最多 "
            f"{settings.IMPORT_MAX_FILE_BYTES // 1024 // 1024} MB）", code="attachment", field="file")
    return base[:300]


def _store(attachment, name: str, data: bytes) -> None:
    import mimetypes

    from django.core.files.base import ContentFile
    from django.utils.text import get_valid_filename

    from gongkai.documents.services import content_hash

    attachment.name = name[:300]
    attachment.sha256 = content_hash(data)
    attachment.size = len(data)
    attachment.content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    attachment.file.save(get_valid_filename(name) or "attachment", ContentFile(data), save=False)
    attachment.save()


@transaction.atomic
def attachment_add(*, document: Document, actor: User, name: str, data: bytes):
    """添加附件 to a draft (the files published with it)."""
    from gongkai.documents.models import Attachment

    locked = _locked_draft(document, actor, "添加附件")
    clean = _check_upload(name, data)
    attachment = Attachment(document=locked, is_source=False)
    _store(attachment, clean, data)
    audit_record(actor=actor, action="attachment_add", target=locked, unit=locked.unit,
                 data={"name": attachment.name, "sha256": attachment.sha256,
                       "size": attachment.size})
    announce([locked.pk], Reason.UPDATE)
    return attachment


@transaction.atomic
def attachment_replace(*, attachment, actor: User, name: str, data: bytes):
    """替换附件: a new file in place of an attachment of a draft (the old one is discarded)."""
    locked = _locked_draft(attachment.document, actor, "替换附件")
    clean = _check_upload(name, data)
    old_name, old_digest = attachment.name, attachment.sha256
    _store(attachment, clean, data)
    audit_record(actor=actor, action="attachment_replace", target=locked, unit=locked.unit,
                 data={"before": old_name, "after": attachment.name,
                       "sha256": attachment.sha256})
    announce([locked.pk], Reason.UPDATE)
    transaction.on_commit(lambda: _discard_file(old_digest))
    return attachment


@transaction.atomic
def attachment_remove(*, attachment, actor: User) -> None:
    """删除附件 of a draft."""
    locked = _locked_draft(attachment.document, actor, "删除附件")
    name, digest = attachment.name, attachment.sha256
    attachment.delete()
    audit_record(actor=actor, action="attachment_remove", target=locked, unit=locked.unit,
                 data={"name": name, "sha256": digest})
    announce([locked.pk], Reason.UPDATE)
    transaction.on_commit(lambda: _discard_file(digest))


# -- review rules held as data -----------------------------------------------------------------

@transaction.atomic
def review_policy_set(*, unit: Unit, actor: User | None, two_person_rule: bool,
                      reason: str = "") -> ReviewPolicy:
    """Switch the two-person rule for `unit` (and the units below without a rule of their own)."""
    require(access.can_review_policy_set(actor, unit.pk), "只有公开办或管理员可以修改审核规则")
    if not two_person_rule and not (reason or "").strip():
        raise ReviewError("关闭两人分办须写明理由", code="policy", field="reason")
    policy, _created = ReviewPolicy.objects.update_or_create(
        unit=unit, defaults={"two_person_rule": bool(two_person_rule)})
    audit_record(actor=actor, action="review_policy_set", target=policy, unit=unit,
                 reason=(reason or "").strip(), data={"two_person_rule": bool(two_person_rule)})
    return policy


# -- gap notes (缺号说明) --------------------------------------------------------------------

@transaction.atomic
def gap_note_save(*, unit: Unit, actor: User, doc_prefix: str, year: int, serial: int,
                  kind: str, reason: str) -> GapNote:
    """Record why a serial of the unit's numbering has no document (the office sees it)."""
    require(access.can_gap_note_create(actor, unit.pk), "只有本单位报送员或审核员可以填写缺号说明")
    if kind not in {k.value for k in GapKind}:
        raise ReviewError(f"缺号原因 “{kind}” 不在可选范围内", code="gap", field="kind")
    if not (reason or "").strip():
        raise ReviewError("请填写缺号说明", code="gap", field="reason")
    serials = Document.objects.filter(unit=unit, doc_prefix=doc_prefix, doc_year=year,
                                      doc_serial__isnull=False).values_list("doc_serial", flat=True)
    if serial not in missing_serials(serials):
        raise ReviewError(f"{doc_prefix}〔{year}〕{serial}号 不是本单位的缺号", code="gap",
                          field="serial")
    note, created = GapNote.objects.update_or_create(
        unit=unit, doc_prefix=doc_prefix, year=year, serial=serial,
        defaults={"kind": kind, "reason": reason.strip(), "created_by": actor},
    )
    audit_record(actor=actor, action="gap_note_create" if created else "gap_note_update",
                 target=note, unit=unit, reason=note.reason,
                 data={"doc_number": f"{doc_prefix}〔{year}〕{serial}号", "kind": kind})
    return note


@transaction.atomic
def gap_notes_save(*, unit: Unit, actor: User, doc_prefix: str, year: int, serials: list[int],
                   kind: str, reason: str) -> list[GapNote]:
    """Explain many missing serials at once (选中 or a range → one reason): all or nothing,
    and every serial must be a gap of the unit's numbering."""
    require(access.can_gap_note_create(actor, unit.pk), "只有本单位报送员或审核员可以填写缺号说明")
    if kind not in {k.value for k in GapKind}:
        raise ReviewError(f"缺号原因 “{kind}” 不在可选范围内", code="gap", field="kind")
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("请填写缺号说明", code="gap", field="reason")
    wanted = sorted(set(serials))
    if not wanted:
        raise ReviewError("请选择缺号或填写序号范围", code="gap", field="serials")
    present = Document.objects.filter(unit=unit, doc_prefix=doc_prefix, doc_year=year,
                                      doc_serial__isnull=False).values_list("doc_serial", flat=True)
    gaps = set(missing_serials(present))
    wrong = [s for s in wanted if s not in gaps]
    if wrong:
        from gongkai.review.domain.serials import serial_ranges

        shown = "、".join(f"{a}" if a == b else f"{a}–{b}" for a, b in serial_ranges(wrong)[:10])
        raise ReviewError(f"{doc_prefix}〔{year}〕{shown}号 不是本单位的缺号", code="gap",
                          field="serials")
    existing = {n.serial: n for n in GapNote.objects.select_for_update().filter(
        unit=unit, doc_prefix=doc_prefix, year=year, serial__in=wanted)}
    notes = []
    new = []
    for serial in wanted:
        note = existing.get(serial)
        if note is None:
            new.append(GapNote(unit=unit, doc_prefix=doc_prefix, year=year, serial=serial,
                               kind=kind, reason=reason[:500], created_by=actor))
        else:
            note.kind, note.reason, note.created_by = kind, reason[:500], actor
            note.updated_at = timezone.now()
            notes.append(note)
    if notes:
        GapNote.objects.bulk_update(notes, ["kind", "reason", "created_by", "updated_at"])
    notes += GapNote.objects.bulk_create(new)
    from gongkai.review.domain.serials import serial_ranges

    audit_record(actor=actor, action="gap_notes_save", target=unit, unit=unit, reason=reason,
                 data={"series": f"{doc_prefix}〔{year}〕", "kind": kind,
                       "serials": "、".join(f"{a}" if a == b else f"{a}–{b}"
                                           for a, b in serial_ranges(wanted)),
                       "count": len(wanted), "new": len(new)})
    return notes


# -- API tokens (接口令牌) -------------------------------------------------------------------

def token_digest(raw: str) -> str:
    # Tokens are 256-bit random strings, so a plain SHA-256 is enough (no password stretching).
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, unit: Unit, name: str, actor: User | None = None) -> tuple[ApiToken, str]:
    """Create a token for the unit; returns (token row, the raw token — shown only now)."""
    require(access.can_api_token_manage(actor), "只有管理员可以创建接口令牌")
    if unit is None:
        raise ReviewError("缺少单位", code="token", field="unit")
    if not (name or "").strip():
        raise ReviewError("请填写令牌用途", code="token", field="name")
    for _attempt in range(3):
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(unit=unit, name=name.strip()[:100],
                                                prefix=raw[:10], digest=token_digest(raw),
                                                created_by=actor)
            break
        except IntegrityError:  # pragma: no cover - a 256-bit collision
            continue
    else:  # pragma: no cover
        raise ReviewError("令牌生成失败，请重试", code="token")
    audit_record(actor=actor, action="api_token_create", target=token, unit=unit,
                 data={"name": token.name, "prefix": token.prefix})
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User | None = None) -> ApiToken:
    require(access.can_api_token_manage(actor), "只有管理员可以吊销接口令牌")
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        token.refresh_from_db()
        audit_record(actor=actor, action="api_token_revoke", target=token, unit=token.unit,
                     data={"prefix": token.prefix})
    return token


def api_token_authenticate(raw: str) -> ApiToken | None:
    """The active token for a raw bearer string, or None; records when it was last used."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (ApiToken.objects.select_related("unit")
             .filter(digest=token_digest(raw), revoked_at__isnull=True).first())
    if token is not None:
        now = timezone.now()
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
