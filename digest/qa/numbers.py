"""The number flag: every number of the source, in digits or words, is in the English, and
the English states no number the source doesn't.

Vietnamese conventions are mapped (1.100 → 1,100; 2,5 → 2.5; 17/4 → April 17; "5 triệu"
→ 5 million; "thứ 2" → Monday; "quý III" → the third quarter); metric amounts may be given
in imperial units, rounded. Times are digest.qa.times's.
"""
from __future__ import annotations

import math
import re

from digest import vocabulary
from digest.model import Flag
from digest.qa.conversions import CONVERSION, wrong_conversions
from digest.qa.times import matched_english_times, time_spans, times, wire_times
from digest.qa.unsaid import restated_spans

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_VI_SCALE = re.compile(r"\s*(nghìn|ngàn|triệu|tỷ|tỉ|trăm|vạn)\b", re.IGNORECASE)
# "10 thousands of people" is 10,000; "hundreds of" no number; "65-trillion-dong" 65 trillion
_EN_SCALE_WORD = r"(hundred|thousand|million|billion|trillion|quadrillion|bn|mn|tn|m|k)(?:s\b(?! of)|\b)"
_EN_SCALE = re.compile(r"[\s-]*" + _EN_SCALE_WORD, re.IGNORECASE)
_WEEKDAY_NUMBER = re.compile(r"\b[Tt]hứ\s+([2-7])\b")  # "thứ 2" is Monday
_TOLERANCE = 1e-9


def numbers(vi: str, en: str) -> list[Flag]:
    """A flag for each number of the source that the English doesn't state (a time is one
    number: digest.qa.times)."""
    known = english_numbers(en)
    restated = restated_spans(vi, en)
    flags = times(vi, en, restated)
    clock = [(start, end) for start, end, _, _ in time_spans(vi)]
    for numeral in _vi_romans(vi):  # "quý III" is "the third quarter", "Q3" or "quarter III"
        if _roman_value(numeral) not in known:
            flags.append(Flag("number", f"{numeral} missing"))
    flags += _codes_changed(vi, en)
    if _FIRST_VI.search(vi) and not _FIRST_EN.search(en):
        flags.append(Flag("number", "đầu tiên missing"))  # "lần đầu tiên": the first time
    weekdays = {m.start(1) for m in _WEEKDAY_NUMBER.finditer(vi)}
    fractions = [(m.start(), m.end()) for m in _VI_FRACTION.finditer(vi) if int(m.group(1)) < int(m.group(2))
                 and any(_close(int(m.group(1)) / int(m.group(2)), k) for k in known)]
    said_as_days = _dates_said_as_days(vi, en, known)
    relative_years = len(_RELATIVE_YEAR.findall(en)) - len(_VI_RELATIVE_YEAR.findall(vi))  # "năm nay": "this year"
    years_said: set[float] = set()  # the years "next year", "last year" stand for
    seconds = [(m.start(), m.end()) for m in _SPLIT_SECONDS.finditer(vi)
               if any(_close(float(f"{m.group(1)}.{m.group(2)}"), k) for k in known)]
    seconds += [m.span() for m in _HOURS_AND_MINUTES.finditer(vi)  # "1 giờ 15 phút" as "75 minutes", "1.25 hours"
                if any(_close(60 * float(m.group(1)) + float(m.group(2)), k)
                       or _close(float(m.group(1)) + float(m.group(2)) / 60, k) for k in known)]
    seconds += restated + _phrases_said_in_words(vi, en) + _years_left_out(vi, en, known)
    for match in _NUMBER.finditer(vi):
        if match.start() in weekdays and _WEEKDAY.search(en):
            continue
        if any(start <= match.start() < end for start, end in said_as_days + seconds):
            continue
        if match.start() and vi[match.start() - 1].isalpha():
            continue  # "PM2.5", "m3", "G7": a name's or a unit's digits
        if any(start <= match.start() < end for start, end in fractions):
            continue
        if any(start <= match.start() < end for start, end in clock):
            continue
        values = _vietnamese_values(match.group(), _scale(_VI_SCALE, VI_SCALES, vi, match.end()))
        if _DECADE_BEFORE.search(vi, 0, match.start()) and re.fullmatch(r"[1-9]0", match.group()):
            values |= {1900 + float(match.group()), 2000 + float(match.group())}  # "những năm 90": the 1990s
        if not any(_close(v, k) or _rounded(v, k) for v in values for k in known) and not _converted(
                vi, match.end(), values, en):
            year = _YEAR.fullmatch(match.group())
            if year and (float(match.group()) in years_said or len(years_said) < relative_years):
                years_said.add(float(match.group()))  # "năm 2027" as "next year"
                continue
            scale = _VI_SCALE.match(vi, match.end())
            shown = match.group() + (scale.group() if scale else "")
            flags.append(Flag("number", f"{shown.strip()} missing"))
    return flags


# A code of capitals and digits ("PM2.5", "PM10", "A320", "CO2"), whose digits are part of
# a name rather than a figure.
_CODE = re.compile(r"(?<![\w.])([A-Z]{1,4})[\s-]?(\d+(?:[.,]\d+)?)(?![\w])")


def _codes_changed(vi: str, en: str) -> list[Flag]:
    """A flag for each code of the source that the English gives with other digits ("PM2.5"
    as "PM2.9"); a code the English leaves out or says in words is not looked for."""
    said: dict[str, set[str]] = {}  # the English's codes: their digits by their letters
    for c in _CODE.finditer(en):
        said.setdefault(c.group(1), set()).add(c.group(2))
    flags = []
    for m in _CODE.finditer(vi):
        digits = said.get(m.group(1))
        if digits and m.group(2).replace(",", ".") not in digits:
            flags.append(Flag("number", f"{m.group()} missing"))
    return flags


# A date: day/month, the year optional, and a day before it that shares its month ("ngày 6
# và 7/6", "từ 6 đến 8/12").
_VI_DATE = re.compile(r"(?:\b\d{1,2}\s+(?:và|đến|tới|-|–)\s+)?\b([12]?\d|3[01])/(0?[1-9]|1[0-2])(?:/(\d{4}))?(?![\d/])")
# Words by which English news says a day instead of its date ("on Thursday", "yesterday").
_WEEKDAY_NAME = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DAY_WORDS = re.compile(rf"\b(?:{_WEEKDAY_NAME}|yesterday|today|tomorrow|tonight)\b", re.IGNORECASE)
# A year English news says by where it stands from now ("next year" for "năm 2027").
_YEAR = re.compile(r"(?:19|20)\d\d")
_RELATIVE_YEAR = re.compile(r"\b(?:(?:next|last|this|previous|coming|following|the same)\s+year|"
                            r"a\s+year\s+(?:earlier|ago|later|before))\b", re.IGNORECASE)
_VI_RELATIVE_YEAR = re.compile(r"\bnăm\s+(?:nay|tới|sau|ngoái|trước|qua|kế tiếp)\b", re.IGNORECASE)
# A time of a race split by "giây": "1 phút 56 giây 48" is 1:56.48, "56.48 seconds".
_SPLIT_SECONDS = re.compile(r"(\d{1,2})\s*giây\s*(\d{2})\b")
_HOURS_AND_MINUTES = re.compile(r"\b(\d{1,2})\s*(?:giờ|tiếng)\s*(\d{1,2})\s*phút\b", re.IGNORECASE)


_STORM_NUMBER = re.compile(r"\bbão số (\d{1,2})\b", re.IGNORECASE)
_NAMED_STORM = re.compile(r"\b(?:Typhoon|Storm|Tropical Storm|Hurricane|Cyclone)\s+[A-Z]")
_WIND_LEVEL = re.compile(r"\b(?:gió|giật|bão|mạnh nhất|mạnh)\s+(?:mạnh\s+)?cấp\s+(\d{1,2})\b", re.IGNORECASE)
# The wind speeds (km/h) of the Beaufort levels Vietnam's forecasts use (6 to 17).
_BEAUFORT_KMH = {6: (39, 49), 7: (50, 61), 8: (62, 74), 9: (75, 88), 10: (89, 102), 11: (103, 117), 12: (118, 133),
                 13: (134, 149), 14: (150, 166), 15: (167, 183), 16: (184, 201), 17: (202, 220)}
# "so với cùng kỳ năm 2025" said as "year-on-year".
_SAME_PERIOD_YEAR = re.compile(r"cùng kỳ (?:năm )?((?:19|20)\d\d)", re.IGNORECASE)
_YEAR_ON_YEAR = re.compile(r"\byear[- ]on[- ]year\b|\ba year (?:earlier|ago|before)\b|\bsame period last year\b"
                           r"|\bfrom a year\b", re.IGNORECASE)


def _years_left_out(vi: str, en: str, known: set[float]) -> list[tuple[int, int]]:
    """The figures English news leaves out: the year of a date whose day and month it gives
    ("ngày 1/1/2026" as "Jan. 1") and of the period a change is measured against ("so với
    cùng kỳ năm 2025" as "year-on-year"); a storm's number in the year where the English
    names it, and a wind's Beaufort level where it gives the speed."""
    months = _months_named(en)
    spans = [m.span(3) for m in _VI_DATE.finditer(vi) if m.group(3) and _date_stated(m, known, months)]
    if _NAMED_STORM.search(en):  # "bão số 11" as "Typhoon Mirinae"
        spans += [m.span(1) for m in _STORM_NUMBER.finditer(vi)]
    for m in _WIND_LEVEL.finditer(vi):  # "gió mạnh cấp 12, giật cấp 15" as "winds of 118-133 kph"
        low, high = _BEAUFORT_KMH.get(int(m.group(1)), (0, 0))
        if any(low <= k <= high or low <= k * 1.609 <= high for k in known):
            spans.append(m.span(1))
    if _YEAR_ON_YEAR.search(en):
        spans += [m.span(1) for m in _SAME_PERIOD_YEAR.finditer(vi)]
    return spans


_NUMBER_PHRASES = {re.compile(rf"(?<!\w){re.escape(phrase)}(?![\w/])", re.IGNORECASE): said
                   for phrase, said in vocabulary.aliases("qa_words", "vietnamese", "number_phrases").items()}


def _phrases_said_in_words(vi: str, en: str) -> list[tuple[int, int]]:
    """The spans of the source's number phrases that the English says in words ("lớp 10"
    as "high school")."""
    lower = en.lower()
    return [m.span() for pattern, said in _NUMBER_PHRASES.items() if any(s in lower for s in said)
            for m in pattern.finditer(vi)]


def _renderings(vi: str, en: str) -> list[tuple[int, int]]:
    """The spans of the English that say a number phrase of the source ("99.99" for "vàng
    9999"): their figures need no other source."""
    lower = en.lower()
    return [(m.start(), m.end()) for pattern, said in _NUMBER_PHRASES.items() if pattern.search(vi)
            for s in said for m in re.finditer(re.escape(s), lower)]


def _months_named(en: str) -> set[float]:
    """The numbers of the months the English names ("Dec." is 12)."""
    return {MONTHS[w.lower()] for w in re.findall(r"[A-Za-z]+", en) if w.lower() in MONTHS}


def _date_stated(date: re.Match[str], known: set[float], months: set[float]) -> bool:
    """Whether the English gives a source date (_VI_DATE) by its day and its month."""
    return float(date.group(1)) in known and (float(date.group(2)) in months or float(date.group(2)) in known)


def _dates_said_as_days(vi: str, en: str, known: set[float]) -> list[tuple[int, int]]:
    """The dates of the source that the English says by their day ("ngày 3/12" as "on
    Thursday"), one day word for each: English news names the day of a date in the week,
    where Vietnamese news writes the date. A date whose day or month the English states is
    checked as numbers."""
    days = len(_DAY_WORDS.findall(en))
    months = _months_named(en)
    spans = []
    for m in _VI_DATE.finditer(vi):
        if _date_stated(m, known, months):
            continue  # "Dec. 3", "3/12": said as a date, checked as one
        needed = 2 if m.group().count("/") and re.match(r"\d{1,2}\s", m.group()) else 1
        if days >= needed:
            days -= needed
            spans.append(m.span())
    return spans


def unsourced_numbers(vi: str, en: str) -> list[Flag]:
    """Numbers written in digits in the English that the Vietnamese says nowhere, in
    digits or words: a number the model changed where the source spelled it out ("năm
    trăm" as "300"), or said one number twice ("4 năm ... 4 năm" as "4 years ... 6 years")."""
    source = _source_values(vi)
    clock = matched_english_times(vi, en)
    clock += [span for span, hour, minute in wire_times(en)  # "1230 UTC" for "12 giờ 30 phút"
              if {hour, minute} <= set(source)]
    conversions = [m.span(1) for m in CONVERSION.finditer(en)] + _renderings(vi, en)
    flags = []
    for match in _NUMBER.finditer(en):
        token = match.group()
        if match.start() and en[match.start() - 1].isalpha():
            continue  # "G7", "Q4": a name's digits, checked with the name
        if any(start <= match.start() < end for start, end in clock):
            continue
        if any(start <= match.start() < end for start, end in conversions):
            continue  # "VND4.5 trillion ($171 million)": the English edition's conversion
        if token in ("10", "100") and _SHARE_BEFORE.search(en[: match.start()]):
            continue  # "nine in 10": a share, checked as a percentage
        exact, converted = _candidate_values(en, match)
        if not (any(_close(value, known) or _rounded(known, value) for value in exact for known in source)
                or any(abs(value - known) <= _ROUNDED * known for value in converted for known in source)):
            flags.append(Flag("number", f"{token} not in the Vietnamese"))
    flags += wrong_conversions(en)
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
        century = re.search(r"\b(19|20)\d\d[-–/]$", en[: match.start()])
        if century and len(match.group()) == 2:
            out.add(float(century.group(1) + match.group()))  # "the 2026-27 season"
        for factor, word in _IMPERIAL:
            if re.match(rf"[\s-]*(?:{word})", after, re.IGNORECASE):
                converted.add(value * scale / factor)
        if re.match(r"in\b", after):
            converted.add(value / 0.3937)  # "15in (38cm)": inches written short, after the figure
        if re.match(r"[\s-]*(?:degrees?|°)", after, re.IGNORECASE):
            converted.add((value - 32) * 5 / 9)  # Fahrenheit, said or not
        if _BASIS_POINTS.match(match.group() + after):
            out.add(value / 100)  # "150 basis points" for "1,5 điểm phần trăm"
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
    values |= {_roman_value(numeral) for numeral in _vi_romans(vi)}
    values |= {float(f"{m.group(1)}.{m.group(2)}") for m in _SPLIT_SECONDS.finditer(vi)}
    values |= {60 * float(m.group(1)) + float(m.group(2)) for m in _HOURS_AND_MINUTES.finditer(vi)}
    values |= {float(b) for m in _WIND_LEVEL.finditer(vi) for b in _BEAUFORT_KMH.get(int(m.group(1)), ())}
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




_PM_AFTER = re.compile(r"(?::\d\d)?\s*(?:pm|p\.m\.)", re.IGNORECASE)  # "2 p.m.", "2:30 pm": 14h, 14h30
_DECADE_BEFORE = re.compile(r"\b(?:năm|thập kỷ|thập kỉ|thập niên)\s*$", re.IGNORECASE)
# Metric units and the English units a text may give them in instead ("16 km" as "10
# miles", "54 độ C" as "130 degrees"), with the factor: a translator rounds, so the English
# amount, followed by its unit, need only be within _ROUNDED of the exact one.
_VI_UNIT = re.compile(r"\s*(?:(?:nghìn|ngàn|triệu|tỷ|tỉ|trăm|vạn)\s*)*"
                      r"(km2|km²|kilomet vuông|ki-lô-mét vuông|m2|m²|mét vuông|km/h|km/giờ|km|kilomet|ki-lô-mét|"
                      r"cm|mm|m|mét|"
                      r"kg|kgs|ki-lô-gam|tấn|độ C|°C|lít|ha|héc-ta)(?!\w)", re.IGNORECASE)
_CONVERSIONS: dict[str, tuple[tuple[float, str], ...]] = {
    "km": ((0.6214, "mile"),), "km/h": ((0.6214, "mph|miles (?:per|an) hour"),),
    "m": ((3.281, "f(?:oo|ee)t"), (1.094, "yard")), "cm": ((0.3937, "inch"),),
    "mm": ((0.03937, "inch"),), "kg": ((2.205, "pound"),), "tấn": ((1.102, "ton"), (2205, "pound")),
    "km2": ((0.3861, "square mile"),), "m2": ((10.76, "square f(?:oo|ee)t"),), "lít": ((0.2642, "gallon"),),
    "ha": ((2.471, "acre"),),
}
_UNIT_NAMES = {"km/giờ": "km/h",
               "km²": "km2", "kilomet vuông": "km2", "ki-lô-mét vuông": "km2", "m²": "m2", "mét vuông": "m2",
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
        for m in re.finditer(rf"({_NUMBER.pattern})[\s-]*(?:{_EN_SCALE_WORD})?[\s-]*(?:{word})", text,
                             re.IGNORECASE):
            amounts = {a * _scale(_EN_SCALE, EN_SCALES, text, m.start(1) + len(m.group(1)))
                       for a in _english_values(m.group(1))}
            if any(abs(a - target) <= _ROUNDED * abs(target) for a in amounts):
                return True
    return False


def english_numbers(en: str) -> set[float]:
    """Every value the English states: digits as written (1,100 and 2.5), with a scale word
    also multiplied (5 million → 5 and 5000000), number words, months and weekdays as the
    numbers Vietnamese writes them with, the 24-hour form of "10 pm", and the hour and the
    minute of a wire's "1230 UTC"."""
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
    for _span, hour, minute in wire_times(en):  # "1230 UTC", "10.30 local time": "12 giờ 30 phút"
        values |= {hour, minute}
    for match in re.finditer(r"\b(19|20)\d\d[-–/](\d\d)\b", en):  # "the 2026-27 season": 2027
        values.add(float(match.group(1) + match.group(2)))
    for match in re.finditer(r"['’](\d\d)s?\b", en):  # "in '71", "the '90s"
        values |= {1900 + float(match.group(1)), 2000 + float(match.group(1))}
    for word in re.findall(r"[A-Za-z]+", en):
        lower = word.lower()
        if lower in MONTHS:
            values.add(MONTHS[lower])
        if lower.endswith("fold") and lower[:-4] in NUMBER_WORDS:
            values.add(NUMBER_WORDS[lower[:-4]])  # "fivefold" for "gấp 5 lần"
        if lower.endswith("ties") and lower[:-3] + "y" in NUMBER_WORDS:  # "in their twenties": "ngoài 20 tuổi"
            tens = NUMBER_WORDS[lower[:-3] + "y"]
            values |= {tens, 1900 + tens}  # "the eighties": the 1980s
    for match in re.finditer(r"\b(\d+)\s+(?:in|out of)\s+(10|100)\b", text):  # "nine in 10" for 90%
        values.add(float(match.group(1)) * 100 / float(match.group(2)))
    for match in re.finditer(r"\b(\d+)\s*(million|billion|thousand)th\b", text, re.IGNORECASE):  # "50 millionth"
        values.add(float(match.group(1)) * EN_SCALES[match.group(2).lower()])
    for match in re.finditer(r"\b(\d+)\s+decades\b", text):  # "three decades" for "30 năm"
        values.add(10 * float(match.group(1)))
    for match in _AND_A_HALF.finditer(text):  # "two and a half hours" for "2,5 giờ"
        values.add(float(match.group(1)) + 0.5)
    for match in _BASIS_POINTS.finditer(text):  # "150 basis points" for "1,5 điểm phần trăm"
        values |= {v / 100 for v in _english_values(match.group(1))}
    for word, value in _SAID_AS_WORDS:  # "the next decade" for "10 năm tới"
        if word.search(en):
            values.add(value)
    for match in _FRACTION_WORDS.finditer(en):  # "two-thirds" for "2/3", "a quarter" for "1/4"
        count = NUMBER_WORDS.get((match.group(1) or "a").lower(), 1.0)
        share = count / _FRACTION_DENOMINATORS[match.group(2).lower().rstrip("s")]
        values |= {share, share * 100}  # "a fifth" for "20%"
    return values


_AND_A_HALF = re.compile(r"\b(\d+)\s+and\s+(?:a\s+half|1\s+0\.5)\b", re.IGNORECASE)  # as written, or as digits
_BASIS_POINTS = re.compile(r"(\d+(?:[.,]\d+)*)\s*(?:basis\s+points?|bps?)\b", re.IGNORECASE)
# Numbers English news says in words that name no number: "a decade" (10 years), "the
# final quarter" (quý IV), "the full amount" (100%).
_SHARE_BEFORE = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out of)\s+$", re.IGNORECASE)
_SAID_AS_WORDS = [(re.compile(r"\bdecades?\b", re.I), 10.0), (re.compile(r"\bcentury\b", re.I), 100.0),
                  (re.compile(r"\b(?:final|last)\s+quarter\b", re.I), 4.0),
                  (re.compile(r"\b(?:full|fully|in full|entire|entirely|all|every)\b", re.I), 100.0)]
_FRACTION_DENOMINATORS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_FRACTION_WORDS = re.compile(
    r"\b(?:(a|one|two|three|four|nine)[\s-]+)?(halves|half|thirds?|quarters?|fifths?|tenths?)\b", re.IGNORECASE)
# "1/4", "2/3": a fraction where the English has one; else the numbers of a date ("1/4" is
# April 1), checked one by one.
_VI_FRACTION = re.compile(r"(?<![\d/.,])([1-9])/([2-9]|10)(?![\d/])")


# Roman numerals of two letters or more (a lone "I" or "V" is a word or an initial), as
# Vietnamese news numbers quarters, congresses and terms: "quý III", "khóa XV".
_ROMAN = re.compile(r"(?=[IVXL]{2})L?X{0,3}(?:IX|IV|V?I{0,3})")
_ROMAN_IN_TEXT = re.compile(r"(?<![\w.-])(?=[IVXL]{2})L?X{0,3}(?:IX|IV|V?I{0,3})(?![\w-])")
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50}
# A lone "I", "V" or "X" is a numeral after the nouns Vietnamese numbers so: "vùng I" (the
# minimum wage's Region 1), "quý I", "giai đoạn I".
_LONE_ROMAN = re.compile(r"(?<!\w)(?:quý|vùng|khu vực|loại|hạng|cấp|giai đoạn|kỳ|đợt|phần|nhóm|khóa|khoá|bậc|"
                         r"tầng|chương|mục|phụ lục)\s+([IVX])(?![\w.-])")


def _vi_romans(vi: str) -> list[str]:
    """The Roman numerals of a Vietnamese text: of two letters or more, and a lone one after
    a noun Vietnamese numbers so."""
    return [m.group() for m in _ROMAN_IN_TEXT.finditer(vi)] + [m.group(1) for m in _LONE_ROMAN.finditer(vi)]


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


def _rounded(value: float, shown: float) -> bool:
    """Whether `shown` is `value` rounded to 2-4 significant digits, as an English edition
    rounds an amount ("21.935 tỷ đồng" as "VND21.9 trillion"); not a whole number under
    10,000 (a year, a count), which is said as it is."""
    if (value < 10_000 and value == int(value)) or _close(value, shown):
        return False  # a year, a count: said exactly
    return any(_close(float(f"{value:.{digits}g}"), shown) for digits in (2, 3, 4))


# --- vocabularies (digest/data/qa_words.toml) ----------------------------------------------

VI_SCALES = vocabulary.numbers("qa_words", "vi_scales")
EN_SCALES = vocabulary.numbers("qa_words", "en_scales")
VI_DIGIT_WORDS = vocabulary.numbers("qa_words", "vi_digit_words")
_ENGLISH = vocabulary.table("qa_words", "english")
MONTHS = {name: float(i) for i, names in enumerate(_ENGLISH["months"], start=1) for name in names}
WEEKDAYS = {name: float(i) for i, name in enumerate(_ENGLISH["weekdays"], start=2)}
_WEEKDAY = re.compile(rf"\b{_WEEKDAY_NAME}\b")
_UNITS: list[str] = _ENGLISH["units"]
_TENS: list[str] = _ENGLISH["tens"]
# "đầu tiên" (the first) and what English may say for it (qa_words.toml, first_words)
_FIRST_VI = re.compile(r"(?<!\w)đầu tiên(?!\w)")
_FIRST_EN = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _ENGLISH["first_words"]) + ")", re.IGNORECASE)
NUMBER_WORDS: dict[str, float] = {
    **{w: float(i) for i, w in enumerate(_UNITS)},
    **{w: float(20 + 10 * i) for i, w in enumerate(_TENS)},
    **{w: float(i) for i, w in enumerate(_ENGLISH["ordinals"], start=1)},
    "a": 1.0, "an": 1.0, "single": 1.0, "once": 1.0, "twice": 2.0, "both": 2.0, "double": 2.0,
    "dozen": 12.0, "half": 0.5, "quarter": 0.25, "noon": 12.0, "midnight": 0.0,
    **{w[:-1] + "ieth": float(20 + 10 * i) for i, w in enumerate(_TENS)},  # "twentieth" (century)
}
_TENS_WORDS = "|".join(_TENS)
_UNIT_WORDS = "|".join(_UNITS[1:10])
_ALL_NUMBER_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
