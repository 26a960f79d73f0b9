"""`digest batch`: a large archive through clean → summarize → translate, partition by
partition, on workers that each keep one translator.

    inputs ──▶ partitions ──▶ workers ──────────────────────────▶ driver
    (a directory,  (consecutive   (run_partition: core's stages,   (one JSONL shard per
     a list file,   inputs, read   one translator per worker,       partition, by rename;
     JSONL records) by the driver) all of a partition translated    the manifest, by
                                   in one call)                     rename, after each)

The driver reads every input itself and sends the texts, so workers need the model and
glossary but not the inputs; it writes every shard itself, so workers need no shared
disk. A partition is "done" when the manifest lists it with the same fingerprint (its
inputs' names and texts, and every setting that shapes a record) and its shard is there:
an interrupted batch resumes where it stopped, and a re-run of a finished one reads its
inputs and runs nothing. A partition's articles are translated in one call (full batches,
each sentence once): a partition gives the same records whichever worker runs it, but
changing --partition-size changes the batches, and so the fingerprints.

This module knows no cluster: it takes a Runner (InProcess here; digest.cluster's
Dask runner) that maps run_partition over the partitions. Story grouping and the
briefing are the single-machine step that follows, over the shards (see docs/batch.md).
"""
from __future__ import annotations

import hashlib
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from digest import __version__, config, core, output
from digest.batch_inputs import MAX_RECORD_BYTES as MAX_RECORD_BYTES
from digest.batch_inputs import Item as Item
from digest.batch_inputs import list_items as list_items
from digest.batch_inputs import read_item as read_item
from digest.errors import DigestError, InputError, ModelError, OutputError
from digest.model import RECORD_SCHEMA, Digest, Source

if TYPE_CHECKING:
    from digest.translate import Translator

DEFAULT_PARTITION_SIZE = 100  # articles: a few seconds to a minute of model time each on one CPU
MANIFEST_NAME = "manifest.json"
SHARD_DIR = "shards"
MANIFEST_FORMAT = "digest-batch/1"
EXIT_CLUSTER = 69  # EX_UNAVAILABLE: no cluster (the extra missing, no scheduler, workers lost)


class ClusterError(DigestError):
    """The cluster can't be had or lost a partition's workers too often (exit 69); the
    finished partitions are kept and a re-run resumes."""

    exit_code = EXIT_CLUSTER




# -- settings --------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class BatchSettings(config.Settings):
    """Everything one `digest batch` was asked to do: the settings every command shares
    (config.Settings), plus what it runs on and how it is cut into partitions."""

    inputs: tuple[str, ...]  # directories, article files and .jsonl record files
    out_dir: Path
    lists: tuple[str, ...] = ()  # list files: one input path a line
    partition_size: int = DEFAULT_PARTITION_SIZE
    threads: int = 0  # CTranslate2 threads per worker; 0: the worker's cores
    device: str = "auto"  # each worker's: "auto" is CUDA on a worker that has a GPU, else its CPU


@dataclass(frozen=True)
class WorkerJob:
    """What a worker needs besides a partition's sources (small: sent with every task):
    the batch's shared settings (paths made absolute, the run date fixed), its threads, and
    the driver's translator's identity (model and glossary hashes): a worker whose own
    files differ refuses to translate rather than write other English into the shards."""

    settings: config.Settings
    threads: int
    identity: str


@dataclass(frozen=True)
class Partition:
    index: int
    fingerprint: str
    sources: tuple[Source, ...]
    unread: tuple[tuple[str, str], ...] = ()  # (input, reason): read failures, found by the driver


@dataclass
class PartitionResult:
    index: int
    fingerprint: str
    lines: list[str]  # one JSON record a line, in input order
    failed: list[tuple[str, str]]  # (input, reason)
    flags: int = 0
    worker: str = ""  # host:pid
    seconds: float = 0.0


class Runner(Protocol):
    """Maps run_partition over partitions, yielding each result as it is done (in any
    order); takes partitions from the iterator only as it has room for them, so a long
    batch never holds more than a few partitions' texts."""

    def run(self, job: WorkerJob, partitions: Iterator[Partition]) -> Iterator[PartitionResult]: ...


class InProcess:
    """The Runner without a cluster (`--workers 0`): one partition after another, here."""

    def run(self, job: WorkerJob, partitions: Iterator[Partition]) -> Iterator[PartitionResult]:
        for partition in partitions:
            yield run_partition(job, partition)


def partitions(items: Iterable[Item], size: int, settings_key: str) -> Iterator[Partition]:
    """Consecutive inputs, `size` at a time, each read and fingerprinted. Lazy: a
    partition is read when the runner asks for it."""
    chunk: list[Item] = []
    index = 0
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield _read_partition(index, chunk, settings_key)
            index += 1
            chunk = []
    if chunk:
        yield _read_partition(index, chunk, settings_key)


def _read_partition(index: int, items: list[Item], settings_key: str) -> Partition:
    digest = hashlib.sha256(settings_key.encode())
    sources: list[Source] = []
    unread: list[tuple[str, str]] = []
    for item in items:
        try:
            source = read_item(item)
        except InputError as err:
            unread.append((item.name, err.message))
            digest.update(_field("unread", item.name, err.message))
            continue
        sources.append(source)
        digest.update(_field("source", source.path, source.kind, source.text))
    return Partition(index, digest.hexdigest(), tuple(sources), tuple(unread))


def _field(*parts: str) -> bytes:
    """Length-prefixed, so no two different inputs hash alike."""
    return b"".join(len(b).to_bytes(8, "big") + b for b in (p.encode("utf-8", "surrogatepass") for p in parts))


# -- on a worker -----------------------------------------------------------------------

_TRANSLATORS: dict[WorkerJob, Translator] = {}
# One partition at a time in a worker process: its translator (and the SQLite connection
# of its cache) is not shared between threads, and one CTranslate2 model already uses
# every thread it was given.
_WORKER_LOCK = threading.Lock()


def run_partition(job: WorkerJob, partition: Partition) -> PartitionResult:
    """Clean, summarize and translate one partition; its records as JSON lines, in input
    order. One bad input never stops the others; a model that fails stops the partition
    (ModelError), as it would stop every other."""
    with _WORKER_LOCK:
        started = time.perf_counter()
        failed = list(partition.unread)
        digests: list[Digest] = []
        settings = job.settings
        for made in core.make_digests(partition.sources, settings.sentences, keep_paragraphs=True):
            if isinstance(made, core.Failure):  # one bad input never stops the others
                error = made.error
                failed.append((made.name, error.message if isinstance(error, DigestError)
                               else f"internal error: {type(error).__name__}: {error}"))
            else:
                digests.append(made)
        flags = 0
        if settings.translates and digests:
            core.translate_digests(digests, worker_translator(job), settings.full)
            flags = sum(len(d.translation.flags) for d in digests if d.translation is not None)
        lines = [record_line(d) for d in digests]
        return PartitionResult(partition.index, partition.fingerprint, lines, failed, flags,
                               f"{socket.gethostname()}:{os.getpid()}", time.perf_counter() - started)


def worker_translator(job: WorkerJob) -> Translator:
    """This worker's translator for the job: loaded on its first partition, then kept for
    the life of the worker process (a module-level cache works the same in any engine)."""
    translator = _TRANSLATORS.get(job)
    if translator is None:
        _roomy_malloc()
        settings = job.settings
        translator = core.load_chosen_translator(settings.model, settings.glossary, settings.use_cache, settings.device)
        if translator.identity != job.identity:
            raise ModelError(f"worker {socket.gethostname()}: its model or glossary differs from the driver's "
                             f"({translator.identity} here, {job.identity} there); give every worker the same files")
        if job.threads:  # the model loads on first use, so its threads can still be set here
            translator.engine.options = replace(translator.engine.options, threads=job.threads)
        _TRANSLATORS.clear()  # a worker keeps one translator, the latest job's
        _TRANSLATORS[job] = translator
    return translator


def _roomy_malloc() -> None:
    """Undo a tiny malloc trim threshold in this worker process. Dask's nanny starts
    workers with MALLOC_TRIM_THRESHOLD_=65536 (to hand memory back to the system), which
    also fixes glibc's mmap threshold at 128 KB: CTranslate2's buffers are then mapped and
    unmapped batch after batch, and a partition took 2-3× as long as in one process
    (bench/cluster_choice.py). glibc reads the variable at start, so the thresholds are set
    here instead: trim past 128 MB, mmap from 32 MB (glibc's own dynamic ceiling)."""
    if not config.malloc_trim_set():
        return
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc
        return
    m_trim_threshold, m_mmap_threshold = -1, -3  # glibc's malloc.h
    mallopt(m_trim_threshold, 128 << 20)
    mallopt(m_mmap_threshold, 32 << 20)


# -- the manifest ----------------------------------------------------------------------


class BatchManifest(output.Manifest):
    """OUT/manifest.json: the settings and every finished partition, rewritten (by
    rename) after each one, so it never lists a shard that isn't whole on disk."""

    name = MANIFEST_NAME

    def __init__(self, out_dir: Path, settings: dict[str, Any] | None = None, settings_key: str = ""):
        super().__init__(out_dir)
        self.settings = settings or {}
        self.settings_key = settings_key
        self.done: dict[int, dict[str, Any]] = {}
        self.partitions: int | None = None  # known once every input was listed
        self.inputs: int | None = None

    @classmethod
    def load(cls, out_dir: Path, settings: dict[str, Any], settings_key: str) -> BatchManifest:
        """The manifest's finished partitions when they were made under the same
        settings; none otherwise (a missing, foreign or broken manifest is started anew)."""
        manifest = cls(out_dir, settings, settings_key)
        try:
            data: Any = manifest.read_document()
            if data.get("format") == MANIFEST_FORMAT and data.get("settings_key") == settings_key:
                manifest.done = {int(p["index"]): p for p in data["done"]}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            pass
        return manifest

    def finished(self, partition: Partition) -> bool:
        entry = self.done.get(partition.index)
        return (entry is not None and entry.get("fingerprint") == partition.fingerprint
                and (self.out_dir / entry["shard"]).is_file())

    def record(self, result: PartitionResult, shard: str) -> None:
        self.done[result.index] = {
            "index": result.index, "fingerprint": result.fingerprint, "shard": shard,
            "articles": len(result.lines), "flags": result.flags,
            "failed": [{"input": name, "error": reason} for name, reason in result.failed],
            "worker": result.worker, "seconds": round(result.seconds, 3),
        }

    def save(self) -> None:
        done = [self.done[i] for i in sorted(self.done)]
        self.write_document({"format": MANIFEST_FORMAT, "settings_key": self.settings_key, "settings": self.settings,
                             "complete": self.partitions is not None and len(done) == self.partitions,
                             "partitions": self.partitions, "inputs": self.inputs, "done": done})


def started_on(out_dir: Path) -> str | None:
    """The run date of the batch whose manifest is in out_dir, if any: a batch resumed
    the next day keeps the date it started with (undated articles are filed under it)."""
    try:
        data: Any = BatchManifest(out_dir).read_document()
        date = data["settings"]["run_date"]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return date if isinstance(date, str) else None


def shard_name(index: int) -> str:
    """Shards sort by name in input order: `cat OUT/shards/*.jsonl` is the whole batch."""
    return f"{SHARD_DIR}/part-{index:06d}.jsonl"


# -- the driver ------------------------------------------------------------------------


@dataclass
class BatchOutcome:
    inputs: int = 0
    partitions: int = 0
    ran: int = 0  # partitions run by this batch
    skipped: int = 0  # partitions already done by an earlier one
    articles: int = 0
    failed: int = 0
    flags: int = 0


def run_batch(settings: BatchSettings, runner: Runner,
              on_result: Callable[[PartitionResult], None] | None = None) -> BatchOutcome:
    """Run (or resume) a batch into settings.out_dir. on_result is called after each
    partition's shard and manifest are written (the CLI reports failures; tests interrupt).
    Raises GlossaryError or ModelError before any work, LockedError when another batch
    holds the directory."""
    job = worker_job(settings)
    # The record schema is part of the fingerprint: shards of another schema are run again, not misread.
    shaping = {"digest": __version__, "partition_size": settings.partition_size, "record_schema": RECORD_SCHEMA}
    settings_record = {**job.settings.record(job.identity), **shaping}
    settings_key = job.settings.fingerprint(job.identity, **shaping)
    output.prepare_out_dir(settings.out_dir)
    shard_dir = settings.out_dir / SHARD_DIR
    with output.DirectoryLock(settings.out_dir):
        output.remove_stale_temp_files(settings.out_dir)
        _make_dir(shard_dir)
        output.remove_stale_temp_files(shard_dir)
        manifest = BatchManifest.load(settings.out_dir, settings_record, settings_key)
        # Shards the manifest doesn't list (another batch's, other settings'): gone, so
        # that the shards on disk are always a subset of the manifest's.
        _remove_stale_shards(shard_dir, {Path(p["shard"]).name for p in manifest.done.values()})
        outcome = BatchOutcome()
        counter = _Counting(list_items(settings.inputs, settings.lists))

        def pending() -> Iterator[Partition]:
            for partition in partitions(counter, settings.partition_size, settings_key):
                outcome.partitions += 1
                if manifest.finished(partition):
                    outcome.skipped += 1
                    continue
                yield partition

        for result in runner.run(job, pending()):
            output.atomic_write(settings.out_dir / shard_name(result.index), _utf8("".join(result.lines)))
            manifest.record(result, shard_name(result.index))
            manifest.save()
            outcome.ran += 1
            if on_result is not None:
                on_result(result)
        # Partitions past the end belong to an earlier, larger batch into this directory.
        manifest.done = {i: p for i, p in manifest.done.items() if i < outcome.partitions}
        manifest.partitions, manifest.inputs = outcome.partitions, counter.count
        manifest.save()
        _remove_stale_shards(shard_dir, {Path(p["shard"]).name for p in manifest.done.values()})
    outcome.inputs = counter.count
    for entry in manifest.done.values():
        outcome.articles += entry["articles"]
        outcome.failed += len(entry["failed"])
        outcome.flags += entry["flags"]
    return outcome


def worker_job(settings: BatchSettings) -> WorkerJob:
    """The workers' settings; the translator is loaded here first (not the model itself,
    which loads on first use) so a bad glossary or a missing model stops the batch before
    any cluster starts, and its identity is what every worker must match."""
    identity = ""
    if settings.translates:
        # "cpu": the driver never runs the model; each worker resolves the device for itself.
        identity = core.load_chosen_translator(settings.model, settings.glossary, settings.use_cache, "cpu").identity
    shared = replace(settings.shared(), model=_absolute(settings.model), glossary=_absolute(settings.glossary),
                     run_date=settings.date)
    return WorkerJob(settings=shared, threads=settings.threads, identity=identity)


def _absolute(choice: config.Choice) -> config.Choice:
    """Workers start in another directory: a relative path is made absolute here."""
    return choice if choice.path is None else replace(choice, path=Path(os.path.abspath(choice.path)))


class _Counting(Iterator[Item]):
    def __init__(self, items: Iterator[Item]):
        self.items = items
        self.count = 0

    def __next__(self) -> Item:
        item = next(self.items)
        self.count += 1
        return item


def _utf8(json_text: str) -> bytes:
    """JSON text as UTF-8. An input's name may hold bytes that are not UTF-8 (a file
    name's surrogate escapes, or a record's "\\udcff"): inside a JSON string they are
    written as the \\uXXXX escape, which reads back as the same name (digest.output's
    manifests and stdout do the same)."""
    return json_text.encode("utf-8", "backslashreplace")


def _make_dir(path: Path) -> None:
    try:
        path.mkdir(exist_ok=True)
    except OSError as err:
        raise OutputError(f"{path}: cannot create ({err.strerror or err})") from None


def _remove_stale_shards(shard_dir: Path, keep: set[str]) -> None:
    for shard in shard_dir.glob("part-*.jsonl"):
        if shard.name not in keep:
            shard.unlink(missing_ok=True)


def record_line(digest: Digest) -> str:
    """A digest as one line of a shard: digest.model's record (written to disk by _utf8)."""
    return json.dumps(digest.to_dict(), ensure_ascii=False) + "\n"


def read_shards(out_dir: Path) -> Iterator[Digest]:
    """Every Digest of a finished batch, in input order (the shards of its manifest), as
    the workers wrote it (digest.model's records); RecordError for a damaged record."""
    data: Any = BatchManifest(out_dir).read_document()
    for entry in data["done"]:
        with (out_dir / entry["shard"]).open(encoding="utf-8") as handle:
            for line in handle:
                yield Digest.from_dict(json.loads(line))
