"""The name flag, both ways: a name of the source that the English lost, and a name in the
English that the source never says ("Dokdo", "New York" out of nowhere).

A source name is found in the English as written without its marks ("Nguyen Van An",
"Hanoi"), by its last syllable ("Trump"), by half its syllables, a little differently
spelled ("Bra-xin" / "Brazil"), or as its English form, adjectives and peoples included
("Thổ Nhĩ Kỳ" → Turkey, Turkish; digest.namefinder).

An English name is accounted for by a glossary term of the source, by the English form of
a source name, or by a source word that spells it. Capitalized English words that are no
known place or term are held to that only when every capitalized word of the source is
accounted for in the English: otherwise a body's translated name ("Bộ Y tế" as "Ministry
of Health") could be what they say.
"""
from __future__ import annotations

import itertools
import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from digest import namefinder as nf
from digest import vocabulary
from digest.model import Flag

if TYPE_CHECKING:
    from digest.translate.glossary import Glossary

COMPASS = vocabulary.aliases("places", "compass")
COMPASS_PLACES = vocabulary.aliases("places", "compass_places")
ENGLISH_CAPITALIZED = vocabulary.words("qa_words", "english", "capitalized_words")
_ALIKE = 0.65
_ALIKE_LETTERS = 5
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_MAX_NGRAM = 4  # words of the longest Vietnamese place name looked up ("Ả Rập Xê Út")


def missing_names(en: str, names: list[str], terms: list[tuple[str, str]]) -> list[Flag]:
    """A flag for each glossary term and each name of the source the English lacks."""
    from digest.translate.glossary import term_pattern

    flags = []
    for vi_form, en_form in dict.fromkeys(terms):
        if not term_pattern(en_form).search(en):
            flags.append(Flag("name", f"{en_form} ({vi_form}) missing"))
    tokens, joined = _english_tokens(en)
    for name in names:
        if not _name_in(name, en, tokens, joined):
            flags.append(Flag("name", f"{name} missing"))
    return flags


def _english_tokens(en: str) -> tuple[set[str], str]:
    words = re.findall(r"[a-z0-9]+", nf.plain(en))
    return set(words), "".join(words)


def _name_in(name: str, en: str, tokens: set[str], joined: str) -> bool:
    pattern = nf.english_pattern(name)
    if pattern is not None and pattern.search(en):
        return True
    first, _, rest = name.partition(" ")
    if first in COMPASS:
        if not rest:
            return bool(re.search(rf"\b(?:{'|'.join(COMPASS[first])})", en, re.IGNORECASE))
        if rest in COMPASS_PLACES:
            return any(re.search(r"(?<!\w)" + re.escape(alias), en) for alias in COMPASS_PLACES[rest])
        return _name_in(rest, en, tokens, joined)
    syllables = re.findall(r"[a-z0-9]+", nf.plain(name))
    if not syllables:
        return True
    if "".join(syllables) in joined or syllables[-1] in tokens:
        return True
    if len(syllables) > 1 and sum(s in tokens for s in syllables) * 2 >= len(syllables):
        return True
    return _spelled_alike("".join(syllables), tokens)


def _spelled_alike(name: str, tokens: set[str] | frozenset[str]) -> bool:
    """The name as English spells it a little differently: "Maria" / "Mary", "Bra-xin" /
    "Brazil", "Jumbocho" / "Jimbocho" (difflib's ratio of 0.65 or more)."""
    if len(name) < _ALIKE_LETTERS:
        return False  # "Tom" is not "to"
    return any(abs(len(token) - len(name)) <= 3 and SequenceMatcher(None, name, token).ratio() >= _ALIKE
               for token in tokens)


# --- names the source never says ----------------------------------------------------------


def added_names(vi: str, en: str, glossary: Glossary | None) -> list[Flag]:
    """A flag for each name of the English that nothing of the source accounts for."""
    covered = _accounted_spans(vi, en, glossary)
    vi_names = _source_spellings(vi)
    flags: list[Flag] = []
    for form in sorted(_glossary_forms(en, glossary) | (nf.english_names(en) - ENGLISH_CAPITALIZED)):
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", en):
            if not _inside(m.start(), m.end(), covered) and not _spelled_in(form, vi_names):
                flags.append(Flag("name", f"{form} not in the Vietnamese"))
                covered.append((m.start(), m.end()))
    if not _source_all_accounted(vi, en):
        return list(dict.fromkeys(flags))
    for words in _english_name_groups(en):
        if nf.at_sentence_start(en, words[0].start()):
            words = words[1:]
        words = [m for m in words if _stem(m.group()) != "I"]
        if any(_inside(m.start(), m.end(), covered) or _spelled_in(_stem(m.group()), vi_names) for m in words):
            continue  # "President Donald Trump", "State Bank of Vietnam": a name the source has, and its title
        unknown = [_stem(m.group()) for m in words if _unknown_capital(_stem(m.group()))]
        if unknown:
            flags.append(Flag("name", f"{' '.join(unknown)} not in the Vietnamese"))
    return list(dict.fromkeys(flags))


# What joins capitalized runs into one English name: "of" or "for" ("State Bank of
# Vietnam", "Ministry for Foreign Affairs"), or nothing but a space where a possessive
# broke the run ("People's Committee").
_NAME_JOINS = re.compile(r"\s+(?:(?:of|for)(?:\s+the)?\s+)?")


def _english_name_groups(en: str) -> list[list[re.Match[str]]]:
    """The capitalized words of the English, a list per name: a run of them, or runs joined
    as _NAME_JOINS says."""
    groups: list[list[re.Match[str]]] = []
    for start, run in nf.capitalized_runs(en):
        words = [m for m in _WORD.finditer(en, start) if m.start() < start + len(" ".join(run)) + 2][: len(run)]
        if not words:
            continue
        if groups and _NAME_JOINS.fullmatch(en[groups[-1][-1].end() : words[0].start()]):
            groups[-1] += words
        else:
            groups.append(words)
    return groups


def _source_spellings(vi: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The capitalized words of the source without their marks, and each run of them
    joined ("hanoi" of "Hà Nội"): what an English name may spell."""
    runs = [[w for w in (re.sub(r"\W", "", nf.plain(word)) for word in run) if w] for _, run in nf.capitalized_runs(vi)]
    return frozenset(w for run in runs for w in run), tuple("".join(run) for run in runs)


def _stem(word: str) -> str:
    """A word without its clitic: "Tom's" is Tom, "I'll" I."""
    return re.split(r"['’]", word, maxsplit=1)[0]


def _unknown_capital(word: str) -> bool:
    """A capitalized English word that may be a name: not a title or word of address ("Mr",
    "God"), not a month or weekday, not an acronym ("GDP", "VND": most translate words)
    and no figure ("VND1.5")."""
    return not (word in ENGLISH_CAPITALIZED or word.isupper() or word.lower() in _CALENDAR_ENGLISH
                or any(ch.isdigit() for ch in word))


def _spelled_in(form: str, names: tuple[frozenset[str], tuple[str, ...]]) -> bool:
    """Whether the source's capitalized words spell an English name: all its words, its
    letters inside a run of them ("Hanoi"), or nearly ("Bra-xin" / "Brazil")."""
    words, joined = names
    plain = re.findall(r"[a-z0-9]+", nf.plain(form))
    if not plain:
        return True
    if all(w in words for w in plain) or any("".join(plain) in run for run in joined):
        return True
    return _spelled_alike("".join(plain), words | frozenset(joined))


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _glossary_forms(en: str, glossary: Glossary | None) -> set[str]:
    if glossary is None:
        return set()
    return {e.en for e in glossary.entries if e.en and e.en in en}


def _accounted_spans(vi: str, en: str, glossary: Glossary | None) -> list[tuple[int, int]]:
    """The spans of the English that a glossary term of the source, or the English form of
    a name of the source (any run of up to four of its words), accounts for."""
    from digest.translate.glossary import term_pattern

    spans: list[tuple[int, int]] = []
    for match in glossary.find(vi) if glossary is not None else []:
        spans += [(m.start(), m.end()) for m in term_pattern(match.en).finditer(en)]
    for first, rest in itertools.pairwise(_WORD.findall(vi)):
        if first in COMPASS and rest in COMPASS_PLACES:  # "Tây Phi": West Africa
            spans += [(m.start(), m.end()) for alias in COMPASS_PLACES[rest] for m in re.finditer(alias, en)]
    for phrase in _phrases(vi):
        pattern = nf.english_pattern(phrase) if nf.exonyms(phrase) else None
        if pattern is not None:
            spans += [(m.start(), m.end() + _word_rest(en, m.end())) for m in pattern.finditer(en)]
    return spans


def _word_rest(text: str, end: int) -> int:
    """How many letters the word at `end` runs on ("Korea" of "Koreans")."""
    m = re.match(r"[^\W_]*", text[end:])
    return len(m.group()) if m else 0


def _phrases(vi: str) -> list[str]:
    """Every run of up to _MAX_NGRAM words of `vi` that may be a name the data gives an
    English form, as written and capitalized ("tiếng anh" is looked up as "Tiếng Anh" too:
    English capitalizes what Vietnamese may not)."""
    words = _WORD.findall(vi)
    starts = [i for i, w in enumerate(words) if nf.tone_key(w).casefold() in nf.EXONYM_FIRST_WORDS]
    runs = [" ".join(words[i : i + n]) for i in starts for n in range(1, _MAX_NGRAM + 1) if i + n <= len(words)]
    return runs + [" ".join(w[:1].upper() + w[1:] for w in run.split()) for run in runs]


def _source_all_accounted(vi: str, en: str) -> bool:
    """Whether every capitalized word of the source (its first aside) is in the English,
    spelled or by its English form: then no source word can be what an unknown English
    capital translates."""
    tokens, _ = _english_tokens(en)
    for start, run in nf.capitalized_runs(vi):
        words = run[1:] if nf.at_sentence_start(vi, start) else run
        words = [w for w in words if w not in nf.TITLES and w not in nf.NAME_PREFIXES]
        if not words or nf.english_pattern(" ".join(run)) is not None:
            continue
        if "".join(re.findall(r"[a-z0-9]+", nf.plain(" ".join(words)))) in tokens:
            continue  # "Hà Nội" as "Hanoi", "Đà Nẵng" as "Danang"
        if not all(_word_in(w, en, tokens) for w in words):
            return False
    return True


def _word_in(word: str, en: str, tokens: set[str]) -> bool:
    """One source word in the English: as a word of it without marks, or by its English form
    (not inside another word, as _name_in allows a whole name: "Y" of "Bộ Y tế" is not the
    y of "Ministry")."""
    pattern = nf.english_pattern(word)
    return nf.plain(word) in tokens or (pattern is not None and pattern.search(en) is not None)


# Months and weekdays (a number's words, checked as numbers) and one-word holidays.
_CALENDAR_ENGLISH = frozenset(form.lower() for forms in nf.CALENDAR_NAMES.values() for form in forms if " " not in form)
