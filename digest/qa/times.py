"""Times of day, checked as one number each: "05:00" is "5 a.m.", "17:30" is "5:30 p.m.",
"17:30", "17.30" or "1730 BST", "10h" is "10 o'clock"; "24/24" (round the clock) is "24/7".

A headline may leave a time out: an English without its final stop and without any time
of its own is not held to the source's times.
"""
from __future__ import annotations

import re

from digest.model import Flag

ALWAYS = -1  # "24/24", "24/7", "round the clock": a time that is every hour
_DAY = 24 * 60

# 24-hour times as Vietnamese news writes them: 17:30, 17h30, 17h, 05:00.
_VI_TIME = re.compile(r"(?<![\d.,:/])([01]?\d|2[0-4])(?::([0-5]\d)|h([0-5]\d)?)(?![\d/:]|\w)")
_VI_ALWAYS = re.compile(r"(?<![\d/])24/(?:24|7)(?![\d/])")
_EN_TIME = re.compile(
    r"(?<![\d.,:/])(1[0-2]|0?\d)(?:[:.]([0-5]\d))?\s*(a\.?m\.?|p\.?m\.?)(?!\w)"  # 5 a.m., 5.30pm
    r"|(?<![\d.,:/])([01]?\d|2[0-4]):([0-5]\d)(?![\d:])"  # 17:30, 5:30
    r"|(?<![\d.,:/])(1[0-2]|0?\d)\s*o['’]clock"  # 5 o'clock
    r"|(?<![\d.,:/])([01]\d|2[0-4])\.?([0-5]\d)\s*(?:GMT|UTC|hours|hrs|h|local|(?-i:[A-Z]{1,3}T))\b"  # 1020 BST
    r"|\b(noon|midday|midnight)\b"
    r"|(?<![\d.,:/$€£¥])([01]\d|2[0-3])\.([0-5]\d)(?![\d%]|[.,]\d)", re.IGNORECASE)  # 16.50, 07.00: a 24-hour time
# The same wire times (the fourth and last forms above) on their own, for their hour and
# minute as numbers: "1230 UTC", "0730 EST", "10.30 local time", "06.30".
_WIRE_TIME = re.compile(r"(?<![\d.,:/])([01]\d|2[0-3])\.?([0-5]\d)(?=\s*(?:GMT|UTC|hours|hrs|h\b|local|[A-Z]{1,3}T\b))"
                        r"|(?<![\d.,:/$€£¥])([01]\d|2[0-3])\.([0-5]\d)(?![\d%]|[.,]\d)")
# The first hour of a range whose second says the half of the day for both: "between 6 and
# 9 a.m.", "6-9 p.m.". Either half is allowed ("from 11 to 2 p.m.").
_EN_RANGE_START = re.compile(r"(?<![\d.,:/])(1[0-2]|0?\d)(?:[:.]([0-5]\d))?\s*(?:-|–|to|and|until|till)\s*"
                             r"(?=(?:1[0-2]|0?\d)(?:[:.][0-5]\d)?\s*[ap]\.?m\.?(?!\w))", re.IGNORECASE)
_EN_ALWAYS = re.compile(r"24/7|24-7|24 hours a day|(?:a)?round[- ]the[- ]clock|day and night|non-?stop",
                        re.IGNORECASE)
# A time in GMT or UTC, which a Vietnamese paper gives in Hanoi time (UTC+7): "0930 GMT" is
# "16h30 giờ Hà Nội".
_UNIVERSAL = re.compile(r"\s*\(?(?:GMT|UTC)\b")
_HANOI_OFFSET = 7 * 60
_FINAL_STOP = re.compile(r"[.!?…\"”]\s*$")

Span = tuple[int, int, frozenset[int]]


def time_spans(vi: str) -> list[tuple[int, int, str, frozenset[int]]]:
    """(start, end, as written, minutes after midnight it may mean) of each time of `vi`;
    an hour of 12 or less may be either half of the day."""
    found = [(m.start(), m.end(), m.group(), frozenset({ALWAYS})) for m in _VI_ALWAYS.finditer(vi)]
    for m in _VI_TIME.finditer(vi):
        if any(s <= m.start() < e for s, e, _, _ in found):
            continue
        hour, minute = int(m.group(1)), int(m.group(2) or m.group(3) or 0)
        values = {(hour * 60 + minute) % _DAY}
        if hour <= 12:
            values.add(((hour + 12) * 60 + minute) % _DAY)
        found.append((m.start(), m.end(), m.group(), frozenset(values)))
    return sorted(found)


def english_times(en: str) -> list[Span]:
    """(start, end, minutes after midnight it may mean) of each time the English states."""
    found: list[Span] = [(m.start(), m.end(), frozenset({ALWAYS})) for m in _EN_ALWAYS.finditer(en)]
    for m in _EN_RANGE_START.finditer(en):
        hour, minute = int(m.group(1)) % 12, int(m.group(2) or 0)
        end = m.end(2) if m.group(2) else m.end(1)
        found.append((m.start(), end, frozenset({hour * 60 + minute, (hour + 12) * 60 + minute})))
    for m in _EN_TIME.finditer(en):
        g = m.groups()
        if g[0] is not None:  # 12-hour with its half of the day
            hour = int(g[0]) % 12 + (12 if g[2].lower().startswith("p") else 0)
            values = {hour * 60 + int(g[1] or 0)}
        elif g[3] is not None or g[5] is not None:  # hh:mm, or an hour said o'clock: either half
            hour, minute = (int(g[3]), int(g[4])) if g[3] is not None else (int(g[5]), 0)
            values = {(hour * 60 + minute) % _DAY, ((hour + 12) * 60 + minute) % _DAY}
        elif g[6] is not None:
            values = {(int(g[6]) * 60 + int(g[7])) % _DAY}
        elif g[9] is not None:
            values = {int(g[9]) * 60 + int(g[10])}
        else:
            values = {0} if g[8].lower() == "midnight" else {12 * 60}
        if _UNIVERSAL.search(m.group()) or _UNIVERSAL.match(en, m.end()):
            values |= {(v + _HANOI_OFFSET) % _DAY for v in values}  # a wire's GMT, the paper's Hanoi time
        found.append((m.start(), m.end(), frozenset(values)))
    return found


def times(vi: str, en: str, unsaid: list[tuple[int, int]] | None = None) -> list[Flag]:
    """A flag for each time of the source that the English doesn't state, but those in the
    `unsaid` spans ("(13h40 giờ Hà Nội)" after the local time)."""
    spans = [t for t in time_spans(vi) if not any(s <= t[0] < e for s, e in unsaid or ())]
    if not spans:
        return []
    stated = english_times(en)
    if not stated and not _FINAL_STOP.search(en):
        return []  # a headline that leaves the time out
    said = frozenset().union(*(values for _, _, values in stated))
    return [Flag("number", f"{token} missing") for _, _, token, values in spans if not values & said]


def wire_times(en: str) -> list[tuple[tuple[int, int], float, float]]:
    """(span, hour, minute) of each 24-hour time the English writes as wire copy does
    ("1230 UTC", "06.30"): the two numbers a source may say it by ("12 giờ 30 phút")."""
    return [(m.span(), float(m.group(1) or m.group(3)), float(m.group(2) or m.group(4)))
            for m in _WIRE_TIME.finditer(en)]


def matched_english_times(vi: str, en: str) -> list[tuple[int, int]]:
    """The spans of the English times that one of the source's times accounts for: their
    digits need no other source ("5" of "5 p.m." for "17:00")."""
    wanted = frozenset().union(*(values for _, _, _, values in time_spans(vi)))
    return [(start, end) for start, end, values in english_times(en) if values & wanted]
