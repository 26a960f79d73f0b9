"""digest batch on Dask (the `cluster` extra: dask.distributed): a local cluster, or a
running scheduler given by address. This module and the scheduler connection it opens
are the third and last place where digest uses the network; nothing
else imports it, and it imports distributed only when a batch asks for a cluster.

Why Dask rather than Ray: bench/cluster_choice.py measures both on the same job; see
docs/batch.md.

A worker is one process with one thread (`--nthreads 1`): it keeps one translator
(digest.batch.worker_translator) and runs one partition at a time. When a worker dies
(killed, out of memory), the scheduler gives its partitions to the others; a partition
that kills ALLOWED_FAILURES workers in a row stops the batch (ClusterError) with every
finished partition kept for a re-run.
"""
from __future__ import annotations

import contextlib
import logging
import tempfile
from collections.abc import Iterator
from typing import Any

from digest.batch import ClusterError, Partition, PartitionResult, WorkerJob, run_partition

CONNECT_TIMEOUT_S = 30
ALLOWED_FAILURES = 3  # distributed's default: a partition may lose this many workers
TLS_SETTINGS = ("DASK_DISTRIBUTED__COMM__TLS__CA_FILE, DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT and "
                "DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY, or distributed.comm.tls in Dask's config file")
INSTALL_HINT = "digest batch needs the cluster extra: pip install 'digest[cluster]' (or run with --workers 0)"


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ClusterError(INSTALL_HINT) from None
    return distributed


class DaskRunner:
    """digest.batch.Runner over a distributed.Client: keeps `window` partitions in flight
    (twice the worker threads: each has the next one waiting), so a batch of a million
    inputs holds a few partitions' texts, not all of them."""

    def __init__(self, client: Any, window: int | None = None):
        self.client = client
        self.fixed_window = window

    @property
    def window(self) -> int:
        """Twice the worker threads now (a cluster may grow or shrink during a batch)."""
        return self.fixed_window or max(2, 2 * sum(self.client.nthreads().values()))

    def run(self, job: WorkerJob, partitions: Iterator[Partition]) -> Iterator[PartitionResult]:
        distributed = _distributed()
        running = distributed.as_completed()
        try:
            for partition in partitions:
                # The job (a few hundred bytes) travels with each task: a new worker that
                # replaces a dead one needs nothing scattered before it came.
                running.add(self._submit(job, partition))
                if running.count() >= self.window:
                    yield self._result(next(running))
            for future in running:
                yield self._result(future)
        finally:
            # Interrupted (Ctrl-C, an error): nothing more is wanted of the cluster.
            with contextlib.suppress(Exception):
                self.client.cancel(list(running.futures))

    def _submit(self, job: WorkerJob, partition: Partition) -> Any:
        return self.client.submit(run_partition, job, partition, pure=False,
                                  key=f"digest-partition-{partition.index}-{partition.fingerprint[:16]}")

    @staticmethod
    def _result(future: Any) -> PartitionResult:
        distributed = _distributed()
        try:
            result: PartitionResult = future.result()
        except distributed.KilledWorker as err:
            raise ClusterError(f"a partition lost {ALLOWED_FAILURES} workers in a row ({err}); "
                               "the finished partitions are kept: run the batch again to resume") from None
        finally:
            future.release()
        return result


# Run in each local worker as it starts (Dask's preload takes a module's text): Ctrl-C
# reaches every process of the terminal's process group, and a worker that took it
# printed its traceback; digest itself stops the cluster, and its workers with it.
_WORKERS_IGNORE_CTRL_C = "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"


@contextlib.contextmanager
def local_cluster(workers: int, dashboard: bool = False) -> Iterator[Any]:
    """A Client of a cluster of `workers` processes on this machine, listening on
    127.0.0.1 only; the dashboard (127.0.0.1:8787) only when asked for.

    Loopback is no boundary on a machine with other users: anyone who reaches a Dask
    scheduler or worker can run code in the workers, as the user who started them. So
    every connection is TLS with client certificates (mutual), from a key and
    certificate made for this cluster alone, in memory (Security.temporary): the
    workers get them from their nanny over the pipe that starts them, never through an
    argument or the environment (Dask writes them only for a moment, to load them, into
    a temporary directory of mode 700), and nothing without them can connect.

    Their scratch directory is private too (mode 700, removed after): Dask's default,
    /tmp/dask-scratch-space, is shared by every user, and a worker puts its scratch
    directory first on its sys.path."""
    distributed = _distributed()
    security = _temporary_security()
    _quiet_logs()
    with tempfile.TemporaryDirectory(prefix="digest-batch-", ignore_cleanup_errors=True) as scratch:
        scheduler: dict[str, Any] = {"local_directory": scratch}
        if not dashboard:
            # The scheduler still serves health and metrics over HTTP: on a free port of
            # 127.0.0.1, not on 8787, which another cluster may hold.
            scheduler.update(dashboard=False, dashboard_address="127.0.0.1:0")
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", protocol="tls://",
            security=security, local_directory=scratch, scheduler_kwargs=scheduler, silence_logs=logging.ERROR,
            dashboard_address="127.0.0.1:8787" if dashboard else "127.0.0.1:0", preload=[_WORKERS_IGNORE_CTRL_C])
        try:
            with distributed.Client(cluster) as client:
                yield client
        finally:
            cluster.close()


def _temporary_security() -> Any:
    """A Security of its own for one local cluster: a new key and self-signed
    certificate that are its CA, the scheduler's, the workers' and the client's."""
    security: Any = _distributed().security.Security
    try:
        return security.temporary()
    except ImportError:  # Security.temporary needs cryptography
        raise ClusterError(f"a local cluster needs the cryptography package for its TLS; {INSTALL_HINT}") from None


@contextlib.contextmanager
def remote_cluster(address: str) -> Iterator[Any]:
    """A Client of the running scheduler at `address` (tcp://host:8786, tls://...).

    Its security is Dask's own: no Security is given here, so the Client takes TLS
    certificates from Dask's configuration (distributed.comm.tls.*, e.g. the
    DASK_DISTRIBUTED__COMM__TLS__CA_FILE, __CLIENT__CERT and __CLIENT__KEY variables) or
    its security loader, as `dask` and every other Dask client do (see docs/batch.md,
    "A cluster of your own": whoever reaches a scheduler runs code on its workers)."""
    distributed = _distributed()
    _quiet_logs()
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as err:
        raise ClusterError(f"{address}: cannot reach the scheduler ({err})") from None
    except TypeError as err:  # tls:// with no certificate in Dask's config: "TLS expects a `ssl_context`"
        raise ClusterError(f"{address}: cannot reach the scheduler ({err}); a tls:// scheduler needs Dask's TLS "
                           f"settings ({TLS_SETTINGS})") from None
    with client:
        if not client.scheduler_info().get("workers"):
            with contextlib.suppress(Exception):
                client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
        yield client


def _quiet_logs() -> None:
    """A worker lost and replaced is the engine's business: the batch says what matters.
    Dask's logging config gives "tornado.application" a level of its own (error), so it is
    named too: else a Ctrl-C that lands inside Client.sync prints tornado's traceback of
    the cancelled callback above digest's one line."""
    for name in ("distributed", "tornado", "tornado.application"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
