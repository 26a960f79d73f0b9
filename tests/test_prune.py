"""`digest prune`: the retention rule of the archive, the seen store and the translation cache."""
from __future__ import annotations

import os
import sqlite3
import time

from click.testing import CliRunner

from digest.cli import main
from digest.model import TranslatedText
from digest.store import DB_NAME, Archive, ArchivedPage, State, data_dir
from digest.translate import cache as translation_cache
from digest.translate.cache import TranslationCache, cache_dir

DAY = 86400


def run(*args: str):
    return CliRunner().invoke(main, ["prune", *args])


def _archive_two_pages() -> Archive:
    archive = Archive()
    for url in ("https://a.vn/old", "https://a.vn/new"):
        archive.put(ArchivedPage(url=url, body=b"<html>x</html>", content_type="text/html"))
    old_meta = archive._paths("https://a.vn/old")[1]
    stamp = time.time() - 100 * DAY
    os.utime(old_meta, (stamp, stamp))
    return archive


def _seen_two_articles() -> None:
    state = State()
    state.mark_briefed([("https://a.vn/old", "f1"), ("https://a.vn/new", "f2")])
    with state.db:
        state.db.execute("UPDATE seen SET last_briefed = '2000-01-01T00:00:00+00:00' WHERE key LIKE '%old'")
    state.close()


def _cache_two_translations() -> None:
    cache = TranslationCache.open("m", "g", cache_dir() / translation_cache.DB_NAME)
    assert cache is not None
    cache.put_many([TranslatedText("Cũ.", "Old.", [], []), TranslatedText("Mới.", "New.", [], [])])
    cache._db.execute("UPDATE used SET day = '2000-01-01' WHERE source = 'Cũ.'")
    cache.close()


def test_prune_removes_what_was_not_used_for_the_days_and_says_so():
    archive = _archive_two_pages()
    _seen_two_articles()
    _cache_two_translations()
    result = run("--older-than", "90")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "archive: removed 1 page not fetched for 90 days",
        "seen store: removed 1 article not briefed for 90 days",
        "translation cache: removed 1 translation not used for 90 days",
    ]
    assert archive.get("https://a.vn/old") is None and archive.get("https://a.vn/new") is not None
    state = State()
    assert state.seen("https://a.vn/old") is None and state.seen("https://a.vn/new") == "f2"
    state.close()
    cache = TranslationCache.open("m", "g")
    assert cache is not None and set(cache.get_many(["Cũ.", "Mới."])) == {"Mới."}


def test_dry_run_says_what_would_go_and_removes_nothing():
    archive = _archive_two_pages()
    _seen_two_articles()
    _cache_two_translations()
    result = run("--dry-run")
    assert result.exit_code == 0
    assert "archive: would remove 1 page not fetched for 90 days" in result.output  # 90: the default
    assert "translation cache: would remove 1 translation" in result.output
    assert archive.get("https://a.vn/old") is not None
    state = State()
    assert state.seen("https://a.vn/old") == "f1"
    state.close()


def test_prune_with_nothing_stored_creates_nothing():
    result = run()
    assert result.exit_code == 0
    assert "removed 0 pages" in result.output
    assert not (data_dir() / DB_NAME).exists() and not cache_dir().exists()


def test_a_cache_from_before_last_used_stays_readable_and_its_clock_starts_at_the_first_prune():
    path = cache_dir() / translation_cache.DB_NAME
    path.parent.mkdir(parents=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE translations (model TEXT NOT NULL, glossary TEXT NOT NULL, source TEXT NOT NULL,"
               " en TEXT NOT NULL, terms TEXT NOT NULL, repaired TEXT NOT NULL,"
               " PRIMARY KEY (model, glossary, source)) WITHOUT ROWID")
    db.execute("INSERT INTO translations VALUES ('m', 'g', 'Cũ.', 'Old.', '[]', '[]')")
    db.commit()
    db.close()
    cache = TranslationCache.open("m", "g", path)
    assert cache is not None and cache.get_many(["Cũ."])["Cũ."].en == "Old."
    cache.close()
    assert translation_cache.prune(0) == 0  # stamped today: not older than 0 days
    assert translation_cache.prune(30) == 0


def test_a_304_keeps_an_archived_page_from_the_prune():
    archive = _archive_two_pages()
    archive.touch("https://a.vn/old")
    assert archive.prune(90) == 0


def test_negative_days_is_a_usage_error():
    assert run("--older-than", "-1").exit_code == 2
