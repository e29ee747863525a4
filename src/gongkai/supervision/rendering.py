"""The quarterly 办理情况报告 as a 公文 DOCX (GB/T 9704 builder of `exports.docx`)."""

from __future__ import annotations

from datetime import date, datetime

from gongkai.exports.docx import Appendix, OfficialDocument, official_docx_bytes
from gongkai.supervision.domain.progress import QuarterSummary, TaskStatus


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def quarter_report_spec(round_, summary: QuarterSummary, *, today: date) -> OfficialDocument:
    breakdown = round_.breakdown
    counts = summary.by_status
    reported = summary.total - summary.not_reported
    blocks: list[tuple[str, object]] = [
        ("paragraph", f"根据《{breakdown.title}》{('（' + breakdown.doc_number + '）') if breakdown.doc_number else ''}"
                      f"要求，现将{round_.label}汇总报告如下。"),
        ("heading", "一、总体情况"),
        ("paragraph", f"分解方案共列任务{summary.total}项，截至{_cn(round_.due_date)}报送期限，已报送{reported}项"
                      f"（逾期报送{summary.late}项），未报送{summary.not_reported}项。其中已完成"
                      f"{counts.get(TaskStatus.DONE, 0)}项，按序时推进{counts.get(TaskStatus.ON_TRACK, 0)}项，"
                      f"未启动{counts.get(TaskStatus.NOT_STARTED, 0)}项，滞后{counts.get(TaskStatus.LAGGING, 0)}项。"),
        ("heading", "二、进度滞后的任务"),
    ]
    if summary.lagging:
        for r in summary.lagging:
            units = "、".join(r.units)
            blocks.append(("paragraph", f"第{r.task_code}项“{r.task_title}”（牵头单位：{r.lead_unit}"
                                        f"{'；责任单位：' + units if units else ''}）"
                                        f"{'，完成进度' + str(r.percent) + '%' if r.percent is not None else ''}。"
                                        f"{r.text}"))
    else:
        blocks.append(("paragraph", "本期无进度滞后的任务。"))
    blocks.append(("heading", "三、未按期报送的单位"))
    if summary.missing:
        blocks.append(("paragraph", "；".join(f"{r.lead_unit}（第{r.task_code}项）" for r in summary.missing) + "。"))
    else:
        blocks.append(("paragraph", "各牵头单位均已报送。"))
    rows = [[r.task_code, r.task_title, r.lead_unit, "滞后" if r.status is TaskStatus.LAGGING else "",
             f"{r.percent}%" if r.percent is not None else ""] for r in summary.lagging]
    appendices = [Appendix(title="进度滞后任务清单", header=["序号", "任务", "牵头单位", "状态", "进度"], rows=rows)] if rows else []
    return OfficialDocument(
        title=f"关于{breakdown.title.removeprefix('关于')}{round_.label}办理情况的报告",
        recipients="市人民政府：", blocks=blocks, signature="市人民政府督查室", date_text=_cn(today),
        appendices=appendices, stamp=datetime(today.year, today.month, today.day), copy_to="市考评办")


def quarter_report_docx(round_, summary: QuarterSummary, *, today: date) -> bytes:
    return official_docx_bytes(quarter_report_spec(round_, summary, today=today))


ROWS_HEADER = ["序号", "任务", "牵头单位", "责任单位", "报送期限", "状态", "推进情况", "完成进度（%）", "报送日期",
               "是否按时", "完成情况"]


def round_rows_table(round_, rows) -> list[list]:
    """Every task of a round as a table row (the 附表3 式样 as data, for the 考评办 and for Excel)."""
    from django.utils import timezone

    out = []
    for task, report in rows:
        submitted = timezone.localdate(report.submitted_at) if report and report.submitted_at else None
        out.append([task.code, task.title, task.lead_unit.full_name, "、".join(u.full_name for u in task.units.all()),
                    round_.due_date.isoformat(), report.get_state_display() if report else "未报送",
                    report.get_status_display() if report else "", "" if not report or report.percent is None
                    else report.percent, submitted.isoformat() if submitted else "",
                    ("是" if submitted <= round_.due_date else "否") if submitted else "否",
                    report.text if report else ""])
    return out


def round_xlsx(round_, rows) -> bytes:
    from gongkai.exports.xlsx import table_xlsx_bytes

    return table_xlsx_bytes(sheet=round_.label, header=ROWS_HEADER, rows=round_rows_table(round_, rows),
                            title=f"{round_.breakdown.title} {round_.label}")
