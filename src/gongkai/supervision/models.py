"""督办: a year's task breakdown (分解方案), its tasks, reporting rounds and the reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.supervision.domain.progress import STATE_LABELS, STATUS_LABELS, ReportState
from gongkai.supervision.domain.schedule import SHIFT_LABELS, RoundKind, ShiftRule


class Breakdown(models.Model):
    """一份目标任务责任分解方案 (e.g. 武政〔2024〕1号), with its reporting rules as data."""

    title = models.CharField(_("标题"), max_length=300)
    doc_number = models.CharField(_("发文字号"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("印发单位"))
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("来源文件"))
    report_day = models.PositiveSmallIntegerField(_("季度报送日"), default=20)
    shift_rule = models.CharField(_("遇节假日"), max_length=20, default=ShiftRule.KEEP.value,
                                  choices=[(k.value, v) for k, v in SHIFT_LABELS.items()])
    is_public = models.BooleanField(_("公开进展"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("任务分解方案")
        verbose_name_plural = _("任务分解方案")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    breakdown = models.ForeignKey(Breakdown, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveIntegerField(_("顺序"))
    code = models.CharField(_("序号"), max_length=20)
    section = models.CharField(_("类别"), max_length=200, blank=True)
    title = models.CharField(_("任务"), max_length=300)
    target = models.TextField(_("目标"), blank=True)
    lead_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="lead_tasks",
                                  verbose_name=_("牵头单位"))
    units = models.ManyToManyField(Unit, blank=True, related_name="shared_tasks", verbose_name=_("责任单位"))
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    deadline_text = models.CharField(_("完成时限（原文）"), max_length=100, blank=True)
    has_measure = models.BooleanField(_("有量化目标"), default=False)

    class Meta:
        verbose_name = _("督办任务")
        verbose_name_plural = _("督办任务")
        ordering = ["breakdown", "position"]
        constraints = [models.UniqueConstraint(fields=["breakdown", "position"], name="supervision_task_position")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class Round(models.Model):
    """A reporting round: the plan, or one quarter's progress, with its due date."""

    breakdown = models.ForeignKey(Breakdown, on_delete=models.CASCADE, related_name="rounds")
    kind = models.CharField(_("类型"), max_length=20,
                            choices=[(RoundKind.PLAN.value, _("办理方案")), (RoundKind.PROGRESS.value, _("季度完成情况"))])
    quarter = models.PositiveSmallIntegerField(_("季度"), null=True, blank=True)
    label = models.CharField(_("名称"), max_length=100)
    due_date = models.DateField(_("报送期限"))

    class Meta:
        verbose_name = _("报送轮次")
        verbose_name_plural = _("报送轮次")
        ordering = ["breakdown", "due_date"]
        # One plan round (quarter empty) and one round per quarter; two partial indexes, as SQLite
        # has no NULLS NOT DISTINCT.
        constraints = [
            models.UniqueConstraint(fields=["breakdown", "kind", "quarter"], name="supervision_round_once",
                                    condition=models.Q(quarter__isnull=False)),
            models.UniqueConstraint(fields=["breakdown", "kind"], name="supervision_round_once_plan",
                                    condition=models.Q(quarter__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.label


class Report(models.Model):
    """The lead unit's plan or progress on one task in one round."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reports")
    state = models.CharField(_("状态"), max_length=20, default=ReportState.DRAFT.value,
                             choices=[(k.value, v) for k, v in STATE_LABELS.items()], db_index=True)
    status = models.CharField(_("推进情况"), max_length=20, choices=[(k.value, v) for k, v in STATUS_LABELS.items()])
    percent = models.PositiveSmallIntegerField(_("完成进度（%）"), null=True, blank=True)
    text = models.TextField(_("完成情况"))
    evidence = models.FileField(_("佐证材料"), upload_to="supervision/%Y/", blank=True, max_length=300)
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    return_reason = models.TextField(_("退回理由"), blank=True)

    class Meta:
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        constraints = [models.UniqueConstraint(fields=["task", "round"], name="supervision_report_once")]

    def __str__(self) -> str:
        return f"{self.task} · {self.round}"


class Contribution(models.Model):
    """A 责任单位's part of a task's progress, sent to the lead unit."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="contributions")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="contributions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("责任单位"))
    text = models.TextField(_("配合情况"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("配合情况")
        verbose_name_plural = _("配合情况")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.unit} 配合情况"
