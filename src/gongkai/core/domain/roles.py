"""Roles (DESIGN §2). Each is a Django group of the same name; a user may hold several."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    SUBMITTER = "submitter"  # 报送员
    REVIEWER = "reviewer"  # 审核员 (保密审查 / 审核批准)
    OFFICE = "office"  # 公开办
    EVALUATOR = "evaluator"  # 评估员
    ADMIN = "admin"  # 管理员

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.SUBMITTER: "报送员",
    Role.REVIEWER: "审核员",
    Role.OFFICE: "公开办",
    Role.EVALUATOR: "评估员",
    Role.ADMIN: "管理员",
}
