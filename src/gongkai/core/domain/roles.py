"""Roles (DESIGN §2). Each is a Django group of the same name; a user may hold several."""

from __future__ import annotations

from enum import StrEnum


# The posts of 武政办〔2014〕180号 (综合管理, 保密审查, 审核批准, 信息发布) as roles. `reviewer` is
# the single review role of the platform's first version: it keeps working and holds both
# review posts, so old accounts need no migration; the two-person rule (review.domain.
# transitions.two_person_conflict) still stops it from taking two consecutive steps.
class Role(StrEnum):
    SUBMITTER = "submitter"  # 报送员
    REVIEWER = "reviewer"  # 审核员: holds both review posts (kept for data before the split)
    SECRECY_REVIEWER = "secrecy_reviewer"  # 保密审查员 (武政办〔2014〕180号: 保密审查 post)
    APPROVER = "approver"  # 审核批准人 (审核批准 post: the 负责人 or who records their approval)
    PUBLISHER = "publisher"  # 信息发布员 (信息发布 post)
    OFFICE = "office"  # 公开办
    EVALUATOR = "evaluator"  # 评估员
    SUPERVISOR = "supervisor"  # 督查室 (政府督查室: 督办 tasks, 建议提案 handling)
    ADMIN = "admin"  # 管理员

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.SUBMITTER: "报送员",
    Role.REVIEWER: "审核员（保密审查和审核批准）",
    Role.SECRECY_REVIEWER: "保密审查员",
    Role.APPROVER: "审核批准人",
    Role.PUBLISHER: "信息发布员",
    Role.OFFICE: "公开办",
    Role.EVALUATOR: "评估员",
    Role.SUPERVISOR: "督查室",
    Role.ADMIN: "管理员",
}


# Roles that hold a review post (for scope: they act on their own unit like reviewers).
REVIEW_ROLES = frozenset({Role.REVIEWER, Role.SECRECY_REVIEWER, Role.APPROVER, Role.PUBLISHER})
