"""Audit actions recorded by 依申请公开 (one per step of the request's handling)."""

from gongkai.core.audit import register_all

register_all([
    ("request_submit", "提交申请"),
    ("request_receive", "确认收到申请"),
    ("request_correction_send", "发出补正通知"),
    ("request_correction_receive", "收到补正后的申请"),
    ("request_close_no_correction", "逾期不补正，终止办理"),
    ("request_pause", "暂停计时"),
    ("request_resume", "恢复计时"),
    ("request_extend", "延长答复期限"),
    ("request_answer", "作出答复"),
    ("request_anonymise", "保存期满，匿名化申请人信息"),
    ("request_export_own_data", "申请人导出本人申请数据"),
    ("request_due_recompute", "重新计算暂定的答复期限"),
])
