"""Write digest/data/english_words.txt: the common English words, from Webster's Second.

    python tools/make_english_words.py            # needs english-words and babel (pip install english-words babel)
    python tools/make_english_words.py --check    # exit 1 if the file is not what that package makes

Webster's Second New International Dictionary (1934; its word list, `web2`, is in the
public domain) has each common word in lower case and each proper noun capitalized. The
file keeps the lower-case words that are not also a capitalized entry ("bear", "harbor",
"district"; not "peter" or "boston", which are Peter and Boston too), less what names
one place that CLDR names in English, countries and the cities of time zones: a one-word
name ("chad", "jordan", "nice") or a word of fewer than three longer names ("york" of New
York, "hong" of Hong Kong). A capitalized English word among them is a common noun or
adjective, which a translated name ("Golden Bear", "Quiet Harbor", "the Northern
Territory") or a name's head word ("District 12") is made of, and no place by itself.
The words that several places' names share ("new", "united", "territory", "island") stay.
The english-words package
(MIT) ships the list and babel (CLDR, Unicode license) the places; digest reads the file
this writes, so a run needs neither.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from generated import write_or_check

_SHARED = 3  # names a word must be in to be no one place's: "Hong Kong" is a country's and a city's name
OUT = Path(__file__).resolve().parent.parent / "digest" / "data" / "english_words.txt"


def place_words() -> set[str]:
    """The words, lower-cased, that name one place in CLDR's English names of countries and
    time zone cities: a one-word name, or a word of fewer than _SHARED longer names."""
    import zoneinfo

    from babel import Locale
    from babel.dates import get_timezone_location

    names = set(Locale("en").territories.values())
    names |= {get_timezone_location(zone, locale="en", return_city=True)
              for zone in zoneinfo.available_timezones() if "/" in zone and not zone.startswith("Etc/")}
    names_of = Counter(word.lower() for name in names for word in set(re.findall(r"[^\W\d_]+", name)))
    return {word.lower() for name in names for word in re.findall(r"[^\W\d_]+", name)
            if re.fullmatch(r"[^\W\d_]+", name) or names_of[word.lower()] < _SHARED}


def table() -> str:
    from importlib.metadata import version

    import babel
    from english_words import get_english_words_set

    web2 = get_english_words_set(["web2"], lower=False, alpha=True)
    capitalized = {w for w in web2 if w[:1].isupper()}
    places = place_words()
    common = sorted(w for w in web2 if w.islower() and w.capitalize() not in capitalized and w not in places)
    header = ["# The lower-case words of Webster's Second (web2, public domain) that are no proper noun there",
              "# nor a word that names one country or time zone city in CLDR's English, as english-words",
              f"# {version('english-words')} and babel {babel.__version__} ship them;",
              "# written by tools/make_english_words.py: don't edit."]
    return "\n".join(header + common) + "\n"


def main() -> int:
    return write_or_check(__doc__, OUT, table)


if __name__ == "__main__":
    sys.exit(main())
