"""依申请公开 requests: the request (with the applicant's personal data), its pauses, the
per-year number sequence. Rules live in domain/; writes in services.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.disclosure_requests.domain.deadline import CHANNEL_LABELS, PAUSE_LABELS
from gongkai.disclosure_requests.domain.outcomes import CATEGORIES
from gongkai.disclosure_requests.domain.states import STATUS_LABELS, Status
from gongkai.disclosure_requests.domain.vocab import (
    APPLICANT_LABELS,
    DELIVERY_FORM_LABELS,
    DELIVERY_METHOD_LABELS,
    ID_LABELS,
)


def _choices(labels: dict) -> list[tuple[str, str]]:
    return [(k.value, v) for k, v in labels.items()]


class RequestNumberSequence(models.Model):
    """The last serial handed out in a year; numbers are global: 2026-000123."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("申请编号序列")
        verbose_name_plural = _("申请编号序列")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class DisclosureRequest(models.Model):
    """One 政府信息公开申请. The applicant block is personal data: only the handling unit and
    the office above it may see it (selectors.request_visible_to / never on public pages)."""

    number = models.CharField(_("申请编号"), max_length=20, unique=True)
    token = models.CharField(_("查询凭证"), max_length=64, unique=True, editable=False)
    # The public form's one-time key: the same form sent twice (a double click, a resend)
    # files one request, not two.
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True,
                                       editable=False)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="disclosure_requests",
                             verbose_name=_("受理机关"))
    status = models.CharField(_("状态"), max_length=24, choices=_choices(STATUS_LABELS),
                              default=Status.SUBMITTED.value, db_index=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    # 第二十九条 (一) applicant
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=_choices(APPLICANT_LABELS))
    applicant_name = models.CharField(_("申请人姓名或名称"), max_length=200)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=_choices(ID_LABELS))
    id_number = models.CharField(_("证件号码"), max_length=40)
    contact_person = models.CharField(_("联系人"), max_length=100, blank=True)
    phone = models.CharField(_("联系电话"), max_length=40)
    address = models.CharField(_("通信地址"), max_length=300, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    # 第二十九条 (二) the information sought
    info_title = models.CharField(_("所需信息名称"), max_length=300, blank=True)
    info_doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    info_description = models.TextField(_("所需信息的内容描述"), blank=True)
    # 第二十九条 (三) form and way of delivery
    delivery_form = models.CharField(_("信息提供形式"), max_length=20, choices=_choices(DELIVERY_FORM_LABELS))
    delivery_method = models.CharField(_("获取方式"), max_length=20, choices=_choices(DELIVERY_METHOD_LABELS))

    # receipt, 第三十一条
    submitted_at = models.DateTimeField(_("提交时间"))
    channel = models.CharField(_("提交方式"), max_length=20, choices=_choices(CHANNEL_LABELS))
    received_on = models.DateField(_("收到申请之日"), null=True, blank=True, db_index=True)
    # 补正, 第三十条
    correction_sent_on = models.DateField(_("补正通知发出日"), null=True, blank=True)
    correction_text = models.TextField(_("补正要求"), blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    correction_received_on = models.DateField(_("收到补正日"), null=True, blank=True)
    # extension, 第三十三条第二款
    extension_days = models.PositiveSmallIntegerField(_("延长工作日数"), default=0)
    extension_on = models.DateField(_("延期决定日"), null=True, blank=True)
    extension_approver = models.CharField(_("延期批准人"), max_length=100, blank=True)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    # reckoned by services whenever the timeline changes (domain.deadline.reckon)
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    due_provisional = models.BooleanField(
        _("答复期限暂定"), default=False,
        help_text=_("期限跨入尚未录入节假日安排的年度，暂按周末计算；录入后自动重新计算"))
    # the answer
    outcome = models.CharField(_("办理结果"), max_length=20, blank=True,
                               choices=[(c.value, i.label) for c, i in CATEGORIES.items()])
    outcome_ground = models.CharField(_("具体情形"), max_length=40, blank=True)
    reply_text = models.TextField(_("答复内容"), blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True, db_index=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("答复人"))
    # 第三十六条第（五）项: not this agency's information; the agency that holds it
    referred_agency = models.CharField(_("负责公开的机关"), max_length=200, blank=True)
    referred_contact = models.CharField(_("该机关的联系方式"), max_length=300, blank=True)
    # 第三十六条第（六）项: the earlier request this one repeats
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="repeats", verbose_name=_("重复的在先申请"))
    # 第四十四条: answered information others ask for too, to be published proactively
    proactive_flagged_on = models.DateField(_("建议主动公开日期"), null=True, blank=True)
    proactive_note = models.TextField(_("主动公开说明"), blank=True)
    proactive_done_on = models.DateField(_("已主动公开日期"), null=True, blank=True)
    # the applicant's online 补正 (第三十条), as sent
    correction_reply = models.TextField(_("申请人补正内容"), blank=True)
    # a short code (with the number) to look the request up without the tracking link
    lookup_code = models.CharField(_("查询码"), max_length=12, blank=True, editable=False)
    # 依申请公开模拟测试: filed by an evaluator; never shown as such to the unit
    is_test = models.BooleanField(default=False, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["unit", "status", "due_on"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(extension_days__lte=20), name="request_extension_max_20"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def information(self) -> str:
        parts = [p for p in (self.info_title, self.info_doc_number and f"（{self.info_doc_number}）") if p]
        text = "".join(parts)
        if self.info_description:
            text = f"{text}：{self.info_description}" if text else self.info_description
        return text


class RequestDesk(models.Model):
    """How a unit takes requests: whether it does (units of kind 其他, such as 内设机构, do not
    unless their desk says so), the channels it offers, the 受理机构 when it is not the unit
    itself, and how fees are paid. Where and when to reach it (address, phone, hours …) is the
    unit's own contact data (``core.Unit.contact_*``), entered once. Kept by the office."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="request_desk",
                                verbose_name=_("单位"))
    accepts_requests = models.BooleanField(_("受理政府信息公开申请"), default=True)
    channels = models.JSONField(_("受理渠道"), default=list, blank=True)
    agency = models.CharField(_("受理机构"), max_length=200, blank=True)
    payment_method = models.CharField(_("信息处理费缴纳方式"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("申请受理点")
        verbose_name_plural = _("申请受理点")

    def __str__(self) -> str:
        return f"{self.unit} {self.agency}"


class RequestFile(models.Model):
    """Information released with the answer (the files the applicant downloads)."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("文件"), upload_to="requests/%Y/")
    name = models.CharField(_("文件名"), max_length=255)
    size = models.PositiveIntegerField(_("大小"), default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        verbose_name = _("公开的政府信息文件")
        verbose_name_plural = _("公开的政府信息文件")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class AssistTask(models.Model):
    """协办 (第三十四条): another unit's opinion on information made jointly, due within 15
    working days of the request for it; no reply by then counts as consent."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="assists")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="assist_tasks",
                             verbose_name=_("协办单位"))
    question = models.TextField(_("征求意见事项"))
    asked_on = models.DateField(_("发出日期"))
    due_on = models.DateField(_("答复期限"))
    due_provisional = models.BooleanField(default=False)
    opinion = models.TextField(_("协办意见"), blank=True)
    replied_on = models.DateField(_("答复日期"), null=True, blank=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 related_name="+")
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("协办任务")
        verbose_name_plural = _("协办任务")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.request} → {self.unit}"


class FeeNotice(models.Model):
    """信息处理费收费通知 (第四十二条); the clock stands still from notice to payment."""

    request = models.OneToOneField(DisclosureRequest, on_delete=models.CASCADE, related_name="fee")
    mode = models.CharField(_("收费方式"), max_length=20)
    count = models.PositiveIntegerField(_("件数或页数"))
    amount = models.PositiveIntegerField(_("金额（元）"))
    description = models.TextField(_("计费说明"))
    payment_method = models.CharField(_("缴纳方式"), max_length=300)
    sent_on = models.DateField(_("通知日期"))
    pay_by = models.DateField(_("缴费期限"))
    pay_by_provisional = models.BooleanField(default=False)
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                related_name="+")

    class Meta:
        verbose_name = _("信息处理费收费通知")
        verbose_name_plural = _("信息处理费收费通知")

    def __str__(self) -> str:
        return f"{self.request} {self.amount}元"


class MockTest(models.Model):
    """依申请公开模拟测试: an evaluator's test request, scored by domain.checks."""

    request = models.OneToOneField(DisclosureRequest, on_delete=models.CASCADE, related_name="mock")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("测评人"))
    note = models.CharField(_("备注"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("依申请公开模拟测试")
        verbose_name_plural = _("依申请公开模拟测试")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return str(self.request)


class RequestPause(models.Model):
    """A stretch during which the clock stands still (第三十二条 third party, 第三十四条 other
    units). `end_on` null: still paused."""

    request = models.ForeignKey(DisclosureRequest, on_delete=models.CASCADE, related_name="pauses")
    kind = models.CharField(_("类型"), max_length=20,
                            choices=[(k.value, v[0]) for k, v in PAUSE_LABELS.items()])
    start_on = models.DateField(_("开始日期"))
    end_on = models.DateField(_("结束日期"), null=True, blank=True)
    party = models.CharField(_("征求意见对象"), max_length=200, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("暂停计时")
        verbose_name_plural = _("暂停计时")
        ordering = ["start_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_on}–{self.end_on or ''}"
