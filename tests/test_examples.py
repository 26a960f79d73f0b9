"""examples/ holds what the tool really writes for the seeds, and is kept current.

The check (tools/make_examples.py --check) must hold on every CPU: the test model's English
changes with the CPU's arithmetic, what digest decides around it must not. The tests below
run it on a copy of the repository where one thing was changed: the model's English (as on
another CPU: it must pass), the renderer's layout or the glossary (it must fail).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, TEST_MODEL, run_digest

RECORD = Path("tests/fixtures/examples-english.json")


def make_examples(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "tools/make_examples.py", *args], cwd=root, capture_output=True,
                          text=True, timeout=300, env=env)


def repo_copy(tmp_path: Path) -> Path:
    """What tools/make_examples.py reads, copied: `python -m digest` run there imports the copy's code."""
    copy = tmp_path / "repo"
    for name in ("digest", "tools", "seeds", "examples"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("glossary.csv", str(TEST_MODEL.relative_to(ROOT)), str(RECORD)):
        (copy / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, copy / name)
    return copy


def other_machines_english(english: str) -> str:
    """English another CPU's arithmetic could give: the same words, another order."""
    words = english.split()
    return " ".join(words[1:] + words[:1]) + " again" if words else "again"


def test_examples_are_what_the_tool_writes_now():
    result = make_examples(ROOT, "--check")
    assert result.returncode == 0, result.stderr
    assert "examples/ is current" in result.stdout


def test_the_check_holds_for_english_made_on_another_cpu(tmp_path):
    copy = repo_copy(tmp_path)
    record = json.loads((copy / RECORD).read_text(encoding="utf-8"))
    for row in record["sentences"]:
        row["en"] = other_machines_english(row["en"])
    (copy / RECORD).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    rewritten = make_examples(copy)  # keeps the recorded English: the examples as another CPU wrote them
    assert rewritten.returncode == 0, rewritten.stderr
    english = (copy / "examples/briefing.en.md").read_text(encoding="utf-8")
    assert english != (ROOT / "examples/briefing.en.md").read_text(encoding="utf-8")
    assert " again" in english
    assert (copy / "examples/briefing.vi.md").read_bytes() == (ROOT / "examples/briefing.vi.md").read_bytes()

    result = make_examples(copy, "--check")
    assert result.returncode == 0, result.stderr
    sentences = len(record["sentences"])
    assert f"other English for {sentences})" in result.stdout  # this machine's English differs in every one


def test_the_check_holds_under_another_compute_type():
    """float32 arithmetic instead of int8: another path through the same model."""
    result = make_examples(ROOT, "--check", env={**os.environ, "DIGEST_COMPUTE_TYPE": "float32"})
    assert result.returncode == 0, result.stderr


def test_the_check_fails_when_the_english_layout_changes(tmp_path):
    copy = repo_copy(tmp_path)
    common = copy / "digest/render/common.py"
    source = common.read_text(encoding="utf-8")
    changed = source.replace('"Model", "Glossary terms"', '"Model", "Names kept"')
    assert changed != source
    common.write_text(changed, encoding="utf-8")
    result = make_examples(copy, "--check")
    assert result.returncode == 1
    assert re.search(r"^briefing\.en\.md differs", result.stderr, re.M)
    assert "+- **Names kept:**" in result.stderr
    assert "briefing.vi.md" not in result.stderr  # the Vietnamese labels did not change


def test_the_check_fails_when_the_glossary_finds_other_terms(tmp_path):
    copy = repo_copy(tmp_path)
    glossary = copy / "glossary.csv"
    rows = glossary.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [row for row in rows if not row.startswith("Seoul,")]
    assert len(kept) == len(rows) - 1
    glossary.write_text("".join(kept), encoding="utf-8")
    result = make_examples(copy, "--check")
    assert result.returncode == 1
    assert "glossary terms found now" in result.stderr
    assert "'Seoul'" in result.stderr


def test_an_unknown_compute_type_is_one_line_and_exit_3():
    result = run_digest("seeds/", "--lang", "en", "--model", TEST_MODEL, env={"DIGEST_COMPUTE_TYPE": "int3"})
    assert result.returncode == 3
    lines = result.stderr.decode().splitlines()
    assert lines == [line for line in lines if "DIGEST_COMPUTE_TYPE" in line] and len(lines) == 1, lines
    assert result.stdout == b""
