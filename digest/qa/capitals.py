"""The capitalized words of an English sentence, for the name flag: which run together into
one name ("State Bank of Vietnam", "Ministry of Culture, Sports and Tourism"), which open a
sentence, and which are no proper noun: titles and ranks ("Mr", "Lt."), months, acronyms,
a figure's label ("District 12"), common words ("the Church", "Paradise Lost").

The words are data: digest/data/qa_words.toml ([english]), english_words.txt (Webster's
Second) and english_name_words.txt (the US Census name lists).
"""
from __future__ import annotations

import re

from digest import namefinder as nf
from digest import vocabulary

COMPASS = vocabulary.aliases("places", "compass")
ENGLISH_CAPITALIZED = vocabulary.words("qa_words", "english", "capitalized_words")
BODY_WORDS = vocabulary.words("qa_words", "english", "body_words")
FUNCTION_WORDS = vocabulary.words("qa_words", "english", "function_words")
PLACE_HEADS = vocabulary.words("qa_words", "english", "place_heads")
OFFICE_TITLES = vocabulary.words("qa_words", "english", "office_titles")
FIGURE_LABELS = vocabulary.words("qa_words", "english", "figure_labels")
WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")  # a word, with its inner apostrophes, stops and hyphens


def common_words(name: str, not_alone: bool = False) -> bool:
    """Whether an unknown English name is made of common English words ("Golden Bear",
    "Ring of Fire", "the Church", "Republican"): a name translated, or a common word written
    with a capital, which the source says in words of its own. It still counts against the
    source's unaccounted names, but is never the one flagged: a name put in is a proper
    noun. One word that is also a common name ("Smith", "Rose"; data/english_name_words)
    may be a person put in, and is not enough, unless it is `not_alone`: "the Church", "the
    Museum of Art" name no one."""
    parts = re.findall(r"[^\W\d_]+", name)
    if len(parts) == 1 and not not_alone and parts[0].lower() in vocabulary.lines("english_name_words"):
        return False
    return bool(parts) and all(common_word(part) for part in parts)


def common_word(word: str) -> bool:
    """Whether a word, or its singular ("Churches", "Women"), is a common English word
    (data/english_words)."""
    low = word.lower()
    if low in _COMPASS_WORDS or low in FUNCTION_WORDS:
        return True  # "South", "The": left out of data/english_words with "South Africa", "The Bahamas"
    forms = {low, _IRREGULAR_PLURALS.get(low, low), singular(low)}
    if low.endswith("es"):
        forms.add(low[:-2])  # "Churches"
    return not forms.isdisjoint(vocabulary.lines("english_words"))


_IRREGULAR_PLURALS = {"women": "woman", "men": "man", "children": "child", "people": "person"}
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.){2,}\s*$"
                           r"|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sen|Rep|Gov|Jr|Sr|No|Corp|Inc|Co|Prof)"
                           r"\.\s*$")


def opens_english_sentence(en: str, offset: int) -> bool:
    return nf.at_sentence_start(en, offset) and not _ABBREVIATION.search(en, 0, offset)


def labels_a_figure(en: str, word: re.Match[str]) -> bool:
    """A noun that labels the figure after it ("a Category 4 storm", "Phase 2"), or any
    common English word (data/english_words) that opens a name with a figure ("District
    12", "Region IV"; not the "Hospital" of "Children's Hospital 1"): the figure's,
    checked with the numbers."""
    if re.match(r"\s+(?:\d|[IVX]+\b)", en[word.end():]) is None:
        return False  # most capitalized words: no figure after them
    if word.group() in FIGURE_LABELS:
        return True
    return (word.group().lower() in vocabulary.lines("english_words")
            and not re.search(r"[A-Z][\w'’.-]*\s+$", en[: word.start()]))


# What joins capitalized runs into one English name: a space where a possessive broke the
# run ("People's Committee"); after a body's or a place's head word, "of" or "for" ("State
# Bank of Vietnam", "Ministry for Foreign Affairs", "City of Honolulu") and "and" ("Academy
# of Science and Technology"), not after any word ("Seoul Seary of Des Gen").
_NAME_JOINS = re.compile(r"\s+(?:of|for|on)(?:\s+the)?\s+")
_COMPASS_WORDS = frozenset(form for points in COMPASS.values() for point in points
                           for form in (point, point + "ern", point + "erly"))
_BODY_AND = re.compile(r"\s+and\s+")
NAME_HEADS = BODY_WORDS | PLACE_HEADS | OFFICE_TITLES
# A list inside a name after its head: "Ministry of Culture, Sports and Tourism".
_LIST_REST = re.compile(r"(?:\s+[A-Z][\w'’-]*)*(?:,\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)*,?\s+and\s+[A-Z]")


def english_name_groups(en: str) -> list[list[re.Match[str]]]:
    """The capitalized words of the English, a list per name: a run of them, or runs joined
    as _NAME_JOINS says."""
    groups: list[list[re.Match[str]]] = []
    for start, run in nf.capitalized_runs(en):
        words = [m for m in WORD.finditer(en, start) if m.start() < start + len(" ".join(run)) + 2][: len(run)]
        if not words:
            continue
        gap = en[groups[-1][-1].end() : words[0].start()] if groups else ""
        heads = bool(groups) and any(stem(m.group()) in NAME_HEADS for m in groups[-1])
        headed = any(stem(m.group()) in NAME_HEADS for m in words)  # "Fire and Disaster Management Agency"
        listed = heads and re.fullmatch(r",\s+", gap) is not None and _LIST_REST.match(en, words[-1].end()) is not None
        if groups and (gap.isspace() or listed or ((heads or headed) and _BODY_AND.fullmatch(gap))
                       or (heads and _NAME_JOINS.fullmatch(gap))):
            groups[-1] += words
        else:
            groups.append(words)
    return groups


def singular(word: str) -> str:
    """ "Committees" is Committee, "Ministries" Ministry: a body's head word in the plural."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def stem(word: str) -> str:
    """A word without its clitic or a lower-case word hyphened on: "Tom's" is Tom, "I'll"
    I, "London-based" London."""
    word = re.split(r"['’]", word, maxsplit=1)[0]
    return re.sub(r"-[a-z][\w-]*$", "", word)


def unknown_capital(word: str) -> bool:
    """A capitalized English word that may be a name: not a title or word of address ("Mr",
    "God") or a compound of them ("Secretary-General"), not a month or weekday, not an
    acronym ("GDP", "VND", "CEOs": most translate words) and no figure ("VND1.5")."""
    if "-" in word:
        return any(unknown_capital(part) for part in word.split("-") if part)
    acronym = word.isupper() or (len(word) > 2 and word.endswith("s") and word[:-1].isupper())  # "CEOs"
    return not (word in ENGLISH_CAPITALIZED or acronym or word.lower() in _CALENDAR_ENGLISH
                or any(ch.isdigit() for ch in word))


# Months and weekdays (a number's words, checked as numbers) and one-word holidays.
_CALENDAR_ENGLISH = frozenset(form.lower() for forms in nf.CALENDAR_NAMES.values() for form in forms if " " not in form)


def translation_like(word: str) -> bool:
    """A capitalized English word that is a common word ("Paradise", "Western") and no common
    name ("Smith", "Lee")."""
    low = word.lower()
    if low in vocabulary.lines("english_name_words"):
        return False
    return common_word(word)
