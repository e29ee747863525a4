"""Indicator sets (versioned YAML), runs and evaluators' manual scores.

A run keeps everything its bulletin is rendered from (the YAML text and hash it used, what the
measures found, the result, the bulletin date), so a published run renders the same bytes
forever. Published runs are immutable: the guards below refuse updates and deletes of a
published run and of its manual scores, whichever code path tries.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit

PUBLISHED_MESSAGE = "考评结果已发布，不能修改"


class IndicatorSet(models.Model):
    """One version of an indicator system (指标体系), kept as the YAML the office wrote."""

    name = models.CharField(_("名称"), max_length=200)
    version = models.CharField(_("版本"), max_length=40)
    yaml_text = models.TextField(_("指标体系（YAML）"))
    sha256 = models.CharField(_("内容哈希"), max_length=64, editable=False)
    is_active = models.BooleanField(_("当前使用"), default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("指标体系")
        verbose_name_plural = _("指标体系")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="assessment_set_name_version"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.version}）"


class RunQuerySet(models.QuerySet):
    def published(self) -> RunQuerySet:
        return self.filter(status=Run.Status.PUBLISHED)

    def update(self, **kwargs):
        if self.filter(status=Run.Status.PUBLISHED).exists():
            raise PermissionDenied(PUBLISHED_MESSAGE)
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=Run.Status.PUBLISHED).exists():
            raise PermissionDenied(PUBLISHED_MESSAGE)
        return super().delete()

    def drafts_in_appeal_window(self):
        from django.utils import timezone

        return self.filter(status="draft", appeal_until__gte=timezone.localdate()).defer(
            "measured", "result")


class Run(models.Model):
    """An assessment of a set of units for a period (考评)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")

    period = models.CharField(_("考评周期"), max_length=20, db_index=True,
                              help_text=_("年度 2025、半年 2025H1、季度 2025Q3"))
    period_start = models.DateField(_("起始日期"))
    period_end = models.DateField(_("截止日期"))
    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.PROTECT, related_name="runs", verbose_name=_("指标体系")
    )
    set_yaml = models.TextField(_("所用指标体系（YAML）"), editable=False)
    set_sha256 = models.CharField(_("所用指标体系哈希"), max_length=64, editable=False)
    unit_ids = models.JSONField(_("考评单位"), default=list)
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("对比的上次考评"),
    )
    year_ago = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("同比的上年同期考评"),
    )
    draft_number = models.PositiveIntegerField(_("草稿序号"), default=1)
    doc_number = models.CharField(_("发文字号"), max_length=100, blank=True,
                                  help_text=_("发布时录入，如 武政办〔2026〕12号"))
    narrative = models.TextField(_("总体情况"), blank=True,
                                 help_text=_("“总体来看，”之后公开办自己的话，写在得分情况之前"))
    appeal_until = models.DateField(_("申诉截止日期"), null=True, blank=True,
                                    help_text=_("反馈与复核：截止日前各单位可查看本单位草稿得分并逐项申诉"))
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    measured = models.JSONField(_("取数结果"), default=dict, editable=False)
    result = models.JSONField(_("考评结果"), default=dict, editable=False)
    bulletin_date = models.DateField(_("通报日期"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("创建人"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    objects = RunQuerySet.as_manager()

    class Meta:
        verbose_name = _("考评")
        verbose_name_plural = _("考评")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.period_label}考评 #{self.pk}（{self.get_status_display()}）"

    def save(self, *args, **kwargs):
        # Invariant, not logic: a row that is published in the database never changes again.
        if self.pk is not None and Run.objects.filter(
            pk=self.pk, status=Run.Status.PUBLISHED
        ).exists():
            raise PermissionDenied(PUBLISHED_MESSAGE)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if Run.objects.filter(pk=self.pk, status=Run.Status.PUBLISHED).exists():
            raise PermissionDenied(PUBLISHED_MESSAGE)
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def period_label(self) -> str:
        from gongkai.assessment.domain.errors import AssessmentError
        from gongkai.assessment.domain.periods import period_parse

        try:
            return period_parse(self.period).label
        except AssessmentError:
            return f"{self.period}年度"

    @property
    def draft_label(self) -> str:
        """第二稿 when a period has more than one draft (named, so drafts do not pile up unseen)."""
        from gongkai.assessment.domain.summary import chinese_ordinal

        return "" if self.draft_number <= 1 else f"第{chinese_ordinal(self.draft_number)}稿"


class ManualScoreQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if self.filter(run__status=Run.Status.PUBLISHED).exists():
            raise PermissionDenied(PUBLISHED_MESSAGE)
        return super().update(**kwargs)

    def delete(self):
        if self.filter(run__status=Run.Status.PUBLISHED).exists():
            raise PermissionDenied(PUBLISHED_MESSAGE)
        return super().delete()


class ManualScore(models.Model):
    """An evaluator's score (评估员评分) of one unit on one manual indicator of a run."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="manual_scores",
                            verbose_name=_("考评"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("单位"))
    indicator_code = models.CharField(_("指标编码"), max_length=40)
    score = models.DecimalField(_("得分"), max_digits=7, decimal_places=2)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("录入人"),
    )
    entered_at = models.DateTimeField(_("录入时间"), auto_now=True)

    objects = ManualScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("人工评分")
        verbose_name_plural = _("人工评分")
        ordering = ["run", "unit", "indicator_code"]
        constraints = [
            models.UniqueConstraint(fields=["run", "unit", "indicator_code"],
                                    name="assessment_manual_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.indicator_code} {self.score}"

    def save(self, *args, **kwargs):
        if Run.objects.filter(pk=self.run_id, status=Run.Status.PUBLISHED).exists():
            raise PermissionDenied(PUBLISHED_MESSAGE)
        super().save(*args, **kwargs)


class Appeal(models.Model):
    """A unit's 申诉 against one indicator of a draft run, lodged within the run's window and
    decided by the office with a reason (反馈与复核) before the 通报 is published."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待复核")
        UPHELD = "upheld", _("申诉成立")
        REJECTED = "rejected", _("维持原评分")

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="appeals", verbose_name=_("考评"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("单位"))
    indicator_code = models.CharField(_("指标编码"), max_length=40)
    reason = models.TextField(_("申诉理由"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices,
                              default=Status.PENDING, db_index=True)
    decision = models.TextField(_("复核意见"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("申诉时间"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("复核时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("申诉")
        verbose_name_plural = _("申诉")
        ordering = ["run", "unit", "indicator_code"]
        constraints = [
            models.UniqueConstraint(fields=["run", "unit", "indicator_code"],
                                    name="assessment_appeal_one_per_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.indicator_code} 申诉（{self.get_status_display()}）"


class Rectification(models.Model):
    """整改: one engine for every rectification item (seed 16: 承诺整改 with tasks, owners and
    dates). From a 通报 (`source=bulletin`): opened for each unit that lost points when the
    考评通报 is published, due in 20 working days (通报印发之日起20个工作日内将整改情况报). From a
    督查 (`source=inspection`): opened by the 督查室 for a lagging 督办 task. Entered by hand
    (`source=manual`). Every item is closed with the owner unit's report."""

    class Status(models.TextChoices):
        OPEN = "open", _("整改中")
        CLOSED = "closed", _("已报整改情况")

    class Source(models.TextChoices):
        BULLETIN = "bulletin", _("考评通报")
        INSPECTION = "inspection", _("督查")
        MANUAL = "manual", _("手工录入")

    source = models.CharField(_("来源"), max_length=20, choices=Source.choices,
                              default=Source.BULLETIN, db_index=True)
    run = models.ForeignKey(Run, on_delete=models.PROTECT, related_name="rectifications",
                            verbose_name=_("考评"), null=True, blank=True)
    title = models.CharField(_("整改事项"), max_length=300, blank=True)
    origin = models.CharField(_("来源事项"), max_length=200, blank=True,
                              help_text=_("例如督办任务编号、督查通报文号"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("单位"))
    lost = models.JSONField(_("失分指标"), default=list)  # [{"code", "name", "lost"}]
    due_date = models.DateField(_("整改期限"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.OPEN,
                              db_index=True)
    report = models.TextField(_("整改情况"), blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("报送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("整改")
        verbose_name_plural = _("整改")
        ordering = ["due_date", "unit"]
        constraints = [
            models.UniqueConstraint(fields=["run", "unit"], name="assessment_rectification_one_per_unit",
                                    condition=models.Q(run__isnull=False)),
            models.CheckConstraint(condition=models.Q(source="bulletin", run__isnull=False)
                                   | (~models.Q(source="bulletin") & ~models.Q(title="")),
                                   name="assessment_rectification_source_shape"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} 整改（{self.get_status_display()}）"

    @property
    def heading(self) -> str:
        if self.run_id:
            return f"{self.run.period_label}考评"
        return self.title


def evidence_upload_to(instance: ManualEvidence, filename: str) -> str:
    """Generated storage names (documents.domain.filenames): the original name is metadata."""
    from gongkai.documents.domain.filenames import stored_name

    return f"assessment_evidence/{instance.run_id}/{instance.sha256[:2]}/" + stored_name(
        instance.sha256, filename)


class ManualEvidence(models.Model):
    """An evidence file (评分依据材料) an evaluator attaches to a manual score: a screenshot of
    the portal, a mock request's reply, a checklist. Seen and downloaded by the office,
    evaluators and admins only (``access.can_assessment_score``), never by the public."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="manual_evidence",
                            verbose_name=_("考评"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("单位"))
    indicator_code = models.CharField(_("指标编码"), max_length=40)
    file = models.FileField(_("文件"), upload_to=evidence_upload_to, max_length=300)
    name = models.CharField(_("文件名"), max_length=300)
    size = models.PositiveIntegerField(_("大小"), default=0)
    sha256 = models.CharField(_("内容哈希"), max_length=64)
    content_type = models.CharField(_("类型"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("评分依据材料")
        verbose_name_plural = _("评分依据材料")
        ordering = ["run", "unit", "indicator_code", "id"]
        indexes = [models.Index(fields=["run", "unit", "indicator_code"])]

    def __str__(self) -> str:
        return f"{self.unit} {self.indicator_code} {self.name}"
