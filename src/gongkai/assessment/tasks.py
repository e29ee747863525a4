"""The assessment job: measure and score every unit (a draft run), then render its 通报 (chart,
DOCX, XLSX) once so a font or data problem shows on the job page, not later in a download."""

from __future__ import annotations

from django.urls import reverse

from gongkai.core import access
from gongkai.core.jobs import JobError, job_runner, job_start
from gongkai.core.models import Job

KIND = "assessment.run"


def assessment_run_start(*, actor, period: str, back_url: str = "",
                         replace_draft: bool = True) -> Job:
    from gongkai.assessment.services import period_bounds

    access.require(access.can_assessment_manage(actor), "只有公开办可以生成考评")
    period_bounds(period)  # a bad period is refused now, with the field named
    return job_start(kind=KIND, actor=actor, key=f"{KIND}:{period}",
                     params={"period": str(period), "back_url": back_url,
                             "replace_draft": bool(replace_draft)},
                     message=f"{period} 年度考评，等待开始")


@job_runner(KIND, label="生成考评")
def assessment_job(job: Job, progress) -> dict:
    from gongkai.assessment import rendering, services
    from gongkai.assessment.models import Run
    if not access.can_assessment_manage(job.actor):
        raise JobError("发起人已无权生成考评", field="actor")
    run = None
    run_id = (job.result or {}).get("run_id")
    if run_id:  # a retry after the run was made: render it, do not make another
        run = Run.objects.filter(pk=run_id).first()
    if run is None:
        progress(0, 4, "正在计算各单位指标", force=True)
        run = services.assessment_run(period=job.params["period"], actor=job.actor,
                                      replace_draft=job.params.get("replace_draft", True))
        Job.objects.filter(pk=job.pk).update(result={"run_id": run.pk})
        job.result = {"run_id": run.pk}
    progress(1, 4, "正在绘制图表", force=True)
    chart = rendering.chart_png(run)
    progress(2, 4, "正在生成通报（DOCX）", force=True)
    docx = rendering.bulletin_docx(run)
    progress(3, 4, "正在生成得分表（XLSX）", force=True)
    xlsx = rendering.scores_xlsx(run)
    units = len(run.result.get("units", []))
    replaced = services.replaced_drafts(run)
    note = f"，替换了本周期原草稿 {'、'.join(f'#{n}' for n in replaced)}（已录入的人工评分已沿用）" if replaced else ""
    return {"summary": f"已生成考评草稿 #{run.pk}{run.draft_label}（{run.period}，{units} 个单位）{note}",
            "run_id": run.pk, "units": units,
            "bytes": {"chart": len(chart), "docx": len(docx), "xlsx": len(xlsx)},
            "url": reverse("assessment:detail", args=[run.pk])}
