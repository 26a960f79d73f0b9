"""digest batch against hostile inputs and hostile neighbours.

JSONL records that no UTF-8 file can hold (half a surrogate pair), lines that are not
UTF-8 or not JSON, nested past Python's stack, or larger than one input may be, are each
one failed input or a cleaned record: the rest of the partition and of the batch go
through, and a re-run finishes. The local cluster speaks TLS with client certificates
made for it alone: another user's process on 127.0.0.1 cannot run code in its workers.
"""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest import batch, batch_inputs
from digest.batch import MANIFEST_NAME, BatchSettings, InProcess, list_items, read_item, read_shards, run_batch
from digest.errors import InputError
from tests.conftest import SEEDS, run_digest

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))[:3]]
RUN_DATE = "2024-01-01"


def record_line(record: object) -> bytes:
    """A JSONL line as a careless writer makes it: json.dumps' ASCII escapes ("\\ud800")."""
    return json.dumps(record).encode("ascii") + b"\n"


def read_all(path: Path) -> list[tuple[str, str | None, str | None]]:
    """(name, text, error) of each of the file's inputs, read as a batch's driver does."""
    out: list[tuple[str, str | None, str | None]] = []
    for item in list_items([str(path)]):
        try:
            source = read_item(item)
        except InputError as err:
            out.append((item.name, None, err.message))
        else:
            out.append((item.name, source.text, None))
    return out


def lines_read(data: bytes, cap: int) -> int:
    """Lines that are not blank (a UTF-8 byte-order mark is skipped at the start only), or
    longer than the cap (refused before they are looked at)."""
    lines = data.split(b"\n")
    lines[0] = lines[0].removeprefix(b"\xef\xbb\xbf") if len(lines[0]) <= cap else lines[0]
    return sum(1 for line in lines if line.strip() or len(line) > cap)


# -- the JSONL reader ------------------------------------------------------------------

# Strings as hostile as JSON lets them be: lone surrogates, controls, NUL, BOMs, line
# and paragraph separators, Vietnamese, and long runs (past the cap the fuzz test sets).
odd_chars = st.sampled_from(["\ud800", "\udfff", "\udcff", "\x00", "\x1b", "\x7f", "\ufeff", "\u2028", "\r", "\n",
                             "\\", '"', "ệ", "😀", "\ufffd", "<html>", " "])
odd_strings = st.one_of(
    st.text(max_size=40),
    st.lists(odd_chars, max_size=20).map("".join),
    st.tuples(st.sampled_from(["a", "ệ", "\ud800", "{"]), st.integers(0, 3000)).map(lambda p: p[0] * p[1]),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | odd_strings,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(odd_strings, inner, max_size=4),
    max_leaves=12,
)
field_values = st.one_of(odd_strings, json_values, st.just("https://vnexpress.net/a.html"),
                         st.sampled_from(SEED_TEXTS))
records = st.fixed_dictionaries({}, optional={"url": field_values, "path": field_values, "text": field_values})


@st.composite
def jsonl_lines(draw: st.DrawFn) -> bytes:
    """One line of a JSONL file: a record, any JSON value, or bytes that are neither."""
    kind = draw(st.sampled_from(["record", "value", "raw", "cesu", "deep", "blank"]))
    if kind == "record":
        record = draw(records)
        if draw(st.booleans()):  # UTF-8 as it is where it can be, escapes where it can't
            return json.dumps(record, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n"
        return record_line(record)
    if kind == "value":
        return record_line(draw(json_values))
    if kind == "cesu":  # a surrogate's own three bytes, which no UTF-8 decoder accepts
        return json.dumps({"url": "u", "text": draw(odd_strings)}, ensure_ascii=False).encode(
            "utf-8", "surrogatepass") + b"\n"
    if kind == "deep":
        return b"[" * draw(st.integers(1, 200_000)) + b"\n"
    if kind == "blank":
        return draw(st.sampled_from([b"\n", b"  \n", b"\r\n", b"\xef\xbb\xbf\n"]))
    return draw(st.binary(max_size=200)).replace(b"\n", b" ") + b"\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lines=st.lists(jsonl_lines(), max_size=8), cap=st.sampled_from([64, 2048, batch.MAX_RECORD_BYTES]),
       last_newline=st.booleans())
def test_fuzz_any_jsonl_gives_an_input_or_one_of_digests_own_errors_per_line(tmp_path_factory, lines, cap,
                                                                              last_newline):
    data = b"".join(lines)
    if not last_newline:
        data = data.removesuffix(b"\n")
    path = tmp_path_factory.mktemp("fuzz") / "records.jsonl"
    path.write_bytes(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(batch_inputs, "MAX_RECORD_BYTES", cap)
        patch.chdir(path.parent)  # a record's relative "path" names nothing of the repository
        read = read_all(path)  # raises nothing but InputError, which read_all keeps
    assert len(read) == lines_read(data, cap)  # one input or one failure a line, never more
    for name, text, error in read:
        assert (text is None) != (error is None)
        if text is not None:
            text.encode("utf-8")  # a record's text is always valid UTF-8: what a shard can hold
            assert text.strip()
        if error is not None:
            assert isinstance(error, str) and error
        json.dumps([name, text, error], ensure_ascii=False).encode("utf-8", "backslashreplace")


@pytest.mark.parametrize(("line", "message"), [
    (b'{"url": "u", "text": "caf\\u00e9 \xff"}', "not UTF-8"),
    ('{"url": "u", "text": "\ud800"}'.encode("utf-8", "surrogatepass"), "not UTF-8"),
    (b"[" * 100_000, "not a JSON record"),
    (b'{"url": "u", "text": ' + b"1" * 5000 + b"}", "not a JSON record"),
    (b'"just a string"', "not a JSON object"),
    (b'{"url": 5, "text": "x"}', 'a record needs a "url" or "path"'),
    (b'{"path": "a\\u0000b"}', "names nothing"),
    (json.dumps({"url": "u" * 5000, "text": "x"}).encode(), "names nothing"),
    (b'{"path": "a\\ud800.txt"}', "no file can have"),
    (b'{"url": "u", "text": ["x"]}', '"text" is not a string'),
    (b'{"url": "u", "text": " \\n "}', "empty text"),
])
def test_a_bad_record_line_is_one_failed_input_named_by_its_line(tmp_path, line, message):
    seed = SEED_TEXTS[0]
    path = tmp_path / "records.jsonl"
    path.write_bytes(record_line({"url": "https://a.vn/1", "text": seed}) + line + b"\n"
                     + record_line({"url": "https://a.vn/3", "text": seed}))
    read = read_all(path)
    assert [(name, text) for name, text, _ in read[::2]] == [("https://a.vn/1", seed), ("https://a.vn/3", seed)]
    _, text, error = read[1]
    assert text is None and error is not None and message in error
    assert error.startswith(f"{path}:2: ") or error.startswith("u: ")


def test_lone_surrogates_in_a_records_text_become_u_fffd_and_its_name_is_kept(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_bytes(record_line({"url": "https://a.vn/\udcff", "text": "Tiêu đề\n\nCâu \ud800 một\udfff."})
                     + record_line({"path": "x\udcffy.txt"}))
    (name, text, error), (other, _, missing) = read_all(path)
    assert (name, text, error) == ("https://a.vn/\udcff", "Tiêu đề\n\nCâu \ufffd một\ufffd.", None)
    assert other == "x\udcffy.txt" and missing is not None and "cannot read" in missing


def test_a_utf8_byte_order_mark_and_crlf_lines_are_read(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + record_line({"url": "u1", "text": "Một"}).replace(b"\n", b"\r\n")
                     + record_line({"url": "u2", "text": "Hai"}))
    assert read_all(path) == [("u1", "Một", None), ("u2", "Hai", None)]


def test_a_record_over_the_cap_is_refused_unread_and_the_next_line_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(batch_inputs, "MAX_RECORD_BYTES", 100)
    fits = record_line({"url": "u", "text": "x" * (100 - len(record_line({"url": "u", "text": ""})) + 1)})
    assert len(fits) == 101  # 100 bytes and the newline: as long as a record may be
    over = record_line({"url": "v", "text": "x" * (101 - len(record_line({"url": "v", "text": ""})) + 1)})
    assert len(over) == 102
    path = tmp_path / "records.jsonl"
    path.write_bytes(fits + over + b"{" * 5000 + b"\n" + record_line({"url": "w", "text": "y"}) + b"[" * 101)
    read = read_all(path)
    assert [(name, error) for name, _, error in read] == [
        ("u", None),
        (f"{path}:2", f"{path}:2: a record larger than 0 MB, not an article"),
        (f"{path}:3", f"{path}:3: a record larger than 0 MB, not an article"),
        ("w", None),
        (f"{path}:5", f"{path}:5: a record larger than 0 MB, not an article"),  # the last line, no newline
    ]


def test_a_37_mb_record_is_refused_without_holding_it(tmp_path):
    """The real cap, 8 MB: a 37 MB line costs the reader at most a cap's worth of memory."""
    path = tmp_path / "records.jsonl"
    big = SEED_TEXTS[0] * (37_000_000 // len(SEED_TEXTS[0].encode()))
    with path.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"url": "https://a.vn/big", "text": big}, ensure_ascii=False) + "\n")
        handle.write(json.dumps({"url": "https://a.vn/ok", "text": SEED_TEXTS[1]}, ensure_ascii=False) + "\n")
    del big
    assert path.stat().st_size > 36_000_000
    tracemalloc.start()
    try:
        read = read_all(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert read == [(f"{path}:1", None, f"{path}:1: a record larger than 8 MB, not an article"),
                    ("https://a.vn/ok", SEED_TEXTS[1], None)]
    assert peak < 2 * batch.MAX_RECORD_BYTES + (4 << 20), peak  # a cap's bytes (and a MB skipping), not 37 MB


# -- the batch, end to end -------------------------------------------------------------


def hostile_archive(directory: Path) -> Path:
    """Good records around one of each kind that stopped a batch for good before."""
    path = directory / "archive.jsonl"
    path.write_bytes(b"".join([
        record_line({"url": "https://vnexpress.net/1.html", "text": SEED_TEXTS[0]}),
        record_line({"url": "https://vnexpress.net/2.html", "text": SEED_TEXTS[1].replace("\n", " \ud800\n", 1)}),
        record_line({"url": "https://vnexpress.net/\udcff.html", "text": SEED_TEXTS[2]}),
        b'{"url": "https://vnexpress.net/4.html", "text": "\xff"}\n',  # not UTF-8
        json.dumps({"url": "https://vnexpress.net/5.html", "text": "\udc80"}, ensure_ascii=False).encode(
            "utf-8", "surrogatepass") + b"\n",  # a surrogate's own bytes: not UTF-8 either
        record_line({"url": "https://vnexpress.net/6.html", "text": SEED_TEXTS[0].replace("\n", " (6)\n", 1)}),
    ]))
    return path


GOOD_INPUTS = ["https://vnexpress.net/1.html", "https://vnexpress.net/2.html", "https://vnexpress.net/\udcff.html",
               "https://vnexpress.net/6.html"]


def test_the_batch_command_over_hostile_records_finishes_and_so_does_a_rerun(tmp_path):
    archive = hostile_archive(tmp_path)
    out = tmp_path / "out"
    args = ["batch", archive, "--out", out, "--workers", "0", "--lang", "vi", "--partition-size", "2",
            "--run-date", RUN_DATE]
    first = run_digest(*args)
    stderr = first.stderr.decode("utf-8")
    assert first.returncode == 1, stderr  # some inputs failed (README: exit status)
    assert f"{archive}:4: not UTF-8\n" in stderr and f"{archive}:5: not UTF-8\n" in stderr
    assert "internal error" not in stderr
    assert "4 articles from 6 inputs in 3 partitions (3 run now, 0 done before); 2 failed" in stderr
    assert [d.article.path for d in read_shards(out)] == GOOD_INPUTS
    cleaned = next(d for d in read_shards(out) if d.article.path.endswith("/2.html"))
    assert "\ufffd" in json.dumps(cleaned.to_dict(), ensure_ascii=False)
    for file in [out / MANIFEST_NAME, *sorted((out / "shards").iterdir())]:
        file.read_bytes().decode("utf-8")  # strictly UTF-8: the escapes stay escapes
    assert b"\\udcff.html" in (out / "shards" / "part-000001.jsonl").read_bytes()
    failed = [f["input"] for p in json.loads((out / MANIFEST_NAME).read_bytes())["done"] for f in p["failed"]]
    assert failed == [f"{archive}:4", f"{archive}:5"]

    again = run_digest(*args)
    assert again.returncode == 1
    assert "(0 run now, 3 done before); 2 failed" in again.stderr.decode("utf-8")

    briefing = run_digest("batch", "--out", out, "--briefing", "--format", "json", "--no-stories")
    assert briefing.returncode == 0, briefing.stderr
    document = json.loads(briefing.stdout.decode("utf-8"))  # strictly UTF-8, and JSON
    assert sorted(a["input"] for a in document["articles"]) == sorted(GOOD_INPUTS)


def test_a_directory_input_whose_file_name_is_not_utf8_is_written_and_briefed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    try:
        (corpus / os.fsdecode(b"b\xff.txt")).write_text(SEED_TEXTS[0], encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses file names that are not UTF-8")
    out = tmp_path / "out"
    outcome = run_batch(BatchSettings(inputs=(str(corpus),), out_dir=out, lang="vi", run_date=RUN_DATE), InProcess())
    assert (outcome.articles, outcome.failed) == (1, 0)
    assert [d.article.path for d in read_shards(out)] == [str(corpus / os.fsdecode(b"b\xff.txt"))]
    result = run_digest("batch", "--out", out, "--briefing", "--format", "md")
    assert result.returncode == 0, result.stderr
    assert b"b\\udcff.txt" in result.stdout or b"b\\xff.txt" in result.stdout


# -- the local cluster: TLS with its own certificate -----------------------------------

distributed_available = pytest.mark.skipif(
    __import__("importlib").util.find_spec("distributed") is None,
    reason="the cluster extra: pip install -e '.[cluster]'")

# Another user's process: it knows the addresses (ss -ltn shows them) but holds none of
# the cluster's files. It tries to run os.getpid in a worker through the scheduler
# (Client.run), and straight through each worker and nanny ("run" is a handler of both).
ATTACKER = r'''
import asyncio, json, os, pickle, ssl, sys
import distributed
from distributed.core import rpc
from distributed.security import Security

targets = json.loads(sys.argv[1])

class NoClientCertificate(Security):
    """TLS that checks nothing and shows no certificate."""
    def get_connection_args(self, role):
        context = ssl.create_default_context()
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        return {"ssl_context": context, "require_encryption": True, "extra_conn_args": {}}

def own(paths):  # the cluster's own files: the control, which must get through
    return Security(tls_ca_file=paths["ca"], tls_client_cert=paths["cert"], tls_client_key=paths["key"],
                    require_encryption=True)

attackers = {"plain tcp": None, "tls without a certificate": NoClientCertificate(),
             "tls with another certificate": Security.temporary(), "the cluster's own certificate": own(targets)}

async def attempt(security, role, address):
    if security is None:
        address, security = address.replace("tls://", "tcp://"), Security()
    if role == "scheduler":
        async with distributed.Client(address, security=security, asynchronous=True, timeout=3) as client:
            return sorted((await client.run(os.getpid)).values())
    async with rpc(address, connection_args=security.get_connection_args("client"), timeout=3) as server:
        return await server.run(function=pickle.dumps(os.getpid))

async def outcome(security, role, address):
    try:
        result = await asyncio.wait_for(attempt(security, role, address), 30)
    except BaseException as err:
        return "refused: " + type(err).__name__
    return "ran: " + repr(result)

async def main():
    cases = [(name, role, address) for name in attackers for role, address in targets["addresses"]]
    results = await asyncio.gather(*(outcome(attackers[name], role, address) for name, role, address in cases))
    print(json.dumps([[name, role, result] for (name, role, _), result in zip(cases, results)]))

asyncio.run(main())
'''


@pytest.fixture(scope="module")
def tls_cluster(tmp_path_factory):
    """digest's own local cluster (one worker), as `digest batch --workers 1` starts it."""
    pytest.importorskip("distributed", reason="the cluster extra: pip install -e '.[cluster]'")
    from digest.cluster import local_cluster

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DIGEST_CACHE_DIR", str(tmp_path_factory.mktemp("worker-cache")))
        with local_cluster(1) as client:
            client.wait_for_workers(1, timeout=60)
            yield client


def certificate_files(client, directory: Path) -> dict[str, str]:
    """The cluster's certificate and key as files of mode 600 (Dask's config names files)."""
    directory.mkdir(exist_ok=True)
    security = client.security
    files = {"ca": security.tls_ca_file, "cert": security.tls_client_cert, "key": security.tls_client_key}
    paths = {}
    for name, pem in files.items():
        path = directory / f"{name}.pem"
        path.write_text(pem, encoding="ascii")
        path.chmod(0o600)
        paths[name] = str(path)
    return paths


def cluster_addresses(client) -> list[tuple[str, str]]:
    workers = client.scheduler_info()["workers"]
    return [("scheduler", client.scheduler.address),
            *(("worker", address) for address in workers), *(("nanny", w["nanny"]) for w in workers.values())]


def test_the_local_cluster_runs_nothing_for_a_client_without_its_certificate(tls_cluster, tmp_path):
    addresses = cluster_addresses(tls_cluster)
    assert all(address.startswith("tls://127.0.0.1:") for _, address in addresses)
    targets = {"addresses": addresses, **certificate_files(tls_cluster, tmp_path / "own")}
    result = subprocess.run([sys.executable, "-c", ATTACKER, json.dumps(targets)], capture_output=True, text=True,
                            timeout=240, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    outcomes = {(name, role): outcome for name, role, outcome in json.loads(result.stdout)}
    assert len(outcomes) == 4 * 3
    for (name, role), outcome in outcomes.items():
        if name == "the cluster's own certificate":
            assert outcome.startswith("ran: "), (name, role, outcome)  # the probe itself works
        else:
            assert outcome.startswith("refused: "), (name, role, outcome)
    # digest's own client runs code as before
    assert tls_cluster.submit(sum, [1, 2, 3], pure=False).result() == 6


def test_hostile_records_on_the_local_cluster_give_what_one_process_gives(tls_cluster, tmp_path):
    from digest.cluster import DaskRunner

    archive = hostile_archive(tmp_path)
    shards = {}
    for name, runner in (("one", InProcess()), ("cluster", DaskRunner(tls_cluster))):
        out = tmp_path / name
        settings = BatchSettings(inputs=(str(archive),), out_dir=out, lang="vi", run_date=RUN_DATE, partition_size=2)
        outcome = run_batch(settings, runner)
        assert (outcome.articles, outcome.failed, outcome.partitions) == (4, 2, 3)
        assert run_batch(settings, runner).ran == 0  # a re-run finishes, running nothing
        shards[name] = [p.read_bytes() for p in sorted((out / "shards").iterdir())]
    assert shards["cluster"] == shards["one"]


def test_the_local_clusters_secrets_and_scratch_are_its_own(tmp_path):
    pytest.importorskip("distributed", reason="the cluster extra: pip install -e '.[cluster]'")
    import psutil

    from digest.cluster import local_cluster

    with local_cluster(1) as client:
        client.wait_for_workers(1, timeout=60)
        scratch = next(iter(client.run(lambda dask_worker: dask_worker.local_directory).values()))
        private = Path(scratch).parent.parent
        assert not scratch.startswith(os.path.join(__import__("tempfile").gettempdir(), "dask-scratch-space"))
        assert stat.S_IMODE(private.stat().st_mode) == 0o700 and private.name.startswith("digest-batch-")
        for process in psutil.Process().children(recursive=True):
            seen = " ".join(process.cmdline()) + " ".join(process.environ().values())
            assert "PRIVATE KEY" not in seen and "CERTIFICATE" not in seen
    assert not private.exists()


def test_the_batch_on_a_tls_scheduler_takes_its_certificate_from_dasks_config(tls_cluster, tmp_path):
    """--scheduler tls://...: digest gives Dask no Security of its own, so the
    DASK_DISTRIBUTED__COMM__TLS__* variables (Dask's config) are what it connects with."""
    paths = certificate_files(tls_cluster, tmp_path / "own")
    address = tls_cluster.scheduler.address
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    args = ["batch", *seeds, "--scheduler", address, "--lang", "vi", "--run-date", RUN_DATE]
    env = {"DASK_DISTRIBUTED__COMM__TLS__CA_FILE": paths["ca"],
           "DASK_DISTRIBUTED__COMM__TLS__CLIENT__CERT": paths["cert"],
           "DASK_DISTRIBUTED__COMM__TLS__CLIENT__KEY": paths["key"]}
    result = run_digest(*args, "--out", tmp_path / "out", env=env)
    assert result.returncode == 0, result.stderr
    assert b"2 articles from 2 inputs" in result.stderr

    bare = run_digest(*args, "--out", tmp_path / "bare")  # no certificate in Dask's config
    assert bare.returncode == 69, bare.stderr
    line = bare.stderr.decode("utf-8")
    assert line.count("\n") == 1 and line.startswith(f"digest: {address}: cannot reach the scheduler (")
    assert "DASK_DISTRIBUTED__COMM__TLS__CA_FILE" in line


@distributed_available
def test_a_local_cluster_without_cryptography_is_one_line_and_exit_69(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from digest.cli import main

    monkeypatch.setitem(sys.modules, "cryptography", None)  # as if not installed
    result = CliRunner().invoke(main, ["batch", str(sorted(SEEDS.glob("*.txt"))[0]), "--out", str(tmp_path / "out"),
                                       "--lang", "vi", "--workers", "1"])
    assert result.exit_code == 69, result.output
    assert result.stderr.startswith("digest: a local cluster needs the cryptography package for its TLS; ")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("manifest", [b"[" * 100_000, b"\xff\xfe not json", b'{"settings": ' + b"1" * 64])
def test_a_broken_batch_manifest_is_started_anew_or_refused_with_one_line(tmp_path, manifest):
    """A manifest.json anyone broke (nested past any parser's depth, not UTF-8, not a batch's):
    a batch into that directory starts anew, and --briefing says in one line it is no batch."""
    from click.testing import CliRunner

    from digest import output
    from digest.cli import main

    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST_NAME).write_bytes(manifest)
    briefed = CliRunner().invoke(main, ["batch", "--out", str(out), "--briefing"])
    assert briefed.exit_code == 2 and briefed.stderr.count("\n") == 1, briefed.stderr
    ran = CliRunner().invoke(main, ["batch", str(SEEDS / "000_6c833404c18ad008.txt"), "--out", str(out),
                                    "--workers", "0", "--lang", "vi", "-q"])
    assert ran.exit_code == 0, ran.stderr
    assert len(list(read_shards(out))) == 1
    with pytest.raises(ValueError, match="larger than"):
        output.read_json_file(out / MANIFEST_NAME, 10)


def test_ctrl_c_on_a_local_cluster_batch_is_one_line_and_exit_130(tmp_path):
    """Ctrl-C reaches every process of the terminal's group: the workers too. They must not
    each print a traceback; digest says one line and exits 130, and a rerun resumes."""
    import shutil
    import signal
    import time

    from tests.conftest import installed_digest

    pytest.importorskip("distributed")
    inputs = tmp_path / "in"
    inputs.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for number in range(300):
        shutil.copy(seeds[number % len(seeds)], inputs / f"a{number:03d}.txt")
    out = tmp_path / "out"
    command = [str(installed_digest()), "batch", str(inputs), "--out", str(out), "--lang", "vi", "--workers", "2",
               "--partition-size", "1"]
    # its own process group, as a terminal's foreground job, with Ctrl-C's default action
    # (a test runner started in the background may have SIGINT ignored, which children inherit)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while len(list((out / "shards").glob("*.jsonl"))) < 20 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the batch finished before Ctrl-C reached it")
    said = stderr.decode()
    assert process.returncode == 130, said
    # no worker's traceback (a loaded machine may add a line of Dask's about a slow loop)
    assert "Traceback" not in said and "KeyboardInterrupt" not in said, said
    assert said.splitlines()[-1] == "digest: interrupted; the finished partitions are kept: run the same command to resume"
    again = subprocess.run([*command, "--workers", "0"], capture_output=True, timeout=300)
    assert again.returncode == 0, again.stderr.decode()
    assert b"done before" in again.stderr and b" 0 done before" not in again.stderr


def test_the_engines_logs_are_quiet_even_where_dask_configures_a_level():
    """Dask's logging config sets "tornado.application" to error on its own: a Ctrl-C
    inside Client.sync then logs tornado's traceback of the cancelled callback (seen once
    in CI above digest's one line). Every logger of the engine must be quiet."""
    import logging

    pytest.importorskip("distributed")
    from digest import cluster

    cluster._distributed()
    cluster._quiet_logs()
    for name in ("distributed", "tornado", "tornado.application"):
        assert logging.getLogger(name).getEffectiveLevel() == logging.CRITICAL, name
