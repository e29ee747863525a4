"""Audit actions recorded by 文件清理 campaigns."""

from gongkai.core.audit import register_all

register_all([
    ("cleanup_open", "发起文件清理"),
    ("cleanup_mark", "标注清理意见"),
    ("cleanup_review", "审核清理意见"),
    ("cleanup_publish", "公布清理结果"),
])
