"""The access gate: which units a user may act on in which role, and one predicate per service.

This is the one place where unit scope and role checks are computed (ADR 0004). Services that
change data call ``require(can_<verb>(...))`` themselves, so a view, an API endpoint or a
command can never skip the check; views and templates use the same predicates to decide what
to show. A refusal is always ``AccessDenied`` with an ``AccessCode``; the middleware and the
API map it to 401/403/404 in one place (``access_status``).

Scopes (DESIGN §2):
* 报送员 submitter and 审核员 reviewer act on their own unit (reviewers also on the units below
  when ``settings.REVIEW_INCLUDES_SUBUNITS`` is on);
* 公开办 office acts on its unit and every unit below it;
* 评估员 evaluator and 管理员 admin act on the assessment and the platform, not on a unit's
  documents (admins and superusers see everything).

``actor=None`` is the command line or a system job (whoever runs it already has the server's
shell). Only predicates of services that commands call accept it (``is_operator``); pages and
the API always pass the request's user, which is never None.
"""

from __future__ import annotations

from gongkai.core.domain.errors import AccessCode, AccessDenied
from gongkai.core.domain.roles import REVIEW_ROLES, Role
from gongkai.core.selectors import unit_descendant_ids

__all__ = ["AccessCode", "AccessDenied"]  # re-exported: import refusals from here

WORKBENCH_ROLES = frozenset({Role.SUBMITTER, Role.OFFICE}) | REVIEW_ROLES


def access_status(error: AccessDenied) -> int:
    """The HTTP status of a refusal (the only place this mapping is written)."""
    return {AccessCode.LOGIN_REQUIRED.value: 401, AccessCode.NOT_FOUND.value: 404}.get(
        error.code, 403)


def require(allowed: bool, message: str = "无权执行此操作", *,
            code: str = AccessCode.FORBIDDEN) -> None:
    """Raise AccessDenied unless `allowed` (``require(can_x(user, ...), "…")``)."""
    if not allowed:
        raise AccessDenied(message, code=code)


# -- who the user is -------------------------------------------------------------------------


def is_active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False)
                and getattr(user, "is_active", True))


def roles_of(user) -> frozenset[Role]:
    """The roles a signed-in, active user holds (Django groups of the same names)."""
    if not is_active(user):
        return frozenset()
    return frozenset(r for r in Role if user.has_role(r))


def is_operator(user) -> bool:
    """The command line / a system job (``actor=None``)."""
    return user is None


def is_admin(user) -> bool:
    return is_active(user) and bool(user.is_superuser or user.has_role(Role.ADMIN))


# -- which units -----------------------------------------------------------------------------


def _reviewer_covers_subunits() -> bool:
    from django.conf import settings

    return bool(getattr(settings, "REVIEW_INCLUDES_SUBUNITS", False))


def units_for(user, role: str) -> set[int]:
    """The units on which `user` acts in `role` (empty when they do not hold it)."""
    role = Role(role)
    if not is_active(user) or not user.unit_id or not user.has_role(role):
        return set()
    if role == Role.OFFICE or (role in REVIEW_ROLES and _reviewer_covers_subunits()):
        return unit_descendant_ids([user.unit_id])
    if role == Role.SUBMITTER or role in REVIEW_ROLES:
        return {user.unit_id}
    return set()


def role_scopes(user) -> dict[str, set[int]]:
    """{workflow role the user holds: the units it covers} (compute once per request)."""
    return {r.value: units_for(user, r) for r in roles_of(user) & WORKBENCH_ROLES}


def acting_roles(user, unit_id: int | None,
                 scopes: dict[str, set[int]] | None = None) -> frozenset[str]:
    """The workflow roles `user` holds for the data of `unit_id` (each role has its scope)."""
    scopes = role_scopes(user) if scopes is None else scopes
    return frozenset(r for r, units in scopes.items() if unit_id in units)


def acts_as(user, role: str, unit_id: int | None) -> bool:
    return unit_id is not None and unit_id in units_for(user, role)


def workbench_scope_ids(user) -> set[int]:
    """Units whose back-office data `user` works on: the union of their workflow roles' scopes."""
    scope: set[int] = set()
    for units in role_scopes(user).values():
        scope |= units
    return scope


def scope_ids(user) -> set[int]:
    """The units whose unpublished documents a user may see (the visibility rule's scope).

    Any staff member sees their own unit; the office (and reviewers when they cover the units
    below) see the units below too. Users without a unit see none."""
    if not is_active(user) or not user.unit_id:
        return set()
    if user.has_role(Role.OFFICE) or (any(user.has_role(r) for r in REVIEW_ROLES)
                                      and _reviewer_covers_subunits()):
        return unit_descendant_ids([user.unit_id])
    return {user.unit_id}


def in_office_scope(user, unit_id: int | None) -> bool:
    """The office (公开办) of `unit_id` or of a unit above it."""
    return unit_id is not None and unit_id in units_for(user, Role.OFFICE)


# -- units and users (core.services: the office's 单位与用户管理) ----------------------------


def can_unit_manage(user, unit_id: int | None) -> bool:
    """新增 / 修改 / 停用 a unit: the office over it (a new unit: over its parent), and admins
    (who may also add a root unit)."""
    return is_admin(user) or in_office_scope(user, unit_id)


def can_user_manage(user, unit_id: int | None) -> bool:
    """Invite, edit, reset the password of, deactivate a person of a unit: the office over the
    unit, and admins (also for people without a unit)."""
    return is_admin(user) or in_office_scope(user, unit_id)


# -- documents and review (documents.services, review.services) ------------------------------


def can_document_create(user, unit_id: int | None) -> bool:
    """登记: the unit's submitters (综合管理 post), the office for the units it covers (its own
    generated notices, reports, consultation drafts), and imports from the command line. The
    submission API passes ``actor=None`` with the unit its token is bound to."""
    return (is_operator(user) or acts_as(user, Role.SUBMITTER, unit_id)
            or in_office_scope(user, unit_id))


def can_document_register(user, unit_id: int | None) -> bool:
    """The workbench's 登记 and 修改草稿 forms: the unit's submitters only (综合管理 post)."""
    return acts_as(user, Role.SUBMITTER, unit_id)


def can_document_update(user, unit_id: int | None) -> bool:
    """修改文章属性: as registering, and admins correcting a document in the admin (the state
    rule is the review state machine's)."""
    return can_document_create(user, unit_id) or is_admin(user)


def can_document_publish_direct(user, unit_id: int | None) -> bool:
    """Publishing without the review flow: the office's own generated documents (cleanup
    notices, 通报, annual reports) and ``gongkai import --publish``."""
    return is_operator(user) or is_admin(user) or in_office_scope(user, unit_id)


def can_gap_note_create(user, unit_id: int | None) -> bool:
    """说明空号: the unit's submitters and reviewers (any review post)."""
    return bool(({Role.SUBMITTER.value} | {r.value for r in REVIEW_ROLES})
                & acting_roles(user, unit_id))


def can_api_token_manage(user) -> bool:
    """API tokens for OA systems: admins, and the command line (``actor=None``: the operator
    already has the server's shell)."""
    return is_operator(user) or is_admin(user)


# -- lifecycle and relations (documents.lifecycle) --------------------------------------------


def can_relation_resolve(user, unit_id: int | None) -> bool:
    """Confirming or rejecting a relation: the office over the source's unit, or an admin."""
    return is_admin(user) or in_office_scope(user, unit_id)


def can_validity_change(user, unit_id: int | None) -> bool:
    """Recording a 时效性 event by hand: the office over the unit, or an admin."""
    return is_admin(user) or in_office_scope(user, unit_id)


# -- 依申请公开 (disclosure_requests.services) -------------------------------------------------


def can_request_handle(user, unit_id: int | None) -> bool:
    """The handling unit's submitters, and the office for units below it (DESIGN §2)."""
    return acts_as(user, Role.SUBMITTER, unit_id) or in_office_scope(user, unit_id)


def can_request_register(user) -> bool:
    """Registering a request received on paper: submitters and the office."""
    return bool(roles_of(user) & {Role.SUBMITTER, Role.OFFICE})


def can_request_purge(user) -> bool:
    """Anonymising applicants past the retention period: the command line (no user), the
    office and administrators (个人信息保护法 第十九条)."""
    return (is_operator(user) or bool(getattr(user, "is_superuser", False))
            or Role.OFFICE in roles_of(user))


def can_request_desk_edit(user, unit_id: int | None) -> bool:
    """A unit's 受理点 (whether it takes requests, channels, contact data): the office over it."""
    return is_admin(user) or in_office_scope(user, unit_id)


def can_request_assist(user, unit_id: int | None) -> bool:
    """Reply to a 协办 task (第三十四条) addressed to a unit: its submitters and the office over it."""
    return acts_as(user, Role.SUBMITTER, unit_id) or in_office_scope(user, unit_id)


def can_request_mock(user) -> bool:
    """File and score 依申请公开模拟测试 requests: evaluators and whoever manages the assessment."""
    return can_assessment_score(user)


def request_unit_ids(user) -> set[int]:
    """Units whose requests the user handles."""
    return units_for(user, Role.SUBMITTER) | units_for(user, Role.OFFICE)


# -- 文件清理 (cleanup.services) ---------------------------------------------------------------


def can_campaign_run(user, unit_id: int | None) -> bool:
    """Open, review and publish a campaign: the office of the organising unit (or above)."""
    target = unit_id if unit_id is not None else getattr(user, "unit_id", None)
    return in_office_scope(user, target)


def can_campaign_item_mark(user, unit_id: int | None) -> bool:
    """Mark an item (保留/修改/废止…): staff of the item's own unit."""
    return (is_active(user) and user.unit_id == unit_id
            and bool(roles_of(user) & WORKBENCH_ROLES))


# -- 考评 (assessment.services) ----------------------------------------------------------------


def can_assessment_manage(user) -> bool:
    """Run, publish, delete runs and edit indicator sets: the office and admins (and the
    ``gongkai assess`` command)."""
    return (is_operator(user) or is_admin(user)
            or (is_active(user) and user.has_role(Role.OFFICE)))


def can_assessment_score(user) -> bool:
    """Enter manual scores: evaluators, and whoever manages."""
    return can_assessment_manage(user) or (is_active(user) and user.has_role(Role.EVALUATOR))


def assessor_stage(user) -> str | None:
    """The 考评环节 (seed 19: 第三方机构测评, 门户网站内容保障测评) whose manual indicators `user`
    sees and scores: None means every stage (the office, admins, the command line, and an
    evaluator the office assigned no stage)."""
    if is_operator(user) or is_admin(user) or (is_active(user) and user.has_role(Role.OFFICE)):
        return None
    return str(getattr(user, "assessor_stage", "") or "").strip() or None


def can_manual_score(user, stage: str) -> bool:
    """Score, and see the evidence of, a manual indicator of `stage`: who may score at all,
    limited to their own assessor stage."""
    allowed = assessor_stage(user)
    return can_assessment_score(user) and (allowed is None or allowed == (stage or ""))


# -- 年度报告 (annual_reports.services) --------------------------------------------------------


def can_annual_report_edit(user, unit_id: int | None) -> bool:
    """Open, fill in, refresh and explain a unit's report: its submitters, and the office over it."""
    return acts_as(user, Role.SUBMITTER, unit_id) or in_office_scope(user, unit_id)


def can_annual_report_submit(user, unit_id: int | None) -> bool:
    """报送 the report to the office: the unit's submitters (the office for its own report)."""
    return acts_as(user, Role.SUBMITTER, unit_id) or in_office_scope(user, unit_id)


def can_annual_report_review(user, unit_id: int | None) -> bool:
    """Return or publish a submitted report: the office over the unit."""
    return in_office_scope(user, unit_id)


def can_review_case_record(user, unit_id: int | None) -> bool:
    """Keep the register of 行政复议 / 行政诉讼 cases: the unit's submitters and the office."""
    return acts_as(user, Role.SUBMITTER, unit_id) or in_office_scope(user, unit_id)


# -- 征求意见 and 决策预公开 (consultations.services) ------------------------------------------


def can_consultation_manage(user, unit_id: int | None) -> bool:
    """Create, publish, moderate, enter comments, decide and publish feedback for a unit's
    consultations; keep its 重大行政决策事项目录 and hearings: the unit's submitters (who
    register its documents) and the office over the unit."""
    return (is_admin(user) or acts_as(user, Role.SUBMITTER, unit_id)
            or in_office_scope(user, unit_id))


def consultation_unit_ids(user) -> set[int]:
    """Units whose consultations the user manages (admins: none by role — they see all)."""
    return units_for(user, Role.SUBMITTER) | units_for(user, Role.OFFICE)


# -- 政府信息公开专栏 and 政策解读 (documents.interpretations, zhuanlan.services) -------------------


def can_interpretation_link(user, unit_id: int | None) -> bool:
    """Link a 解读 to its document: the 解读's unit's submitters, the office above it, admins."""
    return (is_operator(user) or acts_as(user, Role.SUBMITTER, unit_id)
            or in_office_scope(user, unit_id) or is_admin(user))


def can_column_edit(user, unit_id: int | None) -> bool:
    """Edit a unit's 专栏 (contact data, 指南 sections, 制度 tags): its submitters, the office."""
    return (is_operator(user) or acts_as(user, Role.SUBMITTER, unit_id)
            or in_office_scope(user, unit_id) or is_admin(user))


def can_column_oversee(user) -> bool:
    """See every unit's 专栏 completeness: the office and admins."""
    return (is_operator(user) or is_admin(user)
            or (is_active(user) and user.has_role(Role.OFFICE)))


# -- background jobs and operations (core.jobs, ingest.tasks, search.tasks) ------------------


def can_archive_import(user, unit_id: int | None) -> bool:
    """批量导入 of a .zip in the workbench: the unit's submitters, like registering one file."""
    return can_document_register(user, unit_id)


def can_search_reindex(user) -> bool:
    """重建检索索引: the office and admins (and ``gongkai reindex``)."""
    return (is_operator(user) or is_admin(user)
            or (is_active(user) and user.has_role(Role.OFFICE)))


def can_normative_register(user, unit_id: int | None) -> bool:
    """统一登记 and 重新登记 of a 行政规范性文件: the unit's submitters and the office above it."""
    return (is_operator(user) or acts_as(user, Role.SUBMITTER, unit_id)
            or in_office_scope(user, unit_id) or is_admin(user))


def can_normative_file(user, unit_id: int | None) -> bool:
    """Recording the 备案 of a 规范性文件: the office above the unit (备案审查 is its work)."""
    return is_operator(user) or in_office_scope(user, unit_id) or is_admin(user)


def can_job_view(user, job) -> bool:
    """A job's page and progress: whoever started it, and admins."""
    return is_active(user) and (is_admin(user) or (job.actor_id is not None
                                                   and job.actor_id == user.pk))


# -- works, versions, trusted links, revision tasks (documents.relations / versions / revisions)


def can_relations_link(user, unit_id: int | None) -> bool:
    """Reading a decision and storing its links: the command line and the publish receiver
    (actor None), the office over the source's unit, admins."""
    return is_operator(user) or is_admin(user) or in_office_scope(user, unit_id)


def can_relation_confirm(user, unit_id: int | None) -> bool:
    """Settling a stated change held as a citation: a person (never the system), the office
    over the source's unit or an admin."""
    return not is_operator(user) and (is_admin(user) or in_office_scope(user, unit_id))


def can_version_add(user, unit_id: int | None) -> bool:
    """Filing a new version of a work: whoever may register the unit's documents."""
    return can_document_create(user, unit_id) or is_admin(user)


def can_revision_task_open(user, unit_id: int | None) -> bool:
    """需要修改 → a revision task: the cleanup's office (or the command line, or an admin)."""
    return is_operator(user) or is_admin(user) or in_office_scope(user, unit_id)


# -- 考评 申诉 and 整改 (assessment.services) ---------------------------------------------------


def can_assessment_appeal(user, unit_id: int | None) -> bool:
    """Lodge a 申诉 or report 整改 for a unit: its own staff (报送员, 审核员, 公开办 of the unit),
    and the command line (the demo)."""
    if is_operator(user):
        return True
    return (is_active(user) and unit_id is not None and user.unit_id == unit_id
            and bool(roles_of(user) & WORKBENCH_ROLES))


# -- the daily review work (review.services: drafts, attachments, posts, policy) -------------


def can_draft_manage(user, unit_id: int | None) -> bool:
    """Delete a never-submitted draft, add / replace / remove its attachments, 撤回报送 a
    submission nobody has reviewed yet: the unit's submitters (综合管理 post)."""
    return acts_as(user, Role.SUBMITTER, unit_id)


def can_workbench_view(user, unit_id: int | None) -> bool:
    """See a unit's document in the back office, and download exactly the files that will be
    published (the 保密审查 post reviews those bytes): anyone whose workflow scope covers it."""
    return unit_id is not None and unit_id in workbench_scope_ids(user)


def can_review_policy_set(user, unit_id: int | None) -> bool:
    """Switch the two-person rule (两人分办) for a unit and the units below: its office, admins,
    and the command line."""
    return is_operator(user) or is_admin(user) or in_office_scope(user, unit_id)


def can_withheld_rereview(user, unit_id: int | None) -> bool:
    """条例 第十八条 periodic review of 不予公开 decisions: the 审核批准 post and the office."""
    return bool({Role.APPROVER.value, Role.REVIEWER.value, Role.OFFICE.value}
                & acting_roles(user, unit_id))


# -- 督办 and 建议提案办理 (supervision.services, proposals.services) -------------------------


def can_supervision_manage(user) -> bool:
    """Import a task breakdown, open reporting rounds, accept or return progress, open 整改 after
    an inspection, publish the quarterly view: the 督查室 (and the command line, admins)."""
    return (is_operator(user) or is_admin(user)
            or (is_active(user) and user.has_role(Role.SUPERVISOR)))


def can_supervision_report(user, unit_id: int | None) -> bool:
    """Write and submit a task's plan or progress, or a contribution to it, for a unit: its own
    staff (报送员, 审核员, 公开办 of the unit) and the command line. Not the 督查室: it decides on
    the reports, it does not write them."""
    if is_operator(user):
        return True
    return (is_active(user) and unit_id is not None and user.unit_id == unit_id
            and bool(roles_of(user) & WORKBENCH_ROLES))


def can_proposal_manage(user) -> bool:
    """Register 建议 / 提案, assign 主办 and 会办, publish replies and the yearly summary: the
    督查室 (which handles them for the government) and the command line, admins."""
    return can_supervision_manage(user)


def can_proposal_handle(user, unit_id: int | None) -> bool:
    """Write a 会办 opinion or the reply of a unit: its own staff (and the command line)."""
    return can_supervision_report(user, unit_id)


def can_rectification_open(user) -> bool:
    """Open a 整改 item after an inspection or by hand: the 督查室 and the 公开办."""
    return can_supervision_manage(user) or (is_active(user) and user.has_role(Role.OFFICE))


def can_supervision_view(user) -> bool:
    """Read the 督办 back-office pages (tasks, rounds, reports): the 督查室 and unit staff."""
    return can_supervision_manage(user) or bool(roles_of(user) & WORKBENCH_ROLES)
