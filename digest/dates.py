"""Vietnamese dates as news pages write them.

Full dates ("Thứ sáu, 13/11/2020 09:53 AM", "ngày 21 tháng 9 năm 2022", "19.12.2012"),
partial ones ("Ngày 17/4," at the head of the lede: no year, so none is invented) and
relative weekdays ("hôm thứ Tư") that can pin down which full date the article means.
"""
from __future__ import annotations

import datetime as dt
import re

from digest.vietnamese import DATELINE_MAX_CHARS

WEEKDAYS = {"hai": 0, "ba": 1, "tư": 2, "năm": 3, "sáu": 4, "bảy": 5, "chủ nhật": 6}
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|cn)"
# "10:35", "10h35", "10:35:20", "10:35 AM", "10:35 SA" (sáng) / "CH" (chiều).
_TIME = (
    r"(?P<hour>\d{1,2})\s*(?::|h|g)\s*(?P<minute>\d{2})(?::\d{2})?"
    r"(?:\s*(?P<ampm>am|pm|sáng|chiều|tối|sa|ch)\b)?"
)
_NUMERIC_DATE = r"(?P<day>\d{1,2})\s*[/.\-]\s*(?P<month>\d{1,2})\s*[/.\-]\s*(?P<year>\d{4}|\d{2})\b"
# An ISO date as a CMS prints it: "2024-05-03 10:35".
ISO_DATE = re.compile(r"(?<![\d/.\-])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?![\d/.\-])")
_WORDED_DATE = r"ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s*(?:năm|,)\s*(?P<year>\d{4})"

NUMERIC_DATE = re.compile(r"(?<![\d/.\-])" + _NUMERIC_DATE, re.I)
WORDED_DATE = re.compile(_WORDED_DATE, re.I)
TIME = re.compile(r"(?<!\d)" + _TIME + r"(?!\d)", re.I)

# A dateline is a short line made of a weekday, a date, a time and widget words around them.
_DATELINE_NOISE = re.compile(
    r"(cập nhật|đăng|ngày|lúc|xuất bản|thời gian|gmt\s*[+\-]\s*\d+(?::\d{2})?|utc|\(?gmt\+?7\)?"
    r"|\d+\s+(?:trả lời|bình luận|comments?)|"
    r"am|pm|sáng|chiều|tối|[,|:\-–—()]|" + _WEEKDAY + r")",
    re.I,
)

# The lede of a Vietnamese news story opens with the day it happened: "Ngày 17/4, …",
# "Sáng 20/9, …", "Chiều 5-12, …". Without a year this is a partial date.
_LEDE_DATE = re.compile(
    r"^(?:\(?[^()]{0,30}\)\s*[-–—]?\s*)?"  # an agency marker such as "(Dân trí) -"
    r"(?:ngày|sáng|trưa|chiều|tối|đêm|rạng sáng|sáng sớm|hôm nay|trưa nay|chiều nay|tối nay|sáng nay)"
    r"(?:\s+(?:nay|qua|mai))?\s*(?:\(|,)?\s*(?P<day>\d{1,2})\s*[/.\-]\s*(?P<month>\d{1,2})"
    r"(?:\s*[/.\-]\s*(?P<year>\d{4}))?(?![\d/])",
    re.I,
)
_RELATIVE_WEEKDAY = re.compile(r"\b(?:hôm|vào|ngày)\s+(thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)\b", re.I)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def valid_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when there is no such day."""
    return _valid(year, month, day)


def _hour24(hour: int, ampm: str | None) -> int:
    ampm = (ampm or "").lower()
    if ampm in ("pm", "chiều", "tối", "ch") and hour < 12:
        return hour + 12
    if ampm == "am" and hour == 12:
        return 0
    return hour


def parse_dateline(line: str) -> str | None:
    """'Thứ sáu, 13/11/2020 09:53 AM - 0 Trả lời' -> '2020-11-13T09:53'; None unless the
    line is essentially a date stamp (a sentence that mentions a date is not a dateline)."""
    match = NUMERIC_DATE.search(line) or WORDED_DATE.search(line) or ISO_DATE.search(line)
    if not match or len(line) > DATELINE_MAX_CHARS:
        return None
    day = _valid(_year(match["year"]), int(match["month"]), int(match["day"]))
    if day is None:
        return None
    rest = line[: match.start()] + " " + line[match.end():]
    time = TIME.search(rest)
    if time:
        rest = rest[: time.start()] + " " + rest[time.end():]
    if _DATELINE_NOISE.sub(" ", rest).split():
        return None
    if time:
        hour, minute = _hour24(int(time["hour"]), time["ampm"]), int(time["minute"])
        if hour < 24 and minute < 60:
            return f"{day.isoformat()}T{hour:02d}:{minute:02d}"
    return day.isoformat()


def lede_date(paragraph: str) -> tuple[str | None, str | None]:
    """The date a lede opens with: (full ISO date, None) when it states the year,
    (None, '--MM-DD') when it does not, (None, None) when it opens with no date."""
    match = _LEDE_DATE.match(paragraph.strip())
    if not match:
        return None, None
    month, day = int(match["month"]), int(match["day"])
    if match["year"]:
        full = _valid(int(match["year"]), month, day)
        return (full.isoformat() if full else None), None
    if _valid(2000, month, day) is None:  # 2000 is a leap year, so 29/2 passes
        return None, None
    return None, f"--{month:02d}-{day:02d}"


def full_dates(text: str) -> list[dt.date]:
    """Every full date (day, month and year) written in the text, in order."""
    found = []
    for pattern in (WORDED_DATE, NUMERIC_DATE):
        for match in pattern.finditer(text):
            if pattern is NUMERIC_DATE and len(match["year"]) == 2:
                continue  # "1/5/13" inside prose is too ambiguous to date an article
            day = _valid(_year(match["year"]), int(match["month"]), int(match["day"]))
            if day:
                found.append((match.start(), day))
    return [day for _, day in sorted(found)]


def relative_weekday(text: str) -> int | None:
    """The weekday a lede refers to ('hôm thứ Tư' -> 2, Monday being 0), if any."""
    match = _RELATIVE_WEEKDAY.search(text)
    if not match:
        return None
    name = " ".join(match.group(1).lower().split())
    return WEEKDAYS[name.removeprefix("thứ ").strip()]


def date_by_weekday(lede: str, text: str) -> str | None:
    """Resolve a relative weekday in the lede against the full dates the article states:
    'hôm thứ Tư' plus a caption's 'ngày 21 tháng 9 năm 2022' (a Wednesday) dates the
    article; several different matching dates, or none, leave it undated."""
    weekday = relative_weekday(lede)
    if weekday is None:
        return None
    matching = {day for day in full_dates(text) if day.weekday() == weekday}
    return matching.pop().isoformat() if len(matching) == 1 else None


# A date and time as page metadata states it: "2021-11-04T17:12:00+07:00", "2024-05-03 10:35".
_ISO_STAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7))


def parse_published(value: str | None) -> str | None:
    """A page's publication stamp (og/article meta, <time datetime>, itemprop) ->
    '2021-11-04T17:12' from '2021-11-04T17:12:00+07:00'. Times are Vietnam time (GMT+7), as
    the pages print them: a time stated in another zone is converted. A value in the
    page's own style ('04/11/2021 17:12') is read like a dateline."""
    value = (value or "").strip()
    match = _ISO_STAMP.match(value)
    if not match:
        return parse_dateline(value) if value and len(value) <= DATELINE_MAX_CHARS else None
    if _valid(int(match[1]), int(match[2]), int(match[3])) is None:
        return None
    if not match[4] or int(match[4]) > 23 or int(match[5]) > 59:
        return f"{match[1]}-{match[2]}-{match[3]}"
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        stamp = None
    if stamp is not None and stamp.tzinfo is not None:
        try:
            local = stamp.astimezone(VIETNAM_TIME)
        except (OverflowError, ValueError):  # "0001-01-01T00:00+14:00" falls off the calendar
            return None
        return f"{local.year:04d}-{local.month:02d}-{local.day:02d}T{local.hour:02d}:{local.minute:02d}"
    return f"{match[1]}-{match[2]}-{match[3]}T{match[4]}:{match[5]}"
