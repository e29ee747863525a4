"""Demo: 依申请公开 requests from January 2025 to now for the demo units (`gongkai demo`). Idempotent.

Answered on time, answered late, still open (one overdue), one with a 补正 notice, one
extended, one paused for a third party's opinion, one closed for no correction, and a few
received in December 2025 and carried into 2026. Everything goes through the services, so the
audit log, deadlines and statistics are the real ones.

Then the desks of the two handling units (channels, payment marked 演示), and one request
each for the staff's newer steps: 转办 (第三十六条第五项), 协办 asked of 新洲区 (第三十四条), a fee
notice (第四十二条), an answer flagged for 主动公开 (第四十四条), a 重复申请 linked to its earlier
request, and an evaluator's 模拟测试 request waiting for 市政府办公厅 to receive it.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.core.calendar import work_calendar
from gongkai.core.models import Unit, User
from gongkai.disclosure_requests import services as s
from gongkai.disclosure_requests.domain.outcomes import table_rows
from gongkai.disclosure_requests.models import DisclosureRequest

DEMO_EMAIL_DOMAIN = "demo.gongkai.invalid"

# unit full name → demo username that handles its requests (the city office covers the rest)
HANDLERS = {
    "武汉市人民政府办公厅": "submitter",
    "新洲区人民政府": "xinzhou",
}
UNITS = ["武汉市人民政府办公厅", "新洲区人民政府", "武汉市统计局", "武汉市发展和改革委员会",
         "武汉市市场监督管理局", "武汉市自然资源和规划局"]
TOPICS = [
    ("武汉市统计管理办法", "市人民政府令第152号"),
    ("2025年度区级财政预算执行情况", ""),
    ("关于进一步加强政务公开工作的通知", "武政办〔2014〕153号"),
    ("某地块国有建设用地使用权出让的规划条件", ""),
    ("2026年第一季度食品安全抽检结果", ""),
    ("老旧小区改造项目资金使用明细", ""),
    ("重大行政决策事项目录", "武政〔2024〕1号"),
    ("某企业环境影响评价批复文件", ""),
]
NAMES = ["陈晓明", "刘芳", "王建国", "李娜", "张伟", "赵磊", "孙丽", "周强"]
ORGS = {"commercial": "武汉某某科技有限公司", "research": "某某大学城市治理研究院",
        "public_interest": "某某环保公益服务中心", "legal_service": "湖北某某律师事务所",
        "other": "某某业主委员会"}


def _id_card(rng: random.Random) -> str:
    body = f"420102{rng.randrange(1960, 2000)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}{rng.randrange(100, 999)}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def _at(d: date) -> datetime:
    return timezone.make_aware(datetime.combine(d, datetime.min.time().replace(hour=10)))


def load(*, stdout) -> None:
    if DisclosureRequest.objects.filter(email__endswith="@" + DEMO_EMAIL_DOMAIN).exists():
        stdout.write("依申请公开：演示数据已存在，跳过")
        return
    units = {u.full_name: u for u in Unit.objects.filter(full_name__in=UNITS)}
    users = {u.username: u for u in User.objects.filter(username__in=[*HANDLERS.values(), "office"])}
    if len(units) < len(UNITS) or "office" not in users:
        stdout.write("依申请公开：缺少演示单位或用户，跳过（请先载入 core 演示数据）")
        return
    with transaction.atomic():
        sample = _load(units, users, work_calendar())
        _journeys(units, users, work_calendar())
    stdout.write(f"依申请公开：演示申请 {DisclosureRequest.objects.count()} 件；"
                 f"示例查询页 /requests/track/{sample.token}/ ；办理 /requests/manage/")


def _load(units, users, calendar) -> DisclosureRequest:
    rng = random.Random(2026)
    today = timezone.localdate()
    # 其他处理 arises from the flow itself (逾期不补正); answers draw from the other rows
    outcome_keys = [k for k, _row, _label in table_rows()
                    if (":" in k or k in ("disclosed", "partly")) and not k.startswith("other")]
    weights = {"disclosed": 30, "partly": 10, "unavailable:not_held": 6}
    weights = [weights.get(k, 1) for k in outcome_keys]
    types = ["natural"] * 6 + list(ORGS)
    sample = None
    day = date(2025, 1, 6)  # a full year 2025 (the assessment's demo period) and 2026 so far
    i = 0
    last_receipt = min(today, date(2026, 11, 20))  # later receipts would need 2027's holidays
    while day <= last_receipt:
        i += 1
        unit = units[UNITS[i % len(UNITS)]]
        actor = users.get(HANDLERS.get(unit.full_name, "office")) or users["office"]
        applicant_type = types[i % len(types)]
        title, doc_number = TOPICS[i % len(TOPICS)]
        channel = ["online", "in_person", "registered_mail", "online"][i % 4]
        natural = applicant_type == "natural"
        req = s.request_submit(
            unit=unit, applicant_type=applicant_type,
            applicant_name=NAMES[i % len(NAMES)] if natural else ORGS[applicant_type],
            id_type="id_card" if natural else "credit_code",
            id_number=_id_card(rng) if natural else f"91420100MA4K{rng.randrange(100000, 999999)}",
            phone=f"1390271{rng.randrange(1000, 9999)}", address="武汉市江汉区新华路1号",
            email=f"applicant{i}@{DEMO_EMAIL_DOMAIN}", info_title=title, info_doc_number=doc_number,
            delivery_form="electronic", delivery_method="email", channel=channel, submitted_at=_at(day),
        )
        req = s.request_receive(
            request=req, channel=channel, actor=actor, submitted_on=day,
            signed_on=day if channel == "registered_mail" else None,
            confirmed_on=day if channel == "online" else None, calendar=calendar,
        )
        special = i % 10
        if special == 3:  # 补正, then the corrected request
            sent = s.request_correction_send(request=req, sent_on=calendar.add_workdays(day, 3).date,
                                             text="请写明所需信息的年份和具体范围。", actor=actor, calendar=calendar)
            back = sent.correction_sent_on + timedelta(days=6)
            if i % 20 == 3 and sent.correction_due_on < today:  # never corrected: closed (第三十条)
                req = s.request_close_no_correction(request=req, closed_on=sent.correction_due_on + timedelta(days=1),
                                                    actor=actor)
            elif back <= today:
                req = s.request_correction_receive(request=req, received_on=back, actor=actor, calendar=calendar)
            else:
                req = sent
        elif special == 5 and req.due_on and req.due_on - timedelta(days=7) <= today:  # extension
            req = s.request_extend(request=req, days=15, decided_on=req.due_on - timedelta(days=7),
                                   approver="市政务公开办主任", reason="所需信息涉及多个处室，需汇总核实。",
                                   actor=actor, calendar=calendar)
        elif special == 7:  # third party consulted for a week
            start = calendar.add_workdays(day, 5).date
            if start + timedelta(days=7) <= today:
                req = s.request_pause(request=req, kind="third_party", start_on=start, party="武汉某某科技有限公司",
                                      note="涉及商业秘密，征求第三方意见。", actor=actor, calendar=calendar)
                req = s.request_resume(request=req, end_on=start + timedelta(days=7), actor=actor, calendar=calendar)
        leave_open = i % 30 == 9  # never answered: overdue by now
        if not leave_open and req.status == "processing" and req.due_on:
            late = rng.random() < 0.12
            answered = req.due_on + timedelta(days=rng.randrange(1, 8)) if late else (
                req.due_on - timedelta(days=rng.randrange(0, 18)))
            answered = max(answered, req.correction_received_on or req.received_on)
            if answered <= today - timedelta(days=2):
                key = rng.choices(outcome_keys, weights)[0]
                category, _sep, ground = key.partition(":")
                req = s.request_answer(request=req, category=category, ground=ground,
                                       reply_text="相关信息见附件；如需纸质件，请与本机关联系。",
                                       answered_on=answered, actor=actor, calendar=calendar)
                sample = sample or req
        day += timedelta(days=rng.choice([3, 5, 7, 8]))
    return sample or DisclosureRequest.objects.first()


def _journeys(units, users, calendar) -> None:
    office_unit, district = units["武汉市人民政府办公厅"], units["新洲区人民政府"]
    office_user, clerk = users["office"], users.get("submitter") or users["office"]
    # The desk's own part only: address, phone and hours are the unit's contact data, which
    # no seed or corpus document states for these units, so the demo leaves them to the office.
    for unit in (office_unit, district):
        s.desk_save(actor=office_user, unit=unit, accepts_requests=True,
                    channels=["in_person", "registered_mail", "ordinary_mail", "online", "fax"],
                    payment_method="转账至同级财政非税收入账户（演示）")
    today = timezone.localdate()
    start = min(today, date(2026, 11, 20)) - timedelta(days=21)

    def fresh(i: int, title: str, **extra):
        d = start + timedelta(days=i)
        while d.weekday() >= 5:
            d += timedelta(days=1)
        fields = dict(applicant_type="natural", applicant_name="周强", id_type="id_card",
                      id_number="42010219800101001X", phone="13902710000", email=f"journey{i}@{DEMO_EMAIL_DOMAIN}",
                      info_title=title, delivery_form="electronic", delivery_method="email")
        fields.update(extra)
        req = s.request_submit(unit=office_unit, channel="online", submitted_at=_at(d), **fields)
        return s.request_receive(request=req, channel="online", actor=clerk, confirmed_on=d, calendar=calendar), d

    req, d = fresh(0, "某地块国有建设用地使用权出让的规划条件")
    s.request_refer(request=req, agency="武汉市自然资源和规划局", contact="（演示）027-00000000",
                    answered_on=d + timedelta(days=3), actor=clerk)
    req, d = fresh(1, "新洲区与市政府办公厅联合印发的老旧小区改造实施方案")
    s.request_assist_ask(request=req, unit=district, question="该方案由贵区牵头起草，是否同意公开？",
                         asked_on=d + timedelta(days=2), actor=clerk, calendar=calendar)
    req, d = fresh(2, "2025年度政务公开工作会议纪要汇编（约60页）")
    s.request_fee_notice(request=req, mode="by_volume", count=60, sent_on=d + timedelta(days=2),
                         payment_method="", actor=clerk, calendar=calendar)
    first, d = fresh(3, "武汉市统计管理办法")
    first = s.request_answer(request=first, category="disclosed", reply_text="见附件。",
                             answered_on=d + timedelta(days=2), actor=clerk, calendar=calendar)
    s.request_proactive_flag(request=first, note="多名申请人申请同一信息，建议主动公开。",
                             flagged_on=d + timedelta(days=3), actor=clerk)
    again, d = fresh(6, "武汉市统计管理办法")
    s.request_answer(request=again, category="not_handled", ground="repeated",
                     reply_text="您已于此前申请并获答复，本次申请属于重复申请。", answered_on=d + timedelta(days=1),
                     actor=clerk, calendar=calendar, duplicate_of=first.number)
    evaluator = User.objects.filter(username="evaluator").first()
    if evaluator is not None:
        s.mock_request_file(actor=evaluator, unit=office_unit, channel="online", applicant_type="natural",
                            applicant_name="测评员", id_type="id_card", id_number="42010219800101001X",
                            phone="13902719999", info_title="2025年政府信息公开工作年度报告",
                            delivery_form="electronic", delivery_method="online",
                            note="演示：第三方机构模拟测试", submitted_at=_at(start + timedelta(days=14)))
