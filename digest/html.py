"""Saved HTML news pages -> Article.

readability-lxml finds the article's main block; beautifulsoup4 turns that block into
text blocks (paragraphs, subheadings, list items, quotes, table cells, <br>-separated
lines); then the same Vietnamese rules as for plain text (digest.clean) decide what is
the article's own text.

What the markup itself says is dropped here, before the text rules run, and recorded in
Article.removed with its reason:
- scripts, styles, iframes (and the raw ad markup some pages keep inside them), forms,
  buttons, embedded media;
- captions: <figcaption>, elements whose class names a caption, cells of a table that
  holds a picture, a block that only repeats a picture's alt text, a block that is a
  picture plus a short line;
- share, comment, tag and related-news widgets named by their class or id, and lists
  whose every item is a link (a box of related headlines), and a block that is one link
  and nothing else (another article's teaser set in the body);
- tables of figures (rows of short cells): not paragraphs, and a name in a cell is no byline;
- the one short sentence right under a picture that stands alone in its paragraph (a caption);
- a location stamp glued to the head of the sapo (VnExpress writes
  ``<span class="location-stamp">Hà Nội</span>Ông ...``).

readability can miss the sapo (often an <h2> or p.description next to, not inside, the
body block), so the blocks between the headline <h1> and the main block are read too,
keeping only sapo-shaped ones.

Metadata comes from the page head first (og:title, article:published_time,
itemprop=datePublished, <time datetime>, meta author), then from the page's own
dateline next to the headline; the text rules fill in what is left (bylines, credits,
agency markers). The outlet is named as an editor names it ("Báo Lao Động" -> "Lao Động",
"VnExpress Kinh doanh" in the <title> -> "VnExpress"); a "Theo X" credit in the page header
(an element named for the source) beats it.

Every page gets a budget: the text of scripts and styles is dropped before anything
else, readability only runs on a page whose remaining markup is under
READABILITY_MAX_CHARS (a simpler density rule picks the block otherwise), and a block
holding more text than any article (ARTICLE_MAX_CHARS) is refused.
"""
from __future__ import annotations

import datetime as dt
import logging
import re

import lxml.etree
import lxml.html
from bs4 import BeautifulSoup, NavigableString, Tag

from digest import clean, dates

logging.getLogger("readability.readability").setLevel(logging.CRITICAL)  # its own failures are handled here
from digest.article import Article, RemovedLine, Source
from digest.errors import InputError

READABILITY_MAX_CHARS = 3_000_000  # markup left after dropping scripts; readability is slow beyond
ARTICLE_MAX_CHARS = 1_000_000  # no news article holds a megabyte of text

# Elements that never hold article text.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "video",
    "audio", "canvas", "button", "select", "textarea", "input", "map", "head",
)
_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th", "tr",
    "table", "ul", "ol", "dl", "dt", "dd", "pre", "figure", "figcaption", "section",
    "article", "header", "footer", "aside", "nav", "main", "center", "address", "caption",
    "tbody", "thead", "form", "hr", "body", "html",
}
# Class, id and data-campaign words that name a caption or a widget (case-insensitive).
_CAPTION_NAME = re.compile(r"caption|^image$|^img_?desc|^desc_?img|^photo_?desc|^expnoedit$", re.I)
_WIDGET_NAME = re.compile(
    r"share|sharing|social|comment|binh-?luan|(?:^|[-_])tags?(?:$|[-_])|tag-?list|keyword|tu-?khoa|breadcrumb"
    r"|related|relate|lien-?quan|tinlienquan|box-?tin|readmore|read-more|xem-?them|doc-?them"
    r"|^ads?$|^ad-|advert|banner|^qc|quangcao|sponsor|^print|toolbar|rating|vote|newsletter"
    r"|like-?facebook|fb-like|^fb-|zalo|subscribe|popup|^menu|^nav",
    re.I,
)
_AUTHOR_NAME = re.compile(r"author|tac-?gia|byline|writer", re.I)
_LOCATION_NAME = re.compile(r"location|dateline|place", re.I)
_SAPO_NAME = re.compile(r"sapo|desc|lead|summary|intro|excerpt|chapeau|head|abstract|teaser|subtitle", re.I)
_UNXML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LOCATION = "location stamp glued to the sapo (the dateline's place, not text)"
_SITE_WORDS = re.compile(
    r"\b(?:báo|online|news|express|plus|điện tử|tin tức|\.vn|\.net|\.com|vnexpress|dân trí|dantri"
    r"|tuổi trẻ|tuoi tre|thanh niên|thanh nien|zing|znews|ttxvn|vov|người lao động|nld|quốc tế"
    r"|công luận|vietnamnet|tiền phong|lao động|sggp|kenh14|24h|vtv|vtc|nhân dân|pháp luật|infonet)\b",
    re.I,
)


def extract_article(source: Source) -> Article:
    """Main block -> blocks -> the Vietnamese text rules. Raises InputError."""
    try:
        return _extract(source)
    except RecursionError:
        raise InputError(f"{source.path}: page is nested too deeply to read") from None


def _extract(source: Source) -> Article:
    root = _parse(source)
    meta = _page_metadata(root)
    _drop_unreadable(root)
    main = _main_block(root)
    if main is None:
        raise InputError(f"{source.path}: no article found (no block of article text)")
    if len(main.text_content()) > ARTICLE_MAX_CHARS:
        raise InputError(f"{source.path}: no article found (the main block holds over a megabyte of text)")
    anchor = _headline_before(root, main, meta.title)
    dateline = _page_dateline(root, anchor)
    if anchor is not None and _contains(main, anchor):
        _drop_before(anchor, main)
    blocks = _preamble_blocks(root, anchor, main) + _blocks(main)
    return _to_article(source.path, blocks, meta, dateline)


def _drop_before(anchor, main) -> None:
    """The article starts at its headline: what the main block holds before it is
    navigation (menus, breadcrumbs, the section name)."""
    element = anchor
    while element is not main and element is not None:
        parent = element.getparent()
        if parent is None:
            break
        for sibling in list(element.itersiblings(preceding=True)):
            parent.remove(sibling)
        parent.text = None
        element = parent


# --- parsing -------------------------------------------------------------------------


def _parse(source: Source):
    text = _UNXML.sub("", source.text)  # control characters and lone surrogates lxml refuses
    # lxml refuses a str that declares its own encoding; the text is already decoded.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        raise InputError(f"{source.path}: empty page")
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as err:
        raise InputError(f"{source.path}: not a readable HTML page ({err})") from None
    if root is None:
        raise InputError(f"{source.path}: not a readable HTML page")
    return root


def _drop_unreadable(root) -> None:
    """Scripts, styles, iframes (with the raw fallback markup inside), forms controls, comments."""
    for element in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _remove_keep_tail(element)
    for element in list(root.iter(*_DROP_TAGS)):
        _remove_keep_tail(element)


def _remove_keep_tail(element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _squash(text: str | None) -> str:
    # str.split() (no argument) splits on every Unicode space, NBSP included, and is
    # several times faster than a regex here: this runs for every text node of a page.
    return " ".join((text or "").replace("\u200b", "").split())


# --- metadata ------------------------------------------------------------------------


class _Meta:
    def __init__(self):
        self.title: str | None = None
        self.h1s: list[str] = []
        self.date: str | None = None
        self.author: str | None = None
        self.site: str | None = None
        self.credit: str | None = None  # the outlet a page's header credits ("Theo Pháp luật & Bạn đọc")


def _meta_content(root, *names: str) -> str | None:
    for name in names:
        for element in root.iter("meta"):
            key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
            if key == name and _squash(element.get("content")):
                return _squash(element.get("content"))
    return None


def _page_metadata(root) -> _Meta:
    meta = _Meta()
    meta.h1s = [t for t in (_squash(h.text_content()) for h in root.iter("h1")) if t and len(t) < 400]
    titles = [
        _meta_content(root, "og:title"), _meta_content(root, "twitter:title"),
        _meta_content(root, "title"), _title_tag(root),
    ]
    meta.site = _meta_content(root, "og:site_name", "application-name")
    meta.title = _choose_title([t for t in titles if t], meta.h1s, meta.site)
    meta.site = _outlet_name(meta.site or _site_in_titles([t for t in titles if t]))
    meta.credit = _page_credit(root)
    meta.date = _meta_date(root)
    meta.author = _meta_author(root, meta.site)
    return meta


def _meta_author(root, site: str | None) -> str | None:
    """A person named by the page's metadata or author box; an outlet's or CMS's name
    ('Báo VnExpress', 'Công nghệ ChannelVN', 'baodantridientu') is not an author."""
    names = [_meta_content(root, "author", "article:author", "dc.creator", "byl")]
    for element in root.iter():
        if not isinstance(element.tag, str) or len(names) > 12:
            continue
        if (element.get("itemprop") or "").lower() == "author" or _named(element, _AUTHOR_NAME):
            names.append(_squash(element.get("content") or element.text_content()))
    for name in names:
        name = re.sub(r"^(?:tác giả|bài|bài và ảnh|theo|by)\s*:?\s*", "", name or "", flags=re.I).strip()
        if name and clean.looks_like_person(name) and not _SITE_WORDS.search(name) and name != site:
            return name
    return None


def _title_tag(root) -> str | None:
    for element in root.iter("title"):
        text = _squash(element.text_content())
        if text:
            return text
    return None


def _choose_title(titles: list[str], h1s: list[str], site: str | None) -> str | None:
    """The headline: an <h1> that the page's <title>/og:title confirms, else the first
    meta title minus the site name (' - VnExpress', ' | Báo Dân trí', ' - Zing News | Xã hội')."""
    for h1 in h1s:
        key = h1.lower()
        if any(t.lower().startswith(key) for t in titles):
            return h1
    for title in titles:
        stripped = _strip_site_name(title, site)
        if stripped:
            return stripped
    return h1s[0] if h1s else None


def _site_in_titles(titles: list[str]) -> str | None:
    """The outlet a <title> names after the headline: 'Hai thanh niên ... - VnExpress'."""
    for title in titles:
        for part in re.split(r"\s+[|\-–—:]{1,2}\s+", title)[1:]:
            found = _SITE_WORDS.search(part)
            if found and len(part.split()) <= 5:
                return _without_section(part, found)
    return None


_GENERIC_SITE_WORDS = {"báo", "online", "news", "express", "plus", "điện tử", "tin tức"}


def _without_section(part: str, brand) -> str:
    """'VnExpress Kinh doanh' -> 'VnExpress': a brand that opens the part, then a section name."""
    rest = part[brand.end():].strip()
    if brand.start() == 0 and rest and brand.group(0).lower() not in _GENERIC_SITE_WORDS and not _SITE_WORDS.search(rest):
        return brand.group(0)
    return part


def _outlet_name(site: str | None) -> str | None:
    """The outlet as an editor names it: 'Báo Thanh Niên' -> 'Thanh Niên', 'Báo điện tử Tiền
    Phong' -> 'Tiền Phong', 'Tuổi Trẻ Online' -> 'Tuổi Trẻ', 'https://nld.com.vn' -> 'nld.com.vn'."""
    if not site:
        return None
    name = re.sub(r"^(?:https?://)?(?:www\.)?", "", site.strip()).rstrip("/")
    name = re.sub(r"^(?:báo điện tử|báo|tạp chí điện tử|tạp chí|trang tin điện tử)\s+(?=\S)", "", name, flags=re.I)
    name = re.sub(r"\s+(?:online|điện tử)$", "", name, flags=re.I)
    return name or None


# The outlet a page credits in its header: an element named for the source, "Theo X" / "Nguồn: X".
_SOURCE_NAME = re.compile(r"source|nguon", re.I)
_CREDIT_TEXT = re.compile(r"^(?:theo|nguồn)\s*:?\s+(?P<outlet>[^.!?]{2,60})$", re.I)


def _page_credit(root) -> str | None:
    for element in root.iter():
        if isinstance(element.tag, str) and _named(element, _SOURCE_NAME):
            match = _CREDIT_TEXT.match(_squash(element.text_content()))
            if match and len(match["outlet"].split()) <= 8 and match["outlet"][:1].isupper():
                return match["outlet"].strip()
    return None


def _strip_site_name(title: str, site: str | None) -> str:
    parts = re.split(r"\s+[|\-–—:]{1,2}\s+", title)
    for index in range(1, len(parts)):
        part = parts[index]
        if _SITE_WORDS.search(part) or (site and part.lower() == site.lower()):
            kept = [parts[0]] + [p for p in parts[1:index] if len(p.split()) > 3]
            return " - ".join(kept)
    return title


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")


def _meta_date(root) -> str | None:
    values = [
        _meta_content(root, "article:published_time", "og:published_time", "datepublished",
                      "pubdate", "publishdate", "dc.date.issued", "dc.date", "date"),
    ]
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if (element.get("itemprop") or "").lower() == "datepublished":
            values.append(element.get("content") or element.get("datetime") or _squash(element.text_content()))
        elif element.tag == "time" and element.get("datetime"):
            values.append(element.get("datetime"))
    for value in values:
        parsed = _iso(value)
        if parsed:
            return parsed
    return None


def _iso(value: str | None) -> str | None:
    """'2021-11-04T17:12:00+07:00' -> '2021-11-04T17:12'. Times are Vietnam time (GMT+7), as
    the pages print them: a time stated in another zone is converted. A value in the
    page's own style ('04/11/2021 17:12') is read like a dateline."""
    value = (value or "").strip()
    match = _ISO_DATE.match(value)
    if not match:
        return dates.parse_dateline(value) if value and len(value) <= 90 else None
    if dates.valid_date(int(match[1]), int(match[2]), int(match[3])) is None:
        return None
    if not match[4] or int(match[4]) > 23 or int(match[5]) > 59:
        return f"{match[1]}-{match[2]}-{match[3]}"
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        stamp = None
    if stamp is not None and stamp.tzinfo is not None:
        stamp = stamp.astimezone(_VIETNAM)
        return stamp.strftime("%Y-%m-%dT%H:%M")
    return f"{match[1]}-{match[2]}-{match[3]}T{match[4]}:{match[5]}"


_VIETNAM = dt.timezone(dt.timedelta(hours=7))


_DIGIT = re.compile(r"\d")


def _page_dateline(root, anchor) -> str | None:
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
            text = _squash(text)
            if 6 <= len(text) <= 90:
                stamp = dates.parse_dateline(text)
                if stamp:
                    found.append((index, stamp))
    if not found:
        return None
    if anchor_index is None:
        return found[0][1]
    return min(found, key=lambda item: abs(item[0] - anchor_index))[1]


# --- the main block ------------------------------------------------------------------


def _main_block(root):
    markup = lxml.html.tostring(root, encoding="unicode")
    texts = None
    if len(markup) <= READABILITY_MAX_CHARS:
        texts = _readability_texts(markup)
    if texts:
        main = _container_of(root, texts)
        if main is not None:
            return main
    return _densest_block(root)


def _readability_texts(markup: str) -> set[str] | None:
    from readability import Document

    try:
        summary = Document(markup).summary(html_partial=True)
        tree = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability raises its own Unparseable and lxml errors on odd pages
        return None
    texts: set[str] = set()
    for element in tree.iter("p", "h1", "h2", "h3", "h4", "li", "td", "blockquote", "div", "pre"):
        text = _squash(element.text_content())
        if len(text) >= 40:
            texts.add(text)
    return texts or None


def _container_of(root, texts: set[str]):
    """The deepest element of the page holding nine tenths of the text readability chose.
    A text the page prints twice (a headline and sapo repeated in the page header) says
    nothing about where the article is, so only texts found once are weighed."""
    found: dict[str, list] = {}
    for element in root.iter("p", "h1", "h2", "h3", "h4", "li", "td", "blockquote", "div", "pre"):
        text = _squash(element.text_content())
        if text in texts:
            found.setdefault(text, []).append(element)
    weights = {els[0]: len(text) for text, els in found.items() if len(els) == 1}
    if not weights:
        weights = {els[-1]: len(text) for text, els in found.items()}
    if not weights:
        return None
    total = sum(weights.values())
    covered: dict = {}
    for element, weight in weights.items():
        for ancestor in element.iterancestors():
            covered[ancestor] = covered.get(ancestor, 0) + weight
        covered[element] = covered.get(element, 0) + weight
    best = root
    while True:
        child = next((c for c in best if covered.get(c, 0) >= 0.9 * total), None)
        if child is None:
            return best
        best = child


def _densest_block(root):
    """Without readability: the element whose own paragraphs hold the most sentence text."""
    scores: dict = {}
    for paragraph in root.iter("p", "br"):
        parent = paragraph.getparent()
        if parent is None:
            continue
        text = _squash(paragraph.text_content() if paragraph.tag == "p" else paragraph.tail)
        if len(text) >= 40 and re.search(r"[.!?…]", text):
            scores[parent] = scores.get(parent, 0) + len(text)
    if not scores:
        return None
    return max(scores, key=scores.get)


def _headline_before(root, main, title: str | None):
    """The page's headline element: the last one before the main block (or the first
    inside it) whose text is the title; without a title, the last <h1> before the block."""
    key = _squash(title).lower() if title else None
    candidate = None
    for element in root.iter():
        if element is main:
            inner = next((e for e in main.iter(*_TITLE_TAGS) if _is_headline(e, key)), None)
            return inner if inner is not None else candidate
        if isinstance(element.tag, str) and element.tag in _TITLE_TAGS and _is_headline(element, key):
            candidate = element
    return candidate


_TITLE_TAGS = ("h1", "h2", "h3", "div", "p", "span")


def _is_headline(element, key: str | None) -> bool:
    if key is None:
        return element.tag == "h1" and bool(_squash(element.text_content()))
    if element.tag != "h1" and len(element):
        return False  # a container, not the headline itself
    return _squash(element.text_content()).lower() == key


# --- blocks --------------------------------------------------------------------------


class _Block:
    __slots__ = ("text", "why", "sapo")

    def __init__(self, text: str, why: str | None = None, sapo: bool = False):
        self.text = text
        self.why = why  # set when the markup says the block is not article text
        self.sapo = sapo


def _preamble_blocks(root, anchor, main) -> list[_Block]:
    """The sapo that sits between the headline and the main block (outside it): an element
    named as a sapo/lead/description if there is one, else the first sentence-shaped one."""
    if anchor is None or _contains(main, anchor):
        return []
    candidates = []
    started = False
    for element in root.iter():
        if element is anchor:
            started = True
            continue
        if element is main:
            break
        if started and isinstance(element.tag, str) and not _contains(anchor, element):
            if element.tag in ("h2", "h3", "p", "div") and _is_sapo_shaped(element):
                candidates.append(element)
    if not candidates:
        return []
    named = [e for e in candidates if _named(e, _SAPO_NAME)]
    blocks = _blocks((named or candidates)[0])
    for block in blocks:
        block.sapo = True
    return blocks


def _contains(outer, inner) -> bool:
    return any(a is outer for a in inner.iterancestors()) or outer is inner


def _is_sapo_shaped(element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag in ("ul", "ol", "nav", "aside", "li", "a", "figure", "table") or _named(ancestor, _WIDGET_NAME, _CAPTION_NAME):
            return False
    if any(child.tag in _BLOCK_TAGS - {"br"} for child in element):
        return False  # a container, not the sapo itself
    text = _squash(element.text_content())
    words = len(text.split())
    if _named(element, _WIDGET_NAME, _CAPTION_NAME):
        return False
    if words >= 12 and re.search(r"[.!?…\"”]\s*$", text.split(">>")[0].strip() or text):
        return True
    return bool(words >= 6 and _named(element, _SAPO_NAME))


def _named(element, *patterns) -> bool:
    """Whether one of the element's class names or its id matches one of the patterns."""
    names = (element.get("class") or "").split() + [element.get("id") or ""]
    return any(p.search(n) for n in names if n for p in patterns)


def _blocks(element) -> list[_Block]:
    """One block of markup -> text blocks, with the structural drops marked."""
    markup = lxml.html.tostring(element, encoding="unicode")
    soup = BeautifulSoup(markup, "lxml")
    body = soup.body or soup
    main_text_len = max(1, len(_squash(body.get_text())))
    alts = {_squash(img.get("alt")).lower() for img in body.find_all("img") if _squash(img.get("alt"))}
    marks = _mark_structure(body, main_text_len)
    blocks: list[_Block] = []
    current: list[str] = []
    current_owner = None
    current_why: str | None = None

    def flush():
        nonlocal current, current_owner, current_why
        text = _squash("".join(current))
        if text:
            why = current_why or _shape_reason(current_owner, text, alts)
            blocks.append(_Block(text, why))
        current, current_owner, current_why = [], None, None

    for node in body.descendants:
        if isinstance(node, Tag):
            if node.name == "br" or node.name == "hr":
                flush()
            continue
        if not isinstance(node, NavigableString) or type(node) is not NavigableString:
            continue  # comments, CDATA, doctype
        owner, why = _owner(node, marks)
        if why == _LOCATION:
            if _squash(str(node)):
                blocks.append(_Block(_squash(str(node)), why))
            continue
        if owner is not current_owner:
            flush()
            current_owner = owner
        if why and not current_why:
            current_why = why
        current.append(str(node))
    flush()
    return blocks


def _mark_structure(body: Tag, main_text_len: int) -> dict:
    """Elements the markup marks as captions, widgets or stamps -> the reason."""
    marks: dict = {}
    for tag in body.find_all(True):
        why = _structural_reason(tag, main_text_len)
        if why:
            marks[id(tag)] = why
    for tag in body.find_all(["p", "div", "figure"]):
        under = _line_under_picture(tag)
        if under is not None and id(under) not in marks:
            marks[id(under)] = "photo caption (the short line under a picture)"
    return marks


def _line_under_picture(tag: Tag) -> Tag | None:
    """A picture set alone in its paragraph, and right under it one short sentence of its own
    ('Lực lượng chức năng có mặt tại hiện trường vụ cháy.'): that line is the caption. A
    paragraph of the text runs longer or holds more than one sentence."""
    if tag.find("img") is None or _squash(tag.get_text()):
        return None
    after = tag.find_next_sibling()
    if after is None or after.name not in ("p", "div", "em", "i", "span") or after.find("img") is not None:
        return None
    for node in tag.next_siblings:
        if node is after:
            break
        if isinstance(node, NavigableString) and _squash(str(node)):
            return None  # text between them
    text = _squash(after.get_text())
    bold = after.find(["strong", "b"])
    if bold is not None and _squash(bold.get_text()) == text:
        return None  # a crosshead set in bold under the picture, not its caption
    words = text.split()
    if not 2 <= len(words) <= CAPTION_MAX_WORDS or re.search(r"[.!?…][\"”]?\s+\S|[:;]$", text):
        return None
    return after


CAPTION_MAX_WORDS = 20  # a caption under a picture is one short sentence


def _names(tag: Tag) -> list[str]:
    names = list(tag.get("class") or [])
    for attribute in ("id", "data-campaign", "data-role", "role"):
        value = tag.get(attribute)
        if value:
            names.append(value if isinstance(value, str) else " ".join(value))
    return names


def _structural_reason(tag: Tag, main_text_len: int) -> str | None:
    names = _names(tag)
    text_len = len(_squash(tag.get_text()))
    if tag.name == "figcaption" or tag.name == "caption" or any(_CAPTION_NAME.search(n) for n in names):
        return "photo caption (marked as a caption in the page)"
    if text_len < main_text_len * 0.5:
        if any(_AUTHOR_NAME.search(n) for n in names) and clean.looks_like_person(_squash(tag.get_text())):
            return "author box (kept as metadata)"
        if tag.name in ("nav", "aside", "footer") or any(_WIDGET_NAME.search(n) for n in names):
            return f"page widget ({tag.name}.{'.'.join(names)[:40]}: share, tags, related or ads)"
        if tag.name in ("ul", "ol") and _is_link_list(tag):
            return "list of related-article links"
        if tag.name in ("div", "section", "aside", "table", "ul", "ol") and _is_link_box(tag):
            return "box of links to other articles"
        if tag.name in ("div", "p", "section", "article", "h3", "h4") and _is_lone_link(tag):
            return "link to another article (a headline set in the body)"
        if tag.name == "table" and tag.find("img") is not None and _is_picture_table(tag):
            return "photo caption (text of a picture table)"
        if tag.name == "table" and _is_data_table(tag):
            return "data table (figures in cells, not paragraphs)"
    if _is_location_stamp(tag):
        return _LOCATION
    return None


def _is_link_list(tag: Tag) -> bool:
    items = tag.find_all("li")
    if not items:
        return False
    for item in items:
        text = _squash(item.get_text())
        linked = sum(len(_squash(a.get_text())) for a in item.find_all("a"))
        if text and linked < 0.8 * len(text.replace(" ", "")) - 5 and linked < 0.8 * len(text):
            return False
    return True


def _is_link_box(tag: Tag) -> bool:
    """A box of other articles' headlines: several links that make up nearly all its text."""
    links = tag.find_all("a")
    if len(links) < 2:
        return False
    text = len(_squash(tag.get_text()).replace(" ", ""))
    linked = sum(len(_squash(a.get_text()).replace(" ", "")) for a in links)
    return text > 0 and linked >= 0.7 * text


def _is_lone_link(tag: Tag) -> bool:
    """A block that is one link and nothing else, a headline (no sentence end) or a picture
    with one: another article's teaser set between paragraphs. Article text is not linked whole."""
    links = [a for a in tag.find_all("a") if a.get("href")]
    text = _squash(tag.get_text())
    if len(links) != 1 or not text or _squash(links[0].get_text()) != text:
        return False
    return tag.find("img") is not None or not re.search(r"[.!?…\"”]\s*$", text)


def _is_data_table(tag: Tag) -> bool:
    """A table of figures (prices, results, schedules): rows of several short cells. Its cells
    are not paragraphs, and a cell holding a name is not a byline."""
    rows = [row for row in tag.find_all("tr") if len(row.find_all(["td", "th"])) >= 2]
    if len(rows) < 2:
        return False
    cells = [_squash(cell.get_text()) for row in rows for cell in row.find_all(["td", "th"])]
    return sum(len(cell.split()) <= 8 for cell in cells) >= 0.8 * len(cells)


def _is_picture_table(tag: Tag) -> bool:
    """A table that frames pictures: every cell's text is caption-sized."""
    cells = tag.find_all(["td", "th"])
    return bool(cells) and all(len(_squash(cell.get_text()).split()) <= 60 for cell in cells)


def _is_location_stamp(tag: Tag) -> bool:
    """A short place name glued to the head of a paragraph: '<span class=location-stamp>Hà Nội</span>Ông …'."""
    if tag.name not in ("span", "strong", "b", "em", "i", "a"):
        return False
    text = _squash(tag.get_text())
    if not text or len(text.split()) > 4 or re.search(r"[.,;:!?]", text):
        return False
    if any(_LOCATION_NAME.search(n) for n in _names(tag)):
        return True
    parent = tag.parent
    if tag.name == "a" or parent is None or parent.name not in ("p", "h2", "h3", "div"):
        return False  # a link is a widget or a reference, never the dateline's place
    before = "".join(str(s) for s in _strings_before(parent, tag))
    if before.strip():
        return False
    after = tag.next_sibling  # the paragraph's own text, glued with no space
    after_text = str(after) if isinstance(after, NavigableString) else ""
    return bool(after_text) and after_text[:1].isupper() and text[-1:].isalpha()


def _strings_before(parent: Tag, tag: Tag):
    for node in parent.descendants:
        if node is tag:
            return
        if isinstance(node, NavigableString):
            yield node


def _owner(node: NavigableString, marks: dict):
    """The nearest block element holding the text, and a structural reason if any."""
    owner = None
    why = None
    for parent in node.parents:
        mark = marks.get(id(parent))
        if mark and why is None:
            why = mark
        if owner is None and parent.name in _BLOCK_TAGS:
            owner = parent
    return owner, why


def _shape_reason(owner: Tag | None, text: str, alts: set[str]) -> str | None:
    """Captions known by shape in the markup: the picture's alt text repeated under it,
    or a picture and a short line sharing one block."""
    if text.lower() in alts and len(text.split()) <= 40:
        return "photo caption (repeats the picture's alt text)"
    if owner is not None and owner.find("img") is not None and len(text.split()) <= 30:
        own_text = _squash(owner.get_text())
        if own_text == text:
            return "photo caption (a picture and a short line in one block)"
    return None


# --- to Article ----------------------------------------------------------------------


def _to_article(path: str, blocks: list[_Block], meta: _Meta, dateline: str | None) -> Article:
    lines: list[clean.Line] = []
    removed: list[RemovedLine] = []
    for number, block in enumerate(blocks, start=1):
        if block.why:
            removed.append(RemovedLine(number, block.text, block.why))
        else:
            lines.append(clean.Line(number, block.text))
    if not lines:
        raise InputError(f"{path}: no article found (only captions and widgets in the main block)")
    date = meta.date
    if dateline and (not date or (len(date) == 10 and dateline.startswith(date))):
        date = dateline
    hints = clean.PageHints(title=meta.title, date=date, author=meta.author, source=meta.credit or meta.site)
    try:
        article = clean.clean_lines(lines, path, hints)
    except InputError:
        raise InputError(f"{path}: no article found (no article text on the page)") from None
    article.removed = sorted(article.removed + removed, key=lambda r: r.line)
    return article
