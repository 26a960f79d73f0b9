"""Writing digests into --out DIR: atomically, and only what changed.

A file is written to a temporary name in the same directory and renamed over the old
one, so a reader (or a crash, or a full disk) never sees half a digest. A file whose
content is already what we would write is left alone, so a re-run on the same input
changes nothing, not even modification times.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, ClassVar

from digest import statefile
from digest.errors import OutputError, warn


@dataclass
class WriteReport:
    """How many files a run wrote and left alone (counts, not paths: a run may be long)."""

    written: int = 0
    unchanged: int = 0


def prepare_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: --out must be a directory, and this is a file")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{out_dir}: cannot create the output directory ({err.strerror or err})") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(f"{out_dir}: output directory is not writable")


def write_if_changed(path: Path, content: str, report: WriteReport, force: bool = False) -> None:
    data = _encoded(content)
    if not force and path.is_file():
        try:
            if path.read_bytes() == data:
                report.unchanged += 1
                return
        except OSError:
            pass
    atomic_write(path, data)
    report.written += 1


def atomic_write(path: Path, data: bytes) -> None:
    """Write data to path so that path holds either its old content or all of data.

    The temporary file's name is chosen before the file is created, so an interrupt
    (Ctrl-C) at any point, even just after the file appears, leaves nothing behind."""
    import secrets

    tmp = None
    fd = None
    try:
        while True:
            candidate = path.with_name(f".{path.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")
            tmp = candidate
            try:
                fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                break
            except FileExistsError:  # another file already has this name: never ours to remove
                tmp = None
        with os.fdopen(fd, "wb") as handle:
            fd = None
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), 0o644)
        os.replace(tmp, path)
        tmp = None
    except OSError as err:
        raise OutputError(f"{path}: cannot write ({err.strerror or err}); the previous file is untouched") from None
    finally:
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


TEMP_SUFFIX = ".tmp"
_STALE_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")


def remove_stale_temp_files(out_dir: Path) -> None:
    """Temporary files a killed run (SIGKILL, power loss) left behind. Called with the
    directory lock held, so no other run is writing them."""
    try:
        names = [entry.name for entry in os.scandir(out_dir) if entry.is_file(follow_symlinks=False)]
    except OSError:
        return
    for name in names:
        if _STALE_TEMP.match(name):
            with contextlib.suppress(OSError):
                os.unlink(out_dir / name)


MANIFEST_NAME = ".digest-manifest.json"


def fingerprint(run_key: str, text: str) -> str:
    import hashlib

    return hashlib.sha256(f"{run_key}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()
LOCK_NAME = ".digest.lock"


# A manifest past this size is not one digest wrote (100k inputs take about 25 MB).
MAX_MANIFEST_BYTES = 128 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_json_file(path: Path, max_bytes: int = MAX_MANIFEST_BYTES) -> object:
    """A manifest's JSON (digest.statefile.read_json, at most MAX_MANIFEST_BYTES)."""
    return statefile.read_json(path, max_bytes)


# -- manifests ---------------------------------------------------------------------------
# The JSON file an output directory holds about what digest wrote there, so that a rerun
# does only what changed: `--out DIR`'s (DirectoryManifest, below) and a batch's
# (batch.BatchManifest). What a manifest is, is decided here once: read within a cap
# (statefile.read_json); one that is missing, damaged or of another shape reads as none,
# and the caller decides whether that merits a warning; written by rename, and only when
# its bytes changed, so the directory never holds half a manifest nor one that lists a
# file not whole on disk. Input names may hold bytes that are not UTF-8 (a file name's
# surrogate escapes): in the JSON they are \uXXXX escapes, which read back as the same name.


class Manifest:
    """The manifest file of one output directory; subclasses say what it holds."""

    name: ClassVar[str]  # the file's name in the directory

    def __init__(self, out_dir: Path):
        self.out_dir = out_dir

    @property
    def path(self) -> Path:
        return self.out_dir / self.name

    def read_document(self) -> object:
        """The manifest's JSON document. FileNotFoundError when there is none; another
        OSError when it can't be read; ValueError (a short reason) when it is no manifest."""
        return statefile.read_json(self.path, MAX_MANIFEST_BYTES)

    def write_document(self, document: dict[str, object]) -> None:
        """Write the document by rename, unless the file already holds exactly it."""
        data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8", "backslashreplace")
        try:
            if self.path.is_file() and self.path.read_bytes() == data:
                return
        except OSError:
            pass
        atomic_write(self.path, data)


class DirectoryManifest(Manifest):
    """content hash -> file, kept in the output directory, so a re-run knows what is
    unchanged without rewriting it (and can say so), and which input wrote each file.

    The manifest is a state file anyone can edit or break: one that is garbage, too
    large, too deeply nested or of the wrong shape is treated as absent (entries of the
    wrong type or naming anything but a plain file in the directory are dropped), with
    one warning line; the run then rewrites it (issue 10)."""

    name = MANIFEST_NAME

    def __init__(self, out_dir: Path, entries: dict[str, str], inputs: dict[str, str] | None = None,
                 writers: dict[str, str] | None = None):
        super().__init__(out_dir)
        self.entries = entries  # file name -> sha256 of its content
        self.inputs = inputs or {}  # input fingerprint -> the file it gave (last run)
        self.seen_inputs: dict[str, str] = {}  # this run's input fingerprints -> file
        self.writers = writers or {}  # file name -> the input that wrote it (input_identity)
        # input_identity -> the run date an undated article was first filed under, so a
        # later run files it there again and not under each new run date (issue 11)
        self.filed: dict[str, str] = {}

    @classmethod
    def load(cls, out_dir: Path) -> DirectoryManifest:
        manifest = cls(out_dir, {})
        path = manifest.path
        try:
            document = manifest.read_document()
        except FileNotFoundError:
            return manifest
        except OSError as err:
            warn(f"{path}: manifest not read ({err.strerror or err}); every digest is written afresh")
            return manifest
        except ValueError as err:
            warn(f"{path}: manifest ignored ({err}); every digest is written afresh")
            return manifest
        try:
            manifest, dropped = cls._parse(out_dir, document)
        except (ValueError, RecursionError, MemoryError) as err:
            reason = "nested too deeply" if isinstance(err, RecursionError) else str(err) or type(err).__name__
            warn(f"{path}: manifest ignored ({reason}); every digest is written afresh")
            return cls(out_dir, {})
        if dropped:
            warn(f"{path}: {dropped} manifest entries of the wrong shape ignored")
        return manifest

    @classmethod
    def _parse(cls, out_dir: Path, document: object) -> tuple[DirectoryManifest, int]:
        if not isinstance(document, dict):
            raise ValueError("not a JSON object")
        tables = [document.get(key, {}) for key in ("files", "inputs", "writers", "filed")]
        if not all(isinstance(table, dict) for table in tables):
            raise ValueError("files, inputs, writers and filed must be JSON objects")
        files, inputs, writers, filed = tables
        entries = {k: v for k, v in files.items() if _plain_name(k) and isinstance(v, str) and _SHA256.fullmatch(v)}
        known = {k: v for k, v in inputs.items() if isinstance(k, str) and _plain_name(v)}
        wrote = {k: v for k, v in writers.items() if k in entries and isinstance(v, str)}
        dates = {k: v for k, v in filed.items() if isinstance(v, str) and _ISO_DATE.fullmatch(v)}
        dropped = (len(files) + len(inputs) + len(writers) + len(filed)
                   - len(entries) - len(known) - len(wrote) - len(dates))
        manifest = cls(out_dir, entries, known, wrote)
        manifest.filed = dates
        return manifest, dropped

    def first_filed(self, writer: str, run_date: str) -> str:
        """The date an undated article from this input is filed under: the run date it
        was first filed under here, else (and from now on) this run's."""
        return self.filed.setdefault(writer, run_date)

    def current_output(self, input_key: str) -> str | None:
        """The file an identical input gave last time, if it is still there as written."""
        name = self.inputs.get(input_key)
        if name is None or name not in self.entries or not (self.out_dir / name).is_file():
            return None
        self.seen_inputs[input_key] = name
        return name

    def record_input(self, input_key: str | None, name: str) -> None:
        if input_key is not None:
            self.seen_inputs[input_key] = name

    def claimed_by_another(self, name: str, writer: str) -> bool:
        """Whether the file `name` holds the digest of another input (from an earlier run),
        so that an article with the same date and title must not overwrite it."""
        other = self.writers.get(name)
        return other is not None and other != writer and (self.out_dir / name).is_file()

    def write(self, path: Path, content: str, report: WriteReport, force: bool = False,
              writer: str | None = None) -> None:
        import hashlib

        data = _encoded(content)
        digest = hashlib.sha256(data).hexdigest()
        if writer is not None:
            self.writers[path.name] = writer
        if not force and self.entries.get(path.name) == digest and path.is_file():
            report.unchanged += 1
            return
        write_if_changed(path, content, report, force=force)
        self.entries[path.name] = digest

    def save(self) -> None:
        # Inputs not seen in this run are forgotten, so the manifest doesn't grow without end.
        document: dict[str, object] = {
            "files": dict(sorted(self.entries.items())), "inputs": dict(sorted(self.seen_inputs.items())),
            "writers": dict(sorted((k, v) for k, v in self.writers.items() if k in self.entries))}
        writing = {v for k, v in self.writers.items() if k in self.entries}
        filed = {k: v for k, v in sorted(self.filed.items()) if k in writing}
        if filed:
            document["filed"] = filed
        self.write_document(document)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _plain_name(name: object) -> bool:
    """A name digest could have written: one visible file directly in the directory."""
    return (isinstance(name, str) and 0 < len(name) <= 255 and not name.startswith(".")
            and "/" not in name and "\x00" not in name and not _SURROGATE.search(name))


def _encoded(content: str) -> bytes:
    """UTF-8; a file name that is not UTF-8 inside the content (surrogate escapes) is
    written as \\udcXX rather than failing the write."""
    return content.encode("utf-8", "backslashreplace")


def input_identity(path: str) -> str:
    """The input as the manifest remembers it: an absolute path, so the same file named
    from another directory is the same input; '-' (stdin) and URLs as they are."""
    if path == "-" or "://" in path:
        return path
    return os.path.abspath(path)


def take_lock(path: Path, wait: float) -> IO[str]:
    """An exclusive flock on the file at `path` (made if missing), waiting up to `wait`
    seconds for another holder; the open file, which holds the lock until it is closed.
    TimeoutError when another process still holds it; OSError when it can't be opened or
    locked. O_NOFOLLOW: a symlink planted at the lock's name must not make digest create
    or lock a file elsewhere; O_CLOEXEC: a child (sendmail) must not keep it."""
    import fcntl
    import time

    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    handle = open(fd, "a+")  # noqa: SIM115 (returned open: it holds the lock until closed)
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return handle
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.close()
                raise TimeoutError(f"{path}: held by another process") from None
            time.sleep(0.1)
        except OSError:
            handle.close()
            raise


class DirectoryLock:
    """An exclusive lock on the output directory for the length of a run; a second run
    waits up to `wait` seconds and then gives up with LockedError (exit 75)."""

    def __init__(self, out_dir: Path, wait: float = 0.0):
        self.path = out_dir / LOCK_NAME
        self.wait = wait
        self.handle: IO[str] | None = None

    def __enter__(self) -> DirectoryLock:
        from digest.errors import LockedError

        try:
            self.handle = take_lock(self.path, self.wait)
        except TimeoutError:
            raise LockedError(f"{self.path.parent}: another digest run is writing this directory; "
                              f"try again later or pass --wait SECONDS") from None
        except OSError as err:
            raise OutputError(f"{self.path.parent}: cannot lock the output directory ({err.strerror or err})") from None
        return self

    def __exit__(self, *exc: object) -> None:
        import fcntl

        if self.handle is not None:
            fcntl.flock(self.handle.fileno(), fcntl.LOCK_UN)
            self.handle.close()
