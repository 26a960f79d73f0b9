"""Fetching many articles from many hosts: digest's fetcher beside a one-at-a-time fetch.

    python bench/fetch.py [--articles 200] [--hosts 10] [--latency 0.05]

Ten servers on 127.0.0.2 … 127.0.0.11 (loopback addresses, so each is its own host to
the per-host rules) answer each request after 50 ms, like a far news site. The same 200
article URLs are fetched (1) by digest.fetch.Fetcher (several hosts at once, one request
at a time per host, robots.txt read once per host) with no polite delay and with its
default one, and (2) one at a time with httpx, the floor any sequential crawler pays.
newspaper4k's Article.download() is timed too when it is installed (`pip install
newspaper4k`; it is not a dependency of digest), one at a time and from a pool of as
many threads as digest fetches hosts at once (download only, as digest's figure is:
no extraction). Each fetcher starts empty, so no conditional GET or 304 helps it.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.live_server import ITEMS, article_page, serve

_RUNNING: list[object] = []


def start(hosts: int, articles: int, latency: float) -> list[str]:
    urls: list[str] = []
    sites = []
    for number in range(hosts):
        running = serve(f"127.0.0.{number + 2}", delay=latency)
        _RUNNING.append(running)  # a generator dropped would shut its server down
        sites.append(next(running))
    for index in range(articles):
        site = sites[index % hosts]
        title, text = ITEMS[index % len(ITEMS)]
        site.page(f"/bai-{index}.html", article_page(f"{title} {index}", text))
        urls.append(site.url(f"/bai-{index}.html"))
    return urls


def with_digest(urls: list[str], delay: float) -> float:
    from digest.fetch import Fetcher, FetchOptions
    from digest.store import Archive

    with tempfile.TemporaryDirectory() as archive:
        started = time.perf_counter()
        with Fetcher(FetchOptions(delay=delay), archive=Archive(Path(archive))) as fetcher:
            results = fetcher.get_many(urls)
        took = time.perf_counter() - started
    failed = [r for r in results if not hasattr(r, "body")]
    assert not failed, failed[:3]
    return took


def one_at_a_time(urls: list[str]) -> float:
    import httpx

    started = time.perf_counter()
    with httpx.Client() as client:
        for url in urls:
            client.get(url).raise_for_status()
    return time.perf_counter() - started


def with_newspaper(urls: list[str], threads: int) -> float | None:
    try:
        from newspaper import Article  # type: ignore[import-not-found]
    except ImportError:
        return None

    def download(url: str) -> None:
        article = Article(url)
        article.download()
        assert article.html, url

    # Its first Article asks publicsuffix.org for a list (tldextract), fails offline with a
    # logged traceback, and falls back to its own copy: a start-up cost, not fetching.
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    Article(urls[0])
    started = time.perf_counter()
    if threads == 1:
        for url in urls:
            download(url)
    else:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(download, urls))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--polite", action="store_true", help="also time digest's default --delay (slow)")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["NO_PROXY"] = "*"
    if args.serve:  # the servers run in their own process: they must not share the GIL with the fetchers
        print(json.dumps(start(args.hosts, args.articles, args.latency)), flush=True)
        sys.stdin.read()
        return
    server = subprocess.Popen([sys.executable, __file__, "--serve", *sys.argv[1:]], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        urls = json.loads(server.stdout.readline())
        report(args, urls)
    finally:
        server.kill()
        server.wait()


def report(args: argparse.Namespace, urls: list[str]) -> None:
    from digest.fetch import FetchOptions

    threads = FetchOptions().concurrency
    rows = [("digest, --delay 0", with_digest(urls, 0.0)),
            ("one at a time (httpx)", one_at_a_time(urls)),
            ("newspaper4k, one at a time", with_newspaper(urls, 1)),
            (f"newspaper4k, {threads} threads", with_newspaper(urls, threads))]
    if args.polite:
        rows.insert(1, ("digest, default --delay 1", with_digest(urls, 1.0)))
    print(f"{args.articles} articles over {args.hosts} hosts answering after {args.latency * 1000:.0f} ms")
    for name, took in rows:
        if took is None:
            print(f"  {name:<28} not installed")
        else:
            print(f"  {name:<28} {took:6.2f} s  ({args.articles / took:6.1f} articles/s)")
    floor = args.articles / args.hosts * args.latency
    print(f"  floor with one request at a time per host: {floor:.2f} s")


if __name__ == "__main__":
    main()
