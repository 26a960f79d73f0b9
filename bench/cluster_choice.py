"""Dask or Ray for `digest batch`: the figures that chose the engine, side by side.

    python bench/cluster_choice.py [--dask-python PY] [--ray-python PY] [--workers 2] [--articles 40]

Each engine is measured in a process of its own (PY: the Python of a virtual environment
with digest and that engine installed; default: this Python), on the same job: a local
cluster of N single-threaded workers on this machine, each keeping one translator (the
test model; Dask: digest.cluster as `digest batch` runs it, the translator in the worker
process; Ray: one actor per worker holding it), and the same partitions of a generated
corpus through digest.batch.run_partition (cache off).

Rows:
- install: MB on disk of the engine and every package it brings that digest's base
  install does not (from the installed files' sizes)
- start: seconds from nothing to N workers that answer
- translator: seconds until every worker has loaded its translator and translated once
- worker RSS / USS: memory of one worker process with its translator (mean over workers);
  USS counts only the pages that process alone holds
- engine processes: RSS of everything else the engine started (Dask: nannies; the
  scheduler runs in the driver. Ray: GCS, raylet, idle workers, ...), summed
- driver RSS growth: what starting the engine added to the driver process
- articles/s: the corpus in partitions of 10 with the translators loaded
- listening: the addresses its processes accept connections on
- stop: seconds to shut the cluster down
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
TEST_MODEL = REPO / "tests" / "fixtures" / "translate-vi_en-test.argosmodel"
ENGINES = {"dask": "distributed", "ray": "ray"}  # engine -> the distribution that brings it


# ---- measured inside one engine's Python ----------------------------------------------

def job_and_partitions(articles: int, size: int, workdir: Path):
    from run import make_corpus

    from digest import config
    from digest.batch import BatchSettings, list_items, partitions, worker_job

    corpus = make_corpus(articles, workdir / "corpus")
    settings = BatchSettings(inputs=(str(corpus),), out_dir=workdir / "out", use_cache=False, run_date="2024-01-01",
                             model=config.Choice(TEST_MODEL), glossary=config.Choice(REPO / "glossary.csv"),
                             partition_size=size, threads=1, device="cpu")
    job = worker_job(settings)
    return job, list(partitions(list_items(settings.inputs), size, "bench"))


def memory(pids: list[int]) -> tuple[float, float]:
    """Summed RSS and USS of these processes, in MB."""
    import psutil

    rss = uss = 0.0
    for pid in pids:
        info = psutil.Process(pid).memory_full_info()
        rss, uss = rss + info.rss / 2**20, uss + info.uss / 2**20
    return rss, uss


def engine_processes(workers: list[int]) -> list[int]:
    import psutil

    return [p.pid for p in psutil.Process().children(recursive=True) if p.pid not in workers]


def listening() -> list[str]:
    import psutil

    found = set()
    for process in [psutil.Process(), *psutil.Process().children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            found.update(c.laddr.ip for c in process.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN)
    return sorted(found)


def driver_rss() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss / 2**20)


def warm(job) -> int:
    from digest.batch import worker_translator

    worker_translator(job).translate(["Hàn Quốc và Nhật Bản ký thỏa thuận mới."])
    return os.getpid()


def measure_dask(workers: int, job, parts) -> dict:
    from digest.cluster import DaskRunner, local_cluster

    figures: dict = {}
    before = driver_rss()
    start = time.perf_counter()
    with local_cluster(workers) as client:
        client.wait_for_workers(workers)
        figures["start"] = time.perf_counter() - start
        start = time.perf_counter()
        pids = list(client.run(warm, job).values())
        figures["translator"] = time.perf_counter() - start
        figures.update(_memory_figures(pids, before))
        start = time.perf_counter()
        done = sum(len(r.lines) for r in DaskRunner(client).run(job, iter(parts)))
        figures["articles_per_s"] = done / (time.perf_counter() - start)
        figures["listening"] = listening()
        stop = time.perf_counter()
    figures["stop"] = time.perf_counter() - stop
    return figures


def measure_ray(workers: int, job, parts) -> dict:
    import ray
    from ray.util import ActorPool

    from digest.batch import run_partition

    @ray.remote(num_cpus=1)
    class Worker:
        """One translator per actor, kept for the actor's life."""

        def warm(self, job) -> int:
            return warm(job)

        def run(self, job, partition):
            return run_partition(job, partition)

    figures: dict = {}
    before = driver_rss()
    start = time.perf_counter()
    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, configure_logging=False)
    actors = [Worker.remote() for _ in range(workers)]  # type: ignore[attr-defined]
    ray.get([a.__ray_ready__.remote() for a in actors])
    figures["start"] = time.perf_counter() - start
    start = time.perf_counter()
    pids = ray.get([a.warm.remote(job) for a in actors])
    figures["translator"] = time.perf_counter() - start
    figures.update(_memory_figures(pids, before))
    start = time.perf_counter()
    pool = ActorPool(actors)
    done = sum(len(r.lines) for r in pool.map_unordered(lambda a, p: a.run.remote(job, p), parts))
    figures["articles_per_s"] = done / (time.perf_counter() - start)
    figures["listening"] = listening()
    stop = time.perf_counter()
    ray.shutdown()
    figures["stop"] = time.perf_counter() - stop
    return figures


def _memory_figures(pids: list[int], driver_before: float) -> dict:
    rss, uss = memory(pids)
    others = engine_processes(pids)
    other_rss, _ = memory(others)
    return {"worker_rss": rss / len(pids), "worker_uss": uss / len(pids), "engine_processes": len(others),
            "engine_rss": other_rss, "driver_growth": driver_rss() - driver_before}


def install_mb(engine: str) -> float:
    """MB of the engine's distribution and its dependencies, less digest's own."""
    from importlib import metadata

    def closure(name: str, seen: set[str]) -> set[str]:
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            return seen
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return seen
        seen.add(key)
        for requirement in dist.requires or []:
            if "extra ==" not in requirement:
                closure(re.match(r"[A-Za-z0-9._-]+", requirement).group(), seen)  # type: ignore[union-attr]
        return seen

    ours = closure("digest", set())
    theirs = closure(ENGINES[engine], set()) - ours
    total = 0
    for name in theirs:
        dist = metadata.distribution(name)
        for file in dist.files or []:
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                total += path.stat().st_size
    return total / 2**20


def measure(engine: str, workers: int, articles: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        job, parts = job_and_partitions(articles, 10, Path(tmp))
        figures = {"install": install_mb(engine)}
        run = measure_dask if engine == "dask" else measure_ray
        figures.update(run(workers, job, parts))
        figures["version"] = __import__("importlib.metadata").metadata.version(ENGINES[engine])
        return figures


# ---- the table ----------------------------------------------------------------------

ROWS = [
    ("version", "version", "{}"),
    ("install", "install beyond digest (MB)", "{:.0f}"),
    ("start", "start, {workers} workers (s)", "{:.1f}"),
    ("translator", "every worker's translator loaded (s)", "{:.1f}"),
    ("worker_rss", "worker RSS with translator (MB)", "{:.0f}"),
    ("worker_uss", "worker USS with translator (MB)", "{:.0f}"),
    ("engine_processes", "other engine processes", "{}"),
    ("engine_rss", "their RSS, summed (MB)", "{:.0f}"),
    ("driver_growth", "driver RSS growth (MB)", "{:.0f}"),
    ("articles_per_s", "articles/s, test model", "{:.1f}"),
    ("listening", "listening on", "{}"),
    ("stop", "stop (s)", "{:.1f}"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dask-python", default=sys.executable)
    parser.add_argument("--ray-python", default=sys.executable)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--measure", choices=list(ENGINES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.workers, args.articles)))
        return 0
    results: dict[str, dict] = {}
    for engine, python in (("dask", args.dask_python), ("ray", args.ray_python)):
        done = subprocess.run([python, __file__, "--measure", engine, "--workers", str(args.workers),
                               "--articles", str(args.articles)], capture_output=True, text=True, cwd=REPO)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["failed"])[-1]
            print(f"{engine}: not measured ({last})", file=sys.stderr)
            results[engine] = {}
            continue
        results[engine] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{'':40} {'Dask':>14} {'Ray':>14}")
    for key, label, fmt in ROWS:
        cells = []
        for engine in ENGINES:
            value = results[engine].get(key)
            cells.append("—" if value is None else fmt.format(",".join(value) if isinstance(value, list) else value))
        print(f"{label.format(workers=args.workers):40} {cells[0]:>14} {cells[1]:>14}")
    print(f"\n{args.articles} generated articles in partitions of 10, --lang en, cache off, 1 CTranslate2 thread "
          f"per worker, on {os.cpu_count()} cores (shared with whatever else runs).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
