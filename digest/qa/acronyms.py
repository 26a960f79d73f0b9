"""Acronyms and their spellings out: "WHO" as "World Health Organization", "BoJ" as "Bank
of Japan", "GDP" as "gross domestic product". Both name checks use them: a source acronym
the English spells out is no name lost, and the English words that spell it are no name
added."""
from __future__ import annotations

import re

# An acronym: two or more capitals, a lower-case letter allowed inside ("BoJ", "BoE").
ACRONYM = re.compile(r"[A-Z](?:[a-z]?[A-Z])+s?")
_ENGLISH_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_SMALL_WORDS = frozenset({"of", "the", "for", "and", "on", "de", "du", "la", "&"})


def expansions(acronym: str, en: str) -> list[tuple[int, int]]:
    """The spans of the English that spell an acronym of the source out: "World Health
    Organization" for WHO, "Bank of Japan" for BoJ or BOK for "Bank of Korea" (a letter
    may stand for a small word), "Airports Corporation of Vietnam" for ACV (small words may go unlettered)."""
    if not ACRONYM.fullmatch(acronym):
        return []
    letters = acronym[:-1] if acronym.endswith("s") and len(acronym) > 2 else acronym
    words = list(_ENGLISH_WORD.finditer(en))
    spans = []
    for i, first in enumerate(words):
        if not first.group()[0].isupper():
            continue
        k = 0  # letters matched so far
        for word in words[i:]:
            text = word.group()
            if k < len(letters) and text[0].lower() == letters[k].lower() and (
                    text[0].isupper() or letters[k].islower() or text.lower() in _SMALL_WORDS):  # BOK: Bank of Korea
                k += 1
                if k == len(letters):
                    spans.append((first.start(), word.end()))
                    break
            elif text.lower() not in _SMALL_WORDS:
                break
    if not spans and len(letters) == 3 and letters.isupper():
        spans = [w.span() for w in words[1:] if _company_of_ticker(letters, w.group())]
    return spans


def _company_of_ticker(ticker: str, word: str) -> bool:
    """Whether a capitalized word inside a sentence may be the company a three-letter stock
    ticker stands for: it opens with the ticker's first letter and holds its letters in
    order ("Techcombank" for TCB, "Vinhomes" for VHM, "VPBank" for VPB)."""
    if word[0] != ticker[0] or len(word) <= len(ticker) + 1:
        return False
    rest = iter(word[1:].lower())
    return all(letter in rest for letter in ticker[1:].lower())


def lowercase_expansion(acronym: str, en: str) -> bool:
    """An acronym of three letters or more spelled out in lower case, one word of four
    letters or more a letter ("gross domestic product" for GDP)."""
    if not re.fullmatch(r"[A-Z]{3,}", acronym):
        return False
    words = r"\s+".join(rf"{letter.lower()}[a-z]{{3,}}" for letter in acronym)
    return re.search(rf"\b{words}\b", en) is not None
