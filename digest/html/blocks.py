"""The main block -> text blocks, with what the markup itself says is not article text.

A block is the text of one paragraph, subheading, list item, quote or table cell, or a
<br>-separated line. What the markup marks is dropped here, before the text rules run,
and kept with its reason:
- captions: <figcaption>, elements whose class names a caption, cells of a table that
  holds a picture, a block that only repeats a picture's alt text, a block that is a
  picture plus a short line;
- share, comment, tag and related-news widgets named by their class or id, lists whose
  every item is a link (a box of related headlines), and a block that is one link and
  nothing else (another article's teaser set in the body);
- tables of figures (rows of short cells): not paragraphs, and a name in a cell is no byline;
- the one short sentence right under a picture that stands alone in its paragraph (a caption);
- a location stamp glued to the head of the sapo (VnExpress writes
  ``<span class="location-stamp">Hà Nội</span>Ông ...``).

readability can miss the sapo (often an <h2> or p.description next to, not inside, the
body block), so the blocks between the headline and the main block are read too, keeping
only sapo-shaped ones.

Blocks are read from the page's own lxml tree. A block element is read as if it stood
alone in a page's <body> (what it was read as when it was re-parsed on its own): the
text after its end tag belongs to that body, and it has no siblings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.etree
from lxml.html import HtmlElement

from digest import clean
from digest.html.tree import (
    AUTHOR_NAME,
    BLOCK_TAGS,
    CAPTION_NAME,
    LOCATION_NAME,
    SAPO_NAME,
    WIDGET_NAME,
    contains,
    named,
)
from digest.vietnamese import ENDS_LIKE_SENTENCE, squash

CAPTION_MAX_WORDS = 20  # a caption under a picture is one short sentence

LOCATION = "location stamp glued to the sapo (the dateline's place, not text)"
_UNDER_PICTURE = "photo caption (the short line under a picture)"
_NOT_A_CAPTION = re.compile(r"[.!?…][\"”]?\s+\S|[:;]$")  # two sentences, or a line that leads on


@dataclass
class Block:
    text: str
    why: str | None = None  # set when the markup says the block is not article text
    sapo: bool = False


class _Body:
    """The <body> a block element is read in: it holds the element and the text after it."""

    tag = "body"


def preamble_blocks(root: HtmlElement, anchor: HtmlElement | None, main: HtmlElement) -> list[Block]:
    """The sapo that sits between the headline and the main block (outside it): an element
    named as a sapo/lead/description if there is one, else the first sentence-shaped one."""
    if anchor is None or contains(main, anchor):
        return []
    candidates = []
    started = False
    for element in root.iter():
        if element is anchor:
            started = True
            continue
        if element is main:
            break
        if (
            started
            and isinstance(element.tag, str)
            and not contains(anchor, element)
            and element.tag in ("h2", "h3", "p", "div")
            and _is_sapo_shaped(element, main)
        ):
            candidates.append(element)
    if not candidates:
        return []
    named_ones = [e for e in candidates if named(e, SAPO_NAME)]
    found = read_blocks((named_ones or candidates)[0])
    for block in found:
        block.sapo = True
    return found


def _is_sapo_shaped(element: HtmlElement, main: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag == "table" and contains(ancestor, main):
            continue  # an old page's layout table, holding the article's text too
        if ancestor.tag in ("ul", "ol", "nav", "aside", "li", "a", "figure", "table") or named(
            ancestor, WIDGET_NAME, CAPTION_NAME
        ):
            return False
    if any(child.tag in BLOCK_TAGS for child in element):
        return False  # a container, not the sapo itself
    text = squash(element.text_content())
    words = len(text.split())
    if named(element, WIDGET_NAME, CAPTION_NAME):
        return False
    if words >= 12 and ENDS_LIKE_SENTENCE.search(text.split(">>")[0].strip() or text):
        return True
    return bool(words >= 6 and named(element, SAPO_NAME))


def read_blocks(element: HtmlElement) -> list[Block]:
    """One block of markup -> text blocks, with the structural drops marked."""
    return _Reader(element).read()


class _Reader:
    """Reads one element (and the text after it) as the body of a page of its own."""

    def __init__(self, element: HtmlElement) -> None:
        self.element = element
        # A <body> is read as itself; any other element inside a body of its own.
        self.body: HtmlElement | _Body = element if element.tag == "body" else _Body()
        self.texts: dict[HtmlElement, str] = {}
        self.body_text = squash(element.text_content() + (element.tail or ""))
        self.marks: dict[HtmlElement, str] = {}

    # --- the tree as the body holds it ---------------------------------------------

    def text(self, element: HtmlElement) -> str:
        """The element's text, squashed (cached: the rules ask for it many times)."""
        text = self.texts.get(element)
        if text is None:
            text = self.texts[element] = squash(element.text_content())
        return text

    def owner_text(self, owner: HtmlElement | _Body) -> str:
        if owner is self.body:
            return self.body_text
        assert isinstance(owner, HtmlElement)
        return self.text(owner)

    def has_picture(self, owner: HtmlElement | _Body) -> bool:
        if isinstance(owner, _Body):
            return self.element.tag == "img" or _has(self.element, "img")
        return _has(owner, "img")

    def parent(self, element: HtmlElement) -> HtmlElement | _Body | None:
        if element is self.element:
            return self.body if self.body is not element else None
        return element.getparent()

    def next_element(self, element: HtmlElement) -> HtmlElement | None:
        if element is self.element:
            return None  # alone in its body
        following = element.getnext()
        while following is not None and not isinstance(following.tag, str):
            following = following.getnext()
        return following

    def elements(self) -> Iterator[HtmlElement]:
        """The body's elements in document order (not the body itself)."""
        iterator = self.element.iterdescendants() if self.element.tag == "body" else self.element.iter()
        for element in iterator:
            if isinstance(element.tag, str):
                yield element

    # --- reading ------------------------------------------------------------------

    def read(self) -> list[Block]:
        main_text_len = max(1, len(self.body_text))
        alts: set[str] = set()
        for img in self.element.iter("img"):
            alt = squash(img.get("alt"))
            if alt:
                alts.add(alt.lower())
        self._mark_structure(main_text_len)
        return self._segment(alts)

    def _segment(self, alts: set[str]) -> list[Block]:
        found: list[Block] = []
        current: list[str] = []
        current_owner: HtmlElement | _Body | None = None
        current_why: str | None = None

        def flush() -> None:
            nonlocal current, current_owner, current_why
            text = squash("".join(current))
            if text:
                found.append(Block(text, current_why or self._shape_reason(current_owner, text, alts)))
            current, current_owner, current_why = [], None, None

        def add(text: str | None, owner: HtmlElement | _Body, why: str | None) -> None:
            nonlocal current_owner, current_why
            if not text:
                return
            if why == LOCATION:
                if squash(text):
                    found.append(Block(squash(text), why))
                current.append(" ")  # the stamp's place stays a word break: the words either side stay two
                return
            if owner is not current_owner:
                flush()
                current_owner = owner
            if why and not current_why:
                current_why = why
            current.append(text)

        # (owner, reason) of each open element: its nearest block element, and the reason
        # of its nearest marked ancestor (itself included).
        context: list[tuple[HtmlElement | _Body, str | None]] = [(self.body, None)]
        marks = self.marks
        for event, element in lxml.etree.iterwalk(self.element, events=("start", "end")):
            if event == "start":
                tag = element.tag
                owner, why = context[-1]
                if isinstance(tag, str):
                    if tag == "br" or tag == "hr":
                        flush()
                    if tag in BLOCK_TAGS:
                        owner = element
                    why = marks.get(element) or why
                    context.append((owner, why))
                    add(element.text, owner, why)
                else:
                    context.append((owner, why))  # a comment: its text is not text
            else:
                context.pop()
                owner, why = context[-1]
                add(element.tail, owner, why)
        flush()
        return found

    def _mark_structure(self, main_text_len: int) -> None:
        """Elements the markup marks as captions, widgets or stamps -> the reason."""
        for element in self.elements():
            why = self._structural_reason(element, main_text_len)
            if why:
                self.marks[element] = why
        for element in self.elements():
            if element.tag in ("p", "div", "figure"):
                under = self._line_under_picture(element)
                if under is not None and under not in self.marks:
                    self.marks[under] = _UNDER_PICTURE

    def _line_under_picture(self, element: HtmlElement) -> HtmlElement | None:
        """A picture set alone in its paragraph, and right under it one short sentence of its own
        ('Lực lượng chức năng có mặt tại hiện trường vụ cháy.'): that line is the caption. A
        paragraph of the text runs longer or holds more than one sentence."""
        if not _has(element, "img") or self.text(element):
            return None
        after = self.next_element(element)
        if after is None or after.tag not in ("p", "div", "em", "i", "span") or _has(after, "img"):
            return None
        if squash(element.tail):
            return None  # text between them
        text = self.text(after)
        bold = next(after.iterdescendants("strong", "b"), None)
        if bold is not None and self.text(bold) == text:
            return None  # a crosshead set in bold under the picture, not its caption
        words = text.split()
        if not 2 <= len(words) <= CAPTION_MAX_WORDS or _NOT_A_CAPTION.search(text):
            return None
        return after

    def _structural_reason(self, element: HtmlElement, main_text_len: int) -> str | None:
        tag = element.tag
        names = _names(element)
        text = self.text(element)
        if tag == "figcaption" or tag == "caption" or any(CAPTION_NAME.search(n) for n in names):
            return "photo caption (marked as a caption in the page)"
        if len(text) < main_text_len * 0.5:
            if any(AUTHOR_NAME.search(n) for n in names) and clean.looks_like_person(text):
                return "author box (kept as metadata)"
            if tag in ("nav", "aside", "footer") or any(WIDGET_NAME.search(n) for n in names):
                return f"page widget ({tag}.{'.'.join(names)[:40]}: share, tags, related or ads)"
            if tag in ("ul", "ol") and self._is_link_list(element):
                return "list of related-article links"
            if tag in ("div", "section", "aside", "table", "ul", "ol") and self._is_link_box(element):
                return "box of links to other articles"
            if tag in ("div", "p", "section", "article", "h3", "h4") and self._is_lone_link(element):
                return "link to another article (a headline set in the body)"
            if tag == "table" and _has(element, "img") and self._is_picture_table(element):
                return "photo caption (text of a picture table)"
            if tag == "table" and self._is_data_table(element):
                return "data table (figures in cells, not paragraphs)"
        if self._is_location_stamp(element, names):
            return LOCATION
        return None

    def _is_link_list(self, element: HtmlElement) -> bool:
        items = list(element.iterdescendants("li"))
        if not items:
            return False
        for item in items:
            text = self.text(item)
            linked = sum(len(self.text(a)) for a in item.iterdescendants("a"))
            if text and linked < 0.8 * len(text.replace(" ", "")) - 5 and linked < 0.8 * len(text):
                return False
        return True

    def _is_link_box(self, element: HtmlElement) -> bool:
        """A box of other articles' headlines: several links that make up nearly all its text."""
        links = list(element.iterdescendants("a"))
        if len(links) < 2:
            return False
        text = len(self.text(element).replace(" ", ""))
        linked = sum(len(self.text(a).replace(" ", "")) for a in links)
        return text > 0 and linked >= 0.7 * text

    def _is_lone_link(self, element: HtmlElement) -> bool:
        """A block that is one link and nothing else, a headline (no sentence end) or a picture
        with one: another article's teaser set between paragraphs. Article text is not linked whole."""
        links = [a for a in element.iterdescendants("a") if a.get("href")]
        text = self.text(element)
        if len(links) != 1 or not text or self.text(links[0]) != text:
            return False
        return _has(element, "img") or not ENDS_LIKE_SENTENCE.search(text)

    def _is_data_table(self, element: HtmlElement) -> bool:
        """A table of figures (prices, results, schedules): rows of several short cells. Its cells
        are not paragraphs, and a cell holding a name is not a byline."""
        rows = [cells for cells in (_cells(row) for row in element.iterdescendants("tr")) if len(cells) >= 2]
        if len(rows) < 2:
            return False
        texts = [self.text(cell) for cells in rows for cell in cells]
        return sum(len(text.split()) <= 8 for text in texts) >= 0.8 * len(texts)

    def _is_picture_table(self, element: HtmlElement) -> bool:
        """A table that frames pictures: every cell's text is caption-sized."""
        cells = _cells(element)
        return bool(cells) and all(len(self.text(cell).split()) <= 60 for cell in cells)

    def _is_location_stamp(self, element: HtmlElement, names: list[str]) -> bool:
        """A short place name glued to the head of a paragraph: '<span class=location-stamp>Hà Nội</span>Ông …'."""
        if element.tag not in ("span", "strong", "b", "em", "i", "a"):
            return False
        text = self.text(element)
        if not text or len(text.split()) > 4 or re.search(r"[.,;:!?]", text):
            return False
        if any(LOCATION_NAME.search(n) for n in names):
            return True
        parent = self.parent(element)
        if element.tag == "a" or parent is None or parent.tag not in ("p", "h2", "h3", "div"):
            return False  # a link is a widget or a reference, never the dateline's place
        assert isinstance(parent, HtmlElement)
        if _text_before(parent, element).strip():
            return False
        after_text = element.tail or ""  # the paragraph's own text, glued with no space
        return bool(after_text) and after_text[:1].isupper() and text[-1:].isalpha()

    def _shape_reason(self, owner: HtmlElement | _Body | None, text: str, alts: set[str]) -> str | None:
        """Captions known by shape in the markup: the picture's alt text repeated under it,
        or a picture and a short line sharing one block."""
        if text.lower() in alts and len(text.split()) <= 40:
            return "photo caption (repeats the picture's alt text)"
        if (
            owner is not None
            and self.has_picture(owner)
            and len(text.split()) <= 30
            and self.owner_text(owner) == text
        ):
            return "photo caption (a picture and a short line in one block)"
        return None


def _has(element: HtmlElement, tag: str) -> bool:
    """Whether the element holds a `tag` element (itself not counted)."""
    return next(element.iterdescendants(tag), None) is not None


def _cells(element: HtmlElement) -> list[HtmlElement]:
    return list(element.iterdescendants("td", "th"))


def _names(element: HtmlElement) -> list[str]:
    names = (element.get("class") or "").split()
    for attribute in ("id", "data-campaign", "data-role", "role"):
        value = element.get(attribute)
        if value:
            names.append(value)
    return names


def _text_before(parent: HtmlElement, element: HtmlElement) -> str:
    """The text inside `parent` that comes before `element`."""
    before = [parent.text or ""]
    ancestors = set(element.iterancestors())
    for node in parent.iterdescendants():
        if node is element:
            break
        if isinstance(node.tag, str):
            before.append(node.text or "")
        if node not in ancestors:
            before.append(node.tail or "")
    return "".join(before)
