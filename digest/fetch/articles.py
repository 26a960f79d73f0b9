"""The articles behind a run's URLs (fetch_sources): pages as they are, feeds as their
items (digest.fetch.feeds), their links fetched in a second round; the same article
reached twice (two feeds, an AMP copy) comes once. A page's text is decoded by what
reads as Vietnamese (decode_body), and a page robots.txt disallows is a notice, not a
failure. What happened to each URL the user named goes to a FetchReport (feed health).
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from digest.errors import InputError
from digest.fetch.feeds import ItemLink, _feed_items, is_feed
from digest.fetch.fetcher import Fetcher, RobotsSkip, _Page
from digest.fetch.urls import _named, canonical_url, page_canonical
from digest.model import Source
from digest.sources import decode


@dataclass
class FetchReport:
    """What happened to each URL the user named (for feed health) and the skips."""

    sources: list[tuple[str, str | None]] = field(default_factory=list)  # (url, error or None)
    skipped: int = 0


def fetch_sources(urls: Iterable[str], fetcher: Fetcher, report: FetchReport | None = None
                  ) -> list[Source | InputError]:
    """The articles behind the URLs, in order: pages as they are, feeds as their items.
    The same article reached twice (two feeds, an AMP copy) comes once."""
    report = report if report is not None else FetchReport()
    urls = list(urls)
    out: list[Source | InputError] = []
    to_fetch: list[tuple[int, ItemLink]] = []  # feed items without their text: (slot in out, link)
    seen: set[str] = set()
    for url, got in zip(urls, fetcher.get_many(urls), strict=True):
        if isinstance(got, RobotsSkip):
            report.skipped += 1
            fetcher.notice(_skip_notice(url, got))
            report.sources.append((url, None))
            continue
        if isinstance(got, InputError):
            out.append(got)
            report.sources.append((url, got.message))
            continue
        try:
            items = (_feed_items(url, got, fetcher.notice) if is_feed(got.content_type, got.body)
                     else [_page_source(url, got)])
        except InputError as err:
            out.append(err)
            report.sources.append((url, err.message))
            continue
        report.sources.append((url, None))
        for item in items:
            if isinstance(item, ItemLink):
                if canonical_url(item.url) not in seen:
                    seen.add(canonical_url(item.url))
                    to_fetch.append((len(out), item))
                    out.append(InputError(f"{item.url}: not fetched"))
            elif isinstance(item, Source) and item.path in seen:
                continue
            else:
                if isinstance(item, Source):
                    seen.add(item.path)
                out.append(item)
    pages = fetcher.get_many([link.url for _, link in to_fetch])
    drop: set[int] = set()
    for (slot, item_link), got in zip(to_fetch, pages, strict=True):
        link = item_link.url
        if isinstance(got, RobotsSkip):
            report.skipped += 1
            fetcher.notice(_skip_notice(link, got))
            drop.add(slot)
        elif isinstance(got, InputError):
            out[slot] = got
        else:
            try:
                source = _page_source(link, got)
            except InputError as err:
                out[slot] = err
                continue
            if source.path in seen and source.path != canonical_url(link):
                drop.add(slot)  # an AMP copy of an article already here
                continue
            seen.add(source.path)
            out[slot] = dataclasses.replace(source, feed_item=item_link.item)
    return [item for slot, item in enumerate(out) if slot not in drop]


def _skip_notice(url: str, skip: RobotsSkip) -> str:
    target = str(skip.args[0]) if skip.args else url
    if canonical_url(target) == canonical_url(url):
        return f"{url}: skipped, robots.txt disallows it"
    return f"{url}: skipped, it redirects to {_named(target)}, which that host's robots.txt disallows"


def _page_source(url: str, page: _Page) -> Source:
    mime = page.content_type.split(";")[0].strip().lower()
    if mime and not mime.startswith(("text/html", "application/xhtml", "text/plain")):
        raise InputError(f"{url}: not an article page ({page.content_type.split(';')[0]})")
    canonical = page_canonical(page.final_url, page.body)
    text = decode_body(page.body, page.content_type, url)
    kind = "text" if mime == "text/plain" else "html"
    return Source(path=canonical, text=text, kind=kind)


# Single-byte charsets decode any bytes: a header naming one is believed only when the
# body is not plainly UTF-8 (servers that say iso-8859-1 for UTF-8 pages are common).
def decode_body(body: bytes, content_type: str, name: str) -> str:
    """Text of a page. The header's charset, then the page's own, are first guesses only:
    what reads as Vietnamese decides (digest.sources.decode), since servers and pages
    often name the wrong one (koi8-r or utf-16 on a UTF-8 page)."""
    text = decode(body, name, html=True, declared=_header_charset(content_type))
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")


def _header_charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    return match.group(1).lower() if match else None
