"""The seen store (state.sqlite3 in the data dir) against a hostile or unlucky world:
a damaged file, a locked one, one that can't be written, overlapping `--new` runs, and
a sendmail that leaves a child behind. None of them is an internal error (exit 70), a
traceback, or a mail sent twice."""
from __future__ import annotations

import contextlib
import os
import resource
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from digest import store
from digest.config import SENDMAIL_ENV
from digest.deliver import sendmail as _sendmail
from digest.errors import EXIT_LOCKED, OutputError
from tests.conftest import SEEDS, installed_digest, run_digest
from tests.live_server import ITEMS, rss, serve

MAIL = ("--sendmail", "--to", "me@example.org")


def _store() -> Path:
    return Path(os.environ["DIGEST_DATA_DIR"]) / store.DB_NAME


def _news(tmp_path: Path) -> Path:
    """Five articles as files: a --new run needs no server."""
    news = tmp_path / "news"
    shutil.copytree(SEEDS, news)
    return news


def _sendmail_script(tmp_path: Path, body: str) -> dict[str, str]:
    script = tmp_path / "sendmail"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return {SENDMAIL_ENV: str(script)}


def _mailer(tmp_path: Path, pause: float = 0.0) -> dict[str, str]:
    """A sendmail that keeps each message in mails/ and takes `pause` seconds."""
    (tmp_path / "mails").mkdir(exist_ok=True)
    return _sendmail_script(tmp_path, f'cat > "{tmp_path}/mails/mail.$$"\nsleep {pause}\nexit 0')


def _mails(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "mails").glob("mail.*"))


def _lines(done: subprocess.CompletedProcess[bytes]) -> list[str]:
    return done.stderr.decode("utf-8", "replace").splitlines()


def _sqlite(path: Path, *statements: str) -> None:
    db = sqlite3.connect(path)
    with db:
        for statement in statements:
            db.execute(statement)
    db.close()


def _malformed(path: Path) -> None:
    """A real SQLite file (the right header) with a page of garbage in its middle."""
    _sqlite(path, "CREATE TABLE seen (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, first_briefed TEXT NOT NULL,"
                  " last_briefed TEXT NOT NULL)",
            *[f"INSERT INTO seen VALUES ('{n}', '{'x' * 900}', 'a', 'b')" for n in range(40)])
    data = path.read_bytes()
    path.write_bytes(data[:4096] + b"\xff" * 4096 + data[8192:])


DAMAGE = {
    "garbage": lambda p: p.write_bytes(b"this is not a database\n" * 50),
    "empty-header": lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84),
    "directory": lambda p: (p.mkdir(), (p / "inside").write_text("x")),
    "fifo": lambda p: os.mkfifo(p),
    "wrong-schema": lambda p: _sqlite(p, "CREATE TABLE seen (key TEXT, value TEXT)"),
    "no-primary-key": lambda p: _sqlite(p, "CREATE TABLE feeds (url TEXT, failures INTEGER NOT NULL,"
                                           " last_error TEXT, last_run TEXT NOT NULL)"),
    "a-view": lambda p: _sqlite(p, "CREATE VIEW seen AS SELECT 1 AS key, 2 AS fingerprint, 3 AS first_briefed,"
                                   " 4 AS last_briefed"),
    "malformed": _malformed,
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_store_is_moved_aside_with_one_line_and_a_fresh_one_started(tmp_path, kind):
    news = _news(tmp_path)
    path = _store()
    path.parent.mkdir(parents=True)
    DAMAGE[kind](path)
    first = run_digest(news, "--lang", "vi", "--format", "json", "--new", timeout=120)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip(), "the briefing is written all the same"
    [line] = _lines(first)
    assert line.startswith(f"digest: seen store {path} was damaged (") and "moved aside to state.sqlite3.damaged-" in line
    [aside] = path.parent.glob("state.sqlite3.damaged-*")
    assert path.is_file() and aside.name in line
    # the fresh store works: what this run briefed is not new to the next
    again = run_digest(news, "--lang", "vi", "--format", "json", "--new", timeout=120)
    assert (again.returncode, again.stdout, again.stderr) == (0, b"", b"")


@pytest.fixture
def site():
    yield from serve()


def test_a_damaged_store_met_through_feed_health_costs_one_line(site):
    """A run on URLs (no --new) records feed health in the same file."""
    path = _store()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage" * 100)
    site.page("/feed.xml", rss(ITEMS[:1], site.url("")), "application/rss+xml")
    done = run_digest(site.url("/feed.xml"), "--lang", "vi", "--format", "json", "--delay", "0",
                      env={"NO_PROXY": "*"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert ITEMS[0][0] in done.stdout.decode()
    [line] = _lines(done)
    assert "was damaged" in line and "moved aside" in line
    assert len(list(path.parent.glob("state.sqlite3.damaged-*"))) == 1


def test_a_data_dir_that_cannot_be_made_is_one_line_exit_1(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    done = run_digest(_news(tmp_path), "--lang", "vi", "--format", "json", "--new",
                      env={"DIGEST_DATA_DIR": str(blocker / "data")}, timeout=120)
    assert done.returncode == 1 and done.stdout == b""
    [line] = _lines(done)
    assert line.startswith(f"digest: seen store {blocker / 'data' / store.DB_NAME} can't be")
    assert "Not a directory" in line


def test_a_damaged_store_that_cannot_be_moved_aside_is_one_error_line(tmp_path, monkeypatch):
    path = tmp_path / store.DB_NAME
    path.write_bytes(b"garbage" * 100)

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store.os, "replace", refuse)
    with pytest.raises(store.StateError) as raised:
        store.State(path)
    assert raised.value.exit_code == 1
    assert raised.value.message == (f"seen store {path} is damaged (file is not a database) and can't be replaced "
                                    f"(Permission denied); move it away")


def test_a_store_locked_by_another_program_is_exit_75_naming_it(tmp_path):
    path = tmp_path / store.DB_NAME
    store.State(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(store.StateLockedError) as raised:
            store.State(path, timeout=0.2)
        assert raised.value.exit_code == EXIT_LOCKED == 75
        assert raised.value.message.startswith(f"seen store {path} is locked by another program")
    finally:
        holder.execute("ROLLBACK")
    state = store.State(path, timeout=0.2)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(store.StateLockedError):
            state.seen("key")  # locked later, mid-run: the same
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        state.close()


def _limit_file_size() -> None:
    # Past 4 KB no file can grow: SQLite's journal can't be written, as on a full disk.
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_store_that_cannot_be_written_stops_the_run_before_anything_is_mailed(tmp_path):
    news = _news(tmp_path)
    env = _mailer(tmp_path)
    store.State(_store()).close()  # an existing store, bigger than the limit
    full = run_digest(news, "--lang", "vi", "--new", *MAIL, env=env, preexec_fn=_limit_file_size, timeout=120)
    assert full.returncode == 1, full.stderr
    [line] = _lines(full)
    assert line.startswith(f"digest: seen store {_store()} can't be written (") and line.endswith(
        "; nothing was delivered")
    assert _mails(tmp_path) == []
    # room again: the next run mails it, once
    sent = run_digest(news, "--lang", "vi", "--new", *MAIL, env=env, timeout=120)
    assert (sent.returncode, sent.stderr) == (0, b"")
    assert len(_mails(tmp_path)) == 1


def test_a_store_that_fails_after_the_mail_is_sent_says_so_and_the_next_run_sends_again(tmp_path):
    news = _news(tmp_path)
    (tmp_path / "mails").mkdir()
    # This sendmail accepts the mail, then breaks the store: a directory where SQLite's
    # journal goes makes every later read or write of it fail (disk I/O error).
    journal = f"{_store()}-journal"
    breaking = _sendmail_script(tmp_path, f'cat > "{tmp_path}/mails/mail.$$"\nmkdir "{journal}"\nexit 0')
    done = run_digest(news, "--lang", "vi", "--new", *MAIL, env=breaking, timeout=120)
    assert done.returncode == 1 and done.stdout == b""
    [line] = _lines(done)
    assert line.startswith(f"digest: seen store {_store()} can't be written (")
    assert line.endswith("the briefing was delivered but not recorded, so the next --new run delivers its "
                         "5 articles again")
    assert len(_mails(tmp_path)) == 1
    os.rmdir(journal)
    again = run_digest(news, "--lang", "vi", "--new", *MAIL, env=_mailer(tmp_path), timeout=120)
    assert (again.returncode, again.stderr) == (0, b"")
    assert len(_mails(tmp_path)) == 2  # as the line said
    quiet = run_digest(news, "--lang", "vi", "--new", *MAIL, env=_mailer(tmp_path), timeout=120)
    assert (quiet.returncode, quiet.stderr) == (0, b"")
    assert len(_mails(tmp_path)) == 2


def _start(*args: object, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(installed_digest()), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, **env})


@pytest.mark.parametrize("wait", ["0", "120"])
def test_simultaneous_new_runs_mail_each_article_once(tmp_path, wait):
    news = _news(tmp_path)
    env = _mailer(tmp_path, pause=2)
    runs = [_start(news, "--lang", "vi", "--new", "--wait", wait, *MAIL, env=env) for _ in range(3)]
    results = []
    for process in runs:
        out, err = process.communicate(timeout=240)
        results.append((process.returncode, out, err.decode()))
    assert len(_mails(tmp_path)) == 1, results  # all five articles, in one mail
    for code, out, err in results:
        assert out == b""
        if code == EXIT_LOCKED:  # only without --wait: the line names the store and what to do
            assert wait == "0"
            assert err == (f"digest: seen store {_store()}: another digest --new run is using it; "
                           f"try again later or pass --wait SECONDS\n")
        else:
            assert (code, err) == (0, ""), results
    later = run_digest(news, "--lang", "vi", "--new", *MAIL, env=env, timeout=120)
    assert (later.returncode, later.stderr) == (0, b"") and len(_mails(tmp_path)) == 1


def test_wait_applies_to_the_seen_store_as_to_out(tmp_path):
    news = _news(tmp_path)
    with store.SeenLock(_store()):
        held = run_digest(news, "--lang", "vi", "--format", "json", "--new", timeout=120)
        assert held.returncode == 75 and held.stdout == b""
        assert _lines(held) == [f"digest: seen store {_store()}: another digest --new run is using it; "
                                "try again later or pass --wait SECONDS"]
        waiting = _start(news, "--lang", "vi", "--format", "json", "--new", "--wait", "120", env={})
        time.sleep(1)
        assert waiting.poll() is None
    out, err = waiting.communicate(timeout=240)
    assert (waiting.returncode, err) == (0, b"") and out.strip()
    # a run without --new takes no such lock
    with store.SeenLock(_store()):
        assert run_digest(news, "--lang", "vi", "--format", "json", timeout=120).returncode == 0


def test_a_sendmail_that_leaves_a_child_holding_its_output_is_done_when_it_exits(tmp_path):
    news = _news(tmp_path)
    (tmp_path / "mails").mkdir()
    pids = tmp_path / "pids"
    # The child inherits sendmail's stdout and stderr and outlives it by a minute.
    env = _sendmail_script(tmp_path, f'cat > "{tmp_path}/mails/mail.$$"\nsleep 60 &\necho $! >> "{pids}"\nexit 0')
    try:
        started = time.monotonic()
        sent = run_digest(news, "--lang", "vi", "--new", *MAIL, env=env, timeout=120)
        assert (sent.returncode, sent.stderr) == (0, b"")
        assert time.monotonic() - started < 50  # not the child's 60 s, nor a 300 s time-out
        assert len(_mails(tmp_path)) == 1
        # marked: the next run has nothing new and mails nothing (and the child holds no lock)
        again = run_digest(news, "--lang", "vi", "--new", *MAIL, env=env, timeout=120)
        assert (again.returncode, again.stdout, again.stderr) == (0, b"", b"")
        assert len(_mails(tmp_path)) == 1
    finally:
        for pid in pids.read_text().split() if pids.exists() else []:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), 9)


def test_a_sendmail_that_hangs_is_stopped_at_the_time_out(tmp_path, monkeypatch):
    env = _sendmail_script(tmp_path, "exec sleep 60")  # reads nothing, never exits
    monkeypatch.setenv(SENDMAIL_ENV, env[SENDMAIL_ENV])
    started = time.monotonic()
    with pytest.raises(OutputError) as raised:
        _sendmail("x" * 1_000_000, timeout=1)  # more than a pipe holds: the writing is timed too
    assert time.monotonic() - started < 30
    assert raised.value.message == f"cannot mail the briefing: {env[SENDMAIL_ENV]} did not finish within 1 s"


def test_a_failing_sendmail_gives_its_last_stderr_line(tmp_path, monkeypatch):
    env = _sendmail_script(tmp_path, "cat > /dev/null\necho 'first' >&2\necho 'no route to host' >&2\nexit 75")
    monkeypatch.setenv(SENDMAIL_ENV, env[SENDMAIL_ENV])
    with pytest.raises(OutputError) as raised:
        _sendmail("Subject: x\n\nbody\n")
    assert raised.value.message == "cannot mail the briefing: sendmail exited 75: no route to host"


def test_a_sendmail_that_reads_nothing_but_exits_0_has_sent(tmp_path, monkeypatch):
    env = _sendmail_script(tmp_path, "exit 0")
    monkeypatch.setenv(SENDMAIL_ENV, env[SENDMAIL_ENV])
    _sendmail("x" * 1_000_000)  # its closed stdin is no error of ours
