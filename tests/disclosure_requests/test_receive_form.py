"""The receive form keeps the channel a request came in by and pre-fills ISO dates."""

from __future__ import annotations

import re

from django.utils import timezone


def test_an_online_request_is_received_as_online(client, handlers, file_request):
    req = file_request()
    assert req.channel == "online"
    client.force_login(handlers["stats"])
    page = client.get(f"/requests/manage/{req.pk}/").content.decode()
    form = page[page.index(f'/requests/manage/{req.pk}/receive/'):]
    form = form[:form.index("</form>")]
    assert re.search(r'<option value="online" selected>', form), form
    assert f'value="{timezone.localdate().isoformat()}"' in form
