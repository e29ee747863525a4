"""The page of a background job (/jobs/<id>/) and its JSON status, polled by the progress bar."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gongkai.core.jobs import job_can_view, job_label
from gongkai.core.models import Job


def _job_or_404(request, job_id: int) -> Job:
    job = Job.objects.filter(pk=job_id).first()
    if job is None or not job_can_view(request.user, job):
        raise Http404(_("没有这个任务，或您无权查看"))
    return job


def job_status_data(job: Job) -> dict:
    result = job.result or {}
    return {
        "id": job.pk, "kind": job.kind, "label": job_label(job.kind), "state": job.state,
        "state_label": job.get_state_display(), "done": job.done, "total": job.total,
        "percent": job.percent, "message": job.message, "error": job.error,
        "finished": job.is_finished, "attempts": job.attempts,
        "summary": result.get("summary", ""), "result_url": result.get("url", ""),
    }


@login_required
@never_cache
def job_status(request, job_id: int):
    return JsonResponse(job_status_data(_job_or_404(request, job_id)),
                        json_dumps_params={"ensure_ascii": False})


@login_required
@never_cache
def job_detail(request, job_id: int):
    job = _job_or_404(request, job_id)
    back = job.params.get("back_url", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    return render(request, "core/job.html", {
        "job": job, "status": job_status_data(job), "back_url": back,
        "rows": (job.result or {}).get("rows", [])[:2000],
    })


@login_required
@never_cache
def password_change(request):
    """修改密码 (everyone signed in; required first after the office's one-time password)."""
    from django.contrib import messages
    from django.contrib.auth import update_session_auth_hash
    from django.shortcuts import redirect

    from gongkai.core.errors import CoreError
    from gongkai.core.services import user_password_change

    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            user = user_password_change(
                actor=request.user, old_password=request.POST.get("old_password", ""),
                new_password=request.POST.get("new_password", ""),
                new_password_again=request.POST.get("new_password_again", ""))
        except CoreError as exc:
            errors[exc.field or "new_password"] = exc.message
        else:
            update_session_auth_hash(request, user)
            from gongkai.core.accounts import TEMPORARY_PASSWORD_SESSION_KEY

            request.session.pop(TEMPORARY_PASSWORD_SESSION_KEY, None)
            messages.success(request, _("密码已修改"))
            return redirect("start")
    return render(request, "registration/password_change.html", {"errors": errors},
                  status=400 if errors else 200)
