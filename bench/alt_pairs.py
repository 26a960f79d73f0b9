"""Turn the Asian Language Treebank's English and Vietnamese (Wikinews news sentences,
English original, Vietnamese by professional translators; CC BY 4.0) into plain pairs that
bench/qa_eval.py reads, split in two halves: dev (the half rules may be read and tuned on)
and held (never read).

    python bench/alt_pairs.py EN_FILE VI_FILE OUT_DIR
    python bench/qa_eval.py --data OUT_DIR/held --part all

EN_FILE and VI_FILE are line-parallel: ALT's data_en.txt and data_vi.txt ("SNT.<doc>.<n>",
a tab, the sentence; joined by id), or a copy with the ids cut, tokenized Moses-style and
truecased as WAT systems use it (the copy measured in docs/quality.md is
nguyenlab/longtrieu-mt's pivot-languages/corpus/alt/data_alt.true.{en,vi}, 20,084 pairs):
tokens are joined back ("7 : 00" -> "7:00", "-LRB-" -> "("), split accents put back on
their letters, and the first letter capitalized. The halves are alternate blocks of 100
sentences, so a story mostly stays in one. The data stay outside this repository.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

from sacremoses import MosesDetokenizer

_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_BLOCK = 100


def plain(line: str, lang: str, detokenizer: MosesDetokenizer) -> str:
    """One tokenized, truecased sentence as written."""
    line = re.sub(r"\s+([\u0300-\u036f])", r"\1", unicodedata.normalize("NFD", line.strip()))  # "ngươ ̀ i"
    line = re.sub(r"(\d) ([:.,]) (\d)", r"\1\2\3", unicodedata.normalize("NFC", line))  # "7 : 00", "5 .5"
    line = line.replace("``", '"').replace("' '", '"').replace("''", '"')
    out = detokenizer.detokenize([_BRACKETS.get(t, t) for t in line.split()])
    out = re.sub(r"\$ (\d)", r"$\1", out)
    out = re.sub(r"(\w)- (?=\w)", r"\1-", out)  # "Niu- Di": a hyphen, split off
    if lang == "en":  # ALT's English writes a dash "--": " - " was a hyphen ("al - Qaeda")
        out = re.sub(r"(\w) - (?=\w)", r"\1-", out)
        out = re.sub(r"(\w) ' (\w)", r"\1'\2", out)  # "Britain ' s"
        out = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", out)
    else:  # Vietnamese " - " is a dash or a hyphen; after a capitalized word, before a lower-case
        # one, a hyphen ("Scốt - len", "Gi-bu - ti"): "Việt Nam - Lào" stays
        out = re.sub(r"(?<![\w-])([^\W\d_]\w*(?:-\w+)*) - (?=(\w))",
                     lambda m: m.group(1) + "-" if m.group(1)[0].isupper() and m.group(2).islower() else m.group(0),
                     out)
    out = re.sub(r"\s+", " ", out).strip()
    quote = 1 if out.startswith('"') else 0
    if len(out) > quote and out[quote].islower():
        out = out[:quote] + out[quote].upper() + out[quote + 1:]
    return unicodedata.normalize("NFC", out)


def read(path: Path) -> list[tuple[str, str]]:
    """(id, sentence) for each line; the line's number where it has no "SNT." id."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        key, tab, text = line.partition("\t")
        rows.append((key, text) if tab and key.startswith("SNT.") else (str(number), line))
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.splitlines()[0], "\nusage: alt_pairs.py EN_FILE VI_FILE OUT_DIR", file=sys.stderr)
        return 2
    en_file, vi_file, out = Path(argv[0]), Path(argv[1]), Path(argv[2])
    vi_by_id = dict(read(vi_file))
    tokenized = not any(key.startswith("SNT.") for key in vi_by_id)
    en_detok, vi_detok = MosesDetokenizer("en"), MosesDetokenizer("vi")
    halves: dict[str, tuple[list[str], list[str]]] = {"dev": ([], []), "held": ([], [])}
    for index, (key, en) in enumerate(read(en_file)):
        vi = vi_by_id.get(key)
        if not vi or not en.strip():
            continue
        if tokenized:
            en, vi = plain(en, "en", en_detok), plain(vi, "vi", vi_detok)
        english, vietnamese = halves["dev" if (index // _BLOCK) % 2 == 0 else "held"]
        english.append(" ".join(en.split()))
        vietnamese.append(unicodedata.normalize("NFC", " ".join(vi.split())))
    for name, (english, vietnamese) in halves.items():
        (out / name).mkdir(parents=True, exist_ok=True)
        (out / name / "alt.en").write_text("\n".join(english) + "\n", encoding="utf-8")
        (out / name / "alt.vi").write_text("\n".join(vietnamese) + "\n", encoding="utf-8")
        print(f"{out / name}: {len(english)} pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
