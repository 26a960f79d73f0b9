"""Photo captions: the lines under a picture, which are not the article's text.

A caption is a line that ends in a credit ("Ảnh: Yonhap/TTXVN", "(Ảnh: Telegraph)",
"Video: Phạm Duy."), image alt text ("... - Ảnh 1", "hinh anh 1"), an illustration note
("Ảnh minh họa"), or one short plain sentence set between paragraphs of a text laid out in
paragraphs ("Công an khám nghiệm hiện trường.", _short_caption).
"""
from __future__ import annotations

import re

from digest.clean.shapes import _SENTENCE_END, _words
from digest.clean.state import _State

# Photo captions: a credit at the end ("Ảnh: Yonhap/TTXVN", "(Ảnh: Telegraph)",
# "(Ảnh do Văn phòng Nội các Nhật Bản) (Kyodo)", "Video: Phạm Duy."), or image alt
# text that ends in "ảnh 1", "- Ảnh 2", "hinh anh 1".
#
# The credit is matched in time linear in the line, however it is built (a line of a few
# thousand spaces, or of "(ảnh: a)" repeated, took minutes): the spaces after the separator
# are taken whole (an atomic group; a body that started inside them would only be longer),
# the body ends at the first of the spaces after it, never inside them (the spaces before
# the end take them all the same), and the search starts at the first credit whose body
# can reach the line's closing parenthesized groups (_caption_credit_start). The credit
# found, where it starts included, is the one the plain pattern finds.
_CAPTION_LEAD = (
    r"(?:^|[\s.(])\(?"
    r"(?:ảnh|nguồn ảnh|ảnh minh họa|ảnh minh hoạ|video|clip|đồ họa|đồ hoạ|tin, ảnh|tin và ảnh|ảnh, video)"
    r"\s*(?::|do\b|-|–)(?=(?P<pad>\s*))(?P=pad)"
)
_CAPTION_BODY_CHARS = 80  # the credit's own words: "Ảnh: Văn phòng Nội các Nhật Bản"
_CAPTION_CREDIT = re.compile(
    _CAPTION_LEAD
    + r"(?:(?:[^.!?]|\.(?=\w)){0," + str(_CAPTION_BODY_CHARS) + r"}?(?:[.)]|(?<!\s))|)"
    + r"\s*(?:\([^()]{0,40}\)\s*)*$",
    re.I,
)
_CAPTION_CREDIT_LEAD = re.compile(_CAPTION_LEAD, re.I)
# The parenthesized groups that may close a credit ("(Kyodo)"), read from the line's end.
_TRAILING_GROUPS_REVERSED = re.compile(r"\s*(?:\)[^()]{0,40}\(\s*)*")
_CAPTION_ALT = re.compile(r"(?:[-–]\s*)?(?:ảnh|hình|hinh anh|hình ảnh|photo)\s+\d{1,2}$", re.I)
_CAPTION_ILLUSTRATION = re.compile(r"^\(?(?:ảnh minh họa|ảnh minh hoạ|ảnh: internet|ảnh internet)\)?\.?$", re.I)


def _caption(text: str) -> str | None:
    if _CAPTION_ILLUSTRATION.match(text):
        return f"photo caption '{text}'"
    if _CAPTION_ALT.search(text) and not _SENTENCE_END.search(text):
        return "photo caption (image alt text ending in 'ảnh N')"
    credit = _caption_credit_start(text)
    if credit is not None:
        return f"photo caption ending in '{text[credit:].strip()}'"
    return None


def _caption_credit_start(text: str) -> int | None:
    """Where the photo credit that ends `text` starts ('... Ảnh: Yonhap/TTXVN'), or None:
    _CAPTION_CREDIT.search(text).start(), in time linear in the text. Every match ends at
    the text's end, so a credit can only start where its body (80 characters at most)
    reaches the parenthesized groups at the end of the text ('(Kyodo)'); the search starts
    at the first such credit instead of trying every one against the whole rest."""
    groups = _TRAILING_GROUPS_REVERSED.match(text[::-1])
    reach = len(text) - (groups.end() if groups else 0) - _CAPTION_BODY_CHARS - 1
    position = 0
    while True:
        lead = _CAPTION_CREDIT_LEAD.search(text, position)
        if lead is None:
            return None
        if lead.end() >= reach:
            break
        position = lead.start() + 1
    credit = _CAPTION_CREDIT.search(text, lead.start())
    return credit.start() if credit else None


CAPTION_ABOVE_WORDS = 15  # a short line under a paragraph of this many words may be its picture's caption


def _short_caption(text: str, state: _State) -> str | None:
    """A photo caption without a credit: one short plain sentence set between paragraphs
    ('Công an khám nghiệm hiện trường.'). News paragraphs run to several clauses; a line of
    ten words or fewer with no comma, colon or quotation is the line under a picture."""
    if not state.multi_sentence_paragraphs or not state.kept or state.is_last or not text.endswith("."):
        return None  # where every line is one sentence, a short one is just a short sentence
    if len(_words(text)) > 10 or re.search(r"[,;:\"“”'‘’()]|\.\s+\S", text[:-1]):
        return None
    if state.last_kept_words < CAPTION_ABOVE_WORDS:
        return None  # under a crosshead or another short line: part of the text
    return f"photo caption (a short line between paragraphs) '{text}'"
