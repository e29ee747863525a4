"""Forms: the public request form (第二十九条) with its spam guard, and the workbench steps."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import SpamGuardMixin, UnitContactFields, started_token
from gongkai.core.models import Unit
from gongkai.disclosure_requests.domain.deadline import (
    CHANNEL_LABELS,
    DEFAULT_CORRECTION_PERIOD_WORKDAYS,
    MAX_EXTENSION_WORKDAYS,
    PAUSE_LABELS,
)
from gongkai.disclosure_requests.domain.outcomes import outcome_choices
from gongkai.disclosure_requests.domain.vocab import (
    APPLICANT_LABELS,
    DELIVERY_FORM_LABELS,
    DELIVERY_METHOD_LABELS,
    ID_LABELS,
    ApplicantType,
    IdType,
    id_number_problem,
)

_SIGN_SALT = "gongkai.disclosure_requests.form-started"


def _choices(labels: dict) -> list[tuple[str, str]]:
    return [(k.value, v) for k, v in labels.items()]


def form_started_token(at: float | None = None) -> str:
    """A signed timestamp put in the form when it is shown (spam guard: minimum fill time)."""
    return started_token(_SIGN_SALT, at)


def _required(label):
    return {"required": format_lazy("请填写{}", label)}


class ApplicantForm(forms.Form):
    """What 条例 第二十九条 asks of an applicant. Labels and messages are Chinese."""

    applicant_type = forms.ChoiceField(
        label=_("申请人类型"), choices=_choices(APPLICANT_LABELS), initial=ApplicantType.NATURAL.value,
        error_messages={"required": _("请选择申请人类型"), "invalid_choice": _("请选择申请人类型")},
    )
    applicant_name = forms.CharField(label=_("姓名或名称"), max_length=200, error_messages=_required("姓名或名称"))
    id_type = forms.ChoiceField(
        label=_("证件类型"), choices=_choices(ID_LABELS), initial=IdType.ID_CARD.value,
        error_messages={"required": _("请选择证件类型"), "invalid_choice": _("请选择证件类型")},
    )
    id_number = forms.CharField(label=_("证件号码"), max_length=40, error_messages=_required("证件号码"))
    contact_person = forms.CharField(label=_("联系人（法人或其他组织填写）"), max_length=100, required=False)
    phone = forms.RegexField(
        label=_("联系电话"), regex=r"^[0-9+\-() ]{7,20}$",
        error_messages={"required": _("请填写联系电话"), "invalid": _("联系电话只能包含数字、空格和 + - ( )，7至20位")},
    )
    address = forms.CharField(label=_("通信地址"), max_length=300, required=False)
    postcode = forms.RegexField(label=_("邮政编码"), regex=r"^\d{6}$", required=False,
                                error_messages={"invalid": _("邮政编码应为6位数字")})
    email = forms.EmailField(label=_("电子邮箱"), required=False,
                             error_messages={"invalid": _("电子邮箱格式不正确")})
    unit = forms.ModelChoiceField(
        label=_("受理机关"), queryset=Unit.objects.filter(is_active=True), empty_label=_("请选择"),
        error_messages={"required": _("请选择受理申请的行政机关"), "invalid_choice": _("请选择受理申请的行政机关")},
    )
    info_title = forms.CharField(label=_("所需信息的名称"), max_length=300, required=False)
    info_doc_number = forms.CharField(label=_("文号"), max_length=100, required=False)
    info_description = forms.CharField(label=_("所需信息的内容描述"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    delivery_form = forms.ChoiceField(
        label=_("信息的提供形式"), choices=_choices(DELIVERY_FORM_LABELS), widget=forms.RadioSelect,
        error_messages={"required": _("请选择信息的提供形式")},
    )
    delivery_method = forms.ChoiceField(
        label=_("获取信息的方式"), choices=_choices(DELIVERY_METHOD_LABELS), widget=forms.RadioSelect,
        error_messages={"required": _("请选择获取信息的方式")},
    )
    def clean_id_number(self):
        return self.cleaned_data["id_number"].strip().upper()

    def clean(self):
        data = super().clean()
        id_type, number = data.get("id_type"), data.get("id_number")
        if id_type and number:
            problem = id_number_problem(id_type, number)
            if problem:
                self.add_error("id_number", problem)
        if data.get("applicant_type") and data["applicant_type"] != ApplicantType.NATURAL and id_type == IdType.ID_CARD:
            self.add_error("id_type", _("法人或其他组织请选择统一社会信用代码证或其他有效证件"))
        if not any(data.get(k) for k in ("info_title", "info_doc_number", "info_description")):
            self.add_error("info_description", _("请填写所需信息的名称、文号或者便于检索的其他特征性描述"))
        if data.get("delivery_method") == "post" and not data.get("address"):
            self.add_error("address", _("选择邮寄的，请填写通信地址"))
        if data.get("delivery_method") == "email" and not data.get("email"):
            self.add_error("email", _("选择电子邮件的，请填写电子邮箱"))
        return data


class RequestForm(SpamGuardMixin, ApplicantForm):
    """The public form: the applicant block plus the spam guard (core.forms); the view adds a
    per-address rate limit."""

    spam_salt = _SIGN_SALT
    min_seconds_settings = ("REQUEST_FORM_MIN_SECONDS",)

    def __init__(self, *args, **kwargs):
        from gongkai.disclosure_requests.services import units_accepting_requests

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_accepting_requests()  # only units that take requests


class RegisterForm(ApplicantForm):
    """A request that came in on paper, by post or by fax, entered by the unit."""

    channel = forms.ChoiceField(label=_("提交方式"), choices=_choices(CHANNEL_LABELS))
    submitted_on = forms.DateField(label=_("提交日期"), widget=forms.DateInput(attrs={"type": "date"}),
                                   error_messages={"required": _("请填写提交日期"), "invalid": _("日期格式应为 YYYY-MM-DD")})
    signed_on = forms.DateField(label=_("签收日期（邮寄）"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    confirmed_on = forms.DateField(label=_("确认日期（平常信函/互联网/传真）"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units


# -- workbench ---------------------------------------------------------------------------------

_date_widget = forms.DateInput(attrs={"type": "date"})


def _date(label):
    return forms.DateField(label=label, widget=_date_widget,
                           error_messages={"required": format_lazy("请填写{}", label),
                                           "invalid": _("日期格式应为 YYYY-MM-DD")})


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReceiveForm(VersionForm):
    channel = forms.ChoiceField(label=_("提交方式"), choices=_choices(CHANNEL_LABELS))
    submitted_on = forms.DateField(label=_("提交日期（当面提交）"), required=False, widget=_date_widget)
    signed_on = forms.DateField(label=_("签收日期（邮寄）"), required=False, widget=_date_widget)
    confirmed_on = forms.DateField(label=_("确认日期（平常信函/互联网/传真）"), required=False, widget=_date_widget)


class CorrectionForm(VersionForm):
    sent_on = _date(_("补正通知发出日"))
    text = forms.CharField(label=_("需要补正的事项"), widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages=_required("需要补正的事项"))
    period_workdays = forms.IntegerField(label=_("补正期限（工作日）"), min_value=1, max_value=60,
                                         initial=DEFAULT_CORRECTION_PERIOD_WORKDAYS)


class CorrectionReceiveForm(VersionForm):
    received_on = _date(_("收到补正日"))


class CloseForm(VersionForm):
    closed_on = _date(_("终止日期"))


class PauseForm(VersionForm):
    # 收费 pauses come with the fee notice (FeeNoticeForm), 协办 ones may also come as a task
    kind = forms.ChoiceField(label=_("类型"), choices=[(k.value, v[0]) for k, v in PAUSE_LABELS.items()
                                                       if k.value != "fee"])
    start_on = _date(_("暂停开始日"))
    party = forms.CharField(label=_("征求意见对象"), max_length=200, error_messages=_required("征求意见对象"))
    note = forms.CharField(label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ResumeForm(VersionForm):
    end_on = _date(_("暂停结束日（含）"))


class ExtendForm(VersionForm):
    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, max_value=MAX_EXTENSION_WORKDAYS,
                              initial=MAX_EXTENSION_WORKDAYS)
    decided_on = _date(_("批准日期"))
    approver = forms.CharField(label=_("批准人（政府信息公开工作机构负责人）"), max_length=100,
                               error_messages=_required("批准人"))
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages=_required("延期理由"))


class AnswerForm(VersionForm):
    # 逾期不补正 closes through its own step (request_close_no_correction), not as an answer
    outcome = forms.ChoiceField(label=_("办理结果"),
                                choices=[c for c in outcome_choices() if c[0] != "other:no_correction"])
    reply_text = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 6}),
                                 error_messages=_required("答复内容"))
    answered_on = _date(_("答复日期"))
    duplicate_of = forms.CharField(label=_("在先申请编号（重复申请时填写，第三十六条第六项）"), max_length=20,
                                   required=False)

    def category_and_ground(self) -> tuple[str, str]:
        category, _sep, ground = self.cleaned_data["outcome"].partition(":")
        return category, ground


class ReferForm(VersionForm):
    """转办: the information is another agency's (第三十六条第（五）项)."""

    agency = forms.CharField(label=_("负责公开该信息的行政机关"), max_length=200,
                             error_messages=_required("负责公开该信息的行政机关"))
    contact = forms.CharField(label=_("该机关的联系方式"), max_length=300, required=False)
    reply_text = forms.CharField(label=_("补充说明"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    answered_on = _date(_("答复日期"))


class AssistForm(VersionForm):
    """协办: ask another unit (第三十四条), due in 15 working days."""

    unit = forms.ModelChoiceField(label=_("协办单位"), queryset=Unit.objects.none(), empty_label=_("请选择"),
                                  error_messages={"required": _("请选择协办单位"),
                                                  "invalid_choice": _("请选择协办单位")})
    question = forms.CharField(label=_("征求意见事项"), widget=forms.Textarea(attrs={"rows": 2}),
                               error_messages=_required("征求意见事项"))
    asked_on = _date(_("发出日期"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units


class AssistReplyForm(forms.Form):
    opinion = forms.CharField(label=_("协办意见"), widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages=_required("协办意见"))
    replied_on = _date(_("答复日期"))


class FeeNoticeForm(VersionForm):
    mode = forms.ChoiceField(label=_("收费方式"), choices=[("by_piece", _("按件计收")), ("by_volume", _("按量计收"))])
    count = forms.IntegerField(label=_("件数（本月累计，含本件）或页数"), min_value=1, max_value=100000,
                               error_messages={"required": _("请填写件数或页数"),
                                               "invalid": _("件数或页数应为正整数"),
                                               "min_value": _("件数或页数应为正整数")})
    payment_method = forms.CharField(label=_("缴纳方式（未填写时使用受理点的设置）"), max_length=300, required=False)
    sent_on = _date(_("通知日期"))


class FeePaidForm(VersionForm):
    paid_on = _date(_("缴费日期"))


class ProactiveForm(forms.Form):
    note = forms.CharField(label=_("说明（如：多人申请同一信息）"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    flagged_on = _date(_("标记日期"))


class ProactiveDoneForm(forms.Form):
    done_on = _date(_("主动公开日期"))


class LookupForm(forms.Form):
    number = forms.CharField(label=_("申请编号"), max_length=20, error_messages=_required("申请编号"))
    code = forms.CharField(label=_("查询码"), max_length=12, error_messages=_required("查询码"))


class CorrectionOnlineForm(forms.Form):
    correction_reply = forms.CharField(label=_("补正后的申请内容"), max_length=4000,
                                       widget=forms.Textarea(attrs={"rows": 5}),
                                       error_messages={**_required("补正后的申请内容"),
                                                       "max_length": _("补正内容不能超过4000字")})


class DeskForm(UnitContactFields):
    """The desk's own fields, then the unit's contact data (saved on the unit, entered once)."""

    field_order = ["accepts_requests", "channels", "agency", "payment_method"]

    accepts_requests = forms.BooleanField(label=_("受理政府信息公开申请"), required=False)
    channels = forms.MultipleChoiceField(label=_("受理渠道"), choices=_choices(CHANNEL_LABELS), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    agency = forms.CharField(label=_("受理机构"), max_length=200, required=False,
                             help_text=_("受理机构与本单位名称不同时填写，如 区政府办公室"))
    payment_method = forms.CharField(label=_("信息处理费缴纳方式"), max_length=300, required=False)


class MockForm(ApplicantForm):
    """An evaluator's test request: the applicant block, the channel and when it was sent."""

    channel = forms.ChoiceField(label=_("提交渠道"), choices=_choices(CHANNEL_LABELS))
    submitted_on = forms.DateField(label=_("提交日期"), widget=forms.DateInput(attrs={"type": "date"}),
                                   error_messages={"required": _("请填写提交日期"), "invalid": _("日期格式应为 YYYY-MM-DD")})
    note = forms.CharField(label=_("备注（仅测评人可见）"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        from gongkai.disclosure_requests.services import units_accepting_requests

        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_accepting_requests()
