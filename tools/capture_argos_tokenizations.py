#!/usr/bin/env python3
"""Record what argostranslate's own Moses + BPE tokenizer makes of Vietnamese text, so
that digest's re-implementation (digest.translate.tokenizers.MosesBPETokenizer) can be
tested against it without argostranslate, which pulls stanza and torch.

    pip install --no-deps argostranslate            # its tokenizer needs only sacremoses
    python tools/capture_argos_tokenizations.py --learn-codes   # rewrite the codes too
    python tools/capture_argos_tokenizations.py     # the JSON only, from the kept codes

Writes, under tests/fixtures/:

  bpe-vi_en-test.codes             400 BPE merges learned with subword-nmt's learn_bpe
                                   on Moses-tokenized text: the Tatoeba pairs (both
                                   sides, like a joint OPUS-MT vocabulary) and the seeds
  argos-bpe-tokenizations.json     for each input, argostranslate.tokenizer.BPETokenizer
                                   (vi→en) encode and decode results, with the versions
                                   of argostranslate, sacremoses and subword-nmt used

Inputs: every seed sentence (digest's own splitter), every 10th Tatoeba sentence, and
hand-written cases of punctuation, numbers, quotes, markup characters, decomposed
diacritics and odd spacing. Decode cases: the English Tatoeba sentences as pieces, and
hand-written piece lists.

Data attribution: Tatoeba (https://tatoeba.org), CC BY 2.0 FR, as distributed in the
LASER Tatoeba test set (vie-eng), read from ../shared/data/vi-en/tatoeba-laser.
"""
from __future__ import annotations

import argparse
import importlib.metadata
import io
import json
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
CODES = FIXTURES / "bpe-vi_en-test.codes"
CAPTURE = FIXTURES / "argos-bpe-tokenizations.json"
TATOEBA = REPO.parent / "shared" / "data" / "vi-en" / "tatoeba-laser"
MERGES = 400

sys.path.insert(0, str(REPO))

TRICKY = [
    "",
    "   ",
    "Xin chào.",
    "  Hai  khoảng   trắng\tvà tab.  ",
    "Ông Nguyễn Văn A nói: “Chúng tôi sẽ làm hết sức mình”.",
    'Anh ấy hỏi: "Bao giờ xong?" rồi đi.',
    "Cô ấy nói 'không' – rồi cười…",
    "Giá vàng tăng 1.250.000 đồng/lượng, tức 3,5% so với hôm qua.",
    "Ngày 30/4/1975, lúc 11h30; ngày 17/4 (thứ Tư).",
    "TP.HCM và TP. Hà Nội đón 12,5 triệu lượt khách.",
    "Đội U23 Việt Nam thắng 2-1; tỷ số 3:0 ở hiệp 1.",
    "Covid-19, SARS-CoV-2 và H5N1 là các virus.",
    "Doanh thu đạt 5 tỷ USD ($5 billion) – tăng 20 %.",
    "Nhiệt độ 35°C, diện tích 120 km², tốc độ 60 km/h.",
    "Liên hệ: info@vnexpress.net hoặc https://vnexpress.net/tin-tuc?id=1&page=2.",
    "A & B < C > D | E [F] {G}",
    "Dấu gạch: a - b — c – d; a--b.",
    "Nhiều dấu chấm... và !!! rồi ???",
    "Ngoặc (đơn), [vuông] và «kép».",
    "Trích dẫn ‘đơn’ và „dưới”.",
    "Số điện thoại 0912 345 678, hotline 1900-1234.",
    "@@ không phải là dấu BPE @@ ở đây.",
    "Từ-nối-dài như Bà Rịa-Vũng Tàu.",
    "Tiếng Việt có dấu: ă â đ ê ô ơ ư; ÀÁẢÃẠ ẰẮẲẴẶ ẦẤẨẪẬ.",
    unicodedata.normalize("NFD", "Hàn Quốc và Nhật Bản đã nhất trí tăng cường hợp tác."),
    "Khoảng trắng không ngắt\u00a0ở giữa và\u200bzero-width.",
    "Emoji 😀 và ký hiệu ™ © ®.",
    "Chữ HOA TOÀN BỘ VÀ chữ thường.",
    "'Trích dẫn ở đầu câu' và cuối câu'",
    "Phân số 1/2, 3½ và 10^6.",
    "Tổng thống Mỹ Joe Biden (trái) và Thủ tướng Nhật Bản Fumio Kishida.",
    "\"Ngoặc kép thẳng\" ở đầu và ở cuối \"",
]

DECODE = [
    [],
    ["Hello", ",", "world", "!"],
    ["The", "Prime", "Min@@", "ister", "&apos;s", "vis@@", "it", "."],
    ["He", "said", "&quot;", "yes", "&quot;", "and", "left", "."],
    ["A", "&amp;", "B", "&lt;", "C", "&gt;", "D", "&#124;", "E", "&#91;", "F", "&#93;"],
    ["It", "costs", "$", "5", "(", "about", "20", "%", ")", "."],
    ["U.S.", "and", "Japan", "-", "Korea", "ties", "..."],
    ["don", "&apos;t", "stop", "@-@", "now", "."],
    ["trailing", "sepa@@"],
    ["“", "Quoted", "”", "text", "–", "en", "dash", "."],
    ["Hà@@", "n", "Quốc", "&apos;", "s", "Seoul", ","],
    ["50", ",", "000", "people", ";", "3.5", "%", "up", "?"],
]


def seed_sentences() -> list[str]:
    from digest.sentences import split_sentences

    out: list[str] = []
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").splitlines():
            out.extend(s for s in split_sentences(line.strip()) if s.strip())
    return list(dict.fromkeys(out))


def tatoeba(side: str) -> list[str]:
    return (TATOEBA / f"tatoeba.vie-eng.{side}").read_text(encoding="utf-8").splitlines()


def learn_codes() -> None:
    """Moses-tokenize the training text as the tokenizer will, then learn the merges."""
    from sacremoses import MosesPunctNormalizer, MosesTokenizer
    from subword_nmt.learn_bpe import learn_bpe

    lines = []
    for lang, texts in (("vi", tatoeba("vie") + seed_sentences()), ("en", tatoeba("eng"))):
        normalizer, tokenizer = MosesPunctNormalizer(lang), MosesTokenizer(lang)
        lines += [" ".join(tokenizer.tokenize(normalizer.normalize(t))) for t in texts]
    out = io.StringIO()
    learn_bpe(io.StringIO("\n".join(lines) + "\n"), out, MERGES, min_frequency=2)
    CODES.write_text(out.getvalue(), encoding="utf-8")
    print(f"wrote {CODES.relative_to(REPO)} ({len(out.getvalue().splitlines()) - 1} merges)")


def capture() -> None:
    from argostranslate.tokenizer import BPETokenizer

    vi_en = BPETokenizer(CODES, "vi", "en")
    en = BPETokenizer(CODES, "en", "en")  # English pieces, as the model would emit them
    texts = list(dict.fromkeys(TRICKY + seed_sentences() + tatoeba("vie")[::10]))
    encode = []
    for text in texts:
        pieces = vi_en.encode(text)
        encode.append({"text": text, "pieces": pieces, "decoded": vi_en.decode(pieces)})
    decode = [{"pieces": p, "text": vi_en.decode(p)} for p in DECODE]
    decode += [{"pieces": (p := en.encode(t)), "text": vi_en.decode(p)} for t in tatoeba("eng")[::10]]
    versions = {n: importlib.metadata.version(n) for n in ("argostranslate", "sacremoses", "subword-nmt")}
    data = {
        "about": "argostranslate.tokenizer.BPETokenizer(codes, 'vi', 'en') over tests/fixtures/"
                 f"{CODES.name}, captured by tools/{Path(__file__).name}",
        "versions": versions,
        "codes": CODES.name,
        "encode": encode,
        "decode": decode,
    }
    # One case per line: small diffs when a case is added.
    body = ",\n".join(json.dumps(c, ensure_ascii=False) for c in encode)
    body_decode = ",\n".join(json.dumps(c, ensure_ascii=False) for c in decode)
    head = {k: v for k, v in data.items() if k not in ("encode", "decode")}
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    text += f',\n "encode": [\n{body}\n],\n "decode": [\n{body_decode}\n]\n}}\n'
    assert json.loads(text) == data
    CAPTURE.write_text(text, encoding="utf-8")
    print(f"wrote {CAPTURE.relative_to(REPO)}: {len(encode)} encode and {len(decode)} decode cases, {versions}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learn-codes", action="store_true", help=f"learn {CODES.name} again first")
    args = parser.parse_args()
    if args.learn_codes:
        learn_codes()
    capture()
    return 0


if __name__ == "__main__":
    sys.exit(main())
