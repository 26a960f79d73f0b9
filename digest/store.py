"""What digest keeps between runs in the user's data directory (no network here).

- the archive: every fetched page, keyed by canonical URL, with the validators (ETag,
  Last-Modified) that make the next request conditional, so a 304 reuses the copy and a
  run can be repeated offline (`--offline`);
- the seen store (SQLite): canonical URL or path -> fingerprint of the cleaned text of
  what a `--new` run briefed, so the same text re-published is not news again, and a
  short hash of each of its sentences, so that an edited article can say what changed;
- feed health: how many runs in a row each feed failed, for `digest doctor`.

The SQLite file (State) is never a reason for a run to crash: a damaged one is moved
aside with one warning line and a new one started, one that can't be reached or
written is one error line (exit 1), and `--new` runs take turns on it (SeenLock, exit
75 for the run that finds it held), so overlapping runs can't deliver the same news twice.

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
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

from digest import config
from digest.errors import EXIT_LOCKED, OutputError, warn

DATA_ENV = config.DATA_ENV
DB_NAME = "state.sqlite3"
# Beside the store: one `--new` run at a time reads what is new and marks what it delivered.
LOCK_SUFFIX = ".lock"
# How long a statement waits for another connection's write to finish before giving up.
BUSY_SECONDS = 30.0
# A feed that failed this many runs in a row is named by `digest doctor`.
FAILING_RUNS = 3
# What `digest prune` keeps by default: a season of news. Feeds list a few days to a few
# weeks of items, so an entry this old can no longer come back through a feed as new.
RETENTION_DAYS = 90


def data_dir() -> Path:
    """The archive's and the seen store's directory (digest.config.data_dir)."""
    return config.data_dir()


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


@dataclass(frozen=True)
class SeenEntry:
    key: str  # the article's URL (canonical) or file path
    first_briefed: str  # ISO times
    last_briefed: str


class StateError(OutputError):
    """The state file can't be opened, read or written (unreachable, read-only, a full
    disk): one line naming it, exit 1."""


class StateLockedError(StateError):
    """Another run (or program) holds the state file: exit 75, try again later."""

    exit_code = EXIT_LOCKED


# The tables as digest creates them. A file whose tables differ (another program's
# database, a wrong schema) is not a state file: it is moved aside like a corrupt one.
_TABLES = (
    ("seen", "key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, first_briefed TEXT NOT NULL,"
             " last_briefed TEXT NOT NULL"),
    ("feeds", "url TEXT PRIMARY KEY, failures INTEGER NOT NULL, last_error TEXT, last_run TEXT NOT NULL"),
    # What a --new run is about to deliver, written before it delivers (State.reserve):
    # a store that can't take a write (full disk, read-only) stops the run before
    # anything is sent, instead of after, when the next run would send it again.
    ("pending", "key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL"),
    # A short hash of each sentence of what was briefed (a JSON list: model.Changes), so
    # that an update can say what changed. A store from before this table gets it empty:
    # those updates say only "updated".
    ("briefed_texts", "key TEXT PRIMARY KEY, sentences TEXT NOT NULL"),
)


class State:
    """The SQLite state file: the seen store and feed health.

    Opening it never fails for a damaged file: one that is not a database, is corrupt,
    has another schema, or a directory (or FIFO, ...) in its place is moved aside
    (state.sqlite3.damaged-YYYYmmddHHMMSS) with one warning line, and a new one started.
    A file that can't be reached or written is a StateError (exit 1); one another
    program keeps locked past `timeout` seconds is a StateLockedError (exit 75)."""

    def __init__(self, path: Path | None = None, *, timeout: float = BUSY_SECONDS):
        self.path = path or data_dir() / DB_NAME
        self.timeout = timeout
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        path = self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            before = _identity(path)
            if before is not None and not path.is_file():
                damage = "a directory is in its place" if path.is_dir() else "not a regular file"
            else:
                try:
                    return _connect(path, self.timeout)
                except sqlite3.Error as err:
                    if not _is_damaged(path, err):
                        raise _failure(path, "can't be opened", err) from None
                    damage = str(err)
        except OSError as err:
            raise StateError(f"seen store {path} can't be opened ({err.strerror or err})") from None
        return self._start_afresh(damage, before)

    def _start_afresh(self, damage: str, before: tuple[int, int] | None) -> sqlite3.Connection:
        """Move the damaged file aside (with its journal) and start a new store."""
        path = self.path
        stamp = time.strftime("%Y%m%d%H%M%S")
        aside = path.with_name(f"{path.name}.damaged-{stamp}")
        try:
            if _identity(path) == before:  # else another run has moved it aside already
                number = 1
                while os.path.lexists(aside):
                    number += 1
                    aside = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
                os.replace(path, aside)
                for suffix in ("-journal", "-wal", "-shm"):
                    with contextlib.suppress(FileNotFoundError):
                        os.replace(f"{path}{suffix}", f"{aside}{suffix}")
                warn(f"seen store {path} was damaged ({damage}); moved aside to {aside.name}, starting afresh"
                     f" (what earlier --new runs briefed is new again)")
            return _connect(path, self.timeout)
        except (sqlite3.Error, OSError) as again:
            reason = getattr(again, "strerror", None) or again
            raise StateError(f"seen store {path} is damaged ({damage}) and can't be replaced ({reason}); "
                             f"move it away") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def exists(path: Path | None = None) -> bool:
        """Whether a state file is there (no --new run yet: none, and nothing to create
        just to read it)."""
        return (path or data_dir() / DB_NAME).is_file()

    # -- the seen store ------------------------------------------------------------------

    def seen(self, key: str) -> str | None:
        """The fingerprint briefed for this key, if any."""
        try:
            row = self.db.execute("SELECT fingerprint FROM seen WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as err:
            raise _failure(self.path, "can't be read", err) from None
        return None if row is None else str(row[0])

    def reserve(self, items: list[tuple[str, str]]) -> None:
        """Before delivering: write what is about to be delivered (as pending, which
        counts for nothing), so a store that can't be written fails the run now, while
        nothing has been sent, rather than after. Raises StateError."""
        try:
            with self.db:
                self.db.execute("DELETE FROM pending")
                self.db.executemany("INSERT OR REPLACE INTO pending VALUES (?, ?)", items)
        except sqlite3.Error as err:
            raise _failure(self.path, "can't be written", err) from None

    def mark_briefed(self, items: list[tuple[str, str]], sentences: dict[str, list[str]] | None = None) -> None:
        """After delivering: these count as briefed, and `sentences` (key -> its text's
        sentence keys, model.Changes.sentence_key) are what an update is compared with.
        Raises StateError."""
        now = _now()
        texts = sentences or {}
        try:
            with self.db:
                self.db.execute("DELETE FROM pending")  # its pages are reused just below
                self.db.executemany(
                    "INSERT INTO seen VALUES (?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET"
                    " fingerprint = excluded.fingerprint, last_briefed = excluded.last_briefed",
                    [(key, fp, now, now) for key, fp in items])
                self.db.executemany("INSERT OR REPLACE INTO briefed_texts VALUES (?, ?)",
                                    [(key, json.dumps(texts[key], ensure_ascii=False)) for key, _ in items
                                     if key in texts])
        except sqlite3.Error as err:
            raise _failure(self.path, "can't be written", err) from None

    def briefed_sentences(self, key: str) -> list[str] | None:
        """The sentence keys of the text last briefed for this key, if the store kept them."""
        try:
            row = self.db.execute("SELECT sentences FROM briefed_texts WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as err:
            raise _failure(self.path, "can't be read", err) from None
        try:
            sentences = json.loads(row[0]) if row is not None else None
        except (TypeError, ValueError, RecursionError):
            return None  # a damaged row: the update says only "updated"
        if not isinstance(sentences, list) or not all(isinstance(s, str) for s in sentences):
            return None
        return sentences

    def seen_entries(self) -> list[SeenEntry]:
        """Everything the seen store holds, most recently briefed first (`digest seen list`)."""
        try:
            rows = self.db.execute("SELECT key, first_briefed, last_briefed FROM seen"
                                   " ORDER BY last_briefed DESC, key").fetchall()
        except sqlite3.Error as err:
            raise _failure(self.path, "can't be read", err) from None
        return [SeenEntry(str(key), str(first), str(last)) for key, first, last in rows]

    def forget(self, keys: list[str] | None) -> int:
        """Forget these keys (None: everything), so the next --new run briefs them again;
        returns how many were there. Raises StateError."""
        try:
            with self.db:
                if keys is None:
                    self.db.execute("DELETE FROM briefed_texts")
                    return self.db.execute("DELETE FROM seen").rowcount
                self.db.executemany("DELETE FROM briefed_texts WHERE key = ?", [(key,) for key in keys])
                return sum(self.db.execute("DELETE FROM seen WHERE key = ?", (key,)).rowcount for key in keys)
        except sqlite3.Error as err:
            raise _failure(self.path, "can't be written", err) from None

    def prune_seen(self, older_than_days: int, *, dry_run: bool = False) -> int:
        """Forget what was last briefed more than this many days ago; returns how many."""
        cutoff = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=older_than_days)).isoformat()
        if dry_run:
            (count,) = self.db.execute("SELECT count(*) FROM seen WHERE last_briefed < ?", (cutoff,)).fetchone()
            return int(count)
        with self.db:
            removed = self.db.execute("DELETE FROM seen WHERE last_briefed < ?", (cutoff,)).rowcount
            self.db.execute("DELETE FROM briefed_texts WHERE key NOT IN (SELECT key FROM seen)")
            return removed

    # -- feed health ---------------------------------------------------------------------

    def feed_result(self, url: str, error: str | None) -> None:
        """Record one source's result. Raises StateError."""
        try:
            with self.db:
                if error is None:
                    self.db.execute("DELETE FROM feeds WHERE url = ?", (url,))
                else:
                    self.db.execute(
                        "INSERT INTO feeds VALUES (?, 1, ?, ?) ON CONFLICT(url) DO UPDATE SET"
                        " failures = failures + 1, last_error = excluded.last_error, last_run = excluded.last_run",
                        (url, error, _now()))
        except sqlite3.Error as err:
            raise _failure(self.path, "can't be written", err) from None

    def failing_feeds(self, runs: int = FAILING_RUNS) -> Iterator[tuple[str, int, str]]:
        try:
            rows = self.db.execute("SELECT url, failures, last_error FROM feeds WHERE failures >= ? ORDER BY url",
                                   (runs,)).fetchall()
        except sqlite3.Error as err:
            raise _failure(self.path, "can't be read", err) from None
        for url, failures, error in rows:
            if isinstance(failures, int):  # a row of another shape is no feed's record
                yield str(url), failures, str(error or "")


class SeenLock:
    """One `--new` run at a time per seen store: an exclusive lock on a file beside it
    (state.sqlite3.lock), taken before the store is read for what is new and held until
    what was delivered is marked, so overlapping runs (cron on slow feeds) can't both
    deliver the same articles. A second run waits up to `wait` seconds, then gives up
    with StateLockedError (exit 75)."""

    def __init__(self, store_path: Path | None = None, wait: float = 0.0):
        self.store_path = store_path or data_dir() / DB_NAME
        self.path = self.store_path.with_name(self.store_path.name + LOCK_SUFFIX)
        self.wait = wait
        self.handle: IO[str] | None = None

    def __enter__(self) -> SeenLock:
        from digest.output import take_lock

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = take_lock(self.path, self.wait)
        except TimeoutError:
            raise StateLockedError(f"seen store {self.store_path}: another digest --new run is using it;"
                                   f" try again later or pass --wait SECONDS") from None
        except OSError as err:
            raise StateError(f"seen store {self.store_path} can't be locked ({err.strerror or err})") from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()  # closing the file releases the lock
            self.handle = None


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    """An open state file with digest's tables, or sqlite3.Error."""
    db = sqlite3.connect(path, timeout=timeout)
    try:
        with db:
            for name, columns in _TABLES:
                db.execute(f"CREATE TABLE IF NOT EXISTS {name} ({columns})")
        for name, columns in _TABLES:
            names = [column.split()[0] for column in columns.split(",")]
            kind = db.execute("SELECT type FROM sqlite_master WHERE name = ?", (name,)).fetchone()
            info = db.execute(f"PRAGMA table_info({name})").fetchall()
            if (kind != ("table",) or [row[1] for row in info] != names
                    or [row[1] for row in info if row[5]] != names[:1]):
                raise sqlite3.DatabaseError(f"its {name} table is not digest's")
        (check,) = db.execute("PRAGMA quick_check(1)").fetchone()
        if check != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed ({check})")
    except BaseException:
        db.close()
        raise
    return db


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at path now (device, inode), or None when nothing is."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


# What a SQLite error says when the file is fine but can't be used now: busy, read-only,
# out of reach, a full disk. Anything else from a file that opens is damage.
_PASSING = ("locked", "busy", "readonly", "unable to open", "disk i/o", "full", "permission", "out of memory")


def _is_damaged(path: Path, err: Exception) -> bool:
    """Whether the file itself is bad (not a database, malformed, another schema), as
    opposed to it being busy, read-only or out of reach right now."""
    if not isinstance(err, sqlite3.DatabaseError) or not path.is_file():
        return False
    return not any(word in str(err).lower() for word in _PASSING)


def _failure(path: Path, what: str, err: sqlite3.Error) -> StateError:
    """One line for a store that can't be used now: locked (exit 75) or not (exit 1)."""
    if any(word in str(err).lower() for word in ("locked", "busy")):
        return StateLockedError(f"seen store {path} is locked by another program ({err}); try again later")
    return StateError(f"seen store {path} {what} ({err})")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
