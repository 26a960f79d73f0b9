"""Fixtures for tests against hostile servers on 127.0.0.1 (a plugin: test modules load
it with `pytest_plugins = ["tests.conftest_live"]`)."""
from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from tests.live_server import Site, serve


@pytest.fixture
def stop() -> Iterator[threading.Event]:
    """Set when the test ends: every dripping route stops then (or after 60 s)."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def site(monkeypatch, stop) -> Iterator[Site]:
    """A server on 127.0.0.1, reached without any proxy; its dripping routes end with the test."""
    monkeypatch.setenv("NO_PROXY", "*")
    yield from serve()
