"""Write digest/data/vietnamese_words.txt: the common Vietnamese words of two syllables or more.

    python tools/make_vietnamese_words.py            # needs pyvi's word list (pip install --no-deps pyvi)
    python tools/make_vietnamese_words.py --check    # exit 1 if the file is not what that package makes

Vietnamese capitalizes each syllable of a name, and some writers every syllable of a
common word made a name: "đảng Cộng Hòa" (the Republicans), "Hạ Viện" (the House), "tín
đồ Hồi Giáo" (Muslims). English translates those words, so the name flag does not look for
their syllables in the English (digest.qa.names). The file is the lower-case entries of
two syllables or more of the word list that pyvi (MIT, © 2016 Viet-Trung Tran) ships for
its word segmenter; entries with a capital (names, acronyms) are left out.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

from generated import write_or_check

OUT = Path(__file__).resolve().parent.parent / "digest" / "data" / "vietnamese_words.txt"


def table() -> str:
    from importlib.metadata import version
    from importlib.resources import files

    text = files("pyvi").joinpath("models", "words.txt").read_text(encoding="utf-8")
    words = {unicodedata.normalize("NFC", " ".join(line.split())) for line in text.splitlines()}
    common = sorted(w for w in words if " " in w and w == w.lower() and all(ch.isalpha() or ch == " " for ch in w))
    header = ["# The lower-case words of two syllables or more of the word list that pyvi",
              f"# {version('pyvi')} ships (source: pyvi/models/words.txt; MIT, (c) 2016 Viet-Trung Tran);",
              "# written by tools/make_vietnamese_words.py: don't edit."]
    return "\n".join(header + common) + "\n"


def main() -> int:
    return write_or_check(__doc__, OUT, table)


if __name__ == "__main__":
    raise SystemExit(main())
