"""Vietnamese sentence splitter.

A sentence ends at . ! ? … (or the Vietnamese end mark "./."), with any closing
quotes or brackets that follow, when whitespace and then an uppercase letter, a digit
or an opening quote/bracket come next. It does not end:

- after a title or place abbreviation ("TP. HCM", "PGS.TS. Nguyễn", "St. Louis"),
  a dotted acronym ("U.S.") or an initial ("Kim J. Un");
- inside quotes or parentheses, so a quoted passage stays within its sentence.

Numbers ("1.100.000", "3,5", "13.11.2020"), "Q.1", domains ("VnExpress.net") and
emails never have whitespace after their dots, so they are never candidates.
Sentences are returned exactly as they appear in the input, only stripped.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from digest.vietnamese import ABBREVIATIONS as ABBREVIATION_FORMS
from digest.vietnamese import NOT_SENTENCE_ABBREVIATIONS, SENTENCE_MARKS

# Abbreviations that end in a full stop but not a sentence ("TP. HCM", "GS. Phan", "tr. 5"),
# compared as written.
ABBREVIATIONS = ABBREVIATION_FORMS - NOT_SENTENCE_ABBREVIATIONS

# A capital and one or two lowercase consonants has no vowel, so it is no Vietnamese
# syllable: a shortened name ("anh Kh.", "chị Ng.") or a title ("St.", "Dr.", "Th.").
_CONSONANT_INITIAL = re.compile(r"[A-ZĐ][bcdđghklmnpqrstvxz]{1,2}")

_TERMINATOR = r"(?:\./\.|[" + re.escape(SENTENCE_MARKS) + "])+"  # "./." is the Vietnamese end mark
_CLOSERS = "\"”’'»)]"
_OPENERS = "\"“‘'«(["
_CANDIDATE = re.compile(_TERMINATOR + "[" + re.escape(_CLOSERS) + r"]*(?=\s)")

_PAIRED_MARKS = (("“", "”"), ("«", "»"), ("(", ")"), ("[", "]"))
_OPENER_OF = {closer: opener for opener, closer in _PAIRED_MARKS}
_MARK = re.compile("[" + re.escape("".join(o + c for o, c in _PAIRED_MARKS) + '"') + "]")
_VISIBLE = re.compile(r"\S")


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences, each a stripped substring of `text`."""
    protected = _merged(_protected_spans(text))
    pieces: list[str] = []
    start = 0
    for end in _sentence_ends(text, protected):
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return [piece.strip() for piece in pieces if piece.strip()]


def _sentence_ends(text: str, protected: list[tuple[int, int]]) -> Iterator[int]:
    """Positions just after each sentence's final mark (and closing quotes)."""
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        next_char = _next_visible_char(text, end)
        if not next_char or not _starts_sentence(next_char):
            continue
        if _inside_any(end, protected):
            continue
        if match.group().rstrip(_CLOSERS) == "." and _is_abbreviation(_word_before(text, match.start())):
            continue
        yield end


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in _OPENERS


def _next_visible_char(text: str, position: int) -> str:
    found = _VISIBLE.search(text, position)
    return found.group() if found else ""


def _word_before(text: str, position: int) -> str:
    """The whitespace-delimited word that ends at `position` (a full stop)."""
    start = position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:position]


def _is_abbreviation(word: str) -> bool:
    # Only the part after the last inner dot counts: "PGS.TS" ends in a title and
    # "U.S" in an initial, but "TP.HCM" or "VnExpress.net" can end a sentence.
    last_part = word.rsplit(".", 1)[-1].lstrip(_OPENERS)
    if last_part in ABBREVIATIONS or _CONSONANT_INITIAL.fullmatch(last_part):
        return True
    return len(last_part) == 1 and last_part.isalpha() and last_part.isupper()


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of quotes and brackets; unmatched marks are ignored.
    One pass over the marks only; each kind of bracket nests on its own."""
    spans: list[tuple[int, int]] = []
    open_positions: dict[str, list[int]] = {opener: [] for opener, _ in _PAIRED_MARKS}
    straight_quotes: list[int] = []
    for match in _MARK.finditer(text):
        char, index = match.group(), match.start()
        if char == '"':
            straight_quotes.append(index)
        elif char in open_positions:
            open_positions[char].append(index)
        else:
            stack = open_positions[_OPENER_OF[char]]
            if stack:
                spans.append((stack.pop(), index))
    spans.extend(zip(straight_quotes[::2], straight_quotes[1::2], strict=False))  # an odd one out is unmatched
    return spans


def _inside_any(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether start < position <= end for some span; `spans` as _merged() gives them
    (sorted, disjoint), so one binary search answers: a paragraph's thousands of quotes
    cost log time per sentence end, not a scan each."""
    at = bisect.bisect_left(spans, (position, -1)) - 1
    return at >= 0 and spans[at][0] < position <= spans[at][1]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of the spans (start, end] as sorted, disjoint spans."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
