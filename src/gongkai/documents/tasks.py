"""Periodic job of the documents app: the daily 时效性 changes (lifecycle_apply_due)."""

from __future__ import annotations

from gongkai.core.jobs import job_runner
from gongkai.core.models import Job


@job_runner("documents.lifecycle_apply_due", label="时效性变更（每日）")
def lifecycle_job(job: Job, progress) -> dict:
    """Re-running on the same day changes nothing (each transition is recorded once)."""
    from gongkai.documents.lifecycle import lifecycle_apply_due

    report = lifecycle_apply_due()
    data = report.as_dict()
    summary = (f"{report.today:%Y-%m-%d}：时效性变更 {len(report.changes)} 件，"
               f"新解析引用 {report.relations_resolved} 条")
    return {"summary": summary, "changes": len(report.changes),
            "relations_resolved": report.relations_resolved, "report": data}
