"""Write digest/data/countries.tsv: every country and region CLDR names, in Vietnamese and English.

    python tools/make_countries.py            # needs babel (pip install babel); not a run-time dependency
    python tools/make_countries.py --check    # exit 1 if the file is not what this babel makes

CLDR (Unicode's Common Locale Data Repository, Unicode license) has each territory's name
in every language it covers; babel ships it. digest reads the file this writes, so a run
needs neither babel nor its 30 MB of locale data. A CLDR name with a parenthesis gives two
forms ("Myanmar (Miến Điện)": "Myanmar" and "Miến Điện"); one with a comma ("Đặc khu Hành
chính Hồng Kông, Trung Quốc") is left out: no text names a place that way.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from generated import write_or_check

# Codes that name no place a text says: unknown, the world, unions, pseudo-locales.
_NOT_PLACES = frozenset({"ZZ", "001", "EU", "EZ", "UN", "QO", "XA", "XB"})
OUT = Path(__file__).resolve().parent.parent / "digest" / "data" / "countries.tsv"


def forms(name: str) -> list[str]:
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    return [m.group(1), m.group(2)] if m else [name]


def table() -> str:
    import babel
    from babel import Locale

    vi, en = Locale("vi").territories, Locale("en").territories
    lines = [f"# CLDR territory names as babel {babel.__version__} ships them (Unicode license),",
             "# written by tools/make_countries.py: don't edit; hand-written forms are in places.toml.",
             "# code<TAB>Vietnamese forms (|)<TAB>English forms (|)"]
    for code in sorted(vi):
        if code not in en or "," in vi[code] or "," in en[code] or code in _NOT_PLACES:
            continue
        lines.append(f"{code}\t{'|'.join(forms(vi[code]))}\t{'|'.join(forms(en[code]))}")
    return "\n".join(lines) + "\n"


def main() -> int:
    return write_or_check(__doc__, OUT, table)


if __name__ == "__main__":
    sys.exit(main())
