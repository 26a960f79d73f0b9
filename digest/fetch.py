"""Live sources: article pages and RSS/Atom feeds over HTTP(S), fetched as a good citizen.

The only module of a run that opens connections (`digest model install` is the other
place). A URL is an article or a feed by what the server sends (content type and the
body's root element), never by how the URL looks. Feeds are read by feedparser; a feed
item that carries the whole article (content:encoded, an Atom <content>) is used as is,
otherwise its link is fetched.

Politeness, each with its reason:
- connect/read timeouts and a deadline per request that covers connect, headers and
  body (a server dripping a byte a second must not hold a cron run for ever:
  _DeadlineBackend), a size cap on decoded bytes at every Content-Encoding layer (an
  endless body, a gzip bomb: _Decoder), at most MAX_FEED_ITEMS items of a feed;
- redirects followed here, capped (a redirect loop), to http(s) only, each hop asking
  its own host's robots.txt and waiting its turn there;
- robots.txt honoured (a page it disallows is skipped with a notice: it is not a
  failure), its first MAX_ROBOTS_BYTES read, its Crawl-delay too, up to MAX_CRAWL_DELAY;
- Ctrl-C and SIGTERM stop the fetching threads at once (Fetcher._stop);
- a URL that does not parse, wherever it comes from, is one InputError naming it;
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

import contextlib
import datetime as dt
import email.utils
import hashlib
import html
import math
import re
import socket
import threading
import time
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
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
_REDIRECTS = (301, 302, 303, 307, 308)
MAX_FEED_ITEMS = 200  # items read from one feed (a news feed lists 20-100); a notice names the rest
MAX_ROBOTS_BYTES = 500 * 1024  # what Google reads of a robots.txt; the rest is ignored
MAX_ENCODINGS = 2  # Content-Encoding layers undone ("gzip, gzip"); more is refused
_PIECE = 64 * 1024  # decoded bytes one encoding layer makes at a time
_SLICE = 0.25  # a blocked read wakes this often to see whether the run is stopping

# Query parameters that say how a reader arrived, not what they read (Zalo adds zarsrc
# and gidzl to every shared Vietnamese link).
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|zarsrc|gidzl|"
    r"ref_src|ref_url|cmpid|__twitter_impression|spm|share_source|vnp_source)$", re.I)
_UNSAFE_IN_PATH = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f]')
_LINK_TAG = re.compile(rb"<link\b[^>]*>", re.I)
_ATTR = re.compile(rb"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_FEED_ROOT = re.compile(rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(rss|feed|rdf:RDF)\b", re.S | re.I)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml")
# Single-byte charsets decode any bytes: a header naming one is believed only when the
# body is not plainly UTF-8 (servers that say iso-8859-1 for UTF-8 pages are common).


def canonical_url(url: str) -> str:
    """The URL without what doesn't change the page: tracking parameters, the fragment,
    the default port, a host's case. A URL that cannot be parsed (a bad IPv6 literal,
    a port out of range) is an InputError naming it."""
    parts, port = _split(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    # ASCII a URL may not hold (spaces, controls, quotes, <>) is percent-encoded, so a
    # canonical URL is its own canonical URL; other letters are kept as the site wrote them
    # (the seen store and the archive are keyed by these names).
    path = _UNSAFE_IN_PATH.sub(lambda m: f"%{ord(m.group()):02X}", parts.path) or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def _split(url: str) -> tuple[SplitResult, int | None]:
    """url's parts and port, or InputError naming url (urlsplit and .port raise
    ValueError for "http://[::1", a port of 99999 or "x")."""
    try:
        parts = urlsplit(url.strip())
        return parts, parts.port
    except ValueError as err:
        raise InputError(f"{_named(url)}: not a valid URL ({_reason(err)})") from None


def _url_problem(url: str) -> str | None:
    """What keeps digest from fetching url, or None: not http(s) (the scheme alone is
    named, never a javascript: or data: payload), no host, a URL that does not parse."""
    scheme = re.match(r"\s*([A-Za-z][A-Za-z0-9+.-]{0,30}):", url)
    if scheme is None:
        return "not an http(s) link (no scheme)"
    if scheme.group(1).lower() not in ("http", "https"):
        return f"not an http(s) link: {scheme.group(1)}:..."
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 (raises ValueError for a port out of range)
    except ValueError as err:
        return f"not a valid URL ({_reason(err)})"
    return None if parts.hostname else "not a valid URL (no host)"


def _named(url: str) -> str:
    """A URL as an error message names it: whole, unless it is very long."""
    url = url.strip()
    return url if len(url) <= 300 else f"{url[:300]}..."


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
        try:
            found = canonical_url(href)
        except InputError:  # a canonical that does not parse is the page's mistake
            return canonical_url(url)
        if _site(found) == _site(url) and urlsplit(found).path not in ("", "/"):
            return found
        break
    return canonical_url(url)


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return re.sub(r"^(www|m|amp|mobile)\.", "", host)


def decode_body(body: bytes, content_type: str, name: str) -> str:
    """Text of a page. The header's charset, then the page's own, are first guesses only:
    what reads as Vietnamese decides (digest.sources.decode), since servers and pages
    often name the wrong one (koi8-r or utf-16 on a UTF-8 page)."""
    text = decode(body, name, html=True, declared=_header_charset(content_type))
    return unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")


def _header_charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    return match.group(1).lower() if match else None


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
    """robots.txt disallows this URL (a notice, not a failure); args[0] is the URL it
    disallows (where a redirect led, when it did)."""


class _Stopped(Exception):
    """The run is stopping (Ctrl-C, SIGTERM): a fetching thread gives up its work."""


class _TooLarge(Exception):
    """A body, or one of its decoding layers, passed its cap."""


class _Decoder:
    """Content-Encoding undone here, not by httpx, layer by layer: each layer makes at most
    _PIECE bytes at a time (zlib's max_length), passes them on at once, and counts what it
    made against the cap. httpx inflates a whole network chunk at once, so 2 KB of
    "gzip, gzip" become gigabytes before any cap can look at them."""

    def __init__(self, encodings: list[str], cap: int):
        self.encodings = encodings  # as the header lists them: the last was applied last
        self.cap = cap
        self._layers: list[Any] = [None] * len(encodings)
        self._made = [0] * len(encodings)
        self._head = [b""] * len(encodings)

    def feed(self, data: bytes) -> Iterator[bytes]:
        return self._through(0, data)

    def _through(self, level: int, data: bytes) -> Iterator[bytes]:
        if level == len(self.encodings):
            if data:
                yield data
            return
        for piece in self._inflate(level, data):
            yield from self._through(level + 1, piece)

    def _inflate(self, level: int, data: bytes) -> Iterator[bytes]:
        layer = self._layers[level]
        encoding = self.encodings[len(self.encodings) - 1 - level]
        if layer is None:
            if encoding == "deflate":  # a zlib stream, or (old IIS) raw deflate: its first 2 bytes tell
                data = self._head[level] + data
                if len(data) < 2:
                    self._head[level] = data
                    return
                wrapped = data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
                layer = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            else:
                layer = zlib.decompressobj(zlib.MAX_WBITS | 16)
            self._layers[level] = layer
        while data and not layer.eof:  # what follows the end of the stream is ignored
            piece = layer.decompress(data, _PIECE)
            data = layer.unconsumed_tail
            while piece:
                self._made[level] += len(piece)
                if self._made[level] > self.cap:
                    raise _TooLarge
                yield piece
                # all input taken, but a full piece may leave output pending in zlib
                piece = layer.decompress(b"", _PIECE) if not data and len(piece) == _PIECE else b""


def _encodings(url: str, headers: Any) -> list[str]:
    """The Content-Encoding layers of a response, or InputError for ones digest refuses."""
    found = [name.strip().lower() for name in headers.get_list("content-encoding", split_commas=True)]
    found = ["gzip" if name == "x-gzip" else name for name in found if name not in ("", "identity")]
    unknown = [name for name in found if name not in ("gzip", "deflate")]
    if unknown:
        raise InputError(f"{url}: cannot fetch (unsupported content encoding {unknown[0][:40]!r})")
    if len(found) > MAX_ENCODINGS:
        raise InputError(f"{url}: cannot fetch ({len(found)} content encodings, at most {MAX_ENCODINGS})")
    return found


class _Watch(threading.local):
    """The deadline and stop flag of the exchange this thread is running, if any."""

    deadline: float | None = None
    stop: threading.Event | None = None


_watch = _Watch()


@contextlib.contextmanager
def _watched(deadline: float, stop: threading.Event) -> Iterator[None]:
    _watch.deadline, _watch.stop = deadline, stop
    try:
        yield
    finally:
        _watch.deadline = _watch.stop = None


def _time_left(timeout: float | None, expired: type[Exception]) -> float | None:
    """timeout, cut to what is left of this thread's exchange; `expired` once it is over
    or the run is stopping."""
    if _watch.deadline is None:
        return timeout
    if _watch.stop is not None and _watch.stop.is_set():
        raise expired("the run is stopping")
    left = _watch.deadline - time.monotonic()
    if left <= 0:
        raise expired("past the deadline")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream:
    """An httpcore network stream whose operations end by the deadline of the exchange
    that uses it (see _DeadlineBackend); a read wakes every _SLICE s to see whether the
    run is stopping."""

    def __init__(self, inner: Any):
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        import httpcore

        if _watch.deadline is None:
            return bytes(self._inner.read(max_bytes, timeout))
        until = math.inf if timeout is None else time.monotonic() + timeout
        while True:
            left = _time_left(until - time.monotonic(), httpcore.ReadTimeout)
            if left is None or left <= 0:
                raise httpcore.ReadTimeout("timed out")
            try:
                return bytes(self._inner.read(max_bytes, min(left, _SLICE)))
            except httpcore.ReadTimeout:
                if time.monotonic() >= until:
                    raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        import httpcore

        self._inner.write(buffer, _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> _DeadlineStream:
        """The handshake gets what is left of the deadline (Python's ssl counts it for the
        whole handshake); inside an https proxy's tunnel it is many reads, each with that
        timeout, so a timer also shuts the socket down at the deadline."""
        import httpcore

        left = _time_left(timeout, httpcore.ConnectTimeout)
        sock = self._inner.get_extra_info("socket")
        timer = None
        if left is not None and isinstance(sock, socket.socket):
            timer = threading.Timer(left, _shut, (sock,))
            timer.daemon = True
            timer.start()
        try:
            return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, left))
        finally:
            if timer is not None:
                timer.cancel()

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _DeadlineBackend:
    """httpcore's network backend, with every connect, read and write cut to the deadline
    of the exchange running in the calling thread (_watched). httpx's timeouts are per
    socket operation and it has no total one: a server that sends a byte of its headers
    every 5 s is never silent for 30 s, and held a request for 400 s. Shortening each
    operation to what is left of the deadline ends the exchange at the deadline, whatever
    the phase (connect, TLS, headers, body, a proxy's), with no thread to watch it; reads
    wake every _SLICE s, so a stopping run (SIGTERM) is not held by a silent server."""

    def __init__(self, inner: Any):
        self._inner = inner

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> _DeadlineStream:
        import httpcore

        left = _time_left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.connect_tcp(host, port, timeout=left, local_address=local_address,
                                                       socket_options=socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None
                            ) -> _DeadlineStream:
        import httpcore

        left = _time_left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._inner.connect_unix_socket(path, timeout=left, socket_options=socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _with_deadlines(client: httpx.Client) -> httpx.Client:
    """client, its connection pools (the direct one and each proxy's) using _DeadlineBackend."""
    transports = [client._transport, *client._mounts.values()]
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        if pool is not None and hasattr(pool, "_network_backend"):
            pool._network_backend = _DeadlineBackend(pool._network_backend)
    return client


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
        self._client_lock = threading.Lock()
        # Set when the run stops (Ctrl-C, SIGTERM, the end of `with`): the fetching threads
        # leave their work at the next read (within _SLICE s), wait or URL.
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        ends = time.monotonic() + 2.0  # a thread in the middle of a connect is not waited for
        for thread in self._threads:
            thread.join(max(0.0, ends - time.monotonic()))
        if self._client is not None:
            self._client.close()

    @property
    def client(self) -> httpx.Client:
        with self._client_lock:
            if self._client is None:
                import httpx

                o = self.options
                # Redirects are followed here (get), each hop asking its host's robots.txt.
                self._client = _with_deadlines(httpx.Client(
                    timeout=httpx.Timeout(o.read_timeout, connect=o.connect_timeout),
                    follow_redirects=False, trust_env=True,
                    headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
                    limits=httpx.Limits(max_connections=max(o.concurrency * 2, 4)),
                    event_hooks={"response": [_move_location]},
                ))
            return self._client

    # -- one URL ---------------------------------------------------------------------------

    def get(self, url: str) -> _Page:
        """The page at url (archived); raises InputError, or RobotsSkip. Redirects are
        followed here, up to max_redirects, each hop to http(s) only and each asking its
        own host's robots.txt and waiting its turn there."""
        problem = _url_problem(url)
        if problem:
            raise InputError(f"{_named(url)}: {problem}")
        key = canonical_url(url)
        archived = self.archive.get(key)
        if self.options.offline:
            if archived is None:
                raise InputError(f"{url}: not in the archive (--offline)")
            return _Page(key, archived.body, archived.content_type, key)
        headers = {}
        if archived is not None and archived.etag:
            headers["If-None-Match"] = archived.etag
        if archived is not None and archived.last_modified:
            headers["If-Modified-Since"] = archived.last_modified
        target = key  # the canonical URL is asked for: no tracking parameters go back to the site
        for _hop in range(self.options.max_redirects + 1):
            host = self._host(target)
            with host.lock:
                if not self._allowed(target, host):
                    raise RobotsSkip(target)
                status, response_headers, body = self._get(target, headers, host)
            location = response_headers.get(_LOCATION)
            if status not in _REDIRECTS or not location:
                break
            target = _redirect_target(url, target, location)
        else:
            raise InputError(f"{url}: more than {self.options.max_redirects} redirects")
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
        return _Page(key, body, content_type, target)

    def _host(self, url: str) -> _Host:
        with self._hosts_lock:
            return self._hosts.setdefault(_host_key(url), _Host(delay=self.options.delay))

    def _wait_turn(self, host: _Host) -> None:
        pause = host.last + host.delay - time.monotonic()
        self._pause(pause)

    def _pause(self, seconds: float) -> None:
        """A wait that a stopping run cuts short."""
        if self._stop.wait(seconds) if seconds > 0 else self._stop.is_set():
            raise _Stopped

    def _allowed(self, url: str, host: _Host) -> bool:
        if not host.robots_read:
            host.robots_read = True
            parts = urlsplit(url)
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            try:
                status, text = self._robots(robots_url)
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

    def _robots(self, url: str) -> tuple[int, str]:
        """robots.txt: its first MAX_ROBOTS_BYTES (decoded), redirects followed (RFC 9309),
        all within one total_timeout."""
        deadline = time.monotonic() + self.options.total_timeout
        for _hop in range(self.options.max_redirects + 1):
            status, headers, body = self._request(url, {}, MAX_ROBOTS_BYTES, deadline, whole=False)
            location = headers.get(_LOCATION)
            if status not in _REDIRECTS or not location:
                break
            url = _redirect_target(url, url, location)
        if len(body) >= MAX_ROBOTS_BYTES:  # cut: its last line may be half a rule
            body = body[:MAX_ROBOTS_BYTES].rpartition(b"\n")[0]
        return status, body.decode("utf-8", "replace")

    def _get(self, url: str, headers: dict[str, str], host: _Host) -> tuple[int, Any, bytes]:
        """One hop: GET url, 429 and 503 retried; (status, headers, body)."""
        attempt = 0
        while True:
            self._wait_turn(host)
            try:
                status, response_headers, body = self._request(url, headers, self.options.max_bytes)
            finally:
                host.last = time.monotonic()
            if status in _RETRIED and attempt < self.options.retries:
                wait = _retry_after(response_headers.get("retry-after"), self.options.backoff * 2 ** attempt)
                if wait > MAX_RETRY_WAIT:
                    raise InputError(f"{url}: HTTP {status}, asked to come back in {wait:.0f} s")
                attempt += 1
                self._pause(wait)
                continue
            return status, response_headers, body

    def _request(self, url: str, headers: dict[str, str], limit: int, deadline: float | None = None,
                 whole: bool = True) -> tuple[int, Any, bytes]:
        """One GET, no redirect followed: (status, headers, body; the body of a 200 only).
        Connect, headers and body end by the deadline (total_timeout from now unless given),
        however the server drips. The body is decoded here, every layer capped at `limit`
        decoded bytes: past it InputError, or with whole=False the first `limit` bytes."""
        import httpx

        options = self.options
        deadline = deadline if deadline is not None else time.monotonic() + options.total_timeout
        too_large = f"{url}: larger than {_mb(limit)} MB, not an article"
        phase = "headers"
        try:
            with _watched(deadline, self._stop), self.client.stream("GET", url, headers=headers) as response:
                if response.status_code != 200:
                    return response.status_code, response.headers, b""
                declared = response.headers.get("content-length", "")
                if (whole and declared.isdigit() and int(declared) > limit
                        and "content-encoding" not in response.headers):
                    raise InputError(too_large)
                decoder = _Decoder(_encodings(url, response.headers), max(limit, options.max_bytes))
                body = bytearray()
                phase = "body"
                for chunk in response.iter_raw():
                    for piece in decoder.feed(chunk):
                        body += piece
                        if len(body) > limit:
                            if whole:
                                raise InputError(too_large)
                            return 200, response.headers, bytes(body[:limit])
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("past the deadline")
                return 200, response.headers, bytes(body)
        except _TooLarge:
            raise InputError(too_large) from None
        except zlib.error as err:
            raise InputError(f"{url}: cannot fetch (damaged compressed data: {_reason(err)})") from None
        except httpx.TimeoutException:
            if self._stop.is_set():
                raise _Stopped from None
            if time.monotonic() < deadline:
                raise InputError(f"{url}: no answer in time (timed out)") from None
            total = f"{options.total_timeout:g}"
            if phase == "body":
                raise InputError(f"{url}: still sending after {total} s, given up") from None
            raise InputError(f"{url}: no complete answer in {total} s, given up") from None
        except httpx.InvalidURL as err:
            raise InputError(f"{_named(url)}: not a valid URL ({_reason(err)})") from None
        except httpx.HTTPError as err:
            if self._stop.is_set():
                raise _Stopped from None
            raise InputError(f"{url}: cannot fetch ({_reason(err)})") from None

    # -- many URLs -------------------------------------------------------------------------

    def get_many(self, urls: list[str]) -> list[_Page | InputError | RobotsSkip]:
        """Every URL, in order: several hosts at once, one request at a time per host.
        The threads are daemons and the wait for them is where Ctrl-C or SIGTERM lands:
        the run then stops at once and the threads leave their work (see _stop)."""
        results: list[_Page | InputError | RobotsSkip | None] = [None] * len(urls)
        by_host: dict[str, list[int]] = {}
        for index, url in enumerate(urls):
            problem = _url_problem(url)
            if problem:
                results[index] = InputError(f"{_named(url)}: {problem}")
            else:
                by_host.setdefault(_host_key(url), []).append(index)
        self._count(len(urls) - sum(map(len, by_host.values())), len(urls))
        groups = iter(list(by_host.values()))
        groups_lock = threading.Lock()

        def one_host() -> None:
            while not self._stop.is_set():
                with groups_lock:
                    indexes = next(groups, None)
                if indexes is None:
                    return
                for index in indexes:
                    try:
                        results[index] = self.get(urls[index])
                    except (InputError, RobotsSkip) as err:
                        results[index] = err
                    except _Stopped:
                        return
                    except Exception as err:  # one odd server never stops the others
                        results[index] = InputError(f"{urls[index]}: cannot fetch ({_reason(err)})")
                    if self._stop.is_set():
                        return
                    self._count(1, 0)

        workers = max(1, min(self.options.concurrency, len(by_host))) if by_host else 0
        threads = [threading.Thread(target=one_host, name="digest-fetch", daemon=True) for _ in range(workers)]
        self._threads = [thread for thread in self._threads if thread.is_alive()] + threads
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        except BaseException:  # KeyboardInterrupt: Ctrl-C, or SIGTERM (digest.errors.Terminated)
            self._stop.set()
            raise
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


_LOCATION = "x-digest-location"


def _move_location(response: httpx.Response) -> None:
    """httpx parses a redirect's Location even when it does not follow it, and raises for
    one it cannot parse (javascript:alert(1), http://[::1), losing the response: digest
    follows redirects itself (get), so the header is moved out of httpx's way."""
    location = response.headers.get("location")
    if location is not None:
        del response.headers["location"]
        response.headers[_LOCATION] = location


def _host_key(url: str) -> str:
    """Which host's turn and robots.txt a (valid) URL waits for: scheme, host and port."""
    parts = urlsplit(canonical_url(url))
    return f"{parts.scheme}://{parts.netloc}"


def _redirect_target(url: str, current: str, location: str) -> str:
    """Where a redirect from `current` leads, or InputError naming `url`: a redirect to
    anything but an http(s) URL (ftp:, file:, javascript:) is refused."""
    try:
        target = urljoin(current, location.strip())
    except ValueError as err:
        raise InputError(f"{url}: refused a redirect: not a valid URL ({_reason(err)})") from None
    problem = _url_problem(target)
    if problem:
        raise InputError(f"{url}: refused a redirect: {problem}")
    return target


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
            out[slot] = source
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


def _feed_items(url: str, page: _Page, notice: Notice | None = None) -> list[Source | InputError | str]:
    """Each item of a feed (the first MAX_FEED_ITEMS): a Source when it carries the
    article, else its link (made absolute against the feed's URL), else an InputError
    that says what is wrong with it."""
    import feedparser

    parsed = feedparser.parse(page.body, response_headers={"content-type": page.content_type or "application/xml"})
    if not parsed.entries:
        if parsed.get("bozo"):
            raise InputError(f"{url}: not a readable feed ({str(parsed.get('bozo_exception') or 'bad XML')[:200]})")
        raise InputError(f"{url}: feed has no items")
    if len(parsed.entries) > MAX_FEED_ITEMS and notice is not None:
        notice(f"{url}: the feed lists {len(parsed.entries)} items; only the first {MAX_FEED_ITEMS} are read")
    outlet = parsed.feed.get("title")
    items: list[Source | InputError | str] = []
    for number, entry in enumerate(parsed.entries[:MAX_FEED_ITEMS], start=1):
        given = str(entry.get("link") or "").strip()
        link = _item_link(url, page.final_url, number, given) if given else None
        content = entry.get("content") or []
        body = max((str(c.get("value") or "") for c in content), key=len, default="")
        if body.strip():
            key = canonical_url(link) if isinstance(link, str) else _item_key(url, entry, body)
            items.append(Source(path=key, text=_item_page(entry, body, outlet, key), kind="html"))
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
