"""Audit actions recorded by the documents app (registration, edits, lifecycle, relations)."""

from gongkai.core.audit import register_all

register_all([
    ("document_create", "登记", {"public": False, "inbox": False}),
    ("document_update", "修改", {}),
    ("document_publish_direct", "直接发布", {"inbox": True}),
    ("relations_link", "关联文件关系", {}),
    ("relation_resolve", "匹配文件关系", {}),
    ("relation_confirm", "确认文件关系", {}),
    ("relation_reject", "否认文件关系", {}),
    ("work_version_add", "增加文件版本", {"public": True}),
    ("revision_task_open", "开启修改任务", {"inbox": True}),
    ("revision_task_close", "完成修改任务", {"inbox": True}),
    ("validity_change", "变更时效性", {"public": True}),
])

register_all([
    ("interpretation_link", "关联政策解读", {"public": True}),
    ("interpretation_unlink", "取消解读关联", {}),
])
