"""Audit actions recorded by 督办 (supervision)."""

from gongkai.core.audit import register_all

register_all([
    ("supervision_breakdown_import", "导入任务分解方案"),
    ("supervision_breakdown_publish", "公开督办任务进展"),
    ("supervision_task_add", "添加督办任务"),
    ("supervision_report_save", "保存督办进展"),
    ("supervision_report_submit", "报送督办进展"),
    ("supervision_report_accept", "督查室审核通过进展"),
    ("supervision_report_return", "督查室退回进展"),
    ("supervision_contribution_add", "责任单位报送配合情况"),
])
