"""Logins that resist guessing: lockout per account and per address, audit of every login
event, password validators, idle sessions, and a CSP header on every page."""

from __future__ import annotations

import multiprocessing
import uuid

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError

from gongkai.core.models import AuditLog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def staff(unit_tree, make_user):
    return make_user("clerk", unit_tree["office"], "submitter")


def _login(client, username, password, address="203.0.113.5"):
    return client.post("/accounts/login/", {"username": username, "password": password},
                       REMOTE_ADDR=address)


def test_sixty_wrong_passwords_then_the_right_one_is_refused(client, staff, settings):
    for _ in range(60):
        assert _login(client, "clerk", "wrong-password").status_code == 200
    response = _login(client, "clerk", "pw-test-123")
    assert response.status_code == 200  # the form again, not a redirect
    assert "登录失败次数过多，已暂时锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_account_lock_holds_from_another_address_and_ends_after_the_window(client, staff, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    for i in range(3):
        _login(client, "clerk", "wrong-password", address=f"198.51.100.{i}")
    assert "锁定" in _login(client, "clerk", "pw-test-123", address="192.0.2.99").content.decode()
    cache.clear()  # the window is over
    assert _login(client, "clerk", "pw-test-123").status_code == 302


def test_address_lock_covers_every_account_tried_from_it(client, staff, make_user, unit_tree, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 4
    make_user("other", unit_tree["office"], "submitter")
    for name in ("a1", "a2", "a3", "a4"):
        _login(client, name, "guess-guess", address="203.0.113.9")
    assert "锁定" in _login(client, "other", "pw-test-123", address="203.0.113.9").content.decode()
    assert _login(client, "other", "pw-test-123", address="203.0.113.10").status_code == 302


def test_a_successful_login_resets_the_account_count(client, staff, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    _login(client, "clerk", "wrong-password")
    _login(client, "clerk", "wrong-password")
    assert _login(client, "clerk", "pw-test-123").status_code == 302
    client.logout()
    _login(client, "clerk", "wrong-password")
    _login(client, "clerk", "wrong-password")
    assert _login(client, "clerk", "pw-test-123").status_code == 302


def test_admin_login_is_locked_too(client, unit_tree, make_user, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 2
    make_user("root", None, "admin")
    for _ in range(2):
        client.post("/admin/login/", {"username": "root", "password": "nope-nope"})
    response = client.post("/admin/login/?next=/admin/", {"username": "root", "password": "pw-test-123"})
    assert response.status_code == 200 and "锁定" in response.content.decode()


def test_login_failure_lockout_and_logout_are_audited(client, staff, settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 2
    _login(client, "clerk", "wrong-password")
    _login(client, "clerk", "wrong-password")
    _login(client, "clerk", "pw-test-123")
    cache.clear()
    _login(client, "clerk", "pw-test-123")
    client.post("/accounts/logout/")
    actions = list(AuditLog.objects.filter(action__startswith="log").order_by("id")
                   .values_list("action", flat=True))
    assert actions == ["login_failed", "login_failed", "login_locked", "login_refused_locked",
                       "login", "logout"]
    failed = AuditLog.objects.filter(action="login_failed").first()
    assert failed.data["address"] == "203.0.113.5" and failed.data["username"] == "clerk"
    assert AuditLog.objects.get(action="login").actor == staff


@pytest.mark.parametrize("password, code", [
    ("short-1", "password_too_short"), ("password123", "password_too_common"),
    ("8273649105", "password_entirely_numeric"), ("wangxiaoming1", "password_too_similar"),
])
def test_weak_passwords_are_refused(unit_tree, make_user, password, code):
    user = make_user("wangxiaoming", unit_tree["office"], "submitter")
    with pytest.raises(ValidationError) as exc:
        validate_password(password, user)
    assert code in {e.code for e in exc.value.error_list}


def test_demo_password_passes_the_validators(staff):
    validate_password("gongkai-demo", staff)


def test_sessions_end_after_thirty_idle_minutes_and_each_request_moves_it(client, staff, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    client.force_login(staff)
    assert client.session.get_expiry_age() == 30 * 60
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now())  # idle too long
    response = client.get("/workbench/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", ["/", "/search/?q=公开", "/catalogue/", "/requests/new/",
                                 "/accounts/login/", "/api/v1/docs", "/api/v1/units"])
def test_every_page_has_a_content_security_policy(client, db, url):
    policy = client.get(url)["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy


# --- the shared limiter against the real Redis --------------------------------------------

REDIS_URL = "redis://127.0.0.1:6379/2"


def _redis_cache(prefix: str):
    from django.core.cache.backends.redis import RedisCache

    return RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})


def _worker(prefix: str, hits: int, queue) -> None:
    from gongkai.core.ratelimit import Limit, hit

    rule = Limit("api", 120, 60)
    redis_cache = _redis_cache(prefix)
    queue.put(sum(hit(rule, "198.51.100.1", now=1_000_020.0, cache=redis_cache) is None
                  for _ in range(hits)))


def _redis_up() -> bool:
    try:
        _redis_cache("probe").get("x")
    except Exception:  # noqa: BLE001 - any failure means "no Redis here"
        return False
    return True


@pytest.mark.skipif(not _redis_up(), reason="needs Redis at 127.0.0.1:6379")
def test_four_processes_share_one_limit_through_redis():
    prefix = f"test-harden-{uuid.uuid4().hex}"
    context = multiprocessing.get_context("fork")  # each child opens its own Redis connection
    queue = context.Queue()
    workers = [context.Process(target=_worker, args=(prefix, 175, queue)) for _ in range(4)]
    for w in workers:
        w.start()
    allowed = sum(queue.get(timeout=60) for _ in workers)
    for w in workers:
        w.join(timeout=30)
    assert allowed == 120  # 700 requests, one limit of 120 for the site, not per process


def test_public_pages_answer_429_in_chinese_past_the_limit(client, db, settings):
    settings.PAGE_RATE_LIMIT = 2
    settings.SEARCH_RATE_LIMIT = 1
    assert client.get("/search/?q=公开").status_code == 200
    response = client.get("/search/?q=公开")
    assert response.status_code == 429 and "请求过于频繁" in response.content.decode()
    assert int(response["Retry-After"]) >= 1
    assert client.get("/catalogue/").status_code == 200
    assert client.get("/catalogue/").status_code == 200
    assert client.get("/catalogue/").status_code == 429
    assert client.get("/catalogue/", REMOTE_ADDR="192.0.2.50").status_code == 200
