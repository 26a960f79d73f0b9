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
"""
from __future__ import annotations

import itertools
import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from digest import namefinder as nf
from digest import vocabulary
from digest.model import Flag

if TYPE_CHECKING:
    from digest.translate.glossary import Glossary

COMPASS = vocabulary.aliases("places", "compass")
COMPASS_PLACES = vocabulary.aliases("places", "compass_places")
ENGLISH_CAPITALIZED = vocabulary.words("qa_words", "english", "capitalized_words")
HOME_NAMES = vocabulary.words("qa_words", "english", "home_names")
BODY_WORDS = vocabulary.words("qa_words", "english", "body_words")
PLACE_ARGUMENTS = vocabulary.words("qa_words", "vietnamese", "place_arguments")
FUNCTION_WORDS = vocabulary.words("qa_words", "english", "function_words")
PLACE_HEADS = vocabulary.words("qa_words", "english", "place_heads")
OFFICE_TITLES = vocabulary.words("qa_words", "english", "office_titles")
FIGURE_LABELS = vocabulary.words("qa_words", "english", "figure_labels")
KIN_WORDS = vocabulary.words("qa_words", "vietnamese", "kin_words")
KIN_ENGLISH = sorted(vocabulary.words("qa_words", "english", "kin_words"), key=len, reverse=True)
NOUN_REFERENTS = vocabulary.aliases("qa_words", "vietnamese", "place_nouns") | vocabulary.aliases(
    "qa_words", "vietnamese", "body_nouns")
BODY_REFERENTS = sorted(vocabulary.words("qa_words", "english", "body_referents"), key=len, reverse=True)
PLACE_REFERENTS = sorted(vocabulary.words("qa_words", "english", "place_referents"), key=len, reverse=True)
_ALIKE = 0.65
_ALIKE_LETTERS = 5
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_MAX_NGRAM = 4  # words of the longest Vietnamese place name looked up ("Ả Rập Xê Út")


def missing_names(vi: str, en: str, names: list[str], terms: list[tuple[str, str]]) -> list[Flag]:
    """A flag for each glossary term and each name of the source the English lacks."""
    from digest.translate.glossary import term_pattern

    flags = []
    for vi_form, en_form in dict.fromkeys(terms):
        if not term_pattern(en_form).search(en):
            flags.append(Flag("name", f"{en_form} ({vi_form}) missing"))
    tokens, joined = _english_tokens(en)
    missing = [name for name in names if not _name_in(name, en, tokens, joined)]
    # A place said again as "the city", "the country's"; a body named by its acronym as "the
    # bank", "the agency" (BoJ, SCA): as many of them as the English has such phrases may be
    # missing by name. So may a name said after the noun that says what it is ("thủ đô
    # Kigali", "CLB Hà Nội") where the English says that noun again ("the capital", "the club").
    for said_again, referent in ((_a_place, _PLACE_REFERENT), (_ACRONYM.fullmatch, _BODY_REFERENT)):
        unnamed = [name for name in missing if said_again(name)]
        if unnamed and len(unnamed) <= len(referent.findall(en)):
            missing = [name for name in missing if name not in unnamed]
    nouns = {name: _noun_before(name, vi) for name in missing}
    referents = [{w.lower() for w in m.groups() if w} for m in _ANY_REFERENT.finditer(en)]  # "the (big) city"
    lower = vi.lower()
    for noun, noun_referents in NOUN_REFERENTS.items():  # "thành phố này" is "the city" too
        for _ in re.finditer(rf"(?<!\w){noun}\s+(?:này|đó|ấy)\b", lower):
            said = next((r for r in referents if r & set(noun_referents)), None)
            if said is not None:
                referents.remove(said)
    for name, noun_referents in nouns.items():
        said = next((r for r in referents if r & set(noun_referents)), None)
        if said is not None:
            referents.remove(said)
            missing.remove(name)
    # A person the source names as someone's kin ("con trai bà Loan", "anh em trai của
    # Ndlovu") that the English calls "her son", "his brothers".
    # A person named again by one syllable after "ông", "bà" ("Theo ông Khoa", "Bà Vân cho
    # biết") that the English calls "he" or "she", one pronoun a person.
    pronouns = len(_SUBJECT_PRONOUN.findall(en)) - len(_VI_PRONOUN.findall(vi))
    for name in [name for name in missing if " " not in name and _honoured(name, vi)][:max(pronouns, 0)]:
        missing.remove(name)
    kin = len(_KIN_EN.findall(en))
    for name in [name for name in missing if _kin_of(name, vi)][:kin]:
        missing.remove(name)
    flags += [Flag("name", f"{name} missing") for name in missing]
    return flags


_SUBJECT_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_VI_PRONOUN = re.compile(r"\b(?:ông ấy|bà ấy|anh ấy|chị ấy|cô ấy)\b", re.IGNORECASE)


def _honoured(name: str, vi: str) -> bool:
    """Whether the source says `name` right after a word of address ("ông", "bà", "bác
    sĩ"): a person named again by one syllable."""
    return any(re.search(rf"(?i:\b{word})\s+{re.escape(name)}(?!\w)", vi) for word in _ADDRESS_WORDS)


_ADDRESS_WORDS = ("ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ", "bác sĩ", "tiến sĩ", "luật sư", "kỹ sư")


def _kin_of(name: str, vi: str) -> bool:
    """Whether the source says `name` as the one whose kin it names ("em trai bà Hân")."""
    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", vi):
        before = vi[: m.start()].lower().split()
        while before and (before[-1] == "của" or before[-1] in _PERSON_WORDS):
            before.pop()
        if before and (before[-1] in KIN_WORDS or " ".join(before[-2:]) in KIN_WORDS):
            return True
    return False


_PERSON_WORDS = frozenset({"ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ"})


def _a_place(name: str) -> bool:
    return bool(nf.exonyms(name)) or name in nf.PLACES


def _noun_before(name: str, vi: str) -> tuple[str, ...]:
    """The English referents of the noun the source says `name` after ("thủ đô Kigali":
    capital, city; "vườn quốc gia Phong Nha - Kẻ Bàng": park), () after no such noun."""
    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", vi):
        before = vi[: m.start()].split()
        while len(before) > 1 and (before[-1] == "-" or before[-1][0].isupper()):
            if before[-1].lower() in NOUN_REFERENTS:
                break  # "CLB" of "CLB Hải Phòng"
            before.pop()  # the name's earlier words ("Phong Nha - " of "Phong Nha - Kẻ Bàng")
        before = [w.lower() for w in before]
        for n in (3, 2, 1):
            noun = " ".join(before[-n:])
            if len(before) >= n and noun in NOUN_REFERENTS:
                return NOUN_REFERENTS[noun]
    return ()


def _referent(nouns: list[str]) -> re.Pattern[str]:
    """ "the" and one of `nouns`, an adjective allowed between, a possessive after."""
    return re.compile(rf"\bthe\s+(?:[a-z]+[\s-]+)?(?:{'|'.join(nouns)})(?:['’]s)?\b")


_BODY_REFERENT = _referent(BODY_REFERENTS)
_PLACE_REFERENT = _referent(PLACE_REFERENTS)
_KIN_EN = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z]+\s+)?(?:" + "|".join(KIN_ENGLISH) + r")\b")
# "the (adjective) noun", not "the (port) city of ...": that noun comes with a name, not for it.
_ANY_REFERENT = re.compile(r"\b[Tt]he\s+(?![a-z]+(?:['’]s)?[\s-]+[a-z]+\s+of\b)([a-z]+)\b(?!\s+of\b)(?:['’]s)?"
                           r"(?:[\s-]+([a-z]+)\b(?:['’]s)?)?(?!\s+of\b)")


def unchecked_spans(vi: str, en: str) -> list[tuple[int, int]]:
    """The spans of the source whose names need not be in the English: an acronym in
    brackets that glosses the words before it ("Chỉ số giá tiêu dùng (CPI)", "Hạ viện Đức
    (Bundestag)"); when the English says the acronym or spells it out, the name it glosses
    too ("Tổ chức An ninh Kim loại và Năng lượng Nhật Bản (JOGMEC)" as "JOGMEC"); and a
    place that qualifies a noun rather than being said for itself (PLACE_ARGUMENTS)."""
    glossed = {m.group(1) for m in _GLOSS.finditer(vi)}  # "(CPI)", and CPI said again after it
    spans = [(m.start(), m.end()) for word in glossed for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", vi)]
    for m in _UNIT_AFTER_NUMBER.finditer(vi):
        unit = m.group(1)
        if unit.isupper() or not nf.vietnamese_syllable(unit):
            spans.append(m.span(1))  # "4,1 triệu TEU", "145 Mbps", "hai HCV": a figure's unit
    for m in _GLOSS.finditer(vi):
        acronym = m.group(1)
        said = re.search(rf"(?<!\w){re.escape(acronym)}(?!\w)", en) or _expansions(acronym, en)
        if _ACRONYM.fullmatch(acronym) and said:
            spans += _unplaced(vi, _glossed_name_start(vi, m.start() + 1), m.start() + 1)
    for run_start, run in nf.capitalized_runs(vi):
        parts = nf.split_run(run)
        if not parts or vi.find(" ".join(parts[0]), run_start) != run_start:
            continue  # the run opens with a body's acronym: what follows it qualifies that body
        name = " ".join(parts[0])
        start = run_start
        if not (nf.exonyms(name) or name in nf.PLACES):
            continue
        before = vi[:start].rstrip()
        word = re.search(r"(\w+(?:\s\w+)?)$", before)
        if word is None or not word.group(1)[-1].islower():
            continue  # the sentence's first words, or after a capital: "Việt Nam và Nhật Bản"
        last_two = word.group(1).lower()
        if last_two.split()[-1] in PLACE_ARGUMENTS or last_two in PLACE_ARGUMENTS:
            continue
        spans.append((start, start + len(name)))
    return spans


_UNIT_AFTER_NUMBER = re.compile(r"(?:\d|\b(?:triệu|tỷ|tỉ|nghìn|ngàn|trăm|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười))"
                                r"\s+([A-Z][A-Za-z0-9]{1,5})(?!\w)")
_GLOSS = re.compile(r"\w\s*\((\w[\w&.-]*)\)")
# Where the name an acronym glosses can't reach back past: a clause's or phrase's word.
_BEFORE_A_NAME = frozenset({"của", "cho", "tại", "ở", "với", "từ", "đến", "theo", "hoặc", "cùng", "do", "bởi", "là",
                            "được", "bị", "đã", "sẽ", "đang", "khi", "nhưng", "rằng", "thì", "trong", "giữa", "và"})
_NAME_REACH = 12  # words: "Tổ chức An ninh Kim loại và Năng lượng Nhật Bản" has 11


def _unplaced(vi: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the names from `start` to `end` of the source but its places: "Singapore"
    of "Cơ quan Hàng hải và Cảng vụ Singapore" is still to be said."""
    spans = []
    for run_start, run in nf.capitalized_runs(vi[:end]):
        if run_start < start:
            continue
        for part in nf.split_run(run):
            name = " ".join(part)
            at = vi.find(name, run_start)
            if at >= 0 and not (nf.exonyms(name) or name in nf.PLACES):
                spans.append((at, at + len(name)))
    return spans


def _glossed_name_start(vi: str, end: int) -> int:
    """Where the name that ends at `end` (an acronym's bracket) begins: back over its words
    to a punctuation mark, a word that opens a phrase (_BEFORE_A_NAME; "và" only before a
    lower-case word, as inside "Bộ Nông nghiệp và Môi trường" it joins the name's parts),
    or _NAME_REACH words."""
    words = list(re.finditer(r"[^\W\d_]+|[^\w\s]", vi[:end]))
    start = end
    for i in range(len(words) - 1, max(-1, len(words) - 1 - _NAME_REACH), -1):
        word = words[i].group()
        if not word[0].isalnum():
            break
        if word in _BEFORE_A_NAME and not (word == "và" and start < end and vi[start].isupper()):
            break
        start = words[i].start()
    return start


def _english_tokens(en: str) -> tuple[set[str], str]:
    words = re.findall(r"[a-z0-9]+", nf.plain(en))
    return set(words), "".join(words)


def _name_in(name: str, en: str, tokens: set[str], joined: str) -> bool:
    pattern = nf.english_pattern(name)
    if pattern is not None and pattern.search(en):
        return True
    if _expansions(name, en) or _lowercase_expansion(name, en):
        return True  # "WHO" said as "World Health Organization", "GDP" as "gross domestic product"
    pinyin = nf.pinyin_pattern(name)
    if pinyin is not None and pinyin.search(nf.plain(en)):
        return True  # "Vương Lệ Quân" as "Wang Lijun"
    if " " not in name and any(re.search(rf"\b{p.capitalize()}\b", en) for p in nf.pinyin_readings(name)):
        return True  # "bà Lâm" said again as "Lin"
    first, _, rest = name.partition(" ")
    if "".join(re.findall(r"[a-z0-9]+", nf.plain(name))) in joined:
        return True  # "Đông Á Thanh Hóa" kept as written: no East Asia to look for
    if 2 <= len(name.split()) <= 3 and nf.pinyin_pattern(name) is not None and any(
            re.search(rf"\b{p.capitalize()}\b", en) for p in nf.pinyin_readings(first)):
        return True  # a Chinese name said again by the surname: "Ngụy Liên Kiệt" as "Wei"
    if first in COMPASS:
        if not rest:  # "Nam": the south, or a person called Nam
            return nf.plain(first) in tokens or bool(re.search(rf"\b(?:{'|'.join(COMPASS[first])})", en, re.IGNORECASE))
        if rest in COMPASS_PLACES:
            return any(re.search(r"(?<!\w)" + re.escape(alias), en) for alias in COMPASS_PLACES[rest])
        return _name_in(rest, en, tokens, joined)
    syllables = re.findall(r"[a-z0-9]+", nf.plain(name))
    if not syllables:
        return True
    if "".join(syllables) in joined or syllables[-1] in tokens:
        return True
    if len(syllables) > 1 and sum(s in tokens for s in syllables) * 2 >= len(syllables):
        return True
    return _spelled_alike("".join(syllables), tokens)


def _spelled_alike(name: str, tokens: set[str] | frozenset[str]) -> bool:
    """The name as English spells it a little differently: "Maria" / "Mary", "Bra-xin" /
    "Brazil", "Jumbocho" / "Jimbocho" (difflib's ratio of 0.65 or more)."""
    if len(name) < _ALIKE_LETTERS:
        return False  # "Tom" is not "to"
    return any(abs(len(token) - len(name)) <= 3 and SequenceMatcher(None, name, token).ratio() >= _ALIKE
               for token in tokens)


# --- names the source never says ----------------------------------------------------------


def added_names(vi: str, en: str, glossary: Glossary | None) -> list[Flag]:
    """A flag for each name of the English that nothing of the source accounts for."""
    covered = _accounted_spans(vi, en, glossary)
    covered += [(m.start(), m.end()) for home in HOME_NAMES for m in re.finditer(rf"(?<!\w){home}(?!\w)", en)]
    vi_names = _source_spellings(vi)
    flags: list[Flag] = []
    for form in sorted(_glossary_forms(en, glossary) | (nf.english_names(en) - ENGLISH_CAPITALIZED)):
        for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", en):
            if not _inside(m.start(), m.end(), covered) and not _spelled_in(form, vi_names):
                flags.append(Flag("name", f"{form} not in the Vietnamese"))
                covered.append((m.start(), m.end()))
    unaccounted = _unaccounted_runs(vi, en)
    names_a_body = any(_a_body(run) for start, whole in nf.capitalized_runs(vi)
                       for run in [whole, whole[1:] if nf.at_sentence_start(vi, start) else whole, *nf.split_run(whole)]
                       if run)
    plain = []  # the unknown English names that no body of the source may translate
    bodies = 0
    syllables = [nf.plain(name).split() for name in nf.source_names(vi)  # a Vietnamese person's or place's name
                 if 2 <= len(name.split()) <= 4 and all(nf.vietnamese_syllable(w) for w in name.split())]
    for group in _english_name_groups(en):
        words = group[1:] if _opens_english_sentence(en, group[0].start()) else group
        words = [m for m in words if _stem(m.group()) != "I" and not _labels_a_figure(en, m)]
        if any(_accounted_word(m, covered, vi_names) for m in words) or (
                len(group) > 1 and _spelled_in(" ".join(_stem(m.group()) for m in group), vi_names)):
            flags += [Flag("name", f"{m.group()} not in the Vietnamese") for m in _in_a_names_place(group, syllables)
                      if not _accounted_word(m, covered, vi_names)]
            continue  # "President Donald Trump", "State Bank of Vietnam": a name the source has, and its title
        unknown = [_stem(m.group()) for m in words if _unknown_capital(_stem(m.group()))]
        if not unknown:
            continue
        if names_a_body and any(_stem(m.group()) in BODY_WORDS or _stem(m.group()) in OFFICE_TITLES for m in words):
            bodies += 1  # "Defence Ministry" for "Bộ Quốc phòng": a body of the source, translated
        else:
            plain.append(" ".join(unknown))
    # Each name of the source the English does not spell ("kỳ Thế vận hội", "Đảng Xanh") may
    # be what one of them translates ("the Olympics", "the Greens"); more of them than that,
    # and one is added.
    if len(plain) + bodies > _phrases_of(vi, unaccounted):
        flags += [Flag("name", f"{name} not in the Vietnamese") for name in plain]
    return list(dict.fromkeys(flags))


def _in_a_names_place(group: list[re.Match[str]], names: list[list[str]]) -> list[re.Match[str]]:
    """The unknown capitalized words of an English name that stand where a syllable of a
    Vietnamese name of the source is missing: "Phạm Helen Tuấn" for Phạm Minh Tuấn, "Helen
    Thành" for Long Thành. A word before the name's first syllable said ("Associate
    Professor Dao Xuan Hai") or after its last ("Long Thanh International Airport") stands
    in no syllable's place."""
    parts = [nf.plain(_stem(m.group())).split("-") for m in group]  # "Cat Linh-Ha Dong"
    tokens = [p for word in parts for p in word]
    found = []
    for syllables in names:
        at = [next((syllables.index(p) for p in word if p in syllables), None) for word in parts]
        if all(a is None for a in at) or all(s in tokens for s in syllables):
            continue  # not this name, or all of it
        for i, m in enumerate(group):
            word = _stem(m.group())
            if at[i] is not None or not _unknown_capital(word) or word in _NAME_HEADS:
                continue
            before = at[i - 1] if i > 0 else None
            after = at[i + 1] if i + 1 < len(at) else None
            if after is not None and (after > 0 if before is None else after - before >= 2):
                found.append(m)  # a syllable before `after` is missing, and this word is in its place
    return found


# Abbreviations whose full stop ends no sentence: "the U.S. House", "Mr. Matsuda".
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.){2,}\s*$"
                           r"|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sen|Rep|Gov|Jr|Sr|No|Corp|Inc|Co|Prof)"
                           r"\.\s*$")


def _opens_english_sentence(en: str, offset: int) -> bool:
    return nf.at_sentence_start(en, offset) and not _ABBREVIATION.search(en, 0, offset)


def _accounted_word(word: re.Match[str], covered: list[tuple[int, int]], vi_names: _Spellings) -> bool:
    """Whether a source name accounts for a capitalized English word: inside a span the
    source accounts for, or spelled by the source; a compound of names, each of its parts
    ("Norwegian-German" for "Na Uy - Đức")."""
    stem = _stem(word.group())
    if _inside(word.start(), word.start() + len(stem), covered) or _spelled_in(stem, vi_names):
        return True
    parts = [(m.start(), m.group()) for m in re.finditer(r"[^\W_]+", stem)]
    return len(parts) > 1 and "-" in stem and all(
        _inside(word.start() + at, word.start() + at + len(part), covered) or _spelled_in(part, vi_names)
        for at, part in parts)


def _labels_a_figure(en: str, word: re.Match[str]) -> bool:
    """A noun that labels the figure after it ("a Category 4 storm", "Phase 2"): the
    figure's, checked with the numbers."""
    return word.group() in FIGURE_LABELS and re.match(r"\s+\d", en[word.end():]) is not None


# What joins capitalized runs into one English name: a space where a possessive broke the
# run ("People's Committee"); after a body's or a place's head word, "of" or "for" ("State
# Bank of Vietnam", "Ministry for Foreign Affairs", "City of Honolulu") and "and" ("Academy
# of Science and Technology"), not after any word ("Seoul Seary of Des Gen").
_NAME_JOINS = re.compile(r"\s+(?:of|for|on)(?:\s+the)?\s+")
_BODY_AND = re.compile(r"\s+and\s+")
_NAME_HEADS = BODY_WORDS | PLACE_HEADS | OFFICE_TITLES
# A list inside a name after its head: "Ministry of Culture, Sports and Tourism".
_LIST_REST = re.compile(r"(?:\s+[A-Z][\w'’-]*)*(?:,\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)*,?\s+and\s+[A-Z]")


def _english_name_groups(en: str) -> list[list[re.Match[str]]]:
    """The capitalized words of the English, a list per name: a run of them, or runs joined
    as _NAME_JOINS says."""
    groups: list[list[re.Match[str]]] = []
    for start, run in nf.capitalized_runs(en):
        words = [m for m in _WORD.finditer(en, start) if m.start() < start + len(" ".join(run)) + 2][: len(run)]
        if not words:
            continue
        gap = en[groups[-1][-1].end() : words[0].start()] if groups else ""
        heads = bool(groups) and any(_stem(m.group()) in _NAME_HEADS for m in groups[-1])
        headed = any(_stem(m.group()) in _NAME_HEADS for m in words)  # "Fire and Disaster Management Agency"
        listed = heads and re.fullmatch(r",\s+", gap) is not None and _LIST_REST.match(en, words[-1].end()) is not None
        if groups and (gap.isspace() or listed or ((heads or headed) and _BODY_AND.fullmatch(gap))
                       or (heads and _NAME_JOINS.fullmatch(gap))):
            groups[-1] += words
        else:
            groups.append(words)
    return groups


_Spellings = tuple[frozenset[str], tuple[str, ...], tuple[re.Pattern[str], ...]]


def _source_spellings(vi: str) -> _Spellings:
    """The capitalized words of the source without their marks, each run of them joined
    ("hanoi" of "Hà Nội"), and the pinyin of each run that reads as Chinese ("Hoàng Nham":
    Huangyan): what an English name may spell."""
    whole = [run for _, run in nf.capitalized_runs(vi)]
    runs = [[w for w in (re.sub(r"\W", "", nf.plain(word)) for word in run) if w] for run in whole]
    parts = [part for run in whole for part in [run, *nf.split_run(run)]]
    pinyin = (nf.pinyin_pattern(" ".join(name)) for part in parts for name in (part, nf.name_words(part, True)))
    return (frozenset(w for run in runs for w in run), tuple("".join(run) for run in runs),
            tuple(p for p in dict.fromkeys(pinyin) if p is not None))


def _stem(word: str) -> str:
    """A word without its clitic or a lower-case word hyphened on: "Tom's" is Tom, "I'll"
    I, "London-based" London."""
    word = re.split(r"['’]", word, maxsplit=1)[0]
    return re.sub(r"-[a-z][\w-]*$", "", word)


def _unknown_capital(word: str) -> bool:
    """A capitalized English word that may be a name: not a title or word of address ("Mr",
    "God") or a compound of them ("Secretary-General"), not a month or weekday, not an
    acronym ("GDP", "VND": most translate words) and no figure ("VND1.5")."""
    if "-" in word:
        return any(_unknown_capital(part) for part in word.split("-") if part)
    return not (word in ENGLISH_CAPITALIZED or word.isupper() or word.lower() in _CALENDAR_ENGLISH
                or any(ch.isdigit() for ch in word))


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
    for first, rest in itertools.pairwise(_WORD.findall(vi)):
        if first in COMPASS and rest in COMPASS_PLACES:  # "Tây Phi": West Africa, West African
            spans += [(m.start(), m.end() + _word_rest(en, m.end())) for alias in COMPASS_PLACES[rest]
                      for m in re.finditer(alias, en)]
    for acronym in set(_ACRONYM.findall(vi)):
        spans += _expansions(acronym, en)
    for phrase in _phrases(vi):
        pattern = nf.english_pattern(phrase) if nf.exonyms(phrase) else None
        if pattern is not None:
            spans += [(m.start(), m.end() + _word_rest(en, m.end())) for m in pattern.finditer(en)]
    return spans


# An acronym: two or more capitals, a lower-case letter allowed inside ("BoJ", "BoE").
_ACRONYM = re.compile(r"[A-Z](?:[a-z]?[A-Z])+s?")
_ENGLISH_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_SMALL_WORDS = frozenset({"of", "the", "for", "and", "on", "de", "du", "la", "&"})


def _expansions(acronym: str, en: str) -> list[tuple[int, int]]:
    """The spans of the English that spell an acronym of the source out: "World Health
    Organization" for WHO, "Bank of Japan" for BoJ (a small letter stands for a small
    word), "Airports Corporation of Vietnam" for ACV (small words may go unlettered)."""
    if not _ACRONYM.fullmatch(acronym):
        return []
    letters = acronym[:-1] if acronym.endswith("s") and len(acronym) > 2 else acronym
    words = list(_ENGLISH_WORD.finditer(en))
    spans = []
    for i, first in enumerate(words):
        if not first.group()[0].isupper():
            continue
        k = 0  # letters matched so far
        for word in words[i:]:
            text = word.group()
            if k < len(letters) and text[0].lower() == letters[k].lower() and (
                    text[0].isupper() or letters[k].islower()):
                k += 1
                if k == len(letters):
                    spans.append((first.start(), word.end()))
                    break
            elif text.lower() not in _SMALL_WORDS:
                break
    return spans


def _lowercase_expansion(acronym: str, en: str) -> bool:
    """An acronym of three letters or more spelled out in lower case, one word of four
    letters or more a letter ("gross domestic product" for GDP)."""
    if not re.fullmatch(r"[A-Z]{3,}", acronym):
        return False
    words = r"\s+".join(rf"{letter.lower()}[a-z]{{3,}}" for letter in acronym)
    return re.search(rf"\b{words}\b", en) is not None


def _word_rest(text: str, end: int) -> int:
    """How many letters the word at `end` runs on ("Korea" of "Koreans")."""
    m = re.match(r"[^\W_]*", text[end:])
    return len(m.group()) if m else 0


def _phrases(vi: str) -> list[str]:
    """Every run of up to _MAX_NGRAM words of `vi` that may be a name the data gives an
    English form, as written and capitalized ("tiếng anh" is looked up as "Tiếng Anh" too:
    English capitalizes what Vietnamese may not)."""
    words = _WORD.findall(vi)
    starts = [i for i, w in enumerate(words) if nf.tone_key(w).casefold() in nf.EXONYM_FIRST_WORDS]
    runs = [" ".join(words[i : i + n]) for i in starts for n in range(1, _MAX_NGRAM + 1) if i + n <= len(words)]
    return runs + [" ".join(w[:1].upper() + w[1:] for w in run.split()) for run in runs]


def _unaccounted_runs(vi: str, en: str) -> list[tuple[int, list[str], bool]]:
    """The names of the source (runs of capitalized words, split as the name finder splits
    them, the sentence's first word aside) that the English has neither spelled nor by
    their English form: what an unknown English capital may translate. Each with its
    offset and whether a body's head word opens its run ("Bộ Văn hóa": its English is "the
    culture ministry")."""
    tokens = _english_tokens(en)[0] - FUNCTION_WORDS  # "Thế" is not "the"
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
            pinyin = nf.pinyin_pattern(" ".join(words))
            if pinyin is not None and pinyin.search(nf.plain(en)):
                continue  # "Thâm Quyến" as "Shenzhen"
            if not all(_word_in(w, en, tokens) or _expansions(w, en) for w in words):
                unaccounted.append((offset, words, body))
    return unaccounted


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
    if first in nf.ORG_HEADS or first in nf.ADMIN_ACRONYMS or _ACRONYM.fullmatch(first) is not None:
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


# Months and weekdays (a number's words, checked as numbers) and one-word holidays.
_CALENDAR_ENGLISH = frozenset(form.lower() for forms in nf.CALENDAR_NAMES.values() for form in forms if " " not in form)
