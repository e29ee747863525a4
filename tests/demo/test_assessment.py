"""The demo: a published previous year's run and the evaluator's scores, loaded once."""

from io import StringIO

from gongkai.assessment import services
from gongkai.assessment.models import ManualScore, Run
from gongkai.demo import assessment as demo


def test_demo_is_idempotent_and_the_first_run_compares_with_last_year(unit_tree, make_user):
    make_user("evaluator", unit_tree["city"], "evaluator")
    demo.load(stdout=StringIO())
    counts = (Run.objects.count(), ManualScore.objects.count())
    demo.load(stdout=StringIO())
    assert (Run.objects.count(), ManualScore.objects.count()) == counts == (3, 3 * 6 + 2 * 3 * 10)  # 2024 set: 6 manual items; default: 10 (2025, 2025Q3)
    previous = Run.objects.get(period="2024")
    assert previous.status == "published"
    assert Run.objects.get(period="2025Q3").status == "draft"
    from gongkai.assessment.models import Appeal, Rectification

    assert Appeal.objects.filter(status="upheld").count() == 1
    assert Rectification.objects.filter(run=previous, status="closed").count() == 1
    run = services.assessment_run(period="2025")
    assert run.previous_id == previous.pk
    assert all(u["pending"] == 0 for u in run.result["units"])
    assert Appeal.objects.get().run_id == run.pk  # the decided 申诉 moved to the replacing run  # evaluator's scores carried over
    assert all(g["mean_change"] is not None for g in run.result["groups"])
