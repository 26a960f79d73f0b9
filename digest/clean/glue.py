"""A crawl that lost its paragraph breaks, split into its paragraphs again.

A line is split where a sentence end (or a closing parenthesis) is glued to the capital
that opens the next sentence ("...tình nghi.Kẻ tình nghi..."), sparing abbreviations
("Tp.HCM"). What a crawl glued to a paragraph's end is split off first: a credit ("ĐỨC
MẠNHTheo Infonet", "... ngày 30/6/2014. Lê Hoàng (theo AFP)"), a photo caption after three
sentences or more, and the end mark "./." with what follows it.
"""
from __future__ import annotations

import re

from digest.clean.captions import _caption_credit_start
from digest.clean.shapes import _ABBREVIATIONS
from digest.clean.state import Line
from digest.vietnamese import CLOSING_QUOTES, SENTENCE_MARKS

# Where a crawl glued two paragraphs: a sentence end right before the next capital.
_GLUE = re.compile("[" + re.escape(SENTENCE_MARKS + ")") + "][" + re.escape(CLOSING_QUOTES) + r"]?(?=\S)")
# A "Theo <outlet>" credit glued to the byline before it: "ĐỨC MẠNHTheo Infonet".
_GLUED_THEO = re.compile(r"[^\W\d_.](?P<theo>Theo\s+[A-ZĐ][^.!?,;:()]{1,40}\.?)$")
# The end mark "./." with more text glued after it (a credit, the next record).
_GLUED_END_MARK = re.compile(r"\./\.(?=\s*\S)")
# A paragraph's end carries a few glued things at most (a byline, its outlet's credit, a
# caption, the end mark and what follows it): past this many, the rest of the line is split
# as glued paragraphs only. Each is looked for in the whole line, so a line built of
# thousands of them ("... aTheo Ab aTheo Ab ...") took time quadratic in its length.
_GLUED_TAILS_MAX = 8


def _split_glued(line: Line) -> list[Line]:
    """A crawl that lost its paragraph breaks ('...tình nghi.Kẻ tình nghi...'): split where a
    sentence end (or a closing parenthesis) is glued to the capital that opens the next one.
    A credit, caption or end mark glued to the paragraph's end is split off first."""
    head = line.text
    tails: list[Line] = []
    while len(tails) < _GLUED_TAILS_MAX:
        cut = _glued_tail(head)
        if cut is None:
            break
        head, tail = cut
        tails.append(Line(line.number, tail))
    return [*_split_at_glue(Line(line.number, head)), *reversed(tails)]


def _glued_tail(text: str) -> tuple[str, str] | None:
    """(the paragraph, what a crawl glued to its end), or None when nothing is."""
    credit = _GLUED_THEO.search(text)
    if credit:  # "...trong thời gian tới.ĐỨC MẠNHTheo Infonet": the byline, then the credit
        return text[: credit.start("theo")], text[credit.start("theo"):]
    byline = _GLUED_BYLINE.search(text)
    if byline and all(w[:1].isupper() for w in byline["name"].split()):
        # "...vào ngày 30/6/2014. Lê Hoàng (theo AFP)": the reporter's credit on the last line
        return text[: byline.start("credit")].rstrip(), text[byline.start("credit"):]
    caption = _glued_caption(text)
    if caption:  # "...sát hại 2 binh sĩ. "Đường hầm" bị phát hiện. Ảnh: Times of Israel"
        return text[:caption].rstrip(), text[caption:]
    end_mark = _GLUED_END_MARK.search(text)
    if end_mark:  # "...tháng tới./.(Vietnam+)": the end mark closes the text, a credit follows
        return text[: end_mark.end()], text[end_mark.end():].strip()
    return None


# The last word before where a search stops (endpos), whatever follows it; tried from the
# first character of each word only, so that each word is read once.
_LAST_WORD = re.compile(r"(?<!\w)\w+(?=\W*$)")


def _split_at_glue(line: Line) -> list[Line]:
    text = line.text
    parts: list[str] = []
    start = 0
    searched, word = 0, ""  # the last word before each glue mark: each stretch of text is read once
    for match in _GLUE.finditer(text):
        at, after = match.start(), match.end()
        found = _LAST_WORD.search(text, searched, at)  # a glue mark holds no word
        word = found.group() if found else word
        searched = after
        if at == 0 or not text[after: after + 1].isupper():
            continue
        last = text[at - 1]
        # a code with a digit ends a sentence too: "Quốc lộ 1A.Qua kiểm tra"
        code = any(c.isdigit() for c in word) and last.isalnum()
        if not (last.islower() or last.isdigit() or code) or word.lower() in _ABBREVIATIONS:
            continue
        parts.append(text[start:after])
        start = after
    if not parts:
        return [line]
    parts.append(text[start:])
    return [Line(line.number, part.strip()) for part in parts if part.strip()]


_GLUED_BYLINE = re.compile(
    r"[.!?…”\"]\s+(?P<credit>(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+){1,3})\s*\((?:theo|nguồn)\s+[^()]{2,40}\))\s*$",
    re.IGNORECASE)
_GLUED_CAPTION_MIN_BODY = 3  # sentences before the caption: fewer, and the line is the caption


def _glued_caption(text: str) -> int | None:
    """Where a photo caption starts in a paragraph that a crawl glued it to: the last
    sentence before a closing credit ("Ảnh: Times of Israel"), when at least three
    sentences of text come before it; None otherwise (a whole short line is a caption)."""
    credit = _caption_credit_start(text)
    if credit is None or len(text) < 300:
        return None
    from digest.sentences import split_sentences

    before = text[:credit].rstrip(" (")
    sentences = split_sentences(before)
    if len(sentences) <= _GLUED_CAPTION_MIN_BODY:
        return None
    start = before.rfind(sentences[-1])
    return start if start > 0 else None
