"""Live sources: article pages and RSS/Atom feeds over HTTP(S), fetched as a good citizen.

The only package that fetches over HTTP(S) (the other network code: `digest model
install`'s download, mail by SMTP in digest.deliver, and `digest batch`'s link to a
cluster). A URL is an article or a feed by what the server sends (content type and the
body's root element), never by how the URL looks. Every fetched page goes to the
archive (digest.store), keyed by canonical URL.

One job per module:
- `urls`: URLs and their names (canonical_url, page_canonical), which host a URL waits
  for, where a redirect leads; a URL that does not parse is one InputError naming it;
- `exchange`: one HTTP exchange under a deadline that covers connect, headers and body,
  and its Content-Encoding undone with a size cap at every layer;
- `fetcher`: the Fetcher and its politeness: robots.txt, redirects, retries with
  backoff, one request at a time per host, conditional GET, the archive, several hosts
  at once, a run that stops at once on Ctrl-C or SIGTERM;
- `feeds`: which answers are feeds, and a feed's items as articles or links;
- `articles`: fetch_sources, the articles behind a run's URLs, each article once.

This module only names what the others define, as `digest.fetch.NAME`.
"""
from __future__ import annotations

from digest.fetch.articles import FetchReport, decode_body, fetch_sources
from digest.fetch.exchange import MAX_ENCODINGS, _DeadlineBackend, _Decoder
from digest.fetch.feeds import MAX_FEED_ITEMS, _feed_items, is_feed
from digest.fetch.fetcher import (
    MAX_CRAWL_DELAY,
    MAX_RETRY_WAIT,
    MAX_ROBOTS_BYTES,
    USER_AGENT,
    Fetcher,
    FetchOptions,
    FetchProgress,
    Notice,
    RobotsSkip,
    _Page,
)
from digest.fetch.urls import _redirect_target, _url_problem, canonical_url, page_canonical

__all__ = [
    "MAX_CRAWL_DELAY",
    "MAX_ENCODINGS",
    "MAX_FEED_ITEMS",
    "MAX_RETRY_WAIT",
    "MAX_ROBOTS_BYTES",
    "USER_AGENT",
    "FetchOptions",
    "FetchProgress",
    "FetchReport",
    "Fetcher",
    "Notice",
    "RobotsSkip",
    "_DeadlineBackend",
    "_Decoder",
    "_Page",
    "_feed_items",
    "_redirect_target",
    "_url_problem",
    "canonical_url",
    "decode_body",
    "fetch_sources",
    "is_feed",
    "page_canonical",
]
