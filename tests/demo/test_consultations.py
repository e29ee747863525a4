"""consultations demo: one open and one closed consultation with feedback, from seed texts,
idempotently."""

from __future__ import annotations

import io

from gongkai.consultations.domain.vocab import Phase
from gongkai.consultations.models import Consultation, DecisionCatalog
from gongkai.consultations.selectors import feedback_of
from gongkai.consultations.services import consultation_phase


def test_demo_builds_open_and_closed_consultations_once(db):
    from gongkai.demo import consultations as demo
    from gongkai.demo import core

    core.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    open_one = Consultation.objects.get(title=demo.OPEN_TITLE)
    closed = Consultation.objects.get(title=demo.CLOSED_TITLE)
    assert consultation_phase(open_one) is Phase.OPEN
    assert "第四条 重大行政决策除依法不得公开外" in open_one.draft.body  # seed 15's own text
    assert open_one.hearings.count() == 1 and open_one.item is not None
    assert consultation_phase(closed) is Phase.FEEDBACK
    fb = feedback_of(closed)
    assert fb.total == 6 and fb.complete and len(fb.views) == 4
    assert "建立政府信息公开岗位责任机制" in closed.draft.body  # seed 12's own text
    assert DecisionCatalog.objects.filter(published_at__isnull=False).count() == 1
    out = io.StringIO()
    demo.load(stdout=out)
    assert Consultation.objects.count() == 2 and "新建 0" in out.getvalue()
