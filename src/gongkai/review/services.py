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
from gongkai.core.models import Unit, User
from gongkai.core.services import audit_record
from gongkai.documents.domain.vocab import Disclosure
from gongkai.documents.events import Reason, announce
from gongkai.documents.models import Document
from gongkai.review.domain import transitions
from gongkai.review.domain.serials import GapKind, missing_serials
from gongkai.review.domain.transitions import LEGAL_GROUND_LABELS, Action, LegalGround
from gongkai.review.errors import ReviewError
from gongkai.review.models import ApiToken, GapNote

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
}


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
) -> Document:
    roles, user, label = _principal(actor=actor, token=token, document=document)
    expected = expected_state or document.state
    target = transitions.transition(state=expected, action=action, roles=roles, reason=reason,
                                    ground=ground, disclosure=document.disclosure)
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
        data={"ground": ground} if ground else {},
    )
    announce([fresh.pk], Reason.PUBLISH if action == Action.PUBLISH else Reason.REVIEW)
    return fresh


def document_submit(*, document: Document, actor: User | None, token: ApiToken | None = None,
                    expected_state: str | None = None, note: str = "") -> Document:
    """报送: a draft goes to review. The first submission time is kept for timeliness."""
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


def review_approve(*, document: Document, actor: User, note: str = "",
                   expected_state: str | None = None) -> Document:
    """审核批准."""
    return _transition(document=document, action=Action.APPROVE, actor=actor, reason=note,
                       expected_state=expected_state)


def document_publish(*, document: Document, actor: User, note: str = "",
                     expected_state: str | None = None) -> Document:
    """信息发布: the document becomes public (if 公开属性 allows)."""
    return _transition(document=document, action=Action.PUBLISH, actor=actor, reason=note,
                       expected_state=expected_state,
                       extra=lambda d: {"published_at": timezone.now()})


def document_withhold(*, document: Document, actor: User, ground: str, reason: str,
                      expected_state: str | None = None) -> Document:
    """不予公开: registered with its legal ground (条例第十四、十五、十六条), never published."""

    def extra(d: Document) -> dict:
        label = LEGAL_GROUND_LABELS[LegalGround(ground)]
        return {"disclosure": Disclosure.WITHHELD.value,
                "disclosure_reason": f"{label}：{reason.strip()}"}

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


SERVICES: dict[Action, Callable[..., Document]] = {
    Action.SUBMIT: document_submit,
    Action.RETURN: review_return,
    Action.SECRECY_PASS: review_secrecy_pass,
    Action.APPROVE: review_approve,
    Action.PUBLISH: document_publish,
    Action.WITHHOLD: document_withhold,
    Action.WITHDRAW: document_withdraw,
    Action.REOPEN: document_reopen,
}


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
