"""Demo (`gongkai.demo.proposals`): 2024 人大代表建议 and 政协委员提案 with replies, feedback, a
re-reply, replies published in full and the yearly summary (`gongkai demo`). Idempotent.

Registered, answered and published through the services; the first one is the 政协 建议案 of
seed 11 (武政办〔2021〕20号, 老旧小区改造), whose reply is published in full because it is of
broad concern (seed 13: 对社会广泛关注、关系国计民生的建议和提案，主办单位原则上要公开答复全文)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core.models import Unit, User

# kind, session, number, title, author, main unit, co units, assigned, reply (code, text, day) or None,
# satisfaction, publish
ITEMS = [
    ("proposal", "市政协十四届三次会议", "2", "关于加快老旧小区改造进一步提升城市品质的建议案", "市政协城建委",
     "武汉市发展和改革委员会", ["武汉市财政局", "新洲区人民政府"], date(2024, 3, 1),
     ("B", "我委会同市财政局、各区人民政府对2000年前建成需改造的老旧小区进行了摸底，已将300个小区纳入2024年改造计划，"
           "资金渠道已经明确，改造过程中将引导居民参与，补齐基础设施和基层治理短板。", date(2024, 6, 20)),
     "satisfied", True),
    ("suggestion", "市十五届人大三次会议", "128", "关于进一步做好政府信息公开工作的建议", "张代表",
     "武汉市统计局", ["武汉市人民政府办公厅"], date(2024, 3, 5),
     ("A", "您提出的建议收悉。我局已在政府信息公开专栏按季度发布统计数据和解读材料，统计报送工作纳入年度考评，"
           "建议所提问题已经解决。", date(2024, 5, 28)),
     "unsatisfied", True),
    ("suggestion", "市十五届人大三次会议", "203", "关于新洲区农村公路养护的建议", "李代表",
     "新洲区人民政府", [], date(2024, 3, 5),
     ("C", "您提出的建议收悉。受年度资金安排限制，农村公路提档升级暂无法全部实施，我区将在编制下一年度计划时统筹考虑，"
           "建议留作参考。", date(2024, 6, 12)),
     "basic", False),
    ("proposal", "市政协十四届三次会议", "57", "关于规范行政规范性文件备案审查的提案", "陈委员",
     "武汉市司法局", [], date(2024, 3, 1), None, "", False),
]
RE_REPLY = ("根据代表意见，我局再次研究办理：统计数据发布增加了图解和问答，并在每季度首月20日前发布，"
            "已与张代表当面沟通。")


@transaction.atomic
def _build(stdout) -> None:
    from gongkai.proposals import services

    supervisor = User.objects.filter(username="duchashi").first()
    if supervisor is None:
        stdout.write("建议提案演示数据：缺少督查室账号，跳过")
        return
    units = {u.full_name: u for u in Unit.objects.all()}
    for kind, session, number, title, author, main, co, assigned, reply, satisfaction, publish in ITEMS:
        if main not in units:
            continue
        p = services.proposal_register(kind=kind, session=session, number=number, title=title, author=author,
                                       main_unit=units[main], co_units=[units[c] for c in co if c in units],
                                       assigned_on=assigned, broad_concern=publish, actor=supervisor)
        for co_name in co:
            if co_name in units:
                services.co_opinion_submit(proposal=p, unit=units[co_name], sent_on=date(2024, 3, 25), actor=None,
                                           text=f"{co_name}同意主办单位的办理意见，并将在职责范围内配合落实。")
        if reply is None:
            continue
        code, text, day = reply
        first = services.reply_submit(proposal=p, result_code=code, text=text, signer="主要负责人",
                                      replied_on=day, actor=None)
        services.feedback_record(proposal=p, satisfaction=satisfaction, actor=supervisor,
                                 note="希望进一步加大公开力度" if satisfaction == "unsatisfied" else "")
        if publish:
            services.reply_publish(reply=first, actor=supervisor)
        if satisfaction == "unsatisfied":
            second = services.reply_submit(proposal=p, result_code="A", text=RE_REPLY, signer="主要负责人",
                                           replied_on=date(2024, 6, 25), actor=None)
            services.feedback_record(proposal=p, satisfaction="satisfied", actor=supervisor)
            services.reply_publish(reply=second, actor=supervisor)
    city = units.get("武汉市人民政府")
    if city is not None:
        services.summary_publish(year=2024, unit=city, day=date(2025, 1, 10), actor=supervisor)


def load(*, stdout) -> None:
    from gongkai.proposals.models import Proposal

    if not Proposal.objects.filter(year=2024).exists():
        _build(stdout)
    stdout.write(f"建议提案：{Proposal.objects.count()} 件，"
                 f"公开答复 {Proposal.objects.filter(replies__document__isnull=False).distinct().count()} 件")
