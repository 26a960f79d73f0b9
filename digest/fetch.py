"""Live sources: article pages and RSS/Atom feeds over HTTP(S), fetched as a good citizen.

The only module of a run that opens connections (`digest model install` is the other
place). A URL is an article or a feed by what the server sends (content type and the
body's root element), never by how the URL looks. Feeds are read by feedparser; a feed
item that carries the whole article (content:encoded, an Atom <content>) is used as is,
otherwise its link is fetched.

Politeness, each with its reason:
- connect/read timeouts and an overall deadline per request (a server dripping a byte
  a second must not hold a cron run for ever), a size cap (an endless body), capped
  redirects (a redirect loop), gzip/deflate;
- robots.txt honoured (a page it disallows is skipped with a notice: it is not a
  failure), its Crawl-delay too, up to MAX_CRAWL_DELAY;
- one request at a time per host with a polite delay between them, and several hosts
  at once (`concurrency`);
- 429 and 503 retried with backoff, honouring Retry-After up to MAX_RETRY_WAIT;
- conditional GET: the ETag and Last-Modified of the archived copy are sent, and a 304
  reuses that copy (only the seen store decides what is new);
- HTTPS_PROXY/HTTP_PROXY/NO_PROXY honoured (httpx's trust_env); a User-Agent naming
  digest and its version.

Every fetched page goes to the archive (digest.store), keyed by canonical URL.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from digest import __version__
from digest.article import Source
from digest.errors import InputError
from digest.sources import MAX_INPUT_BYTES, decode, is_url
from digest.store import Archive, ArchivedPage

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"digest/{__version__} (Vietnamese news briefings; python-httpx)"
MAX_CRAWL_DELAY = 30.0  # a robots.txt asking for more would stall a morning run
MAX_RETRY_WAIT = 120.0  # a Retry-After beyond this is a failure for this run, not a wait
_RETRIED = (429, 503)

# Query parameters that say how a reader arrived, not what they read (Zalo adds zarsrc
# and gidzl to every shared Vietnamese link).
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|zarsrc|gidzl|"
    r"ref_src|ref_url|cmpid|__twitter_impression|spm|share_source|vnp_source)$", re.I)
_LINK_TAG = re.compile(rb"<link\b[^>]*>", re.I)
_ATTR = re.compile(rb"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_FEED_ROOT = re.compile(rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(rss|feed|rdf:RDF)\b", re.S | re.I)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
# Single-byte charsets decode any bytes: a header naming one is believed only when the
# body is not plainly UTF-8 (servers that say iso-8859-1 for UTF-8 pages are common).
_ANY_BYTES = re.compile(r"^(iso-?8859-\d+|latin-?1|l1|windows-125\d|cp125\d|us-ascii|ascii)$", re.I)


def canonical_url(url: str) -> str:
    """The URL without what doesn't change the page: tracking parameters, the fragment,
    the default port, a host's case."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def page_canonical(url: str, body: bytes) -> str:
    """The page's own name for itself (rel=canonical): an AMP or mobile copy and the
    article are one article. A canonical on another site, or the site's front page,
    is a mistake of the page and is not believed."""
    for tag in _LINK_TAG.finditer(body[:200_000]):
        attrs = {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or b""
                 for m in _ATTR.finditer(tag.group())}
        if b"canonical" not in attrs.get(b"rel", b"").lower().split():
            continue
        href = html.unescape(attrs.get(b"href", b"").decode("utf-8", "replace")).strip()
        if not is_url(href):
            return canonical_url(url)
        found = canonical_url(href)
        if _site(found) == _site(url) and urlsplit(found).path not in ("", "/"):
            return found
        break
    return canonical_url(url)


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return re.sub(r"^(www|m|amp|mobile)\.", "", host)


def decode_body(body: bytes, content_type: str, name: str) -> str:
    """Text of a page: the charset of the header, then the page's own, then sniffing."""
    charset = _header_charset(content_type)
    if charset and not (_ANY_BYTES.match(charset) and _plain_utf8(body)):
        try:
            text = body.decode(charset)
        except (UnicodeError, LookupError):
            pass
        else:
            return unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = decode(body, name, html=True)
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")


def _header_charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    return match.group(1).lower() if match else None


def _plain_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not body.isascii()


def is_feed(content_type: str, body: bytes) -> bool:
    """A feed by its root element; an XML content type with no HTML in it is one too."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf")
    if _FEED_ROOT.match(head):
        return True
    mime = content_type.split(";")[0].strip().lower()
    return mime in _FEED_TYPES and not re.search(rb"<html\b", head, re.I)


@dataclass(frozen=True)
class FetchOptions:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 60.0  # one request, from connect to the last byte
    max_bytes: int = MAX_INPUT_BYTES
    max_redirects: int = 5
    # Hosts fetched at once: a morning's sources are a dozen outlets or so, each fetched
    # one request at a time; more threads than that only wait on their host's turn.
    concurrency: int = 16
    delay: float = 1.0  # seconds between two requests to one host
    retries: int = 3  # for 429 and 503
    backoff: float = 1.0  # first wait when no Retry-After is given; doubled each time
    offline: bool = False  # URLs from the archive only


class RobotsSkip(Exception):
    """robots.txt disallows this URL (a notice, not a failure)."""


@dataclass
class _Page:
    url: str  # canonical URL asked for
    body: bytes
    content_type: str
    final_url: str


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last: float = 0.0
    delay: float = 0.0
    robots: RobotFileParser | None = None
    robots_read: bool = False


Notice = Callable[[str], None]
FetchProgress = Callable[[int, int], None]  # (URLs fetched, URLs to fetch so far)


class Fetcher:
    """One run's HTTP client, archive and per-host state (thread-safe)."""

    def __init__(self, options: FetchOptions | None = None, archive: Archive | None = None,
                 notice: Notice | None = None, progress: FetchProgress | None = None):
        self.options = options or FetchOptions()
        self.archive = archive or Archive()
        self.notice = notice or (lambda message: None)
        # (done, total) after each URL; the total grows when a feed's links are fetched
        self.progress = progress
        self._counts = [0, 0]
        self._counts_lock = threading.Lock()
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            import httpx

            o = self.options
            self._client = httpx.Client(
                timeout=httpx.Timeout(o.read_timeout, connect=o.connect_timeout),
                follow_redirects=True, max_redirects=o.max_redirects, trust_env=True,
                headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
                limits=httpx.Limits(max_connections=max(o.concurrency * 2, 4)),
            )
        return self._client

    # -- one URL ---------------------------------------------------------------------------

    def get(self, url: str) -> _Page:
        """The page at url (archived); raises InputError, or RobotsSkip."""
        key = canonical_url(url)
        archived = self.archive.get(key)
        if self.options.offline:
            if archived is None:
                raise InputError(f"{url}: not in the archive (--offline)")
            return _Page(key, archived.body, archived.content_type, key)
        host = self._host(url)
        with host.lock:
            if not self._allowed(key, host):
                raise RobotsSkip(url)
            return self._get(key, archived, host)

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        name = f"{parts.scheme}://{parts.netloc}".lower()
        with self._hosts_lock:
            return self._hosts.setdefault(name, _Host(delay=self.options.delay))

    def _wait_turn(self, host: _Host) -> None:
        pause = host.last + host.delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def _allowed(self, url: str, host: _Host) -> bool:
        if not host.robots_read:
            host.robots_read = True
            parts = urlsplit(url)
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            try:
                response = self.client.get(robots_url, timeout=self.options.connect_timeout)
                status, text = response.status_code, response.text[:500_000]
            except Exception:  # an unreachable host fails at the page, and is reported there
                status, text = 0, ""
            finally:
                host.last = time.monotonic()
            # RFC 9309: no robots.txt (4xx) allows everything. An unreachable one is taken
            # the same way here: the page's own request then fails and is reported.
            if status == 200:
                parser = RobotFileParser(robots_url)
                parser.parse(text.splitlines())
                host.robots = parser
                crawl_delay = parser.crawl_delay(USER_AGENT)
                if crawl_delay:
                    host.delay = max(host.delay, min(float(crawl_delay), MAX_CRAWL_DELAY))
        return host.robots is None or host.robots.can_fetch(USER_AGENT, url)

    def _get(self, url: str, archived: ArchivedPage | None, host: _Host) -> _Page:
        """GET the canonical URL (no tracking parameters are sent back to the site)."""
        import httpx

        key = url
        headers = {}
        if archived is not None and archived.etag:
            headers["If-None-Match"] = archived.etag
        if archived is not None and archived.last_modified:
            headers["If-Modified-Since"] = archived.last_modified
        attempt = 0
        while True:
            self._wait_turn(host)
            try:
                status, response_headers, body, final = self._request(url, headers)
            except httpx.TooManyRedirects:
                raise InputError(f"{url}: more than {self.options.max_redirects} redirects") from None
            except httpx.TimeoutException:
                raise InputError(f"{url}: no answer in time (timed out)") from None
            except httpx.HTTPError as err:
                raise InputError(f"{url}: cannot fetch ({_reason(err)})") from None
            finally:
                host.last = time.monotonic()
            if status in _RETRIED and attempt < self.options.retries:
                wait = _retry_after(response_headers.get("retry-after"), self.options.backoff * 2 ** attempt)
                if wait > MAX_RETRY_WAIT:
                    raise InputError(f"{url}: HTTP {status}, asked to come back in {wait:.0f} s")
                attempt += 1
                time.sleep(wait)
                continue
            break
        if status == 304 and archived is not None:
            self.archive.touch(key)  # still published: retention counts from this check
            return _Page(key, archived.body, archived.content_type, key)
        if status != 200:
            raise InputError(f"{url}: HTTP {status}")
        if not body.strip():
            raise InputError(f"{url}: empty page")
        content_type = response_headers.get("content-type", "")
        self.archive.put(ArchivedPage(
            url=key, body=body, content_type=content_type, etag=response_headers.get("etag"),
            last_modified=response_headers.get("last-modified"),
            fetched=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
        return _Page(key, body, content_type, final)

    def _request(self, url: str, headers: dict[str, str]) -> tuple[int, Any, bytes, str]:
        options = self.options
        deadline = time.monotonic() + options.total_timeout
        with self.client.stream("GET", url, headers=headers) as response:
            if response.status_code != 200:
                return response.status_code, response.headers, b"", str(response.url)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > options.max_bytes and "content-encoding" not in response.headers:
                raise InputError(f"{url}: larger than {_mb(options.max_bytes)} MB, not an article")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > options.max_bytes:
                    raise InputError(f"{url}: larger than {_mb(options.max_bytes)} MB, not an article")
                if time.monotonic() > deadline:
                    raise InputError(f"{url}: still sending after {options.total_timeout:g} s, given up")
            return 200, response.headers, bytes(body), str(response.url)

    # -- many URLs -------------------------------------------------------------------------

    def get_many(self, urls: list[str]) -> list[_Page | InputError | RobotsSkip]:
        """Every URL, in order: several hosts at once, one request at a time per host."""
        by_host: dict[str, list[int]] = {}
        for index, url in enumerate(urls):
            parts = urlsplit(url)
            by_host.setdefault(f"{parts.scheme}://{parts.netloc}".lower(), []).append(index)
        results: list[_Page | InputError | RobotsSkip | None] = [None] * len(urls)
        self._count(0, len(urls))

        def one_host(indexes: list[int]) -> None:
            for index in indexes:
                try:
                    results[index] = self.get(urls[index])
                except (InputError, RobotsSkip) as err:
                    results[index] = err
                except Exception as err:  # one odd server never stops the others
                    results[index] = InputError(f"{urls[index]}: cannot fetch ({_reason(err)})")
                self._count(1, 0)

        workers = max(1, min(self.options.concurrency, len(by_host)))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(one_host, by_host.values()))
        return [r if r is not None else InputError(f"{u}: not fetched") for r, u in zip(results, urls, strict=True)]


    def _count(self, done: int, more: int) -> None:
        if self.progress is None:
            return
        with self._counts_lock:  # the hosts' threads report one at a time, in order
            self._counts[0] += done
            self._counts[1] += more
            self.progress(self._counts[0], self._counts[1])


def _reason(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0][:200]


def _mb(size: int) -> int:
    return max(1, size // (1024 * 1024))


def _retry_after(value: str | None, default: float) -> float:
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())


# -- sources -------------------------------------------------------------------------------


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
    to_fetch: list[tuple[int, str]] = []  # feed items without their text: (slot in out, link)
    seen: set[str] = set()
    for url, got in zip(urls, fetcher.get_many(urls), strict=True):
        if isinstance(got, RobotsSkip):
            report.skipped += 1
            fetcher.notice(f"{url}: skipped, robots.txt disallows it")
            report.sources.append((url, None))
            continue
        if isinstance(got, InputError):
            out.append(got)
            report.sources.append((url, got.message))
            continue
        try:
            items = _feed_items(url, got) if is_feed(got.content_type, got.body) else [_page_source(url, got)]
        except InputError as err:
            out.append(err)
            report.sources.append((url, err.message))
            continue
        report.sources.append((url, None))
        for item in items:
            if isinstance(item, str):
                if canonical_url(item) not in seen:
                    seen.add(canonical_url(item))
                    to_fetch.append((len(out), item))
                    out.append(InputError(f"{item}: not fetched"))
            elif isinstance(item, Source) and item.path in seen:
                continue
            else:
                if isinstance(item, Source):
                    seen.add(item.path)
                out.append(item)
    pages = fetcher.get_many([link for _, link in to_fetch])
    drop: set[int] = set()
    for (slot, link), got in zip(to_fetch, pages, strict=True):
        if isinstance(got, RobotsSkip):
            report.skipped += 1
            fetcher.notice(f"{link}: skipped, robots.txt disallows it")
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
            out[slot] = source
    return [item for slot, item in enumerate(out) if slot not in drop]


def _page_source(url: str, page: _Page) -> Source:
    mime = page.content_type.split(";")[0].strip().lower()
    if mime and not mime.startswith(("text/html", "application/xhtml", "text/plain")):
        raise InputError(f"{url}: not an article page ({page.content_type.split(';')[0]})")
    canonical = page_canonical(page.final_url, page.body)
    text = decode_body(page.body, page.content_type, url)
    kind = "text" if mime == "text/plain" else "html"
    return Source(path=canonical, text=text, kind=kind)


def _feed_items(url: str, page: _Page) -> list[Source | InputError | str]:
    """Each item of a feed: a Source when it carries the article, else its link."""
    import feedparser

    parsed = feedparser.parse(page.body, response_headers={"content-type": page.content_type or "application/xml"})
    if not parsed.entries:
        if parsed.get("bozo"):
            raise InputError(f"{url}: not a readable feed ({str(parsed.get('bozo_exception') or 'bad XML')[:200]})")
        raise InputError(f"{url}: feed has no items")
    outlet = parsed.feed.get("title")
    items: list[Source | InputError | str] = []
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link")
        content = entry.get("content") or []
        body = max((c.get("value", "") for c in content), key=len, default="")
        if body.strip():
            key = canonical_url(link) if link and is_url(link) else f"{canonical_url(url)}#item-{number}"
            items.append(Source(path=key, text=_item_page(entry, body, outlet, key), kind="html"))
        elif link and is_url(link):
            items.append(link)
        else:
            items.append(InputError(f"{url}: item {number} has neither a link nor its text"))
    return items


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
