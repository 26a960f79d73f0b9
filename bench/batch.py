"""`digest batch` throughput: one process against a local cluster of N workers, and the
memory of each worker.

    python bench/batch.py [--workers 2] [--articles 60] [--realistic-articles 12] [--skip-realistic]

Both sides run digest.batch.run_batch over the same generated corpus (bench/run.py's)
in partitions of 10 (5 for the larger model), --lang en, cache off, end to end as `digest batch` runs them:
"1 process" is `--workers 0` (no cluster; CTranslate2 on every core), "N workers" is
`--workers N` (a Dask cluster on 127.0.0.1 started and stopped inside the timing, one
thread per worker: the cores shared out). articles/s is by wall clock. Worker memory is
each worker process's RSS and USS (pages it alone holds) with its translator loaded,
after the batch; the one process's peak RSS is beside it.

With the test model (tiny) and then with a model of the official package's size
(bench/translate.py's transformer base with random weights, int8; random weights decode
every sentence to the engine's length cap, so its articles/s is a floor).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
TEST_MODEL = REPO / "tests" / "fixtures" / "translate-vi_en-test.argosmodel"


def settings(corpus: Path, out: Path, model: Path, threads: int, partition: int):
    from digest import config
    from digest.batch import BatchSettings

    return BatchSettings(inputs=(str(corpus),), out_dir=out, use_cache=False, run_date="2024-01-01",
                         model=config.Choice(model), glossary=config.Choice(REPO / "glossary.csv"),
                         partition_size=partition, threads=threads, device="cpu")


def one_process(corpus: Path, out: Path, model: Path, partition: int) -> dict:
    from digest.batch import InProcess, run_batch

    start = time.perf_counter()
    outcome = run_batch(settings(corpus, out, model, 0, partition), InProcess())
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": outcome.articles, "seconds": seconds, "rss": peak}


def cluster(corpus: Path, out: Path, model: Path, workers: int, partition: int) -> dict:
    import psutil

    from digest.batch import run_batch
    from digest.cluster import DaskRunner, local_cluster
    from digest.translate.engine import available_cores

    threads = max(1, available_cores() // workers)
    start = time.perf_counter()
    with local_cluster(workers) as client:
        outcome = run_batch(settings(corpus, out, model, threads, partition), DaskRunner(client))
        pids = list(client.run(os.getpid).values())
        info = [psutil.Process(pid).memory_full_info() for pid in pids]
    seconds = time.perf_counter() - start
    return {"articles": outcome.articles, "seconds": seconds, "threads": threads,
            "rss": [i.rss / 2**20 for i in info], "uss": [i.uss / 2**20 for i in info]}


def measured(mode: str, corpus: Path, out: Path, model: Path, workers: int, partition: int) -> dict:
    """One side, in a process of its own: its peak RSS is that side's alone."""
    done = subprocess.run([sys.executable, __file__, "--side", mode, "--corpus", str(corpus), "--out", str(out),
                           "--model", str(model), "--workers", str(workers), "--partition", str(partition)],
                          capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def compare(label: str, model: Path, articles: int, workers: int, partition: int, work: Path) -> None:
    from run import make_corpus

    corpus = make_corpus(articles, work / f"corpus-{label}")
    single = measured("one", corpus, work / f"one-{label}", model, workers, partition)
    many = measured("many", corpus, work / f"many-{label}", model, workers, partition)
    same = _shards(work / f"one-{label}") == _shards(work / f"many-{label}")
    rate1, rate_n = single["articles"] / single["seconds"], many["articles"] / many["seconds"]
    print(f"\n{label}: {articles} articles, partitions of {partition}")
    print(f"  1 process          {rate1:6.2f} articles/s  ({single['seconds']:.1f} s; peak RSS {single['rss']:.0f} MB)")
    print(f"  {workers} workers          {rate_n:6.2f} articles/s  ({many['seconds']:.1f} s with cluster start and "
          f"stop; {many['threads']} thread(s) each)  ×{rate_n / rate1:.2f}")
    rss = ", ".join(f"{r:.0f}" for r in many["rss"])
    uss = ", ".join(f"{u:.0f}" for u in many["uss"])
    print(f"  per worker         RSS {rss} MB; USS {uss} MB (translator loaded)")
    print(f"  same records       {'yes' if same else 'NO'} (1 process and {workers} workers, shard for shard)")


def _shards(out: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted((out / "shards").glob("*.jsonl")))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--realistic-articles", type=int, default=10)
    parser.add_argument("--skip-realistic", action="store_true")
    for hidden in ("--side", "--corpus", "--out", "--model"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    parser.add_argument("--partition", type=int, default=10, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        paths = Path(args.corpus), Path(args.out), Path(args.model)
        side = one_process(*paths, args.partition) if args.side == "one" else cluster(*paths, args.workers,
                                                                                      args.partition)
        print(json.dumps(side))
        return 0
    os.environ.setdefault("DIGEST_CACHE_DIR", tempfile.mkdtemp(prefix="bench-batch-cache-"))
    print(f"digest batch, 1 process against {args.workers} local workers, on {os.cpu_count()} cores "
          f"(shared with whatever else runs)")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        work = Path(tmp)
        compare("test model", TEST_MODEL, args.articles, args.workers, 10, work)
        if not args.skip_realistic:
            from translate import REALISTIC_VOCAB, realistic_package

            from digest.translate.models import open_package

            start = time.perf_counter()
            big = realistic_package(open_package(TEST_MODEL), work / "model")
            print(f"\n(transformer base, vocabulary {REALISTIC_VOCAB}, random weights, int8: "
                  f"built in {time.perf_counter() - start:.0f} s)")
            # Partitions of 5: two workers get the same work.
            compare("realistic size", big.path, args.realistic_articles, args.workers, 5, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
