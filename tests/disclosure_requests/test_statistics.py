"""Annual-report table 三 and 按时答复 on a generated year of requests, built through the services."""

import random
from collections import Counter
from datetime import date, timedelta

import pytest

from gongkai.core.domain.workdays import WorkCalendar
from gongkai.disclosure_requests import services as s
from gongkai.disclosure_requests.domain.outcomes import table_rows
from gongkai.disclosure_requests.domain.vocab import ApplicantType
from gongkai.disclosure_requests.models import DisclosureRequest
from gongkai.disclosure_requests.selectors import (
    TableIdentityError,
    annual_table_three,
    annual_table_three_for_unit,
    answered_on_time,
    on_time_share,
)

D = date.fromisoformat
ID_FOR = {"natural": ("id_card", "11010519491231002X")}


@pytest.fixture
def cal2027():
    """2026 from chinesecalendar, 2027 as the office would enter it (元旦 only, for the test)."""
    return WorkCalendar(extra_holidays={D("2027-01-01"): "元旦"}, known_years=[2027])


def _file(file_request, unit, applicant_type, submitted):
    id_type, number = ID_FOR.get(applicant_type, ("credit_code", "91420100MA4K0000X1"))
    return file_request(unit=unit, submitted=submitted, applicant_type=applicant_type, id_type=id_type,
                        id_number=number, applicant_name="申请人" + applicant_type)


@pytest.fixture
def year_of_requests(unit_tree, handlers, file_request, cal2027):
    """50 requests to 市统计局 and 新洲区: some from late 2025 carried into 2026, most received
    and answered in 2026, some still open at the end of 2026. Returns the plan to check against."""
    rng = random.Random(20261126)
    outcome_keys = [k for k, _row, _label in table_rows()
                    if (":" in k or k in ("disclosed", "partly"))
                    and k not in ("other:no_correction", "other:fee_unpaid")]  # these need their own steps
    types = [t.value for t in ApplicantType]
    plan = []
    clerks = {unit_tree["stats"].pk: handlers["stats"], unit_tree["district"].pk: handlers["district"]}
    answered_numbers: dict[int, str] = {}  # a 重复申请 names the applicant's earlier answered one
    for i in range(50):
        unit = unit_tree["stats"] if i % 3 else unit_tree["district"]
        clerk = clerks[unit.pk]
        received = D("2025-11-20") + timedelta(days=rng.randrange(0, 400))  # up to 2026-12-25
        applicant_type = rng.choice(types)
        req = _file(file_request, unit, applicant_type, received)
        req = s.request_receive(request=req, channel="in_person", actor=clerk, calendar=cal2027)
        answered = None
        key = None
        if rng.random() < 0.85:
            answered = received + timedelta(days=rng.randrange(1, 45))
            key = rng.choice(outcome_keys)
            category, _sep, ground = key.partition(":")
            s.request_answer(request=req, category=category, ground=ground, reply_text="答复。",
                             answered_on=answered, actor=clerk, calendar=cal2027,
                             duplicate_of=answered_numbers.get(unit.pk, "") if ground == "repeated" else "")
            answered_numbers[unit.pk] = req.number
        plan.append({"type": applicant_type, "received": received, "answered": answered, "key": key,
                     "unit": unit.pk, "due": req.due_on})
    return plan


def test_table_three_counts_identity_and_office_total(unit_tree, year_of_requests):
    plan = year_of_requests
    units = {unit_tree["stats"].pk, unit_tree["district"].pk}
    table = annual_table_three(units, 2026, strict=True)
    start, end = D("2026-01-01"), D("2026-12-31")
    new = Counter(p["type"] for p in plan if start <= p["received"] <= end)
    over = Counter(p["type"] for p in plan if p["received"] < start and not (p["answered"] and p["answered"] < start))
    done = [p for p in plan if p["answered"] and start <= p["answered"] <= end]
    forward = Counter(p["type"] for p in plan if p["received"] <= end and not (p["answered"] and p["answered"] <= end))
    for t in ApplicantType:
        assert table["new"][t.value] == new[t.value]
        assert table["carried_over"][t.value] == over[t.value]
        assert table["carried_forward"][t.value] == forward[t.value]
        assert table["total"][t.value] == sum(1 for p in done if p["type"] == t.value)
    assert table["new"]["total"] == sum(new.values()) > 30
    assert table["carried_over"]["total"] > 0 and table["carried_forward"]["total"] > 0
    # every outcome row, and the category rows sum their grounds
    by_key = Counter(p["key"] for p in done)
    for key, _row, _label in table_rows():
        if ":" in key:
            assert table["outcomes"][key]["total"] == by_key[key], key
        else:
            assert table["outcomes"][key]["total"] == sum(n for k, n in by_key.items() if k.split(":")[0] == key)
    # 一 + 二 = 三(七) + 四, per column
    assert table["identity_ok"]
    for c in table["columns"]:
        assert table["new"][c] + table["carried_over"][c] == table["total"][c] + table["carried_forward"][c]
    # the office's table aggregates the units below it
    city = annual_table_three_for_unit(unit_tree["city"], 2026)
    stats = annual_table_three({unit_tree["stats"].pk}, 2026)
    district = annual_table_three({unit_tree["district"].pk}, 2026)
    assert city["new"]["total"] == stats["new"]["total"] + district["new"]["total"]
    assert city["total"]["total"] == stats["total"]["total"] + district["total"]["total"]
    assert annual_table_three({unit_tree["office"].pk}, 2026)["new"]["total"] == 0


def test_broken_identity_is_flagged_and_raised(unit_tree, handlers, file_request, cal):
    req = file_request(submitted=D("2026-03-02"))
    req = s.request_receive(request=req, channel="in_person", actor=handlers["stats"], calendar=cal)
    s.request_answer(request=req, category="disclosed", reply_text="x", answered_on=D("2026-03-10"),
                     actor=handlers["stats"])
    # data that did not come through the services (e.g. a bad import): answered, never received
    DisclosureRequest.objects.filter(pk=req.pk).update(received_on=None)
    table = annual_table_three({unit_tree["stats"].pk}, 2026)
    assert not table["identity_ok"] and "natural" in table["identity_errors"]
    with pytest.raises(TableIdentityError, match="自然人"):
        annual_table_three({unit_tree["stats"].pk}, 2026, strict=True)


@pytest.fixture
def timeliness_cases(unit_tree, handlers, file_request, cal):
    """Four requests received 2026-03-02 (due 2026-03-30) and one on 2026-04-01 (due 2026-04-30)."""
    clerk = handlers["stats"]
    out = {}
    for name, answered in [("on_time", "2026-03-30"), ("late", "2026-04-02"), ("open_late", None),
                           ("closed_no_correction", None)]:
        req = s.request_receive(request=file_request(submitted=D("2026-03-02")), channel="in_person",
                                actor=clerk, calendar=cal)
        if answered:
            s.request_answer(request=req, category="disclosed", reply_text="x", answered_on=D(answered),
                             actor=clerk)
        out[name] = req
    req = out["closed_no_correction"]
    s.request_correction_send(request=req, sent_on=D("2026-03-03"), text="补正", period_workdays=5,
                              actor=clerk, calendar=cal)
    s.request_close_no_correction(request=req, closed_on=D("2026-03-16"), actor=clerk)
    out["not_yet_due"] = s.request_receive(request=file_request(submitted=D("2026-04-01")), channel="in_person",
                                           actor=clerk, calendar=cal)
    return out


def test_answered_on_time(unit_tree, timeliness_cases):
    rows = {r.request_id: r for r in answered_on_time({unit_tree["stats"].pk}, D("2026-01-01"), D("2026-04-15"))}
    c = timeliness_cases
    assert rows[c["on_time"].pk].on_time is True and rows[c["on_time"].pk].due == D("2026-03-30")
    assert rows[c["late"].pk].on_time is False and rows[c["late"].pk].answered_on == D("2026-04-02")
    assert rows[c["open_late"].pk].on_time is False and rows[c["open_late"].pk].answered_on is None
    assert rows[c["not_yet_due"].pk].on_time is None
    # closed for no correction: its clock was stopped, it has no due date and is not judged
    assert c["closed_no_correction"].pk not in rows
    assert on_time_share({unit_tree["stats"].pk}, D("2026-01-01"), D("2026-04-15")) == pytest.approx(1 / 3)
    assert on_time_share({unit_tree["district"].pk}, D("2026-01-01"), D("2026-04-15")) is None
    # the period decides: by the end of March only the on-time answer and the open one are due
    march = {r.request_id: r.on_time for r in answered_on_time({unit_tree["stats"].pk}, D("2026-03-01"), D("2026-03-31"))}
    assert march[c["on_time"].pk] is True and march[c["late"].pk] is False
