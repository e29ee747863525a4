"""Models of the review app: gap annotations (缺号说明) and API tokens for OA systems.

The review history itself is the audit log (core.AuditLog): every transition appends one
record with who, when, from, to and why; there is no second copy here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.review.domain.serials import GapKind


class GapNote(models.Model):
    """A unit's explanation of a missing serial in its numbering (…151, 153… → 152 作废)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="gap_notes",
                             verbose_name=_("单位"))
    doc_prefix = models.CharField(_("机关代字"), max_length=60)
    year = models.PositiveIntegerField(_("年份"))
    serial = models.PositiveIntegerField(_("序号"))
    kind = models.CharField(_("缺号原因"), max_length=20,
                            choices=[(k.value, k.value) for k in GapKind])
    reason = models.TextField(_("说明"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("填写人"))
    created_at = models.DateTimeField(_("填写时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("缺号说明")
        verbose_name_plural = _("缺号说明")
        ordering = ["unit", "doc_prefix", "-year", "serial"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "doc_prefix", "year", "serial"],
                                    name="review_gapnote_unique_serial"),
        ]

    def __str__(self) -> str:
        return f"{self.doc_prefix}〔{self.year}〕{self.serial}号 {self.kind}"


class ApiToken(models.Model):
    """A unit's token for machine submission (OA 系统报送). Only its SHA-256 is stored; the
    token is shown once when created. Revoked tokens stay for the audit trail."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="api_tokens",
                             verbose_name=_("单位"))
    name = models.CharField(_("用途"), max_length=100, help_text=_("如 市政府办公厅OA系统"))
    prefix = models.CharField(_("令牌前缀"), max_length=16, db_index=True,
                              help_text=_("令牌的前几位，便于辨认"))
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("创建人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["unit", "-created_at"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ReviewPolicy(models.Model):
    """The review rules of a unit and the units below it, held as data (not code).

    two_person_rule (两人分办, on by default): nobody takes two consecutive steps of the same
    document (报送 → 保密审查 → 审核批准 → 发布), as 武政办〔2014〕180号 separates the posts. A
    unit without a row follows the nearest unit above it that has one; with none, the rule
    is on. Changed only through review.services.review_policy_set (audited)."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="review_policy",
                                verbose_name=_("单位"))
    two_person_rule = models.BooleanField(
        _("两人分办"), default=True,
        help_text=_("同一人不能办理同一文件的相邻两个环节（报送、保密审查、审核批准、发布）"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("审核规则")
        verbose_name_plural = _("审核规则")

    def __str__(self) -> str:
        return f"{self.unit} · {'两人分办' if self.two_person_rule else '不要求两人分办'}"
