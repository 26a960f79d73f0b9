"""The download of a model package (`digest model install`): one of the few places digest
uses the network, through the same HTTP stack and deadlines as live sources
(digest.fetch.exchange). digest.translate.models decides what to fetch and the limits;
this module fetches, within them, into a file, and gives its SHA-256.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from digest.errors import InputError, ModelError

Progress = Callable[[int, "int | None"], None]  # (bytes so far, total bytes if known)


@dataclass(frozen=True)
class Limits:
    """What a server can make a download cost."""

    size: int  # bytes at most (the official package: its exact size)
    total: float  # seconds for the whole download, however the server drips
    silence: float  # seconds without a byte
    head: float  # seconds for the status line and headers of every hop


def fetch(url: str, path: Path, limits: Limits, progress: Progress | None) -> str:
    """Fetch url into path with httpx, as live sources are fetched (digest.fetch.exchange:
    every socket operation cut to the exchange's deadline); its SHA-256.

    Cut off, with one line (ModelError, exit 3), by `limits`: a body larger than its size,
    a download past its total time however the server drips, response headers not
    complete within its head time, its silence, a redirect to anything but http(s), a
    malformed response or URL."""
    import httpx

    from digest.fetch.exchange import _Decoder, _encodings, _TooLarge, _watched

    limit = limits.size
    timeout = min(limits.silence, limits.total)
    started = time.monotonic()
    deadline = started + limits.total
    head_deadline = started + min(limits.head, limits.total)
    h = hashlib.sha256()
    got = 0
    phase = "head"
    try:
        with _download_client(timeout) as client, open(path, "wb") as out:
            response = _open(client, url, head_deadline)
            try:
                if response.status_code != 200:
                    raise ModelError(f"{url}: download failed (HTTP {response.status_code} "
                                     f"{response.reason_phrase}); nothing installed")
                total = _content_length(url, response.headers.get_list("content-length"))
                if total is not None and total > limit:
                    raise ModelError(f"{url}: the server sends {total} bytes, more than the {limit} allowed; "
                                     "nothing installed")
                decoder = _Decoder(_encodings(url, response.headers), limit)
                phase = "body"
                with _watched(deadline, threading.Event()):
                    for raw in response.iter_raw(1 << 16):
                        for block in decoder.feed(raw):
                            got += len(block)
                            if got > limit:
                                raise _TooLarge
                            out.write(block)
                            h.update(block)
                            if progress:
                                progress(got, total)
            finally:
                response.close()
        if total is not None and got != total and not _encodings(url, response.headers):
            raise ModelError(f"{url}: download interrupted ({got} of {total} bytes); nothing installed")
    except _TooLarge:
        raise ModelError(f"{url}: download cut off past {limit} bytes; nothing installed") from None
    except InputError as err:  # the decoder's: an encoding it can't undo, damaged data
        raise ModelError(f"{err.message}; nothing installed") from None
    except httpx.TimeoutException as err:
        if time.monotonic() >= (head_deadline if phase == "head" else deadline) - 0.01:
            if phase == "head":
                raise ModelError(f"{url}: no complete response within {limits.head:g} s; "
                                 "nothing installed") from None
            raise ModelError(f"{url}: download cut off after {limits.total:g} s "
                             f"({got} bytes received); nothing installed") from None
        raise ModelError(f"{url}: download failed (no data for {timeout} s: {type(err).__name__}); "
                         "nothing installed") from None
    except httpx.RemoteProtocolError as err:
        if phase == "head":  # a status line or headers HTTP can't read (a bad Content-Length)
            raise ModelError(f"{url}: download failed (malformed response: {err}); nothing installed") from None
        raise ModelError(f"{url}: download interrupted ({got} bytes received: {err}); nothing installed") from None
    except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError, UnicodeError) as err:
        # ValueError/InvalidURL: a malformed URL ("http://[::1", a port out of range, a non-ASCII host)
        raise ModelError(f"{url}: download failed ({str(err).strip() or type(err).__name__}); "
                         "nothing installed") from None
    return h.hexdigest()


def _download_client(timeout: float) -> Any:
    """An httpx client with digest.fetch's deadlines, that follows no redirect by itself."""
    import httpx

    from digest.fetch.exchange import _move_location, _with_deadlines

    return _with_deadlines(httpx.Client(
        timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=True,
        event_hooks={"response": [_move_location]},
        headers={"User-Agent": "digest (model install; python-httpx)", "Accept-Encoding": "identity"}))


def _open(client: Any, url: str, head_deadline: float, redirects: int = 5) -> Any:
    """The streamed response of GET url, redirects to http(s) followed (5 at most), the
    whole head of every hop within head_deadline."""
    from urllib.parse import urljoin, urlsplit

    from digest.fetch.exchange import _LOCATION, REDIRECTS, _watched
    from digest.fetch.urls import scheme_of

    current = url
    if urlsplit(current).scheme.lower() not in ("http", "https"):
        raise ModelError(f"{url}: not an http or https URL; nothing installed")
    for _ in range(redirects + 1):
        with _watched(head_deadline, threading.Event()):
            response = client.send(client.build_request("GET", current), stream=True)
        location = response.headers.get(_LOCATION)  # (moved out of httpx's way: _download_client)
        if response.status_code not in REDIRECTS or location is None:
            return response
        response.close()
        target = urljoin(current, location.strip())
        scheme = scheme_of(target)
        if scheme is None or scheme.lower() not in ("http", "https"):
            shown = f"{scheme}:..." if scheme else "no scheme"
            raise ModelError(f"{url}: refused a redirect to a non-http(s) URL ({shown}); nothing installed")
        current = target
    raise ModelError(f"{url}: more than {redirects} redirects; nothing installed")


def _content_length(url: str, values: list[str]) -> int | None:
    """The one Content-Length a response declares; several that disagree, or one that
    is not a number, is a malformed response."""
    if not values:
        return None
    if len(set(values)) != 1 or not values[0].strip().isdigit() or not values[0].strip().isascii():
        raise ModelError(f"{url}: malformed response (Content-Length {', '.join(values)!r}); nothing installed")
    return int(values[0])
