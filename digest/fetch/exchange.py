"""One HTTP exchange under a deadline, and the decoding of its Content-Encoding.

- a deadline per request that covers connect, TLS, headers and body, a proxy's too (a
  server dripping a byte a second must not hold a cron run for ever): _DeadlineBackend
  cuts every socket operation to what is left of the deadline of the exchange running
  in the calling thread (_watched), and a blocked read wakes every _SLICE s to see
  whether the run is stopping;
- Content-Encoding undone here, not by httpx: gzip and deflate, at most MAX_ENCODINGS
  layers, with a size cap on decoded bytes at every layer (an endless body, a gzip
  bomb: _Decoder);
- a redirect's Location moved out of httpx's way (_move_location): redirects are
  followed by the Fetcher (digest.fetch.fetcher), each hop asking its own robots.txt.
"""
from __future__ import annotations

import contextlib
import math
import socket
import threading
import time
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from digest.errors import InputError

if TYPE_CHECKING:
    import httpx

MAX_ENCODINGS = 2  # Content-Encoding layers undone ("gzip, gzip"); more is refused
_PIECE = 64 * 1024  # decoded bytes one encoding layer makes at a time
_SLICE = 0.25  # a blocked read wakes this often to see whether the run is stopping


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


REDIRECTS = (301, 302, 303, 307, 308)  # statuses whose Location digest follows itself
_LOCATION = "x-digest-location"


def _move_location(response: httpx.Response) -> None:
    """httpx parses a redirect's Location even when it does not follow it, and raises for
    one it cannot parse (javascript:alert(1), http://[::1), losing the response: digest
    follows redirects itself (Fetcher.get), so the header is moved out of httpx's way."""
    location = response.headers.get("location")
    if location is not None:
        del response.headers["location"]
        response.headers[_LOCATION] = location
