"""The reindex job (重建检索索引): `reindex_start` from a page or `gongkai reindex --background`."""

from __future__ import annotations

from gongkai.core import access
from gongkai.core.jobs import job_runner, job_start
from gongkai.core.models import Job

KIND = "search.reindex"


def reindex_start(*, actor, back_url: str = "") -> Job:
    """One reindex at a time: a second click returns the job already queued or running."""
    access.require(access.can_search_reindex(actor), "只有公开办或管理员可以重建检索索引")
    return job_start(kind=KIND, actor=actor, key=KIND, params={"back_url": back_url})


@job_runner(KIND, label="重建检索索引")
def reindex_job(job: Job, progress) -> dict:
    """Rebuilds from scratch in one transaction: a retry starts over and ends the same."""
    from gongkai.search.services import reindex_all

    result = reindex_all(actor=job.actor,
                         progress=lambda done, total: progress(done, total, f"已索引 {done}/{total} 件"))
    return {"summary": f"已索引 {result.count} 件文件，用时 {result.seconds:.1f} 秒（{result.backend}）",
            "count": result.count, "seconds": round(result.seconds, 2), "backend": result.backend,
            "url": "/search/"}
