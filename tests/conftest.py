"""Shared test setup: every test gets its own empty model directory and cache, so no
test sees (or changes) the user's installed models or translation cache."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# Every property test draws the same cases on every run and machine (seeded from the test
# itself, no example database): a test fails for a change in the code, never for a draw.
# Each test keeps its own max_examples; this only fixes which cases they are.
settings.register_profile("digest", derandomize=True, database=None, print_blob=False)
settings.load_profile("digest")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_MODEL = FIXTURES / "translate-vi_en-test.argosmodel"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "argos-packages"))
    monkeypatch.setenv("DIGEST_CACHE_DIR", str(home / "cache"))
    # the archive and seen store of live sources, and no user config file
    monkeypatch.setenv("DIGEST_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("DIGEST_CONFIG", raising=False)
    monkeypatch.delenv("DIGEST_SENDMAIL", raising=False)
    # no test reads a developer's real SMTP password
    monkeypatch.delenv("DIGEST_SMTP_PASSWORD", raising=False)
    monkeypatch.setenv("NETRC", str(home / "netrc"))
    monkeypatch.delenv("DIGEST_MODEL", raising=False)
    monkeypatch.delenv("DIGEST_GLOSSARY", raising=False)
    return home


def installed_digest() -> Path:
    """The console script pip installed (not `python -m`): what users and crontabs run."""
    beside_python = Path(sys.executable).with_name("digest")
    found = beside_python if beside_python.exists() else shutil.which("digest")
    assert found, "the digest console script is not installed (pip install -e .)"
    return Path(found)


def run_digest(*args: object, env: dict[str, str] | None = None, **popen: Any) -> subprocess.CompletedProcess[bytes]:
    """Run the installed `digest` with ARGS from the repository root; stdout and stderr
    captured as bytes; `env` adds to (not replaces) this process's environment."""
    popen.setdefault("timeout", 300)
    return subprocess.run([str(installed_digest()), *map(str, args)], cwd=ROOT, capture_output=True,
                          env={**os.environ, **(env or {})}, **popen)
