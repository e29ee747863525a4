"""The 政府信息公开专栏 of every unit: contact data, the 指南's own words and review date,
the unit's 制度 documents, and the 行政规范性文件 register (统一登记, 备案)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import Unit
from gongkai.documents.models import Document


class UnitContact(models.Model):
    """The 专栏's own part of a unit's contact data: 机构名称, 网站 and the 依申请公开 受理机构
    if different. 办公地址, 办公时间, 电话, 传真, 电子邮箱, 邮政编码 (条例 第十九条) are the unit's
    own contact fields (``core.Unit.contact_*``), entered once and read here."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="contact",
                                verbose_name=_("单位"))
    agency_name = models.CharField(_("机构名称"), max_length=200, blank=True,
                                   help_text=_("政府信息公开工作机构，如 区人民政府办公室"))
    website = models.CharField(_("网站"), max_length=300, blank=True)
    request_agency = models.CharField(_("依申请公开受理机构"), max_length=200, blank=True,
                                      help_text=_("与工作机构不同时填写"))
    is_sample = models.BooleanField(_("示例数据"), default=False,
                                    help_text=_("演示用的示例联系方式，页面上会明确标注"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("单位联系方式")
        verbose_name_plural = _("单位联系方式")

    def __str__(self) -> str:
        return f"{self.unit} {self.agency_name}"


class Guide(models.Model):
    """A unit's 政府信息公开指南: the sections it words itself, and when it was last reviewed."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="guide",
                                verbose_name=_("单位"))
    overrides = models.JSONField(_("自定义内容"), default=dict, blank=True,
                                 help_text=_("章节键 → 本单位自己的文字；未填写的章节由系统生成"))
    reviewed_on = models.DateField(_("审核日期"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("审核人"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政府信息公开指南")
        verbose_name_plural = _("政府信息公开指南")

    def __str__(self) -> str:
        return f"{self.unit} 指南"


class RuleDocument(models.Model):
    """A document of the unit tagged as one of its 政府信息公开制度 (保密审查, 发布审核 …)."""

    document = models.OneToOneField(Document, on_delete=models.CASCADE,
                                    related_name="column_rule", verbose_name=_("文件"))
    tagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("标记人"))
    tagged_at = models.DateTimeField(_("标记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("政府信息公开制度")
        verbose_name_plural = _("政府信息公开制度")
        ordering = ["-tagged_at", "-id"]

    def __str__(self) -> str:
        return str(self.document)


class NormativeRegistration(models.Model):
    """统一登记 of a 行政规范性文件: its registration number and validity term; a
    re-registration (重新登记, after an evaluation decides it stays) is a new row with a fresh
    term, the old one kept with ``is_current`` off."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT,
                                 related_name="normative_registrations", verbose_name=_("文件"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("登记单位"))
    prefix = models.CharField(_("登记号前缀"), max_length=40)
    year = models.PositiveIntegerField(_("登记年份"))
    serial = models.PositiveIntegerField(_("登记序号"))
    number = models.CharField(_("统一登记号"), max_length=80, unique=True)
    registered_on = models.DateField(_("登记日期"))
    term_start = models.DateField(_("有效期起"))
    expires_on = models.DateField(_("有效期至"))
    term_years = models.PositiveSmallIntegerField(_("有效期（年）"))
    immediate_reason = models.TextField(_("公布即施行的理由"), blank=True,
                                        help_text=_("施行日期距公布不足规定日数时须写明"))
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    filed_with = models.CharField(_("备案机关"), max_length=200, blank=True)
    is_current = models.BooleanField(_("当前登记"), default=True)
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="renewal", verbose_name=_("原登记"))
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("规范性文件登记")
        verbose_name_plural = _("规范性文件登记")
        ordering = ["-year", "-serial"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "prefix", "year", "serial"],
                                    name="zhuanlan_registration_serial_unique"),
            models.UniqueConstraint(fields=["document"], condition=models.Q(is_current=True),
                                    name="zhuanlan_registration_one_current"),
        ]

    def __str__(self) -> str:
        return self.number
