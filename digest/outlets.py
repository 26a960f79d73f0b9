"""Outlets by their names: the `source` of an article is the outlet as its masthead
writes it ("Tuổi Trẻ", "Người Lao Động", "VnExpress"), never a marker ("NLĐO"), a site
name in capitals ("TUOI TRE") or a domain ("vnexpress.net"). The outlets are data
(digest/data/outlets.toml); a source that names none of them is kept as found, and
a composite credit ("TTXVN/Vietnam+") is kept whole.
"""
from __future__ import annotations

import functools
import re
import sys
import unicodedata
from importlib import resources
from urllib.parse import urlsplit

from digest.sources import is_url


def _folded(text: str) -> str:
    """'TUOI TRE', 'Tuổi Trẻ Online ', '(Tuổi trẻ)' -> one key: marks, case, brackets and spaces aside."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[()\[\]]", " ", text).split())


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """(folded name, alias or marker -> name), (domain -> name)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    data = tomllib.loads(resources.files("digest").joinpath("data/outlets.toml").read_text("utf-8"))
    names: dict[str, str] = {}
    domains: dict[str, str] = {}
    for outlet in data["outlet"]:
        name = outlet["name"]
        for form in [name, *outlet.get("aliases", []), *outlet.get("markers", [])]:
            names.setdefault(_folded(form), name)
        for domain in outlet.get("domains", []):
            domains[domain.lower()] = name
            names.setdefault(_folded(domain), name)
    return names, domains


def outlet_name(found: str | None, url: str | None = None) -> str | None:
    """The outlet's name for a source as found on the page, else for the page's domain
    (when `url` is a web address); the source as found when no outlet matches."""
    names, _domains = _tables()
    if found:
        bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", found.strip()).rstrip("/")
        known = names.get(_folded(bare))
        return known or found
    if url and is_url(url):
        return domain_outlet(url)
    return None


def is_known_outlet(text: str) -> bool:
    """'Thanh Niên', 'NLĐO', 'vnexpress.net': a name, alias, marker or domain of an outlet
    in the data file (a person named like an outlet is told apart by context, not here)."""
    names, _domains = _tables()
    bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", text.strip()).rstrip("/")
    return _folded(bare) in names


def domain_outlet(url: str) -> str | None:
    """The outlet whose site this is (a subdomain counts: m.vnexpress.net is VnExpress)."""
    _, domains = _tables()
    host = (urlsplit(url).hostname or "").lower()
    while host:
        if host in domains:
            return domains[host]
        host = host.partition(".")[2]
    return None
