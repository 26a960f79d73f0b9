"""Settings have one home: no module but digest/config.py reads the environment (the
entry point's fast --help may read COLUMNS, as click would)."""
from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "digest"


def environment_reads(path: Path, root: Path = ROOT) -> list[str]:
    """Each place the module's code touches os.environ / os.getenv / os.environb / os.putenv,
    as "PATH:LINE: what"."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "environb", "getenv", "getenvb", "putenv"):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            found += [f"{path.relative_to(root)}:{node.lineno}: from os import {a.name}" for a in node.names
                      if a.name in ("environ", "environb", "getenv", "getenvb", "putenv")]
    return found


def test_only_config_reads_the_environment():
    reads = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "config.py" and path.parent == PACKAGE:
            continue
        reads += environment_reads(path)
    entry = [r for r in reads if r.startswith("digest/entry.py")]
    assert [r for r in reads if r not in entry] == []
    assert len(entry) == 1  # COLUMNS, for the fast --help
    assert "COLUMNS" in (PACKAGE / "entry.py").read_text(encoding="utf-8")


def test_the_scan_sees_an_environment_read(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\nfrom os import getenv\nx = os.environ.get('A')\n", encoding="utf-8")
    assert environment_reads(module, tmp_path) == ["m.py:2: from os import getenv", "m.py:3: environ"]


def test_only_config_reads_the_config_file():
    """The config file is read and merged with the options in config.py (read_config_file,
    file_settings); commands only say which options were typed. outlets.py reads TOML too,
    but only its own package data."""
    readers = sorted(str(path.relative_to(ROOT)) for path in PACKAGE.rglob("*.py")
                     if "read_config_file(" in path.read_text(encoding="utf-8"))
    assert readers == ["digest/config.py"]
    toml = sorted(str(path.relative_to(ROOT)) for path in PACKAGE.rglob("*.py")
                  if "tomllib.load" in path.read_text(encoding="utf-8"))
    assert toml == ["digest/config.py", "digest/outlets.py", "digest/vocabulary.py"]  # the last two: package data
    assert 'resources.files("digest")' in (PACKAGE / "outlets.py").read_text(encoding="utf-8")
