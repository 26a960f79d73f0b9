"""readability-lxml on the page's own tree, with its slowest steps done in linear time.

readability (0.9) accepts an lxml tree as well as markup, so the page is not serialized
and parsed again for it. What it reads is a copy: it trims the tree it works on (hidden
elements, unlikely candidates), and the page's tree must stay whole for the other jobs.

Where it spent its time, steps are replaced by ones that decide exactly as it does
(tests/test_html_readable.py holds them to stock readability); on the saved pages this
nearly halves its time:
- its cleaner copied the tree a second time and rewrote every link to blank out
  "javascript:" URLs; readability reads no link targets, so only the tree it reads is
  cleaned, without that rewrite (scripts, styles, comments, <link> are still killed);
- its text length (len(clean(text))) ran regexes that are quadratic in the length of a
  run of spaces, and page text is indented with long runs: the same three substitutions
  anchored at the start of a run give the same text in linear time; while scoring (the
  tree does not change then) each element is measured once;
- it decided whether a <div> holds block elements by serializing all its children and
  searching the markup for "<p", "<div", ...: a tag name that starts so is known without
  serializing, and only a subtree with a "<" in an attribute is still serialized;
- its scoring formatted a debug line for every candidate even with its log off.
The replaced methods keep readability 0.9's code otherwise; a readability upgrade should
be checked against them (the tests above).
"""

from __future__ import annotations

import copy
import re
from typing import Any

from lxml.etree import tostring, tounicode
from lxml.html import HtmlElement, fragment_fromstring
from lxml_html_clean import Cleaner
from readability import Document
from readability.readability import REGEXES

# readability's cleaner (readability.cleaners.html_cleaner) without javascript=True, which
# only strips on* attributes and blanks javascript: links: nothing readability reads.
_CLEANER = Cleaner(
    scripts=True, javascript=False, comments=True, style=True, links=True, meta=False,
    add_nofollow=False, page_structure=False, processing_instructions=True, embedded=False,
    frames=False, forms=False, annoying_tags=False, remove_unknown_tags=False,
    safe_attrs_only=False,
)

# readability.readability.clean(), each pattern tried only where a run of spaces starts.
_LONG_SPACE = re.compile(r"(?<!\s)\s{255,}")
_SPACE_WITH_NEWLINE = re.compile(r"(?<!\s)\s*\n\s*")
_TABS_AND_SPACES = re.compile(r"\t|[ \t]{2,}")

# readability's divToPElementsRe, on a tag name instead of markup.
_BLOCK_TAG = re.compile(r"(?:blockquote|dl|div|img|ol|p|pre|table|ul)", re.I)


def _clean(text: str) -> str:
    text = _LONG_SPACE.sub(" " * 255, text)
    text = _SPACE_WITH_NEWLINE.sub("\n", text)
    return _TABS_AND_SPACES.sub(" ", text).strip()


def _text_length(element: HtmlElement, lengths: dict[HtmlElement, int] | None = None) -> int:
    if lengths is None:
        return len(_clean(element.text_content() or ""))
    length = lengths.get(element)
    if length is None:
        length = lengths[element] = len(_clean(element.text_content() or ""))
    return length


class TreeDocument(Document):  # type: ignore[misc]  # readability ships no types
    """readability's Document over a copy of an lxml tree."""

    def _parse(self, input: HtmlElement) -> HtmlElement:  # readability names it `input`
        doc = copy.deepcopy(input)
        self.encoding = "utf-8"
        for element in doc.xpath("//*[@hidden]"):
            element.drop_tree()
        for element in doc.xpath("//*[@style]"):
            if REGEXES["displayNoneRe"].search(element.get("style")):
                element.drop_tree()
        _CLEANER(doc)
        doc.resolve_base_href(handle_failures=self.handle_failures)
        return doc

    # Scoring weighs each candidate's links; a link inside nested candidates is measured
    # once while scoring (the tree does not change then), not once per candidate.
    _lengths: dict[HtmlElement, int] | None = None

    def score_paragraphs(self) -> dict[HtmlElement, dict[str, Any]]:
        """readability's own scoring (0.9), less its debug log line (formatted for every
        candidate even when the log is off), measuring text with the linear _clean."""
        self._lengths = {}
        try:
            return self._score_paragraphs()
        finally:
            self._lengths = None

    def _score_paragraphs(self) -> dict[HtmlElement, dict[str, Any]]:
        min_len = self.min_text_length
        candidates: dict[HtmlElement, dict[str, Any]] = {}
        ordered = []
        for elem in self.tags(self._html(), "p", "pre", "td", "blockquote"):
            parent_node = elem.getparent()
            if parent_node is None:
                continue
            grand_parent_node = parent_node.getparent()

            inner_text = _clean(elem.text_content() or "")
            inner_text_len = len(inner_text)

            # If this paragraph is less than 25 characters, don't even count it.
            if inner_text_len < min_len:
                continue

            if parent_node not in candidates:
                candidates[parent_node] = self.score_node(parent_node)
                ordered.append(parent_node)

            if grand_parent_node is not None and grand_parent_node not in candidates:
                candidates[grand_parent_node] = self.score_node(grand_parent_node)
                ordered.append(grand_parent_node)

            content_score: float = 1
            content_score += len(inner_text.split(","))
            content_score += min((inner_text_len / 100), 3)
            candidates[parent_node]["content_score"] += content_score
            if grand_parent_node is not None:
                candidates[grand_parent_node]["content_score"] += content_score / 2.0

        # Scale the final candidates score based on link density. Good content should have a
        # relatively small link density (5% or less) and be mostly unaffected by this operation.
        for elem in ordered:
            candidates[elem]["content_score"] *= 1 - self.get_link_density(elem)
        return candidates

    def remove_unlikely_candidates(self) -> None:
        """readability's own (0.9); an element with neither class nor id is passed over
        before its (empty) name is formatted and searched."""
        for elem in self.html.findall(".//*"):
            classes, ident = elem.get("class", ""), elem.get("id", "")
            if not classes and not ident:
                continue
            s = f"{classes} {ident}"
            if len(s) < 2:
                continue
            if (
                REGEXES["unlikelyCandidatesRe"].search(s)
                and (not REGEXES["okMaybeItsACandidateRe"].search(s))
                and elem.tag not in ["html", "body"]
                and not elem.xpath("ancestor-or-self::pre | ancestor-or-self::code")
                and not elem.xpath("descendant-or-self::main | descendant-or-self::article | descendant-or-self::math")
            ):
                elem.drop_tree()

    def get_link_density(self, elem: HtmlElement) -> float:
        link_length = sum(_text_length(link, self._lengths) for link in elem.findall(".//a"))
        return float(link_length) / max(_text_length(elem, self._lengths), 1)

    def transform_misused_divs_into_paragraphs(self) -> None:
        """readability's own pass (0.9), with the first loop's test made linear."""
        holds = _block_holders(self.html)
        for elem in self.tags(self.html, "div"):
            # A <div> that holds no block element (in its children's subtrees) is a <p>.
            # Renaming a <div> to <p> leaves what every subtree holds as it was.
            if not any(_holds_block(child, holds) for child in elem):
                elem.tag = "p"

        for elem in self.tags(self.html, "div"):
            children = list(elem)
            paragraph = None
            if elem.text and elem.text.strip():
                p = fragment_fromstring("<p/>")
                p.text = elem.text
                elem.text = None
                elem.insert(0, p)
                paragraph = p

            for child in children:
                if child.tag == "br":
                    paragraph = None
                    continue
                if child.tag not in _INLINE_TAGS or REGEXES["divToPElementsRe"].search(tounicode(child, method="html")):
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = fragment_fromstring("<p/>")
                    child.addprevious(paragraph)
                paragraph.append(child)

            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p = fragment_fromstring("<p/>")
                    p.text = child.tail
                    child.tail = None
                    elem.insert(pos + 1, p)
                if child.tag == "br":
                    child.drop_tree()


_INLINE_TAGS = frozenset({"a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u"})


def _block_holders(root: HtmlElement) -> dict[HtmlElement, bool | None]:
    """Each element -> whether its markup (itself and its subtree; its tail is escaped text)
    holds a block tag: True or False, or None where an attribute holds a '<' and only
    serializing tells."""
    holds: dict[HtmlElement, bool | None] = {}
    for element in reversed(list(root.iter())):  # children before their parents
        tag = element.tag
        if not isinstance(tag, str):
            holds[element] = None
            continue
        if _BLOCK_TAG.match(tag):
            holds[element] = True
            continue
        result: bool | None = False
        if any("<" in name or "<" in value for name, value in element.items()):
            result = None
        for child in element:
            below = holds[child]
            if below:
                result = True
                break
            if below is None:
                result = None
        holds[element] = result
    return holds


def _holds_block(child: HtmlElement, holds: dict[HtmlElement, bool | None]) -> bool:
    known = holds.get(child)
    if known is None:  # what readability did: search the serialized markup
        return bool(REGEXES["divToPElementsRe"].search(str(tostring(child, encoding="utf-8"))))
    return known
