"""Demo data of the assessment (`gongkai demo`), idempotent:

* the default indicator set, active;
* a published 2024 run scored by a third-party assessor (manual-only set, scores as if
  imported from their Excel), so the first `gongkai assess run --period 2025` shows changes
  against 上年度;
* a quarterly draft (2025Q3) with the evaluator's scores, as seed 06's 每个季度末 check;
* the evaluator's 2025 manual scores (平台建设, 渠道畅通, 答复规范 …) entered on a 2025 draft, which
  a new 2025 run carries over — so that run gives a complete, readable bulletin.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

from gongkai.assessment import services
from gongkai.assessment.models import IndicatorSet, Run
from gongkai.core.models import Unit, User

DATA = Path(__file__).parent / "data"


def _scores(spec, unit_ids, rng, *, low: float, high: float) -> list[tuple[int, str, Decimal]]:
    """Per unit a level between low and high (share of the maximum); each indicator near it."""
    entries = []
    for uid in unit_ids:
        level = rng.uniform(low, high)
        for ind in spec.manual_leaves():
            if ind.method == "veto":
                entries.append((uid, ind.code, Decimal(0)))
                continue
            if ind.method == "bonus":
                value = Decimal(rng.choice([0, 0, 0, 1, 2]))
            else:
                share = min(1.0, max(0.0, level + rng.uniform(-0.08, 0.08)))
                value = (ind.weight * Decimal(str(round(share * 2, 1))) / 2).quantize(Decimal("0.5"))
            entries.append((uid, ind.code, min(value, ind.weight)))
    return entries


def load(*, stdout) -> None:
    rng = random.Random(2024)
    default = services.indicator_set_default()
    evaluator = User.objects.filter(username="evaluator").first()
    unit_ids = list(Unit.objects.filter(is_active=True).exclude(assessment_group="")
                    .order_by("sort_order", "id").values_list("id", flat=True))
    if not unit_ids:
        stdout.write("考评演示数据：没有设置考评分组的单位，跳过")
        return

    previous_set = services.indicator_set_save(
        yaml_text=(DATA / "demo_2024_thirdparty.yaml").read_text(encoding="utf-8"), activate=False
    )
    previous = Run.objects.filter(period="2024", indicator_set=previous_set).published().first()
    if previous is None:
        run = services.assessment_run(period="2024", units=unit_ids, previous=None,
                                      indicator_set=previous_set, bulletin_date=date(2025, 3, 20))
        spec = services.spec_parse(run.set_yaml)
        services.manual_scores_set(run=run, entries=_scores(spec, unit_ids, rng, low=0.62, high=0.93),
                                   actor=evaluator)
        previous = services.assessment_publish(run=run, bulletin_date=date(2025, 3, 20))
        stdout.write(f"考评演示数据：2024年度考评 #{previous.pk}（第三方评估，已发布）")
    IndicatorSet.objects.filter(pk=default.pk).update(is_active=True)
    _rectification_demo(previous, stdout)

    spec = services.spec_parse(default.yaml_text)
    draft = Run.objects.filter(period="2025", set_sha256=spec.sha256).order_by("-id").first()
    if draft is None:
        draft = services.assessment_run(period="2025", units=unit_ids, previous=previous,
                                        indicator_set=default, bulletin_date=date(2026, 3, 20))
        services.manual_scores_set(run=draft, entries=_scores(spec, unit_ids, rng, low=0.75, high=1.0),
                                   actor=evaluator)
        stdout.write(f"考评演示数据：评估员已在 2025 年度考评草稿 #{draft.pk} 录入人工评分；"
                     "运行 gongkai assess run --period 2025 将沿用这些评分")
        _appeal_demo(draft, spec, stdout)

    quarter = Run.objects.filter(period="2025Q3", set_sha256=spec.sha256).order_by("-id").first()
    if quarter is None:
        quarter = services.assessment_run(period="2025Q3", units=unit_ids, indicator_set=default,
                                          bulletin_date=date(2025, 10, 20))
        services.manual_scores_set(run=quarter, entries=_scores(spec, unit_ids, rng, low=0.7, high=0.95),
                                   actor=evaluator)
        stdout.write(f"考评演示数据：2025年第三季度考评草稿 #{quarter.pk}（季度考评，报送周期为每个季度末）")


def _rectification_demo(previous, stdout) -> None:
    """The 2024 通报 opened 整改 items when it was published; the first unit has reported."""
    from gongkai.assessment.models import Rectification

    items = list(Rectification.objects.filter(run=previous).order_by("id"))
    if not items or any(i.status == Rectification.Status.CLOSED for i in items):
        return
    first = items[0]
    services.rectification_close(
        item=first, report="已对照通报逐项整改：补报缺号文件并说明原因，政策解读与文件同步发布，"
                           "政府信息公开平台栏目已按标准目录调整。")
    stdout.write(f"考评演示数据：2024年度通报整改 {len(items)} 项，{first.unit} 已报送整改情况")


def _appeal_demo(draft, spec, stdout) -> None:
    """A 申诉 on the 2025 draft, decided by the office with its reason."""
    from datetime import timedelta

    from django.utils import timezone

    manual = [leaf for leaf in spec.manual_leaves() if leaf.method == "manual"]
    if not manual or not draft.unit_ids:
        return
    services.appeal_window_open(run=draft, until=timezone.localdate() + timedelta(days=10))
    unit_id, leaf = draft.unit_ids[0], manual[0]
    appeal = services.appeal_lodge(run=draft, unit_id=unit_id, indicator_code=leaf.code,
                                   reason=f"“{leaf.name}”相关材料已在门户网站专栏公开，请复核。")
    services.appeal_decide(appeal=appeal, upheld=True, decision="经复核，相关材料已公开，按满分计。",
                           score=str(leaf.weight))
    stdout.write(f"考评演示数据：2025年度考评草稿 #{draft.pk} 的申诉 1 项已复核（申诉成立）")
