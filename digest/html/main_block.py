"""Where the article is: the main block of the page, and its headline.

readability-lxml scores the page and picks the article's text; the main block is then
the deepest element of *this* tree that holds nine tenths of that text, so every later
step reads the page's own markup (classes, pictures, links) rather than readability's
rewritten copy. On a page too big for readability (READABILITY_MAX_CHARS of markup left
after scripts and styles are dropped), or where it finds nothing, a simpler density rule
picks the block: the element whose own paragraphs hold the most sentence text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

import lxml.html
from lxml.html import HtmlElement

from digest.vietnamese import SENTENCE_MARKS, squash

logging.getLogger("readability.readability").setLevel(logging.CRITICAL)  # its own failures are handled here

READABILITY_MAX_CHARS = 3_000_000  # markup left after dropping scripts; readability is slow beyond
# Serialized, a page's markup is at most this many times its source text (an "&" in text
# becomes "&amp;", a '"' in an attribute "&quot;", an unclosed tag gains its end tag);
# below READABILITY_MAX_CHARS / this, the page is not serialized just to be measured.
_MARKUP_GROWTH = 8

_TEXT_TAGS = ("p", "h1", "h2", "h3", "h4", "li", "td", "blockquote", "div", "pre")
_MIN_TEXT = 40  # characters: a text this long says where the article is
_COVERAGE = 0.9  # share of readability's text the main block holds
_SENTENCE_MARK = re.compile("[" + re.escape(SENTENCE_MARKS) + "]")


def find_main_block(root: HtmlElement, source_chars: int) -> HtmlElement | None:
    """The element holding the article's text, or None when the page holds no text block.
    `source_chars` is the length of the page's source, to skip measuring small pages."""
    texts = None
    if _readable_size(root, source_chars):
        texts = _readability_texts(root)
    if texts:
        main = _container_of(root, texts)
        if main is not None:
            return main
    return _densest_block(root)


def _readable_size(root: HtmlElement, source_chars: int) -> bool:
    if source_chars * _MARKUP_GROWTH + 100 <= READABILITY_MAX_CHARS:
        return True
    return len(lxml.html.tostring(root, encoding="unicode")) <= READABILITY_MAX_CHARS


def _readability_texts(root: HtmlElement) -> set[str] | None:
    """The texts of the blocks readability keeps (it reads a copy of this tree)."""
    from digest.html.readable import TreeDocument

    try:
        summary = TreeDocument(root).summary(html_partial=True)
        tree = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability raises its own Unparseable and lxml errors on odd pages
        return None
    return _long_texts(tree.iter(*_TEXT_TAGS)) or None


def _long_texts(elements: Iterable[HtmlElement]) -> set[str]:
    texts: set[str] = set()
    for element in elements:
        text = squash(element.text_content())
        if len(text) >= _MIN_TEXT:
            texts.add(text)
    return texts


def _container_of(root: HtmlElement, texts: set[str]) -> HtmlElement | None:
    """The deepest element of the page holding nine tenths of the text readability chose.
    A text the page prints twice (a headline and sapo repeated in the page header) says
    nothing about where the article is, so only texts found once are weighed."""
    found: dict[str, list[HtmlElement]] = {}
    for element in root.iter(*_TEXT_TAGS):
        text = squash(element.text_content())
        if text in texts:
            found.setdefault(text, []).append(element)
    weights = {els[0]: len(text) for text, els in found.items() if len(els) == 1}
    if not weights:
        weights = {els[-1]: len(text) for text, els in found.items()}
    if not weights:
        return None
    total = sum(weights.values())
    covered: dict[HtmlElement, int] = {}
    for element, weight in weights.items():
        for ancestor in element.iterancestors():
            covered[ancestor] = covered.get(ancestor, 0) + weight
        covered[element] = covered.get(element, 0) + weight
    best = root
    while True:
        child = next((c for c in best if covered.get(c, 0) >= _COVERAGE * total), None)
        if child is None:
            return best
        best = child


def _densest_block(root: HtmlElement) -> HtmlElement | None:
    """Without readability: the element whose own paragraphs hold the most sentence text."""
    scores: dict[HtmlElement, int] = {}
    for paragraph in root.iter("p", "br"):
        parent = paragraph.getparent()
        if parent is None:
            continue
        text = squash(paragraph.text_content() if paragraph.tag == "p" else paragraph.tail)
        if len(text) >= _MIN_TEXT and _SENTENCE_MARK.search(text):
            scores[parent] = scores.get(parent, 0) + len(text)
    if not scores:
        return None
    return max(scores, key=lambda element: scores[element])


# --- the headline ---------------------------------------------------------------------

_TITLE_TAGS = ("h1", "h2", "h3", "div", "p", "span")


def headline_before(root: HtmlElement, main: HtmlElement, title: str | None) -> HtmlElement | None:
    """The page's headline element: the last one before the main block (or the first
    inside it) whose text is the title; without a title, the last <h1> before the block."""
    key = squash(title).lower() if title else None
    candidate = None
    for element in root.iter():
        if element is main:
            inner = next((e for e in main.iter(*_TITLE_TAGS) if _is_headline(e, key)), None)
            return inner if inner is not None else candidate
        if isinstance(element.tag, str) and element.tag in _TITLE_TAGS and _is_headline(element, key):
            candidate = element
    return candidate


def _is_headline(element: HtmlElement, key: str | None) -> bool:
    if key is None:
        return element.tag == "h1" and bool(squash(element.text_content()))
    if element.tag != "h1" and len(element):
        return False  # a container, not the headline itself
    return squash(element.text_content()).lower() == key


def drop_before(anchor: HtmlElement, main: HtmlElement) -> None:
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
