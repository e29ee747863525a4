"""Services: transitions, the rules they enforce, conflicts, audit."""

from datetime import date

import pytest

from gongkai.core.access import AccessDenied
from gongkai.core.models import AuditLog
from gongkai.disclosure_requests import services as s
from gongkai.disclosure_requests.domain.errors import ConflictError, RequestError
from gongkai.disclosure_requests.domain.outcomes import (
    CATEGORIES,
    Category,
    outcome_check,
    table_rows,
)
from gongkai.disclosure_requests.models import DisclosureRequest

D = date.fromisoformat


@pytest.fixture
def received(file_request, handlers, cal):
    """A request to 市统计局 received in person on 2026-03-02 (due 2026-03-30)."""
    req = file_request(submitted=D("2026-03-02"))
    return s.request_receive(request=req, channel="in_person", actor=handlers["stats"], calendar=cal)


def test_receipt_sets_due_date(received):
    assert (received.status, received.received_on, received.due_on) == ("processing", D("2026-03-02"), D("2026-03-30"))


def test_registered_mail_counts_from_the_day_the_unit_signs(file_request, handlers, cal):
    req = file_request(submitted=D("2026-09-21"), channel="registered_mail")
    req = s.request_receive(request=req, channel="registered_mail", signed_on=D("2026-09-25"),
                            actor=handlers["stats"], calendar=cal)
    assert (req.received_on, req.due_on) == (D("2026-09-25"), D("2026-10-29"))


def test_register_paper_request_in_one_step(unit_tree, handlers, cal):
    from .conftest import APPLICANT

    req = s.request_register(actor=handlers["stats"], unit=unit_tree["stats"], channel="in_person",
                             submitted_on=D("2026-03-02"), calendar=cal, **APPLICANT)
    assert (req.status, req.due_on) == ("processing", D("2026-03-30"))


def test_stale_version_loses(received, handlers, cal):
    """Two clerks open the page at version v; the first wins, the second gets a conflict."""
    v = received.version
    s.request_extend(request=received.pk, days=5, decided_on=D("2026-03-20"), approver="李主任",
                     reason="需要协调", actor=handlers["stats"], expected_version=v, calendar=cal)
    with pytest.raises(ConflictError, match="已被他人处理"):
        s.request_answer(request=received.pk, category="disclosed", reply_text="见附件",
                         answered_on=D("2026-03-20"), actor=handlers["office"], expected_version=v)
    assert DisclosureRequest.objects.get(pk=received.pk).status == "processing"


def test_extension_only_once_and_needs_approver(received, handlers, cal):
    with pytest.raises(RequestError) as exc:
        s.request_extend(request=received, days=5, decided_on=D("2026-03-20"), approver=" ", reason="x",
                         actor=handlers["stats"], calendar=cal)
    assert exc.value.field == "approver"
    s.request_extend(request=received, days=20, decided_on=D("2026-03-20"), approver="李主任", reason="x",
                     actor=handlers["stats"], calendar=cal)
    with pytest.raises(RequestError, match="只能延长一次"):
        s.request_extend(request=received, days=1, decided_on=D("2026-03-21"), approver="李主任", reason="x",
                         actor=handlers["stats"], calendar=cal)
    assert DisclosureRequest.objects.get(pk=received.pk).due_on == D("2026-04-28")


def test_late_correction_notice_is_refused_and_nothing_changes(received, handlers, cal):
    before = AuditLog.objects.count()
    with pytest.raises(RequestError, match="第三十条"):
        s.request_correction_send(request=received, sent_on=D("2026-03-12"), text="补充年份",
                                  actor=handlers["stats"], calendar=cal)
    req = DisclosureRequest.objects.get(pk=received.pk)
    assert (req.status, req.correction_sent_on) == ("processing", None)
    assert AuditLog.objects.count() == before


def test_no_correction_in_time_closes_as_other_handling(received, handlers, cal):
    req = s.request_correction_send(request=received, sent_on=D("2026-03-04"), text="补充年份",
                                    period_workdays=10, actor=handlers["stats"], calendar=cal)
    assert req.correction_due_on == D("2026-03-18")
    with pytest.raises(RequestError, match="尚未届满"):
        s.request_close_no_correction(request=req, closed_on=D("2026-03-18"), actor=handlers["stats"])
    with pytest.raises(RequestError, match="逾期"):
        s.request_correction_receive(request=req, received_on=D("2026-03-19"), actor=handlers["stats"], calendar=cal)
    req = s.request_close_no_correction(request=req, closed_on=D("2026-03-19"), actor=handlers["stats"])
    assert (req.status, req.outcome, req.outcome_ground) == ("closed", "other", "no_correction")


def test_pause_and_resume_move_the_deadline(received, handlers, cal):
    req = s.request_pause(request=received, kind="third_party", start_on=D("2026-03-09"), party="某科技有限公司",
                          actor=handlers["stats"], calendar=cal)
    assert (req.status, req.due_on) == ("paused", None)
    req = s.request_resume(request=req, end_on=D("2026-03-13"), actor=handlers["stats"], calendar=cal)
    assert (req.status, req.due_on) == ("processing", D("2026-04-07"))
    audit = AuditLog.objects.filter(action="request_pause").get()
    assert audit.data["reply_due_on"] == "2026-03-30"  # 第三十二条: 15 working days for the third party


def test_answer_while_paused_fixes_the_deadline(received, handlers, cal):
    req = s.request_pause(request=received, kind="co_handling", start_on=D("2026-03-09"), party="市财政局",
                          actor=handlers["stats"], calendar=cal)
    req = s.request_answer(request=req, category="disclosed", reply_text="见附件", answered_on=D("2026-03-11"),
                           actor=handlers["stats"], calendar=cal)
    assert req.due_on == D("2026-04-02")  # 3 working days paused (03-09..03-11)
    assert req.pauses.get().end_on == D("2026-03-11")


@pytest.mark.parametrize(
    "category, ground, field",
    [
        ("withheld", "", "ground"),
        ("withheld", "no_such_ground", "ground"),
        ("disclosed", "state_secret", "ground"),
        ("nonsense", "", "outcome"),
        # 逾期不补正 only through request_close_no_correction, after a 补正 notice
        ("other", "no_correction", "ground"),
    ],
)
def test_answer_rejects_wrong_outcomes(received, handlers, category, ground, field):
    with pytest.raises(RequestError) as exc:
        s.request_answer(request=received, category=category, ground=ground, reply_text="x",
                         answered_on=D("2026-03-10"), actor=handlers["stats"])
    assert exc.value.field == field


def test_cannot_answer_twice_or_before_receipt(received, handlers, file_request):
    s.request_answer(request=received, category="disclosed", reply_text="x", answered_on=D("2026-03-10"),
                     actor=handlers["stats"])
    with pytest.raises(RequestError, match="已答复"):
        s.request_answer(request=received, category="disclosed", reply_text="x", answered_on=D("2026-03-11"),
                         actor=handlers["stats"])
    fresh = file_request()
    with pytest.raises(RequestError, match="待受理"):
        s.request_answer(request=fresh, category="disclosed", reply_text="x", answered_on=D("2026-03-11"),
                         actor=handlers["stats"])


@pytest.mark.parametrize("who, allowed", [("stats", True), ("office", True), ("district", False), ("reviewer", False)])
def test_who_may_handle(received, handlers, who, allowed, cal):
    call = lambda: s.request_extend(request=received, days=5, decided_on=D("2026-03-20"), approver="李主任",  # noqa: E731
                                    reason="x", actor=handlers[who], calendar=cal)
    if allowed:
        assert call().extension_days == 5
    else:
        with pytest.raises(AccessDenied) as exc:
            call()
        assert exc.value.code == "forbidden"


def test_taxonomy_matches_the_annual_report():
    assert [i.label for i in CATEGORIES.values()] == ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]
    assert [len(i.grounds) for i in CATEGORIES.values()] == [0, 0, 8, 3, 5, 3]
    assert len(table_rows()) == 6 + 8 + 3 + 5 + 3
    info, ground = outcome_check("withheld", "third_party_rights")
    assert (ground.label, ground.article) == ("保护第三方合法权益", "第十五条")
    assert all(g.article.startswith("第") for i in CATEGORIES.values() for g in i.grounds)
    assert CATEGORIES[Category.OTHER].grounds[0].article == "第三十条"


@pytest.mark.parametrize("outcome", [key for key, _row, _label in table_rows() if ":" in key or key in ("disclosed", "partly")])
def test_every_outcome_makes_a_letter_citing_its_article(outcome):
    from gongkai.disclosure_requests.domain.letters import LetterInput, letter_build
    from gongkai.disclosure_requests.domain.outcomes import outcome_article

    category, _sep, ground = outcome.partition(":")
    letter = letter_build(LetterInput("2026-000001", "武汉市统计局", "张*", D("2026-03-02"), "统计公报",
                                      category, ground, "具体说明。", D("2026-03-20")))
    assert outcome_article(category, ground) in letter.text
    assert "《中华人民共和国政府信息公开条例》" in letter.text and "2026年3月20日" in letter.text
