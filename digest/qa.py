"""Quality flags: checks on one translated sentence that need no reference English.

People read digest's English because they don't read Vietnamese, so they can't see a
dropped number, Vietnamese left in, a loop, a cut-off sentence or a lost name. Each
check compares the English with its own Vietnamese source:

    number        every number, date, time, amount and percentage of the source is in the
                  English, Vietnamese conventions mapped (1.100 → 1,100; 2,5 → 2.5;
                  17/4 → April 17; "5 triệu" → 5 million; 10h30 → 10:30)
    untranslated  no Vietnamese words left in (diacritics, common function words), names
                  and glossary terms excepted: a name kept in its Vietnamese form is fine
    repeat        no looping output ("the the the", "Ger. Ger. Ger.", a clause twice)
    length        the English is neither far shorter nor far longer than the source warrants
    name          every glossary term of the source, and every capitalized name of it,
                  is in the English (diacritics aside: "Nguyễn Văn An" as "Nguyen Van An")

    from digest.qa import check_translation
    check_translation("Giá tăng 2,5% lên 1.100 đồng.", "Prices rose 2.5% to 100 dong.")
    # [Flag(kind='number', detail='1.100 missing')]

The vocabularies (scale words, month names, exonyms, common words) are data at the end of
this module. The thresholds were set on good human pairs (Tatoeba, CC BY) and injected
errors (bench/qa_eval.py), with margins rather than to the last case.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from digest.model import Flag as Flag  # flags are made here; the type is the data model's

if TYPE_CHECKING:
    from digest.translate.glossary import Glossary

KINDS = ("number", "untranslated", "repeat", "length", "name")


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
    names = source_names(_blank_out(vi, [(m.start, m.end) for m in matches]))
    flags: list[Flag] = []
    flags += _numbers(vi, en) or _unsourced_numbers(vi, en)  # a changed number is one flag, not two
    flags += _untranslated(vi, en, names, terms)
    flags += _repeats(vi, en)
    flags += _length(vi, en)
    flags += _names(en, names, terms)
    return flags


# --- number ------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_VI_SCALE = re.compile(r"\s*(nghìn|ngàn|triệu|tỷ|tỉ|trăm|vạn)\b", re.IGNORECASE)
_EN_SCALE = re.compile(r"\s*(hundred|thousand|million|billion|trillion|bn|mn|tn|m|k)(?:s\b(?! of)|\b)",
                       re.IGNORECASE)  # "10 thousands of people" is 10,000; "hundreds of" no number
_WEEKDAY_NUMBER = re.compile(r"\b[Tt]hứ\s+([2-7])\b")  # "thứ 2" is Monday
_TOLERANCE = 1e-9


def _numbers(vi: str, en: str) -> list[Flag]:
    known = english_numbers(en)
    flags = []
    for match in _ROMAN_IN_TEXT.finditer(vi):  # "quý III" is "the third quarter", "Q3" or "quarter III"
        if _roman_value(match.group()) not in known:
            flags.append(Flag("number", f"{match.group()} missing"))
    weekdays = {m.start(1) for m in _WEEKDAY_NUMBER.finditer(vi)}
    for match in _NUMBER.finditer(vi):
        if match.start() in weekdays and _WEEKDAY.search(en):
            continue
        values = _vietnamese_values(match.group(), _scale(_VI_SCALE, VI_SCALES, vi, match.end()))
        if _DECADE_BEFORE.search(vi, 0, match.start()) and re.fullmatch(r"[1-9]0", match.group()):
            values |= {1900 + float(match.group()), 2000 + float(match.group())}  # "những năm 90": the 1990s
        if not any(_close(v, k) for v in values for k in known) and not _converted(vi, match.end(), values, en):
            scale = _VI_SCALE.match(vi, match.end())
            shown = match.group() + (scale.group() if scale else "")
            flags.append(Flag("number", f"{shown.strip()} missing"))
    return flags


def _unsourced_numbers(vi: str, en: str) -> list[Flag]:
    """Numbers written in digits in the English that the Vietnamese says nowhere, in
    digits or words: a number the model changed where the source spelled it out ("năm
    trăm" as "300"), or said one number twice ("4 năm ... 4 năm" as "4 years ... 6 years")."""
    source = _source_values(vi)
    flags = []
    for match in _NUMBER.finditer(en):
        token = match.group()
        if match.start() and en[match.start() - 1].isalpha():
            continue  # "G7", "Q4": a name's digits, checked with the name
        exact, converted = _candidate_values(en, match)
        if not (any(_close(value, known) for value in exact for known in source)
                or any(abs(value - known) <= _ROUNDED * known for value in converted for known in source)):
            flags.append(Flag("number", f"{token} not in the Vietnamese"))
    return list(dict.fromkeys(flags))  # "World 24 World 24": one flag


def _candidate_values(en: str, match: re.Match[str]) -> tuple[set[float], set[float]]:
    """What an English number may stand for: its value(s), scaled ("1.5 million"), a
    12-hour time as 24-hour, a decade ("1990s" for "những năm 90"); and apart, as they are
    rounded, the metric amounts of imperial units ("10 miles" for "16 km")."""
    values = set(_english_values(match.group()))
    scale = _scale(_EN_SCALE, EN_SCALES, en, match.end())
    after = en[match.end() :]
    out, converted = set(values), set()
    for value in values:
        out.add(value * scale)
        if value <= 12 and _PM_AFTER.match(after):
            out.add(value + 12)
        if 1900 <= value <= 2090 and value % 10 == 0 and after.startswith("s"):
            out.add(value % 100)
        if len(match.group()) == 2 and en[: match.start()].endswith(("'", "’")):
            out |= {1900 + value, 2000 + value}  # "in '71"
        for factor, word in _IMPERIAL:
            if re.match(rf"[\s-]*(?:{word})", after, re.IGNORECASE):
                converted.add(value * scale / factor)
        if re.match(r"[\s-]*(?:degrees?|°)", after, re.IGNORECASE):
            converted.add((value - 32) * 5 / 9)  # Fahrenheit, said or not
    return out, converted


def _source_values(vi: str) -> list[float]:
    """Every number the Vietnamese states: in digits (each reading, with and without its
    scale word), in words ("hai mươi lăm", "năm trăm", "đầu tiên"), as Roman numerals."""
    values: set[float] = set()
    for match in _NUMBER.finditer(vi):
        readings = _vietnamese_values(match.group(), 1)
        values |= readings
        values |= _vietnamese_values(match.group(), _scale(_VI_SCALE, VI_SCALES, vi, match.end()))
        if _DECADE_BEFORE.search(vi, 0, match.start()):
            values |= {1900 + r for r in readings if r < 100} | {2000 + r for r in readings if r < 100}
    for match in _ROMAN_IN_TEXT.finditer(vi):
        values.add(_roman_value(match.group()))
    values |= _vietnamese_number_words(vi)
    return sorted(values)


def _vietnamese_number_words(vi: str) -> set[float]:
    """The values of runs of Vietnamese number words, every step of the way (lenient: "năm"
    is also "year", so its 5 is allowed wherever it stands)."""
    values: set[float] = set()
    total = current = 0.0
    after_unit = False  # "năm một lần" is 5 and 1, not 6; "hai mươi lăm" is 25
    for word in re.findall(r"[^\W\d_]+", vi.lower()):
        unit = word in VI_DIGIT_WORDS
        if unit and after_unit:
            values.add(total + current)
            total = current = 0
        after_unit = unit
        if unit:
            current = current + VI_DIGIT_WORDS[word]
            values.add(VI_DIGIT_WORDS[word])
        elif word == "mười":
            current += 10
        elif word == "mươi":
            current = (current or 1) * 10
        elif word == "trăm":
            current = (current or 1) * 100
        elif word in VI_SCALES:
            total += (current or 1) * VI_SCALES[word]
            current = 0
        elif word in ("linh", "lẻ"):
            continue
        else:
            if total or current:
                values.add(total + current)
            total = current = 0
            continue
        values.add(total + current)
    values.add(total + current)
    return values


VI_DIGIT_WORDS = {"một": 1.0, "mốt": 1.0, "nhất": 1.0, "hai": 2.0, "đôi": 2.0, "ba": 3.0, "bốn": 4.0, "tư": 4.0,
                  "năm": 5.0, "lăm": 5.0, "sáu": 6.0, "bảy": 7.0, "bẩy": 7.0, "tám": 8.0, "chín": 9.0,
                  "chục": 10.0, "tá": 12.0, "nửa": 0.5, "rưỡi": 0.5, "tiên": 1.0}


_PM_AFTER = re.compile(r"(?::\d\d)?\s*(?:pm|p\.m\.)", re.IGNORECASE)  # "2 p.m.", "2:30 pm": 14h, 14h30
_DECADE_BEFORE = re.compile(r"\b(?:năm|thập kỷ|thập kỉ|thập niên)\s*$", re.IGNORECASE)
# Metric units and the English units a text may give them in instead ("16 km" as "10
# miles", "54 độ C" as "130 degrees"), with the factor: a translator rounds, so the English
# amount, followed by its unit, need only be within _ROUNDED of the exact one.
_VI_UNIT = re.compile(r"\s*(?:(?:nghìn|ngàn|triệu|tỷ|tỉ|trăm|vạn)\s*)*"
                      r"(km2|km²|kilomet vuông|ki-lô-mét vuông|m2|m²|mét vuông|km|kilomet|ki-lô-mét|cm|mm|m|mét|"
                      r"kg|kgs|ki-lô-gam|tấn|độ C|°C|lít|ha|héc-ta)(?!\w)", re.IGNORECASE)
_CONVERSIONS: dict[str, tuple[tuple[float, str], ...]] = {
    "km": ((0.6214, "mile"),), "m": ((3.281, "f(?:oo|ee)t"), (1.094, "yard")), "cm": ((0.3937, "inch"),),
    "mm": ((0.03937, "inch"),), "kg": ((2.205, "pound"),), "tấn": ((1.102, "ton"), (2205, "pound")),
    "km2": ((0.3861, "square mile"),), "m2": ((10.76, "square f(?:oo|ee)t"),), "lít": ((0.2642, "gallon"),),
    "ha": ((2.471, "acre"),),
}
_UNIT_NAMES = {"km²": "km2", "kilomet vuông": "km2", "ki-lô-mét vuông": "km2", "m²": "m2", "mét vuông": "m2",
               "kilomet": "km", "ki-lô-mét": "km", "mét": "m", "kgs": "kg", "ki-lô-gam": "kg", "héc-ta": "ha"}
_ROUNDED = 0.1
# English units and how many of them one metric unit makes, for the way back ("10 miles": 16 km).
_IMPERIAL = [(f, word) for conversions in _CONVERSIONS.values() for f, word in conversions]


def _converted(vi: str, end: int, values: set[float], en: str) -> bool:
    """Whether the English gives a metric amount of the source in imperial units."""
    unit = _VI_UNIT.match(vi, end)
    if unit is None:
        return False
    name = unit.group(1).lower()
    celsius = name in ("độ c", "°c")
    conversions = (((9 / 5, "degree|°|f\\b|fahrenheit"),) if celsius
                   else _CONVERSIONS[_UNIT_NAMES.get(name, name)])
    targets = [(v * f + (32 if celsius else 0), word) for f, word in conversions for v in values]
    text = _words_as_digits(en)
    for target, word in targets:
        for m in re.finditer(rf"({_NUMBER.pattern})[\s-]*(?:{_EN_SCALE.pattern[3:]})?[\s-]*(?:{word})", text,
                             re.IGNORECASE):
            amounts = {a * _scale(_EN_SCALE, EN_SCALES, text, m.start(1) + len(m.group(1)))
                       for a in _english_values(m.group(1))}
            if any(abs(a - target) <= _ROUNDED * abs(target) for a in amounts):
                return True
    return False


def english_numbers(en: str) -> set[float]:
    """Every value the English states: digits as written (1,100 and 2.5), with a scale word
    also multiplied (5 million → 5 and 5000000), number words, months and weekdays as the
    numbers Vietnamese writes them with, and the 24-hour form of "10 pm"."""
    text = _words_as_digits(en)
    values: set[float] = set()
    for match in _NUMBER.finditer(text):
        for value in _english_values(match.group()):
            values.add(value)
            scale = _scale(_EN_SCALE, EN_SCALES, text, match.end())
            if scale != 1:
                values.add(value * scale)
            if value < 12 and _PM_AFTER.match(text, match.end()):
                values.add(value + 12)  # "2:30 p.m." is 14h30
    for match in _ROMAN_IN_TEXT.finditer(en):  # "World War II"
        values.add(_roman_value(match.group()))
    for match in re.finditer(r"['’](\d\d)s?\b", en):  # "in '71", "the '90s"
        values |= {1900 + float(match.group(1)), 2000 + float(match.group(1))}
    for word in re.findall(r"[A-Za-z]+", en):
        lower = word.lower()
        if lower in MONTHS:
            values.add(MONTHS[lower])
        if lower in WEEKDAYS:
            values.add(WEEKDAYS[lower])
    return values


# Roman numerals of two letters or more (a lone "I" or "V" is a word or an initial), as
# Vietnamese news numbers quarters, congresses and terms: "quý III", "khóa XV".
_ROMAN = re.compile(r"(?=[IVXL]{2})L?X{0,3}(?:IX|IV|V?I{0,3})")
_ROMAN_IN_TEXT = re.compile(r"(?<![\w.-])(?=[IVXL]{2})L?X{0,3}(?:IX|IV|V?I{0,3})(?![\w-])")
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50}


def _roman_value(numeral: str) -> float:
    total = 0
    for letter, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN_DIGITS[letter]
        total += -value if following and _ROMAN_DIGITS[following] > value else value
    return float(total)


def _words_as_digits(en: str) -> str:
    """'twenty-five' → '25', 'a million' → '1 million', 'twelve' → '12'."""

    def compound(m: re.Match[str]) -> str:
        return str(NUMBER_WORDS[m.group(1).lower()] + NUMBER_WORDS[m.group(2).lower()])

    text = re.sub(rf"\b({_TENS_WORDS})[- ]({_UNIT_WORDS})\b", compound, en, flags=re.IGNORECASE)
    text = re.sub(r"\b(?:a|an|one)\s+(?=(?:hundred|thousand|million|billion|trillion)\b)", "1 ", text,
                  flags=re.IGNORECASE)
    return re.sub(rf"\b({_ALL_NUMBER_WORDS})\b", lambda m: _fmt(NUMBER_WORDS[m.group(1).lower()]), text,
                  flags=re.IGNORECASE)


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _english_values(token: str) -> list[float]:
    """1,100 → 1100; 2.5 → 2.5; "2,5" (a comma decimal left in English) → 2 and 5."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
        return [float(token.replace(",", ""))]
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return [float(token)]
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", token):  # 1.100.000 copied from Vietnamese
        return [float(token.replace(".", ""))]
    return [float(part) for part in re.split(r"[.,]", token) if part]


def _vietnamese_values(token: str, scale: float) -> set[float]:
    """The values a Vietnamese number can mean: '.' groups thousands and ',' is the decimal
    mark (1.100 = 1100, 2,5 = 2.5); a form that is also read the English way (1,100 or 1.5,
    which translators of English copy as is) may mean either."""
    readings: set[float] = set()
    dots, commas = token.count("."), token.count(",")
    groups = re.split(r"[.,]", token)
    thousands = all(len(g) == 3 for g in groups[1:])
    if dots and commas:
        vi_way = token.rfind(",") > token.rfind(".")
        mark = "," if vi_way else "."
        whole, _, decimal = token.rpartition(mark)
        readings.add(float(re.sub(r"[.,]", "", whole) + "." + decimal))
    elif dots or commas:
        if thousands:
            readings.add(float("".join(groups)))
        if dots + commas == 1:
            readings.add(float(groups[0] + "." + groups[1]))
    else:
        readings.add(float(token))
    if scale == 1:
        return readings
    return {r * scale for r in readings}


def _scale(pattern: re.Pattern[str], words: dict[str, float], text: str, end: int) -> float:
    """The product of the scale words right after a number: 'nghìn tỷ' is 10^12."""
    scale = 1.0
    while (m := pattern.match(text, end)) is not None:
        scale *= words[m.group(1).lower()]
        end = m.end()
    return scale


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_TOLERANCE, abs_tol=_TOLERANCE)


# --- untranslated ------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def _untranslated(vi: str, en: str, names: list[str], terms: list[tuple[str, str]]) -> list[Flag]:
    """Vietnamese words in the English: any word with a letter only Vietnamese uses (ơ, ư,
    đ, ạ, …), any non-ASCII word that the source has too, and the common Vietnamese
    function words a model leaves in without their marks ("trong", "khong")."""
    allowed = {w.lower() for text in [*names, *(v for v, _ in terms), *(e for _, e in terms)]
               for w in _WORD.findall(text)}
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


def _blank_out_terms(text: str, phrases: Iterable[str]) -> str:
    for phrase in phrases:
        text = text.replace(phrase, " ")
    return text


# --- repeat ------------------------------------------------------------------------------

_TOKEN = re.compile(r"\S+")
_LONG_CLAUSE = 5  # words: a stretch this long said twice in one sentence is a loop


def _repeats(vi: str, en: str) -> list[Flag]:
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
            and _letters(en) <= _ECHO_LENGTH * _letters(vi)):
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


# --- length ------------------------------------------------------------------------------

# English letters per Vietnamese letter in good translations: median 1.0 both on Tatoeba's
# short pairs and on IWSLT'15's TED talks (bench/qa_eval.py). How far a good one strays
# from 1.0 depends on its length: a short sentence turns on a word or two, a long one
# averages out. The standard deviation of log(ratio) is about sqrt(_SPREAD_FLOOR +
# _SPREAD_PER_LETTER / letters): 0.33 at 20 letters, 0.22 at 50, 0.17 at 100, 0.13 at
# 250 (both sets). Under _SHORT_SIGMAS of them below 1.0, or under _SHORT (about the 2nd
# percentile of short pairs, for which the spread is no guide), the English lost part of
# its source: the least ratio is 0.65 up to about 60 letters, 0.71 at 100, 0.77 at 250.
# _SLACK letters on each side keep a two-word sentence ("Tom khóc." / "Tom cried.") from
# being judged on its ratio alone. A cut-off sentence also shows as cut:
# it lacks the full stop its source has, or it ends on a word no English sentence ends on
# ("the", "and", "of", "it's"); then a smaller loss (_SHORT_CUT) is enough.
_SHORT = 0.65
_SHORT_SIGMAS = 2.0
_SPREAD_FLOOR = 0.01
_SPREAD_PER_LETTER = 2.0
_SHORT_CUT = 1.0
_LONG = 2.4
_SLACK = 8
_FINAL_STOP = re.compile(r"[.!?…:;\"”’')\]]\s*$")
# Words that need what follows them: a sentence rarely ends on one. Articles, conjunctions,
# possessives and prepositions want a noun; auxiliaries and subject pronouns want a verb
# or a complement (bench/qa_eval.py: 89.1% -> 90.2% of truncations caught, false alarms
# 2.5% -> 3.4%); so do contracted auxiliaries ("it's", "we're": "Yes, it is." never
# contracts) and "because", "every", "his" (Tatoeba and TED: none of 3,800 good English
# sentences ends on one of these last).
_DANGLING_END = re.compile(r"\b(?:the|a|an|and|or|but|of|my|your|his|their|our|its|every|than|whose|to|for|from|"
                           r"into|because|very|is|are|was|were|am|will|would|can|could|should|must|shall|has|"
                           r"have|had|does|did|I|he|she|we|they|"
                           r"(?:it|that|there|what|he|she|who)['’]s|(?:we|you|they)['’]re|I['’]m|"
                           r"(?:I|we|you|they)['’](?:ve|ll|d))\W*$", re.IGNORECASE)


def _length(vi: str, en: str) -> list[Flag]:
    vi_letters, en_letters = _letters(vi), _letters(en)
    ratio = (en_letters + _SLACK) / (vi_letters + _SLACK)
    cut = ((bool(_FINAL_STOP.search(vi)) and not _FINAL_STOP.search(en)) or bool(_DANGLING_END.search(en))
           or (vi.endswith("?") and not en.rstrip("\"”’' ").endswith("?")))  # a question cut and full-stopped
    if ratio < _short_ratio(vi_letters) or (ratio < _SHORT_CUT and cut):
        return [Flag("length", f"English {en_letters} letters for {vi_letters} of Vietnamese: cut short?")]
    if ratio > _LONG:
        return [Flag("length", f"English {en_letters} letters for {vi_letters} of Vietnamese: too long")]
    return []


def _short_ratio(vi_letters: int) -> float:
    """The least share of its source's letters a good English sentence has: _SHORT, or
    for a long source (past about 60 letters) _SHORT_SIGMAS standard deviations under 1.0."""
    spread = math.sqrt(_SPREAD_FLOOR + _SPREAD_PER_LETTER / max(vi_letters, 1))
    return max(_SHORT, math.exp(-_SHORT_SIGMAS * spread))


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())


# --- name --------------------------------------------------------------------------------

_NAME_WORD = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")


def _capitalized_runs(vi: str) -> Iterator[tuple[int, list[str]]]:
    """(offset, words) of each run of capitalized words joined only by spaces."""
    run: list[str] = []
    start = end = 0
    for m in _NAME_WORD.finditer(vi):
        word = m.group()
        if word[0].isupper():
            if run and vi[end : m.start()].strip(" \u00a0") == "":
                run.append(word)
            else:
                if run:
                    yield start, run
                run, start = [word], m.start()
            end = m.end()
        elif run:
            yield start, run
            run = []
    if run:
        yield start, run


_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(\[–—-])\s*$")


def source_names(vi: str) -> list[str]:
    """The capitalized names of a Vietnamese sentence: runs of two or more capitalized
    syllables ("Nguyễn Văn An", "Kim Jung-han"), single words that are no Vietnamese
    syllable ("Tom", "Kyushu", "NATO"), and one-syllable country names ("Mỹ"). The
    capitalized first word of a sentence is no name unless it can't be Vietnamese."""
    names: list[str] = []
    for start, words in _capitalized_runs(vi):
        if len(words) > 1 and _exonyms(" ".join(words)):  # "Chủ Nhật" is Sunday, not "Nhật" after a title
            names.append(" ".join(words))
            continue
        at_start = bool(_SENTENCE_START.search(vi[:start]))
        if at_start and (words[0] in SENTENCE_OPENERS or (len(words) == 1 and _vietnamese_syllable(words[0]))):
            words = words[1:]
        while words and words[0] in TITLES:  # "Tổng thống Donald Trump", "Ông Johnson"
            words = words[1:]
        while len(words) > 1 and words[-1] in _NEVER_LAST:  # "… ở Ấn Độ Chúng tôi …": a sentence glued on
            words = words[:-1]
        if not words:
            continue
        name = " ".join(words)
        if len(words) >= 2 and words[0] in ORG_HEADS and not _exonyms(name):
            continue  # "Bộ Ngoại giao": an organization, its English not guessable
        if len(words) == 1 and not _checkable_word(name):
            continue
        names.append(name)
    return list(dict.fromkeys(names))


_NEVER_LAST = frozenset({"Chúng", "Tôi", "Họ", "Bạn", "Nếu", "Khi", "Nhưng"})


def _checkable_word(word: str) -> bool:
    if _exonyms(word):
        return True
    if _ROMAN.fullmatch(word):
        return False  # "quý III", "Đại hội XIII": a number, checked as one
    if word.isupper():
        return word.isascii() and len(word) >= 2 and word not in VIETNAMESE_ACRONYMS
    return not _vietnamese_syllable(word)


_VI_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]{1,3}"
    r"(?:ng|nh|ch|[cmnpt])?"
)


def _vietnamese_syllable(word: str) -> bool:
    """Whether a word could be one Vietnamese syllable ("Tôi", "Minh"; not "Tom", "Kyushu")."""
    lower = word.lower()
    if lower in FOREIGN_LOOKALIKES:
        return False
    return _VI_SYLLABLE.fullmatch(lower) is not None


def _names(en: str, names: list[str], terms: list[tuple[str, str]]) -> list[Flag]:
    from digest.translate.glossary import term_pattern

    flags = []
    for vi_form, en_form in dict.fromkeys(terms):
        if not term_pattern(en_form).search(en):
            flags.append(Flag("name", f"{en_form} ({vi_form}) missing"))
    english = _plain(en)
    tokens = set(re.findall(r"[a-z0-9]+", english))
    joined = "".join(re.findall(r"[a-z0-9]+", english))
    for name in names:
        if not _name_in(name, en, tokens, joined):
            flags.append(Flag("name", f"{name} missing"))
    return flags


def _name_in(name: str, en: str, tokens: set[str], joined: str) -> bool:
    """A name is in the English as written without its marks ("Nguyen Van An", "Hanoi"),
    by its last syllable ("Trump", "Mr Phuc"), by half its syllables, or as its English
    exonym ("Trung Quốc" → "China"); a compass point before a place ("Bắc Triều Tiên",
    "Đông Âu") may be an adjective of the English ("North Korea", "Eastern Europe")."""
    for alias in _exonyms(name):
        if re.search(r"(?<!\w)" + re.escape(alias), en):
            return True
    first, _, rest = name.partition(" ")
    if first in COMPASS:
        if not rest:
            return bool(re.search(rf"\b(?:{'|'.join(COMPASS[first])})", en, re.IGNORECASE))
        if rest in COMPASS_PLACES:
            return any(re.search(r"(?<!\w)" + re.escape(alias), en) for alias in COMPASS_PLACES[rest])
        return _name_in(rest, en, tokens, joined)
    syllables = re.findall(r"[a-z0-9]+", _plain(name))
    if not syllables:
        return True
    if "".join(syllables) in joined or syllables[-1] in tokens:
        return True
    if len(syllables) > 1 and sum(s in tokens for s in syllables) * 2 >= len(syllables):
        return True
    return _spelled_alike("".join(syllables), tokens)


def _spelled_alike(name: str, tokens: set[str]) -> bool:
    """The name as English spells it a little differently: "Maria" / "Mary", "Bra-xin" /
    "Brazil", "Jumbocho" / "Jimbocho" (difflib's ratio of 0.65 or more)."""
    from difflib import SequenceMatcher

    if len(name) < _ALIKE_LETTERS:
        return False  # "Tom" is not "to"
    for token in tokens:
        if abs(len(token) - len(name)) <= 3 and SequenceMatcher(None, name, token).ratio() >= _ALIKE:
            return True
    return False


_ALIKE = 0.65
_ALIKE_LETTERS = 5


def _plain(text: str) -> str:
    """Lowercase, without diacritics: 'Nguyễn Đức' → 'nguyen duc'."""
    text = text.lower().replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


def _exonyms(name: str) -> tuple[str, ...]:
    """The English forms EXONYMS gives a name, whichever syllable carries its tone mark
    ("Thụy Điển" and "Thuỵ Điển", "Hòa" and "Hoà" are the same word)."""
    return _EXONYMS_BY_KEY.get(_tone_key(name), ())


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook, dot below


def _tone_key(text: str) -> str:
    """text with each word's tone mark moved to the word's end: one spelling of the two
    places Vietnamese puts it ("oà"/"òa", "uỵ"/"ụy"); and a final y after a consonant
    as i, the other spelling of the same sound ("Thụy Sỹ"/"Thụy Sĩ", "Mỹ"/"Mĩ")."""
    def key(m: re.Match[str]) -> str:
        word = unicodedata.normalize("NFD", m.group())
        tones = "".join(ch for ch in word if ch in _TONE_MARKS)
        bare = "".join(ch for ch in word if ch not in _TONE_MARKS)
        if len(bare) > 1 and bare[-1] in "yY" and bare[-2].lower() not in "aeiouy\u0302\u0306\u031b":
            bare = bare[:-1] + ("i" if bare[-1] == "y" else "I")
        return bare + tones

    return re.sub(r"\w+", key, unicodedata.normalize("NFC", text))


# --- helpers -----------------------------------------------------------------------------


def _blank_out(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """text with each span replaced by spaces of the same length (offsets stay valid)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _shorten(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- vocabularies --------------------------------------------------------------------------

VI_SCALES = {"nghìn": 1e3, "ngàn": 1e3, "vạn": 1e4, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9, "trăm": 1e2}
EN_SCALES = {"hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
             "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12}

MONTHS = {name: float(i) for i, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for name in names}
# Vietnamese numbers the weekdays from Monday, "thứ 2", to Saturday, "thứ 7".
WEEKDAYS = {"monday": 2.0, "tuesday": 3.0, "wednesday": 4.0, "thursday": 5.0, "friday": 6.0, "saturday": 7.0}
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth"]
NUMBER_WORDS: dict[str, float] = {
    **{w: float(i) for i, w in enumerate(_UNITS)},
    **{w: float(20 + 10 * i) for i, w in enumerate(_TENS)},
    **{w: float(i) for i, w in enumerate(_ORDINALS, start=1)},
    "a": 1.0, "an": 1.0, "single": 1.0, "once": 1.0, "twice": 2.0, "both": 2.0, "double": 2.0,
    "dozen": 12.0, "half": 0.5, "noon": 12.0, "midnight": 0.0,
    **{w[:-1] + "ieth": float(20 + 10 * i) for i, w in enumerate(_TENS)},  # "twentieth" (century)
}
_TENS_WORDS = "|".join(_TENS)
_UNIT_WORDS = "|".join(_UNITS[1:10])
_ALL_NUMBER_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

# Letters that English and the other languages a news text quotes (French, German, Spanish)
# don't use: a word with one of them is Vietnamese.
VIETNAMESE_ONLY_LETTERS = frozenset(
    "ăâđêôơư" "ảãạằắẳẵặầấẩẫậ" "ẻẽẹềếểễệ" "ỉĩị" "ỏọồốổỗộờớởỡợ" "ủũụừứửữự" "ỳỷỹỵ"
)
# Vietnamese function words as a model leaves them when it drops their marks; none is an
# English word.
BARE_FUNCTION_WORDS = frozenset({
    "trong", "nhung", "khong", "duoc", "nguoi", "nhieu", "cua", "voi", "cac", "nhu", "theo", "khi",
    "cung", "nay", "tai", "vao", "mot", "nhat", "nhap", "dang", "chung", "viec", "truoc", "sau", "tren",
})

# Capitalized first words of a sentence that open it and are no part of a name.
SENTENCE_OPENERS = frozenset({
    "Ông", "Bà", "Anh", "Chị", "Em", "Cô", "Chú", "Bác", "Cậu", "Theo", "Tại", "Ở", "Khi", "Trong", "Với",
    "Tôi", "Sau", "Trước", "Các", "Những", "Người", "Và", "Nhưng", "Hôm", "Năm", "Ngày", "Tháng", "Từ",
    "Đến", "Cả", "Một", "Hai", "Ba", "Đây", "Đó", "Vì", "Do", "Nếu", "Dù", "Còn", "Cùng", "Về", "Cho",
    "Để", "Tuy", "Ngoài", "Hiện", "Phía", "Lực", "Giới", "Chính", "Nhiều", "Mọi", "Bên", "Trên", "Dưới",
    "Chúng", "Họ", "Tất", "Đại", "Cựu", "Ngài", "Cháu", "Con", "Mẹ", "Bố", "Cha", "Tiếng", "Nước", "Thành",
    "Tỉnh", "Thủ", "Tổng", "Chủ", "Bộ", "Hàng", "Mỗi", "Lúc", "Sáng", "Chiều", "Tối", "Đêm", "Tuần",
})
# Titles before a name: "Tổng thống Donald Trump" is checked as "Donald Trump"; and words
# that make a people, a language or a region of a place.
TITLES = frozenset({"Ông", "Bà", "Anh", "Chị", "Ngài", "Tổng", "Thủ", "Chủ", "Bộ", "Giám", "Phó", "Cựu",
                    "Đại", "Tiến", "Giáo", "Thượng", "Trung", "Thiếu", "Đô", "Hoàng", "Nữ", "Thái", "Vua",
                    "Tướng", "Thống", "Bác",
                    # "Tiếng Anh" is English, "Người Mỹ" Americans, "Miền Nam" the South
                    "Tiếng", "Người", "Miền", "Vùng"}) - {"Trung", "Hoàng", "Thái"}
# Heads of Vietnamese organization names, whose English isn't the syllables' ("Bộ Y tế").
ORG_HEADS = frozenset({"Bộ", "Sở", "Ủy", "Uỷ", "Ban", "Viện", "Trường", "Công", "Tập", "Ngân", "Hội", "Cục",
                       "Tổng", "Đại", "Bệnh", "Quân", "Đảng", "Tòa", "Toà", "Phòng", "Khoa", "Đài", "Báo",
                       "Hãng", "Thành", "Tỉnh", "Quận", "Huyện", "Xã", "Phường"})
# All-capital Vietnamese abbreviations, which English spells out.
VIETNAMESE_ACRONYMS = frozenset({"UBND", "HĐND", "TP", "TPHCM", "HCM", "THPT", "THCS", "CSGT", "GS", "TS",
                                 "PGS", "BS", "ĐH", "CLB", "VN", "TTXVN", "QĐ", "ND", "CP", "NXB", "VND",
                                 "USD", "EUR", "TNHH", "CTCP", "KCN", "BHXH", "BHYT", "ĐBQH",
                                 "ADN", "ARN"})  # DNA, RNA
# Foreign words that happen to spell a Vietnamese syllable.
FOREIGN_LOOKALIKES = frozenset({"tom", "ben", "dan", "ken", "tim", "sam", "jim", "kim", "lee", "mao", "tony"})

# English forms of Vietnamese names that aren't the name without its marks.
EXONYMS: dict[str, tuple[str, ...]] = {
    "Mỹ": ("US", "U.S.", "America", "United States", "USA"),
    "Hoa Kỳ": ("US", "U.S.", "America", "United States", "USA"),
    "Anh": ("UK", "U.K.", "Britain", "British", "England", "English", "United Kingdom"),
    "Pháp": ("France", "French"),
    "Đức": ("Germany", "German"),
    "Nga": ("Russia",),
    "Nhật": ("Japan",),
    "Úc": ("Australia",),
    "Ý": ("Italy", "Italian"),
    "Lào": ("Laos", "Lao"),
    "Việt": ("Vietnam", "Viet Nam"),
    "Trung Quốc": ("China", "Chinese"),
    "Hàn Quốc": ("Korea", "South Korea", "Korean"),
    "Nhật Bản": ("Japan",),
    "Triều Tiên": ("Korea", "North Korea", "DPRK"),
    "Ấn Độ": ("India",),
    "Thái Lan": ("Thailand", "Thai"),
    "Đài Loan": ("Taiwan",),
    "Đài Bắc": ("Taipei",), "Cao Hùng": ("Kaohsiung",), "Hoa Liên": ("Hualien",),
    "Bắc Kinh": ("Beijing",),
    "Bình Nhưỡng": ("Pyongyang",),
    "Châu Âu": ("Europe",),
    "Châu Á": ("Asia",),
    "Châu Phi": ("Africa",),
    "Đông Nam Á": ("Southeast Asia", "South-East Asia", "ASEAN"),
    "Trung Đông": ("Middle East",),
    "Liên Hợp Quốc": ("United Nations", "UN", "U.N."),
    "Liên Hiệp Quốc": ("United Nations", "UN", "U.N."),
    "Liên Xô": ("Soviet", "USSR"),
    "Nhà Trắng": ("White House",),
    "Lầu Năm Góc": ("Pentagon",),
    "Biển Đông": ("East Sea", "China Sea"),
    "Trái Đất": ("Earth",),
    "Chúa Trời": ("God", "Lord"),
    "Ả Rập": ("Arab",),
    "Tây Ban Nha": ("Spain", "Spanish"),
    "Bồ Đào Nha": ("Portugal", "Portuguese"),
    "Hà Lan": ("Netherlands", "Dutch", "Holland"),
    "Thụy Điển": ("Sweden", "Swedish"),
    "Thụy Sĩ": ("Switzerland", "Swiss"),
    "Na Uy": ("Norway", "Norwegian"),
    "Đan Mạch": ("Denmark", "Danish"),
    "Ba Lan": ("Poland", "Polish"),
    "Thổ Nhĩ Kỳ": ("Turkey", "Türkiye", "Turkish"),
    "Hy Lạp": ("Greece", "Greek"),
    "Nam Phi": ("South Africa",),
    "Ả Rập Xê Út": ("Saudi Arabia", "Saudi"),
    "Ai Cập": ("Egypt",),
    "Mát-xcơ-va": ("Moscow",),
    "Luân Đôn": ("London",),
    "Thành phố Hồ Chí Minh": ("Ho Chi Minh City", "HCMC"),
    "TP.HCM": ("Ho Chi Minh City", "HCMC"),
    "Tân Cương": ("Xinjiang",),
    "Tây Tạng": ("Tibet",),
    "Hồng Kông": ("Hong Kong",),
    "La Mã": ("Rome", "Roman"),
    "Ba Tư": ("Persia", "Iran"),
    "Do Thái": ("Jew", "Israel"),
    "Thái Bình Dương": ("Pacific",),
    "Đại Tây Dương": ("Atlantic",),
    "Ấn Độ Dương": ("Indian Ocean",),
    "Thiên Chúa": ("God", "Christian", "Catholic", "Lord"),
    "Chủ Nhật": ("Sunday",),
    "Thứ Hai": ("Monday",),
    "Thứ Ba": ("Tuesday",),
    "Thứ Tư": ("Wednesday",),
    "Thứ Năm": ("Thursday",),
    "Thứ Sáu": ("Friday",),
    "Thứ Bảy": ("Saturday",),
    "Tết": ("Tet", "Lunar New Year"),
    **{f"Tháng {word}": (month,) for word, month in [
        ("Một", "January"), ("Giêng", "January"), ("Hai", "February"), ("Ba", "March"), ("Tư", "April"),
        ("Năm", "May"), ("Sáu", "June"), ("Bảy", "July"), ("Tám", "August"), ("Chín", "September"),
        ("Mười", "October"), ("Mười Một", "November"), ("Mười Hai", "December"), ("Chạp", "December")]},
    "Triều Tiên Bình Nhưỡng": ("Pyongyang",),
}
_EXONYMS_BY_KEY = {_tone_key(name): aliases for name, aliases in EXONYMS.items()}
# Compass points, which also open place names ("Bắc Triều Tiên" is North Korea), and the
# continents that only follow one ("Tây Phi" is West Africa; "Phi" alone is a given name).
COMPASS = {"Bắc": ("north",), "Nam": ("south",), "Đông": ("east",), "Tây": ("west",)}
COMPASS_PLACES = {"Phi": ("Africa",), "Âu": ("Europe",), "Á": ("Asia",), "Mỹ": ("America",)}
