"""Quality flags: checks on one translated sentence that need no reference English.

People read digest's English because they don't read Vietnamese, so they can't see a
dropped number, Vietnamese left in, a loop, a cut-off sentence or a lost name. Each
check compares the English with its own Vietnamese source:

    number        every number, date, time, amount and percentage of the source is in the
                  English, Vietnamese conventions mapped (1.100 → 1,100; 2,5 → 2.5;
                  17/4 → April 17; "5 triệu" → 5 million; 17:30 → 5:30 p.m.), and the
                  English states none the source doesn't (digest.qa.numbers, .times)
    untranslated  no Vietnamese words left in (diacritics, common function words), names
                  and glossary terms excepted: a name kept in its Vietnamese form is fine
    repeat        no looping output ("the the the", "Ger. Ger. Ger.", a clause twice)
                  (digest.qa.words)
    length        the English is neither far shorter nor far longer than the source
                  warrants (digest.qa.length)
    name          every glossary term and capitalized name of the source is in the English
                  ("Nguyễn Văn An" as "Nguyen Van An", "Thổ Nhĩ Kỳ" as "Turkish"), and
                  the English has no name the source never says (digest.qa.names)

    from digest.qa import check_translation
    check_translation("Giá tăng 2,5% lên 1.100 đồng.", "Prices rose 2.5% to 100 dong.")
    # [Flag(kind='number', detail='1.100 missing')]

Which words are names is digest.namefinder's to say; the vocabularies are data files
under digest/data/. The thresholds were set on good human pairs (Tatoeba, CC BY) and
injected errors (bench/qa_eval.py), with margins rather than to the last case.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from digest.model import Flag as Flag  # flags are made here; the type is the data model's
from digest.namefinder import source_names as source_names
from digest.qa.length import length
from digest.qa.names import added_names, missing_names
from digest.qa.numbers import NUMBER_WORDS as NUMBER_WORDS
from digest.qa.numbers import english_numbers as english_numbers
from digest.qa.numbers import numbers, unsourced_numbers
from digest.qa.unsaid import unchecked_spans
from digest.qa.words import repeats, untranslated

if TYPE_CHECKING:
    from digest.translate.glossary import Glossary

KINDS = ("number", "untranslated", "repeat", "length", "name")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def check_translation(vi: str, en: str, glossary: Glossary | None = None) -> list[Flag]:
    """The flags of one translated sentence (or title), in KINDS order; [] when it looks
    right. With a glossary, its terms found in `vi` must be in `en` as the glossary gives
    them; without one (and besides them), the capitalized names of `vi` are checked."""
    vi = unicodedata.normalize("NFC", vi).strip()
    en = unicodedata.normalize("NFC", en).strip()
    if not vi or not _LETTER_OR_DIGIT.search(vi):
        return []
    if not en:
        return [Flag("length", "no English")]
    matches = glossary.find(vi) if glossary is not None else []
    terms = [(vi[m.start : m.end], m.en) for m in matches]
    term_spans = [(m.start, m.end) for m in matches]
    names = source_names(_blank_out(vi, term_spans))
    flags: list[Flag] = []
    flags += numbers(vi, en) or unsourced_numbers(vi, en)  # a changed number is one flag, not two
    flags += untranslated(vi, en, names, terms)
    flags += repeats(vi, en)
    flags += length(vi, en)
    unchecked = unchecked_spans(vi, en)  # most sentences have none: then the names found above
    must_carry = source_names(_blank_out(vi, term_spans + unchecked)) if unchecked else names
    flags += missing_names(vi, en, must_carry, terms) or added_names(vi, en, glossary)  # a name swapped: one flag
    return flags


def _blank_out(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """text with each span replaced by spaces of the same length (offsets stay valid)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
