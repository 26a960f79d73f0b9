"""The one name finder: which capitalized Vietnamese words are names, and how English says them.

Quality flags (digest.qa), `glossary suggest` (digest.names) and story grouping read names
through this module, so that "this word is no name" is decided once:

- a word that could be one Vietnamese syllable ("Minh", "Tôi") is told from a foreign one
  ("Kyushu", "Tom") by its spelling (`vietnamese_syllable`);
- a sentence's first word is capitalized anyway: `at_sentence_start`, and the words that
  open sentences without being names (`SENTENCE_OPENERS`: "Theo", "Đội", "Hôm");
- titles, honorifics and units come before a name and are no part of it (`TITLES`,
  `NAME_PREFIXES`, `ADMIN_UNITS`); some words never end one (`NEVER_LAST`);
- a place's English forms, adjectives and peoples included: "Thổ Nhĩ Kỳ" is Turkey,
  Türkiye or Turkish, "xứ Wales" Welsh (`english_pattern`), from CLDR's country names and
  a hand-written list;
- weekdays, months, holidays and lunar years ("Nhâm Thìn") are calendar words, no names
  (`calendar_word`).

The vocabularies are data files under digest/data/ (digest.vocabulary); each says where
its list comes from.

    from digest.namefinder import capitalized_names
    capitalized_names("Theo Bộ trưởng Nguyễn Văn An, Hà Nội sẽ ...")  # ['Nguyễn Văn An', 'Hà Nội']
"""
from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator

from digest import vocabulary

# --- vocabularies --------------------------------------------------------------------------

SURNAMES = vocabulary.words("names_vi", "surnames")
TITLE_PHRASES = vocabulary.words("names_vi", "title_phrases")
NAME_PREFIXES = vocabulary.words("names_vi", "name_prefixes")
TITLES = vocabulary.words("names_vi", "titles")
REVERED_TITLES = vocabulary.words("names_vi", "revered_titles")
ADMIN_UNITS = vocabulary.words("names_vi", "admin_units")
PERSON_CONTEXT = vocabulary.words("names_vi", "person_context")
PLACE_CONTEXT = vocabulary.words("names_vi", "place_context")
SENTENCE_OPENERS = vocabulary.words("names_vi", "sentence_openers")
GLUED_OPENERS = vocabulary.words("names_vi", "glued_openers")
NEVER_LAST = vocabulary.words("names_vi", "never_last")
ORG_HEADS = vocabulary.words("names_vi", "org_heads")
VIETNAMESE_ACRONYMS = vocabulary.words("names_vi", "vietnamese_acronyms")
COMPANY_FORMS = vocabulary.words("names_vi", "company_forms")
TERM_ACRONYMS = vocabulary.words("names_vi", "term_acronyms")
NEWS_AGENCIES = vocabulary.words("names_vi", "news_agencies")
FOREIGN_LOOKALIKES = vocabulary.words("names_vi", "foreign_lookalikes")
LOOKALIKE_WORDS = vocabulary.words("names_vi", "lookalike_words")
LOANWORDS = vocabulary.words("names_vi", "loanwords")
WEEKDAY_NAMES = vocabulary.words("names_vi", "weekday_names")
COLLECTIVE_BYLINES = vocabulary.words("names_vi", "collective_bylines")
PLACES = vocabulary.words("names_vi", "places")
# A body's acronym ("UBND", "TAND", "THPT") and its kind: its English is translated
# ("People's Committee"), so it is no name an English must spell.
ADMIN_ACRONYMS: dict[str, str] = {name: str(kind) for name, kind in
                                  vocabulary.table("names_vi", "admin_acronyms").items()}
NAME_HEADS: dict[str, str] = {head: kind for kind, heads in vocabulary.table("names_vi", "heads").items()
                              for head in heads}
STANDALONE_NAMES: dict[str, str] = {name: str(kind) for name, kind in
                                    vocabulary.table("names_vi", "standalone").items()}
CALENDAR_NAMES = vocabulary.aliases("calendar", "names")
LUNAR_STEMS = vocabulary.words("calendar", "lunar_year", "stems")
LUNAR_BRANCHES = vocabulary.words("calendar", "lunar_year", "branches")


# --- words ---------------------------------------------------------------------------------

_VI_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]{1,3}"
    r"(?:ng|nh|ch|[cmnpt])?"
)


def vietnamese_syllable(word: str) -> bool:
    """Whether a word could be one Vietnamese syllable ("Tôi", "Minh"; not "Tom", "Kyushu")."""
    lower = word.lower()
    if lower in FOREIGN_LOOKALIKES:
        return False
    return _VI_SYLLABLE.fullmatch(lower) is not None


SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(\[–—•·*|»…-])\s*$")


def at_sentence_start(text: str, offset: int) -> bool:
    """Whether text[offset:] opens a sentence (or a quotation, a bracket, a clause after a
    colon): its first word is capitalized whether or not it is a name."""
    return SENTENCE_START.search(text, 0, offset) is not None


_NAME_WORD = re.compile(r"[^\W_]+(?:[-.][^\W_]+)*")


def capitalized_runs(text: str) -> Iterator[tuple[int, list[str]]]:
    """(offset, words) of each run of capitalized words joined only by spaces."""
    run: list[str] = []
    start = end = 0
    for m in _NAME_WORD.finditer(text):
        word = m.group()
        if word[0].isupper():
            if run and text[end : m.start()].strip(" \u00a0\t") == "":
                run.append(word)
            else:
                if run:
                    yield start, run
                run, start = [word], m.start()
            end = m.end()
        elif run:
            yield start, run
            run = []
    if run:
        yield start, run


def without_opener(words: list[str], initial: bool) -> list[str]:
    """A run of capitalized words without the sentence opener that begins it, when the run
    opens its sentence ("Theo Bộ Y tế" is Bộ Y tế); [] for an opener alone."""
    return words[1:] if initial and words and words[0] in SENTENCE_OPENERS else words


def name_words(words: list[str], initial: bool) -> list[str]:
    """A run of capitalized words without what is no part of a name: a sentence opener
    (when the run opens its sentence), the titles before it ("Tổng thống Donald Trump"),
    a sentence glued on after it ("Ấn Độ Chúng")."""
    words = without_opener(words, initial)
    while words and (words[0] in TITLES or words[0] in NAME_PREFIXES):
        words = words[1:]
    while len(words) > 1 and words[-1] in NEVER_LAST:
        words = words[:-1]
    return words


def capitalized_names(text: str, min_words: int = 2) -> list[str]:
    """The names of a text that are runs of `min_words` capitalized words or more, in text
    order and as written, without openers, titles and glued-on words (see name_words):
    "Theo Tổng thống Hàn Quốc Yoon Suk Yeol" gives "Hàn Quốc Yoon Suk Yeol". Calendar words
    ("Thứ Hai", "Nhâm Thìn") are left out."""
    found = []
    for start, run in capitalized_runs(text):
        run = [_ABBREVIATION_GLUED.sub("", run[0]), *run[1:]]  # "TP.Cà Mau" is Cà Mau
        words = name_words(run, at_sentence_start(text, start))
        if len(words) >= min_words and not calendar_word(" ".join(words)):
            found.append(" ".join(words))
    return found


_ABBREVIATION_GLUED = re.compile(r"^(?:TP|Tp|TX|Q|P|H|T)\.(?=[^\W\d_])")


# The capitalized words that open a calendar name with lower-case words after them: "Lễ
# Giáng" of "Lễ Giáng sinh", where a run of capitals ends.
_CALENDAR_KEYS = {" ".join(words[:i]): " ".join(words) for words in map(str.split, CALENDAR_NAMES)
                  for i in range(2, len(words)) if all(w[0].isupper() for w in words[:i]) and not words[i][0].isupper()}


def calendar_word(name: str) -> bool:
    """A weekday, month, holiday or lunar year ("Thứ Hai", "Tết Dương lịch", "Nhâm Thìn"):
    capitalized like a name and none to translate as one ("Tết Dương" is what is left of
    "Tết Dương lịch" when a run of capitals ends at its lower-case word)."""
    if name in CALENDAR_NAMES or name in WEEKDAY_NAMES:
        return True
    if name in _CALENDAR_KEYS:
        return True
    words = name.split()
    return lunar_year(name) or (bool(words) and words[0] == "Tết" and len(words) <= 3)


def lunar_year(name: str) -> bool:
    """A year of the sexagenary cycle ("Bính Ngọ", "Nhâm Thìn"): English news gives the
    year's number, or nothing, never its name."""
    words = name.split()
    return len(words) == 2 and words[0] in LUNAR_STEMS and words[1] in LUNAR_BRANCHES


# --- English forms -------------------------------------------------------------------------


def plain(text: str) -> str:
    """Lowercase, without diacritics: 'Nguyễn Đức' → 'nguyen duc'."""
    text = text.lower().translate(_PLAIN_LETTERS)
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


# Letters that lose no mark under NFD but read as a plain one: "Karlıova" is Karliova.
_PLAIN_LETTERS = str.maketrans({"đ": "d", "ı": "i", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe"})


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook, dot below


def tone_key(text: str) -> str:
    """text with each word's tone mark moved to the word's end: one spelling of the two
    places Vietnamese puts it ("oà"/"òa", "uỵ"/"ụy"); and a final y after a consonant
    as i, the other spelling of the same sound ("Thụy Sỹ"/"Thụy Sĩ", "Mỹ"/"Mĩ")."""
    def key(m: re.Match[str]) -> str:
        word = unicodedata.normalize("NFD", m.group())
        tones = "".join(ch for ch in word if ch in _TONE_MARKS)
        bare = "".join(ch for ch in word if ch not in _TONE_MARKS)
        if len(bare) > 1 and bare[-1] in "yY" and bare[-2].lower() not in "aeiouy\u0302\u0306\u031b":
            bare = bare[:-1] + ("i" if bare[-1] == "y" else "I")
        return bare + tones

    return re.sub(r"\w+", key, unicodedata.normalize("NFC", text))


# Capitals and seats of government that stand for their country in an English text only
# ("Budapest's representative", "Downing Street"); in a Vietnamese one they are no place
# the data knows, but names the English must spell.
_ONE_WAY = {**vocabulary.table("places", "capitals_for_countries"), **vocabulary.table("places", "seats_for_countries")}


def _english_table() -> dict[str, tuple[str, ...]]:
    """Vietnamese name -> English forms: the hand-written exonyms, CLDR's countries and
    regions (with the English variants of their names) and the calendar words."""
    variants = vocabulary.aliases("places", "english_variants")
    table: dict[str, list[str]] = {}
    for vi, forms in vocabulary.aliases("places", "exonyms").items():
        table.setdefault(vi, []).extend(forms)
    for _code, vi_forms, en_forms in vocabulary.rows("countries"):
        english = [f for form in en_forms.split("|") for f in (form, *variants.get(form, ()))]
        for vi in vi_forms.split("|"):
            table.setdefault(vi, []).extend(english)
    for vi, forms in CALENDAR_NAMES.items():
        table.setdefault(vi, []).extend(forms)
    # A capital and its country account for each other: "Mỹ" for "Washington", and
    # "Bình Nhưỡng" or "Washington" in the source for "North Korea", "the United States".
    capitals = {capital: str(country) for capital, country in vocabulary.table("places", "capitals").items()}
    for said in table.values():
        said.extend(capital for capital, country in capitals.items() if country in said)
    for said in list(table.values()):
        for capital, country in capitals.items():
            if capital in said:
                said.extend([country, *variants.get(country, ())])
    for capital, country in capitals.items():
        table.setdefault(capital, []).extend([capital, country, *variants.get(country, ())])
    # Other capitals only one way: "Budapest's representative" may say "Hungary" of the
    # source, but "Oslo" of the source is a city the English must still name.
    for capital, country in _ONE_WAY.items():
        for said in table.values():
            if country in said and capital not in said:
                said.append(capital)
    return {vi: tuple(dict.fromkeys(forms)) for vi, forms in table.items()}


EXONYMS = _english_table()
LONGEST_EXONYM = max(len(name.split()) for name in EXONYMS)  # words: "Quần đảo Virgin thuộc Hoa Kỳ"
# CLDR's English names of countries and territories (two-letter codes; not regions).
COUNTRY_NAMES = frozenset(form for code, _vi, en_forms in vocabulary.rows("countries") if len(code) == 2
                          for form in en_forms.split("|"))
_HOME_COUNTRY = "Vietnam"
_EXONYMS_BY_KEY = {tone_key(name): forms for name, forms in EXONYMS.items()}


def _loose_key(key: str) -> str:
    """A tone-keyed name as any writer may write it: syllables joined, hyphened or apart
    ("Ailen", "Ai-len", "Ai Len") and those after the first in lower case ("Vương Quốc
    Anh", "Vương quốc Anh"): where to look up a name not written as the data writes it."""
    squashed = re.sub(r"[\s-]+", "", key)
    return squashed[:1] + squashed[1:].lower()


def _plain_key(name: str) -> str | None:
    """A transliterated foreign name ("Matxcơva", "Oa-sinh-tơn") without its marks, as
    writers slip them ("Matxcova"); None for a name of Vietnamese syllables only, where a
    mark makes another name."""
    if all(vietnamese_syllable(word) for word in re.split(r"[\s-]+", name) if word):
        return None
    return re.sub(r"[\s-]+", "", plain(name))


_EXONYMS_BY_LOOSE_KEY: dict[str, tuple[str, ...]] = {}
_EXONYMS_BY_PLAIN_KEY: dict[str, tuple[str, ...]] = {}
for _key, _forms in _EXONYMS_BY_KEY.items():
    _EXONYMS_BY_LOOSE_KEY.setdefault(_loose_key(_key), _forms)
    if (_plain := _plain_key(_key)) is not None:
        _EXONYMS_BY_PLAIN_KEY.setdefault(_plain, _forms)
# The first syllables of those names, tone-keyed and case-folded: a cheap test of whether
# a phrase may be one (may_open_exonym).
_EXONYM_FIRST_SYLLABLES = frozenset(first.casefold() for key in _EXONYMS_BY_KEY if key.strip()
                                    for first in (key.replace("-", " ").split()[0], _loose_key(key.split()[0])))
_EXONYM_PLAIN_FIRST_WORDS = frozenset(plain(key.split()[0]).replace("-", "") for key in _EXONYMS_BY_KEY
                                      if key.strip() and _plain_key(key) is not None)


def may_open_exonym(word: str) -> bool:
    """Whether a word may open a name the data gives an English form ("Ả-rập" may open "Ả
    Rập Xê Út", "Irắc" is "I-rắc")."""
    key = tone_key(word)
    if not {key.split("-")[0].casefold(), _loose_key(key).casefold()}.isdisjoint(_EXONYM_FIRST_SYLLABLES):
        return True
    return _plain_key(word) is not None and plain(word).replace("-", "") in _EXONYM_PLAIN_FIRST_WORDS


_DEMONYMS = vocabulary.aliases("places", "demonyms")
# Endings that make an adjective or a people of a place's English name, after the name or
# after it less one or two letters (at least four kept): Indonesia-n, Korea-n, Turk-ish,
# Chin-ese, Bangladesh-i, Ital-ian, Europe-an, Iceland-ic, New Zealand-er.
DEMONYM_ENDINGS = ("n", "an", "ian", "ean", "ese", "ish", "i", "ic", "er")
_STEM_LETTERS = 4


def exonyms(name: str) -> tuple[str, ...]:
    """The English forms the data gives a Vietnamese name, whichever syllable carries its
    tone mark ("Thụy Điển" and "Thuỵ Điển" are the same word), however it joins the
    syllables or capitalizes those after the first ("Li Băng" for "Li-băng", "Vương Quốc
    Anh"), or slips a mark of a transliteration ("Matxcova"); () when it gives none."""
    key = tone_key(name)
    forms = _EXONYMS_BY_KEY.get(key)
    if forms is None:
        forms = _EXONYMS_BY_LOOSE_KEY.get(_loose_key(key))
    if forms is None and (plain_key := _plain_key(name)) is not None:
        forms = _EXONYMS_BY_PLAIN_KEY.get(plain_key)
    if forms is None:
        return (name,) if name in _ENGLISH_PLACES else ()
    return forms


@functools.cache
def english_pattern(name: str) -> re.Pattern[str] | None:
    """What finds a Vietnamese name's English in an English text: any of its forms, or an
    adjective or people of one ("Indonesian", "Welsh", "Turkish"); None when the data
    gives the name no English form."""
    forms = exonyms(name)
    if not forms:
        return None
    literal: set[str] = set()
    stems: set[str] = set()
    for form in forms:
        literal.add(form)
        literal.update(_DEMONYMS.get(form, ()))
        if form.isalpha() and not form.isupper():
            for cut in (0, 1, 2):
                stem = form[: len(form) - cut]
                if len(stem) >= _STEM_LETTERS:
                    stems.add(re.escape(stem) + "(?:" + "|".join(DEMONYM_ENDINGS) + ")")
    # the longest form first, then the adjectives: "Saudi Arabia" whole, not "Saudi" of it
    options = [re.escape(f) for f in sorted(literal, key=len, reverse=True)] + sorted(stems, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(options) + ")")


def english_names(en: str) -> set[str]:
    """The English names of places (and of the few bodies the data has) that an English
    text holds: what its Vietnamese source must account for."""
    return {form for form in _ENGLISH_FORMS if form in en and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", en)}


# (Capitalized: "central Vietnam", the English of "Trung Bộ", says where, and names nothing
# the source must hold.)
_ENGLISH_FORMS = frozenset(form for vi, forms in EXONYMS.items() if vi not in CALENDAR_NAMES
                           for form in forms if len(form) > 2 and form[0].isupper())
# Places a Vietnamese text may write as English does ("xứ Wales", "Indonesia").
_ENGLISH_PLACES = frozenset(form for form in _ENGLISH_FORMS if form not in _ONE_WAY) | frozenset(_DEMONYMS)


# --- one Vietnamese sentence -------------------------------------------------------------


@functools.cache
def _common_word_keys() -> frozenset[str]:
    return frozenset(tone_key(word) for word in vocabulary.lines("vietnamese_words"))


def common_words(name: str) -> bool:
    """Whether a capitalized name is common Vietnamese words of two syllables or more, one
    after another ("Cộng Hòa", "Hạ Viện", "Chiến Tranh Nhân Dân"; data/vietnamese_words),
    and no place the data knows ("Thái Bình", "Hải Dương" are provinces): words some
    writers capitalize that English translates ("the Republicans", "the House")."""
    syllables = tone_key(name).lower().split()
    if len(syllables) < 2 or known_place(name):
        return False
    if not all(vietnamese_syllable(word) for word in name.split()):
        return False  # "World Cup": the word list has a few English names
    words = _common_word_keys()
    ends = {0}  # where a run of whole words may end: dynamic programming over the syllables
    for end in range(2, len(syllables) + 1):
        if any(start in ends and " ".join(syllables[start:end]) in words for start in range(end - 1)):
            ends.add(end)
    return len(syllables) in ends


def known_place(name: str) -> bool:
    """Whether the data knows a name as a place: one with an English form, or a Vietnamese
    province or city (names_vi.toml)."""
    return bool(exonyms(name)) or name in PLACES


def foreign_countries(text: str) -> frozenset[str]:
    """The countries other than Vietnam that a Vietnamese text names, by their CLDR English
    names: "Ngoại trưởng Phần Lan thăm Việt Nam" gives {"Finland"}. A city or a region is no
    country ("Nam Kinh", "Châu Âu")."""
    found = set()
    for _start, run in capitalized_runs(text):
        for part in split_run(run):  # whole names only: "Anh" of "Trần Quốc Anh" is no Britain
            country = next((f for f in exonyms(" ".join(part)) if f in COUNTRY_NAMES), None)
            if country and country != _HOME_COUNTRY:
                found.add(country)
    return frozenset(found)


def source_names(vi: str) -> list[str]:
    """The names of a Vietnamese sentence that its English should carry: runs of two or
    more capitalized syllables ("Nguyễn Văn An", "Kim Jung-han"), single words that are no
    Vietnamese syllable ("Tom", "Kyushu", "NATO"), and one-syllable places ("Mỹ"). Titles
    go; the capitalized first word of a sentence is no name unless it can't be Vietnamese;
    a body's name ("Bộ Ngoại giao") is left out: its English is not its syllables."""
    names: list[str] = []
    body_end = -1  # where the last run a body's head word opens ends
    for start, run in capitalized_runs(vi):
        whole = _whole_exonym(vi, start, run)
        if whole is not None:
            names.append(whole)  # "Phóng viên Không biên giới": not a reporter called Không
            continue
        after = re.match(r"\s+(\w+)", vi[start + len(" ".join(run)):])
        if after and f"{run[-1].lower()} {after.group(1)}" in LOOKALIKE_WORDS:
            run = run[:-1]  # "Kim ngạch": a word, not Kim
        elif after and _opens_a_word(run, after.group(1), at_sentence_start(vi, start)):
            # "Mũ Bảo hiểm Trắng", "Trường Cao đẳng Mỹ thuật Đông Dương": a name in words,
            # translated, like a body's, and so are the capitalized pieces after it
            body_end = start + len(" ".join(run))
            run = run[:-1]
            if all(vietnamese_syllable(w) for w in run) and not known_place(" ".join(run)):
                continue
        if run and run[0] == "Đức" and _revered(vi[start + len(run[0]):]):
            run = run[1:]  # "Đức Giáo hoàng": His Holiness the Pope, not Germany
        if run and at_sentence_start(vi, start) and run[0].lower() in LOANWORDS:
            run = run[1:]  # "Ê-kíp đã ...", "Golf thủ ...": a common noun opens the sentence
        if not run:
            continue
        opened = without_opener(run, at_sentence_start(vi, start)) or run
        calendar = _CALENDAR_KEYS.get(" ".join(opened))
        if calendar is not None and vi.startswith(calendar, vi.find(opened[0], start)):
            names.append(calendar)  # "Tết Dương lịch", whose English is "New Year"
            continue
        gap = vi[body_end:start]
        if (body_end >= 0 and _LOWER_GAP.fullmatch(gap) and gap.split()[-1] not in PERSON_CONTEXT
                and len(run) <= 2 and run[0] not in SURNAMES
                and all(vietnamese_syllable(w) for w in run) and not exonyms(" ".join(run))
                and " ".join(run) not in PLACES):
            body_end = start + len(" ".join(run))
            continue  # "Bệnh viện Nhi Trung ương": a piece of the body's name, not a name
        body_end = start + len(" ".join(run)) if run[0] in ORG_HEADS or opened[0] in ORG_HEADS else -1
        for position, words in enumerate(split_run(run)):
            initial = position == 0 and at_sentence_start(vi, start)
            names += _run_names(words, initial) or _called(vi, start, words)
    return list(dict.fromkeys(names))


# Names the data gives an English form whose capitalized words come after a lower-case one
# ("Phóng viên Không biên giới", "Cục Dự trữ Liên bang"), by their first such word.
def _inner_capitals() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for name in EXONYMS:
        inner = next((w for before, w in itertools.pairwise(name.split()) if w[0].isupper() and before[0].islower()),
                     None)
        if inner is not None and name[0].isupper() and name.split()[0] not in ORG_HEADS:  # not a body's
            table.setdefault(inner, []).append(name)
    return table


_INNER_CAPITALS = _inner_capitals()


def _whole_exonym(vi: str, start: int, run: list[str]) -> str | None:
    """The name the data knows that a run starting at `start` lies inside, a lower-case word
    before it ("Không" of "Phóng viên Không biên giới", Reporters Without Borders); None if none."""
    end = start + len(" ".join(run))
    for name in _INNER_CAPITALS.get(run[0], ()):
        at = vi.find(name, max(0, start - len(name)), end + len(name))
        if 0 <= at < start and at + len(name) >= end:
            return name
    return None


def _opens_a_word(run: list[str], after: str, initial: bool) -> bool:
    """Whether the last capitalized syllable of a run opens a common word with the lower-case
    one after it ("Bảo hiểm", "Quốc gia", "Phục hưng"): the run is a name written as words,
    each word's first syllable capitalized (White Helmets, National Hurricane Center), which
    English translates. Never a person's name ("Lê Văn Bình thường ...") nor a place's."""
    named = name_words(run, initial)  # "Ông Lê Văn Bình": a person, whatever follows
    if (len(run) < 2 or not after[0].islower() or not named or named[0] in SURNAMES
            or known_place(" ".join(run)) or " ".join(named) in _CALENDAR_KEYS):  # "Tết Dương lịch"
        return False
    return tone_key(f"{run[-1].lower()} {after}") in _common_word_keys()


def _revered(after: str) -> bool:
    """Whether a religious or royal title opens the text after an "Đức"."""
    words = after.lower().split()[:4]
    return any(" ".join(words[:n]).rstrip(",.;:)\"”’") in REVERED_TITLES for n in range(1, len(words) + 1))


# One or two lower-case words between the pieces of a body's name: "Bệnh viện Nhi Trung
# ương", "Trung tâm Dự báo" (not "Tòa buộc bà Hân": a person after a verb).
_LOWER_GAP = re.compile(r"(?:\s+[a-zà-ỹđ]+){1,2}\s+")


def _called(vi: str, start: int, words: list[str]) -> list[str]:
    """A person named by one syllable after the word that says it is a person ("bà Hân",
    "Ông Thịnh", "bị cáo Hân"): news says a person's given name alone once it has said the
    whole; [] for anything else."""
    rest = words[1:] if words[0].lower() in PERSON_CONTEXT else words
    if len(rest) != 1 or not vietnamese_syllable(rest[0]) or rest[0] in TITLES or exonyms(rest[0]):
        return []
    said = words[0].lower()
    if rest is words:
        before = re.search(r"(\w+(?:\s\w+)?)\s+$", vi[:start])
        said = before.group(1).lower() if before else ""
        if not said or not {said, said.split()[-1]} & PERSON_CONTEXT:
            return []  # not after an office's title: "Bộ trưởng Tài chính" is the finance minister
        if said not in PERSON_CONTEXT and tone_key(said) in _common_word_keys():
            return []  # "khủng bố Hồi giáo": Islamic terrorists, not a father (bố) called Hồi
    if rest[0] in ORG_HEADS and said.split()[-1] not in _HONORIFICS:
        return []  # "bác sĩ Bệnh viện Nhi": doctors of a hospital ("ông Khoa" is a man called Khoa)
    return rest


_HONORIFICS = frozenset({"ông", "bà", "anh", "chị", "cô", "chú", "em", "cụ", "bác"})


def split_run(run: list[str]) -> list[list[str]]:
    """A run of capitalized words split into the names it holds: where a body's acronym
    stands, the acronym left out ("UBND TP.HCM Phan Văn Mãi" is TP.HCM and Phan Văn Mãi),
    and after a place that opens it ("Thổ Nhĩ Kỳ Kemal Aydin": Thổ Nhĩ Kỳ, Kemal Aydin)."""
    parts: list[list[str]] = [[]]
    for word in run:
        if word in ADMIN_ACRONYMS or word in COMPANY_FORMS:
            parts.append([])
        else:
            parts[-1].append(word)
    split = []
    for part in parts:
        if len(part) > 1 and not exonyms(" ".join(part)):
            k = next((k for k in range(min(4, len(part) - 1), 0, -1) if exonyms(" ".join(part[:k]))), 0)
            if k:
                split += [part[:k], part[k:]]
                continue
            # a place of two words or more that closes it: "(miền) Trung Việt Nam"
            k = next((k for k in range(min(4, len(part) - 1), 1, -1) if exonyms(" ".join(part[-k:]))), 0)
            if k:
                split += [part[:-k], part[-k:]]
                continue
        if part:
            split.append(part)
    return split


def _run_names(words: list[str], initial: bool) -> list[str]:
    """The name (none or one) of a run of capitalized words."""
    if words and (words[-1] in TERM_ACRONYMS or words[-1] in _CURRENCY_CODES):
        words = words[:-1]  # "Vốn FDI", "Đồng USD": a term or a currency after a capitalized first word
    if len(words) > 1 and exonyms(" ".join(words)):  # "Chủ Nhật" is Sunday, not "Nhật" after a title
        return [" ".join(words)]
    if initial and len(words) == 1 and vietnamese_syllable(words[0]):
        return []
    opened = without_opener(words, initial)
    if any(len(head) >= 2 and head[0] in ORG_HEADS and not exonyms(" ".join(head)) for head in (words, opened)):
        return []  # "Bộ Lao động": a body, even where its head word is also a title's or an opener
    words = name_words(words, initial)
    if not words:
        return []
    name = " ".join(words)
    if name in _CALENDAR_KEYS or lunar_year(name):
        return []  # "Lễ Giáng" of "Lễ Giáng sinh": Christmas, found whole with the English forms
    if len(words) >= 2 and words[0] in ORG_HEADS and not exonyms(name):
        return []  # "Bộ Ngoại giao": an organization, its English not guessable
    if len(words) == 1 and not checkable_word(name):
        return []
    return [name]


_CURRENCY_CODES = frozenset({"USD", "EUR", "VND"}) & VIETNAMESE_ACRONYMS
_ROMAN = re.compile(r"(?=[IVXL]{2})L?X{0,3}(?:IX|IV|V?I{0,3})")


def checkable_word(word: str) -> bool:
    if exonyms(word):
        return True
    if _ROMAN.fullmatch(word):
        return False  # "quý III", "Đại hội XIII": a number, checked as one
    if word.isupper():
        return word.isascii() and len(word) >= 2 and word not in VIETNAMESE_ACRONYMS and word not in TERM_ACRONYMS
    return not vietnamese_syllable(word)
