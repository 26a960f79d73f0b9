"""What a page says about its article: headline, date, author, outlet, credit.

The page head first (og:title, article:published_time, itemprop=datePublished,
<time datetime>, meta author), then the page's own dateline next to the headline; the
text rules (digest.clean) fill in what is left (bylines, credits, agency markers). The
outlet is named as an editor names it ("Báo Lao Động" -> "Lao Động", "VnExpress Kinh
doanh" in the <title> -> "VnExpress"); a "Theo X" credit in the page header (an element
named for the source) beats it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from digest import clean, dates
from digest.html.tree import AUTHOR_NAME, BLOCK_TAGS, SOURCE_NAME
from digest.vietnamese import (
    DATELINE_MAX_CHARS,
    GENERIC_OUTLET_WORDS,
    OUTLET_PREFIX,
    OUTLET_SUFFIX,
    OUTLET_WORDS,
    squash,
)


@dataclass
class PageMeta:
    title: str | None = None
    h1s: list[str] = field(default_factory=list)
    date: str | None = None
    author: str | None = None
    site: str | None = None
    credit: str | None = None  # the outlet a page's header credits ("Theo Pháp luật & Bạn đọc")


_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "byl")
_DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "dc.date.issued", "dc.date", "date",
)
_SITE_KEYS = ("og:site_name", "application-name")
_MAX_AUTHOR_CANDIDATES = 12  # author boxes read before giving up on finding a person


def page_metadata(root: HtmlElement) -> PageMeta:
    """One walk over the page gathers every element the metadata rules read."""
    metas: dict[str, str] = {}  # the first non-empty content of each meta key
    h1s: list[str] = []
    title_tag: str | None = None
    authors: list[str] = []
    published: list[str | None] = []
    credit: str | None = None
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag == "meta":
            key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
            if key not in metas:
                content = squash(element.get("content"))
                if content:
                    metas[key] = content
        elif tag == "h1":
            text = squash(element.text_content())
            if text and len(text) < 400:
                h1s.append(text)
        elif tag == "title" and title_tag is None:
            title_tag = squash(element.text_content()) or None
        itemprop = (element.get("itemprop") or "").lower()
        # AUTHOR_NAME and SOURCE_NAME are unanchored words, so one search over the class
        # names and id together finds what a search of each name would.
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        # Author boxes: counted as the original walk counted them (the meta author first).
        if len(authors) < _MAX_AUTHOR_CANDIDATES and (itemprop == "author" or AUTHOR_NAME.search(names)):
            authors.append(squash(element.get("content") or element.text_content()))
        if itemprop == "datepublished":
            published.append(element.get("content") or element.get("datetime") or squash(element.text_content()))
        elif tag == "time" and element.get("datetime"):
            published.append(element.get("datetime"))
        if credit is None and SOURCE_NAME.search(names):
            credit = _credit_in(element)

    def meta(*keys: str) -> str | None:
        return next((metas[key] for key in keys if key in metas), None)

    titles = [t for t in (meta("og:title"), meta("twitter:title"), meta("title"), title_tag) if t]
    site = meta(*_SITE_KEYS)
    page = PageMeta(h1s=h1s, credit=credit)
    page.title = _choose_title(titles, h1s, site)
    page.site = _outlet_name(site or _site_in_titles(titles))
    page.date = next((d for d in map(dates.parse_published, [meta(*_DATE_KEYS), *published]) if d), None)
    page.author, outlet = _author([meta(*_AUTHOR_KEYS), *authors], page.site)
    if credit:
        # 'Theo Sầm Hoa (Vietnamnet/Reuters)': the reporter, and the outlet in brackets.
        named = _NAME_THEN_OUTLET.match(credit)
        if named and clean.looks_like_person(named["who"]) and not OUTLET_WORDS.search(named["who"]):
            page.author = page.author or named["who"]
            page.credit = named["outlet"]
    page.credit = page.credit or outlet
    return page


_AUTHOR_TRAIL = re.compile(r"[\s,;|\-–—]+$")  # 'Mai Anh,' before the source in a meta line


def _author(names: list[str | None], site: str | None) -> tuple[str | None, str | None]:
    """A person named by the page's metadata or author box, and the outlet written after a
    slash ('Phạm Hà/VOV.VN'); an outlet's or CMS's name ('Báo VnExpress', 'Công nghệ
    ChannelVN', 'baodantridientu') is not an author."""
    for name in names:
        name = re.sub(r"^(?:tác giả|bài|bài và ảnh|theo|by)\s*:?\s*", "", name or "", flags=re.I).strip()
        name, outlet = clean.split_name_and_outlet(_AUTHOR_TRAIL.sub("", name))
        if name and clean.looks_like_person(name) and not OUTLET_WORDS.search(name) and name != site:
            return clean.byline_name(name) or name, outlet  # minus the '>>' of related links glued to it
    return None, None


def _choose_title(titles: list[str], h1s: list[str], site: str | None) -> str | None:
    """The headline: an <h1> that the page's <title>/og:title confirms, else the first
    meta title minus the site name (' - VnExpress', ' | Báo Dân trí', ' - Zing News | Xã hội')."""
    for h1 in h1s:
        key = h1.lower()
        if any(t.lower().startswith(key) or key in _title_parts(t) for t in titles):
            return h1  # 'Headline - Outlet', or the outlet first: 'Teen9x News - Headline'
    for title in titles:
        stripped = _strip_site_name(title, site)
        if stripped:
            return stripped
    return h1s[0] if h1s else None


_TITLE_PARTS = re.compile(r"\s+[|\-–—:]{1,2}\s+")  # 'Headline - Section | Outlet'


def _site_in_titles(titles: list[str]) -> str | None:
    """The outlet a <title> names after the headline: 'Hai thanh niên ... - VnExpress'."""
    for title in titles:
        for part in _TITLE_PARTS.split(title)[1:]:
            found = OUTLET_WORDS.search(part)
            if found and len(part.split()) <= 5:
                return _without_section(part, found)
    return None


def _without_section(part: str, brand: re.Match[str]) -> str:
    """'VnExpress Kinh doanh' -> 'VnExpress': a brand that opens the part, then a section name."""
    rest = part[brand.end():].strip()
    generic = brand.group(0).lower() in GENERIC_OUTLET_WORDS
    if brand.start() == 0 and rest and not generic and not OUTLET_WORDS.search(rest):
        return brand.group(0)
    return part


def _outlet_name(site: str | None) -> str | None:
    """The outlet as an editor names it: 'Báo Thanh Niên' -> 'Thanh Niên', 'Báo điện tử Tiền
    Phong' -> 'Tiền Phong', 'Tuổi Trẻ Online' -> 'Tuổi Trẻ', 'https://nld.com.vn' -> 'nld.com.vn'."""
    if not site:
        return None
    name = re.sub(r"^(?:https?://)?(?:www\.)?", "", site.strip()).rstrip("/")
    name = OUTLET_PREFIX.sub("", name)
    name = OUTLET_SUFFIX.sub("", name)
    return name or None


# The outlet a page credits in its header: "Theo X" / "Nguồn: X".
_NAME_THEN_OUTLET = re.compile(r"^(?P<who>[^()]{2,40}?)\s*\((?P<outlet>[^()]{2,40})\)$")
_CREDIT_TEXT = re.compile(r"^(?:theo|nguồn)\s*:?\s+(?P<outlet>[^.!?]{2,60})$", re.I)


def _credit_in(element: HtmlElement) -> str | None:
    match = _CREDIT_TEXT.match(_own_line(element))
    if match and len(match["outlet"].split()) <= 8 and match["outlet"][:1].isupper():
        return match["outlet"].strip()
    return None


def _own_line(element: HtmlElement) -> str:
    """The element's text minus what its block children hold: 'Theo Sầm Hoa (Vietnamnet/Reuters)'
    without the rating box set inside the same element ('(6816 bình chọn, 9/10 điểm)')."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in BLOCK_TAGS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return squash("".join(parts))


def _title_parts(title: str) -> list[str]:
    return [part.strip().lower() for part in _TITLE_PARTS.split(title)]


# A site's tagline, set between the headline and the outlet's name in a <title>:
# 'Headline - Ảnh | Trang thông tin dành cho giới trẻ - VnExpress iOne'.
_TAGLINE = re.compile(
    r"^(?:trang|kênh|cổng|chuyên trang)\s+(?:thông tin|tin|tin tức)\b|^(?:báo|tạp chí)\s+điện tử\b"
    r"|^tin tức\s+(?:mới nhất|24h|trong ngày|nhanh)\b|\bdành cho\b.{0,30}$",
    re.I,
)


def _strip_site_name(title: str, site: str | None) -> str:
    parts = _TITLE_PARTS.split(title)
    for index in range(1, len(parts)):
        part = parts[index]
        if OUTLET_WORDS.search(part) or (site and part.lower() == site.lower()):
            kept = [parts[0]] + [p for p in parts[1:index] if len(p.split()) > 3 and not _TAGLINE.search(p)]
            return " - ".join(kept)
    return title


_DIGIT = re.compile(r"\d")


def page_dateline(root: HtmlElement, anchor: HtmlElement | None) -> str | None:
    """The page's own dateline ('Thứ Ba, 25/12/2012 - 10:03'): the date-stamp-shaped text
    nearest to the headline in document order."""
    found: list[tuple[int, str]] = []
    anchor_index = None
    for index, element in enumerate(root.iter()):
        if element is anchor:
            anchor_index = index
        if not isinstance(element.tag, str):
            continue
        for text in (element.text, element.tail):
            if not text or not _DIGIT.search(text):
                continue  # no date without a digit: skip most text nodes cheaply
            text = squash(text)
            if 6 <= len(text) <= DATELINE_MAX_CHARS:
                stamp = dates.parse_dateline(text)
                if stamp:
                    found.append((index, stamp))
    if not found:
        return None
    if anchor_index is None:
        return found[0][1]
    return min(found, key=lambda item: abs(item[0] - anchor_index))[1]
