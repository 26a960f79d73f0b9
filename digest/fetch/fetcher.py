"""The Fetcher: one run's HTTP client, archive and per-host state, fetching as a good citizen.

Politeness, each with its reason:
- connect/read timeouts and a deadline per request that covers connect, headers and
  body (a server dripping a byte a second must not hold a cron run for ever), a size
  cap on decoded bytes at every Content-Encoding layer (an endless body, a gzip bomb):
  both in digest.fetch.exchange; at most MAX_FEED_ITEMS items of a feed
  (digest.fetch.feeds);
- redirects followed here, capped (a redirect loop), to http(s) only, each hop asking
  its own host's robots.txt and waiting its turn there;
- robots.txt honoured (a page it disallows is skipped with a notice: it is not a
  failure), its first MAX_ROBOTS_BYTES read, its Crawl-delay too, up to MAX_CRAWL_DELAY;
- Ctrl-C and SIGTERM stop the fetching threads at once (Fetcher._stop);
- a URL that does not parse, wherever it comes from, is one InputError naming it
  (digest.fetch.urls);
- one request at a time per host with a polite delay between them, and several hosts
  at once (`concurrency`);
- 429 and 503 retried with backoff, honouring Retry-After up to MAX_RETRY_WAIT;
- conditional GET: the ETag and Last-Modified of the archived copy are sent, and a 304
  reuses that copy (only the seen store decides what is new);
- HTTPS_PROXY/HTTP_PROXY/NO_PROXY honoured (httpx's trust_env); a User-Agent naming
  digest and its version.

Every fetched page goes to the archive (digest.store), keyed by canonical URL, and comes
back as a _Page.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from digest import __version__
from digest.errors import InputError
from digest.fetch.exchange import (
    _LOCATION,
    REDIRECTS,
    _Decoder,
    _encodings,
    _move_location,
    _TooLarge,
    _watched,
    _with_deadlines,
)
from digest.fetch.urls import _host_key, _named, _reason, _redirect_target, _url_problem, canonical_url
from digest.sources import MAX_INPUT_BYTES
from digest.store import Archive, ArchivedPage

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"digest/{__version__} (Vietnamese news briefings; python-httpx)"
MAX_CRAWL_DELAY = 30.0  # a robots.txt asking for more would stall a morning run
MAX_RETRY_WAIT = 120.0  # a Retry-After beyond this is a failure for this run, not a wait
_RETRIED = (429, 503)
MAX_ROBOTS_BYTES = 500 * 1024  # what Google reads of a robots.txt; the rest is ignored


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
            if status not in REDIRECTS or not location:
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
            if status not in REDIRECTS or not location:
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
