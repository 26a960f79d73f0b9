"""The proper-noun glossary: load and check glossary.csv, find its terms in Vietnamese.

glossary.csv has the header `vi,en,kind`, optionally followed by comment columns `count`,
`example` and `note` (what `digest glossary suggest` writes beside its rows); a header may
be repeated further down (suggest output appended to the file), and each names the
columns of the rows after it. Several Vietnamese spellings may map to one English form;
one Vietnamese form may never map to two. A row whose `en` is empty is *pending*: a name
someone has yet to translate. Runs leave it out; `glossary check` lists it as a warning. Matching is case-sensitive,
longest-first, and only at syllable boundaries, so "Nam" never matches inside "Namibia"
and "Bán đảo Triều Tiên" wins over "Triều Tiên".
"""
from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from digest.errors import GlossaryError
from digest.namefinder import at_sentence_start

KINDS = ("person", "place", "org", "law", "agency", "term")
HEADER = ("vi", "en", "kind")
# Columns after the three that carry no meaning for a run: what suggest reports, or a
# person's note. A row may leave them out.
COMMENT_COLUMNS = ("count", "example", "note")


@dataclass(frozen=True)
class Entry:
    vi: str
    en: str
    kind: str
    line: int  # line in the CSV file, for messages


@dataclass(frozen=True)
class Match:
    """One glossary term found in a text: text[start:end] == vi."""

    start: int
    end: int
    vi: str
    en: str
    kind: str


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class Pending:
    """A row with no English yet: kept out of runs, listed by `glossary check`."""

    line: int
    vi: str
    kind: str

    @property
    def message(self) -> str:
        return f"pending: {self.vi!r} ({self.kind}) has no English yet"


class Glossary:
    def __init__(self, entries: list[Entry], path: Path | None = None):
        self.path = path
        self.entries = entries
        # Longest Vietnamese form first: that order is what makes longest-first win.
        self._terms = sorted(
            ((e, term_pattern(e.vi)) for e in entries),
            key=lambda pair: (-len(pair[0].vi), pair[0].vi),
        )

    @classmethod
    def load(cls, path: Path | str) -> Glossary:
        """Read and check a glossary file; GlossaryError names the file and line."""
        path = Path(path)
        entries, problems, _ = _read(path)
        if problems:
            first = problems[0]
            more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
            raise GlossaryError(f"{path}:{first.line}: {first.message}{more}")
        return cls(entries, path)

    @classmethod
    def empty(cls) -> Glossary:
        return cls([])

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def digest(self) -> str:
        """SHA-256 of what matters for translation (vi → en pairs), order-independent."""
        pairs = sorted({(e.vi, e.en) for e in self.entries})
        text = "\n".join(f"{vi}\t{en}" for vi, en in pairs)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def find(self, text: str) -> list[Match]:
        """Non-overlapping matches in text order; longer terms are placed first."""
        taken: list[Match] = []
        for entry, pattern in self._terms:
            if entry.vi not in text:  # cheap filter before the regex
                continue
            for m in pattern.finditer(text):
                if not any(m.start() < t.end and t.start < m.end() for t in taken):
                    taken.append(Match(m.start(), m.end(), entry.vi, entry.en, entry.kind))
        return sorted((m for m in taken if not _inside_longer_name(m, text, taken)), key=lambda m: m.start)


_NEIGHBOUR_BEFORE = re.compile(r"(\w+)[ \u00a0]$")
_NEIGHBOUR_AFTER = re.compile(r"^[ \u00a0](\w+)")


def _inside_longer_name(match: Match, text: str, matches: list[Match]) -> bool:
    """A one-syllable term glued to a capitalized syllable that no other term covers is part
    of a longer name the glossary doesn't know: "Nam" in "Hoàng Nam", "Mỹ" in "Mỹ Phước".
    Only short Vietnamese syllables are this ambiguous; acronyms and foreign names
    ("TTXVN", "Seoul") are not, and a capitalized first word of a sentence ("Tới Mỹ")
    is no name."""
    term = match.vi.strip()
    if " " in term or term.isupper() or (term.isascii() and len(term) > 3):
        return False
    before = _NEIGHBOUR_BEFORE.search(text[: match.start])
    if before and at_sentence_start(text, before.start(1)):
        before = None
    after = _NEIGHBOUR_AFTER.search(text[match.end :])
    for neighbour, start in ((before, match.start - 1), (after, match.end + 1)):
        taken = any(m.start <= start < m.end or m.start <= start - 1 < m.end for m in matches if m is not match)
        if neighbour and neighbour.group(1)[:1].isupper() and not taken:
            return True
    return False


def check_file(path: Path | str) -> list[Problem]:
    """Every problem in a glossary file, each with its line number (pending rows are not
    problems: see pending_rows)."""
    return _read(Path(path))[1]


def pending_rows(path: Path | str) -> list[Pending]:
    """The rows of a glossary file that still wait for their English."""
    return _read(Path(path))[2]


def term_pattern(term: str) -> re.Pattern[str]:
    """The term as a whole word, in either language. A boundary is only needed where the
    term starts or ends with a letter or digit: "Vietnam+" may be followed by anything,
    "Nam" not by another letter, and "Japan" doesn't match inside "Japanese"."""
    left = r"(?<!\w)" if re.match(r"\w", term) else ""
    right = r"(?!\w)" if re.search(r"\w$", term) else ""
    return re.compile(left + re.escape(term) + right)


# A glossary of every proper noun in the news is well under a megabyte.
MAX_GLOSSARY_BYTES = 64 * 1024 * 1024
# Real line ends only: str.splitlines() would also split at U+2028, NEL (U+0085), form
# feed and the like, which a cell may hold, and the line numbers would drift (issue 10).
_LINE_END = re.compile(r"\r\n|\r|\n")


def _read(path: Path) -> tuple[list[Entry], list[Problem], list[Pending]]:
    import os
    import stat

    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with open(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise GlossaryError(f"{path}: not a regular file (a glossary is a CSV file)")
            raw = handle.read(MAX_GLOSSARY_BYTES + 1)
    except OSError as err:
        raise GlossaryError(f"{path}: cannot read glossary ({err.strerror or err})") from None
    if len(raw) > MAX_GLOSSARY_BYTES:
        raise GlossaryError(f"{path}: glossary larger than {MAX_GLOSSARY_BYTES // 2**20} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise GlossaryError(f"{path}: glossary is not UTF-8 (byte {err.start})") from None
    return _parse(_LINE_END.split(text))


def _parse(lines: list[str]) -> tuple[list[Entry], list[Problem], list[Pending]]:
    entries: list[Entry] = []
    problems: list[Problem] = []
    pending: list[Pending] = []
    first_seen: dict[tuple[str, str], int] = {}  # (vi, en) -> line
    english_of: dict[str, tuple[str, int]] = {}  # vi -> (en, line)
    pending_seen: set[str] = set()
    width = 0  # cells the current header allows; 0 until the first header
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            cells = [unicodedata.normalize("NFC", c.strip()) for c in next(csv.reader([line]), [])]
        except csv.Error as err:  # a cell past csv's field limit, a NUL byte
            problems.append(Problem(number, f"unreadable CSV line ({err})"))
            continue
        header = _header_width(cells)
        if not width or header:
            if header:
                width = header
            else:
                width = len(HEADER)  # go on as if it were there, to find the rows' problems too
                problems.append(Problem(number, f"header must be vi,en,kind (then any of {','.join(COMMENT_COLUMNS)}), "
                                                 f"found {','.join(cells)}"))
            continue
        if not len(HEADER) <= len(cells) <= width:
            expected = "3 cells (vi,en,kind)" if width == len(HEADER) else f"3 to {width} cells"
            problems.append(Problem(number, f"expected {expected}, found {len(cells)}"))
            continue
        vi, en, kind = cells[:3]
        if vi and kind and not en:
            if kind not in KINDS:
                problems.append(Problem(number, f"unknown kind {kind!r} (one of {', '.join(KINDS)})"))
            elif vi not in pending_seen:
                pending_seen.add(vi)
                pending.append(Pending(number, vi, kind))
            continue
        missing = [name for name, cell in zip(HEADER, cells, strict=False) if not cell]
        if missing:
            problems.append(Problem(number, f"missing {' and '.join(missing)}"))
            continue
        if kind not in KINDS:
            problems.append(Problem(number, f"unknown kind {kind!r} (one of {', '.join(KINDS)})"))
            continue
        if (vi, en) in first_seen:
            problems.append(Problem(number, f"duplicate of line {first_seen[(vi, en)]} ({vi!r})"))
            continue
        if vi in english_of:
            other, other_line = english_of[vi]
            problems.append(
                Problem(number, f"{vi!r} maps to {en!r} here but to {other!r} on line {other_line}")
            )
            continue
        first_seen[(vi, en)] = number
        english_of[vi] = (en, number)
        entries.append(Entry(vi, en, kind, number))
    if not width:
        problems.append(Problem(1, "empty glossary: expected a vi,en,kind header"))
    # A pending row that a translated row already covers needs no warning.
    pending = [p for p in pending if p.vi not in english_of]
    return entries, problems, pending


def _header_width(cells: list[str]) -> int:
    """The number of columns a header line declares (vi,en,kind then any of the comment
    columns), or 0 when the line is no header."""
    names = [c.lower() for c in cells]
    if tuple(names[:3]) != HEADER:
        return 0
    extra = names[3:]
    if any(name not in COMMENT_COLUMNS for name in extra) or len(set(extra)) != len(extra):
        return 0
    return len(names)
