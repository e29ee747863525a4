"""Cleanup campaigns (文件清理): the office asks units to review their documents in force."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.cleanup.domain.campaigns import (
    CAMPAIGN_STATE_LABELS,
    MARK_LABELS,
    REVIEW_LABELS,
    CampaignState,
    Review,
)
from gongkai.core.models import Unit
from gongkai.documents.models import Document


class Campaign(models.Model):
    """One cleanup run by the office of `unit` over some of the units below it."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="cleanup_campaigns",
                             verbose_name=_("组织单位"))
    title = models.CharField(_("名称"), max_length=200)
    deadline = models.DateField(_("截止日期"))
    units = models.ManyToManyField(Unit, related_name="+", verbose_name=_("参加单位"))
    state = models.CharField(
        _("状态"), max_length=20, default=CampaignState.OPEN.value,
        choices=[(k.value, v) for k, v in CAMPAIGN_STATE_LABELS.items()],
    )
    notice = models.ForeignKey(Document, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("清理结果通知"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("发起人"))
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("文件清理")
        verbose_name_plural = _("文件清理")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cleanup:campaign", args=[self.pk])


class CampaignItem(models.Model):
    """One document under review in a campaign, with the unit's mark and the office's review."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="items",
                                 verbose_name=_("文件清理"))
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("文件"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("单位"))
    mark = models.CharField(_("清理意见"), max_length=10, blank=True,
                            choices=[(k.value, v) for k, v in MARK_LABELS.items()])
    reason = models.TextField(_("理由"), blank=True)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("填报人"))
    marked_at = models.DateTimeField(_("填报时间"), null=True, blank=True)
    review = models.CharField(_("审核"), max_length=10, default=Review.PENDING.value,
                              choices=[(k.value, v) for k, v in REVIEW_LABELS.items()])
    review_note = models.TextField(_("审核意见"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("审核人"))
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("清理文件")
        verbose_name_plural = _("清理文件")
        ordering = ["unit_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "document"], name="cleanup_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}:{self.document_id} {self.mark or '-'}"
