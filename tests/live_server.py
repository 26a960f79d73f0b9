"""A news site on 127.0.0.1 for the fetching tests: pages, feeds and servers that
misbehave (304, 429 with Retry-After, 500, slow, endless, redirect loop, a wrong charset
header, a robots.txt that disallows, gzip). Routes are set per test; every request is
logged with its headers.

PYTEST_DONT_REWRITE
"""
from __future__ import annotations

import contextlib
import gzip
import http.server
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate

Route = Callable[["Handler"], None]


@dataclass
class Site:
    host: str = "127.0.0.1"
    port: int = 0
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def requests(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.log if p == path]

    # route builders -----------------------------------------------------------------------

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
             etag: str | None = None, gzipped: bool = False) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body

        def route(handler: Handler) -> None:
            if etag and handler.headers.get("If-None-Match") == etag:
                handler.send_response(304)
                handler.send_header("ETag", etag)
                handler.end_headers()
                return
            payload = gzip.compress(data) if gzipped else data
            handler.send_response(200)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(payload)))
            if gzipped:
                handler.send_header("Content-Encoding", "gzip")
            if etag:
                handler.send_header("ETag", etag)
                handler.send_header("Last-Modified", formatdate(usegmt=True))
            handler.end_headers()
            handler.wfile.write(payload)

        self.routes[path] = route

    def status(self, path: str, code: int, headers: dict[str, str] | None = None) -> None:
        def route(handler: Handler) -> None:
            handler.send_response(code)
            for key, value in (headers or {}).items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        self.routes[path] = route


class Handler(http.server.BaseHTTPRequestHandler):
    site: Site
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, a kept-alive connection waits
    # for the client's delayed ACK (40 ms) before the body: a stall no real server has.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        path = self.path
        with self.site.lock:
            self.site.log.append((path, dict(self.headers)))
        route = self.site.routes.get(path)
        if route is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


def serve(host: str = "127.0.0.1", delay: float = 0.0) -> Iterator[Site]:
    """A running site (a generator for fixtures): answers each request after `delay` s."""
    site = Site(host=host)

    class Bound(Handler):
        def do_GET(self) -> None:
            if delay:
                time.sleep(delay)
            super().do_GET()

    Bound.site = site
    server = http.server.ThreadingHTTPServer((host, 0), Bound)
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


# -- content ---------------------------------------------------------------------------------

ITEMS = [
    ("Hà Nội mở thêm tuyến buýt điện", "Sở Giao thông vận tải Hà Nội cho biết thành phố sẽ mở thêm ba tuyến "
     "xe buýt điện từ tháng tới. Các tuyến mới nối trung tâm với các khu đô thị phía tây. "
     "Giá vé được giữ như các tuyến buýt thường."),
    ("Giá cà phê tăng mạnh", "Giá cà phê nhân xô tại Tây Nguyên tăng thêm 2.000 đồng mỗi kg trong tuần qua. "
     "Nhiều nông dân giữ hàng chờ giá cao hơn. Các doanh nghiệp xuất khẩu lo thiếu hàng."),
    ("Đà Nẵng đón khách quốc tế", "Đà Nẵng đón hơn 300.000 lượt khách quốc tế trong tháng. "
     "Phần lớn khách đến từ Hàn Quốc và Nhật Bản. Thành phố chuẩn bị thêm nhiều lễ hội mùa hè."),
]


def paragraphs(text: str) -> str:
    return "".join(f"<p>{s.strip().rstrip('.')}.</p>" for s in text.split(". ") if s.strip(". "))


def article_page(title: str, text: str, canonical: str | None = None, charset_meta: str = "utf-8",
                 date: str = "2024-05-0{n}T08:00:00+07:00", n: int = 1) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f'<!DOCTYPE html><html><head><meta charset="{charset_meta}"><title>{title}</title>{link}'
            f'<meta property="article:published_time" content="{date.format(n=n)}"></head>'
            f"<body><nav>Trang chủ</nav><article><h1>{title}</h1>{paragraphs(text)}</article>"
            f"<footer>Liên hệ</footer></body></html>")


def rss(items: list[tuple[str, str]], base: str, full: bool = True) -> str:
    entries = []
    for number, (title, text) in enumerate(items, start=1):
        content = f"<content:encoded><![CDATA[{paragraphs(text)}]]></content:encoded>" if full else ""
        entries.append(f"<item><title>{title}</title><link>{base}/bai-{number}.html?utm_source=rss</link>"
                       f"<pubDate>Wed, 0{number} May 2024 20:00:00 +0700</pubDate>{content}</item>")
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Báo Thử</title>'
            f"<link>{base}/</link>{''.join(entries)}</channel></rss>")


def atom(items: list[tuple[str, str]], base: str) -> str:
    entries = "".join(
        f'<entry><title>{title}</title><link href="{base}/atom-{n}.html"/><id>{base}/atom-{n}</id>'
        f'<updated>2024-05-0{n}T09:00:00+07:00</updated><content type="html"><![CDATA[{paragraphs(text)}]]></content>'
        f"</entry>" for n, (title, text) in enumerate(items, start=1))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Báo Atom</title>'
            f'<id>{base}/</id><updated>2024-05-03T09:00:00+07:00</updated>{entries}</feed>')
