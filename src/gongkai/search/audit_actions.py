"""Audit actions recorded by search."""

from gongkai.core.audit import register_all

register_all([
    ("search_reindex", "重建检索索引"),
])
