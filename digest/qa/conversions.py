"""Figures the English converts for its reader, checked against each other where the
source can't check them: an amount's conversion in brackets ("VND4.5 trillion ($171
million)", "650 km (404 miles)"), which digest.qa.numbers leaves out of the figures the
source must state; a conversion whose two figures disagree, or a bracket with no figure.
"""
from __future__ import annotations

import re

from digest import vocabulary
from digest.model import Flag

EN_SCALES = vocabulary.numbers("qa_words", "en_scales")


# An amount's conversion into another currency or unit, in brackets after it: "VND4.5
# trillion ($171 million)", "50 billion won (about $36 million)", "one or two chỉ
# (3.75-7.5 grams)".
_CONVERTED_UNIT = (r"\d[\d.,]*(?:\s*(?:[-–]|to)\s*\d[\d.,]*)?\s*(?:k?g|grams?|kilo(?:gram)?s?|tonnes?|tons?|ounces?|oz|"
                   r"pounds?|lbs?|k?m|mm|cm|(?:kilo|centi|milli)?met(?:re|er)s?|miles?|feet|ft|inch(?:es)?|"
                   r"hectares?|ha|acres?|(?:square|sq)\s+\w+|(?:milli)?lit(?:re|er)s?|gallons?|barrels?|"
                   r"°\s?[CF]|[CF]|degrees\s+\w+|mph|kph|km/h|knots)\b(?:\s*(?:per|an?|/)\s*\w+)?")
CONVERSION = re.compile(r"(?:\d(?:[\d.,]*\d)?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an|half|taels?))"
                        r"(?:\s*[^\W\d_]+){0,3}\s*(\((?:about|around|nearly|roughly|some|almost|"
                        r"approximately|over|~)?\s*(?:(?:US|S|A|NZ|HK|C)?[$€£¥]\s?\d[\d.,]*(?:\s*[-–]\s*[$€£¥]?\d[\d.,]*)?"
                        r"(?:\s*(?:million|billion|trillion|bn|mn|m|k))?"
                        # a second currency: "($1.9bn; £1.5bn)"
                        r"(?:\s*[;,]\s*[$€£¥]\s?\d[\d.,]*(?:\s*(?:million|billion|trillion|bn|mn|m|k))?)?"
                        r"|\d+(?:\s*[-–]\s*\d+)?\s+(?:US\s+)?cents|"
                        + _CONVERTED_UNIT + r")\s*\))", re.IGNORECASE)


# A measure and its conversion in brackets, which the English checks by itself: "650 km
# (404 miles)". Each unit with its size in a base unit (metres, kilograms, square metres,
# litres); Celsius and Fahrenheit apart.
_UNIT_SIZES = {"km": 1000.0, "kilometre": 1000.0, "kilometer": 1000.0, "mile": 1609.34, "m": 1.0, "metre": 1.0,
               "meter": 1.0, "foot": 0.3048, "feet": 0.3048, "ft": 0.3048, "cm": 0.01, "inch": 0.0254,
               "inche": 0.0254, "kg": 1.0, "kilogram": 1.0, "pound": 0.4536, "lb": 0.4536, "tonne": 1000.0,
               "hectare": 1e4, "ha": 1e4, "acre": 4046.86, "litre": 1.0, "liter": 1.0, "gallon": 3.785}
_UNIT_KINDS = {"km": "l", "kilometre": "l", "kilometer": "l", "mile": "l", "m": "l", "metre": "l", "meter": "l",
               "foot": "l", "feet": "l", "ft": "l", "cm": "l", "inch": "l", "inche": "l", "kg": "w", "kilogram": "w",
               "pound": "w", "lb": "w", "tonne": "w", "hectare": "a", "ha": "a", "acre": "a", "litre": "v",
               "liter": "v", "gallon": "v"}
_UNIT = r"(km|kilomet(?:re|er)s?|miles?|metres?|meters?|m|feet|foot|ft|cm|inch(?:es)?|kg|kilograms?|pounds?|lbs?|" \
        r"tonnes?|hectares?|ha|acres?|lit(?:re|er)s?|gallons?|°?C|°?F|degrees (?:Celsius|Fahrenheit))"
_MEASURE_CONVERTED = re.compile(rf"(\d[\d,]*(?:\.\d+)?)[\s-]*{_UNIT}\b(?:\s+[a-z]+){{0,2}}\s*\(\s*(?:about|around|"
                                rf"roughly|some|nearly|almost|over|more than)?\s*(\d[\d,]*(?:\.\d+)?)[\s-]*{_UNIT}"
                                rf"(?!\w)\s*\)")
_CONVERSION_TOLERANCE = 0.12  # a conversion rounds: "650 km (404 miles)", "24 km (15 miles)"


def _unit_key(unit: str) -> str:
    unit = unit.lower().removeprefix("°").removeprefix("degrees ")
    if unit in ("c", "celsius", "f", "fahrenheit"):
        return unit[0]
    return unit[:-1] if unit.endswith("s") and unit[:-1] in _UNIT_SIZES else unit


def wrong_conversions(en: str) -> list[Flag]:
    """A flag for each converted measure of the English whose two figures disagree ("650 km
    (900 miles)"), and each amount in đồng whose conversion into dollars no rate the đồng
    has had would give: a figure the source cannot check, as it gives the amount once."""
    flags = []
    for m in _MEASURE_CONVERTED.finditer(en):
        first, second = _unit_key(m.group(2)), _unit_key(m.group(4))
        a, b = float(m.group(1).replace(",", "")), float(m.group(3).replace(",", ""))
        if {first, second} == {"c", "f"}:
            celsius, fahrenheit = (a, b) if first == "c" else (b, a)
            wrong = abs(celsius * 9 / 5 + 32 - fahrenheit) > max(2.0, 0.05 * abs(fahrenheit))  # "400 F (200 C)"
        elif first in _UNIT_SIZES and second in _UNIT_SIZES and _UNIT_KINDS[first] == _UNIT_KINDS[second] \
                and first != second and a > 0:
            size = a * _UNIT_SIZES[first]
            wrong = abs(size - b * _UNIT_SIZES[second]) > _CONVERSION_TOLERANCE * size
        else:
            continue
        if wrong:
            flags.append(Flag("number", f"{m.group(3)} not in the Vietnamese"))
    for m in _DONG_CONVERTED.finditer(en):
        dong = _amount(m.group("dong") or m.group("dong_after"), m.group("dong_scale") or m.group("dong_after_scale"))
        dollars = _amount(m.group("dollars"), m.group("dollar_scale"))
        low, high = _DONG_PER_DOLLAR
        if dollars and not low <= dong / dollars <= high:  # "VND300 billion ($81.4 million)"
            flags.append(Flag("number", f"{m.group('dollars')} not in the Vietnamese"))
    for m in _EMPTY_AMOUNT.finditer(en):
        flags.append(Flag("number", f"{m.group().strip()} without its figure"))
    return flags


# What a US dollar cost in đồng, from about 16,000 (2008) to about 26,500 (2026), widened by
# a conversion's rounding: an English edition's "VND4.6 trillion ($175 million)" outside it
# has had one of its figures changed (set from those rates, not fitted).
_DONG_PER_DOLLAR = (15_000.0, 28_000.0)
_FIGURE = r"\d[\d,]*(?:\.\d+)?"
_SCALE_WORD = r"(?:\s*-?\s*(?P<{}>million|billion|trillion|bn|mn|tn|m|k|thousand)\b)?"
_DONG_CONVERTED = re.compile(
    rf"(?:VN[DĐ]\s?(?P<dong>{_FIGURE}){_SCALE_WORD.format('dong_scale')}|"
    rf"(?P<dong_after>{_FIGURE}){_SCALE_WORD.format('dong_after_scale')}\s*(?:VN[DĐ]|dong)\b)"
    rf"\s*\(\s*(?:about|around|nearly|roughly|some|almost|approximately|over|more than|~)?\s*(?:US)?\$\s?"
    rf"(?P<dollars>{_FIGURE}){_SCALE_WORD.format('dollar_scale')}\s*\)", re.IGNORECASE)


def _amount(figure: str, scale: str | None) -> float:
    return float(figure.replace(",", "")) * (EN_SCALES[scale.lower()] if scale else 1.0)


# A bracket that gives a unit or a currency's scale and no figure: "( miles)", "(US$ million)".
_EMPTY_AMOUNT = re.compile(r"\(\s*(?:about|around|some|nearly)?\s*(?:(?:US|S|A)?[$€£¥]\s*)?(?:million|billion|trillion|"
                           r"miles|km|kilometres|kilometers|feet|inches|pounds|kg|GMT|UTC|mph|kph)\s*\)", re.IGNORECASE)
