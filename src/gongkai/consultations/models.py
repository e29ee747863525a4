"""Tables of 征求意见 and 决策预公开: the 重大行政决策事项目录, consultations, comments, main views
(主要观点) with their decisions, and hearings (听证). Logic lives in services and domain/."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.consultations.domain.vocab import (
    CHANNEL_LABELS,
    COMMENT_STATUS_LABELS,
    DECISION_LABELS,
    HEARING_STATUS_LABELS,
    ITEM_STATUS_LABELS,
    KIND_LABELS,
    MODERATION_LABELS,
    VISIBILITY_LABELS,
    CommentStatus,
    ItemStatus,
    Kind,
    Moderation,
    Visibility,
)


def _choices(labels: dict) -> list[tuple[str, str]]:
    return [(k.value, v) for k, v in labels.items()]


class DecisionCatalog(models.Model):
    """重大行政决策事项目录 of one unit for one year (条例第十条: published and updated)."""

    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="decision_catalogs",
                             verbose_name=_("单位"))
    year = models.PositiveIntegerField(_("年度"))
    note = models.TextField(_("说明"), blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("重大行政决策事项目录")
        verbose_name_plural = verbose_name
        ordering = ["-year", "unit__sort_order", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="decision_catalog_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit}{self.year}年度重大行政决策事项目录"


class DecisionItem(models.Model):
    """One planned major decision: 事项, 承办单位, 计划时间, status; it links to its
    consultation, hearing and final document."""

    catalog = models.ForeignKey(DecisionCatalog, on_delete=models.CASCADE, related_name="items",
                                verbose_name=_("目录"))
    title = models.CharField(_("决策事项"), max_length=300)
    lead_unit_name = models.CharField(_("承办单位"), max_length=200)
    planned_time = models.CharField(_("计划完成时间"), max_length=100)
    status = models.CharField(_("状态"), max_length=20, choices=_choices(ITEM_STATUS_LABELS),
                              default=ItemStatus.PLANNED.value)
    needs_hearing = models.BooleanField(_("需要听证"), default=False)
    final_document = models.ForeignKey("documents.Document", on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="+", verbose_name=_("决策文件"))
    note = models.TextField(_("备注"), blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("决策事项")
        verbose_name_plural = verbose_name
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.title


class Consultation(models.Model):
    """A draft out for public comment (征求意见). Its phase (scheduled / open / closed) is computed
    from its dates (domain.periods.phase_of): it opens and closes by itself."""

    unit = models.ForeignKey("core.Unit", on_delete=models.PROTECT, related_name="consultations",
                             verbose_name=_("起草单位"))
    item = models.ForeignKey(DecisionItem, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="consultations", verbose_name=_("决策事项"))
    title = models.CharField(_("草案名称"), max_length=300)
    kind = models.CharField(_("类别"), max_length=20, choices=_choices(KIND_LABELS),
                            default=Kind.OTHER.value)
    draft = models.ForeignKey("documents.Document", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("征求意见稿"))
    explanation = models.TextField(_("起草说明"), blank=True)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("截止日期"))
    short_reason = models.TextField(_("缩短期限的理由"), blank=True)
    channels = models.JSONField(_("意见提交途径"), default=list,
                                help_text="[{'channel': 'email', 'address': '…'}]")
    contact = models.CharField(_("联系人及联系方式"), max_length=300, blank=True)
    moderation = models.CharField(_("审核方式"), max_length=10, choices=_choices(MODERATION_LABELS),
                                  default=Moderation.PRE.value)
    visibility = models.CharField(_("意见公开时间"), max_length=20, choices=_choices(VISIBILITY_LABELS),
                                  default=Visibility.AFTER_CLOSE.value)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    opened_at = models.DateTimeField(_("开始征求意见（记录）"), null=True, blank=True)
    closed_at = models.DateTimeField(_("结束征求意见（记录）"), null=True, blank=True)
    feedback_summary = models.TextField(_("意见征集情况说明"), blank=True)
    feedback_published_at = models.DateTimeField(_("反馈公布时间"), null=True, blank=True)
    final_document = models.ForeignKey("documents.Document", on_delete=models.SET_NULL, null=True,
                                       blank=True, related_name="+", verbose_name=_("正式文件"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("征求意见")
        verbose_name_plural = verbose_name
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["published_at", "end_date"], name="consultation_public")]
        constraints = [models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                              name="consultation_end_after_start")]

    def __str__(self) -> str:
        return self.title

    def channel_list(self) -> list[tuple[str, str]]:
        """[(中文途径, 地址)] in the fixed order."""
        from gongkai.consultations.domain.vocab import Channel

        by_code = {c.get("channel"): c.get("address", "") for c in self.channels or []}
        return [(CHANNEL_LABELS[ch], by_code[ch.value]) for ch in Channel if ch.value in by_code]


class Comment(models.Model):
    """A comment from the public (online, no account) or entered by staff (letter, fax …).

    Name and contact are never shown; a private comment is never shown, but is counted and
    answered in the feedback like any other."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    channel = models.CharField(_("途径"), max_length=20, choices=_choices(CHANNEL_LABELS))
    body = models.TextField(_("意见内容"))
    article = models.CharField(_("针对条款"), max_length=100, blank=True)
    name = models.CharField(_("姓名或单位"), max_length=100, blank=True)
    contact = models.CharField(_("联系方式"), max_length=200, blank=True)
    is_private = models.BooleanField(_("不公开本条意见"), default=False)
    status = models.CharField(_("状态"), max_length=20, choices=_choices(COMMENT_STATUS_LABELS),
                              default=CommentStatus.PENDING.value)
    hidden_reason = models.CharField(_("屏蔽理由"), max_length=300, blank=True)
    received_on = models.DateField(_("收到日期"))
    view = models.ForeignKey("MainView", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="comments", verbose_name=_("归入主要观点"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    number = models.PositiveIntegerField(_("序号"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("意见")
        verbose_name_plural = _("意见")
        ordering = ["consultation_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="comment_number"),
            models.CheckConstraint(condition=~models.Q(status="hidden") | ~models.Q(hidden_reason=""),
                                   name="comment_hidden_has_reason"),
        ]

    def __str__(self) -> str:
        return f"第{self.number}条意见"


class MainView(models.Model):
    """主要观点: comments grouped by what they ask, with the unit's decision and reason."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="views")
    summary = models.TextField(_("主要观点"))
    decision = models.CharField(_("采纳情况"), max_length=20, choices=_choices(DECISION_LABELS),
                                blank=True)
    reason = models.TextField(_("理由或采纳说明"), blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("主要观点")
        verbose_name_plural = verbose_name
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.summary[:40]


class Hearing(models.Model):
    """听证: announcement, registration, materials in advance, and the record."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="hearings")
    title = models.CharField(_("听证事项"), max_length=300)
    announcement = models.TextField(_("听证公告"))
    held_at = models.DateTimeField(_("举行时间"))
    place = models.CharField(_("地点"), max_length=300)
    registration_end = models.DateField(_("报名截止日期"))
    seats = models.PositiveIntegerField(_("听证参加人名额"), default=10)
    materials = models.TextField(_("听证材料"), blank=True,
                                 help_text=_("听证会举行前向社会公布的材料"))
    record = models.TextField(_("听证笔录"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=_choices(HEARING_STATUS_LABELS),
                              default="announced")
    announced_at = models.DateTimeField(_("公告时间"), auto_now_add=True)
    record_published_at = models.DateTimeField(_("笔录公布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("听证会")
        verbose_name_plural = verbose_name
        ordering = ["-held_at"]

    def __str__(self) -> str:
        return self.title


class HearingRegistration(models.Model):
    """A person who asked to take part in a hearing (name and contact never shown)."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("姓名"), max_length=100)
    contact = models.CharField(_("联系方式"), max_length=200)
    affiliation = models.CharField(_("工作单位或身份"), max_length=200, blank=True)
    position = models.TextField(_("拟陈述的主要观点"), blank=True)
    selected = models.BooleanField(_("确定为听证参加人"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("听证报名")
        verbose_name_plural = verbose_name
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"听证报名 #{self.pk}"
