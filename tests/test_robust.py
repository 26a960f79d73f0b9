"""Issue 10: nothing an input, a state file or a server sends can crash a run, hang it
or fill the disk. One section per class of the issue; every case is made here, on real
files, real processes and real servers on 127.0.0.1."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.errors import DigestError, ModelError, shown
from digest.output import MANIFEST_NAME, DirectoryManifest
from digest.translate import models
from digest.translate.cache import TranslationCache
from digest.translate.glossary import check_file
from digest.translate.models import install, installed_packages, read_package
from tests.conftest import ROOT, SEEDS, TEST_MODEL, installed_digest, run_digest
from tests.conftest_translate import repack

pytest_plugins = ["tests.conftest_translate"]

SEED = sorted(SEEDS.glob("*.txt"))[0]


def seed_copies(directory: Path, n: int = 2) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(sorted(SEEDS.glob("*.txt"))[:n]):
        shutil.copy(seed, directory / f"{i}.txt")
    return directory


def python_digest(code: str, *args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run digest's CLI in a real process after `code` (which plants a bug) has run."""
    script = f"import sys\n{code}\nfrom digest.cli import main\nsys.argv = ['digest', *sys.argv[1:]]\nmain()"
    return subprocess.run([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=300)


# ---- 1. one bad input never stops the others; a traceback only with --debug --------------

BUG_ON_ONE_INPUT = """
from digest import core
real = core.extract_article
def extract_article(source):
    if source.path.endswith("0.txt"):
        raise ZeroDivisionError("planted bug")
    return real(source)
core.extract_article = extract_article
"""


def test_a_bug_on_one_input_is_one_line_naming_it_and_the_others_go_through(tmp_path):
    inputs = seed_copies(tmp_path / "in")
    done = python_digest(BUG_ON_ONE_INPUT, inputs, "--lang", "vi", env={"DIGEST_DEBUG": ""})
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "0.txt" in lines[0] and "internal error" in lines[0] and "planted bug" in lines[0]
    assert "Traceback" not in done.stderr
    assert "1 article" in done.stdout  # the other input's digest


@pytest.mark.parametrize("switch", [["--debug"], []])
def test_the_debug_switch_shows_the_traceback(tmp_path, switch):
    inputs = seed_copies(tmp_path / "in")
    env = {} if switch else {"DIGEST_DEBUG": "1"}
    done = python_digest(BUG_ON_ONE_INPUT, *switch, inputs, "--lang", "vi", env=env)
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "ZeroDivisionError" in done.stderr


def test_a_bug_anywhere_else_is_internal_error_exit_70(tmp_path):
    code = "from digest import pipeline\npipeline.Job.run = lambda self: {}['no such key']"
    done = python_digest(code, SEED, "--lang", "vi", env={"DIGEST_DEBUG": ""})
    assert done.returncode == 70
    assert done.stderr.startswith("digest: internal error: KeyError") and done.stderr.count("\n") == 1
    assert done.stdout == ""
    debug = python_digest(code, "--debug", SEED, "--lang", "vi")
    assert debug.returncode == 70 and "Traceback" in debug.stderr


# ---- 2. file names that are not UTF-8; control characters ----------------------------------

def test_shown_escapes_undecodable_bytes_and_controls_and_keeps_vietnamese():
    assert shown("a\udcff\x1b[2J\r\n\u2028\u202eb") == "a\\xff\\x1b[2J\\x0d\\x0a\\u2028\\u202eb"
    assert shown("Hà Nội – “tin”") == "Hà Nội – “tin”"


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_non_utf8_and_control_names_break_neither_stdout_nor_out_nor_the_manifest(tmp_path, fmt):
    inputs = tmp_path / "in"
    inputs.mkdir()
    good = os.fsencode(inputs) + b"/tin-\xff\xfe-\x1b[31m.txt"
    with open(good, "wb") as out:
        out.write(SEED.read_bytes())
    with open(os.fsencode(inputs) + b"/rong-\xe9\x07.txt", "wb"):
        pass  # empty: its error line names it
    done = run_digest(inputs, "--lang", "vi", "--format", fmt, "--run-date", "2024-01-01")
    assert done.returncode == 1
    done.stdout.decode("utf-8")
    if fmt == "json":
        assert any("\udcff" in str(a.get("input")) for a in json.loads(done.stdout).get("articles", []))
    error = done.stderr.decode("utf-8")
    assert error.count("\n") == 1 and "rong-\\xe9\\x07.txt" in error and "\x07" not in error
    out = tmp_path / "out"
    done = run_digest(inputs, "--lang", "vi", "--out", out, "--run-date", "2024-01-01")
    assert done.returncode == 1
    manifest = (out / MANIFEST_NAME).read_bytes().decode("utf-8")
    assert "\udcff" in "".join(json.loads(manifest)["writers"].values())
    again = run_digest(inputs, "--lang", "vi", "--out", out, "--run-date", "2024-01-01")
    assert again.returncode == 1 and "Traceback" not in again.stderr.decode()


# ---- 3 is in tests/test_summarize.py (time per sentence, memory, identical centrality) ------

# ---- 4. state files cannot brick a directory or a command ------------------------------------

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("content", [DEEP, "garbage\xff", '{"files": [], "inputs": 3}',
                                     '{"files": {"../../x": 1, "a.md": {"b": 2}}, "inputs": {"k": ["x"]}}',
                                     "[]", '{"files": {"a.md": "' + "0" * 64 + '"}, "writers": 7}'])
def test_a_broken_manifest_is_ignored_with_one_warning(tmp_path, content):
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST_NAME).write_bytes(content.encode("utf-8", "surrogateescape"))
    done = run_digest(SEED, "--lang", "vi", "--out", out)
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().count("\n") <= 1 and b"Traceback" not in done.stderr
    json.loads((out / MANIFEST_NAME).read_text("utf-8"))
    assert run_digest(SEED, "--lang", "vi", "--out", out).stderr == b""  # healed


def test_broken_package_metadata_is_skipped_with_one_warning(test_package_dir, translate_env, caplog):
    install(str(repack(test_package_dir, translate_env.cache.parent / "ok.argosmodel", top="good")))
    for name, meta in [("deep", DEEP), ("types", json.dumps({"from_code": "vi", "to_code": "en", "name": ["x"]})),
                       ("garbage", "\x00\xff{")]:
        bad = translate_env.packages / name
        shutil.copytree(translate_env.packages / "good", bad)
        (bad / "metadata.json").write_text(meta, encoding="utf-8", errors="surrogateescape")
        with pytest.raises(ModelError, match="unreadable metadata"):
            read_package(bad)
    caplog.clear()
    assert [p.path.name for p in installed_packages()] == ["good"]
    assert len(caplog.records) == 3


@pytest.mark.parametrize("settings_json", [DEEP, "nope", '{"ARGOS_PACKAGES_DIR": ["x"]}',
                                           '{"ARGOS_PACKAGES_DIR": "a\\u0000b"}'])
def test_broken_argos_settings_are_ignored(translate_env, monkeypatch, settings_json):
    monkeypatch.setattr(models, "_warned", set())
    path = translate_env.config / "argos-translate" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text(settings_json, encoding="utf-8")
    assert models.packages_dir() == translate_env.packages
    done = run_digest("model", "list", env={"XDG_CONFIG_HOME": str(translate_env.config),
                                            "XDG_DATA_HOME": str(translate_env.data), "ARGOS_PACKAGES_DIR": ""})
    assert done.returncode == 0 and done.stderr.decode().count("\n") == 1


# ---- 5. downloads and packages -----------------------------------------------------------------

@pytest.mark.parametrize("path, message", [
    ("/drip/x.argosmodel", "cut off after"), ("/endless/x.argosmodel", "cut off past"),
    ("/badlength/x.argosmodel", "malformed response"),
])
def test_a_server_that_drips_never_ends_or_lies_is_cut_off(translate_env, http_dir, monkeypatch, path, message):
    _, url = http_dir
    monkeypatch.setattr(models, "DOWNLOAD_DEADLINE_SECONDS", 1)
    monkeypatch.setattr(models, "MAX_DOWNLOAD_BYTES", 4 << 20)
    start = time.monotonic()
    with pytest.raises(ModelError, match=message):
        install(url + path)
    assert time.monotonic() - start < 30
    assert not list(translate_env.packages.parent.glob(".digest-*"))


def test_silence_is_cut_off(translate_env, http_dir, monkeypatch):
    monkeypatch.setattr(models, "READ_TIMEOUT_SECONDS", 1)
    with pytest.raises(ModelError, match="no data for 1 s"):
        install(http_dir[1] + "/hang/x.argosmodel")


@pytest.mark.parametrize("url", ["http://[::1", "http://127.0.0.1:99999/x", "file:///etc/passwd",
                                 "http://exämple\udcff.invalid/x", "ftp://127.0.0.1/x"])
def test_a_bad_url_is_one_line_exit_3(translate_env, url):
    with pytest.raises(ModelError, match="nothing installed"):
        install(url)
    done = run_digest("model", "install", "--from", url.encode("utf-8", "surrogateescape"),
                      env={"ARGOS_PACKAGES_DIR": str(translate_env.packages)})
    assert done.returncode == 3 and done.stderr.count(b"\n") == 1


def test_the_official_package_comes_from_the_mirror_when_the_first_host_fails(test_model_zip, translate_env,
                                                                              http_dir, monkeypatch):
    root, url = http_dir
    shutil.copy(test_model_zip, root / "official.argosmodel")
    monkeypatch.setattr(models, "OFFICIAL_URLS", (f"{url}/fail/official.argosmodel", f"{url}/official.argosmodel"))
    monkeypatch.setattr(models, "OFFICIAL_SIZE", test_model_zip.stat().st_size)
    monkeypatch.setattr(models, "OFFICIAL_SHA256", models.sha256_file(test_model_zip))
    assert install().package.path.is_dir()
    monkeypatch.setattr(models, "OFFICIAL_URLS", (f"{url}/fail/a", f"{url}/drip/b"))
    monkeypatch.setattr(models, "DOWNLOAD_DEADLINE_SECONDS", 1)
    with pytest.raises(ModelError, match=r"HTTP 503.*and .*"):
        install()


def test_archives_are_checked_for_entry_count_and_hidden_tops_before_writing(translate_env, tmp_path, monkeypatch,
                                                                               test_package_dir):
    many = tmp_path / "many.argosmodel"
    with zipfile.ZipFile(many, "w") as zf:
        for i in range(models.MAX_ARCHIVE_MEMBERS + 1):
            zf.writestr(f"pkg/f{i}", b"")
    with pytest.raises(ModelError, match="members"):
        install(str(many))
    with pytest.raises(ModelError, match=r"starts with '\.'"):
        install(str(repack(test_package_dir, tmp_path / "hidden.argosmodel", top=".hidden")))
    monkeypatch.setattr(models, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(ModelError, match="unpacks to"):
        install(str(repack(test_package_dir, tmp_path / "big.argosmodel")))
    assert not list(translate_env.packages.parent.glob(".digest-*")) and not list(translate_env.packages.iterdir())


def test_a_package_that_does_not_load_is_not_installed(translate_env, tmp_path, test_package_dir):
    broken = tmp_path / "broken"
    shutil.copytree(test_package_dir, broken / "pkg")
    (broken / "pkg" / "model" / "model.bin").write_bytes(b"\x00" * 1000)
    archive = shutil.make_archive(str(tmp_path / "broken"), "zip", broken)
    with pytest.raises(ModelError, match=r"does not (load|work)"):
        install(archive)
    assert not list(translate_env.packages.iterdir())


# ---- 6. SIGTERM cleans up as SIGINT does; SIGKILL leftovers go with the next command ----------

def test_sigterm_during_a_download_leaves_nothing(translate_env, http_dir):
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(translate_env.packages)}
    child = subprocess.Popen([str(installed_digest()), "model", "install", "--from", http_dir[1] + "/drip/x.argosmodel"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    work = translate_env.packages.parent
    for _ in range(200):
        if work.is_dir() and list(work.glob(".digest-download-*")):
            break
        time.sleep(0.05)
    time.sleep(0.3)
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 143, err
    assert err.decode().strip() == "digest: interrupted; nothing installed"
    assert not list(work.glob(".digest-*"))


def test_sigterm_during_a_run_leaves_no_temporary_files(tmp_path):
    inputs = seed_copies(tmp_path / "in", 5)
    code = ("import time\nfrom digest import core\nreal = core.render_article\n"
            "def slow(*a, **k):\n    time.sleep(0.5)\n    return real(*a, **k)\ncore.render_article = slow\n"
            "from digest import entry\nentry._terminate_as_interrupt()")
    script = f"import sys\n{code}\nfrom digest.cli import main\nsys.argv = ['digest', *sys.argv[1:]]\nmain()"
    out = tmp_path / "out"
    child = subprocess.Popen([sys.executable, "-c", script, str(inputs), "--lang", "vi", "--out", str(out)],
                             cwd=ROOT, stderr=subprocess.PIPE)
    time.sleep(2.5)
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 143, err
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_staging_a_killed_command_left_is_removed_by_the_next_but_not_a_live_ones(translate_env):
    work = translate_env.packages.parent
    translate_env.packages.mkdir(parents=True)
    (work / ".digest-install-dead").mkdir()
    (work / ".digest-install-dead" / "x").write_bytes(b"x")
    (work / ".digest-download-dead.argosmodel").write_bytes(b"partial")
    live, fd = models._staging(models.INSTALL_PREFIX, work)
    extract = translate_env.cache / "packages" / ".extract-dead"
    extract.mkdir(parents=True)
    try:
        done = run_digest("model", "list", env={"ARGOS_PACKAGES_DIR": str(translate_env.packages)})
        assert done.returncode == 0
        assert sorted(p.name for p in work.glob(".digest-*")) == [live.name]
        models.open_package(TEST_MODEL)
        assert not extract.exists()
    finally:
        os.close(fd)
    installed_packages()
    assert not live.exists()


# ---- 7. small ones ------------------------------------------------------------------------------

def test_the_lock_file_is_not_followed_through_a_symlink(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim"
    (out / ".digest.lock").symlink_to(victim)
    done = run_digest(SEED, "--lang", "vi", "--out", out)
    assert done.returncode != 0 and done.stderr.count(b"\n") == 1
    assert not victim.exists()


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "NaN"])
def test_wait_must_be_a_finite_number(tmp_path, value):
    done = run_digest(SEED, "--out", tmp_path / "out", "--wait", value)
    assert done.returncode == 2 and done.stderr.count(b"\n") == 1


def test_dash_with_stdin_closed_is_one_line_exit_1():
    done = subprocess.run(f"'{installed_digest()}' - --lang vi <&-", shell=True, cwd=ROOT, capture_output=True,
                          timeout=120)
    assert done.returncode == 1 and done.stderr.count(b"\n") == 1, done.stderr


def test_a_glossary_cell_past_the_csv_field_limit_is_a_numbered_problem(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("vi,en,kind\nHà Nội,Hanoi,place\n" + "x" * 200_000 + ",y,term\n", encoding="utf-8")
    problems = check_file(path)
    assert [p.line for p in problems] == [3] and "field" in problems[0].message
    done = run_digest(SEED, "--lang", "en", "--model", TEST_MODEL, "--glossary", path)
    assert done.returncode == 2 and b":3:" in done.stderr


def test_glossary_lines_are_counted_at_real_line_ends_only(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("vi,en,kind\nHà\u2028Nội,Ha\x85noi,place\r\nSeoul,Seoul,bogus\n", encoding="utf-8")
    assert [p.line for p in check_file(path)] == [3]


@pytest.mark.parametrize("option", ["--glossary", "--model"])
def test_a_fifo_or_device_as_model_or_glossary_is_refused(tmp_path, option):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        done = run_digest(SEED, "--lang", "en", option, path, "--model" if option == "--glossary" else "--lang",
                          TEST_MODEL if option == "--glossary" else "en", timeout=60)
        assert done.returncode in (2, 3) and done.stderr.count(b"\n") == 1, done.stderr


def test_another_article_with_the_same_date_and_title_gets_its_own_file(tmp_path):
    out = tmp_path / "out"
    first, second = tmp_path / "a" / "tin.txt", tmp_path / "b" / "tin.txt"
    for path, extra in ((first, "Câu thêm một về sự kiện."), (second, "Một câu hoàn toàn khác ở đây.")):
        path.parent.mkdir()
        path.write_text(SEED.read_text("utf-8") + "\n\n" + extra + "\n", encoding="utf-8")
    assert run_digest(first, "--lang", "vi", "--out", out, "--run-date", "2024-01-01").returncode == 0
    assert run_digest(second, "--lang", "vi", "--out", out, "--run-date", "2024-01-01").returncode == 0
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert len(names) == 2 and {n.replace("-2.", ".") for n in names} == {min(names, key=len)}
    # Each input keeps its own file on later runs, in either order.
    assert run_digest(second, first, "--lang", "vi", "--out", out, "--run-date", "2024-01-01").returncode == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == names


# ---- fuzz: the readers digest owns raise only digest's own errors -----------------------------

FUZZ = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])


def mutated(base: bytes) -> st.SearchStrategy[bytes]:
    """Real fixture bytes with a slice replaced, cut short or doubled; or random bytes."""
    edits = st.tuples(st.integers(0, len(base)), st.integers(0, 64), st.binary(max_size=64))
    return st.one_of(st.binary(max_size=2000), edits.map(lambda e: base[:e[0]] + e[2] + base[e[0] + e[1]:]),
                     st.integers(0, len(base)).map(lambda n: base[:n]), st.just(base * 2))


GOOD_MANIFEST = json.dumps({"files": {"2024-01-01-tin.vi.md": "0" * 64}, "inputs": {"k": "2024-01-01-tin.vi.md"},
                            "writers": {"2024-01-01-tin.vi.md": "/in/tin.txt"}}).encode()


@FUZZ
@given(data=mutated(GOOD_MANIFEST))
def test_fuzz_manifest(tmp_path_factory, data):
    out = tmp_path_factory.mktemp("m")
    (out / MANIFEST_NAME).write_bytes(data)
    manifest = DirectoryManifest.load(out)
    manifest.current_output("k")
    manifest.claimed_by_another("2024-01-01-tin.vi.md", "/other")
    manifest.save()
    json.loads((out / MANIFEST_NAME).read_bytes().decode("utf-8"))


@FUZZ
@given(data=mutated(json.dumps({"name": "t", "package_version": "1.0", "from_code": "vi",
                                "to_code": "en"}).encode()))
def test_fuzz_package_metadata(test_package_dir, tmp_path_factory, data):
    package = tmp_path_factory.mktemp("p") / "pkg"
    shutil.copytree(test_package_dir, package, ignore=shutil.ignore_patterns("model.bin"))
    (package / "model" / "model.bin").write_bytes(b"")
    (package / "metadata.json").write_bytes(data)
    with contextlib.suppress(DigestError):
        read_package(package)


@FUZZ
@given(data=mutated("vi,en,kind\nHà Nội,Hanoi,place\n\"Seoul\",Seoul,place\n".encode()))
def test_fuzz_glossary(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("g") / "g.csv"
    path.write_bytes(data)
    with contextlib.suppress(DigestError):
        check_file(path)


@FUZZ
@given(row=st.tuples(st.one_of(st.text(max_size=20), st.binary(max_size=20), st.integers(-2**63, 2**63 - 1)),
                     st.one_of(mutated(b'["Hanoi"]'), st.text(max_size=50), st.integers(-2**63, 2**63 - 1),
                                   st.floats(allow_nan=False))))  # SQLite stores NaN as NULL: no row
def test_fuzz_cache_rows(tmp_path_factory, row):
    db = tmp_path_factory.mktemp("c") / "t.sqlite3"
    cache = TranslationCache.open("m", "g", db)
    assert cache is not None
    en, terms = row
    with sqlite3.connect(db) as raw:
        raw.execute("INSERT INTO translations VALUES ('m', 'g', 'câu', ?, ?, '[]')", (en, terms))
    found = cache.get_many(["câu"])
    assert all(isinstance(t.en, str) and all(isinstance(x, str) for x in t.terms) for t in found.values())
    cache.close()


@FUZZ
@given(data=mutated(b"SQLite format 3\x00" + b"\x00" * 200))
def test_fuzz_cache_file(tmp_path_factory, data):
    db = tmp_path_factory.mktemp("f") / "t.sqlite3"
    db.write_bytes(data)
    cache = TranslationCache.open("m", "g", db)
    if cache is not None:
        cache.get_many(["câu"])
        cache.close()
