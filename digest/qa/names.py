"""The name flag, both ways: a name of the source that the English lost, and a name in the
English that the source never says ("Dokdo", "New York" out of nowhere).

A source name is found in the English as written without its marks ("Nguyen Van An",
"Hanoi"), by its last syllable ("Trump"), by half its syllables, a little differently
spelled ("Bra-xin" / "Brazil"), or as its English form, adjectives and peoples included
("Thổ Nhĩ Kỳ" → Turkey, Turkish; digest.namefinder).

An English name is accounted for by a glossary term of the source, by the English form of
a source name, by a source word that spells it, or as the spelled-out form of a source
acronym ("World Health Organization" for WHO). Capitalized English words that are no
known place or term are held to that only when every capitalized word of the source is
accounted for in the English but a body's name ("Bộ Y tế", "UBND"): its English is a
translation, which a head word like "Ministry" marks ("Ministry of Health").

What the English may leave unsaid by name, or say another way ("the city", "he"), is
digest.qa.unsaid's; acronyms and their spellings out are digest.qa.acronyms's.
"""
from __future__ import annotations

import itertools
import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from digest import hanviet, vocabulary
from digest import namefinder as nf
from digest.model import Flag
from digest.qa.acronyms import ACRONYM, expansions, lowercase_expansion
from digest.qa.capitals import (
    BODY_WORDS,
    COMPASS,
    ENGLISH_CAPITALIZED,
    FUNCTION_WORDS,
    NAME_HEADS,
    OFFICE_TITLES,
    PLACE_HEADS,
    WORD,
    common_words,
    english_name_groups,
    labels_a_figure,
    opens_english_sentence,
    singular,
    stem,
    translation_like,
    unknown_capital,
)
from digest.qa.unsaid import said_another_way

if TYPE_CHECKING:
    from digest.translate.glossary import Glossary

COMPASS_PLACES = vocabulary.aliases("places", "compass_places")
HOME_NAMES = vocabulary.words("qa_words", "english", "home_names")
_ALIKE = 0.65
_ALIKE_LETTERS = 5
_MAX_NGRAM = nf.LONGEST_EXONYM  # words of the longest Vietnamese name with an English form


def missing_names(vi: str, en: str, names: list[str], terms: list[tuple[str, str]]) -> list[Flag]:
    """A flag for each glossary term and each name of the source the English lacks."""
    from digest.translate.glossary import term_pattern

    flags = []
    for vi_form, en_form in dict.fromkeys(terms):
        if not term_pattern(en_form).search(en):
            flags.append(Flag("name", f"{en_form} ({vi_form}) missing"))
    tokens, joined = _plain_tokens(en)
    missing = [name for name in names if not _name_in(name, en, tokens, joined) and not nf.common_words(name)]
    missing = said_another_way(vi, en, missing)
    translatable = [name for name in missing if _translatable(name)]
    if translatable:  # most sentences: none, and the English's names need no reading
        for name in translatable[: _translated_capitals(vi, en)]:
            missing.remove(name)
    flags += [Flag("name", f"{name} missing") for name in missing]
    return flags


def _translatable(name: str) -> bool:
    """Whether a Vietnamese name may be words the English translates: two syllables or
    more, all Vietnamese, neither a place the data knows nor a person by a family name
    ("Thiên Đường Đã Mất" for "Paradise Lost", "Kẹp Hạt Dẻ" for "The Nutcracker")."""
    words = name.split()
    return (len(words) > 1 and words[0] not in nf.SURNAMES and not nf.known_place(name)
            and all(nf.vietnamese_syllable(word) for word in words))


def _translated_capitals(vi: str, en: str) -> int:
    """How many names of the English are capitalized common words, none of which the source
    spells nor is a common name ("The Nutcracker", "Paradise Lost"; not "Lee Airport", nor
    "Western Wall": Wall is a surname too), nor the head of a body or a place ("People's
    Committee" translates "UBND"): each may translate a name of the source."""
    spelled = _plain_tokens(vi)[0]
    count = 0
    for group in english_name_groups(en):
        words = [stem(m.group()) for m in group]
        if opens_english_sentence(en, group[0].start()) and translation_like(words[0]):
            words = words[1:]  # a sentence's first word, capitalized as all are ("Airport" in "Boston Airport" is not)
        words = [w for w in words if unknown_capital(w) and w.lower() not in FUNCTION_WORDS]
        if words and all(translation_like(w) and nf.plain(w) not in spelled and singular(w) not in NAME_HEADS
                         for w in words):
            count += 1
    return count


def _plain_tokens(text: str) -> tuple[set[str], str]:
    """The words of a text without their marks, and all of them run together."""
    words = re.findall(r"[a-z0-9]+", nf.plain(text))
    return set(words), "".join(words)


def _name_in(name: str, en: str, tokens: set[str], joined: str) -> bool:
    pattern = nf.english_pattern(name)
    if pattern is not None and pattern.search(en):
        return True
    if expansions(name, en) or lowercase_expansion(name, en):
        return True  # "WHO" said as "World Health Organization", "GDP" as "gross domestic product"
    initials = "".join(word[0] for word in nf.plain(name).upper().split())
    if len(initials) > 2 and re.search(rf"\b{initials}s?\b", en):
        return True  # the other way round: "New South Wales" as "NSW"
    pinyin = hanviet.pinyin_pattern(name)
    if pinyin is not None and pinyin.search(nf.plain(en)):
        return True  # "Vương Lệ Quân" as "Wang Lijun"
    first, _, rest = name.partition(" ")
    if (not rest or (pinyin is not None and len(name.split()) <= 3)) and _in_pinyin(first, en):
        return True  # "bà Lâm" said again as "Lin", "Ngụy Liên Kiệt" by the surname, "Wei"
    syllables = re.findall(r"[a-z0-9]+", nf.plain(name))
    if "".join(syllables) in joined:
        return True  # as written ("Hanoi", "Đông Á Thanh Hóa": no East Asia to look for)
    if first in COMPASS:
        if not rest:  # "Nam": the south, or a person called Nam
            return nf.plain(first) in tokens or bool(re.search(rf"\b(?:{'|'.join(COMPASS[first])})", en, re.IGNORECASE))
        if rest in COMPASS_PLACES:
            return any(re.search(r"(?<!\w)" + re.escape(alias), en) for alias in COMPASS_PLACES[rest])
        return _name_in(rest, en, tokens, joined)
    if _a_vietnamese_person(name, as_written=True) and not _spelled_alike("".join(syllables), tokens):
        # Not a Chinese name read in pinyin, nor an exonym (both above): the English says a
        # Vietnamese person's given name, whole ("Le Quang Hieu") or alone ("Hieu"), never
        # the family name and the given name without the middle ("Le Hieu"), nor without it.
        skipped = len(syllables) > 2 and re.search(rf"\b{syllables[0]}\s+{syllables[-1]}\b", nf.plain(en))
        return syllables[-1] in tokens and not skipped
    if syllables[-1] in tokens:
        return True
    if len(syllables) > 1 and sum(s in tokens for s in syllables) * 2 >= len(syllables):
        return True
    return _spelled_alike("".join(syllables), tokens)


def _in_pinyin(syllable: str, en: str) -> bool:
    """Whether the English has, capitalized, a Chinese family name's reading of a
    Sino-Vietnamese syllable: pinyin, or as Hong Kong or Taipei write it ("Chan", "Chang")."""
    return any(re.search(rf"\b{p.capitalize()}\b", en) for p in hanviet.surname_readings(syllable))


def _spelled_alike(name: str, tokens: set[str] | frozenset[str]) -> bool:
    """The name as English spells it a little differently: "Maria" / "Mary", "Bra-xin" /
    "Brazil", "Jumbocho" / "Jimbocho" (difflib's ratio of 0.65 or more)."""
    if len(name) < _ALIKE_LETTERS or nf.vietnamese_syllable(name):
        return False  # "Tom" is not "to"; "Nguyen" is not "Quyen": one letter makes another syllable
    return any(abs(len(token) - len(name)) <= 3 and SequenceMatcher(None, name, token).ratio() >= _ALIKE
               for token in tokens)


# --- names the source never says ----------------------------------------------------------


def added_names(vi: str, en: str, glossary: Glossary | None) -> list[Flag]:
    """A flag for each name of the English that nothing of the source accounts for."""
    accounted = _accounted_spans(vi, en, glossary)
    covered = list(accounted)
    covered += [(m.start(), m.end()) for home in HOME_NAMES for m in re.finditer(rf"(?<!\w){home}(?!\w)", en)]
    covered += [m.span() for m in _GLOSSED_TITLE.finditer(en)]
    covered += [m.span(1) for m in _REGION_OF.finditer(en) if m.group(2).isupper()]
    covered += [m.span(1) for m in _CURRENCY_OF.finditer(en)]
    covered += _translated_titles(vi, en)
    covered += _glossed_names(vi, en)
    vi_names = _source_spellings(vi)
    plain_vi = nf.plain(vi)
    flags: list[Flag] = []
    terms = _glossary_forms(en, glossary)
    flagged: list[tuple[int, int]] = []
    for form in sorted(terms | (nf.english_names(en) - ENGLISH_CAPITALIZED)):
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", en):
            if form in PLACE_HEADS and _in_a_longer_name(en, m):
                continue  # "the Gulf of Aden", "Persian Gulf": not the place the data calls "Gulf"
            if form not in terms and _overlaps(m.start(), m.end(), accounted + flagged):
                continue  # "Soviet Union" takes in the "Soviet" of the source's "Liên Xô"; "Saudi Arabia" one flagged
            if re.search(rf"(?<!\w){re.escape(nf.plain(form))}(?!\w)", plain_vi):
                continue  # written as English writes it ("Nuku'alofa")
            if not _inside(m.start(), m.end(), covered) and not _spelled_in(_without_common_last(form), vi_names):
                flags.append(Flag("name", f"{form} not in the Vietnamese"))
                covered.append((m.start(), m.end()))
                flagged.append((m.start(), m.end()))
    unaccounted = _unaccounted_runs(vi, en)
    names_a_body = any(_a_body(run) for start, whole in nf.capitalized_runs(vi)
                       for run in [whole, whole[1:] if nf.at_sentence_start(vi, start) else whole, *nf.split_run(whole)]
                       if run)
    plain = []  # unknown English names no body of the source may translate; whether more than a common name
    bodies = 0
    syllables = None  # the source's Vietnamese names, read when a group needs them
    families = _family_readings(vi)
    for group in english_name_groups(en):
        words = group[1:] if opens_english_sentence(en, group[0].start()) else group
        words = [m for m in words if stem(m.group()) != "I" and not labels_a_figure(en, m)]
        if any(stem(m.group()).lower() in families or _accounted_word(m, covered, vi_names) for m in words) or (
                len(group) > 1 and any(_spelled_in(" ".join(form(m.group()) for m in group), vi_names)
                                       for form in (stem, _unclitic))):
            strays = [m for m in group if unknown_capital(stem(m.group()))
                      and not _accounted_word(m, covered, vi_names) and not _read_in_pinyin(m.group(), vi)
                      and stem(m.group()).lower() not in families]
            if strays:  # "Pham Helen Tuan": the rest of a Vietnamese name with a stranger among it
                if syllables is None:
                    syllables = _name_syllables(vi)
                flags += [Flag("name", f"{m.group()} not in the Vietnamese")
                          for m in _in_a_names_place(group, syllables, en) if m in strays]
            continue  # "President Donald Trump", "State Bank of Vietnam": a name the source has, and its title
        unknown = [stem(m.group()) for m in words if unknown_capital(stem(m.group()))]
        if not unknown:
            continue
        if all(w in NAME_HEADS for w in unknown) and (
                en[: group[0].start()].rstrip().endswith(")")  # "the Trường Sa (Spratly) Islands"
                or (len(group) > len(words) and _accounted_word(group[0], covered, vi_names))):  # "Gatun Lake stood"
            continue  # a name's head word after the name: the name glossed in brackets, or opening the sentence
        if names_a_body and any(stem(m.group()) in BODY_WORDS or singular(stem(m.group())) in BODY_WORDS
                                or stem(m.group()) in OFFICE_TITLES for m in words):
            bodies += 1  # "Defence Ministry" for "Bộ Quốc phòng": a body of the source, translated
        else:
            # A common name ("Art", "Justice") with the head word of its name ("the Museum of
            # Art") or after "the" ("the Church") names no person.
            named_by_more = (any(singular(stem(m.group())) in NAME_HEADS for m in words)
                             or _THE_BEFORE.search(en, 0, words[0].start()) is not None)
            plain.append((" ".join(unknown), named_by_more))
    # Each name of the source the English does not spell ("kỳ Thế vận hội", "Đảng Xanh") may
    # be what one of them translates ("the Olympics", "the Greens"); more of them than that,
    # and one is added.
    if len(plain) + bodies > _phrases_of(vi, unaccounted):
        flags += [Flag("name", f"{name} not in the Vietnamese") for name, the in plain if not common_words(name, the)]
    else:  # a Vietnamese person's name translates nothing: the source must spell it
        flags += [Flag("name", f"{name} not in the Vietnamese") for name, _ in plain if _a_vietnamese_person(name)]
    return list(dict.fromkeys(flags))


def _without_common_last(form: str) -> str:
    """A known English name without its last word where that is a common word: "Downing" of
    "Downing Street", which the source may say as "phố Downing"."""
    words = form.split()
    return " ".join(words[:-1]) if len(words) > 1 and translation_like(words[-1]) else form


def _unclitic(word: str) -> str:
    """A word without its clitic, a lower-case syllable hyphened on kept: "Wei-ting" of a
    Taiwanese name ("Chen Wei-ting" is Trần Vĩ Đình), where stem() keeps "Wei"."""
    return re.split(r"['’]", word, maxsplit=1)[0]


def _in_a_longer_name(en: str, word: re.Match[str]) -> bool:
    """Whether a word of the English is part of a longer name: after a capitalized word
    other than a sentence's first ("Persian Gulf"), before one or a figure ("Channel 4"), or
    before "of" and one ("Gulf of Aden")."""
    before = re.search(r"([A-Z][\w'’-]*)\s+$", en[: word.start()])
    if before and not opens_english_sentence(en, before.start(1)):
        return True
    return re.match(r"\s+(?:of\s+(?:the\s+)?)?[A-Z0-9]", en[word.end():]) is not None


_PLAIN_SURNAMES = frozenset(nf.plain(name) for name in nf.SURNAMES)


def _a_vietnamese_person(name: str, as_written: bool = False) -> bool:
    """Whether a name is a Vietnamese person's: a family name, then one to three more
    syllables, all Vietnamese. English may drop the marks ("Nguyen Van Minh"); `as_written`,
    for the source, wants the family name with them ("Lê Quang Hiếu")."""
    words = name.split()
    family = words[0] in nf.SURNAMES if as_written else nf.plain(words[0]) in _PLAIN_SURNAMES
    return 2 <= len(words) <= 4 and family and all(nf.vietnamese_syllable(w) for w in words)


def _family_readings(vi: str) -> frozenset[str]:
    """How English may write the source's family names if Chinese, lower-cased: an English
    word among them is one ("Lau" of "Lau Chi-ming" for "Lưu Chí Minh", "Chang" for "bà
    Trương"), as Hong Kong, Taipei or pinyin write it."""
    return frozenset(reading for w in re.findall(r"[^\W\d_]+", vi) if w in nf.SURNAMES
                     for reading in hanviet.surname_readings(w))


def _read_in_pinyin(word: str, vi: str) -> bool:
    """Whether an English word is the pinyin of a capitalized syllable of the source: "Zhang"
    of "Zhang Hao" for "Trương Hạo", the family name said the Chinese way."""
    lower = stem(word).lower()
    return any(lower in hanviet.pinyin_readings(w) for w in re.findall(r"[^\W\d_]+", vi) if w[0].isupper())


# A place said with the region it lies in, as English-language editions do for readers
# abroad: "the Mekong Delta province of Cà Mau", "the Central Highlands provinces of ...":
# the region describes the source's place, which is checked as any name.
_REGION_OF = re.compile(r"\b(?:the|a)\s+((?:[A-Z][\w'’-]*\s+){1,3})"
                        r"(?:provinces?|regions?|districts?|cities|city)\s+of\s+(\w)")
# The country English puts before a currency ("250 billion Kenyan shillings", "Turkish
# lira"), where Vietnamese writes the currency alone: it names the currency, not a place.
_CURRENCY_OF = re.compile(r"\b((?:[A-Z][a-z]+\s+){1,2})(?:dollars?|pounds?|euros?|francs?|marks?|lira|liras|lire|"
                          r"pesos?|reals?|rand|rupees?|rupiah|ringgit|baht|yen|yuan|renminbi|won|dong|shillings?|kronor|krona|"
                          r"kroner|krone|crowns?|zloty|forint|koruna|lei|leu|lev|rubles?|roubles?|hryvnias?|tenge|naira|"
                          r"cedis?|kwacha|birr|taka|dinars?|dirhams?|riyals?|rials?|pula|kyat|riel|kip|som|manat|lari|dram)\b")
# A work's title in quotes and its translation in brackets ("Mua Nuoc Noi" (Flood Season)):
# the title is the source's, said as written or without its marks; the gloss translates it.
_GLOSSED_TITLE = re.compile(r"[\"“][^\"”]{1,80}[\"”]\s*\([^()]{1,60}\)")
# A source name kept as written and its translation in brackets: "the Sen Vàng (Golden
# Lotus) fund", "Sen Vang (Golden Lotus)".
_NAME_THEN_BRACKET = re.compile(r"((?:[^\W\d_]+\s+){0,3}[^\W\d_]+)\s*(\([^()]{1,60}\))")


_QUOTED = re.compile(r"[\"“]([^\"”]{1,80})[\"”]")


def _translated_titles(vi: str, en: str) -> list[tuple[int, int]]:
    """The spans of the English's quoted titles ("The Silent Star") that translate a quoted
    title of the source ("Ngôi sao câm lặng"), as many as the source has: a title is a short
    quote with no sentence's punctuation, its English every long word capitalized."""
    titles = sum(1 for m in _QUOTED.finditer(vi) if _title_like(m.group(1), 12))
    if not titles:
        return []
    spans = [m.span() for m in _QUOTED.finditer(en) if _title_like(m.group(1), 8)
             and all(w[0].isupper() for w in re.findall(r"[^\W\d_]{4,}", m.group(1)))]
    return spans[:titles]


def _title_like(quoted: str, words: int) -> bool:
    return len(quoted.split()) <= words and quoted[:1].isupper() and not re.search(r"[.!?,;:]", quoted)


def _glossed_names(vi: str, en: str) -> list[tuple[int, int]]:
    """The spans of the English brackets that translate the source name before them."""
    plain_vi = " ".join(re.findall(r"[a-z0-9]+", nf.plain(vi)))
    spans = []
    for m in _NAME_THEN_BRACKET.finditer(en):
        words = m.group(1).split()
        for k in range(len(words)):  # "The Sen Vàng": the name is the capitals the source has
            name = words[k:]
            said = " ".join(re.findall(r"[a-z0-9]+", nf.plain(" ".join(name))))
            if all(w[0].isupper() for w in name) and said and f" {said} " in f" {plain_vi} ":
                if not nf.english_names(m.group(2)):  # a known place in the bracket is checked as any
                    spans.append(m.span(2))
                break
    return spans


def _name_syllables(vi: str) -> tuple[tuple[str, ...], ...]:
    """The syllables, without marks, of each Vietnamese person's or place's name of the
    source (two to four syllables)."""
    return tuple(tuple(nf.plain(name).split()) for name in nf.source_names(vi)
                 if 2 <= len(name.split()) <= 4 and all(nf.vietnamese_syllable(w) for w in name.split()))


def _in_a_names_place(group: list[re.Match[str]], names: tuple[tuple[str, ...], ...], text: str) -> list[re.Match[str]]:
    """The unknown capitalized words of an English name that stand where a syllable of a
    Vietnamese name of the source is missing: "Phạm Helen Tuấn" for Phạm Minh Tuấn, "Helen
    Thành" for Long Thành. A word before the name's first syllable said ("Associate
    Professor Dao Xuan Hai") or after its last ("Long Thanh International Airport") stands
    in no syllable's place, nor one apart from the next in `text` ("Church of Scientology")."""
    parts = [nf.plain(stem(m.group())).split("-") for m in group]  # "Cat Linh-Ha Dong"
    tokens = [p for word in parts for p in word]
    found = []
    for syllables in names:
        at = [next((syllables.index(p) for p in word if p in syllables), None) for word in parts]
        if all(a is None for a in at) or all(s in tokens for s in syllables):
            continue  # not this name, or all of it
        for i, m in enumerate(group):
            word = stem(m.group())
            if at[i] is not None or not unknown_capital(word) or word in NAME_HEADS:
                continue
            before = at[i - 1] if i > 0 else None
            after = at[i + 1] if i + 1 < len(at) else None
            if after is not None and not _SYLLABLE_GAP.fullmatch(text[m.end() : group[i + 1].start()]):
                continue  # "the Church of Scientology": a name's syllables stand side by side
            if after is not None and (after > 0 if before is None else after - before >= 2):
                found.append(m)  # a syllable before `after` is missing, and this word is in its place
    return found


def _accounted_word(word: re.Match[str], covered: list[tuple[int, int]], vi_names: _Spellings) -> bool:
    """Whether a source name accounts for a capitalized English word: inside a span the
    source accounts for, or spelled by the source; a compound of names, each of its parts
    ("Norwegian-German" for "Na Uy - Đức")."""
    bare = stem(word.group())
    if _inside(word.start(), word.start() + len(bare), covered) or _spelled_in(bare, vi_names):
        return True
    parts = [(m.start(), m.group()) for m in re.finditer(r"[^\W_]+", bare)]
    return len(parts) > 1 and "-" in bare and all(
        _inside(word.start() + at, word.start() + at + len(part), covered) or _spelled_in(part, vi_names)
        for at, part in parts)


_SYLLABLE_GAP = re.compile(r"[\s-]+")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")


_Spellings = tuple[frozenset[str], tuple[str, ...], tuple[re.Pattern[str], ...]]


def _source_spellings(vi: str) -> _Spellings:
    """The capitalized words of the source without their marks, each run of them joined
    ("hanoi" of "Hà Nội"), and the pinyin of each run that reads as Chinese ("Hoàng Nham":
    Huangyan): what an English name may spell."""
    whole = [run for _, run in nf.capitalized_runs(vi)]
    runs = [[w for w in (re.sub(r"\W", "", nf.plain(word)) for word in run) if w] for run in whole]
    parts = [part for run in whole for part in [run, *nf.split_run(run)]]
    pinyin = (hanviet.pinyin_pattern(" ".join(name)) for part in parts for name in (part, nf.name_words(part, True)))
    return (frozenset(w for run in runs for w in run), tuple("".join(run) for run in runs),
            tuple(p for p in dict.fromkeys(pinyin) if p is not None))


def _spelled_in(form: str, names: _Spellings) -> bool:
    """Whether the source's capitalized words spell an English name: all its words, its
    letters inside a run of them ("Hanoi"), in pinyin ("Huangyan"), or nearly ("Bra-xin" /
    "Brazil")."""
    words, joined, pinyin = names
    plain = re.findall(r"[a-z0-9]+", nf.plain(form))
    if not plain:
        return True
    if all(w in words for w in plain) or any("".join(plain) in run for run in joined):
        return True
    if any(p.search(" ".join(plain)) for p in pinyin):
        return True
    return _spelled_alike("".join(plain), words | frozenset(joined))


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a span shares a letter with one of `spans`: "Soviet Union" with the "Soviet"
    that the source's "Liên Xô" accounts for, "Vatican City" with its "Vatican"."""
    return any(s < end and start < e for s, e in spans)


def _glossary_forms(en: str, glossary: Glossary | None) -> set[str]:
    if glossary is None:
        return set()
    return {e.en for e in glossary.entries if e.en and e.en in en}


def _accounted_spans(vi: str, en: str, glossary: Glossary | None) -> list[tuple[int, int]]:
    """The spans of the English that a glossary term of the source, or the English form of
    a name of the source (any run of up to four of its words), accounts for."""
    from digest.translate.glossary import term_pattern

    spans: list[tuple[int, int]] = []
    for match in glossary.find(vi) if glossary is not None else []:
        spans += [(m.start(), m.end()) for m in term_pattern(match.en).finditer(en)]
    for first, rest in itertools.pairwise(WORD.findall(vi)):
        if first in COMPASS and rest in COMPASS_PLACES:  # "Tây Phi": West Africa, West African
            spans += [(m.start(), m.end() + _word_rest(en, m.end())) for alias in COMPASS_PLACES[rest]
                      for m in re.finditer(alias, en)]
    for acronym in set(ACRONYM.findall(vi)):
        spans += expansions(acronym, en)
    for phrase in _phrases(vi):
        pattern = nf.english_pattern(phrase) if nf.exonyms(phrase) else None
        if pattern is not None:
            spans += [(m.start(), m.end() + _word_rest(en, m.end())) for m in pattern.finditer(en)]
    return spans


def _word_rest(text: str, end: int) -> int:
    """How many letters the word at `end` runs on ("Korea" of "Koreans")."""
    m = re.match(r"[^\W_]*", text[end:])
    return len(m.group()) if m else 0


def _phrases(vi: str) -> list[str]:
    """Every run of up to _MAX_NGRAM words of `vi` that may be a name the data gives an
    English form, as written and capitalized ("tiếng anh" is looked up as "Tiếng Anh" too:
    English capitalizes what Vietnamese may not)."""
    words = WORD.findall(vi)
    starts = [i for i, w in enumerate(words) if nf.may_open_exonym(w)]
    runs = [" ".join(words[i : i + n]) for i in starts for n in range(1, _MAX_NGRAM + 1) if i + n <= len(words)]
    return runs + [" ".join(w[:1].upper() + w[1:] for w in run.split()) for run in runs]


def _unaccounted_runs(vi: str, en: str) -> list[tuple[int, list[str], bool]]:
    """The names of the source (runs of capitalized words, split as the name finder splits
    them, the sentence's first word aside) that the English has neither spelled nor by
    their English form, nor are foreign names in their own letters (their English is
    themselves): what an unknown English capital may translate. Each with its
    offset and whether a body's head word opens its run ("Bộ Văn hóa": its English is "the
    culture ministry")."""
    tokens = _plain_tokens(en)[0] - FUNCTION_WORDS  # "Thế" is not "the"
    unaccounted = []
    for start, whole in nf.capitalized_runs(vi):
        if _WEEKDAY_BEFORE.search(vi, 0, start):
            continue  # "thứ Ba": a day, checked with the numbers
        for position, run in enumerate(nf.split_run(whole)):
            initial = position == 0 and nf.at_sentence_start(vi, start)
            opened = nf.without_opener(run, initial) or run
            body = any(w in nf.ORG_HEADS or w in nf.ADMIN_ACRONYMS for w in (run[0], opened[0]))
            words = run[1:] if initial else run
            words = [w for w in words if w not in nf.TITLES and w not in nf.NAME_PREFIXES and len(w) > 1]
            if words and words[0] in COMPASS and len(words) > 1:
                words = words[1:]  # "Bắc Darfur": North Darfur, or northern Darfur
            words = [w for w in words if not (w.isupper() and w not in nf.ADMIN_ACRONYMS and not nf.checkable_word(w))]
            if not words or nf.english_pattern(" ".join(words)) is not None:
                continue  # "USD", "III": a figure's words, checked with the numbers
            offset = vi.find(words[0], start)
            if len(words) == 1 and _in_title_or_place(vi, offset, words[0]):
                continue
            if "".join(re.findall(r"[a-z0-9]+", nf.plain(" ".join(words)))) in tokens:
                continue  # "Hà Nội" as "Hanoi", "Đà Nẵng" as "Danang"
            pinyin = hanviet.pinyin_pattern(" ".join(words))
            if pinyin is not None and pinyin.search(nf.plain(en)):
                continue  # "Thâm Quyến" as "Shenzhen"
            if all(_foreign_word(w) for w in words):
                continue  # "Yaoundé", "Marinov": a name in letters of its own, said as written or not at all
            if not all(_word_in(w, en, tokens) or expansions(w, en) for w in words):
                unaccounted.append((offset, words, body))
    return unaccounted


def _foreign_word(word: str) -> bool:
    """A word of a foreign name, written as its own language writes it: no Vietnamese
    syllable, and no acronym (an acronym may stand for words the English translates)."""
    return not word.isupper() and not nf.vietnamese_syllable(word)


def _in_title_or_place(vi: str, offset: int, word: str) -> bool:
    """Whether one capitalized syllable opens a title with the words after it ("Ngoại
    trưởng", "Tổng Thư ký") or ends a place with the word before it ("châu Âu", "Trung
    Á"): no name an English capital may translate."""
    after = re.match(r"\s*(\w+)(?:\s+(\w+))?", vi[offset + len(word):])
    if after:
        one = f"{word} {after.group(1)}".lower()
        two = f"{one} {after.group(2)}" if after.group(2) else one
        if one in nf.TITLE_PHRASES or two in nf.TITLE_PHRASES:
            return True
    before = re.search(r"(\w+)\s+$", vi[:offset])
    return before is not None and bool(nf.exonyms(f"{before.group(1).capitalize()} {word}"))


def _phrases_of(vi: str, runs: list[tuple[int, list[str], bool]]) -> int:
    """How many names other than a body's the runs make: runs with nothing but lower-case
    words between them are pieces of one name ("Trung tâm Dự báo khí tượng"), and so are
    the parts of a body's name joined by "và" ("Bộ Nông nghiệp và Môi trường"); a name a
    body's head word opens is left out: its English is a body's, "the culture ministry"."""
    count, end, in_body = 0, -1, False
    for start, words, body in runs:
        gap = vi[end:start]
        joined = end >= 0 and bool(_LOWER_WORDS.fullmatch(gap)) and gap == gap.lower()
        listed = in_body and _LISTED.fullmatch(gap) is not None and gap == gap.lower()  # "Bộ Văn hóa, Thể thao"
        if listed or (joined and (not _JOINER.search(gap) or (in_body and _BODY_JOINER.fullmatch(gap)))):
            pass  # a piece of the same name
        else:
            in_body = body
            count += not body
        end = start + len(" ".join(words))
    return count


_LISTED = re.compile(r"(?:\s+[^\W\d_]+)*,\s+")
_BODY_JOINER = re.compile(r"(?:\s+[^\W\d_]+)*\s+và\s+")


_LOWER_WORDS = re.compile(r"(?:\s+[^\W\d_]+)*\s+")


_JOINER = re.compile(r"\b(?:và|của|cho|tại|ở|với|từ|đến|theo|hoặc|cùng)\b")


def _a_body(run: list[str]) -> bool:
    """Whether a name of the source is a body's ("Bộ Quốc phòng", "UBND") or a piece of
    one: Vietnamese capitalizes a body's or a title's first syllable only ("Trung tâm Dự
    báo", "Quốc hội"), where a person's or a place's name capitalizes every one. Its
    English is a translation, headed by a word like "Ministry"."""
    first = run[0]
    if first in nf.ORG_HEADS or first in nf.ADMIN_ACRONYMS or ACRONYM.fullmatch(first) is not None:
        return True
    return len(run) == 1 and nf.vietnamese_syllable(first) and not nf.exonyms(first)


_WEEKDAY_BEFORE = re.compile(r"\b[Tt]hứ\s+$")


def _word_in(word: str, en: str, tokens: set[str]) -> bool:
    """One source word in the English: as a word of it without marks, or by its English form
    (not inside another word, as _name_in allows a whole name: "Y" of "Bộ Y tế" is not the
    y of "Ministry")."""
    pattern = nf.english_pattern(word)
    if all(part in tokens for part in nf.plain(word).split("-")):
        return True  # "Ji-hoon"
    return pattern is not None and pattern.search(en) is not None
