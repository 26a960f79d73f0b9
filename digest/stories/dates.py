"""Dates of a story's articles: the gap between two articles, and oldest-first order by
date and time of day."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from digest.model import Digest

DayKey = tuple[str, int]  # ("full", ordinal) or ("partial", day of a leap year)


def day_key(digest: Digest) -> DayKey | None:
    article = digest.article
    if article.date:
        return ("full", dt.date.fromisoformat(article.date[:10]).toordinal())
    if article.partial_date:
        month, day = int(article.partial_date[2:4]), int(article.partial_date[5:7])
        return ("partial", dt.date(2000, month, day).timetuple().tm_yday)
    return None


def gap(a: DayKey | None, b: DayKey | None) -> float | None:
    """Days between two articles; a partial date is compared by day of the year (the
    nearer way round the year end); None when either is undated."""
    if a is None or b is None:
        return None
    if a[0] == b[0] == "full":
        return float(abs(a[1] - b[1]))
    first, second = (_day_of_year(key) for key in (a, b))
    apart = abs(first - second)
    return float(min(apart, 366 - apart))


def _day_of_year(key: DayKey) -> int:
    """Day of a leap year (2000), so 29/2 has its place."""
    if key[0] == "partial":
        return key[1]
    day = dt.date.fromordinal(key[1])
    return dt.date(2000, day.month, day.day).timetuple().tm_yday


def sort_key(digest: Digest, year: int) -> tuple[int, int, int]:
    """Oldest first by date, then time of day ("2024-09-10T07:30" before "…T18:05"; a date
    without a time comes first in its day); a partial date is placed in `year`, the story's
    year, for ordering only; undated last."""
    article = digest.article
    if article.date:
        time = article.date[11:16]
        minutes = int(time[:2]) * 60 + int(time[3:5]) if len(time) == 5 and time[2] == ":" else -1
        return (0, dt.date.fromisoformat(article.date[:10]).toordinal(), minutes)
    if article.partial_date:
        month, day = int(article.partial_date[2:4]), int(article.partial_date[5:7])
        try:
            return (0, dt.date(year, month, day).toordinal(), -1)
        except ValueError:  # 29/2 in a year without it
            return (0, dt.date(year, month, 28).toordinal(), -1)
    return (1, 0, 0)


def story_year(digests: Iterable[Digest], run_date: str) -> int:
    years = [int(d.article.date[:4]) for d in digests if d.article.date]
    if years:
        return max(years)
    return int(run_date[:4]) if run_date[:4].isdigit() else dt.date.today().year
