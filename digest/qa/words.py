"""The untranslated and repeat flags: Vietnamese left in the English, and looping output."""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from digest import vocabulary
from digest.model import Flag
from digest.namefinder import at_sentence_start, capitalized_runs, plain
from digest.qa.length import letters

VIETNAMESE_ONLY_LETTERS = vocabulary.words("qa_words", "vietnamese", "only_letters")
BARE_FUNCTION_WORDS = vocabulary.words("qa_words", "vietnamese", "bare_function_words")

# --- untranslated ------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def untranslated(vi: str, en: str, names: list[str], terms: list[tuple[str, str]]) -> list[Flag]:
    """Vietnamese words in the English: any word with a letter only Vietnamese uses (ơ, ư,
    đ, ạ, …), any non-ASCII word that the source has too, and the common Vietnamese
    function words a model leaves in without their marks ("trong", "khong")."""
    allowed = {w.lower() for text in [*names, *(v for v, _ in terms), *(e for _, e in terms)]
               for w in _WORD.findall(text)}
    allowed |= {plain(w) for name in names for w in _WORD.findall(name)}  # "Nhat" of "Tân Sơn Nhất"
    allowed |= _kept_names(vi, en) | _names_with_marks(vi, en) | _glossed(en)
    allowed.add("vnđ")  # "VNĐ17 million": how some English editions write the currency
    source_words = {w.lower() for w in _WORD.findall(vi)}
    english_words = {w.lower() for _, e in terms for w in _WORD.findall(e)}
    left: list[str] = []
    for word in _WORD.findall(_blank_out_terms(en, [e for _, e in terms])):
        lower = word.lower()
        if lower in allowed or lower in english_words:
            continue
        vietnamese = bool(VIETNAMESE_ONLY_LETTERS.intersection(lower))
        copied = not word.isascii() and lower in source_words
        bare = lower in BARE_FUNCTION_WORDS
        if vietnamese or copied or bare:
            left.append(word)
    if not left:
        return []
    shown = " ".join(dict.fromkeys(left))
    return [Flag("untranslated", f"'{_shorten(shown)}' left in Vietnamese")]


def _kept_names(vi: str, en: str) -> set[str]:
    """The words of the English's runs of two or more capitalized words that the source
    writes as they are: a name kept with its marks ("Hội An Ward", "Vũ Thanh Hải"), even
    where the name finder read it as a body's ("phường Hội An", "Sở Vũ Thanh Hải")."""
    kept: set[str] = set()
    for _start, run in capitalized_runs(en):
        for i, j in itertools.combinations(range(len(run) + 1), 2):
            if j - i >= 2 and " ".join(run[i:j]) in vi:
                kept |= {w.lower() for w in run[i:j]}
    return kept


def _names_with_marks(vi: str, en: str) -> set[str]:
    """Capitalized words of the English that the source never writes in lower case: a
    Vietnamese name kept with its marks, alone or where the source names it another way
    ("Hân said", "the Nguyễn emperors", "State Bank of Việt Nam" for "Ngân hàng Nhà
    nước"). A word that opens the English must be a name in the source too, not only its
    first word ("Ngoài ra, …" left in)."""
    source = [(m.group(), m.start()) for m in _WORD.finditer(vi)]
    said = {w.lower() for w, _ in source}
    lower = {w.lower() for w, _ in source if not w[0].isupper()}
    inside = {w.lower() for w, at in source if w[0].isupper() and not at_sentence_start(vi, at)}
    first = _WORD.search(en)
    kept = set()
    for m in _WORD.finditer(en):
        word = re.sub(r"['’]s$", "", m.group())
        key = word.lower()
        if not word[0].isupper() or key in lower:
            continue
        if first is not None and m.start() == first.start() and key not in inside and key in said:
            continue
        kept.add(m.group().lower())
    return kept


# A Vietnamese word or quoted title glossed in brackets, or an English word glossed by the
# Vietnamese one: "one or two chỉ (3.75-7.5 grams)", "“Mùa nước nổi” (The Flood Season)",
# "the Lunar New Year (Tết)". The English edition keeps it on purpose. A bracket that holds
# only an amount ("($17 million)") glosses nothing.
_GLOSSED = re.compile(r"(?:[\"“]([^\"”]{1,60})[\"”]|([^\W\d_]+))\s*\(([^()]{1,40})\)|\(([^()]{1,40})\)")
_AMOUNT_WORDS = frozenset({"about", "around", "nearly", "roughly", "some", "almost", "approximately", "over",
                           "under", "more", "than", "less", "million", "billion", "trillion", "bn", "mn", "cents",
                           "us"})


def _glossed(en: str) -> set[str]:
    glossed = _titles_glossed(en)
    for m in _GLOSSED.finditer(en):
        term, word, gloss, alone = m.groups()
        if gloss is not None and not any(len(w) > 2 and w.lower() not in _AMOUNT_WORDS for w in _WORD.findall(gloss)):
            continue
        glossed |= {w.lower() for part in (term, word, alone) if part for w in _WORD.findall(part)}
    return glossed


def _titles_glossed(en: str) -> set[str]:
    """The words of a run of capitalized words right before a bracket that glosses it: a
    title kept in Vietnamese ("Mùa Nước Nổi (Flood Season)")."""
    glossed: set[str] = set()
    for m in re.finditer(r"\(([^()]{1,40})\)", en):
        words = re.findall(r"[^\W\d_]+", en[: m.start()])[-5:]
        run = list(itertools.takewhile(lambda w: w[0].isupper(), reversed(words)))
        if len(run) > 1 and any(len(w) > 2 for w in _WORD.findall(m.group(1))):
            glossed |= {w.lower() for w in run}
    return glossed


def _blank_out_terms(text: str, phrases: Iterable[str]) -> str:
    for phrase in phrases:
        text = text.replace(phrase, " ")
    return text


# --- repeat ------------------------------------------------------------------------------

_TOKEN = re.compile(r"\S+")
_LONG_CLAUSE = 5  # words: a stretch this long said twice in one sentence is a loop


def repeats(vi: str, en: str) -> list[Flag]:
    """A word three times in a row, a run of 2+ words twice in a row, a clause of 5+ words
    twice anywhere, or letters looping inside a word; not when the source repeats itself
    that way too. A clause said again further on is rhetoric, not a loop, when the source
    says _ECHO syllables again too and the English is no longer than a translation runs."""
    words = [_bare(t) for t in _TOKEN.findall(en)]
    words = [w for w in words if w]
    loop = _loop(words)
    if loop is None:
        return []
    found, far = loop
    source = [w for w in (_bare(t) for t in _TOKEN.findall(vi)) if w]
    source_loop = _loop(source)
    if source_loop is not None and (far or not source_loop[1]):
        return []  # "từng bước, từng bước": the source repeats itself (a clause further on excuses no stutter)
    if (far and _said_again(source, _ECHO)
            and letters(en) <= _ECHO_LENGTH * letters(vi)):
        return []  # "we won't be judged by ..., we won't be judged by ...": so does the source
    return [Flag("repeat", f"'{_shorten(found)}' repeated")]


_ECHO = 3
_ECHO_LENGTH = 1.3  # a looped sentence runs twice its length; a good one rarely past 1.3 (bench/qa_eval.py)


def _said_again(words: list[str], n: int) -> bool:
    """Whether a run of n words comes twice, without overlapping itself."""
    seen: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - n + 1):
        gram = tuple(words[i : i + n])
        if gram in seen and seen[gram] + n <= i:
            return True
        seen.setdefault(gram, i)
    return False


def _bare(token: str) -> str:
    return token.strip(".,;:!?\"'“”‘’()[]«»…").lower() or (token if not token.isalnum() else "")


# Inside a word: one letter 5 times ("Gutsssss") or 2 to 4 letters 3 times ("ellellell").
_LETTER_LOOP = re.compile(r"([^\W\d_])\1{4,}|([^\W\d_]{2,4})\2{2,}")


def _loop(words: list[str]) -> tuple[str, bool] | None:
    """The words that loop, and whether they come again further on (a clause said twice)
    rather than right after themselves (a stutter)."""
    for word in words:
        if _LETTER_LOOP.search(word):
            return word, False
    for i in range(len(words) - 2):
        if words[i] == words[i + 1] == words[i + 2]:
            return words[i], False
    for n in range(2, 8):
        for i in range(len(words) - 2 * n + 1):
            if words[i : i + n] == words[i + n : i + 2 * n] and any(w.isalpha() for w in words[i : i + n]):
                return " ".join(words[i : i + n]), False
    seen: dict[tuple[str, ...], int] = {}
    for i in range(len(words) - _LONG_CLAUSE + 1):
        gram = tuple(words[i : i + _LONG_CLAUSE])
        if gram in seen and seen[gram] + _LONG_CLAUSE <= i:
            return " ".join(gram), True
        seen.setdefault(gram, i)
    return None


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"

