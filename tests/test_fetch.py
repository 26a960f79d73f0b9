"""digest.fetch as a good citizen, against servers on 127.0.0.1 that the tests start:
feeds (RSS 2.0, Atom), pages, 304, 429 with Retry-After, 500, slow, endless, a redirect
loop, a wrong charset header, robots.txt, gzip; and canonical URLs."""
from __future__ import annotations

import time
import unicodedata

import pytest

from digest.errors import InputError
from digest.fetch import Fetcher, FetchOptions, FetchReport, canonical_url, fetch_sources, is_feed, page_canonical
from digest.model import Source
from digest.store import Archive
from tests.live_server import ITEMS, article_page, atom, rss, serve

FAST = FetchOptions(delay=0, connect_timeout=2, read_timeout=1, total_timeout=3, backoff=0.05)


@pytest.fixture
def site(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "*")
    yield from serve()


def fetched(urls, options=FAST, notices=None):
    report = FetchReport()
    with Fetcher(options, notice=(notices.append if notices is not None else None)) as fetcher:
        return fetch_sources(urls, fetcher, report), report


def only_source(found) -> Source:
    assert len(found) == 1 and isinstance(found[0], Source), found
    return found[0]


def error_of(found) -> str:
    assert len(found) == 1 and isinstance(found[0], InputError), found
    return found[0].message


# -- telling feeds from pages ------------------------------------------------------------------

def test_an_rss_item_with_its_full_text_is_used_as_is(site):
    site.page("/feed", rss(ITEMS, site.url("")), "text/xml")
    found, _ = fetched([site.url("/feed")])
    assert [s.path for s in found] == [site.url(f"/bai-{n}.html") for n in (1, 2, 3)]  # utm_source gone
    assert "Báo Thử" in found[0].text and ITEMS[0][0] in found[0].text
    assert [p for p, _ in site.log] == ["/robots.txt", "/feed"]  # no page fetched


def test_an_rss_item_without_its_text_is_fetched_from_its_link(site):
    site.page("/feed", rss(ITEMS, site.url(""), full=False), "application/rss+xml")
    for n, (title, text) in enumerate(ITEMS, start=1):
        site.page(f"/bai-{n}.html", article_page(title, text, n=n))
    found, _ = fetched([site.url("/feed")])
    assert all(isinstance(s, Source) and s.kind == "html" for s in found)
    assert ITEMS[1][1].split(".")[0] in found[1].text


def test_an_atom_feed_served_as_html_is_still_a_feed(site):
    site.page("/atom", atom(ITEMS, site.url("")), "text/html")  # the body decides, not the header
    found, _ = fetched([site.url("/atom")])
    assert len(found) == 3 and "Báo Atom" in found[0].text
    assert "2024-05-01T09:00:00+07:00" in found[0].text


def test_a_page_named_feed_xml_is_an_article():
    assert not is_feed("text/html", b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert is_feed("", b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- x --><rss version='2.0'>")


def test_the_same_article_from_two_feeds_comes_once(site):
    site.page("/a", rss(ITEMS, site.url("")), "application/rss+xml")
    site.page("/b", rss(ITEMS[:1], site.url("")), "application/rss+xml")
    found, _ = fetched([site.url("/a"), site.url("/b")])
    assert len(found) == 3


# -- manners -----------------------------------------------------------------------------------

def test_user_agent_names_digest_and_its_version(site):
    from digest import __version__

    site.page("/p", article_page(*ITEMS[0]))
    only_source(fetched([site.url("/p")])[0])
    assert site.requests("/p")[0]["User-Agent"].startswith(f"digest/{__version__}")


def test_a_304_reuses_the_archived_copy(site):
    site.page("/p", article_page(*ITEMS[0]), etag='"v1"')
    first = only_source(fetched([site.url("/p")])[0])
    second = only_source(fetched([site.url("/p")])[0])
    assert first == second
    assert site.requests("/p")[1]["If-None-Match"] == '"v1"'
    assert "If-Modified-Since" in site.requests("/p")[1]


def test_429_is_retried_after_the_time_the_server_asks(site):
    calls = []

    def busy_then_fine(handler):
        calls.append(time.monotonic())
        if len(calls) == 1:
            handler.send_response(429)
            handler.send_header("Retry-After", "1")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
        else:
            site.routes["/ok"](handler)

    site.page("/ok", article_page(*ITEMS[0]))
    site.routes["/p"] = busy_then_fine
    only_source(fetched([site.url("/p")])[0])
    assert len(calls) == 2 and calls[1] - calls[0] >= 0.95


def test_a_retry_after_beyond_the_limit_is_a_failure_now(site):
    site.status("/p", 503, {"Retry-After": "86400"})
    assert "come back in 86400 s" in error_of(fetched([site.url("/p")])[0])


def test_a_500_is_one_line_and_the_others_go_on(site):
    site.status("/bad", 500)
    site.page("/good", article_page(*ITEMS[0]))
    found, report = fetched([site.url("/bad"), site.url("/good")])
    assert isinstance(found[0], InputError) and found[0].message.endswith("HTTP 500")
    assert isinstance(found[1], Source)
    assert report.sources[0][1] is not None and report.sources[1][1] is None


def test_a_slow_server_times_out(site):
    def slow(handler):
        time.sleep(3)

    site.routes["/slow"] = slow
    started = time.monotonic()
    assert "timed out" in error_of(fetched([site.url("/slow")])[0])
    assert time.monotonic() - started < 2.5


def test_an_endless_body_stops_at_the_size_cap(site):
    def endless(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        chunk = b"<p>" + b"x" * 65536 + b"</p>"
        while True:
            handler.wfile.write(chunk)

    site.routes["/endless"] = endless
    options = FetchOptions(delay=0, max_bytes=1024 * 1024, read_timeout=2, total_timeout=10)
    assert "larger than 1 MB" in error_of(fetched([site.url("/endless")], options)[0])


def test_a_dripping_server_is_given_up_at_the_overall_deadline(site):
    def drip(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        while True:
            handler.wfile.write(b"<p>x</p>")
            handler.wfile.flush()
            time.sleep(0.1)

    site.routes["/drip"] = drip
    options = FetchOptions(delay=0, read_timeout=1, total_timeout=1)
    assert "given up" in error_of(fetched([site.url("/drip")], options)[0])


def test_a_redirect_loop_is_cut(site):
    site.status("/a", 302, {"Location": "/b"})
    site.status("/b", 302, {"Location": "/a"})
    assert "redirects" in error_of(fetched([site.url("/a")])[0])


def test_a_wrong_latin1_charset_header_on_a_utf8_page(site):
    site.page("/p", article_page(*ITEMS[0]), "text/html; charset=iso-8859-1")
    assert ITEMS[0][0] in only_source(fetched([site.url("/p")])[0]).text


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: base letters with tone marks apart."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
    return out


def test_the_header_charset_wins_when_the_body_is_in_it(site):
    site.page("/p", cp1258(article_page(*ITEMS[0], charset_meta="utf-8")), "text/html; charset=windows-1258")
    assert "Hà Nội" in only_source(fetched([site.url("/p")])[0]).text


def test_a_gzipped_page(site):
    site.page("/p", article_page(*ITEMS[0]), gzipped=True)
    assert ITEMS[0][0] in only_source(fetched([site.url("/p")])[0]).text
    assert "gzip" in site.requests("/p")[0]["Accept-Encoding"]


def test_robots_txt_that_disallows_skips_with_a_notice(site):
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    site.page("/private/p", article_page(*ITEMS[0]))
    site.page("/p", article_page(*ITEMS[1]))
    notices: list[str] = []
    found, report = fetched([site.url("/private/p"), site.url("/p")], notices=notices)
    assert len(found) == 1 and isinstance(found[0], Source)
    assert report.skipped == 1 and "robots.txt disallows" in notices[0]
    assert not site.requests("/private/p")


def test_one_request_at_a_time_per_host_with_the_polite_delay(site):
    for n in range(3):
        site.page(f"/p{n}", article_page(*ITEMS[n]))
    started = time.monotonic()
    fetched([site.url(f"/p{n}") for n in range(3)], FetchOptions(delay=0.3))
    # robots.txt, then three pages: three polite pauses
    assert time.monotonic() - started >= 0.9


def test_offline_reads_the_archive_and_never_the_network(site):
    site.page("/p", article_page(*ITEMS[0]))
    online = only_source(fetched([site.url("/p")])[0])
    count = len(site.log)
    offline = only_source(fetched([site.url("/p")], FetchOptions(offline=True))[0])
    assert offline == online and len(site.log) == count
    assert "not in the archive" in error_of(fetched([site.url("/q")], FetchOptions(offline=True))[0])


def test_the_archive_keeps_each_page_by_canonical_url(site):
    site.page("/p", article_page(*ITEMS[0]))
    fetched([site.url("/p?utm_source=zalo&fbclid=1#top")])
    page = Archive().get(site.url("/p"))
    assert page is not None and ITEMS[0][0].encode() in page.body


def test_an_amp_copy_is_the_article_it_points_to(site):
    site.page("/amp/p", article_page(*ITEMS[0], canonical=site.url("/p")))
    site.page("/p", article_page(*ITEMS[0], canonical=site.url("/p")))
    found, _ = fetched([site.url("/amp/p"), site.url("/p")])
    assert only_source(found).path == site.url("/p")


# -- canonical URLs ----------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "canonical"), [
    ("HTTPS://VnExpress.net:443/a-1.html?utm_source=fb&utm_medium=x#box", "https://vnexpress.net/a-1.html"),
    ("https://tuoitre.vn/a.htm?fbclid=IwAR&gclid=1&zarsrc=30&gidzl=abc", "https://tuoitre.vn/a.htm"),
    ("https://x.vn/tim-kiem?q=b%C3%A3o&page=2", "https://x.vn/tim-kiem?q=b%C3%A3o&page=2"),
    ("http://x.vn", "http://x.vn/"),
])
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_a_canonical_on_another_site_or_the_front_page_is_not_believed():
    page = b'<link rel="canonical" href="https://other.vn/x">'
    assert page_canonical("https://m.a.vn/x", page) == "https://m.a.vn/x"
    assert page_canonical("https://m.a.vn/x", b"<link href='https://a.vn/' rel=canonical>") == "https://m.a.vn/x"
    assert page_canonical("https://m.a.vn/x", b"<link href='https://a.vn/x?utm_source=1' rel=canonical>") == (
        "https://a.vn/x")
