"""Write digest/data/english_name_words.txt: the common English words that are also common names.

    python tools/make_name_words.py            # needs names (pip install names)
    python tools/make_name_words.py --check    # exit 1 if the file is not what that package makes

A capitalized common word of the English ("the Church", "Republican", "the Opposition")
translates the source's words, so the name flag never asks the source for it (digest.qa.names).
Some common words are people's names too ("Smith", "Rose", "Church"): one of those put
into the English out of nowhere is as likely a person, and stays a name. The file is the
words of english_words.txt that the US Census Bureau's 1990 name lists (public domain,
shipped by the names package, MIT) have as a first name (all of them) or among the 1,000
most frequent surnames.
"""
from __future__ import annotations

from pathlib import Path

from generated import write_or_check

OUT = Path(__file__).resolve().parent.parent / "digest" / "data" / "english_name_words.txt"
SURNAMES = 1000  # the most frequent surnames: about half of the population in 1990


def census(file: str) -> list[str]:
    """The names of one census list, most frequent first, lower-cased."""
    from importlib.resources import files

    text = files("names").joinpath(file).read_text(encoding="utf-8")
    return [line.split()[0].lower() for line in text.splitlines() if line.strip()]


def table() -> str:
    from importlib.metadata import version

    from digest import vocabulary

    common = vocabulary.lines("english_words")
    names = set(census("dist.male.first")) | set(census("dist.female.first")) | set(census("dist.all.last")[:SURNAMES])
    header = ["# The words of english_words.txt that are a first name, or one of the 1,000 most frequent",
              "# surnames, in the US Census Bureau's 1990 name lists (source: public domain), as the names",
              f"# package {version('names')} ships them; written by tools/make_name_words.py: don't edit."]
    return "\n".join(header + sorted(common & names)) + "\n"


def main() -> int:
    return write_or_check(__doc__, OUT, table)


if __name__ == "__main__":
    raise SystemExit(main())
