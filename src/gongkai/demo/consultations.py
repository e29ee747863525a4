"""Demo of 征求意见: one open and one closed consultation with its feedback, and a 重大行政决策事项目录
(`gongkai demo`). Idempotent. Everything goes through the services.

The drafts are real texts from the seed, never generated:
* open — 《武汉市重大行政决策公开征求意见规定》 (seed 15, 武政规〔2017〕1号, now 失效) put out
  again as a 修订征求意见稿 of the city office, with a 起草说明 stating why (the State Council's
  《重大行政决策程序暂行条例》 of 2019) and a hearing announced;
* closed — 《武汉市人民政府办公厅关于建立和完善政府信息公开工作长效机制的意见》 (seed 12,
  武政办〔2014〕180号) as its 征求意见稿 of September 2014, recorded as run on the city's site,
  with letters, e-mails and online comments, the main views, the decisions and the published
  feedback, linked to the final document the seed import published.
The comments are short demo texts written for this purpose (no real person's words).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from gongkai.consultations import services as s
from gongkai.consultations.models import Consultation, DecisionCatalog
from gongkai.core.models import Unit, User

UNIT = "武汉市人民政府办公厅"
OPEN_TITLE = "武汉市重大行政决策公开征求意见规定（修订征求意见稿）"
CLOSED_TITLE = "武汉市人民政府办公厅关于建立和完善政府信息公开工作长效机制的意见（征求意见稿）"


def _seed_text(prefix: str) -> str:
    from gongkai.demo.documents import SEED_DIR as seed_dir

    path = next(seed_dir.glob(f"{prefix}-*.txt"))
    return path.read_text(encoding="utf-8")


def _articles(text: str) -> str:
    """One article (第X条) per paragraph, as the draft is laid out."""
    text = re.sub(r"\s*(第[一二三四五六七八九十百]+条)", r"\n\1 ", text)
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _open_draft() -> str:
    text = _seed_text("15")
    start = text.index("武汉市重大行政决策公开征求意见规定第一条")
    body = text[start:].replace("武汉市重大行政决策公开征求意见规定", "", 1)
    from gongkai.ingest.services import display_text

    return display_text("武汉市重大行政决策公开征求意见规定\n（修订征求意见稿）\n" + _articles(body))


def _closed_draft() -> str:
    text = _seed_text("12")
    start = text.index("各区人民政府")
    body = text[start:]
    body = re.sub(r"\s*([一二三四五六七八九十]+、)", r"\n\1", body)
    from gongkai.ingest.services import display_text

    return display_text("武汉市人民政府办公厅关于建立和完善政府信息公开工作长效机制的意见\n（征求意见稿）\n" + body)


OPEN_EXPLANATION = (
    "一、修订的必要性。《武汉市重大行政决策公开征求意见规定》（武政规〔2017〕1号）施行以来，"
    "对规范我市重大行政决策公开征求意见发挥了作用。2019年国务院公布《重大行政决策程序暂行条例》，"
    "对公开征求意见的途径、期限和意见采纳情况的反馈作出了新的规定，原规定已失效，需要修订。\n"
    "二、修订的主要内容。明确公开征求意见的期限一般不少于30日，因情况紧急需要缩短的应当说明理由；"
    "明确通过政府网站、信函、电子邮件、传真等途径收集意见；明确征求意见结束后公布意见采纳情况，"
    "对不予采纳的意见说明理由。\n"
    "三、说明。本征求意见稿为演示数据，条文取自原规定（种子文件15）。"
)
CLOSED_EXPLANATION = (
    "为贯彻《中华人民共和国政府信息公开条例》，建立和完善政府信息公开工作长效机制，"
    "市政府办公厅起草了本意见，明确政府信息公开工作职责、工作程序和监督考核。"
    "（演示数据：征求意见稿正文取自正式印发的武政办〔2014〕180号文件，即种子文件12。）"
)
CHANNELS_OPEN = [
    {"channel": "online"},
    {"channel": "letter", "address": "武汉市江岸区沿江大道188号 武汉市人民政府办公厅（邮编430014），信封注明“重大行政决策征求意见”"},
    {"channel": "email", "address": "zqyj@demo.gongkai.invalid"},
    {"channel": "fax", "address": "027-00000000"},
]
CLOSED_COMMENTS = [
    ("letter", 2, "建议明确各单位政府信息公开工作机构的人员配备，避免由其他岗位兼任后工作无人负责。"),
    ("email", 5, "建议将信息发布审核时限写进文件，例如公布之日起若干个工作日内发布，便于考核。"),
    ("online", 8, "希望定期公布依申请公开的办理情况和答复时限，方便群众了解进度。"),
    ("online", 12, "文件中的“保密审查”岗位职责较原则，建议列出审查要点。"),
    ("online", 15, "加快手机上查文件的功能建设。"),
    ("email", 20, "建议对考核结果在一定范围内通报，并与年度绩效考核挂钩。"),
]
CLOSED_VIEWS = [
    ("明确政府信息公开工作机构和人员，落实岗位责任", [1], "adopted", ""),
    ("规定信息发布的时限并纳入考核", [2, 6], "partly",
     "发布时限已在第二部分明确为“及时发布”，具体工作日数由市政务公开办在年度考评方案中规定；考核结果通报的建议予以采纳。"),
    ("公开依申请公开办理情况，细化保密审查要点", [3, 4], "not_adopted",
     "依申请公开办理情况按条例第五十条在政府信息公开工作年度报告中公布；保密审查要点由保密工作部门另行规定，不宜在本意见中列举。"),
    ("建设移动端查询功能", [5], "adopted", "已列入政府门户网站改版任务。"),
]


def _aware(d: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(d, datetime.min.time()).replace(hour=hour))


def _build_open(unit: Unit, actor: User, office: User, item) -> Consultation:
    today = timezone.localdate()
    c = s.consultation_create(
        actor=actor, unit=unit, kind="major_decision", title=OPEN_TITLE, body=_open_draft(),
        explanation=OPEN_EXPLANATION, start_date=today - timedelta(days=5),
        end_date=today + timedelta(days=25), channels=CHANNELS_OPEN,
        contact="市政府办公厅法规处，027-00000000", moderation="pre", visibility="immediate", item=item)
    c = s.consultation_publish(actor=office, consultation=c)  # the 公开办 publishes the draft
    first = s.comment_submit(consultation=c, body="建议第四条增加“依法不得公开”的具体情形或引用依据。",
                             article="第四条")
    s.comment_moderate(actor=actor, comment=first, publish=True)
    s.comment_submit(consultation=c, body="建议规定征求意见结束后多少日内公布采纳情况。", article="第六条")
    s.comment_enter(actor=actor, consultation=c, channel="letter", received_on=today - timedelta(days=1),
                    body="来信：建议对涉及群众切身利益的决策同时召开听证会，并提前公布听证材料。")
    held = _aware(today + timedelta(days=35), 9)
    s.hearing_announce(
        actor=actor, consultation=c, title="《武汉市重大行政决策公开征求意见规定（修订征求意见稿）》听证会",
        announcement="为听取社会各界对修订征求意见稿的意见，市人民政府办公厅决定举行听证会。"
                     "欢迎市民报名参加，听证参加人从报名者中按不同观点、职业等因素确定。",
        held_at=held, place="武汉市民之家三楼听证室", registration_end=today + timedelta(days=25), seats=12,
        materials="听证会举行前公布：修订征求意见稿、起草说明、征求意见期间收到的主要意见。")
    return c


def _build_closed(unit: Unit, actor: User, office: User) -> Consultation:
    start, end = date(2014, 9, 1), date(2014, 9, 30)
    c = s.consultation_create(
        actor=actor, unit=unit, kind="normative", title=CLOSED_TITLE, body=_closed_draft(),
        explanation=CLOSED_EXPLANATION, start_date=start, end_date=end,
        channels=[{"channel": "online"}, {"channel": "letter", "address": "武汉市江岸区沿江大道188号（邮编430014）"},
                  {"channel": "email", "address": "xxgk@demo.gongkai.invalid"}],
        contact="市政府办公厅政务公开处", moderation="pre", visibility="after_close")
    c = s.consultation_publish(actor=office, consultation=c, published_elsewhere=True)
    numbers = {}
    for i, (channel, day, body) in enumerate(CLOSED_COMMENTS, 1):
        comment = s.comment_enter(actor=actor, consultation=c, channel=channel, body=body,
                                  received_on=start + timedelta(days=day))
        numbers[i] = comment.pk
    for summary, which, decision, reason in CLOSED_VIEWS:
        view = s.view_save(actor=actor, consultation=c, summary=summary)
        s.comments_assign(actor=actor, consultation=c, comment_ids=[numbers[n] for n in which], view=view)
        s.view_decide(actor=actor, view=view, decision=decision, reason=reason)
    c = s.feedback_publish(actor=actor, consultation=c,
                           summary="感谢社会各界对政府信息公开工作的关心和支持。")
    from gongkai.documents.models import Document

    final = Document.objects.filter(doc_number="武政办〔2014〕180号", state="published").first()
    if final is not None:
        c = s.final_document_link(actor=actor, consultation=c, document=final)
    return c


@transaction.atomic
def load(*, stdout) -> None:
    unit = Unit.objects.filter(full_name=UNIT).first()
    actor = User.objects.filter(username="submitter").first()
    office = User.objects.filter(username="office").first()
    if unit is None or actor is None or office is None:
        stdout.write("征求意见演示数据：缺少演示单位或账号，跳过")
        return
    year = timezone.localdate().year
    catalog = DecisionCatalog.objects.filter(unit=unit, year=year).first()
    if catalog is None:
        catalog = s.catalog_save(actor=actor, unit=unit, year=year,
                                 note="依据《重大行政决策程序暂行条例》第十条编制，实行动态调整。")
        item = s.decision_item_save(actor=actor, catalog=catalog, title="修订武汉市重大行政决策公开征求意见规定",
                                    lead_unit_name="武汉市人民政府办公厅", planned_time=f"{year}年第四季度",
                                    status="drafting", needs_hearing=True)
        s.decision_item_save(actor=actor, catalog=catalog, title="制定武汉市政务公开工作考评办法",
                             lead_unit_name="武汉市人民政府办公厅", planned_time=f"{year + 1}年第一季度")
        s.catalog_publish(actor=actor, catalog=catalog)
    else:
        item = catalog.items.first()
    made = []
    if not Consultation.objects.filter(title=OPEN_TITLE).exists():
        made.append(_build_open(unit, actor, office, item))
    if not Consultation.objects.filter(title=CLOSED_TITLE).exists():
        made.append(_build_closed(unit, actor, office))
    stdout.write(f"征求意见 {Consultation.objects.count()} 件（新建 {len(made)}），"
                 f"重大行政决策事项目录 {DecisionCatalog.objects.count()} 份")
