"""`gongkai tokens create|list|revoke`."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.review.models import ApiToken
from gongkai.review.services import api_token_authenticate


def _run(*args) -> list[str]:
    out = StringIO()
    call_command("tokens", *args, stdout=out)
    return out.getvalue().splitlines()


def test_create_prints_the_token_once_and_stores_only_its_hash(unit_tree):
    lines = _run("create", "--unit", "新洲区政府", "--name", "新洲区OA")
    raw = lines[0]
    token = api_token_authenticate(raw)
    assert token.unit == unit_tree["district"] and token.name == "新洲区OA"
    assert raw not in "".join(_run("list"))
    _run("revoke", str(token.pk))
    assert api_token_authenticate(raw) is None
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", "--unit", "不存在的单位"), "--unit: 找不到单位"),
        (("create", "--unit", "新洲区政府", "--name", " "), "name: 请填写令牌用途"),
        (("revoke", "gk_nothing"), "对应 0 个令牌"),
    ],
)
def test_bad_input_is_a_clear_error(unit_tree, args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)


def test_admin_creates_a_token_and_shows_it_once(client, unit_tree, make_user):
    admin = make_user("root", None, "admin")
    client.force_login(admin)
    r = client.post("/admin/review/apitoken/add/", {"unit": unit_tree["district"].pk, "name": "OA"},
                    follow=True)
    assert r.status_code == 200
    text = r.content.decode()
    assert "只显示这一次" in text
    raw = text.split("请立即复制：", 1)[1].split("<", 1)[0].strip()
    assert api_token_authenticate(raw).unit == unit_tree["district"]
    assert ApiToken.objects.count() == 1
