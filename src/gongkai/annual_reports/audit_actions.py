"""Audit actions recorded by the annual-report app."""

from gongkai.core.audit import register_all

register_all([
    ("annual_report_open", "新建年度报告"),
    ("annual_report_update", "修改年度报告"),
    ("annual_report_refresh", "按平台数据重新生成年度报告表格"),
    ("annual_report_explain", "说明年度报告检查问题"),
    ("annual_report_submit", "报送年度报告", {"inbox": True}),
    ("annual_report_return", "退回年度报告", {"inbox": True}),
    ("annual_report_publish", "发布年度报告", {"inbox": True}),
    ("annual_report_import", "读取已发布的年度报告"),
    ("review_case_record", "登记行政复议、行政诉讼案件"),
    ("review_case_update", "更新行政复议、行政诉讼案件"),
])
