"""Which encoding a page is really in: decided by what reads as Vietnamese, not by its label.

Servers and pages often name the wrong charset (koi8-r, mac-roman, cp437 or latin-1 on a
UTF-8 page; utf-16 on a page with no UTF-16 in it), so a label is only a first guess:

- bytes that are valid UTF-8 are UTF-8, whatever the label says (text in a legacy code
  page is valid UTF-8 only by accident, and never for a whole Vietnamese page);
- bytes that are UTF-8 but for a few bad ones are UTF-8 with those bytes replaced;
- otherwise each candidate decoding (the labels, UTF-16 when the bytes have its shape,
  windows-1258, windows-1252) is scored by how many of its words with diacritics are
  Vietnamese syllables, and the best is taken; when none reads as Vietnamese, the label
  stands.

The rules here only look at bytes and text; digest.sources decides and says what it did.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

# A few bad bytes in a UTF-8 page are damage (a cut multi-byte character, a stray byte
# from a copy and paste), not another encoding: up to this many, or this share of the
# page, are replaced and the page read as UTF-8 ...
DAMAGED_BYTES = 4
DAMAGED_SHARE = 0.001
# ... provided the page holds this many valid UTF-8 characters beyond ASCII for each bad
# byte (text in windows-1258 or latin-1 holds next to none: its high bytes rarely form
# UTF-8 sequences).
VALID_PER_DAMAGED = 10

# Control characters other than tab, newline, carriage return and form feed. A few are
# litter in a text (a vertical tab from a word processor, a NUL at the end of a dump) and
# are dropped; more than BINARY_CONTROLS of them, and more than BINARY_SHARE of the
# characters, mean the input is not text at all.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
BINARY_CONTROLS = 8
BINARY_SHARE = 0.01

# Labels that name no text encoding a page can be in, though Python has a codec by the
# name (a declared "idna" would "decode" a page into nonsense, "utf-7" is an old XSS trick).
_NOT_CHARSETS = frozenset({"idna", "punycode", "raw-unicode-escape", "unicode-escape", "utf-7", "undefined",
                           "mbcs", "oem", "palmos"})
# As every browser does (the WHATWG Encoding Standard), latin-1 and ASCII labels mean
# windows-1252: a page that says iso-8859-1 and has curly quotes at 0x93 has them.
_LATIN1_LABELS = frozenset({"iso-8859-1", "iso8859-1", "iso_8859-1", "iso88591", "latin1", "latin-1", "l1",
                            "us-ascii", "ascii", "cp819", "ibm819", "iso-ir-100", "csisolatin1", "windows-1252",
                            "x-cp1252", "cp1252"})
# The encodings a Vietnamese page without a (believable) label is tried in, in order.
FALLBACKS = ("cp1258", "cp1252")

# How much of a decoded page is scored: enough words for any page, little time for a big one.
_SAMPLE_CHARS = 200_000

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below
_VOWELS = "aăâeêioôơuưy"
# Each lower-case vowel with a tone mark (NFC: one character) -> the vowel without it.
_TONED = {unicodedata.normalize("NFC", vowel + tone): vowel for vowel in _VOWELS for tone in _TONES}
# A Vietnamese syllable without its tone, lower-cased: onset, vowel nucleus, final.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnprstvx])?"
    r"(?:iêu|yêu|uyê|uya|uyu|uôi|ươi|ươu|oai|oay|oao|oeo|uây"
    r"|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ui|ưi|ưu|ua|ưa|iê|yê|uô|ươ|oa|oă|oe|uâ|uê|uy|uơ|oo"
    r"|[aăâeêioôơuưy])"
    r"(?:ch|ng|nh|[cmnpt])?")
_WORD = re.compile(r"[^\W\d_]+")
# What text decoded in the wrong code page is full of: C0 and C1 controls, U+FFFD,
# box drawing and block elements (cp437), combining marks left over after NFC (a
# windows-1258 tone byte read after a consonant), private-use characters.
_JUNK = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\u2500-\u259f\u0300-\u036f\ue000-\uf8ff]")
_ESCAPED = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape carries it
_HIGH_BYTES = bytes(range(128))


def codec_for(label: str | None, data: bytes) -> str | None:
    """The Python codec a declared charset names, or None when it names none, names
    something that is not a page's charset, or says UTF-16 of bytes that have no UTF-16
    shape (then the shape's own byte order is used if they have one)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _LATIN1_LABELS:
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except LookupError:
        if not label.startswith("x-"):  # "x-mac-roman", "x-cp1250"
            return None
        try:
            info = codecs.lookup(label[2:])
        except LookupError:
            return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    if info.name.startswith("utf-16"):
        return utf16_shape(data)
    return info.name


def utf16_shape(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 without a byte-order
    mark (Vietnamese is mostly ASCII and Latin-1 letters, so most units hold a NUL byte,
    always on the same side), else None."""
    sample = data[:4096]
    sample = sample[: len(sample) // 2 * 2]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > half // 2 and even * 16 <= odd:
        return "utf-16-le"
    if even > half // 2 and odd * 16 <= even:
        return "utf-16-be"
    return None


def utf8_damage(data: bytes) -> tuple[int, int]:
    """(characters beyond ASCII that are valid UTF-8, bytes that are not UTF-8)."""
    text = data.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED.findall(text))
    ascii_chars = len(data) - len(data.translate(None, _HIGH_BYTES))
    return len(text) - ascii_chars - bad, bad


def nearly_utf8(data: bytes, valid: int, bad: int, *, marked: bool = False) -> bool:
    """Whether bytes with `bad` bytes that are not UTF-8 are still UTF-8 with a little
    damage: few bad bytes, and (unless a byte-order mark says UTF-8) many good characters."""
    if bad > max(DAMAGED_BYTES, len(data) * DAMAGED_SHARE):
        return False
    return marked or valid >= VALID_PER_DAMAGED * bad


def is_binary(controls: int, length: int) -> bool:
    """Whether this many control characters (see CONTROL) in this much text mean a binary file."""
    return controls > max(BINARY_CONTROLS, length * BINARY_SHARE)


def drop_controls(text: str) -> str:
    """Text without its stray control characters: a vertical tab is a line break, the
    others are dropped."""
    return CONTROL.sub("", text.replace("\x0b", "\n"))


def vietnamese_score(text: str) -> int:
    """How Vietnamese a decoding reads: its words with diacritics that are Vietnamese
    syllables, less those that are not, less the junk characters of a wrong code page.
    Plain ASCII words count for nothing (every ASCII-compatible decoding shares them)."""
    sample = unicodedata.normalize("NFC", text[:_SAMPLE_CHARS])
    score = 0
    for word in _WORD.findall(sample):
        if not word.isascii():
            score += 1 if is_syllable(word) else -1
    return score - len(_JUNK.findall(sample))


@lru_cache(maxsize=8192)
def is_syllable(word: str) -> bool:
    """Whether a word (NFC) is one written Vietnamese syllable: a Vietnamese onset, vowels
    and final, at most one tone mark, and lower case, Capitalised or ALL CAPS."""
    lower = word.lower()
    if not (word == lower or word == word.upper() or word[1:] == lower[1:]):
        return False
    if sum(char in _TONED for char in lower) > 1:
        return False
    return bool(_SYLLABLE.fullmatch("".join(_TONED.get(char, char) for char in lower)))
