"""What one walk over an article's lines carries.

A Line is one input line (or one block of an HTML page) with its number in the input;
PageHints is what the page's metadata already says (title, date, author, source); _State
is what the rules read and write as they walk the lines: the lines kept and dropped (each
with its reason), why the article's text ended, the author, source and datelines found so
far, and what is read once rather than for each line (the title's key, the lede's).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from digest.model import RemovedLine


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in the input
    text: str


@dataclass
class PageHints:
    """What an HTML page's metadata already says; the text rules fill in the rest."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None


@dataclass
class _State:
    title: str
    kept: list[Line] = field(default_factory=list)
    kept_keys: set[str] = field(default_factory=set)  # _key of each kept line, to spot repeats
    removed: list[RemovedLine] = field(default_factory=list)
    ended_because: str | None = None  # set once the article's own text is over
    box: str | None = None  # inside a related-headlines box
    datelines: list[str] = field(default_factory=list)
    author: str | None = None
    source: str | None = None
    is_last: bool = False  # the line being classified is the input's last
    multi_sentence_paragraphs: bool = True  # the text is laid out in paragraphs, not a sentence a line
    since_end: int = 0  # lines seen since the article's text ended
    headline_runs: set[int] = field(default_factory=set)  # ids of lines in a run of related headlines
    # Read once, not again for each line that is compared with them (a long title or lede
    # and thousands of short lines made that quadratic):
    title_key: str = ""  # _key of the title
    lede_key: str | None = None  # _key of the first kept line
    last_kept_words: int = 0  # words of the last kept line, counted up to CAPTION_ABOVE_WORDS
    named: set[str] = field(default_factory=set)  # name labels found in the text (_named_in_text)
    folded: list[str] = field(default_factory=list)  # kept lines as _named_in_text compares them

    def drop(self, line: Line, why: str) -> None:
        self.removed.append(RemovedLine(line.number, line.text, why))
