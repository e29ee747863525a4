"""Forms of the 专栏 back office: parse input only; rules live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.core.forms import UnitContactFields
from gongkai.zhuanlan.domain.guide import SECTION_KEYS, SECTION_TITLES
from gongkai.zhuanlan.models import UnitContact
from gongkai.zhuanlan.services import CONTACT_FIELDS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContactForm(UnitContactFields):
    """The 专栏's own contact fields, then the unit's (address, phone, hours …, entered once
    and shared with the unit page and the 受理点)."""

    field_order = list(CONTACT_FIELDS)

    def __init__(self, *args, can_edit_unit: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("agency_name", "website", "request_agency"):
            model_field = UnitContact._meta.get_field(name)
            self.fields[name] = forms.CharField(
                label=model_field.verbose_name, max_length=model_field.max_length,
                required=False, help_text=model_field.help_text)
        self.order_fields(self.field_order)
        if not can_edit_unit:  # a 报送员 sees the unit's contact data; the office keeps it
            for name in UnitContactFields.base_fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("由公开办在单位管理中维护")


class GuideForm(forms.Form):
    """One textarea per 指南 section; empty means "use the generated text"."""

    def __init__(self, *args, generated: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for key in SECTION_KEYS:
            self.fields[key] = forms.CharField(
                label=SECTION_TITLES[key], required=False,
                widget=forms.Textarea(attrs={"rows": 4, "placeholder": (generated or {}).get(key, "")}),
                help_text=_("留空则使用系统按本单位联系方式和平台规则生成的内容"))


class RegisterForm(forms.Form):
    registered_on = forms.DateField(label=_("登记日期"), required=False, widget=DATE_WIDGET)
    immediate_reason = forms.CharField(label=_("公布即施行的理由"), required=False,
                                       widget=forms.TextInput(attrs={"size": 40}))


class ReregisterForm(forms.Form):
    registered_on = forms.DateField(label=_("重新登记日期"), required=False, widget=DATE_WIDGET)
    note = forms.CharField(label=_("评估结论"), widget=forms.TextInput(attrs={"size": 40}))


class FilingForm(forms.Form):
    filed_on = forms.DateField(label=_("备案日期"), widget=DATE_WIDGET)
    filed_with = forms.CharField(label=_("备案机关"), required=False, max_length=200)
