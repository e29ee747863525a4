"""Every date input renders an ISO value, whatever the language (a Chinese browser cannot
show `2026/12/02` in <input type="date"> and the pre-filled date appeared empty)."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.utils import translation


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_date_inputs_render_iso(language):
    class F(forms.Form):
        day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    with translation.override(language):
        html = str(F(initial={"day": date(2026, 12, 2)})["day"])
        assert 'value="2026-12-02"' in html
        assert F({"day": "2026/12/02"}).is_valid()  # the other spellings are still read
