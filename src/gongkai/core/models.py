"""Units (the tree), users with roles, the append-only audit log, the holiday calendar."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.domain.units import UNIT_KIND_LABELS, UnitKind, name_key, name_variants


class Unit(models.Model):
    """A unit of government (省/市/区/部门/街道): issues documents, is assessed."""

    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("上级单位"),
    )
    full_name = models.CharField(_("全称"), max_length=200, unique=True)
    short_names = models.JSONField(_("简称"), default=list, blank=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    kind = models.CharField(
        _("类型"), max_length=20, choices=[(k.value, v) for k, v in UNIT_KIND_LABELS.items()],
        default=UnitKind.DEPARTMENT.value,
    )
    doc_prefixes = models.JSONField(
        _("机关代字"), default=list, blank=True,
        help_text=_("本单位发文使用的机关代字，如 武政、武政办、武政规"),
    )
    code = models.CharField(
        _("单位代码"), max_length=40, unique=True, help_text=_("用于索引号，如 011043200")
    )
    assessment_group = models.CharField(_("考评分组"), max_length=100, blank=True)
    # Every key the unit can be found under (full name, short names, aliases, normalised);
    # kept by the services that write units so lookups are one indexed query.
    name_keys = models.JSONField(default=list, blank=True, editable=False)
    sort_order = models.IntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    # 依申请公开: whether the unit is a 受理机关 the public form offers, and the contact data
    # applicants see (条例 第二十九条 asks the request be filed with the agency that holds it).
    handles_requests = models.BooleanField(
        _("受理依申请公开"), default=True,
        help_text=_("勾选后，公众申请表可选择本单位为受理机关"),
    )
    contact_address = models.CharField(_("联系地址"), max_length=300, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=100, blank=True)
    contact_hours = models.CharField(_("办公时间"), max_length=300, blank=True)
    # The one place the office enters the unit's contact data: the 受理点 (request form,
    # tracking page, letters, mail) and the 专栏's 指南 read these fields.
    contact_postcode = models.CharField(_("邮政编码"), max_length=10, blank=True)
    contact_fax = models.CharField(_("传真"), max_length=100, blank=True)
    contact_email = models.CharField(_("电子邮箱"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.full_name

    def computed_name_keys(self) -> list[str]:
        return sorted(name_variants(self.full_name, list(self.short_names), list(self.aliases)))

    @property
    def key(self) -> str:
        return name_key(self.full_name)


class User(AbstractUser):
    """A person: belongs to one unit; roles are Django groups (see core.domain.roles)."""

    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="users",
        verbose_name=_("所属单位"),
    )
    display_name = models.CharField(_("姓名"), max_length=100, blank=True)
    # 评估员: the assessor stage (考评环节, seed 19: 第三方机构测评 / 门户网站内容保障测评) whose
    # manual indicators this evaluator scores; blank = every stage.
    assessor_stage = models.CharField(
        _("考评环节"), max_length=60, blank=True,
        help_text=_("评估员只看到并评分本环节的人工指标；留空表示全部环节"),
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    def has_role(self, role: str) -> bool:
        if not self.is_authenticated or not self.is_active:
            return False
        cache = getattr(self, "_role_cache", None)
        if cache is None:
            cache = set(self.groups.values_list("name", flat=True))
            self._role_cache = cache
        return str(role) in cache


class AuditLogQuerySet(models.QuerySet):
    def update(self, **kwargs):  # noqa: ARG002
        raise PermissionDenied("审计日志只能追加，不能修改")

    def delete(self):
        raise PermissionDenied("审计日志只能追加，不能删除")


class AuditLog(models.Model):
    """Append-only record of every write: who, when, what, from, to, why."""

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("操作人"),
    )
    actor_label = models.CharField(_("操作人说明"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("单位"),
    )
    action = models.CharField(_("操作"), max_length=60, db_index=True)
    target_type = models.CharField(_("对象类型"), max_length=60, db_index=True)
    target_id = models.CharField(_("对象编号"), max_length=64, db_index=True)
    from_state = models.CharField(_("原状态"), max_length=40, blank=True)
    to_state = models.CharField(_("新状态"), max_length=40, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    data = models.JSONField(_("详情"), default=dict, blank=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("审计日志只能追加，不能删除")


class CalendarDay(models.Model):
    """A holiday or 调休 make-up working day entered by the office, for years the
    holiday package does not know (chinesecalendar 1.11.0 stops at 2026)."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(
        _("是否工作日"), help_text=_("勾选表示调休上班日；不勾选表示法定节假日")
    )
    name = models.CharField(_("名称"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name} {'上班' if self.is_workday else '休息'}"


class CalendarYear(models.Model):
    """Marks a year whose holidays the office has entered completely."""

    year = models.PositiveIntegerField(_("年份"), unique=True)
    note = models.CharField(_("依据"), max_length=200, blank=True, help_text=_("如 国办发明电〔2026〕X号"))

    class Meta:
        verbose_name = _("已录入节假日的年份")
        verbose_name_plural = _("已录入节假日的年份")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class Job(models.Model):
    """A piece of background work (后台任务): a zip import, a reindex, an assessment run, a mail,
    a periodic job. The page that started it shows its progress and result from this row; the
    Celery task only carries the job's id, so a retried or duplicated message finds the row
    and does not do finished work twice."""

    class State(models.TextChoices):
        PENDING = "pending", _("排队中")
        RUNNING = "running", _("进行中")
        RETRYING = "retrying", _("等待重试")
        SUCCEEDED = "succeeded", _("已完成")
        FAILED = "failed", _("失败")

    kind = models.CharField(_("任务类型"), max_length=40, db_index=True)
    state = models.CharField(_("状态"), max_length=20, choices=State.choices,
                             default=State.PENDING, db_index=True)
    key = models.CharField(_("幂等键"), max_length=200, blank=True, db_index=True,
                           help_text=_("同一键的任务在进行中时不会重复启动"))
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("发起人"))
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("单位"))
    params = models.JSONField(_("参数"), default=dict, blank=True)
    done = models.PositiveIntegerField(_("已处理"), default=0)
    total = models.PositiveIntegerField(_("总数"), default=0)
    message = models.CharField(_("进度说明"), max_length=300, blank=True)
    result = models.JSONField(_("结果"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.state}"

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.SUCCEEDED, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.state == self.State.SUCCEEDED:
            return 100
        return min(100, int(self.done * 100 / self.total)) if self.total else 0
