"""The installed `digest` under cron's bare environment (`env -i HOME=… PATH=… LANG=C`):
UTF-8 Vietnamese and English on stdout whatever the locale, nothing on stderr for a
clean run, and a progress bar only when stderr is a terminal."""
from __future__ import annotations

import json
import os
import pty
import subprocess
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS, TEST_MODEL, installed_digest


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """What cron gives a job: HOME, a minimal PATH and the C locale; nothing else."""
    env = {"HOME": str(home), "PATH": f"{installed_digest().parent}:/usr/bin:/bin", "LANG": "C"}
    env.update(extra)
    return env


def run_like_cron(home: Path, *args, stdin=subprocess.DEVNULL, **extra_env) -> subprocess.CompletedProcess:
    command = ["env", "-i", *(f"{k}={v}" for k, v in bare_env(home, **extra_env).items()), "digest", *map(str, args)]
    return subprocess.run(command, cwd=ROOT, stdin=stdin, capture_output=True, timeout=300)


def seed_titles() -> list[str]:
    titles = []
    for seed in sorted(SEEDS.glob("*.txt")):
        first_line = seed.read_text("utf-8").lstrip("\ufeff").splitlines()[0]
        titles.append(unicodedata.normalize("NFC", first_line.strip()))
    return titles


@pytest.fixture
def home(tmp_path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


def test_vietnamese_briefing_under_cron_is_utf8_and_stderr_is_empty(home):
    completed = run_like_cron(home, SEEDS, "--lang", "vi")
    assert completed.returncode == 0
    assert completed.stderr == b""
    text = completed.stdout.decode("utf-8")  # raises if the C locale garbled anything
    assert text.startswith("# Bản tin / News digest — ")
    found = [title for title in seed_titles() if title in text]
    assert len(found) >= 4, found  # one seed's first line is not its title after cleaning
    assert "Nhật Bản" in text and "Hàn Quốc" in text


def test_english_briefing_under_cron_is_utf8_and_stderr_is_empty(home):
    completed = run_like_cron(home, SEEDS, "--lang", "both", "--model", TEST_MODEL)
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    assert completed.stderr == b""
    text = completed.stdout.decode("utf-8")
    assert "Hàn Quốc" in text  # the Vietnamese, with its diacritics
    assert "South Korea" in text and "Japan" in text  # the glossary's English
    assert "**Model:** vi_en_test" in text
    # the model and cache went under HOME, as they would for a real crontab
    assert any(home.rglob("translations.sqlite3"))


def test_english_json_under_cron_has_english_titles(home):
    completed = run_like_cron(home, SEEDS, "--lang", "en", "--model", TEST_MODEL, "--format", "json")
    assert completed.returncode == 0 and completed.stderr == b""
    articles = json.loads(completed.stdout.decode("utf-8"))["articles"]
    assert all(a["title_en"] and a["title_en"] != a["title"] for a in articles)


def test_out_dir_under_cron_is_silent_on_first_run_and_rerun(home, tmp_path):
    out = tmp_path / "briefings"
    for _ in range(2):
        completed = run_like_cron(home, SEEDS, "--lang", "vi", "--out", out)
        assert (completed.returncode, completed.stdout, completed.stderr) == (0, b"", b"")
    assert len(list(out.glob("*.vi.md"))) == 5


@pytest.mark.parametrize("locale_env", [
    {"LC_ALL": "vi_VN.TCVN"},  # a non-UTF-8 locale (not even installed)
    {"LANG": "en_US.ISO-8859-1"},
    {"PYTHONIOENCODING": "latin-1"},  # a stdout that really is not UTF-8
])
def test_non_utf8_locale_still_gives_utf8_out(home, locale_env):
    completed = run_like_cron(home, SEEDS, "--lang", "vi", "--format", "text", **locale_env)
    assert completed.returncode == 0 and completed.stderr == b""
    assert "Hàn Quốc" in completed.stdout.decode("utf-8")


def test_an_error_under_an_ascii_locale_is_one_line_not_a_traceback(home):
    completed = run_like_cron(home, SEEDS / "tin-tức.txt", SEEDS, "--lang", "vi", PYTHONIOENCODING="ascii")
    assert completed.returncode == 1
    lines = completed.stderr.decode("ascii").splitlines()
    assert len(lines) == 1 and "no such file" in lines[0]
    assert "Hàn Quốc" in completed.stdout.decode("utf-8")


# --- progress only on a terminal ----------------------------------------------------------


def run_with_terminal_stderr(*args) -> tuple[int, bytes, str]:
    """Run digest with stderr on a pseudo-terminal; return (status, stdout, what the terminal showed)."""
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen([str(installed_digest()), *map(str, args)], cwd=ROOT, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=terminal, env={**os.environ, "COLUMNS": "100"})
        os.close(terminal)
        stdout = process.stdout.read()
        shown = _read_all(controller)
        return process.wait(timeout=120), stdout, shown.decode("utf-8", "replace")
    finally:
        os.close(controller)


def _read_all(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def test_progress_bar_shows_when_stderr_is_a_terminal():
    status, stdout, shown = run_with_terminal_stderr(SEEDS, "--lang", "vi")
    assert status == 0 and "Bản tin" in stdout.decode("utf-8")
    assert "Reading articles" in shown


def test_quiet_keeps_a_terminal_free_of_progress():
    status, stdout, shown = run_with_terminal_stderr(SEEDS, "--lang", "vi", "--quiet")
    assert status == 0 and stdout
    assert shown == ""


def test_translation_shows_progress_per_batch_on_a_terminal():
    from tests.conftest import TEST_MODEL

    status, stdout, shown = run_with_terminal_stderr(SEEDS, "--lang", "en", "--model", TEST_MODEL, "--no-cache")
    assert status == 0 and stdout
    assert "Translating:" in shown and "sentences through the model" in shown
