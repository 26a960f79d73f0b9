"""The translation cache: SQLite under the user cache dir.

Keyed by model hash, glossary hash and source sentence, so an unchanged cron re-run
costs no model time and a new model or glossary never serves stale English. WAL mode
and a busy timeout let two runs share the file at once.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

from digest.errors import warn
from digest.model import TranslatedText

DB_NAME = "translations.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    model TEXT NOT NULL,
    glossary TEXT NOT NULL,
    source TEXT NOT NULL,
    en TEXT NOT NULL,
    terms TEXT NOT NULL,
    repaired TEXT NOT NULL,
    PRIMARY KEY (model, glossary, source)
) WITHOUT ROWID
"""
# Which English a flagged sentence kept after its retry ("retry" or "first"); a table of
# its own, so a cache written before retries existed stays readable as it is.
_RETRIES_SCHEMA = """
CREATE TABLE IF NOT EXISTS retries (
    model TEXT NOT NULL,
    glossary TEXT NOT NULL,
    source TEXT NOT NULL,
    kept TEXT NOT NULL,
    PRIMARY KEY (model, glossary, source)
) WITHOUT ROWID
"""
# The day each entry was last read or written, for `digest prune` (entries not used for
# its --older-than days go). A table of its own, so a cache written before it existed
# stays readable; its entries are stamped with the day of the first prune that sees them.
_USED_SCHEMA = """
CREATE TABLE IF NOT EXISTS used (
    model TEXT NOT NULL,
    glossary TEXT NOT NULL,
    source TEXT NOT NULL,
    day TEXT NOT NULL,
    PRIMARY KEY (model, glossary, source)
) WITHOUT ROWID
"""
_QUERY_CHUNK = 500  # stays under SQLite's limit on bound parameters


def cache_dir() -> Path:
    """digest's cache dir (digest.config.cache_dir)."""
    from digest import config

    return config.cache_dir()


class TranslationCache:
    def __init__(self, connection: sqlite3.Connection, model_hash: str, glossary_hash: str):
        self._db = connection
        self.model_hash = model_hash
        self.glossary_hash = glossary_hash

    @classmethod
    def open(cls, model_hash: str, glossary_hash: str, path: Path | None = None) -> TranslationCache | None:
        """The cache, or None (with a warning) when it can't be used: a run never fails for
        it. A file that is not a cache of this shape (corrupt, garbage, another schema) is
        moved aside and a new one started, so one bad file can't cost every later run."""
        path = path or cache_dir() / DB_NAME
        try:
            return cls(_connect(path), model_hash, glossary_hash)
        except (sqlite3.Error, OSError) as err:
            if not _is_damaged(path, err):
                warn(f"translation cache {path} not used ({err})")
                return None
            aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d%H%M%S')}")
            try:
                os.replace(path, aside)
                for suffix in ("-wal", "-shm", "-journal"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                fresh = _connect(path)
            except (sqlite3.Error, OSError) as again:
                warn(f"translation cache {path} not used ({err}; {again})")
                return None
            warn(f"translation cache {path} was damaged ({err}); moved aside to {aside.name}, starting afresh")
            return cls(fresh, model_hash, glossary_hash)

    def get_many(self, sentences: list[str]) -> dict[str, TranslatedText]:
        found: dict[str, TranslatedText] = {}
        bad = 0
        try:
            for i in range(0, len(sentences), _QUERY_CHUNK):
                chunk = sentences[i : i + _QUERY_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT t.source, t.en, t.terms, t.repaired, r.kept FROM translations AS t"
                    f" LEFT JOIN retries AS r USING (model, glossary, source)"
                    f" WHERE t.model = ? AND t.glossary = ? AND t.source IN ({marks})",
                    [self.model_hash, self.glossary_hash, *chunk],
                )
                for row in rows:
                    result = _row(row)
                    if result is None:
                        bad += 1  # a row of the wrong shape is a miss: translated afresh
                    else:
                        found[result.vi] = result
        except sqlite3.Error as err:
            warn(f"translation cache not read ({err})")
            return {}
        if bad:
            warn(f"translation cache: {bad} damaged entries ignored (translated afresh)")
        self._mark_used(list(found))
        return found

    def _mark_used(self, sentences: list[str]) -> None:
        """Stamp today on these entries; a cache that can't be written now is still read."""
        if not sentences:
            return
        today = time.strftime("%Y-%m-%d")
        rows = [(self.model_hash, self.glossary_hash, sentence, today) for sentence in sentences]
        try:
            self._db.execute("BEGIN IMMEDIATE")  # one transaction, not one per row
            self._db.executemany("INSERT OR REPLACE INTO used VALUES (?, ?, ?, ?)", rows)
            self._db.execute("COMMIT")
        except sqlite3.Error:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")

    def put_many(self, results: list[TranslatedText]) -> None:
        rows = [
            (self.model_hash, self.glossary_hash, r.vi, r.en,
             json.dumps(r.terms, ensure_ascii=False), json.dumps(r.repaired, ensure_ascii=False))
            for r in results
        ]
        retries = [(self.model_hash, self.glossary_hash, r.vi, r.kept) for r in results if r.kept is not None]
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany("INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?)", rows)
                self._db.executemany("INSERT OR REPLACE INTO retries VALUES (?, ?, ?, ?)", retries)
                today = time.strftime("%Y-%m-%d")
                self._db.executemany("INSERT OR REPLACE INTO used VALUES (?, ?, ?, ?)",
                                     [(*row[:3], today) for row in rows])
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as err:
            warn(f"translation cache not written ({err})")

    def count(self) -> int:
        """Entries for this model and glossary."""
        (count,) = self._db.execute(
            "SELECT count(*) FROM translations WHERE model = ? AND glossary = ?",
            (self.model_hash, self.glossary_hash),
        ).fetchone()
        return int(count)

    def close(self) -> None:
        self._db.close()


def prune(older_than_days: int, *, dry_run: bool = False, path: Path | None = None) -> int:
    """Remove the entries not used (read or written) for this many days; returns how many
    were (with dry_run: would be) removed. A missing cache is left missing."""
    path = path or cache_dir() / DB_NAME
    if not path.is_file():
        return 0
    db = _connect(path)
    cutoff = time.strftime("%Y-%m-%d", time.localtime(time.time() - older_than_days * 86400))
    stale = "SELECT model, glossary, source FROM used WHERE day < ?"
    try:
        db.execute("BEGIN IMMEDIATE")
        # entries from before the `used` table: their clock starts now
        db.execute("INSERT OR IGNORE INTO used SELECT model, glossary, source, ? FROM translations",
                   (time.strftime("%Y-%m-%d"),))
        (count,) = db.execute(f"SELECT count(*) FROM ({stale})", (cutoff,)).fetchone()
        if not dry_run:
            for table in ("translations", "retries"):
                db.execute(f"DELETE FROM {table} WHERE (model, glossary, source) IN ({stale})", (cutoff,))
            db.execute("DELETE FROM used WHERE day < ?", (cutoff,))
        db.execute("ROLLBACK" if dry_run else "COMMIT")
    finally:
        db.close()
    return int(count)


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        db.execute("PRAGMA busy_timeout = 30000")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute(_SCHEMA)
        db.execute(_RETRIES_SCHEMA)
        db.execute(_USED_SCHEMA)
        db.execute("SELECT model, glossary, source, en, terms, repaired FROM translations LIMIT 0")
        db.execute("SELECT model, glossary, source, kept FROM retries LIMIT 0")
    except BaseException:
        db.close()
        raise
    return db


def _is_damaged(path: Path, err: Exception) -> bool:
    """Whether the file itself is bad (not a database, malformed, another schema), as
    opposed to the cache being busy, read-only or out of reach right now."""
    if not isinstance(err, sqlite3.DatabaseError) or not path.is_file():
        return False
    passing = ("locked", "busy", "readonly", "unable to open", "disk i/o", "full")
    return not any(word in str(err).lower() for word in passing)


def _row(row: tuple[object, ...]) -> TranslatedText | None:
    """A cache row as a TranslatedText, or None when any field has the wrong shape."""
    source, en, terms, repaired, kept = row
    if not isinstance(source, str) or not isinstance(en, str):
        return None
    lists = []
    for field in (terms, repaired):
        if not isinstance(field, str) or len(field) > 100_000:
            return None
        try:
            value = json.loads(field)
        except (ValueError, RecursionError):
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None
        lists.append(value)
    if kept not in (None, "retry", "first"):
        return None
    return TranslatedText(source, en, lists[0], lists[1], kept=kept)
