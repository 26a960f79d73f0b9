"""Shared test setup: every test gets its own empty model directory and cache, so no
test sees (or changes) the user's installed models or translation cache."""
from __future__ import annotations

from pathlib import Path

import pytest

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
    monkeypatch.delenv("DIGEST_MODEL", raising=False)
    monkeypatch.delenv("DIGEST_GLOSSARY", raising=False)
    return home
