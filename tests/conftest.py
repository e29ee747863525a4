"""Shared test fixtures: build data through the real services."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("GONGKAI_TESTING", "1")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _text_index_flushed(request, django_db_blocker):
    """A transactional test (live_server included) ends with Django's flush, which empties the
    model tables but not SQLite's FTS5 tables (search_fts, search_tri): their rows would then
    match the next test's documents, which reuse the same ids. Empty them too."""
    yield
    if not {"transactional_db", "live_server"} & set(request.fixturenames):
        return
    from django.db import connection

    if connection.vendor != "sqlite":
        return  # PostgreSQL keeps the index in search_entry's own columns, which flush empties
    from django.db import DatabaseError

    with django_db_blocker.unblock(), connection.cursor() as cur:
        for table in ("search_fts", "search_tri"):
            try:
                cur.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
            except DatabaseError:
                pass  # a test dropped the index on purpose


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A job run in a thread (JOBS_MODE=thread) must not outlive its test: once the test's
    fixtures are torn down, its database rows and MEDIA_ROOT are gone and the thread would fail
    or write into the next test. Wait for such threads right after the test body."""
    from gongkai.core.jobs import job_threads_join

    try:
        result = yield
    finally:
        still = job_threads_join(timeout=120)
    if still:
        raise AssertionError(f"{still} background job thread(s) still running after the test")
    return result


@pytest.fixture
def unit_tree(db):
    """湖北省人民政府 → 武汉市人民政府 → (办公厅, 新洲区人民政府, 市统计局)."""
    from gongkai.core.services import unit_save

    province = unit_save(full_name="湖北省人民政府", code="011000000", kind="province",
                         short_names=["湖北省政府", "省政府"], doc_prefixes=["鄂政", "鄂政办"])
    city = unit_save(full_name="武汉市人民政府", code="011043200", kind="city", parent=province,
                     short_names=["武汉市政府", "市政府"], doc_prefixes=["武政", "武政规"])
    office = unit_save(full_name="武汉市人民政府办公厅", code="011043201", kind="department",
                       parent=city, short_names=["武汉市政府办公厅", "市政府办公厅"],
                       doc_prefixes=["武政办"], assessment_group="承担行政许可事项较少的部门")
    district = unit_save(full_name="新洲区人民政府", code="011043217", kind="district", parent=city,
                         short_names=["新洲区政府"], doc_prefixes=["新政", "新政办"],
                         assessment_group="区政府")
    stats = unit_save(full_name="武汉市统计局", code="011043230", kind="department", parent=city,
                      doc_prefixes=["武统"], assessment_group="承担行政许可事项较少的部门")
    return {"province": province, "city": city, "office": office, "district": district, "stats": stats}


@pytest.fixture
def make_user(db):
    from gongkai.core.services import user_save

    def _make(username: str, unit, *roles: str):
        return user_save(username=username, unit=unit, roles=list(roles), password="pw-test-123")

    return _make


# --- the public library (portal / public API tests) ------------------------------------------
# Built through documents.services; creation runs inside
# django_capture_on_commit_callbacks(execute=True) so the search index, which follows
# documents after commit, sees them as it would in production.

SEED_BODY_180 = (
    "各区人民政府，市人民政府各部门：为深入贯彻落实《中华人民共和国政府信息公开条例》，"
    "建立和完善政府信息公开工作长效机制，推进政务公开，现提出如下意见。"
    "一、明确工作职责。各单位应当设立综合管理、保密审查、审核批准、信息发布岗位。"
)


@pytest.fixture
def publish_document(unit_tree, django_capture_on_commit_callbacks):
    """publish_document(unit_key_or_unit, title=..., **fields) -> a published Document."""
    from gongkai.documents.services import document_create, document_publish_direct

    def _publish(unit="office", *, state="published", attachments=(), **fields):
        unit = unit_tree[unit] if isinstance(unit, str) else unit
        with django_capture_on_commit_callbacks(execute=True):
            doc = document_create(unit=unit, actor=None, attachments=attachments, **fields)
            if state == "published":
                doc = document_publish_direct(document=doc, actor=None)
        return doc

    return _publish


@pytest.fixture
def public_library(publish_document):
    """Three public documents (one repealed), one draft and one 不予公开 document."""
    docs = {}
    publish = publish_document
    docs["mechanism"] = publish(
        "office", title="武汉市人民政府办公厅关于建立和完善政府信息公开工作长效机制的意见",
        doc_number="武政办〔2014〕180号", publish_date="2014-10-29", effective_date="2014-10-29",
        level="地方规范性文件", category="机关工作综合规定", body=SEED_BODY_180,
        attachments=[("分工表.txt", "综合管理岗位分工".encode())],
    )
    docs["statistics"] = publish(
        "office", title="武汉市人民政府办公厅关于切实做好政府信息公开情况统计报送工作的通知",
        doc_number="武政办〔2014〕153号", publish_date="2014-09-03", level="地方规范性文件",
        body="各区人民政府：为切实做好政府信息公开情况统计报送工作，现将有关事项通知如下。",
    )
    docs["repealed"] = publish(
        "city", title="武汉市重大行政决策公开征求意见规定",
        doc_number="武政规〔2017〕1号", publish_date="2017-01-11", level="地方规范性文件",
        validity="失效", body="重大行政决策公开征求意见，征求意见期限一般不少于30日。政府信息公开。",
    )
    docs["draft"] = publish(
        "office", state="draft", title="武汉市政府信息公开草稿机密文件",
        doc_number="武政办〔2014〕181号", publish_date="2014-11-01",
        body="草稿：政府信息公开工作内部讨论稿。",
    )
    docs["withheld"] = publish(
        "district", state="draft", title="新洲区政府信息公开不予公开文件",
        doc_number="新政办〔2014〕9号", publish_date="2014-11-02", disclosure="不予公开",
        disclosure_reason="条例第十四条", body="不予公开：政府信息公开涉密内容。",
    )
    return docs


# --- review / workbench / submission API (issue 4): unit A = 新洲区, unit B = 市统计局 ---
@pytest.fixture
def wf_people(unit_tree, make_user):
    a, b = unit_tree["district"], unit_tree["stats"]
    return {
        "submitter_a": make_user("sub_a", a, "submitter"),
        "reviewer_a": make_user("rev_a", a, "reviewer"),
        "reviewer2_a": make_user("rev2_a", a, "reviewer"),
        # one person per post (武政办〔2014〕180号)
        "secrecy_a": make_user("sec_a", a, "secrecy_reviewer"),
        "approver_a": make_user("appr_a", a, "approver"),
        "publisher_a": make_user("pub_a", a, "publisher"),
        "submitter_b": make_user("sub_b", b, "submitter"),
        "reviewer_b": make_user("rev_b", b, "reviewer"),
        "office": make_user("office", unit_tree["city"], "office"),
        "evaluator": make_user("evaluator", unit_tree["city"], "evaluator"),
        "admin": make_user("admin", None, "admin"),
    }


@pytest.fixture
def wf_doc(wf_people, unit_tree):
    from gongkai.documents.services import document_create

    counter = iter(range(1, 1000))

    def _make(unit_key: str = "district", *, serial: int | None = None, **kw):
        unit = unit_tree[unit_key]
        n = serial or next(counter)
        prefix = unit.doc_prefixes[0]
        kw.setdefault("title", f"{unit.full_name}关于做好2026年政务公开工作的通知（{n}）")
        kw.setdefault("doc_number", f"{prefix}〔2026〕{n}号")
        kw.setdefault("publish_date", "2026-09-25")
        actor = wf_people["submitter_a"] if unit_key == "district" else wf_people["submitter_b"]
        return document_create(unit=unit, actor=actor, **kw)

    return _make


# --- Browser tests: Debian's chromium driven by Playwright (never a downloaded browser) ------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(config, items):
    """Tests marked `browser` skip, saying how to install chromium, where it is missing."""
    import shutil

    if os.path.exists(CHROMIUM) and shutil.which("chromium") is not None:
        return
    skip = pytest.mark.skip(reason="Debian's chromium is missing: apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def browser_page():
    """A chromium page with JavaScript off (pages must work without it), zh-CN locale."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls are not async.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(java_script_enabled=False, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            # While Playwright's loop runs, Django's connection handler (an asgiref Local) keys
            # connections by async context, not thread: the test's own connection opened
            # here is invisible to the test database teardown and kept PostgreSQL's test
            # database "accessed by other users" (issue 11, item 18). Close it in this context.
            from django.db import connections

            connections.close_all()
            context.close()
            browser.close()


def pytest_sessionfinish(session, exitstatus):
    """A PostgreSQL run must drop its test database: one left behind means a connection
    stayed open (issue 11, item 18), so the run fails and says so."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql" or session.config.getoption("reuse_db", False):
        return
    import psycopg

    name = settings.DATABASES["default"].get("TEST", {}).get("NAME") or (
        "test_" + settings.DATABASES["default"]["NAME"])
    params = settings.DATABASES["default"]
    try:
        with psycopg.connect(dbname="postgres", user=params.get("USER") or None,
                             host=params.get("HOST") or None,
                             port=params.get("PORT") or None) as conn:
            left = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    except psycopg.Error:
        return
    if left and session.testscollected:
        session.config.get_terminal_writer().line(
            f"测试数据库 {name} 未被删除：有连接未关闭（见 tests/conftest.py browser_page）", red=True)
        session.exitstatus = 1


# What every browser journey does first: log in through the real login form.
PASSWORD = "pw-test-123"  # the password make_user gives every test user


def browser_login(page, url: str, username: str, next_url: str = "", *, password: str = PASSWORD,
                  wait_for: str | None = None) -> None:
    """Log `username` in at `url` (the live server), then wait for `next_url` (or the glob
    `wait_for`) to load; without either, return once the form is sent."""
    page.context.clear_cookies()
    page.goto(url + "/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form [type=submit]").click()
    if wait_for or next_url:
        page.wait_for_url(wait_for or "**" + next_url)
