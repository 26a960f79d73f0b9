"""URLs and their names: what digest fetches, and the name the archive and the seen store
keep a page under.

- canonical_url: the URL without what doesn't change the page (tracking parameters, the
  fragment, the default port, a host's case); page_canonical: the page's own name for
  itself (rel=canonical), believed on the same site only;
- _url_problem: what keeps a URL from being fetched (not http(s), no host); a URL that
  does not parse, wherever it comes from, is one InputError naming it (_split, _named);
- _host_key: which host's turn and robots.txt a URL waits for; _redirect_target: where
  a redirect leads, to http(s) only;
- _reason: an error as the package's messages quote it, in one short line.
"""
from __future__ import annotations

import html
import re
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from digest.errors import InputError
from digest.sources import is_url

# Query parameters that say how a reader arrived, not what they read (Zalo adds zarsrc
# and gidzl to every shared Vietnamese link).
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|gclsrc|dclid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|zarsrc|gidzl|"
    r"ref_src|ref_url|cmpid|__twitter_impression|spm|share_source|vnp_source)$", re.I)
_UNSAFE_IN_PATH = re.compile(r'[\x00-\x20"<>\\^`{|}\x7f]')
_LINK_TAG = re.compile(rb"<link\b[^>]*>", re.I)
_ATTR = re.compile(rb"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


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


_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]{0,30}):")


def scheme_of(url: str) -> str | None:
    """url's scheme, as a message may show it (never what follows: a javascript: or data:
    payload), or None when it has none."""
    found = _SCHEME.match(url)
    return found.group(1) if found else None


def _url_problem(url: str) -> str | None:
    """What keeps digest from fetching url, or None: not http(s) (the scheme alone is
    named, never a javascript: or data: payload), no host, a URL that does not parse."""
    scheme = scheme_of(url)
    if scheme is None:
        return "not an http(s) link (no scheme)"
    if scheme.lower() not in ("http", "https"):
        return f"not an http(s) link: {scheme}:..."
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


def _reason(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0][:200]
