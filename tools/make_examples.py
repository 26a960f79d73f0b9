"""Regenerate examples/: the digests of the seeds, exactly as the tool writes them.

    python tools/make_examples.py            # rewrite examples/
    python tools/make_examples.py --check    # exit 1 if examples/ is stale (the tests run this)

The run date is fixed so undated seeds get stable file names. English examples use the
small test model in tests/fixtures (its translations are poor by design: it exists to
exercise the real code path, not to translate well).
"""
from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_DATE = "2026-11-23"
TEST_MODEL = ROOT / "tests" / "fixtures" / "translate-vi_en-test.argosmodel"

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


def generate(target: Path) -> None:
    examples = EXAMPLES + (ENGLISH_EXAMPLES if TEST_MODEL.exists() else [])
    # MKL (ctranslate2's int8 GEMM on x86) picks its code path by CPU, and the tiny test
    # model's English flips a word between CPUs; pinning the path to AVX2 gives the same
    # English on any AVX2 machine, so the check compares behaviour, not the CPU.
    env = {**os.environ, "MKL_CBWR": "AVX2"}
    with tempfile.TemporaryDirectory() as cache:
        env["DIGEST_CACHE_DIR"] = cache
        for name, args in examples:
            command = [sys.executable, "-m", "digest", "seeds/", *args, "--run-date", RUN_DATE,
                       "--glossary", "glossary.csv", "--quiet"]
            if "--lang" in args and args[args.index("--lang") + 1] != "vi":
                command += ["--model", str(TEST_MODEL)]
            if name.endswith("/"):
                out = target / name
                subprocess.run([*command, "--out", str(out)], cwd=ROOT, env=env, check=True)
                for hidden in out.glob(".digest*"):
                    hidden.unlink()
            else:
                result = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
                (target / name).write_bytes(result.stdout)


def same_tree(left: Path, right: Path) -> bool:
    comparison = filecmp.dircmp(left, right, ignore=["README.md"])
    if comparison.left_only or comparison.right_only or comparison.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(left / sub, right / sub) for sub in comparison.common_dirs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with examples/ instead of rewriting it")
    args = parser.parse_args()
    examples = ROOT / "examples"
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "examples"
        fresh.mkdir()
        generate(fresh)
        if args.check:
            if not same_tree(fresh, examples):
                print("examples/ is stale: run python tools/make_examples.py", file=sys.stderr)
                return 1
            return 0
        for child in examples.iterdir() if examples.exists() else []:
            if child.name != "README.md":
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        examples.mkdir(exist_ok=True)
        shutil.copytree(fresh, examples, dirs_exist_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
