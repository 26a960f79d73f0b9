"""A corpus in, the names a glossary lacks out: `digest glossary suggest`'s rows."""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from digest import namefinder as nf
from digest.errors import InputError
from digest.namefinder import vietnamese_syllable
from digest.names.reader import WORD, Found, Reader, known_places


@dataclass
class Suggestion:
    """A name of the corpus the glossary lacks, as one row of glossary.csv."""

    vi: str
    kind: str
    count: int
    example: str
    note: str = ""
    kinds: Counter[str] = field(default_factory=Counter, repr=False)



# --- a corpus ------------------------------------------------------------------------------


def find_names(sentences: Iterable[str], known: Iterable[str] = ()) -> list[Found]:
    """Every name occurrence in the sentences, sentence-initial ones resolved against the
    rest of the corpus (see the module's docstring)."""
    sentences = list(sentences)
    places = known_places(known)
    found = [f for s in sentences for f in Reader(s, places).read()]
    mid = {f.name for f in found if not f.initial}
    names = {f.name for f in found}
    lower = {w for s in sentences for w in WORD.findall(s) if w.islower()}
    resolved = []
    for f in found:
        initial = _resolve_initial(f.name, mid) if f.initial else f.name
        if initial is None:
            continue
        name = _without_glued_word(initial, names)
        if nf.calendar_word(name) or nf.calendar_word(name.partition(" ")[2]):
            continue  # "Năm Nhâm Thìn", "Dịp Tết Dương" (lịch)
        if f.kind != "place":  # "phường Hiệp Bình Phước": a ward, named after the province
            name = _without_common_first(name, places, lower)
        if name != f.name or f.initial:
            f = Found(name, f.kind, False, f.sentence, f.expands)
        resolved.append(f)
    return resolved


def _without_common_first(name: str, places: frozenset[str], lower: set[str]) -> str:
    """A known place after a capitalized word that the corpus writes in lower case too
    ("Lớn Hà Nội", where "lớn" is big): the place."""
    first, _, rest = name.partition(" ")
    if " " in rest and rest in places and first.lower() in lower and first not in nf.SURNAMES:
        return rest
    return name


def _without_glued_word(name: str, names: set[str]) -> str:
    """A name that ends on a lower-case word where the corpus has it without that word too
    ("Cục Quản lý Dược nhận" beside "Cục Quản lý Dược"): the word is the sentence's verb."""
    head, _, last = name.rpartition(" ")
    return head if last[:1].islower() and head in names else name


def _resolve_initial(name: str, mid: set[str]) -> str | None:
    """A name that opens its sentence: itself, without its first word, or none."""
    words = name.split(" ")
    rest = " ".join(words[1:])
    if name in mid:
        return name
    if len(words) > 2 and rest in mid:
        return rest
    first = words[0]
    if first in nf.SENTENCE_OPENERS:
        return rest if len(words) > 2 else None
    if first in nf.SURNAMES or not vietnamese_syllable(first):
        return name
    if len(words) > 2 and (words[1] in nf.SURNAMES or not vietnamese_syllable(words[1])):
        return rest
    return name


def suggest(sentences: Iterable[str], glossary_forms: Iterable[str] = (), pending: Iterable[str] = (),
            min_count: int = 1) -> list[Suggestion]:
    """The names of the sentences that no glossary form (nor a pending row) spells exactly,
    most frequent first. A name the glossary holds in another form (marks, case, spaces,
    hyphens aside) comes with the note "variant of ...", so a person can add the spelling."""
    sentences = list(sentences)
    forms = list(glossary_forms)
    have = set(forms) | set(pending)
    by_key = {_key(f): f for f in forms}
    found = find_names(sentences, forms)
    rows: dict[str, Suggestion] = {}
    covering: dict[str, list[str]] = {}
    places = known_places(forms)
    for f in found:
        if f.name in have or _covered(f, forms, places, covering):
            continue
        row = rows.get(f.name)
        if row is None:
            note = f"stands for {f.expands}" if f.expands else ""
            row = rows[f.name] = Suggestion(f.name, "", 0, _excerpt(f.sentence, f.name), note)
        row.count += 1
        if f.kind:
            row.kinds[f.kind] += 1
    acronym_counts = _acronym_counts(sentences, found, rows)
    for row in rows.values():
        row.count = acronym_counts.get(row.vi, row.count)
        row.kind = _kind(row.vi, row.kinds)
        other = by_key.get(_key(row.vi))
        if other is not None:
            row.note = f"variant of {other}"
    chosen = [r for r in rows.values() if r.count >= min_count]
    return sorted(chosen, key=lambda r: (-r.count, r.vi))


def _covered(f: Found, forms: list[str], places: frozenset[str], cache: dict[str, list[str]]) -> bool:
    """Whether a glossary form spells this occurrence already, or a longer name round it
    ("Quỹ Thanh niên" inside "Quỹ Thanh niên tương lai"), or the name is a glossary form
    and a known place ("Cơ quan Tình báo Quốc gia Hàn Quốc")."""
    if f.name not in cache:
        cache[f.name] = [form for form in forms if f.name in form and form != f.name]
    if any(form in f.sentence for form in cache[f.name]):
        return True
    words = f.name.split(" ")
    return any(" ".join(words[:k]) in forms and " ".join(words[k:]) in places for k in range(1, len(words)))


def _acronym_counts(sentences: list[str], found: list[Found], rows: dict[str, Suggestion]) -> dict[str, int]:
    """An acronym is counted wherever it stands, not only where it is expanded."""
    acronyms = {f.name for f in found if f.expands and f.name in rows}
    counts: Counter[str] = Counter()
    for sentence in sentences if acronyms else ():
        for word in WORD.findall(sentence):
            if word in acronyms:
                counts[word] += 1
    return dict(counts)


def _kind(name: str, votes: Counter[str]) -> str:
    """What the contexts said most, else a guess from the name's shape."""
    if name in nf.PLACES or name in nf.EXONYMS:
        return "place"
    if votes:
        return votes.most_common(1)[0][0]
    words = name.split(" ")
    if words[0] in nf.SURNAMES and len(words) >= 2:
        return "person"
    if name.isupper():
        return "org"
    if not any(vietnamese_syllable(w) for w in words):
        return "person"
    return "place" if len(words) == 2 else "person"


def _key(text: str) -> str:
    """A form with marks, case, spaces and hyphens dropped: 'Yoon Suk-yeol' ~ 'Yoon Suk Yeol'."""
    text = text.lower().replace("đ", "d")
    plain = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", plain)


_EXCERPT = 160


def _excerpt(sentence: str, name: str) -> str:
    """The sentence, or the part of it around the name when it is long."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= _EXCERPT:
        return sentence
    at = max(sentence.find(name), 0)
    start = max(0, min(at - _EXCERPT // 3, len(sentence) - _EXCERPT))
    text = sentence[start : start + _EXCERPT]
    return ("…" if start else "") + text + ("…" if start + _EXCERPT < len(sentence) else "")


# --- articles in, rows out -----------------------------------------------------------------


def read_sentences(paths: Iterable[str]) -> tuple[list[str], list[InputError]]:
    """The sentences (titles included) of the articles in PATHs, as `digest run` reads them,
    and the inputs that could not be read: one bad input never stops the others."""
    from digest import core
    from digest.sentences import split_sentences

    sentences: list[str] = []
    failures: list[InputError] = []
    for ref in core.find_inputs(list(paths)):
        try:
            if isinstance(ref, InputError):
                raise ref
            article = core.extract_article(core.read_input(ref))
        except InputError as err:
            failures.append(err)
            continue
        sentences.append(article.title)
        for paragraph in article.paragraphs:
            sentences += split_sentences(paragraph)
        sentences += _bylines(article.author)
    return sentences, failures


def _bylines(author: str | None) -> list[str]:
    """The reporters the cleaner took out of the text, each as a sentence of its own:
    their names are the article's too ("ĐÔNG PHƯƠNG" as "Đông Phương")."""
    if not author:
        return []
    names = [name.strip() for name in re.split(r"\s*(?:,|;| - | và |&)\s*", author) if name.strip()]
    names = [name for name in names if name.split()[0].lower() not in nf.COLLECTIVE_BYLINES]  # "Nhóm PV"
    return [f"phóng viên {name.title() if name.isupper() else name}" for name in names]  # says: a person


def suggestions(sentences: Iterable[str], glossary: Path | None, min_count: int = 1) -> list[Suggestion]:
    """suggest() against a glossary file (its translated and its pending rows), or none."""
    from digest.translate.glossary import Glossary, pending_rows

    if glossary is None:
        return suggest(sentences, min_count=min_count)
    forms = [e.vi for e in Glossary.load(glossary).entries]
    return suggest(sentences, forms, [p.vi for p in pending_rows(glossary)], min_count)


CSV_HEADER = ("vi", "en", "kind", "count", "example", "note")


def write_csv(rows: Iterable[Suggestion], out: TextIO) -> None:
    """Rows to append to glossary.csv, under their own header (the glossary reader takes a
    repeated header as naming the columns of the rows after it)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow([row.vi, "", row.kind, row.count, row.example, row.note])


def write_text(rows: Iterable[Suggestion], out: TextIO) -> None:
    """A report to read: count, kind and name, the note, and the example indented below."""
    for row in rows:
        note = f"  ({row.note})" if row.note else ""
        out.write(f"{row.count:>5}  {row.kind:<7} {row.vi}{note}\n       {row.example}\n")
