"""Forms: the public comment and hearing-registration forms (with the same spam guards as the
request form: honeypot, signed start time, per-address rate limit in the view) and the unit's
workbench forms. Labels and messages are Chinese."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.consultations.domain.vocab import (
    CHANNEL_LABELS,
    DECISION_LABELS,
    ITEM_STATUS_LABELS,
    KIND_LABELS,
    MODERATION_LABELS,
    VISIBILITY_LABELS,
    Channel,
)
from gongkai.core.forms import SpamGuardMixin as CoreSpamGuard
from gongkai.core.forms import started_token

_SIGN_SALT = "gongkai.consultations.form-started"
_date_widget = forms.DateInput(attrs={"type": "date"})


def _choices(labels: dict) -> list[tuple[str, str]]:
    return [(k.value, v) for k, v in labels.items()]


def _date(label, required=True):
    return forms.DateField(label=label, widget=_date_widget, required=required,
                           error_messages={"required": _("请填写%(label)s") % {"label": label},
                                           "invalid": _("日期格式应为 YYYY-MM-DD")})


def form_started_token(at: float | None = None) -> str:
    return started_token(_SIGN_SALT, at)


class ChineseForm(forms.Form):
    """Labels without Django's ASCII colon (the pages lay labels out themselves)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SpamGuardMixin(CoreSpamGuard, ChineseForm):
    """The public forms' spam guard (core.forms) with this app's salt and settings."""

    spam_salt = _SIGN_SALT
    min_seconds_settings = ("CONSULTATION_FORM_MIN_SECONDS", "REQUEST_FORM_MIN_SECONDS")


class CommentForm(SpamGuardMixin):
    body = forms.CharField(label=_("意见内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
                           error_messages={"required": _("请填写意见内容"),
                                           "max_length": _("意见内容最多5000字")})
    article = forms.CharField(label=_("针对的条款（可选）"), max_length=100, required=False)
    name = forms.CharField(label=_("姓名或单位（可选，不公开）"), max_length=100, required=False)
    contact = forms.CharField(label=_("联系方式（可选，不公开）"), max_length=200, required=False)
    is_private = forms.BooleanField(label=_("不公开我的意见内容（仍会被统计和答复）"), required=False)


class RegistrationForm(SpamGuardMixin):
    name = forms.CharField(label=_("姓名"), max_length=100, error_messages={"required": _("请填写姓名")})
    contact = forms.CharField(label=_("联系方式（不公开）"), max_length=200,
                              error_messages={"required": _("请填写联系方式")})
    affiliation = forms.CharField(label=_("工作单位或身份"), max_length=200, required=False)
    position = forms.CharField(label=_("拟陈述的主要观点"), widget=forms.Textarea(attrs={"rows": 4}),
                               required=False, max_length=4000)


# -- workbench ---------------------------------------------------------------------------------

ADDRESS_FIELDS = {
    Channel.LETTER: _("通信地址（信函）"),
    Channel.EMAIL: _("电子邮箱"),
    Channel.FAX: _("传真号码"),
    Channel.PHONE: _("电话号码"),
    Channel.IN_PERSON: _("现场提交地点"),
}


class ConsultationForm(ChineseForm):
    title = forms.CharField(label=_("草案名称"), max_length=300, required=False,
                            help_text=_("留空时从上传的征求意见稿中读取"))
    kind = forms.ChoiceField(label=_("类别"), choices=_choices(KIND_LABELS))
    item = forms.ModelChoiceField(label=_("对应的重大行政决策事项"), queryset=None, required=False,
                                  empty_label=_("（无）"))
    file = forms.FileField(label=_("征求意见稿文件（docx、pdf、txt、html）"), required=False)
    body = forms.CharField(label=_("或直接填写草案正文"), widget=forms.Textarea(attrs={"rows": 6}),
                           required=False)
    explanation = forms.CharField(label=_("起草说明"), widget=forms.Textarea(attrs={"rows": 5}),
                                  required=False)
    start_date = _date(_("开始日期"))
    end_date = _date(_("截止日期"))
    short_reason = forms.CharField(label=_("缩短征求意见期限的理由（少于规定期限时必填，随公告公开）"),
                                   widget=forms.Textarea(attrs={"rows": 2}), required=False)
    channels = forms.MultipleChoiceField(label=_("意见提交途径"), choices=_choices(CHANNEL_LABELS),
                                         widget=forms.CheckboxSelectMultiple,
                                         error_messages={"required": _("请至少选择一种意见提交途径")})
    contact = forms.CharField(label=_("联系人及联系电话"), max_length=300, required=False)
    moderation = forms.ChoiceField(label=_("意见审核方式"), choices=_choices(MODERATION_LABELS))
    visibility = forms.ChoiceField(label=_("意见公开时间"), choices=_choices(VISIBILITY_LABELS))

    def __init__(self, *args, items=None, **kwargs):
        super().__init__(*args, **kwargs)
        from gongkai.consultations.models import DecisionItem

        self.fields["item"].queryset = items if items is not None else DecisionItem.objects.none()
        for channel, label in ADDRESS_FIELDS.items():
            self.fields[f"address_{channel.value}"] = forms.CharField(label=label, max_length=300,
                                                                       required=False)

    def channel_entries(self) -> list[dict]:
        d = self.cleaned_data
        return [{"channel": code, "address": d.get(f"address_{code}", "")} for code in d.get("channels", [])]

    def address_fields(self):
        return [self[f"address_{c.value}"] for c in ADDRESS_FIELDS]


class PeriodForm(ChineseForm):
    end_date = _date(_("新的截止日期"))
    short_reason = forms.CharField(label=_("缩短期限的理由"), widget=forms.Textarea(attrs={"rows": 2}),
                                   required=False)


class StaffCommentForm(ChineseForm):
    channel = forms.ChoiceField(label=_("途径"), choices=[c for c in _choices(CHANNEL_LABELS) if c[0] != "online"])
    received_on = _date(_("收到日期"))
    body = forms.CharField(label=_("意见内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
                           error_messages={"required": _("请填写意见内容")})
    article = forms.CharField(label=_("针对的条款"), max_length=100, required=False)
    name = forms.CharField(label=_("姓名或单位"), max_length=100, required=False)
    contact = forms.CharField(label=_("联系方式"), max_length=200, required=False)
    is_private = forms.BooleanField(label=_("来信人要求不公开"), required=False)


class ModerateForm(ChineseForm):
    comment = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[("publish", _("通过")), ("hide", _("屏蔽"))])
    reason = forms.CharField(label=_("屏蔽理由"), max_length=300, required=False)


class ViewForm(ChineseForm):
    summary = forms.CharField(label=_("主要观点"), widget=forms.Textarea(attrs={"rows": 2}),
                              error_messages={"required": _("请填写主要观点")})


class AssignForm(ChineseForm):
    view = forms.IntegerField(label=_("主要观点"), required=False)
    comments = forms.CharField(label=_("意见序号"), error_messages={"required": _("请选择意见")})


class DecideForm(ChineseForm):
    view = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("采纳情况"), choices=_choices(DECISION_LABELS),
                                 error_messages={"required": _("请选择采纳情况")})
    reason = forms.CharField(label=_("理由或说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class FeedbackForm(ChineseForm):
    summary = forms.CharField(label=_("补充说明（可选）"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)


class FinalDocumentForm(ChineseForm):
    document = forms.ModelChoiceField(label=_("正式决策文件（已发布）"), queryset=None,
                                      error_messages={"required": _("请选择已发布的正式文件")})

    def __init__(self, *args, documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents


class CatalogForm(ChineseForm):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class ItemForm(ChineseForm):
    title = forms.CharField(label=_("决策事项"), max_length=300, error_messages={"required": _("请填写决策事项")})
    lead_unit_name = forms.CharField(label=_("承办单位"), max_length=200,
                                     error_messages={"required": _("请填写承办单位")})
    planned_time = forms.CharField(label=_("计划完成时间"), max_length=100,
                                   error_messages={"required": _("请填写计划完成时间")})
    status = forms.ChoiceField(label=_("状态"), choices=_choices(ITEM_STATUS_LABELS))
    needs_hearing = forms.BooleanField(label=_("需要听证"), required=False)
    note = forms.CharField(label=_("备注"), required=False)


class HearingForm(ChineseForm):
    title = forms.CharField(label=_("听证事项"), max_length=300)
    announcement = forms.CharField(label=_("听证公告"), widget=forms.Textarea(attrs={"rows": 4}))
    held_at = forms.DateTimeField(label=_("举行时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                  input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    place = forms.CharField(label=_("地点"), max_length=300)
    registration_end = _date(_("报名截止日期"))
    seats = forms.IntegerField(label=_("听证参加人名额"), min_value=1, max_value=500, initial=10)
    materials = forms.CharField(label=_("听证材料（举行前公开）"), widget=forms.Textarea(attrs={"rows": 4}),
                                required=False)


class HearingRecordForm(ChineseForm):
    record = forms.CharField(label=_("听证笔录"), widget=forms.Textarea(attrs={"rows": 8}),
                             error_messages={"required": _("请填写听证笔录")})
