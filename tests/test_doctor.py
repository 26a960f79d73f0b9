"""`digest doctor`: one table saying what is ready and what to run to fix the rest;
exit 0 only when everything the given --lang needs is ready (3 model, 2 glossary,
1 cache or output)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TEST_MODEL, run_digest

CHECK_NAMES = ("config", "model", "glossary", "cache", "output", "delivery")


def doctor(*args, env=None) -> tuple[int, dict[str, str]]:
    """Exit status and {check name: its table row}."""
    completed = run_digest("doctor", *args, env=env)
    assert completed.stderr == b"", completed.stderr
    lines = completed.stdout.decode("utf-8").splitlines()
    assert lines[0].split()[:2] == ["CHECK", "STATUS"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert all(name in CHECK_NAMES for name in rows) and len(rows) == len(lines) - 1
    return completed.returncode, rows


def status_of(row: str) -> str:
    return row.split()[1]


@pytest.fixture
def installed_model():
    """The test model installed into this test's own package directory."""
    completed = run_digest("model", "install", "--from", TEST_MODEL)
    assert completed.returncode == 0, completed.stderr


@pytest.fixture
def bad_glossary(tmp_path) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_text("vi,en,kind\nHàn Quốc,South Korea,place\nHàn Quốc,Korea,place\n", "utf-8")
    return path


# --- the model ----------------------------------------------------------------------------------


def test_vietnamese_needs_no_model():
    status, rows = doctor("--lang", "vi")
    assert status == 0
    assert "missing (not needed)" in rows["model"]
    assert status_of(rows["cache"]) == "ok"


def test_english_without_a_model_exits_3_and_says_how_to_install_one():
    status, rows = doctor("--lang", "en")
    assert status == 3
    assert status_of(rows["model"]) == "missing"
    assert "digest model install" in rows["model"]


def test_a_missing_model_path_is_missing():
    status, rows = doctor("--model", "/nonexistent/model.argosmodel")
    assert status == 3 and status_of(rows["model"]) == "missing" and "/nonexistent/model.argosmodel" in rows["model"]


def test_a_broken_model_file_is_a_problem(tmp_path):
    broken = tmp_path / "broken.argosmodel"
    broken.write_bytes(b"not a zip")
    status, rows = doctor("--model", broken)
    assert status == 3
    assert status_of(rows["model"]) == "problem" and "digest model install" in rows["model"]


def test_english_with_the_model_given_is_ready_and_shows_its_hash():
    status, rows = doctor("--lang", "en", "--model", TEST_MODEL)
    assert status == 0, rows
    assert status_of(rows["model"]) == "ok"
    assert "vi_en_test" in rows["model"] and "sha256" in rows["model"] and "loads and translates" in rows["model"]


def test_installed_model_is_found_and_its_hash_matches(installed_model):
    from digest.translate import models

    status, rows = doctor("--lang", "both")
    assert status == 0, rows
    expected = models.model_hash(models.find_package())
    assert expected[:16] in rows["model"]


# --- the glossary -------------------------------------------------------------------------------


def test_glossary_problem_blocks_english_with_exit_2_and_names_the_line(installed_model, bad_glossary):
    status, rows = doctor("--lang", "en", "--glossary", bad_glossary)
    assert status == 2
    assert status_of(rows["glossary"]) == "problem"
    assert f"{bad_glossary}:3" in rows["glossary"] and "digest glossary check" in rows["glossary"]


def test_glossary_problem_does_not_block_vietnamese(bad_glossary):
    status, rows = doctor("--lang", "vi", "--glossary", bad_glossary)
    assert status == 0
    assert "problem (not needed)" in rows["glossary"]


def test_model_is_reported_before_the_glossary(bad_glossary):
    status, _ = doctor("--lang", "en", "--glossary", bad_glossary)
    assert status == 3


def test_a_missing_glossary_file_is_missing(installed_model, tmp_path):
    status, rows = doctor("--glossary", tmp_path / "none.csv")
    assert status == 2 and status_of(rows["glossary"]) == "missing"


def test_the_projects_glossary_is_found_and_counted():
    _, rows = doctor("--lang", "vi")
    assert status_of(rows["glossary"]) == "ok" and "entries" in rows["glossary"]


# --- cache and output directories -----------------------------------------------------------------


def test_an_unwritable_cache_blocks_english_with_exit_1(installed_model, tmp_path):
    a_file = tmp_path / "file"
    a_file.write_text("x")
    # the model is already installed, so only the cache is wrong
    status, rows = doctor("--lang", "en", env={"DIGEST_CACHE_DIR": str(a_file / "cache")})
    assert status == 1
    assert status_of(rows["cache"]) == "problem" and "DIGEST_CACHE_DIR" in rows["cache"]


def test_output_dir_that_does_not_exist_yet_is_ready_and_is_not_created(tmp_path):
    out = tmp_path / "briefings" / "daily"
    status, rows = doctor("--lang", "vi", "--out", out)
    assert status == 0 and status_of(rows["output"]) == "ok" and "will be created" in rows["output"]
    assert not out.exists()


def test_output_that_is_a_file_exits_1(tmp_path):
    a_file = tmp_path / "briefings.md"
    a_file.write_text("notes")
    status, rows = doctor("--lang", "vi", "--out", a_file)
    assert status == 1
    assert status_of(rows["output"]) == "problem" and "--out" in rows["output"]
    assert a_file.read_text() == "notes"


def test_output_row_only_with_out():
    _, rows = doctor("--lang", "vi")
    assert "output" not in rows
