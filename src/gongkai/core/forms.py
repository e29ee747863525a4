"""Form pieces shared by the public forms (依申请公开, 征求意见): the spam guard.

No outside service: a field people do not see (honeypot) and a signed timestamp of when the form
was shown (a minimum fill time); the views add a per-address rate limit. Each form names its own
signing salt and the setting that holds its minimum fill time."""

from __future__ import annotations

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

MAX_FORM_AGE = 6 * 3600  # seconds a shown form stays valid


def started_token(salt: str, at: float | None = None) -> str:
    """The signed timestamp put in a form when it is shown."""
    return signing.dumps({"t": int(at if at is not None else time.time())}, salt=salt)


class SpamGuardMixin(forms.Form):
    """Honeypot + minimum fill time. Subclasses set ``spam_salt`` and ``min_seconds_settings``
    (setting names tried in order; 5 s when none is set)."""

    spam_salt = "gongkai.form-started"
    min_seconds_settings: tuple[str, ...] = ()

    website = forms.CharField(label=_("请勿填写此项"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, now: float | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._now = now
        if not self.is_bound:
            self.initial["started"] = started_token(self.spam_salt)

    @classmethod
    def min_fill_seconds(cls) -> int:
        for name in cls.min_seconds_settings:
            if hasattr(settings, name):
                return int(getattr(settings, name))
        return 5

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(_("提交未通过校验，请重新填写"), code="spam")
        now = self._now if self._now is not None else time.time()
        try:
            started = signing.loads(data.get("started") or "", salt=self.spam_salt,
                                    max_age=MAX_FORM_AGE)["t"]
        except (signing.BadSignature, KeyError, TypeError):
            raise forms.ValidationError(_("表单已过期，请刷新页面后重新填写"), code="stale") from None
        if now - started < self.min_fill_seconds():
            raise forms.ValidationError(_("提交过快，请核对填写内容后再提交"), code="too_fast")
        return data


class UnitContactFields(forms.Form):
    """A unit's contact data (受理机关 address, phone, hours …), entered once: the unit page,
    the 受理点 page and the 专栏 page all show these fields and save them through
    ``core.services.unit_update``."""

    contact_address = forms.CharField(label=_("联系地址"), max_length=300, required=False,
                                      help_text=_("受理机关地址，申请表、查询页和公开指南都显示此地址"))
    contact_postcode = forms.CharField(label=_("邮政编码"), max_length=10, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=100, required=False)
    contact_fax = forms.CharField(label=_("传真"), max_length=100, required=False)
    contact_email = forms.CharField(label=_("电子邮箱"), max_length=200, required=False)
    contact_hours = forms.CharField(label=_("办公时间"), max_length=300, required=False,
                                    help_text=_("如 工作日 9:00—12:00、14:00—17:00"))
