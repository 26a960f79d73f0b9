"""digest.fetch against hostile servers and inputs, on 127.0.0.1: compression bombs
(stacked encodings, a robots.txt bomb, an endless robots.txt), servers that drip their
headers or robots.txt, SIGTERM in the middle of a feed, a feed of countless items, bad
URLs wherever a URL enters, link-less feed items, redirects to another host or scheme,
javascript: links; and property tests over URLs and feed items."""
from __future__ import annotations

import gzip
import os
import signal
import subprocess
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from html import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest import fetch
from digest.errors import InputError
from digest.fetch import Fetcher, FetchOptions, FetchReport, canonical_url, fetch_sources, page_canonical
from digest.fetch.feeds import ItemLink
from digest.model import Source
from tests.conftest import installed_digest, run_digest
from tests.live_server import ITEMS, Handler, Site, article_page, paragraphs, rss, serve

pytest_plugins = ["tests.conftest_live"]

FAST = FetchOptions(delay=0, connect_timeout=2, read_timeout=1, total_timeout=3, backoff=0.05)


@pytest.fixture
def other(site):
    """A second host (another port is another host for robots.txt and politeness)."""
    yield from serve()


def fetched(urls, options=FAST, notices=None):
    with Fetcher(options, notice=(notices.append if notices is not None else None)) as fetcher:
        return fetch_sources(urls, fetcher, FetchReport())


def errors(found) -> list[str]:
    return [item.message for item in found if isinstance(item, InputError)]


def sources(found) -> list[Source]:
    return [item for item in found if isinstance(item, Source)]


def raw(site: Site, path: str, status: int, headers: dict[str, str], body: bytes = b"") -> None:
    """A route that sends exactly these headers (Content-Encoding as given) and body."""
    def route(handler: Handler) -> None:
        handler.send_response(status)
        for key, value in headers.items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    site.routes[path] = route


def gzipped(chunks, level: int = 9) -> bytes:
    packer = zlib.compressobj(level, zlib.DEFLATED, 31)
    return b"".join([*(packer.compress(chunk) for chunk in chunks), packer.flush()])


def zeros(megabytes: int) -> Iterator[bytes]:
    return (bytes(1 << 20) for _ in range(megabytes))


# -- 4. compression bombs ----------------------------------------------------------------------

MB = 1 << 20
BOMB_MB = 128  # decoded size of the stacked bomb; the cap in these tests is 1 MB


@pytest.fixture(scope="module")
def stacked_bomb() -> bytes:
    """"gzip, gzip": 128 MB of zeros in about 400 bytes."""
    return gzipped([gzipped(zeros(BOMB_MB))])


def peak_memory_of(call) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_stacked_gzip_is_decoded_piece_by_piece_under_the_cap(site, stacked_bomb):
    raw(site, "/bomb", 200, {"Content-Type": "text/html", "Content-Encoding": "gzip, gzip"}, stacked_bomb)
    options = FetchOptions(delay=0, max_bytes=MB, read_timeout=5, total_timeout=10)
    found, peak = peak_memory_of(lambda: fetched([site.url("/bomb")], options))
    assert errors(found) == [f"{site.url('/bomb')}: larger than 1 MB, not an article"]
    assert peak < 16 * MB, peak  # httpx's own decoders held all 128 MB at once


def test_every_layer_is_capped_even_one_that_decodes_to_nothing(site):
    """The inner layer is 4 MB of empty deflate blocks: nothing comes out of it, but the
    outer layer makes 4 MB; a cap on the final bytes alone would let it run."""
    empty_blocks = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + b"\x00\x00\x00\xff\xff" * (4 * MB // 5) + (
        b"\x03\x00" + bytes(8))
    assert gzip.decompress(empty_blocks) == b""
    raw(site, "/empty", 200, {"Content-Type": "text/html", "Content-Encoding": "gzip, gzip"}, gzipped([empty_blocks]))
    options = FetchOptions(delay=0, max_bytes=MB, read_timeout=5, total_timeout=10)
    assert errors(fetched([site.url("/empty")], options)) == [f"{site.url('/empty')}: larger than 1 MB, not an article"]


@pytest.mark.parametrize("encoding, encode", [
    ("gzip, gzip", lambda data: gzip.compress(gzip.compress(data))),
    ("x-gzip", gzip.compress),
    ("deflate", zlib.compress),  # a zlib stream, as the RFC says
    ("deflate", lambda data: zlib.compress(data)[2:-4]),  # raw deflate, as old IIS sends
    ("identity, gzip", gzip.compress),
])
def test_pages_in_every_accepted_encoding_read_the_same(site, encoding, encode):
    page = article_page(*ITEMS[0]).encode("utf-8")
    raw(site, "/p", 200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": encoding}, encode(page))
    found = fetched([site.url("/p")])
    assert ITEMS[0][0] in sources(found)[0].text, found


@pytest.mark.parametrize("encoding, message", [
    ("br", "unsupported content encoding 'br'"), ("gzip, gzip, gzip", "3 content encodings, at most 2"),
])
def test_encodings_digest_cannot_undo_are_one_line(site, encoding, message):
    raw(site, "/p", 200, {"Content-Type": "text/html", "Content-Encoding": encoding}, b"\x00" * 100)
    assert errors(fetched([site.url("/p")])) == [f"{site.url('/p')}: cannot fetch ({message})"]


def test_damaged_gzip_is_one_line(site):
    raw(site, "/p", 200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, b"\x1f\x8b\x08\x00" + bytes(6) + b"\xff" * 8)
    assert "damaged compressed data" in errors(fetched([site.url("/p")]))[0]


def test_a_robots_txt_bomb_is_read_to_its_cap_and_the_page_still_comes(site):
    rules = b"User-agent: *\nDisallow: /private\n"
    raw(site, "/robots.txt", 200, {"Content-Type": "text/plain", "Content-Encoding": "gzip"},
        gzipped([rules, *zeros(64)]))
    site.page("/p", article_page(*ITEMS[0]))
    site.page("/private", article_page(*ITEMS[1]))
    notices: list[str] = []
    found, peak = peak_memory_of(lambda: fetched([site.url("/p"), site.url("/private")], notices=notices))
    assert [s.path for s in sources(found)] == [site.url("/p")]
    assert notices == [f"{site.url('/private')}: skipped, robots.txt disallows it"]
    assert peak < 16 * MB, peak


def test_an_endless_robots_txt_is_cut_at_500_kb(site, stop):
    def endless(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()
        handler.wfile.write(b"User-agent: *\nDisallow: /private\n")
        line = b"# " + b"x" * 1000 + b"\n"
        sent = 0
        while not stop.is_set() and sent < 200 * MB:
            handler.wfile.write(line * 64)
            sent += len(line) * 64

    site.routes["/robots.txt"] = endless
    site.page("/p", article_page(*ITEMS[0]))
    site.page("/private", article_page(*ITEMS[1]))
    notices: list[str] = []
    started = time.monotonic()
    found = fetched([site.url("/p"), site.url("/private")], notices=notices)
    assert [s.path for s in sources(found)] == [site.url("/p")]
    assert notices == [f"{site.url('/private')}: skipped, robots.txt disallows it"]
    assert time.monotonic() - started < 15


# -- 5. the deadline covers the whole exchange ---------------------------------------------------

def dripping(stop: threading.Event, head: bytes, body: bytes = b"", every: float = 0.2) -> Callable[[Handler], None]:
    """A route that sends `head` at once, then `body` a byte every `every` s (for 60 s at most)."""
    def route(handler: Handler) -> None:
        handler.wfile.write(head)
        ends = time.monotonic() + 60
        for byte in body:
            if stop.wait(every) or time.monotonic() > ends:
                return
            handler.wfile.write(bytes([byte]))

    return route


DEADLINE = FetchOptions(delay=0, connect_timeout=2, read_timeout=2, total_timeout=3)


def test_headers_dripped_a_byte_at_a_time_end_at_the_deadline(site, stop):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Drip: " + b"a" * 1000 + b"\r\n\r\n"
    site.routes["/p"] = dripping(stop, b"", head)
    started = time.monotonic()
    assert errors(fetched([site.url("/p")], DEADLINE)) == [f"{site.url('/p')}: no complete answer in 3 s, given up"]
    assert time.monotonic() - started < 15  # the server would drip for 60 s


def test_a_body_dripped_ends_at_the_deadline(site, stop):
    page = article_page(*ITEMS[0]).encode()
    site.routes["/p"] = dripping(stop, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", page)
    started = time.monotonic()
    assert errors(fetched([site.url("/p")], DEADLINE)) == [f"{site.url('/p')}: still sending after 3 s, given up"]
    assert time.monotonic() - started < 15


def test_a_dripped_robots_txt_ends_at_the_deadline_and_the_page_still_comes(site, stop):
    site.routes["/robots.txt"] = dripping(stop, b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n",
                                          b"User-agent: *\nDisallow: /\n" * 100)
    site.page("/p", article_page(*ITEMS[0]))
    started = time.monotonic()
    found = fetched([site.url("/p")], DEADLINE)
    assert [s.path for s in sources(found)] == [site.url("/p")]
    assert time.monotonic() - started < 15


def test_the_deadline_is_in_every_connection_pool_proxies_included(monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.delenv("NO_PROXY", raising=False)
    with Fetcher(FAST) as fetcher:
        pools = [getattr(t, "_pool", None) for t in [fetcher.client._transport, *fetcher.client._mounts.values()]]
    assert len([p for p in pools if p is not None]) == 3
    assert all(isinstance(p._network_backend, fetch._DeadlineBackend) for p in pools if p is not None)


def test_headers_dripped_by_a_proxy_end_at_the_deadline(site, stop, monkeypatch):
    """The proxy (this site: every path drips) is reached through the wrapped backend too."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Drip: " + b"a" * 1000 + b"\r\n\r\n"
    site.routes["http://news.invalid/p"] = dripping(stop, b"", head)
    monkeypatch.setenv("HTTP_PROXY", site.url(""))
    monkeypatch.delenv("NO_PROXY", raising=False)
    started = time.monotonic()
    assert errors(fetched(["http://news.invalid/p"], DEADLINE)) == [
        "http://news.invalid/p: no complete answer in 3 s, given up"]
    assert time.monotonic() - started < 15 and site.requests("http://news.invalid/p")


# -- 6. signals and feeds of countless items ------------------------------------------------------

def feed_of(site: Site, count: int, full: bool) -> str:
    items = [(f"Tin số {n}: " + ITEMS[n % 3][0], ITEMS[n % 3][1]) for n in range(1, count + 1)]
    for n, item in enumerate(items, start=1):
        site.page(f"/bai-{n}.html", article_page(*item))
    site.page("/feed", rss(items, site.url(""), full=full), "application/rss+xml")
    return site.url("/feed")


def test_a_feed_is_read_to_its_first_200_items_with_one_notice(site):
    url = feed_of(site, 250, full=True)
    notices: list[str] = []
    found = fetched([url], notices=notices)
    assert len(sources(found)) == fetch.MAX_FEED_ITEMS == 200
    assert notices == [f"{url}: the feed lists 250 items; only the first 200 are read"]


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_a_feed_fetch_at_once(site, signum, code):
    """20 links on one host, a second apart: 20 s of fetching; the signal comes after the
    third page, and digest exits within seconds, not after the queue."""
    url = feed_of(site, 20, full=False)
    env = {**os.environ, "NO_PROXY": "*", "DIGEST_DATA_DIR": os.environ["DIGEST_DATA_DIR"]}
    process = subprocess.Popen([str(installed_digest()), url, "--lang", "vi", "--delay", "1"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        ends = time.monotonic() + 30
        while len(site.log) < 4 and time.monotonic() < ends:  # robots.txt, the feed, two pages
            time.sleep(0.05)
        assert len(site.log) >= 4
        process.send_signal(signum)
        sent = time.monotonic()
        assert process.wait(timeout=15) == code
        assert time.monotonic() - sent < 5
        assert len(site.log) < 10
    finally:
        process.kill()
        process.wait()
        stderr = process.stderr.read() if process.stderr else b""
    assert "digest: interrupted" in stderr.decode()


def test_a_silent_server_does_not_hold_a_stopping_fetcher(site, stop):
    site.routes["/silent"] = lambda handler: stop.wait(60)
    fetcher = Fetcher(FetchOptions(delay=0, read_timeout=30, total_timeout=60))
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(fetcher.get_many([site.url("/silent")])), daemon=True)
    worker.start()
    while not site.requests("/silent"):
        time.sleep(0.05)
    started = time.monotonic()
    fetcher.__exit__(None, None, None)  # what Ctrl-C or SIGTERM sets off (the stop flag)
    worker.join(15)
    assert not worker.is_alive() and time.monotonic() - started < 5


# -- 7. bad URLs are one line each -----------------------------------------------------------------

BAD_URLS = ["http://[::1/", "http://127.0.0.1:99999/x", "http://127.0.0.1:port/x", "http:///no-host",
            "http://[fe80::1%zz/x"]


def test_bad_urls_on_the_command_line_are_one_line_each_and_the_others_go_through(site):
    site.page("/p", article_page(*ITEMS[0]))
    found = fetched([*BAD_URLS, site.url("/p")])
    assert [s.path for s in sources(found)] == [site.url("/p")]
    assert len(errors(found)) == len(BAD_URLS)
    assert all(message.startswith(url) for message, url in zip(errors(found), BAD_URLS, strict=True))


def test_the_cli_delivers_the_good_url_next_to_a_bad_one(site):
    site.page("/p", article_page(*ITEMS[0]))
    done = run_digest("http://[::1/", site.url("/p"), "--lang", "vi", "--delay", "0",
                      env={"NO_PROXY": "*", "DIGEST_DATA_DIR": os.environ["DIGEST_DATA_DIR"]}, timeout=60)
    assert done.returncode == 1, done.stderr
    assert ITEMS[0][0] in done.stdout.decode()
    assert done.stderr.decode().splitlines() == ["digest: http://[::1/: not a valid URL (Invalid IPv6 URL)"]


def test_bad_feed_item_links_are_one_line_each(site):
    site.page("/good.html", article_page(*ITEMS[0]))
    links = ["http://[::1", "http://127.0.0.1:99999/x", "javascript:alert(document.cookie)",
             "file:///etc/passwd", "/good.html"]
    entries = "".join(f"<item><title>t{n}</title><link>{escape(link)}</link></item>"
                      for n, link in enumerate(links, start=1))
    site.page("/feed", f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{entries}</channel></rss>',
              "application/rss+xml")
    feed = site.url("/feed")
    found = fetched([feed])
    assert [s.path for s in sources(found)] == [site.url("/good.html")]  # a relative link is made absolute
    assert errors(found) == [
        f"{feed}: item 1: not a valid URL (Invalid IPv6 URL)",
        f"{feed}: item 2: not a valid URL (Port out of range 0-65535)",
        f"{feed}: item 3: not an http(s) link: javascript:...",
        f"{feed}: item 4: not an http(s) link: file:...",
    ]


def test_a_canonical_with_a_bad_port_is_not_believed(site):
    site.page("/p", article_page(*ITEMS[0], canonical="http://127.0.0.1:99999/p"))
    assert [s.path for s in sources(fetched([site.url("/p")]))] == [site.url("/p")]


def test_an_ipv6_host_keeps_its_brackets():
    assert canonical_url("http://[::1]:8080/a?utm_source=x") == "http://[::1]:8080/a"
    assert canonical_url("https://[2001:DB8::1]:443") == "https://[2001:db8::1]/"


# -- 13. link-less items are keyed by guid, else by title and date -------------------------------

def linkless_feed(items: list[tuple[str | None, str, str]]) -> str:
    text = paragraphs(ITEMS[0][1])
    entries = "".join(
        "<item>" + (f'<guid isPermaLink="false">{guid}</guid>' if guid else "") + f"<title>{title}</title>"
        f"<pubDate>{date}</pubDate><content:encoded><![CDATA[{text}]]></content:encoded></item>"
        for guid, title, date in items)
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>F</title>{entries}</channel></rss>")


@pytest.mark.parametrize("guids", [True, False])
def test_an_item_added_at_the_top_leaves_the_others_keys_alone(site, guids):
    old = [("a-1" if guids else None, "Tin một", "Wed, 01 May 2024 08:00:00 +0700"),
           ("a-2" if guids else None, "Tin hai", "Wed, 01 May 2024 09:00:00 +0700")]
    new = [("a-3" if guids else None, "Tin ba", "Wed, 01 May 2024 10:00:00 +0700"), *old]
    site.page("/feed", linkless_feed(old), "application/rss+xml")
    before = [s.path for s in sources(fetched([site.url("/feed")]))]
    site.page("/feed", linkless_feed(new), "application/rss+xml")
    after = [s.path for s in sources(fetched([site.url("/feed")]))]
    assert len(set(before)) == 2 and after[1:] == before and after[0] not in before
    assert all(path.startswith(site.url("/feed#item-")) for path in after)


# -- 17, 18. redirects: robots.txt of every host, http(s) only -----------------------------------

def test_a_redirect_to_another_host_asks_that_hosts_robots_txt(site, other):
    site.status("/go", 302, {"Location": other.url("/secret")})
    other.page("/robots.txt", "User-agent: *\nDisallow: /secret\n", "text/plain")
    other.page("/secret", article_page(*ITEMS[0]))
    notices: list[str] = []
    assert fetched([site.url("/go")], notices=notices) == []
    assert notices == [f"{site.url('/go')}: skipped, it redirects to {other.url('/secret')}, "
                       "which that host's robots.txt disallows"]
    assert [path for path, _ in other.log] == ["/robots.txt"]


def test_a_redirect_to_an_allowed_host_is_followed_and_named_by_where_it_led(site, other):
    site.status("/go", 301, {"Location": other.url("/p?utm_source=x")})
    other.page("/p?utm_source=x", article_page(*ITEMS[0]))
    found = fetched([site.url("/go")])
    assert [s.path for s in sources(found)] == [other.url("/p")]
    assert [path for path, _ in other.log] == ["/robots.txt", "/p?utm_source=x"]


@pytest.mark.parametrize("location, shown", [
    ("ftp://127.0.0.1/x", "ftp:..."), ("file:///etc/passwd", "file:..."), ("javascript:alert(1)", "javascript:..."),
])
def test_a_redirect_to_another_scheme_is_refused(site, location, shown):
    site.status("/go", 302, {"Location": location})
    assert errors(fetched([site.url("/go")])) == [f"{site.url('/go')}: refused a redirect: not an http(s) link: {shown}"]


@pytest.mark.parametrize("location, problem", [
    ("http://[::1/x", "not a valid URL (Invalid IPv6 URL)"),
    ("http://127.0.0.1:99999/x", "not a valid URL (Port out of range 0-65535)"),
])
def test_a_redirect_to_a_bad_url_is_one_line(site, location, problem):
    site.status("/go", 302, {"Location": location})
    assert errors(fetched([site.url("/go")])) == [f"{site.url('/go')}: refused a redirect: {problem}"]


def test_redirects_are_capped(site):
    for n in range(10):
        site.status(f"/r{n}", 302, {"Location": f"/r{n + 1}"})
    assert errors(fetched([site.url("/r0")])) == [f"{site.url('/r0')}: more than 5 redirects"]
    assert len(site.requests("/r5")) == 1 and not site.requests("/r6")


# -- fuzz: whatever the text, a string or an InputError --------------------------------------------

URLISH = st.builds(
    lambda scheme, host, port, path, rest: f"{scheme}{host}{port}{path}{rest}",
    st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "javascript:", "", "http:", "//"]),
    st.one_of(st.sampled_from(["x.vn", "[::1]", "[::1", "::1]", "[fe80::1%eth0]", "127.0.0.1", "", "ü.vn",
                               "a@b", "[v1.x]", "%00", "xn--"]), st.text(max_size=12)),
    st.one_of(st.just(""), st.integers(-10, 200_000).map(lambda n: f":{n}"), st.text(max_size=6).map(":{}".format)),
    st.text(max_size=20).map(lambda text: "/" + text),
    st.text(alphabet="?#&=%[]@: \t\n\x00", max_size=8),
)
ANY_URL = st.one_of(st.text(max_size=60), URLISH)


@settings(max_examples=400, deadline=None)
@given(ANY_URL)
def test_canonical_url_gives_a_string_or_an_input_error(url):
    try:
        result = canonical_url(url)
    except InputError as err:
        assert "not a valid URL" in err.message
    else:
        assert isinstance(result, str)
        if fetch._url_problem(url) is None:  # a fetchable URL stays one, and canonical is canonical
            assert fetch._url_problem(result) is None and canonical_url(result) == result


@settings(max_examples=300, deadline=None)
@given(ANY_URL, ANY_URL)
def test_everything_that_parses_a_url_gives_a_string_or_an_input_error(href, location):
    assert fetch._url_problem(href) is None or isinstance(fetch._url_problem(href), str)
    body = f'<link rel="canonical" href="{escape(href)}">'.encode("utf-8", "surrogatepass")
    assert isinstance(page_canonical("https://m.x.vn/a", body), str)
    try:
        target = fetch._redirect_target("https://x.vn/a", "https://x.vn/a", location)
    except InputError as err:
        assert err.message.startswith("https://x.vn/a: refused a redirect")
    else:
        assert fetch._url_problem(target) is None


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ANY_URL, max_size=6))
def test_get_many_gives_one_result_per_url_whatever_they_are(urls):
    with Fetcher(FetchOptions(offline=True)) as fetcher:  # the archive only: no network
        results = fetcher.get_many(urls)
    assert len(results) == len(urls) and all(isinstance(r, InputError) for r in results)


def xml_text(text: str) -> str:
    """text as XML allows it (no control characters, escaped)."""
    return escape("".join(c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd")))


ITEM = st.fixed_dictionaries({
    "link": st.one_of(st.none(), ANY_URL), "guid": st.one_of(st.none(), st.text(max_size=20)),
    "title": st.one_of(st.none(), st.text(max_size=20)), "date": st.one_of(st.none(), st.text(max_size=30)),
    "content": st.one_of(st.none(), st.text(max_size=40)),
})


def feed_xml(items: list[dict[str, str | None]], atom: bool) -> bytes:
    parts = []
    for item in items:
        tags = {"link": item["link"], "guid" if not atom else "id": item["guid"], "title": item["title"],
                "pubDate" if not atom else "updated": item["date"]}
        fields = "".join(f"<{tag}>{xml_text(value)}</{tag}>" for tag, value in tags.items()
                         if value is not None and tag != "link")
        if item["link"] is not None:
            fields += (f'<link href="{xml_text(item["link"])}"/>' if atom else f"<link>{xml_text(item['link'])}</link>")
        if item["content"] is not None:
            fields += (f'<content type="html">{xml_text(item["content"])}</content>' if atom else
                       f"<content:encoded>{xml_text(item['content'])}</content:encoded>")
        parts.append(f"<entry>{fields}</entry>" if atom else f"<item>{fields}</item>")
    if atom:
        return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{"".join(parts)}</feed>'.encode()
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f'<channel><title>F</title>{"".join(parts)}</channel></rss>').encode()


@settings(max_examples=150, deadline=None)
@given(st.lists(ITEM, max_size=5), st.booleans())
def test_feed_items_are_sources_links_or_input_errors(items, atom):
    page = fetch._Page("https://x.vn/feed", feed_xml(items, atom), "application/xml", "https://x.vn/feed")
    try:
        found = fetch._feed_items("https://x.vn/feed", page)
    except InputError:
        return
    for item in found:
        assert isinstance(item, (Source, InputError, ItemLink))
        if isinstance(item, ItemLink):
            assert fetch._url_problem(item.url) is None
        if isinstance(item, Source):
            assert canonical_url(item.path.partition("#")[0]) == item.path.partition("#")[0]


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_as_a_feed_give_items_or_an_input_error(body):
    page = fetch._Page("https://x.vn/feed", b'<?xml version="1.0"?><rss>' + body, "application/xml",
                       "https://x.vn/feed")
    try:
        found = fetch._feed_items("https://x.vn/feed", page)
    except InputError:
        return
    assert all(isinstance(item, (Source, InputError, ItemLink)) for item in found)
