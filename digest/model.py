"""The data model: the small dataclasses that travel between the stages, and the record
digest stores of them.

    sources -> Source -> clean -> Article -> summarize -> Digest -> translate -> Translation
    stories -> Story (Digests, TimelineLines, a StoryTranslation) -> render

Every stage, renderer and store imports its types from here, never from the stage that
makes them. Each type has a lossless `to_dict()` and `from_dict()`: the record that
`digest batch` writes in its shards and reads back for its briefing (RECORD_SCHEMA says
which shape; a record of another schema is refused, not misread). The public JSON and
JSONL that users read are digest.render.json's, made from these types.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

# The shape of the records to_dict() writes; from_dict() refuses another. Raise it when a
# field changes meaning or goes away (a new optional field needs no new schema).
RECORD_SCHEMA = 1


class RecordError(ValueError):
    """A record that is not one of this schema's (damaged, or written by another version)."""


@dataclass(frozen=True)
class FeedItem:
    """What a feed said about an item whose page is fetched: the page's own wins, these
    fill what the page lacks."""

    title: str | None = None
    date: str | None = None  # ISO, with the item's own UTC offset
    author: str | None = None


@dataclass(frozen=True)
class Source:
    """One input, decoded and NFC-normalized."""

    path: str  # as the user named it ('-' for stdin)
    text: str
    kind: str  # "text" or "html"
    feed_item: FeedItem | None = None  # a page reached through a feed: the item's title, date, author


@dataclass(frozen=True)
class RemovedLine:
    """A line the cleaner dropped, with the reason a person can read."""

    line: int  # 1-based line (or block) number in the input
    text: str
    why: str

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> RemovedLine:
        return cls(int(record["line"]), str(record["text"]), str(record["why"]))


@dataclass(frozen=True)
class Flag:
    """One doubt about a translation (digest.qa): its `kind` (one of digest.qa.KINDS) and a
    short `detail`."""

    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.detail}"

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "detail": self.detail}

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Flag:
        return cls(str(record["kind"]), str(record["detail"]))


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
    from_feed: list[str] = field(default_factory=list)  # fields the feed item gave ("title", "date", "author")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Article:
        return cls(path=str(record["path"]), title=str(record["title"]),
                   paragraphs=[str(p) for p in record["paragraphs"]], date=_text(record.get("date")),
                   partial_date=_text(record.get("partial_date")), author=_text(record.get("author")),
                   source=_text(record.get("source")),
                   removed=[RemovedLine.from_dict(r) for r in record.get("removed") or []],
                   from_feed=[str(f) for f in record.get("from_feed") or []])


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

    def to_dict(self) -> dict[str, Any]:
        return {"vi": self.vi, "en": self.en, "terms": list(self.terms), "repaired": list(self.repaired),
                "flags": [f.to_dict() for f in self.flags], "kept": self.kept}

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> TranslatedText:
        return cls(str(record["vi"]), str(record["en"]), [str(t) for t in record.get("terms") or []],
                   [str(t) for t in record.get("repaired") or []],
                   [Flag.from_dict(f) for f in record.get("flags") or []], _text(record.get("kept")))


@dataclass
class Translation:
    model: str
    title: TranslatedText
    summary: list[TranslatedText]
    paragraphs: list[list[TranslatedText]] | None = None  # with --full: sentences per paragraph
    changes: list[TranslatedText] | None = None  # an updated article's new or changed sentences

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
        for i, sentence in enumerate(self.changes or []):
            yield f"changes[{i}]", sentence

    def _all(self) -> Iterator[TranslatedText]:
        yield self.title
        yield from self.summary
        for para in self.paragraphs or []:
            yield from para
        yield from self.changes or []

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "title": self.title.to_dict(), "summary": [s.to_dict() for s in self.summary],
                "paragraphs": None if self.paragraphs is None else [[s.to_dict() for s in p] for p in self.paragraphs],
                "changes": None if self.changes is None else [s.to_dict() for s in self.changes]}

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Translation:
        paragraphs, changes = record.get("paragraphs"), record.get("changes")
        return cls(str(record["model"]), TranslatedText.from_dict(record["title"]),
                   [TranslatedText.from_dict(s) for s in record["summary"]],
                   None if paragraphs is None else [[TranslatedText.from_dict(s) for s in p] for p in paragraphs],
                   None if changes is None else [TranslatedText.from_dict(s) for s in changes])


@dataclass
class Changes:
    """What an updated article says that the text last briefed did not, sentence by sentence."""

    added: list[str]  # new or changed sentences, in article order
    removed: int  # how many sentences of the text last briefed are gone

    @staticmethod
    def sentence_key(sentence: str) -> str:
        """What the seen store keeps of a briefed sentence: a short hash of it, whitespace
        aside (enough to tell which sentences are new, without keeping every text)."""
        import hashlib

        return hashlib.sha256(" ".join(sentence.split()).encode("utf-8", "surrogatepass")).hexdigest()[:16]

    @classmethod
    def between(cls, before: list[str], now: list[str]) -> Changes:
        """The changes from the sentences last briefed (`before`: their sentence_key) to
        the sentences `now`."""
        had, has = set(before), {cls.sentence_key(s) for s in now}
        return cls([s for s in now if cls.sentence_key(s) not in had], len(set(before) - has))

    def to_dict(self) -> dict[str, Any]:
        return {"added": list(self.added), "removed": self.removed}

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Changes:
        return cls([str(s) for s in record["added"]], int(record["removed"]))


@dataclass
class Digest:
    article: Article
    summary: list[str]  # whole Vietnamese sentences, in article order
    translation: Translation | None = None
    updated: bool = False  # under --new: briefed before with another text
    briefed_before: bool = False  # under --new: this very text was briefed; here as part of a story with news
    first_filed: str | None = None  # an undated article's date when --out first filed it
    changes: Changes | None = None  # when updated: what changed since the text last briefed (if known)

    @property
    def filed_date(self) -> str | None:
        """The full date the digest is filed under, if the article states one."""
        return self.article.date[:10] if self.article.date else None

    def to_dict(self) -> dict[str, Any]:
        """The record digest stores: everything, with the schema it is written in."""
        return {"schema": RECORD_SCHEMA, "article": self.article.to_dict(), "summary": list(self.summary),
                "translation": None if self.translation is None else self.translation.to_dict(),
                "updated": self.updated, "briefed_before": self.briefed_before, "first_filed": self.first_filed,
                "changes": None if self.changes is None else self.changes.to_dict()}

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Digest:
        """The Digest a record was written from; RecordError for one that is not a record of
        this schema (KeyError, TypeError and ValueError of a damaged one are turned into it)."""
        if not isinstance(record, dict) or record.get("schema") != RECORD_SCHEMA:
            found = record.get("schema") if isinstance(record, dict) else type(record).__name__
            raise RecordError(f"not a digest record of schema {RECORD_SCHEMA} (found {found!r})")
        try:
            translation = record.get("translation")
            return cls(Article.from_dict(record["article"]), [str(s) for s in record["summary"]],
                       None if translation is None else Translation.from_dict(translation),
                       bool(record.get("updated")), bool(record.get("briefed_before")),
                       _text(record.get("first_filed")),
                       None if record.get("changes") is None else Changes.from_dict(record["changes"]))
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise RecordError(f"a damaged digest record ({type(err).__name__}: {err})") from None


# --- stories (digest.stories makes them) ------------------------------------------------


@dataclass
class TimelineLine:
    """One article of a story (with its near-duplicates), as a dated line."""

    input: str  # the article's input path
    date: str | None  # "YYYY-MM-DD[THH:MM]" as the article states it
    partial_date: str | None  # "--MM-DD": a partial date stays partial
    outlets: list[str]  # the article's outlet and those of its copies
    text: str  # the first sentence of the article's own lead
    copies: list[str] = field(default_factory=list)  # input paths of its near-duplicates

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> TimelineLine:
        return cls(str(record["input"]), _text(record.get("date")), _text(record.get("partial_date")),
                   [str(o) for o in record["outlets"]], str(record["text"]),
                   [str(c) for c in record.get("copies") or []])


@dataclass
class StoryTranslation:
    title: TranslatedText
    timeline: list[TranslatedText]
    summary: list[TranslatedText]

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title.to_dict(), "timeline": [t.to_dict() for t in self.timeline],
                "summary": [t.to_dict() for t in self.summary]}

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> StoryTranslation:
        return cls(TranslatedText.from_dict(record["title"]), [TranslatedText.from_dict(t) for t in record["timeline"]],
                   [TranslatedText.from_dict(t) for t in record["summary"]])


@dataclass
class Story:
    """Articles reporting one event. A story of one article is that article alone."""

    id: str  # "s1", "s2", … in briefing order
    title: str
    articles: list[Digest]  # every input of the story, oldest first, undated last
    outlets: list[str]  # the outlets that carried it (named ones), in timeline order
    timeline: list[TimelineLine]  # one line per distinct article (near-duplicates merged)
    summary: list[str]  # story summary sentences (the article's own summary for a story of one)
    reason: list[str]  # why these articles are one story (or why one stands alone)
    translation: StoryTranslation | None = None

    @property
    def inputs(self) -> list[str]:
        return [d.article.path for d in self.articles]

    @property
    def outlet_count(self) -> int:
        """Outlets that carried the story; an article that names none counts as one."""
        unnamed = sum(1 for line in self.timeline if not line.outlets)
        return len(self.outlets) + unnamed

    def texts(self) -> list[str]:
        """Everything of the story that is translated, in StoryTranslation's order."""
        return [self.title, *(t.text for t in self.timeline), *self.summary]

    def set_single_translation(self, translation: Translation) -> None:
        """A story of one article: its English is the article's (no timeline English)."""
        self.translation = StoryTranslation(translation.title, [], list(translation.summary))

    def set_translation(self, english: Sequence[TranslatedText]) -> None:
        """The English of texts(), in that order: one for each, or a ValueError (never
        English set against the wrong text)."""
        texts = self.texts()
        if len(english) != len(texts) or any(e.vi.strip() != t.strip() for e, t in zip(english, texts, strict=True)):
            raise ValueError(f"story {self.id}: the English does not match its texts")
        lines = len(self.timeline)
        self.translation = StoryTranslation(english[0], list(english[1:1 + lines]), list(english[1 + lines:]))

    def to_dict(self) -> dict[str, Any]:
        """The record digest stores (the public JSON is digest.render.json's)."""
        return {"schema": RECORD_SCHEMA, "id": self.id, "title": self.title,
                "articles": [d.to_dict() for d in self.articles], "outlets": list(self.outlets),
                "timeline": [t.to_dict() for t in self.timeline], "summary": list(self.summary),
                "reason": list(self.reason),
                "translation": None if self.translation is None else self.translation.to_dict()}

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Story:
        if not isinstance(record, dict) or record.get("schema") != RECORD_SCHEMA:
            raise RecordError(f"not a story record of schema {RECORD_SCHEMA}")
        try:
            translation = record.get("translation")
            return cls(str(record["id"]), str(record["title"]), [Digest.from_dict(d) for d in record["articles"]],
                       [str(o) for o in record["outlets"]], [TimelineLine.from_dict(t) for t in record["timeline"]],
                       [str(s) for s in record["summary"]], [str(r) for r in record["reason"]],
                       None if translation is None else StoryTranslation.from_dict(translation))
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise RecordError(f"a damaged story record ({type(err).__name__}: {err})") from None


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
