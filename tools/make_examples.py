"""Regenerate examples/: the digests of the seeds, exactly as the tool writes them.

    python tools/make_examples.py                 # rewrite examples/, keeping the recorded English
    python tools/make_examples.py --new-english   # ... with this machine's English for every sentence
    python tools/make_examples.py --check         # exit 1 if examples/ is stale (the tests run this)

The run date is fixed so undated seeds get stable file names. English examples use the
small test model in tests/fixtures (its translations are poor by design: it exists to
exercise the real code path, not to translate well).

The test model's English depends on the CPU's arithmetic (which int8 kernels run), so
--check compares what digest decides, on every CPU:
- the Vietnamese examples, byte for byte;
- the English ones in two steps. A run with the real model says which sentences are
  translated and which glossary terms each holds: both must be as recorded when the
  examples were made (tests/fixtures/examples-english.json). Then the English examples are
  written again with that recorded English served from the translation cache (no model
  arithmetic) and must equal examples/ byte for byte: layout, headings, file names, the
  Vietnamese lines and where each English sentence, flag and repair stands. The English
  words themselves, and the flags and repairs computed from them, are the only thing a
  CPU may change.
Rewriting keeps the recorded English of every sentence still translated with the same
glossary terms, so a change of layout rewritten on another CPU changes only the layout.
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_DATE = "2026-11-23"
TEST_MODEL = ROOT / "tests" / "fixtures" / "translate-vi_en-test.argosmodel"
RECORD = ROOT / "tests" / "fixtures" / "examples-english.json"
CACHE_DB = "translations.sqlite3"  # digest.translate.cache.DB_NAME

# (output path under examples/, digest arguments); a path ending in "/" is an --out directory.
EXAMPLES = [
    ("vi/", ["--lang", "vi"]),
    ("briefing.vi.md", ["--lang", "vi"]),
    ("briefing.vi.txt", ["--lang", "vi", "--format", "text"]),
    ("briefing.vi.json", ["--lang", "vi", "--format", "json", "--explain"]),
    ("briefing.vi.html", ["--lang", "vi", "--format", "html"]),
]
ENGLISH_EXAMPLES = [
    ("en/", ["--lang", "en"]),
    ("briefing.en.md", ["--lang", "en"]),
    ("briefing.both.md", ["--lang", "both"]),
]


def generate(target: Path, examples: list[tuple[str, list[str]]], cache: Path) -> None:
    """Write each example under `target`, the translation cache in `cache` (shared by all)."""
    env = {**os.environ, "DIGEST_CACHE_DIR": str(cache)}
    for name, args in examples:
        command = [sys.executable, "-m", "digest", "seeds/", *args, "--run-date", RUN_DATE,
                   "--glossary", "glossary.csv", "--quiet"]
        if args[args.index("--lang") + 1] != "vi":
            command += ["--model", str(TEST_MODEL)]
        if name.endswith("/"):
            out = target / name
            subprocess.run([*command, "--out", str(out)], cwd=ROOT, env=env, check=True)
            for hidden in out.glob(".digest*"):
                hidden.unlink()
        else:
            result = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
            (target / name).write_bytes(result.stdout)


# --- the English record: what the model gave for each sentence when the examples were made

def read_cache(cache: Path) -> list[dict[str, object]]:
    """Every sentence the runs translated: its Vietnamese, English, glossary terms found in
    it, terms repaired in the English, and which English a retry kept; sorted."""
    with sqlite3.connect(cache / CACHE_DB) as db:
        rows = db.execute("SELECT t.source, t.en, t.terms, t.repaired, r.kept FROM translations AS t"
                          " LEFT JOIN retries AS r USING (model, glossary, source) ORDER BY t.source").fetchall()
    return [{"vi": vi, "en": en, "terms": json.loads(terms), "repaired": json.loads(repaired), "kept": kept}
            for vi, en, terms, repaired, kept in rows]


def replay_cache(cache: Path, record: list[dict[str, object]]) -> None:
    """Put the recorded English (and its repairs and retry choice) in place of what this
    machine's model gave, sentence by sentence, under this run's model and glossary keys."""
    by_vi = {row["vi"]: row for row in record}
    with sqlite3.connect(cache / CACHE_DB) as db:
        for vi, model, glossary in db.execute("SELECT source, model, glossary FROM translations").fetchall():
            row = by_vi[vi]
            db.execute("UPDATE translations SET en = ?, repaired = ? WHERE model = ? AND glossary = ? AND source = ?",
                       (row["en"], json.dumps(row["repaired"], ensure_ascii=False), model, glossary, vi))
            db.execute("DELETE FROM retries WHERE model = ? AND glossary = ? AND source = ?", (model, glossary, vi))
            if row["kept"] is not None:
                db.execute("INSERT INTO retries VALUES (?, ?, ?, ?)", (model, glossary, vi, row["kept"]))


def write_record(record: list[dict[str, object]]) -> None:
    text = json.dumps({"about": "The test model's English for every sentence of the English examples, as "
                                "tools/make_examples.py recorded it when it wrote examples/ (see its --check).",
                       "sentences": record}, ensure_ascii=False, indent=1)
    RECORD.write_text(text + "\n", encoding="utf-8")


def read_record() -> list[dict[str, object]]:
    sentences = json.loads(RECORD.read_text(encoding="utf-8"))["sentences"]
    assert isinstance(sentences, list)
    return sentences


def keep_recorded(fresh: list[dict[str, object]], recorded: list[dict[str, object]]) -> list[dict[str, object]]:
    """The fresh record, with the recorded English (and repairs, retry choice) of each
    sentence that was recorded with the same glossary terms."""
    then = {row["vi"]: row for row in recorded}
    return [then[row["vi"]] if row["vi"] in then and then[row["vi"]]["terms"] == row["terms"] else row
            for row in fresh]


def decided_alike(fresh: list[dict[str, object]], recorded: list[dict[str, object]]) -> list[str]:
    """What the model's arithmetic can't change, fresh against recorded: which sentences were
    translated and the glossary terms found in each. One line per difference."""
    now = {str(row["vi"]): row["terms"] for row in fresh}
    then = {str(row["vi"]): row["terms"] for row in recorded}
    problems = [f"translated now, not when the examples were made: {vi!r}" for vi in sorted(now.keys() - then.keys())]
    problems += [f"translated when the examples were made, not now: {vi!r}" for vi in sorted(then.keys() - now.keys())]
    problems += [f"glossary terms found now {now[vi]}, recorded {then[vi]}: {vi!r}"
                 for vi in sorted(now.keys() & then.keys()) if now[vi] != then[vi]]
    return problems


# --- comparing trees

def tree_differences(fresh: Path, stored: Path, names: list[str]) -> list[str]:
    """The example paths (files, or directories ending in "/") that differ, each with the
    first differing lines."""
    problems: list[str] = []
    for name in names:
        left, right = fresh / name, stored / name
        files = sorted({p.relative_to(left) for p in left.rglob("*") if p.is_file()}
                       | {p.relative_to(right) for p in right.rglob("*") if p.is_file()}) if name.endswith("/") \
            else [Path()]
        for relative in files:
            new, old = left / relative, right / relative
            if not old.is_file() or not new.is_file():
                problems.append(f"{(right / relative).relative_to(stored)}: "
                                f"{'not in examples/' if new.is_file() else 'no longer written'}")
            elif new.read_bytes() != old.read_bytes():
                diff = difflib.unified_diff(old.read_text(encoding="utf-8").splitlines(),
                                            new.read_text(encoding="utf-8").splitlines(), "examples", "now", n=0,
                                            lineterm="")
                problems.append(f"{old.relative_to(stored)} differs:\n" + "\n".join(list(diff)[2:8]))
    return problems


def check(examples: Path) -> int:
    english = TEST_MODEL.exists()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        fresh, replayed, cache = work / "fresh", work / "replayed", work / "cache"
        fresh.mkdir()
        replayed.mkdir()
        generate(fresh, EXAMPLES + (ENGLISH_EXAMPLES if english else []), cache)
        problems = tree_differences(fresh, examples, [name for name, _ in EXAMPLES])
        changed = 0
        if english:
            fresh_record, record = read_cache(cache), read_record()
            problems += decided_alike(fresh_record, record)
            if not problems:
                recorded_en = {row["vi"]: row["en"] for row in record}
                changed = sum(row["en"] != recorded_en[row["vi"]] for row in fresh_record)
                replay_cache(cache, record)
                generate(replayed, ENGLISH_EXAMPLES, cache)
                problems += tree_differences(replayed, examples, [name for name, _ in ENGLISH_EXAMPLES])
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("examples/ is stale: run python tools/make_examples.py", file=sys.stderr)
        return 1
    if english:
        print(f"examples/ is current: {len(EXAMPLES)} Vietnamese examples identical; English examples identical "
              f"with the recorded English ({len(record)} sentences; this machine's model gave other English "
              f"for {changed})")
    else:
        print(f"examples/ is current: {len(EXAMPLES)} Vietnamese examples identical "
              "(no test model: English not checked)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with examples/ instead of rewriting it")
    parser.add_argument("--new-english", action="store_true",
                        help="record this machine's English for every sentence, not only for new ones")
    args = parser.parse_args()
    examples = ROOT / "examples"
    if args.check:
        return check(examples)
    with tempfile.TemporaryDirectory() as tmp:
        fresh, cache = Path(tmp) / "examples", Path(tmp) / "cache"
        fresh.mkdir()
        generate(fresh, EXAMPLES + ENGLISH_EXAMPLES, cache)
        record = read_cache(cache)
        if RECORD.exists() and not args.new_english:
            record = keep_recorded(record, read_record())
            replay_cache(cache, record)
            for name, _ in ENGLISH_EXAMPLES:
                shutil.rmtree(fresh / name) if name.endswith("/") else (fresh / name).unlink()
            generate(fresh, ENGLISH_EXAMPLES, cache)
        write_record(record)
        for child in examples.iterdir() if examples.exists() else []:
            if child.name != "README.md":
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        examples.mkdir(exist_ok=True)
        shutil.copytree(fresh, examples, dirs_exist_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
