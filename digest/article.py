"""The small dataclasses that travel between the stages.

sources -> Source -> clean -> Article -> summarize -> list[str] -> translate -> Translation
and render takes a Digest (article + summary + optional translation).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from digest.qa import Flag


@dataclass(frozen=True)
class Source:
    """One input, decoded and NFC-normalized."""

    path: str  # as the user named it ('-' for stdin)
    text: str
    kind: str  # "text" or "html"


@dataclass(frozen=True)
class RemovedLine:
    """A line the cleaner dropped, with the reason a person can read."""

    line: int  # 1-based line (or block) number in the input
    text: str
    why: str


@dataclass
class Article:
    path: str
    title: str
    paragraphs: list[str]
    date: str | None = None  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"
    partial_date: str | None = None  # "--MM-DD" when the year is not stated
    author: str | None = None
    source: str | None = None
    removed: list[RemovedLine] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class TranslatedText:
    """English for one Vietnamese text (a title or a sentence)."""

    vi: str
    en: str
    terms: list[str] = field(default_factory=list)  # glossary English forms used
    repaired: list[str] = field(default_factory=list)  # terms the model lost and we put back
    flags: list[Flag] = field(default_factory=list)  # digest.qa's doubts about `en`
    # A flagged first English is decoded once more with other settings: "retry" when that
    # second English cleared flags and was kept, "first" when it didn't; None: no retry.
    kept: str | None = None

    @property
    def retried(self) -> bool:
        return self.kept is not None


@dataclass
class Translation:
    model: str
    title: TranslatedText
    summary: list[TranslatedText]
    paragraphs: list[list[TranslatedText]] | None = None  # with --full: sentences per paragraph

    @property
    def terms(self) -> list[str]:
        return _unique(t for x in self._all() for t in x.terms)

    @property
    def repaired(self) -> list[str]:
        return _unique(t for x in self._all() for t in x.repaired)

    @property
    def flags(self) -> list[Flag]:
        """Every flag of the title, summary and full text, in that order."""
        return [f for x in self._all() for f in x.flags]

    def located(self) -> Iterator[tuple[str, TranslatedText]]:
        """Each translated text with where it sits: "title", "summary[i]", "paragraphs[i][j]"."""
        yield "title", self.title
        for i, sentence in enumerate(self.summary):
            yield f"summary[{i}]", sentence
        for i, para in enumerate(self.paragraphs or []):
            for j, sentence in enumerate(para):
                yield f"paragraphs[{i}][{j}]", sentence

    def _all(self) -> Iterator[TranslatedText]:
        yield self.title
        yield from self.summary
        for para in self.paragraphs or []:
            yield from para


@dataclass
class Digest:
    article: Article
    summary: list[str]  # whole Vietnamese sentences, in article order
    translation: Translation | None = None
    updated: bool = False  # under --new: briefed before with another text
    briefed_before: bool = False  # under --new: this very text was briefed; here as part of a story with news
    first_filed: str | None = None  # an undated article's date when --out first filed it

    @property
    def filed_date(self) -> str | None:
        """The full date the digest is filed under, if the article states one."""
        return self.article.date[:10] if self.article.date else None


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
