"""The SQLite translation cache: keys, persistence, two runs at once."""
from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

from digest.model import TranslatedText
from digest.translate.cache import DB_NAME, TranslationCache, cache_dir

pytest_plugins = ["tests.conftest_translate"]


def test_cache_dir_honours_env(translate_env):
    assert cache_dir() == translate_env.cache


def test_cache_dir_default_is_the_platform_user_cache(monkeypatch):
    import platformdirs

    monkeypatch.delenv("DIGEST_CACHE_DIR", raising=False)
    assert cache_dir() == Path(platformdirs.user_cache_dir("digest"))


def test_round_trip_and_persistence(tmp_path):
    db = tmp_path / DB_NAME
    cache = TranslationCache.open("m1", "g1", db)
    item = TranslatedText("Hàn Quốc.", "South Korea.", ["South Korea"], ["South Korea"])
    cache.put_many([item])
    cache.close()
    again = TranslationCache.open("m1", "g1", db)
    assert again.get_many(["Hàn Quốc.", "other"]) == {"Hàn Quốc.": item}
    assert again.count() == 1


def test_keyed_by_model_and_glossary(tmp_path):
    db = tmp_path / DB_NAME
    TranslationCache.open("m1", "g1", db).put_many([TranslatedText("a.", "A.")])
    assert TranslationCache.open("m2", "g1", db).get_many(["a."]) == {}
    assert TranslationCache.open("m1", "g2", db).get_many(["a."]) == {}
    assert TranslationCache.open("m1", "g1", db).get_many(["a."])["a."].en == "A."


def test_many_keys_in_one_lookup(tmp_path):
    cache = TranslationCache.open("m", "g", tmp_path / DB_NAME)
    items = [TranslatedText(f"câu {i}.", f"sentence {i}.") for i in range(1234)]
    cache.put_many(items)
    assert len(cache.get_many([t.vi for t in items])) == 1234


def test_uses_wal_mode(tmp_path):
    db = tmp_path / DB_NAME
    TranslationCache.open("m", "g", db)
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_unusable_location_means_no_cache(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert TranslationCache.open("m", "g", blocker / "sub" / DB_NAME) is None


def test_corrupt_database_is_moved_aside_and_a_new_cache_started(tmp_path, caplog):
    # Issue 10: a damaged cache file must not cost every later run its cache.
    db = tmp_path / DB_NAME
    db.write_bytes(b"this is not a database" * 100)
    cache = TranslationCache.open("m", "g", db)
    assert cache is not None
    cache.put_many([TranslatedText("Xin chào.", "Hello.")])
    assert cache.get_many(["Xin chào."])["Xin chào."].en == "Hello."
    assert [r.getMessage() for r in caplog.records if "moved aside" in r.getMessage()]
    assert len(list(tmp_path.glob(f"{DB_NAME}.damaged-*"))) == 1


def test_a_cache_of_another_schema_is_moved_aside(tmp_path):
    import sqlite3

    db = tmp_path / DB_NAME
    with sqlite3.connect(db) as other:
        other.execute("CREATE TABLE translations (x INTEGER)")
    assert TranslationCache.open("m", "g", db).count() == 0


def test_rows_of_the_wrong_shape_are_misses_with_one_warning(tmp_path, caplog):
    import sqlite3

    db = tmp_path / DB_NAME
    cache = TranslationCache.open("m", "g", db)
    cache.put_many([TranslatedText(f"câu {i}", f"s {i}") for i in range(6)])
    bad = ["[[[[" * 10 + "]]]]" * 10, "[" * 100_000 + "]" * 100_000, "{}", "[1, 2]", "not json", "\x00"]
    with sqlite3.connect(db) as raw:
        for i, terms in enumerate(bad[:5]):
            raw.execute("UPDATE translations SET terms = ? WHERE source = ?", (terms, f"câu {i}"))
        raw.execute("UPDATE translations SET en = ? WHERE source = 'câu 5'", (b"\xff\xfe",))
    caplog.clear()
    assert cache.get_many([f"câu {i}" for i in range(6)]) == {}
    assert len([r for r in caplog.records if "damaged entries" in r.getMessage()]) == 1


def _writer(db: str, tag: str, rounds: int) -> None:
    cache = TranslationCache.open("m", "g", Path(db))
    for r in range(rounds):
        cache.put_many([TranslatedText(f"{tag} {r} {i}", f"{tag}-{r}-{i}") for i in range(50)])
        cache.get_many([f"{tag} {r} {i}" for i in range(50)])


def test_two_runs_at_once_do_not_corrupt_it(tmp_path):
    db = tmp_path / DB_NAME
    TranslationCache.open("m", "g", db).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(db), tag, 40)) for tag in ("a", "b", "c")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    check = sqlite3.connect(db)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("SELECT count(*) FROM translations").fetchone()[0] == 3 * 40 * 50
