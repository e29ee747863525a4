"""Forms of the back office. They only parse input; the rules live in the services
(documents.services.document_create / document_update, review.services)."""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import UnitContactFields
from gongkai.documents.domain.vocab import Disclosure, InterpretationKind, Level, Validity
from gongkai.review.domain.serials import GapKind
from gongkai.review.domain.transitions import LEGAL_GROUND_LABELS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


UPLOAD_ERRORS = {
    "required": _("请选择要上传的文件"),
    "empty": _("上传的文件是空文件"),
    "invalid": _("上传的不是文件，请重新选择"),
    "missing": _("没有收到文件，请重新选择"),
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("文件"), error_messages=UPLOAD_ERRORS,
        help_text=_("支持 txt、HTML、DOCX、PDF；系统自动提取标题、发文字号、日期等，提取结果可逐项修改"),
    )


class ArchiveForm(forms.Form):
    file = forms.FileField(
        label=_("压缩包"),
        help_text=_("一个 .zip 压缩包，内含 txt、HTML、DOCX、PDF 文件；逐个导入为本单位的草稿，重复的文件自动跳过"),
    )


class DocumentForm(forms.Form):
    """Every field of the 文章属性, editable; errors per field come from the service."""

    upload = forms.CharField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("标题"), max_length=500)
    doc_number = forms.CharField(label=_("发文字号"), max_length=100, required=False,
                                 help_text=_("如 武政办〔2014〕153号"))
    issuer_names = forms.CharField(label=_("制定机关"), required=False,
                                   help_text=_("联合发文时每行一个"),
                                   widget=forms.Textarea(attrs={"rows": 2}))
    written_date = forms.DateField(label=_("成文日期"), required=False, widget=DATE_WIDGET)
    publish_date = forms.DateField(label=_("公布日期"), required=False, widget=DATE_WIDGET)
    effective_date = forms.DateField(label=_("施行日期"), required=False, widget=DATE_WIDGET)
    expiry_date = forms.DateField(label=_("有效期至"), required=False, widget=DATE_WIDGET)
    level = forms.ChoiceField(label=_("效力等级"), required=False,
                              choices=[("", "—")] + [(x.value, x.value) for x in Level])
    validity = forms.ChoiceField(label=_("时效性"), choices=[(x.value, x.value) for x in Validity],
                                 initial=Validity.CURRENT.value)
    category = forms.CharField(label=_("主题分类"), max_length=200, required=False)
    disclosure = forms.ChoiceField(label=_("公开属性"),
                                   choices=[(x.value, x.value) for x in Disclosure],
                                   initial=Disclosure.PROACTIVE.value)
    disclosure_reason = forms.CharField(label=_("不予公开或依申请公开的理由"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))
    index_no = forms.CharField(label=_("索引号"), max_length=80, required=False,
                               help_text=_("留空则自动编号"))
    body = forms.CharField(label=_("正文"), required=False,
                           widget=forms.Textarea(attrs={"rows": 14}))
    interprets_ref = forms.CharField(
        label=_("解读的文件"), max_length=500, required=False,
        help_text=_("本文件是政策解读时填写所解读文件的发文字号或标题（输入时可查找）；留空表示不是解读"),
        widget=forms.TextInput(attrs={"list": "interprets-options", "autocomplete": "off",
                                      "data-lookup": reverse_lazy("zhuanlan:lookup"), "size": 50}))
    interpretation_kind = forms.ChoiceField(
        label=_("解读形式"), required=False,
        choices=[("", "—")] + [(x.value, x.value) for x in InterpretationKind])
    interpretation_link = forms.CharField(label=_("解读链接"), max_length=500, required=False,
                                          help_text=_("视频、发布会或图解的网址"))
    date_note = forms.CharField(
        label=_("日期说明"), required=False, max_length=500,
        help_text=_("施行日期早于公布日期（溯及既往）时写明理由"),
        widget=forms.Textarea(attrs={"rows": 2}))
    confirm_duplicate = forms.BooleanField(
        label=_("确认另行登记（确属另一份文件）"), required=False)

    def clean(self):
        from django.utils import timezone

        from gongkai.review.domain.dates import date_problems

        data = super().clean()
        for problem in date_problems(
                written_date=data.get("written_date"), publish_date=data.get("publish_date"),
                effective_date=data.get("effective_date"), expiry_date=data.get("expiry_date"),
                today=timezone.localdate(), retroactive_reason=data.get("date_note", "")):
            if problem.field in self.fields and problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("upload", None)
        data.pop("interprets_ref", None)
        data.pop("date_note", None)
        data.pop("confirm_duplicate", None)
        names = data.get("issuer_names") or ""
        data["issuer_names"] = [n.strip() for n in names.replace("、", "\n").splitlines() if n.strip()]
        return data


class ActionForm(forms.Form):
    responsible = forms.CharField(label=_("批准的负责人"), required=False, max_length=100)
    reason = forms.CharField(label=_("理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    ground = forms.ChoiceField(label=_("法律依据"), required=False,
                               choices=[("", "—")] + [(k.value, v) for k, v in LEGAL_GROUND_LABELS.items()])
    expected_state = forms.CharField(required=False, widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class GapBulkForm(forms.Form):
    """选中 (checkboxes) and/or a range text → one reason for all of them."""

    unit = forms.IntegerField(widget=forms.HiddenInput)
    doc_prefix = forms.CharField(widget=forms.HiddenInput)
    year = forms.IntegerField(widget=forms.HiddenInput)
    serials = forms.TypedMultipleChoiceField(label=_("选中的缺号"), required=False, coerce=int,
                                             choices=[])
    ranges = forms.CharField(label=_("或填写序号范围"), required=False, max_length=2000,
                             help_text=_("如 152、160-165"))
    kind = forms.ChoiceField(label=_("缺号原因"), choices=[(k.value, k.value) for k in GapKind])
    reason = forms.CharField(label=_("说明"), max_length=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        raw = self.data.getlist("serials") if hasattr(self.data, "getlist") else []
        self.fields["serials"].choices = [(v, v) for v in raw if str(v).isdigit()]

    def clean(self):
        from gongkai.review.domain.serials import SerialRangeError, parse_serial_ranges

        data = super().clean()
        picked = list(data.get("serials") or [])
        text = (data.get("ranges") or "").strip()
        if text:
            try:
                picked += parse_serial_ranges(text)
            except SerialRangeError as exc:
                self.add_error("ranges", str(exc))
        if not picked and not self.errors:
            self.add_error("serials", _("请勾选缺号或填写序号范围"))
        data["all_serials"] = sorted(set(picked))
        return data


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"), error_messages=UPLOAD_ERRORS)


# -- the office's 单位与用户管理 (core.services.unit_* / user_*) --------------------------------


def _lines(value: str) -> list[str]:
    import re

    return [p.strip() for p in re.split(r"[\n,，、；;]+", value or "") if p.strip()]


class UnitForm(UnitContactFields):
    """A unit's editable fields; the service validates uniqueness and the tree."""

    field_order = ["full_name", "code", "parent", "kind", "short_names", "doc_prefixes",
                   "assessment_group", "sort_order", "handles_requests"]  # contact data last

    full_name = forms.CharField(label=_("单位全称"), max_length=200)
    code = forms.CharField(label=_("单位代码"), max_length=40,
                           help_text=_("用于索引号，如 011043217"))
    parent = forms.TypedChoiceField(label=_("上级单位"), coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("类型"))
    short_names = forms.CharField(label=_("简称"), required=False,
                                  help_text=_("多个简称用逗号或顿号分隔"))
    doc_prefixes = forms.CharField(label=_("机关代字"), required=False,
                                   help_text=_("本单位发文使用的机关代字，如 新政、新政办"))
    assessment_group = forms.CharField(label=_("考评分组"), max_length=100, required=False)
    sort_order = forms.IntegerField(label=_("排序"), initial=0, required=False)
    handles_requests = forms.BooleanField(
        label=_("受理依申请公开"), required=False, initial=True,
        help_text=_("勾选后，公众在依申请公开申请表中可选择本单位"))

    def __init__(self, *args, parents=(), **kwargs):
        from gongkai.core.domain.units import UNIT_KIND_LABELS

        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [(u.pk, u.full_name) for u in parents]
        self.fields["kind"].choices = [(k.value, v) for k, v in UNIT_KIND_LABELS.items()]

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("parent")
        data["short_names"] = _lines(data["short_names"])
        data["doc_prefixes"] = _lines(data["doc_prefixes"])
        data["sort_order"] = data.get("sort_order") or 0
        return data


class UserForm(forms.Form):
    """A person of a unit and their roles (a new one gets a one-time password)."""

    username = forms.CharField(label=_("登录名"), max_length=150)
    display_name = forms.CharField(label=_("姓名"), max_length=100, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False,
                             error_messages={"invalid": _("电子邮箱格式不正确")})
    unit = forms.TypedChoiceField(label=_("所属单位"), coerce=int, empty_value=None)
    roles = forms.MultipleChoiceField(label=_("角色"), widget=forms.CheckboxSelectMultiple,
                                      error_messages={"required": _("请至少选择一个角色")})
    assessor_stage = forms.CharField(
        label=_("考评环节"), max_length=60, required=False,
        help_text=_("仅评估员：只看到并评分该环节的人工指标，如 第三方机构测评；留空为全部环节"))

    def __init__(self, *args, units=(), roles=(), editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.full_name) for u in units]
        self.fields["roles"].choices = list(roles)
        if editing:
            self.fields["username"].disabled = True
            self.fields["username"].required = False
