"""What the tools that write a data file under digest/data/ share: write it, or with
--check say (exit 1) whether the committed file is what they make now."""
from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path


def write_or_check(doc: str, out: Path, make: Callable[[], str]) -> int:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is not what this makes")
    check = parser.parse_args().check
    text = make()
    if check:
        return 0 if out.read_text(encoding="utf-8") == text else 1
    out.write_text(text, encoding="utf-8")
    return 0
