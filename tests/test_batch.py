"""digest batch: partitions on a real 2-worker Dask cluster on 127.0.0.1 give the same
records as one process; a worker killed mid-batch loses and duplicates nothing; an
interrupted batch resumes, and a re-run runs no finished partition again.

One cluster serves the whole module (its start-up takes seconds). The translation cache
is off wherever records are compared, so every partition's sentences go through the
model in the same batches, whichever process runs it."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest_plugins = ["tests.conftest_translate"]
from tests.conftest_translate import GLOSSARY, REPO, SEEDS  # noqa: E402

distributed = pytest.importorskip("distributed", reason="the cluster extra: pip install -e '.[cluster]'")

from digest import config  # noqa: E402
from digest.batch import (  # noqa: E402
    MANIFEST_NAME,
    BatchSettings,
    InProcess,
    Partition,
    WorkerJob,
    read_shards,
    run_batch,
    run_partition,
)
from digest.errors import ModelError  # noqa: E402

RUN_DATE = "2024-01-01"


def make_corpus(directory: Path, n: int) -> Path:
    """n articles: the seeds in turn, each title made unique (so n digests, n records)."""
    directory.mkdir(parents=True, exist_ok=True)
    texts = [s.read_text(encoding="utf-8") for s in SEEDS]
    for k in range(n):
        text = texts[k % len(texts)]
        title = text.split("\n", 1)[0]
        (directory / f"{k:03d}.txt").write_text(text.replace(title, f"{title} (bản {k})", 1), encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("batch")


@pytest.fixture(scope="module")
def package(test_package_dir):
    """The test package, extracted: workers read it in place (nothing extracted per worker)."""
    return test_package_dir


@pytest.fixture(scope="module")
def cluster(workdir):
    """A 2-worker local cluster, started once; its workers get a private cache dir."""
    from digest.cluster import local_cluster

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DIGEST_CACHE_DIR", str(workdir / "worker-cache"))
        with local_cluster(2) as client:
            yield client


def settings(inputs, out_dir: Path, package: Path, **changes) -> BatchSettings:
    base = dict(inputs=tuple(map(str, inputs)), out_dir=out_dir, lang="en", use_cache=False, run_date=RUN_DATE,
                model=config.Choice(package, "--model"), glossary=config.Choice(GLOSSARY, "--glossary"),
                partition_size=3, threads=1)
    return BatchSettings(**{**base, **changes})


def shard_text(out_dir: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted((out_dir / "shards").glob("*.jsonl")))


def manifest(out_dir: Path) -> dict:
    return json.loads((out_dir / MANIFEST_NAME).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(workdir):
    return make_corpus(workdir / "corpus", 12)


@pytest.fixture(scope="module")
def single_process(corpus, workdir, package):
    """The reference: the same batch in this process, no cluster."""
    out = workdir / "single"
    outcome = run_batch(settings([corpus], out, package), InProcess())
    assert (outcome.articles, outcome.failed, outcome.partitions) == (12, 0, 4)
    return out


# -- the cluster ---------------------------------------------------------------------


def test_two_workers_write_what_one_process_writes_article_for_article(cluster, corpus, single_process,
                                                                       tmp_path, package):
    from digest.cluster import DaskRunner

    out = tmp_path / "out"
    outcome = run_batch(settings([corpus], out, package), DaskRunner(cluster))
    assert (outcome.articles, outcome.failed, outcome.ran) == (12, 0, 4)
    assert shard_text(out) == shard_text(single_process)
    records = list(read_shards(out))
    assert [d.article.path for d in records] == [str(corpus / f"{k:03d}.txt") for k in range(12)]
    assert all(d.translation and d.translation.title.en and d.translation.summary and d.translation.model
               for d in records)
    assert "South Korea" in shard_text(out)  # the glossary reached the workers
    done = manifest(out)
    assert done["complete"] and done["inputs"] == 12
    assert len({p["worker"] for p in done["done"]}) == 2  # both workers took partitions
    assert all(p["worker"].split(":")[1] != str(os.getpid()) for p in done["done"])


def test_a_worker_killed_mid_batch_loses_and_duplicates_nothing(cluster, corpus, single_process, tmp_path, package):
    from digest.cluster import DaskRunner

    killed: list[int] = []

    def kill_a_busy_worker(result) -> None:
        if killed:
            return
        busy = [address for address, keys in cluster.processing().items() if keys]
        assert busy, "no partition in flight to lose"
        pid = cluster.run(os.getpid, workers=busy[:1])[busy[0]]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    out = tmp_path / "out"
    outcome = run_batch(settings([corpus], out, package), DaskRunner(cluster), kill_a_busy_worker)
    assert killed
    assert (outcome.articles, outcome.failed, outcome.partitions, outcome.ran) == (12, 0, 4, 4)
    inputs = [d.article.path for d in read_shards(out)]
    assert inputs == [str(corpus / f"{k:03d}.txt") for k in range(12)]  # each once, in order
    assert shard_text(out) == shard_text(single_process)
    cluster.wait_for_workers(2, timeout=60)  # the nanny restarted it, for the tests after this one


def test_the_local_cluster_listens_on_127_0_0_1_only(cluster):
    import psutil

    processes = [psutil.Process(), *psutil.Process().children(recursive=True)]
    listening = [c.laddr for p in processes for c in p.net_connections(kind="inet") if c.status == psutil.CONN_LISTEN]
    assert listening
    assert {address.ip for address in listening} == {"127.0.0.1"}


def test_the_batch_command_on_a_local_cluster(corpus, single_process, tmp_path, package):
    from digest.cli import main

    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(corpus), "--out", str(out), "--workers", "2",
                                       "--partition-size", "3", "--model", str(package), "--glossary", str(GLOSSARY),
                                       "--no-cache", "--threads", "1", "--run-date", RUN_DATE])
    assert result.exit_code == 0, result.output
    assert "12 articles from 12 inputs in 4 partitions (4 run now, 0 done before); 0 failed" in result.stderr
    assert shard_text(out) == shard_text(single_process)


def test_the_batch_command_on_a_running_scheduler_given_by_address(cluster, corpus, single_process, tmp_path,
                                                                     package):
    import dask

    from digest.cli import main

    out = tmp_path / "out"
    security = cluster.security  # the local cluster's own certificate, given as Dask's config gives it
    tls = {"distributed.comm.tls.ca-file": security.tls_ca_file,
           "distributed.comm.tls.client.cert": security.tls_client_cert,
           "distributed.comm.tls.client.key": security.tls_client_key}
    with dask.config.set(tls):
        result = CliRunner().invoke(main, ["batch", str(corpus), "--out", str(out), "--scheduler",
                                           cluster.scheduler.address, "--partition-size", "3", "--model",
                                           str(package), "--glossary", str(GLOSSARY), "--no-cache", "--threads", "1",
                                           "--run-date", RUN_DATE])
    assert result.exit_code == 0, result.output
    assert shard_text(out) == shard_text(single_process)


def test_a_scheduler_that_does_not_answer_is_one_line_and_exit_69(tmp_path, monkeypatch):
    import socket

    from digest import cluster as engine
    from digest.cli import main

    monkeypatch.setattr(engine, "CONNECT_TIMEOUT_S", 1)
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{closed.getsockname()[1]}"
    result = CliRunner().invoke(main, ["batch", str(SEEDS[0]), "--out", str(tmp_path / "out"), "--lang", "vi",
                                       "--scheduler", address])
    assert result.exit_code == 69
    assert result.stderr.startswith(f"digest: {address}: cannot reach the scheduler (")
    assert result.stderr.count("\n") == 1


# -- resuming ------------------------------------------------------------------------


class Interrupt(KeyboardInterrupt):
    pass


def test_an_interrupted_batch_resumes_where_it_stopped(corpus, single_process, tmp_path, package):
    out = tmp_path / "out"
    finished: list[int] = []

    def interrupt_after_two(result) -> None:
        finished.append(result.index)
        if len(finished) == 2:
            raise Interrupt

    with pytest.raises(Interrupt):
        run_batch(settings([corpus], out, package), InProcess(), interrupt_after_two)
    half = manifest(out)
    assert not half["complete"] and [p["index"] for p in half["done"]] == [0, 1]
    assert sorted(p.name for p in (out / "shards").iterdir()) == ["part-000000.jsonl", "part-000001.jsonl"]

    ran: list[int] = []
    outcome = run_batch(settings([corpus], out, package), InProcess(), lambda r: ran.append(r.index))
    assert ran == [2, 3]
    assert (outcome.ran, outcome.skipped, outcome.articles) == (2, 2, 12)
    assert manifest(out)["complete"]
    assert shard_text(out) == shard_text(single_process)


def test_a_rerun_runs_no_finished_partition_and_a_changed_input_reruns_its_own(corpus, tmp_path, package):
    inputs = tmp_path / "corpus"
    inputs.mkdir()
    for path in corpus.iterdir():
        (inputs / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    run_batch(settings([inputs], out, package, lang="vi"), InProcess())
    shards = {p.name: p.stat().st_mtime_ns for p in (out / "shards").iterdir()}

    again = run_batch(settings([inputs], out, package, lang="vi"), InProcess())
    assert (again.ran, again.skipped, again.articles) == (0, 4, 12)
    assert {p.name: p.stat().st_mtime_ns for p in (out / "shards").iterdir()} == shards

    changed = inputs / "004.txt"  # in the second partition
    changed.write_text(changed.read_text(encoding="utf-8").replace("(bản 4)", "(bản bốn)"), encoding="utf-8")
    ran: list[int] = []
    third = run_batch(settings([inputs], out, package, lang="vi"), InProcess(), lambda r: ran.append(r.index))
    assert ran == [1] and third.skipped == 3
    assert "(bản bốn)" in (out / "shards" / "part-000001.jsonl").read_text(encoding="utf-8")


def test_other_settings_run_every_partition_again_and_fewer_inputs_drop_old_shards(corpus, tmp_path, package):
    out = tmp_path / "out"
    run_batch(settings([corpus], out, package, lang="vi"), InProcess())
    more = run_batch(settings([corpus], out, package, lang="vi", sentences=2), InProcess())
    assert (more.ran, more.skipped) == (4, 0)
    fewer = tmp_path / "fewer"
    fewer.mkdir()
    for path in sorted(corpus.iterdir())[:5]:
        (fewer / path.name).write_bytes(path.read_bytes())
    run_batch(settings([fewer], out, package, lang="vi", sentences=2), InProcess())
    assert sorted(p.name for p in (out / "shards").iterdir()) == ["part-000000.jsonl", "part-000001.jsonl"]
    assert manifest(out)["partitions"] == 2 and len(list(read_shards(out))) == 5


def test_a_batch_resumed_another_day_keeps_the_date_it_started_with(tmp_path, monkeypatch):
    from digest.cli import main

    out = tmp_path / "out"
    args = ["batch", str(SEEDS[0]), str(SEEDS[1]), "--out", str(out), "--workers", "0", "--lang", "vi",
            "--partition-size", "1"]
    monkeypatch.setattr(config, "today", lambda: "2024-03-01")
    assert CliRunner().invoke(main, args).exit_code == 0
    monkeypatch.setattr(config, "today", lambda: "2024-03-02")
    result = CliRunner().invoke(main, args)
    assert "(0 run now, 2 done before)" in result.stderr
    assert manifest(out)["settings"]["run_date"] == "2024-03-01"


# -- inputs --------------------------------------------------------------------------


def test_jsonl_records_list_files_and_directories_with_each_failure_named(tmp_path, package, monkeypatch):
    from digest.cli import main

    seed = SEEDS[0].read_text(encoding="utf-8")
    records = tmp_path / "archive.jsonl"
    records.write_text("\n".join([
        json.dumps({"url": "https://vnexpress.net/a-1.html", "text": seed}, ensure_ascii=False),
        json.dumps({"path": str(SEEDS[1])}),
        "{not json",
        json.dumps({"url": "https://vnexpress.net/b-2.html"}),
        json.dumps({"url": "https://tuoitre.vn/c.htm", "text": f"<html><body><h1>Tiêu đề</h1><p>{seed}</p></body></html>"},
                   ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    listed = tmp_path / "inputs.list"
    listed.write_text(f"# two seeds\n{SEEDS[2]}\n\n{SEEDS[3]}\n{tmp_path / 'missing.txt'}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(records), "--list", str(listed), "--out", str(out),
                                       "--workers", "0", "--lang", "vi", "--partition-size", "2"])
    assert result.exit_code == 1, result.output
    assert f"{records}:3: not a JSON record" in result.stderr
    assert "https://vnexpress.net/b-2.html: no text" in result.stderr
    assert "missing.txt" in result.stderr
    inputs = [d.article.path for d in read_shards(out)]
    assert inputs == ["https://vnexpress.net/a-1.html", str(SEEDS[1]), "https://tuoitre.vn/c.htm",
                      str(SEEDS[2]), str(SEEDS[3])]
    failed = [f["input"] for p in manifest(out)["done"] for f in p["failed"]]
    assert len(failed) == 3 and len(inputs) + len(failed) == 8  # every input is a record or a failure


def test_a_worker_whose_model_differs_from_the_drivers_refuses_to_translate(package):
    from digest.model import Source

    shared = config.Settings(lang="en", run_date=RUN_DATE, model=config.Choice(Path(package)), use_cache=False)
    job = WorkerJob(settings=shared, threads=1, identity="another-model:another-glossary")
    source = Source(str(SEEDS[0]), SEEDS[0].read_text(encoding="utf-8"), "text")
    with pytest.raises(ModelError, match="differs from the driver's"):
        run_partition(job, Partition(0, "f", (source,)))


def test_no_cluster_extra_is_one_line_and_exit_69(tmp_path, monkeypatch, package):
    from digest.cli import main

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    result = CliRunner().invoke(main, ["batch", str(SEEDS[0]), "--out", str(tmp_path / "out"), "--lang", "vi"])
    assert result.exit_code == 69
    assert result.stderr == "digest: digest batch needs the cluster extra: pip install 'digest[cluster]' " \
                            "(or run with --workers 0)\n"


def test_neither_importing_digest_nor_other_commands_load_the_engine():
    code = ("import sys; import digest, digest.core, digest.cli, digest.batch, digest.commands.batch, "
            "digest.commands.run; from digest.cli import main; main.get_command(None, 'batch'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'ray')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "[]"
