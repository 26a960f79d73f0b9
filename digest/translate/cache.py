"""The translation cache: SQLite under the user cache dir.

Keyed by model hash, glossary hash and source sentence, so an unchanged cron re-run
costs no model time and a new model or glossary never serves stale English. WAL mode
and a busy timeout let two runs share the file at once.
"""
from __future__ import annotations

import json
import logging
import os
import sqlite3
from pathlib import Path

from digest.article import TranslatedText

log = logging.getLogger("digest")

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
_QUERY_CHUNK = 500  # stays under SQLite's limit on bound parameters


def cache_dir() -> Path:
    """digest's cache dir: $DIGEST_CACHE_DIR, else the platform's user cache dir."""
    override = os.environ.get("DIGEST_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("digest"))


class TranslationCache:
    def __init__(self, connection: sqlite3.Connection, model_hash: str, glossary_hash: str):
        self._db = connection
        self.model_hash = model_hash
        self.glossary_hash = glossary_hash

    @classmethod
    def open(cls, model_hash: str, glossary_hash: str, path: Path | None = None) -> TranslationCache | None:
        """The cache, or None (with a warning) when it can't be used: a run never fails for it."""
        path = path or cache_dir() / DB_NAME
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=30, isolation_level=None)
            db.execute("PRAGMA busy_timeout = 30000")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute(_SCHEMA)
            db.execute(_RETRIES_SCHEMA)
        except (sqlite3.Error, OSError) as err:
            log.warning("digest: translation cache %s not used (%s)", path, err)
            return None
        return cls(db, model_hash, glossary_hash)

    def get_many(self, sentences: list[str]) -> dict[str, TranslatedText]:
        found: dict[str, TranslatedText] = {}
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
                for source, en, terms, repaired, kept in rows:
                    found[source] = TranslatedText(source, en, json.loads(terms), json.loads(repaired), kept=kept)
        except (sqlite3.Error, ValueError) as err:
            log.warning("digest: translation cache not read (%s)", err)
            return {}
        return found

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
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as err:
            log.warning("digest: translation cache not written (%s)", err)

    def count(self) -> int:
        """Entries for this model and glossary."""
        (count,) = self._db.execute(
            "SELECT count(*) FROM translations WHERE model = ? AND glossary = ?",
            (self.model_hash, self.glossary_hash),
        ).fetchone()
        return int(count)

    def close(self) -> None:
        self._db.close()
