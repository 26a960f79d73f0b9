"""What digest keeps between runs in the user's data directory (no network here).

- the archive: every fetched page, keyed by canonical URL, with the validators (ETag,
  Last-Modified) that make the next request conditional, so a 304 reuses the copy and a
  run can be repeated offline (`--offline`);
- the seen store (SQLite): canonical URL or path -> fingerprint of the cleaned text of
  what a `--new` run briefed, so the same text re-published is not news again;
- feed health: how many runs in a row each feed failed, for `digest doctor`.

Retention (`digest prune`, default RETENTION_DAYS): an archived page not fetched for that
many days goes (a page still in a feed is fetched again, or re-validated by a 304, and
stays), and so does a seen entry not briefed for that many days (a feed item that old has
long left its feed, so forgetting it cannot brief it again).

The directory is $DIGEST_DATA_DIR, else platformdirs' user_data_dir("digest").
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

DATA_ENV = "DIGEST_DATA_DIR"
DB_NAME = "state.sqlite3"
# A feed that failed this many runs in a row is named by `digest doctor`.
FAILING_RUNS = 3
# What `digest prune` keeps by default: a season of news. Feeds list a few days to a few
# weeks of items, so an entry this old can no longer come back through a feed as new.
RETENTION_DAYS = 90


def data_dir() -> Path:
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("digest"))


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class ArchivedPage:
    """One fetched page as the archive keeps it."""

    url: str  # canonical URL (the key)
    body: bytes
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    fetched: str = ""  # ISO time of the last 200


class Archive:
    """Pages on disk: archive/ab/abcdef….body beside its .json (URL, headers, time)."""

    def __init__(self, root: Path | None = None):
        self.root = root or data_dir() / "archive"

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = _key(url)
        folder = self.root / key[:2]
        return folder / f"{key}.body", folder / f"{key}.json"

    def get(self, url: str) -> ArchivedPage | None:
        body_path, meta_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text("utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url:
            return None
        return ArchivedPage(url=url, body=body, content_type=str(meta.get("content_type") or ""),
                            etag=meta.get("etag"), last_modified=meta.get("last_modified"),
                            fetched=str(meta.get("fetched") or ""))

    def put(self, page: ArchivedPage) -> None:
        from digest.output import atomic_write

        body_path, meta_path = self._paths(page.url)
        body_path.parent.mkdir(parents=True, exist_ok=True)
        meta = {k: v for k, v in asdict(page).items() if k != "body"}
        atomic_write(body_path, page.body)  # the body first: a meta always has its body
        atomic_write(meta_path, json.dumps(meta, ensure_ascii=False).encode("utf-8"))

    def touch(self, url: str) -> None:
        """A 304 re-validated the copy: it counts as fetched now for retention."""
        with contextlib.suppress(OSError):
            os.utime(self._paths(url)[1])

    def prune(self, older_than_days: int, *, dry_run: bool = False) -> int:
        """Remove pages last fetched (200, or re-validated by a 304) more than this many
        days ago; returns how many were (with dry_run: would be) removed."""
        cutoff = dt.datetime.now(dt.timezone.utc).timestamp() - older_than_days * 86400
        removed = 0
        for meta_path in self.root.glob("*/*.json"):
            with contextlib.suppress(OSError):
                if meta_path.stat().st_mtime < cutoff:
                    if not dry_run:
                        meta_path.unlink()
                        meta_path.with_suffix(".body").unlink(missing_ok=True)
                    removed += 1
        return removed


def text_fingerprint(title: str, paragraphs: list[str]) -> str:
    """The cleaned text's fingerprint: whitespace differences don't make an article new."""
    text = "\n".join(" ".join(p.split()) for p in [title, *paragraphs])
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class State:
    """The SQLite state file: the seen store and feed health."""

    def __init__(self, path: Path | None = None):
        self.path = path or data_dir() / DB_NAME
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30)
        with self.db:
            self.db.execute("CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,"
                            " first_briefed TEXT NOT NULL, last_briefed TEXT NOT NULL)")
            self.db.execute("CREATE TABLE IF NOT EXISTS feeds (url TEXT PRIMARY KEY, failures INTEGER NOT NULL,"
                            " last_error TEXT, last_run TEXT NOT NULL)")

    def close(self) -> None:
        self.db.close()

    # -- the seen store ------------------------------------------------------------------

    def seen(self, key: str) -> str | None:
        """The fingerprint briefed for this key, if any."""
        row = self.db.execute("SELECT fingerprint FROM seen WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def mark_briefed(self, items: list[tuple[str, str]]) -> None:
        now = _now()
        with self.db:
            self.db.executemany(
                "INSERT INTO seen VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET"
                " fingerprint = excluded.fingerprint, last_briefed = excluded.last_briefed",
                [(key, fp, now, now) for key, fp in items])

    def prune_seen(self, older_than_days: int, *, dry_run: bool = False) -> int:
        """Forget what was last briefed more than this many days ago; returns how many."""
        cutoff = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=older_than_days)).isoformat()
        if dry_run:
            (count,) = self.db.execute("SELECT count(*) FROM seen WHERE last_briefed < ?", (cutoff,)).fetchone()
            return int(count)
        with self.db:
            return self.db.execute("DELETE FROM seen WHERE last_briefed < ?", (cutoff,)).rowcount

    # -- feed health ---------------------------------------------------------------------

    def feed_result(self, url: str, error: str | None) -> None:
        with self.db:
            if error is None:
                self.db.execute("DELETE FROM feeds WHERE url = ?", (url,))
            else:
                self.db.execute(
                    "INSERT INTO feeds VALUES (?, 1, ?, ?) ON CONFLICT(url) DO UPDATE SET"
                    " failures = failures + 1, last_error = excluded.last_error, last_run = excluded.last_run",
                    (url, error, _now()))

    def failing_feeds(self, runs: int = FAILING_RUNS) -> Iterator[tuple[str, int, str]]:
        rows = self.db.execute("SELECT url, failures, last_error FROM feeds WHERE failures >= ? ORDER BY url",
                               (runs,))
        for url, failures, error in rows:
            yield str(url), int(failures), str(error or "")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
