"""--out DIR: a re-run rewrites only what changed, --force rewrites all, and when the
directory can't be written (a file, no permission, a full disk) or another run holds it
(exit 75), the run says so in one line and every digest already there stays whole.

Everything here is real: real `digest` processes, real files, a real full tmpfs where
the machine allows mounting one, and a real file-size limit (RLIMIT_FSIZE) otherwise.
"""
from __future__ import annotations

import os
import pty
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, installed_digest, run_digest

RUN_DATE = "2026-11-23"
EXIT_LOCKED = 75
digest = run_digest


def write_briefings(out: Path, *extra, inputs=SEEDS, **popen) -> subprocess.CompletedProcess:
    return digest(inputs, "--lang", "vi", "--out", out, "--run-date", RUN_DATE, *extra, **popen)


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every digest file (not the manifest or lock) with its bytes and mtime."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(out.iterdir()) if not p.name.startswith(".")}


def leftovers(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def error_lines(completed: subprocess.CompletedProcess) -> list[str]:
    return completed.stderr.decode("utf-8").splitlines()


def age_files(out: Path, seconds: int = 3600) -> None:
    """Move mtimes into the past so any rewrite shows, whatever the clock resolution."""
    past = time.time() - seconds
    for path in out.iterdir():
        os.utime(path, (past, past))


@pytest.fixture
def briefings(tmp_path) -> Path:
    """An --out directory already holding the seeds' digests."""
    out = tmp_path / "briefings"
    first = write_briefings(out)
    assert first.returncode == 0, first.stderr
    assert len(snapshot(out)) == 5
    age_files(out)
    return out


@pytest.fixture
def inputs(tmp_path) -> Path:
    copy = tmp_path / "news"
    shutil.copytree(SEEDS, copy)
    return copy


# --- re-runs --------------------------------------------------------------------------------


def test_rerun_changes_nothing_not_even_mtimes(briefings):
    before = snapshot(briefings)
    manifest_mtime = (briefings / ".digest-manifest.json").stat().st_mtime_ns
    again = write_briefings(briefings)
    assert (again.returncode, again.stdout, again.stderr) == (0, b"", b"")
    assert snapshot(briefings) == before
    assert (briefings / ".digest-manifest.json").stat().st_mtime_ns == manifest_mtime


def test_rerun_on_a_terminal_says_how_many_were_unchanged(briefings):
    shown = stderr_on_a_terminal(installed_digest(), SEEDS, "--lang", "vi", "--out", briefings, "--run-date", RUN_DATE)
    assert "0 written, 5 unchanged" in shown


def test_force_rewrites_every_file(briefings):
    before = snapshot(briefings)
    forced = write_briefings(briefings, "--force")
    assert forced.returncode == 0
    after = snapshot(briefings)
    assert after.keys() == before.keys()
    assert all(after[name][0] == before[name][0] for name in before)  # same content
    assert all(after[name][1] > before[name][1] for name in before)  # but written again


def test_only_the_changed_article_is_rewritten(tmp_path, inputs):
    out = tmp_path / "out"
    assert write_briefings(out, inputs=inputs).returncode == 0
    age_files(out)
    before = snapshot(out)
    seed = inputs / "004_dc4666a68fd474ea.txt"
    seed.write_text(seed.read_text("utf-8").replace("Hoàng Nam", "Hoàng Bắc"), "utf-8")

    assert write_briefings(out, inputs=inputs).returncode == 0
    after = snapshot(out)
    changed = sorted(name for name in after if after[name] != before[name])
    assert changed == ["2020-11-13-nhat-ban-va-han-quoc-dam-phan-han-gan-quan-he.vi.md"]
    assert "Hoàng Bắc" in (out / changed[0]).read_text("utf-8")


# --- an --out that can't be written -----------------------------------------------------------


def test_out_that_is_a_file_is_one_line_and_exit_1(tmp_path):
    not_a_dir = tmp_path / "briefings.md"
    not_a_dir.write_text("my notes", "utf-8")
    completed = write_briefings(not_a_dir)
    assert completed.returncode == 1
    lines = error_lines(completed)
    assert len(lines) == 1 and str(not_a_dir) in lines[0] and "directory" in lines[0]
    assert not_a_dir.read_text("utf-8") == "my notes"


def test_out_under_a_file_is_one_line_and_exit_1(tmp_path):
    a_file = tmp_path / "file"
    a_file.write_text("x")
    completed = write_briefings(a_file / "briefings")
    assert completed.returncode == 1 and len(error_lines(completed)) == 1
    assert "Traceback" not in completed.stderr.decode()


@pytest.fixture
def read_only(briefings):
    """The briefings directory made unwritable for real. Root ignores permission bits,
    so as root the directory is made immutable (chattr +i) or bind-mounted read-only."""
    undo = _make_unwritable(briefings)
    if undo is None:
        pytest.skip("cannot make a directory unwritable here (root without chattr or mount)")
    try:
        yield briefings
    finally:
        undo()


def _make_unwritable(path: Path):
    if os.geteuid() != 0:
        path.chmod(0o500)
        return lambda: path.chmod(0o755)
    if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0:
        return lambda: subprocess.run(["chattr", "-i", str(path)], check=True)
    mounted = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True).returncode == 0
    if mounted and subprocess.run(["mount", "-o", "remount,ro,bind", str(path)], capture_output=True).returncode == 0:
        return lambda: subprocess.run(["umount", str(path)], check=True)
    if mounted:
        subprocess.run(["umount", str(path)])
    return None


def test_unwritable_out_is_one_line_and_existing_digests_stay(read_only):
    before = snapshot(read_only)
    completed = write_briefings(read_only, "--force")
    assert completed.returncode == 1
    lines = error_lines(completed)
    assert len(lines) == 1 and str(read_only) in lines[0]
    assert snapshot(read_only) == before
    assert leftovers(read_only) == []


@pytest.fixture
def full_disk(tmp_path):
    """A 256 KiB tmpfs holding the seeds' digests, then filled to the last byte."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount_point)],
                      capture_output=True).returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        out = mount_point / "briefings"
        assert write_briefings(out).returncode == 0
        age_files(out)
        _fill(mount_point / "filler")
        yield out
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)


def _fill(path: Path) -> None:
    with open(path, "wb", buffering=0) as filler:
        for size in (65536, 4096, 1):
            try:
                while True:
                    filler.write(b"\0" * size)
            except OSError:
                continue


def test_full_disk_is_one_line_and_existing_digests_stay(full_disk):
    before = snapshot(full_disk)
    completed = write_briefings(full_disk, "--force")
    assert completed.returncode == 1
    lines = error_lines(completed)
    assert len(lines) == 1 and "No space left on device" in lines[0]
    assert snapshot(full_disk) == before
    assert leftovers(full_disk) == []


def test_a_failing_write_is_one_line_and_existing_digests_stay(briefings):
    """The same failure without root: the kernel refuses writes past RLIMIT_FSIZE (EFBIG)."""

    def limit_file_size():
        resource.setrlimit(resource.RLIMIT_FSIZE, (400, 400))  # every digest is longer than this

    before = snapshot(briefings)
    completed = write_briefings(briefings, "--force", preexec_fn=limit_file_size)
    assert completed.returncode == 1
    lines = error_lines(completed)
    assert len(lines) == 1 and "cannot write" in lines[0] and "untouched" in lines[0]
    assert snapshot(briefings) == before
    assert leftovers(briefings) == []


# --- two runs, one directory ------------------------------------------------------------------

HOLD_LOCK = """
import sys
from pathlib import Path
from digest.output import DirectoryLock
with DirectoryLock(Path(sys.argv[1])):
    print("locked", flush=True)
    sys.stdin.read()  # hold the lock until the test closes our stdin
"""


class LockHolder:
    """Another real process holding digest's lock on a directory."""

    def __init__(self, out: Path):
        out.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.process.stdout.readline() == b"locked\n"

    def release(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            assert self.process.wait(timeout=30) == 0


@pytest.fixture
def lock_holder(tmp_path):
    holder = LockHolder(tmp_path / "briefings")
    try:
        yield holder
    finally:
        holder.release()


def test_second_run_exits_75_with_one_line_naming_the_directory(tmp_path, lock_holder):
    out = tmp_path / "briefings"
    completed = write_briefings(out)
    assert completed.returncode == EXIT_LOCKED
    lines = error_lines(completed)
    assert len(lines) == 1 and str(out) in lines[0] and "another digest run" in lines[0]
    assert snapshot(out) == {} and leftovers(out) == []


def test_second_run_with_wait_goes_through_once_the_first_releases(tmp_path, lock_holder):
    out = tmp_path / "briefings"
    started = time.monotonic()
    waiting = subprocess.Popen([installed_digest(), str(SEEDS), "--lang", "vi", "--out", str(out), "--wait", "10"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.5)
    assert waiting.poll() is None  # still waiting for the lock
    lock_holder.release()
    _, stderr = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, stderr
    assert stderr == b""
    assert time.monotonic() - started >= 1.5
    assert len(snapshot(out)) == 5


def test_wait_gives_up_after_the_given_seconds(tmp_path, lock_holder):
    started = time.monotonic()
    completed = write_briefings(tmp_path / "briefings", "--wait", "1")
    assert completed.returncode == EXIT_LOCKED
    assert 1 <= time.monotonic() - started < 30


def test_two_real_runs_at_once_leave_every_file_whole(tmp_path):
    # Many inputs so that the runs overlap; the second waits for the first.
    news = tmp_path / "news"
    news.mkdir()
    for copy in range(40):
        for seed in SEEDS.glob("*.txt"):
            text = f"Bản {copy}: " + seed.read_text("utf-8")  # a title of its own: a file of its own
            (news / f"{copy:02d}-{seed.name}").write_text(text, "utf-8")
    out = tmp_path / "briefings"
    command = [installed_digest(), str(news), "--lang", "vi", "--out", str(out), "--run-date", RUN_DATE, "--wait", "120"]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    files = snapshot(out)
    assert len(files) == 200 and leftovers(out) == []
    reference = write_briefings(tmp_path / "reference", inputs=news)
    assert reference.returncode == 0
    assert {n: c for n, (c, _) in files.items()} == {n: c for n, (c, _) in snapshot(tmp_path / "reference").items()}


# --- stdout that can't be written ---------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stdout_is_one_line_and_exit_1():
    with open("/dev/full", "wb") as full:
        completed = subprocess.run([installed_digest(), str(SEEDS), "--lang", "vi"], cwd=ROOT, stdout=full,
                                   stderr=subprocess.PIPE, timeout=300)
    assert completed.returncode == 1
    assert error_lines(completed) == ["digest: cannot write the briefing to standard output (No space left on device)"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--help"], ["run", "--help"], ["model", "list"], ["doctor", "--lang", "vi"]])
def test_other_commands_on_a_full_stdout_are_one_line_and_exit_1(args):
    with open("/dev/full", "wb") as full:
        completed = subprocess.run([installed_digest(), *args], cwd=ROOT, stdout=full, stderr=subprocess.PIPE, timeout=300)
    assert completed.returncode == 1
    assert error_lines(completed) == ["digest: cannot write output: No space left on device"]


def test_a_closed_stdout_is_one_line_and_exit_1():
    completed = subprocess.run([installed_digest(), str(SEEDS), "--lang", "vi"], cwd=ROOT, stderr=subprocess.PIPE,
                               preexec_fn=lambda: os.close(1), timeout=300)
    assert completed.returncode == 1
    assert error_lines(completed) == ["digest: cannot write the briefing: standard output is closed"]


# --- Ctrl-C and killed runs ---------------------------------------------------------------------


def many_inputs(tmp_path, copies: int) -> Path:
    news = tmp_path / "news"
    news.mkdir()
    for copy in range(copies):
        for seed in SEEDS.glob("*.txt"):
            (news / f"{copy:03d}-{seed.name}").write_text(f"Bản {copy}: " + seed.read_text("utf-8"), "utf-8")
    return news


@pytest.mark.parametrize("after_files", [1, 100])
def test_ctrl_c_is_one_line_exit_130_and_leaves_only_whole_files(tmp_path, after_files):
    news = many_inputs(tmp_path, 80)  # 400 articles: seconds of work
    out = tmp_path / "briefings"
    reference = write_briefings(tmp_path / "reference", inputs=news)
    assert reference.returncode == 0
    expected = {n: c for n, (c, _) in snapshot(tmp_path / "reference").items()}
    process = subprocess.Popen([installed_digest(), str(news), "--lang", "vi", "--out", str(out), "--run-date", RUN_DATE],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if out.is_dir() and sum(1 for p in out.iterdir() if not p.name.startswith(".")) >= after_files:
            break
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert stdout == b""
    assert stderr.decode("utf-8").splitlines() == ["digest: interrupted; files already written are complete"]
    assert leftovers(out) == []
    files = snapshot(out)
    assert 0 < len(files) < len(expected)
    assert all(content == expected[name] for name, (content, _) in files.items())
    again = write_briefings(out, inputs=news)
    assert again.returncode == 0 and again.stderr == b""
    assert {n: c for n, (c, _) in snapshot(out).items()} == expected


def test_temporary_files_left_by_a_killed_run_are_removed_by_the_next(briefings):
    stale = [briefings / ".2026-11-23-bai.vi.md.0a1b2c3d.tmp", briefings / ".2026-11-23-bai.vi.md.k2_x9qzw.tmp"]
    for path in stale:
        path.write_bytes(b"half a dig")
    mine = [briefings / "notes.tmp", briefings / ".notes.tmp"]  # not digest's: kept
    for path in mine:
        path.write_bytes(b"keep")
    completed = write_briefings(briefings)
    assert completed.returncode == 0, completed.stderr
    assert not any(path.exists() for path in stale)
    assert all(path.read_bytes() == b"keep" for path in mine)


# --- helpers ------------------------------------------------------------------------------------


def stderr_on_a_terminal(*command) -> str:
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen([str(c) for c in command], cwd=ROOT, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=terminal)
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the process closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 0
        return b"".join(chunks).decode("utf-8", "replace")
    finally:
        os.close(controller)
