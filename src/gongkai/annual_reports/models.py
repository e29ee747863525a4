"""年度报告 per unit and year, and the register of 行政复议 / 行政诉讼 cases about 政府信息公开.
Rules live in domain/; writes in services.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.annual_reports.domain.cases import CASE_KIND_LABELS, OUTCOME_LABELS
from gongkai.annual_reports.domain.states import STATE_LABELS, State
from gongkai.core.models import Unit


class AnnualReport(models.Model):
    """One 政府信息公开工作年度报告. `figures` holds 表二–表四 in the JSON shape of
    docs/annual-report-json.md (rebuilt from the platform's data while the report is a draft);
    `entered` the rows the unit types in; `texts` the prose parts; `reasons` the unit's
    explanation for each finding it keeps (finding key → reason)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="annual_reports",
                             verbose_name=_("单位"))
    year = models.PositiveIntegerField(_("年度"))
    state = models.CharField(_("状态"), max_length=20, default=State.DRAFT.value,
                             choices=[(s.value, label) for s, label in STATE_LABELS.items()])
    version = models.PositiveIntegerField(default=0, editable=False)
    source = models.CharField(_("来源"), max_length=20, default="platform",
                              choices=[("platform", _("平台生成")), ("imported", _("读取已发布的报告"))])
    figures = models.JSONField(_("表格数据"), default=dict, blank=True)
    entered = models.JSONField(_("单位填报数据"), default=dict, blank=True)
    texts = models.JSONField(_("正文"), default=dict, blank=True)
    findings = models.JSONField(_("检查结果"), default=list, blank=True)
    reasons = models.JSONField(_("情况说明"), default=dict, blank=True)
    repetition = models.FloatField(_("与上年重复比例"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    source_name = models.CharField(_("来源文件"), max_length=300, blank=True)
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("发布的文件"))
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    checked_at = models.DateTimeField(_("检查时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year", "unit__sort_order", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="annual_report_unit_year")]

    def __str__(self) -> str:
        return f"{self.unit.full_name}{self.year}年政府信息公开工作年度报告"

    @property
    def title(self) -> str:
        return str(self)


class ReviewCase(models.Model):
    """A 行政复议 or 行政诉讼 about the unit's 政府信息公开 work (表四), entered as it arises."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="disclosure_cases",
                             verbose_name=_("被申请/被诉单位"))
    kind = models.CharField(_("类型"), max_length=20,
                            choices=[(k.value, v) for k, v in CASE_KIND_LABELS.items()])
    number = models.CharField(_("案号"), max_length=100, blank=True)
    filed_on = models.DateField(_("申请/立案日期"))
    request = models.ForeignKey("disclosure_requests.DisclosureRequest", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="review_cases",
                                verbose_name=_("关联的公开申请"))
    outcome = models.CharField(_("结果"), max_length=20, default="pending",
                               choices=[(k.value, v) for k, v in OUTCOME_LABELS.items()])
    decided_on = models.DateField(_("审结日期"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("行政复议、行政诉讼案件")
        verbose_name_plural = _("行政复议、行政诉讼案件")
        ordering = ["-filed_on", "-id"]
        indexes = [models.Index(fields=["unit", "filed_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or self.pk}"
