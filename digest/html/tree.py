"""The page as one lxml tree: parsing it, dropping what never holds text, and the names
of the markup that the other modules look for.

The page is parsed once, here; every later step (metadata, main block, blocks) reads or
trims this same tree.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from digest.errors import InputError

# Elements that never hold article text.
DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "video",
    "audio", "canvas", "button", "select", "textarea", "input", "map", "head",
)
BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th", "tr",
    "table", "ul", "ol", "dl", "dt", "dd", "pre", "figure", "figcaption", "section",
    "article", "header", "footer", "aside", "nav", "main", "center", "address", "caption",
    "tbody", "thead", "form", "hr", "body", "html",
})
# Class, id and data-campaign words that name a caption or a widget (case-insensitive).
CAPTION_NAME = re.compile(r"caption|chu_?-?thich|^image$|^img_?desc|^desc_?img|^photo_?desc|^expnoedit$", re.I)
WIDGET_NAME = re.compile(
    r"share|sharing|social|comment|binh-?luan|(?:^|[-_])tags?(?:$|[-_])|tag-?list|keyword|tu-?khoa|breadcrumb"
    r"|related|relate|lien-?quan|tinlienquan|box-?tin|readmore|read-more|xem-?them|doc-?them"
    r"|^ads?$|^ad-|advert|banner|^qc|quangcao|sponsor|^print|toolbar|rating|vote|newsletter"
    r"|like-?facebook|fb-like|^fb-|zalo|subscribe|popup|^menu|^nav",
    re.I,
)
AUTHOR_NAME = re.compile(r"author|tac-?gia|byline|writer", re.I)
LOCATION_NAME = re.compile(r"location|dateline|place", re.I)
SAPO_NAME = re.compile(r"sapo|desc|lead|summary|intro|excerpt|chapeau|head|abstract|teaser|subtitle", re.I)
SOURCE_NAME = re.compile(r"source|nguon", re.I)  # an element that credits the outlet: "Theo X"

# A start tag with this many attributes is no markup a newsroom writes; libxml2 checks each
# attribute against all the ones before it, so thousands of them cost minutes. The rest of
# such a tag's attributes are dropped before parsing.
MAX_ATTRIBUTES = 256
_ATTRIBUTE = r"""(?:[\s/]+|(?<=["']))[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?"""
# Each attribute is anchored by the space (or quote) before it and its value's quotes, so these match
# in one pass with no backtracking worth the name, whatever the tag holds.
_MANY_ATTRIBUTES = re.compile(r"<[A-Za-z][^\s/>]*(?:" + _ATTRIBUTE + "){" + str(MAX_ATTRIBUTES) + "}")
_MORE_ATTRIBUTES = re.compile("(?:" + _ATTRIBUTE + ")*")
_UNXML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def parse(path: str, text: str) -> HtmlElement:
    """The page's tree; raises InputError for a page lxml cannot read."""
    text = _UNXML.sub("", text)  # control characters and lone surrogates lxml refuses
    # lxml refuses a str that declares its own encoding; the text is already decoded.
    text = _XML_DECLARATION.sub("", text)
    text = _few_attributes(text)
    if not text.strip():
        raise InputError(f"{path}: empty page")
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as err:
        raise InputError(f"{path}: not a readable HTML page ({err})") from None
    if root is None:
        raise InputError(f"{path}: not a readable HTML page")
    return root


def _few_attributes(text: str) -> str:
    """The page with every start tag cut to its first MAX_ATTRIBUTES attributes."""
    kept: list[str] = []
    at = 0
    while (many := _MANY_ATTRIBUTES.search(text, at)) is not None:
        kept.append(text[at : many.end()])
        more = _MORE_ATTRIBUTES.match(text, many.end())
        at = more.end() if more is not None else many.end()
    if not kept:
        return text
    kept.append(text[at:])
    return "".join(kept)


# Never shown, so the words either side of one are as the reader sees them: glued.
_INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "head"})


def drop_unreadable(root: HtmlElement) -> None:
    """Scripts, styles, iframes (with the raw fallback markup inside), forms controls, comments."""
    for element in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        remove_keep_tail(element)
    for element in list(root.iter(*DROP_TAGS)):
        remove_keep_tail(element, word_break=element.tag not in _INVISIBLE_TAGS)


def remove_keep_tail(element: HtmlElement, word_break: bool = False) -> None:
    """Remove the element, keeping the text after it. word_break: the element stood between
    two words (a button, a picture, a player), so they stay two words, never one."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        before = previous.tail if previous is not None else parent.text
        if word_break and glued_word(before if before or previous is None else previous.text_content(), tail):
            tail = " " + tail
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def glued_word(before: str | None, after: str | None) -> bool:
    """Whether text `before` and text `after`, put side by side, would join two words into one."""
    if not before or not after:
        return False
    return before[-1].isalnum() and after[0].isalnum()


def named(element: HtmlElement, *patterns: re.Pattern[str]) -> bool:
    """Whether one of the element's class names or its id matches one of the patterns."""
    names = [*(element.get("class") or "").split(), element.get("id") or ""]
    return any(p.search(n) for n in names if n for p in patterns)


def contains(outer: HtmlElement, inner: HtmlElement) -> bool:
    return outer is inner or any(a is outer for a in inner.iterancestors())
