"""Feeds and URLs as inputs, end to end through the installed `digest` (the issue's
"Done when"), against a news site on 127.0.0.1 that the test starts."""
from __future__ import annotations

import json
import os

import pytest

from tests.conftest import run_digest
from tests.live_server import ITEMS, rss, serve


@pytest.fixture
def site():
    yield from serve()


def _env() -> dict[str, str]:
    return {"DIGEST_DATA_DIR": os.environ["DIGEST_DATA_DIR"], "NO_PROXY": "*"}


def test_a_feed_is_digested_item_by_item(site):
    site.page("/feed.xml", rss(ITEMS, site.url("")), "application/rss+xml")
    done = run_digest(site.url("/feed.xml"), "--lang", "vi", "--delay", "0", env=_env())
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    for title, _ in ITEMS:
        assert title in out


def test_new_twice_then_one_more_item(site):
    feed = site.url("/feed.xml")
    site.page("/feed.xml", rss(ITEMS[:2], site.url("")), "application/rss+xml")
    first = run_digest(feed, "--lang", "vi", "--new", "--delay", "0", "--format", "json", env=_env())
    assert first.returncode == 0, first.stderr.decode()
    assert [a["title"] for a in json.loads(first.stdout)["articles"]] == [t for t, _ in ITEMS[:2]][::-1]
    second = run_digest(feed, "--lang", "vi", "--new", "--delay", "0", env=_env())
    assert (second.returncode, second.stdout, second.stderr) == (0, b"", b"")
    site.page("/feed.xml", rss(ITEMS, site.url("")), "application/rss+xml")
    third = run_digest(feed, "--lang", "vi", "--new", "--delay", "0", "--format", "json", env=_env())
    assert third.returncode == 0, third.stderr.decode()
    assert [a["title"] for a in json.loads(third.stdout)["articles"]] == [ITEMS[2][0]]
