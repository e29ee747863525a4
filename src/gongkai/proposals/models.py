"""建议提案办理: the register, 会办 opinions, replies and the deputies' feedback."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.proposals.domain.rules import STATE_LABELS, State


class Proposal(models.Model):
    """一件人大代表建议或政协委员提案, assigned to a 主办单位 with 会办单位."""

    kind = models.CharField(_("类别"), max_length=20)  # a key of rules.yaml kinds
    year = models.PositiveSmallIntegerField(_("年度"))
    session = models.CharField(_("届次"), max_length=100)  # 市十五届人大三次会议
    number = models.CharField(_("编号"), max_length=30)
    title = models.CharField(_("标题"), max_length=300)
    author = models.CharField(_("代表或委员"), max_length=200)
    main_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="main_proposals",
                                  verbose_name=_("主办单位"))
    co_units = models.ManyToManyField(Unit, blank=True, related_name="co_proposals", verbose_name=_("会办单位"))
    assigned_on = models.DateField(_("交办日期"))
    due_date = models.DateField(_("答复期限"))
    extension_months = models.PositiveSmallIntegerField(_("延期（月）"), default=0)
    extension_approval = models.CharField(_("延期批准"), max_length=200, blank=True)
    broad_concern = models.BooleanField(_("社会广泛关注"), default=False,
                                        help_text=_("社会广泛关注、关系国计民生的，原则上公开答复全文"))
    state = models.CharField(_("状态"), max_length=20, default=State.ASSIGNED.value,
                             choices=[(k.value, v) for k, v in STATE_LABELS.items()], db_index=True)
    satisfaction = models.CharField(_("代表委员反馈"), max_length=20, blank=True)
    feedback_note = models.TextField(_("反馈意见"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("建议提案")
        verbose_name_plural = _("建议提案")
        ordering = ["-year", "kind", "number"]
        constraints = [models.UniqueConstraint(fields=["kind", "session", "number"], name="proposals_number_once")]

    def __str__(self) -> str:
        return f"第{self.number}号 {self.title}"


class CoOpinion(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="co_opinions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("会办单位"))
    text = models.TextField(_("会办意见"))
    sent_on = models.DateField(_("送主办单位日期"))
    on_time = models.BooleanField(_("按期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("会办意见")
        verbose_name_plural = _("会办意见")
        constraints = [models.UniqueConstraint(fields=["proposal", "unit"], name="proposals_co_opinion_once")]

    def __str__(self) -> str:
        return f"{self.unit} 会办意见"


class Reply(models.Model):
    """The 主办单位's reply letter (答复函) with its result code; a second one after 不满意."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="replies")
    sequence = models.PositiveSmallIntegerField(_("第几次答复"), default=1)
    result_code = models.CharField(_("办理结果"), max_length=10)
    text = models.TextField(_("答复全文"))
    signer = models.CharField(_("签发人"), max_length=100)
    replied_on = models.DateField(_("答复日期"))
    due_date = models.DateField(_("答复期限"))
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("公开的文件"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("答复")
        verbose_name_plural = _("答复")
        ordering = ["proposal", "sequence"]
        constraints = [models.UniqueConstraint(fields=["proposal", "sequence"], name="proposals_reply_sequence")]

    def __str__(self) -> str:
        return f"{self.proposal} 第{self.sequence}次答复"

    @property
    def on_time(self) -> bool:
        return self.replied_on <= self.due_date


class YearSummary(models.Model):
    """The published yearly 建议提案办理情况 (its text and figures as published)."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    text = models.TextField(_("办理情况"))
    figures = models.JSONField(_("数据"), default=dict)
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    published_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("年度办理情况")
        verbose_name_plural = _("年度办理情况")

    def __str__(self) -> str:
        return f"{self.year}年建议提案办理情况"
