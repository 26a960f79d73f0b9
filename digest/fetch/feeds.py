"""RSS/Atom feeds: which answers are feeds, and a feed's items as articles or links.

A URL is a feed by what the server sends (the body's root element; an XML content type
with no HTML in it), never by how the URL looks. Feeds are read by feedparser; a feed
item that carries the whole article (content:encoded, an Atom <content>) is used as is,
otherwise its link is fetched. At most MAX_FEED_ITEMS items of a feed are read; a
notice names the rest.
"""
from __future__ import annotations

import email.utils
import hashlib
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from digest.errors import InputError
from digest.fetch.urls import _reason, _url_problem, canonical_url
from digest.model import FeedItem, Source

if TYPE_CHECKING:
    from digest.fetch.fetcher import Notice, _Page

MAX_FEED_ITEMS = 200  # items read from one feed (a news feed lists 20-100); a notice names the rest
_FEED_ROOT = re.compile(rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(rss|feed|rdf:RDF)\b", re.S | re.I)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")


def is_feed(content_type: str, body: bytes) -> bool:
    """A feed by its root element; an XML content type with no HTML in it is one too."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf")
    if _FEED_ROOT.match(head):
        return True
    mime = content_type.split(";")[0].strip().lower()
    return mime in _FEED_TYPES and not re.search(rb"<html\b", head, re.I)


@dataclass(frozen=True)
class ItemLink:
    """A feed item without its text: the link to fetch, and what the feed said of it."""

    url: str
    item: FeedItem


def _feed_items(url: str, page: _Page, notice: Notice | None = None) -> list[Source | InputError | ItemLink]:
    """Each item of a feed (the first MAX_FEED_ITEMS): a Source when it carries the
    article, else its link (made absolute against the feed's URL) with the item's title,
    date and author, else an InputError that says what is wrong with it."""
    import feedparser

    parsed = feedparser.parse(page.body, response_headers={"content-type": page.content_type or "application/xml"})
    if not parsed.entries:
        if parsed.get("bozo"):
            raise InputError(f"{url}: not a readable feed ({str(parsed.get('bozo_exception') or 'bad XML')[:200]})")
        raise InputError(f"{url}: feed has no items")
    if len(parsed.entries) > MAX_FEED_ITEMS and notice is not None:
        notice(f"{url}: the feed lists {len(parsed.entries)} items; only the first {MAX_FEED_ITEMS} are read")
    outlet = parsed.feed.get("title")
    items: list[Source | InputError | ItemLink] = []
    for number, entry in enumerate(parsed.entries[:MAX_FEED_ITEMS], start=1):
        given = str(entry.get("link") or "").strip()
        link = _item_link(url, page.final_url, number, given) if given else None
        content = entry.get("content") or []
        body = max((str(c.get("value") or "") for c in content), key=len, default="")
        if body.strip():
            key = canonical_url(link) if isinstance(link, str) else _item_key(url, entry, body)
            items.append(Source(path=key, text=_item_page(entry, body, outlet, key), kind="html"))
        elif isinstance(link, str):
            items.append(ItemLink(link, FeedItem(str(entry.get("title") or "").strip() or None,
                                                 _published(entry.get("published") or entry.get("updated")),
                                                 str(entry.get("author") or "").strip() or None)))
        elif link is not None:
            items.append(link)
        else:
            items.append(InputError(f"{url}: item {number} has neither a link nor its text"))
    return items


def _item_link(url: str, base: str, number: int, link: str) -> str | InputError:
    """A feed item's link, absolute and fetchable; else an InputError naming the feed and
    the item (the scheme alone of a javascript: or file: link)."""
    try:
        absolute = urljoin(base, link)
    except ValueError as err:
        return InputError(f"{url}: item {number}: not a valid URL ({_reason(err)})")
    problem = _url_problem(absolute)
    return InputError(f"{url}: item {number}: {problem}") if problem else absolute


def _item_key(url: str, entry: Any, body: str) -> str:
    """The name of an item without a usable link: its guid, else its title and date, else
    its text, hashed, after the feed's URL. Not its position: one item added at the top
    would make every item below it "updated"."""
    guid = str(entry.get("id") or "").strip()
    title = str(entry.get("title") or "").strip()
    date = str(entry.get("published") or entry.get("updated") or "").strip()
    basis = f"guid\n{guid}" if guid else f"title\n{title}\n{date}" if title or date else f"text\n{body}"
    digest = hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{canonical_url(url)}#item-{digest}"


def _item_page(entry: Any, body: str, outlet: str | None, url: str) -> str:
    """A feed item as the page it stands for, so the same HTML rules read it."""
    title = html.escape(entry.get("title") or "")
    metas = [f'<meta property="og:title" content="{title}">']
    published = _published(entry.get("published") or entry.get("updated"))
    if published:
        metas.append(f'<meta property="article:published_time" content="{html.escape(published)}">')
    if entry.get("author"):
        metas.append(f'<meta name="author" content="{html.escape(entry["author"])}">')
    if outlet:
        metas.append(f'<meta property="og:site_name" content="{html.escape(outlet)}">')
    head = "".join(metas)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{head}'
            f'<link rel="canonical" href="{html.escape(url)}"></head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def _published(value: str | None) -> str | None:
    """An item's date with its own UTC offset (feedparser's parsed form is in UTC, which
    moves a Vietnamese evening item to the day before)."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError):
        return value
