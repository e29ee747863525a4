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
    ("request_correction_online", "申请人在线提交补正"),
    ("request_lookup", "凭申请编号和查询码查询申请"),
    ("request_file_add", "上传公开的政府信息文件"),
    ("request_file_remove", "删除公开的政府信息文件"),
    ("request_refer", "转办：告知负责公开的机关"),
    ("request_assist_ask", "发出协办（征求意见）"),
    ("request_assist_reply", "协办单位答复意见"),
    ("request_fee_notice", "发出信息处理费收费通知"),
    ("request_fee_paid", "确认已缴纳信息处理费"),
    ("request_proactive_flag", "答复信息建议主动公开"),
    ("request_proactive_done", "答复信息已主动公开"),
    ("request_desk_save", "修改申请受理点"),
    ("request_mock_file", "提交依申请公开模拟测试申请"),
])
