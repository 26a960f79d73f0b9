"""The shapes of a line that every rule reads.

A comparison key (case, spacing and trailing punctuation don't make two lines different),
the words of a line, a capitalized word, a line that ends like a sentence or a clause, and
the abbreviations a full stop may close without ending a sentence ("Tp.HCM", "TP.").
"""
from __future__ import annotations

import re

from digest.vietnamese import ABBREVIATIONS, CLOSING_QUOTES, NOT_GLUE_ABBREVIATIONS, SENTENCE_MARKS, squash

# Compared lower-cased: "Tp.HCM", "TP.HCM" and "tp.HCM" are one abbreviation glued to its name.
_ABBREVIATIONS = frozenset(form.lower() for form in ABBREVIATIONS - NOT_GLUE_ABBREVIATIONS)
# A line that ends like a sentence or a clause (a colon before a quote or a list counts).
_SENTENCE_END = re.compile("[" + re.escape(SENTENCE_MARKS + ":;" + CLOSING_QUOTES + "»)]") + r"]\s*$")
_WORD = re.compile(r"\w+", re.U)


def _key(text: str) -> str:
    """Comparison key: case, spacing and trailing punctuation don't make a line different."""
    return squash(text).lower().strip(" .…")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper()
