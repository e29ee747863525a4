"""The tantivy engine (GONGKAI_SEARCH_ENGINE=tantivy) behind the same search() interface.

The behaviours the database engine's tests check are run again here, unchanged, with the
engine switched to tantivy and its index in a fresh directory per test (queries are data,
phrases, 发文字号 pinning, title before body, pieces, filters, facets, counts, non-public
documents never returned and removed on change, the relevance set's floors). Then what is
tantivy's own: the reindex command and index_check against the directory, and several writers
(threads, another process) serialised by the write lock without corruption or deadlock, with
a search seeing another process's commit.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

pytest.importorskip("tantivy", reason="the tantivy package is not installed (pip install 'gongkai[tantivy]')")

from gongkai.search import tantivy_engine  # noqa: E402
from gongkai.search.backends import Row  # noqa: E402
from gongkai.search.selectors import SearchFilters, index_check, search  # noqa: E402
from gongkai.search.services import index_documents, reindex_all  # noqa: E402

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


@pytest.fixture(autouse=True)
def tantivy_dir(settings, tmp_path):
    settings.SEARCH_ENGINE = "tantivy"
    settings.SEARCH_TANTIVY_DIR = tmp_path / "search-tantivy"
    settings.SEARCH_TANTIVY_LOCK_TIMEOUT = 30
    return settings.SEARCH_TANTIVY_DIR


def _borrow(filename: str, *names: str) -> None:
    """Collect these tests (and fixtures) of another module here, under this module's
    autouse fixture: the same code, the other engine."""
    spec = importlib.util.spec_from_file_location(f"tantivy_borrowed_{filename[:-3]}", HERE / filename)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in names:
        globals()[name] = getattr(module, name)


_borrow("test_search.py",
        "test_search_recall", "test_doc_number_in_any_bracket_form_finds_its_document_first",
        "test_order_number_finds_its_document_first",
        "test_doc_number_of_a_non_public_document_is_not_pinned",
        "test_run_of_text_ranks_above_words_apart", "test_quoted_phrase_needs_adjacent_words",
        "test_title_match_ranks_above_body_match", "test_query_is_data_never_syntax",
        "test_operator_words_are_plain_words", "test_snippet_escapes_text_and_marks_matches",
        "test_only_public_documents_are_indexed", "test_index_follows_document_changed_signal",
        "test_stale_index_entry_never_shows_a_non_public_document", "test_filters_and_facets",
        "test_empty_query_lists_public_documents_newest_first", "test_sort_by_date",
        "test_unknown_sort_is_an_error_naming_the_field", "test_paging_clamps",
        "test_pages_do_not_overlap", "test_search_query_count_is_constant")
_borrow("test_tiers.py",
        "test_a_piece_finds_the_title_in_every_sort_with_filters_and_facets",
        "test_number_piece_in_any_brackets", "test_common_query_lists_titles_holding_the_term_first")
_borrow("test_index_follows_services.py",
        "test_create_publish_edit_and_repeal_through_the_services",
        "test_withdrawal_takes_the_document_out_of_search")
_borrow("test_relevance_set.py", "judged_library", "test_relevance_set_scores_above_floors",
        "test_a_piece_starting_inside_a_word_finds_the_title")
_borrow("test_relevance.py", "test_relevance_set_scores_above_floor")
_borrow("test_properties.py", "test_no_query_string_makes_search_fail",
        "test_filters_never_make_search_fail")


# --- tantivy's own -----------------------------------------------------------------------------


def test_the_database_index_is_not_written(make_doc, unit_tree, tantivy_dir):
    from gongkai.search.models import SearchEntry

    doc = make_doc(unit_tree["city"], title="关于防汛工作的通知", body="做好防汛准备")
    assert index_documents(document_ids=[doc.pk]) == 1
    assert SearchEntry.objects.count() == 0
    assert (tantivy_dir / "meta.json").exists()
    assert [h.document.pk for h in search("防汛").hits] == [doc.pk]


def test_common_query_is_ranked_not_listed_newest_first(make_doc, unit_tree, monkeypatch):
    """tantivy ranks every match (no candidate bound): the body holding the term most often
    comes first even when the query matches most of the library."""
    from gongkai.search import selectors

    monkeypatch.setattr(selectors, "COMMON_MIN_MATCHES", 3)
    docs = [make_doc(unit_tree["city"], title=f"通知{i}", body="依法公开。" * (1 + i % 4) + "其他。" * 4)
            for i in range(8)]
    index_documents(document_ids=[d.pk for d in docs])
    page = search("公开", page_size=8)
    assert page.count == 8
    repeats = {d.pk: 1 + i % 4 for i, d in enumerate(docs)}
    assert [repeats[h.document.pk] for h in page.hits] == sorted(repeats.values(), reverse=True)


def test_reindex_command_rebuilds_and_reports(library, capsys):
    ids = [d.pk for d in library.values()]
    tantivy_engine.replace(ids, [], timezone.now())  # the index emptied behind its back
    assert search("").count == 0
    call_command("reindex")
    out = capsys.readouterr().out
    assert f"indexed {len(library)} documents" in out and "(tantivy)" in out
    assert search("").count == len(library)
    assert search("幼儿园").count >= 1


def test_index_check_finds_missing_orphaned_and_stale_entries(make_doc, unit_tree, capsys):
    kept, dropped, edited, unindexed = (
        make_doc(unit_tree["city"], title=f"关于{w}工作的通知", body=f"做好{w}工作")
        for w in ("防汛", "抗旱", "消防", "档案"))
    index_documents(document_ids=[kept.pk, dropped.pk, edited.pk])
    type(dropped).objects.filter(pk=dropped.pk).update(state="withdrawn")  # no signal
    type(edited).objects.filter(pk=edited.pk).update(
        title="关于森林防火工作的通知", updated_at=timezone.now() + timezone.timedelta(seconds=5))

    check = index_check()
    assert (check.public, check.indexed) == (3, 3)
    assert check.missing == [unindexed.pk]
    assert check.orphaned == [dropped.pk]
    assert check.stale == [edited.pk]
    with pytest.raises(SystemExit):
        call_command("reindex", "--check")

    call_command("reindex", "--repair")
    type(edited).objects.filter(pk=edited.pk).update(updated_at=timezone.now() - timezone.timedelta(days=1))
    check = index_check()
    assert check.ok, check
    assert search("抗旱").count == 0 and search("森林防火").count == 1 and search("档案").count == 1


def _row(doc_id: int, title: str, body: str, unit_id: int = 1) -> Row:
    from gongkai.search.domain.indexing import index_text
    from gongkai.search.domain.substring import key

    t, n, b = index_text(title=title, doc_number="", body=body).joined()
    return Row(document_id=doc_id, unit_id=unit_id, year=2024, level="", validity="现行有效",
               category="", publish_date=None, in_force=True, title=t, number=n, body=b,
               tsvector="", title_key=key(title), number_key="")


_CHILD = """
import sys, time
import django
django.setup()
from gongkai.search import tantivy_engine
from gongkai.search.backends import Row
from gongkai.search.domain.indexing import index_text
from gongkai.search.domain.substring import key
doc_id, title, body, hold = int(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
t, n, b = index_text(title=title, doc_number="", body=body).joined()
row = Row(document_id=doc_id, unit_id=1, year=2024, level="", validity="现行有效", category="",
          publish_date=None, in_force=True, title=t, number=n, body=b, tsvector="",
          title_key=key(title), number_key="")
with tantivy_engine.handle().writing() as writer:
    print("locked", flush=True)
    time.sleep(hold)
    writer.delete_documents_by_term("id", doc_id)
    writer.add_document(tantivy_engine._document(row, 0))
print("committed", flush=True)
"""


def _child(tantivy_dir: Path, doc_id: int, title: str, body: str, hold: float) -> subprocess.Popen:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="gongkai.settings", GONGKAI_SEARCH_ENGINE="tantivy",
               GONGKAI_TANTIVY_DIR=str(tantivy_dir), PYTHONPATH=str(ROOT / "src"))
    env.pop("GONGKAI_TESTING", None)
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(doc_id), title, body, str(hold)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert line.strip() == "locked", (line, proc.stderr.read() if proc.poll() is not None else "")
    return proc


def test_another_process_commit_is_seen_and_writers_wait_for_each_other(make_doc, unit_tree, tantivy_dir):
    ours = make_doc(unit_tree["city"], title="关于防汛工作的通知", body="做好防汛准备")
    theirs = make_doc(unit_tree["city"], title="关于抗旱工作的通知", body="做好抗旱准备")
    index_documents(document_ids=[ours.pk])
    assert search("抗旱").count == 0  # our reader is open on the first commit

    child = _child(tantivy_dir, theirs.pk, theirs.title, theirs.body, hold=1.0)  # holds the lock
    started = time.monotonic()
    ours.body = "做好防汛和排涝准备"
    ours.save()
    index_documents(document_ids=[ours.pk])  # waits for the other process's commit
    waited = time.monotonic() - started
    out, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert "committed" in out
    assert waited >= 0.5  # it did wait for the lock, and did not deadlock

    assert [h.document.pk for h in search("抗旱").hits] == [theirs.pk]  # the other commit, seen
    assert [h.document.pk for h in search("排涝").hits] == [ours.pk]  # and ours, after it
    assert search("").count == 2
    check = index_check()
    assert check.missing == [] and check.orphaned == [] and check.indexed == 2


def test_a_writer_gives_up_after_the_lock_timeout(make_doc, unit_tree, tantivy_dir, settings):
    doc = make_doc(unit_tree["city"], title="关于防汛工作的通知", body="做好防汛准备")
    index_documents(document_ids=[doc.pk])
    settings.SEARCH_TANTIVY_LOCK_TIMEOUT = 0.2
    child = _child(tantivy_dir, 999_999, "别的进程", "别的进程写入", hold=1.5)
    try:
        with pytest.raises(tantivy_engine.IndexBusy):
            index_documents(document_ids=[doc.pk])
    finally:
        child.communicate(timeout=60)
    assert child.returncode == 0
    assert search("防汛").count == 1  # the index is intact; the change would stay in the outbox


def test_threads_writing_at_once_are_serialised(make_doc, unit_tree):
    docs = [make_doc(unit_tree["city"], title=f"关于第{i}项工作的通知", body=f"编号甲{i}乙的事项")
            for i in range(6)]
    index_documents(document_ids=[docs[0].pk])
    errors: list[BaseException] = []

    def write(doc):
        try:
            tantivy_engine.replace([doc.pk], [_row(doc.pk, doc.title, doc.body, doc.unit_id)],
                                   timezone.now())
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(d,)) for d in docs]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)
    assert not errors and not any(th.is_alive() for th in threads)
    assert search("").count == len(docs)  # the re-added first document once, the others once
    assert index_check().indexed == len(docs)


def test_filters_on_every_field(library, unit_tree):
    everything = search("")
    for filters in (SearchFilters(level="法律"), SearchFilters(category="法律法规"),
                    SearchFilters(validity="失效"), SearchFilters(in_force_only=True),
                    SearchFilters(unit=unit_tree["office"].pk), SearchFilters(year=2014)):
        page = search("", filters=filters, page_size=100)
        assert 0 < page.count < everything.count, filters
        assert page.count == len(page.hits)


def test_reindex_all_replaces_everything_in_one_commit(library):
    result = reindex_all()
    assert (result.count, result.backend) == (len(library), "tantivy")
    assert search("").count == len(library)
