"""What a professional English may leave unsaid by name, so the name flag must not ask for
it: the spans of the source whose names need not be in the English (an acronym's gloss, a
unit after a figure, a place that qualifies a noun), and names said another way in the
sentence (a place as "the city", a body's acronym as "the bank", a name after the noun
that says what it is as that noun, "the capital", a person as "he", "she" or "her son").
"""
from __future__ import annotations

import re

from digest import namefinder as nf
from digest import vocabulary
from digest.qa.acronyms import ACRONYM, expansions

PLACE_ARGUMENTS = vocabulary.words("qa_words", "vietnamese", "place_arguments")
KIN_WORDS = vocabulary.words("qa_words", "vietnamese", "kin_words")
KIN_ENGLISH = sorted(vocabulary.words("qa_words", "english", "kin_words"), key=len, reverse=True)
NOUN_REFERENTS = vocabulary.aliases("qa_words", "vietnamese", "place_nouns") | vocabulary.aliases(
    "qa_words", "vietnamese", "body_nouns")
BODY_REFERENTS = sorted(vocabulary.words("qa_words", "english", "body_referents"), key=len, reverse=True)
PLACE_REFERENTS = sorted(vocabulary.words("qa_words", "english", "place_referents"), key=len, reverse=True)


def said_another_way(vi: str, en: str, missing: list[str]) -> list[str]:
    """The names of `missing` (the source's names the English doesn't spell) that the
    English doesn't say another way either."""
    if not missing:
        return missing
    # A place said again as "the city", "the country's"; a body named by its acronym as "the
    # bank", "the agency" (BoJ, SCA): as many of them as the English has such phrases may be
    # missing by name. So may a name said after the noun that says what it is ("thủ đô
    # Kigali", "CLB Hà Nội") where the English says that noun again ("the capital", "the club").
    for said_again, referent in ((nf.known_place, _PLACE_REFERENT), (ACRONYM.fullmatch, _BODY_REFERENT)):
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
    missing = list(missing)
    for name, noun_referents in nouns.items():
        said = next((r for r in referents if r & set(noun_referents)), None)
        if said is not None:
            referents.remove(said)
            missing.remove(name)
    # A person named again by one syllable after "ông", "bà" ("Theo ông Khoa", "Bà Vân cho
    # biết") that the English calls "he", "she" or by role ("the minister"), one a person.
    # After any other title ("HLV Bae", "bị cáo Hân"), by its role only ("the coach"): a
    # pronoun is too common a word to stand for a defendant named again.
    roles = len(_PERSON_ROLE.findall(en))
    pronouns = len(_SUBJECT_PRONOUN.findall(en)) - len(_VI_PRONOUN.findall(vi))
    for name in [name for name in missing if " " not in name and _honoured(name, vi, _ADDRESS_WORDS)]:
        if pronouns + roles > 0:
            missing.remove(name)
            pronouns, roles = (pronouns - 1, roles) if pronouns > 0 else (pronouns, roles - 1)
    for name in [name for name in missing if " " not in name and _honoured(name, vi, _TITLE_WORDS)][:max(roles, 0)]:
        missing.remove(name)
    # A person the source names as someone's kin ("con trai bà Loan", "anh em trai của
    # Ndlovu") that the English calls "her son", "his brothers".
    kin = len(_KIN_EN.findall(en))
    for name in [name for name in missing if _kin_of(name, vi)][:kin]:
        missing.remove(name)
    # A person the source names as the one something is of ("luật sư của ông Zulkifli") that
    # the English calls "his", "her" ("his lead counsel").
    owners = len(_POSSESSIVE.findall(en))
    for name in [name for name in missing if _owner(name, vi)][:owners]:
        missing.remove(name)
    # The subject the English opens with a pronoun or a description ("He will face", "The
    # 54-year-old", "The airline also booked") and its translation by name ("Pryce sẽ gặp",
    # "Ông Lương, 54 tuổi", "Singapore Airlines cũng"): Vietnamese names the subject again.
    # Not a Vietnamese name in full ("Ông Trần Văn Hùng cho biết" as "He said"): the reader
    # of an English made from Vietnamese needs it.
    if missing and _OPENING_REFERENT.match(en):
        opening = _opening_name(vi, missing)
        if opening is not None and (" " not in opening or not all(map(nf.vietnamese_syllable, opening.split()))):
            missing.remove(opening)
    return missing


def _opening_name(vi: str, names: list[str]) -> str | None:
    """The name of `names` that opens the Vietnamese sentence, after a word of address or
    a title at most ("Ông Lương, 54 tuổi, ..."), if one does."""
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", vi)
    for name in names:
        size = len(name.split())
        for skip in (0, 1, 2):
            if " ".join(words[skip : skip + size]) == name and all(
                    w.lower() in _ADDRESS_WORDS or w.lower() in _TITLE_WORDS for w in words[:skip]):
                return name
    return None


PERSON_ROLES = vocabulary.words("qa_words", "english", "person_roles")
_PERSON_ROLE = re.compile(r"\b[Tt]he\s+(?:\d+-year-old\b|(?:[a-z]+\s+)?(?:"
                          + "|".join(sorted(PERSON_ROLES, key=len, reverse=True)) + r")\b(?!\s+of\b))")
_SUBJECT_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_POSSESSIVE = re.compile(r"\b(?:[Hh]is|[Hh]er)\b")
# An English sentence that opens on its subject said again: a pronoun, "The 54-year-old",
# "The airline", "The minister".
_OPENING_REFERENT = re.compile(r"\W*(?:(?:He|She|It|They)\b|The\s+(?:\d+-year-old\b|(?:[a-z]+[\s-]+)?(?:"
                               + "|".join(sorted([*PERSON_ROLES, *BODY_REFERENTS], key=len, reverse=True))
                               + r")\b))")
_VI_PRONOUN = re.compile(r"\b(?:ông ấy|bà ấy|anh ấy|chị ấy|cô ấy)\b", re.IGNORECASE)


def _honoured(name: str, vi: str, words: frozenset[str]) -> bool:
    """Whether the source says `name` right after one of `words` (of address, "ông", "bà";
    or titles, "HLV", "bác sĩ"): a person named again by one syllable."""
    return any(re.search(rf"(?i:\b{re.escape(word)})\s+{re.escape(name)}(?!\w)", vi) for word in words)




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
# Words of address, after which the English may call the person "he" or "she" ...
_ADDRESS_WORDS = _PERSON_WORDS | {"bác sĩ", "tiến sĩ", "luật sư", "kỹ sư"}
# ... and titles ("HLV Bae", "TS Hân", "Bộ trưởng Vollmer"), after which only by the title's
# role ("the coach").
_TITLE_WORDS = frozenset({w.lower() for w in nf.NAME_PREFIXES} | nf.TITLE_PHRASES) - _ADDRESS_WORDS


def _owner(name: str, vi: str) -> bool:
    """Whether the source says `name` after "của" and a word of address ("của ông Zulkifli",
    "của đảng ông Zulkifli"): a person something is of. Not after "của" alone ("chiến dịch
    của McCain"), as often the English's own "McCain's campaign"."""
    return re.search(rf"\bcủa\s+(?:[^\W\d_]+\s+)?(?:ông|bà|anh|chị|cô)\s+{re.escape(name)}(?!\w)", vi) is not None


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
    """ "the" and one of `nouns`, an adjective allowed between, a possessive after; the noun
    may be capitalized, as English writes a body's short name ("the Fund" for the IMF)."""
    alternatives = "|".join(f"[{noun[0]}{noun[0].upper()}]{re.escape(noun[1:])}" for noun in nouns)
    adjective = r"(?:[a-z0-9]+(?:-[a-z]+)?[\s-]+)?"  # "the central bank", "the 27-nation bloc"
    return re.compile(rf"\b[Tt]he\s+{adjective}(?:{alternatives})(?:['’]s)?\b")


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
    place that qualifies a noun rather than being said for itself (PLACE_ARGUMENTS); a
    bracket that restates what comes before it (restated_spans)."""
    glossed = {m.group(1) for m in _GLOSS.finditer(vi)}  # "(CPI)", and CPI said again after it
    spans = restated_spans(vi, en)
    spans += [m.span() for m in _AGENCY.finditer(vi)]  # "…, theo Reuters": the wire names not itself
    if not _DATELINE.match(en):
        spans += [m.span() for m in _OPENING_CREDIT.finditer(vi)]  # "Theo AFP, …", unless a dateline credits it
    spans += [m.span() for word in glossed for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", vi)]
    for m in _UNIT_AFTER_NUMBER.finditer(vi):
        unit = m.group(1)
        if unit.isupper() or not nf.vietnamese_syllable(unit):
            spans.append(m.span(1))  # "4,1 triệu TEU", "145 Mbps", "hai HCV": a figure's unit
    plain_en = set(re.findall(r"[a-z0-9]+", nf.plain(en)))
    for m in _GLOSSED_ACRONYM.finditer(vi):  # "VCB (Vietcombank)": the English may say the name alone
        if all(w in plain_en for w in re.findall(r"[a-z0-9]+", nf.plain(m.group(2)))):
            spans.append(m.span(1))
    for m in _GLOSS.finditer(vi):
        acronym = m.group(1)
        said = re.search(rf"(?<!\w){re.escape(acronym)}(?!\w)", en) or expansions(acronym, en)
        if ACRONYM.fullmatch(acronym) and said:
            spans += _unplaced(vi, _glossed_name_start(vi, m.start() + 1), m.start() + 1)
    spans += _zoned_places(vi, en)
    for run_start, run in nf.capitalized_runs(vi):
        parts = nf.split_run(run)
        if not parts:
            continue
        name = " ".join(parts[0])
        at = vi.find(name, run_start)
        if at != run_start:  # the run opens with a body's acronym
            if run[0] in nf.ADMIN_ACRONYMS and nf.known_place(name):
                spans.append((at, at + len(name)))  # "UBND TP HCM": the place qualifies the body
            continue
        start = run_start
        if not nf.known_place(name):
            continue
        before = vi[:start].rstrip()
        word = re.search(r"(\w+(?:\s\w+)?)$", before)
        if word is None or not word.group(1)[-1].islower():
            continue  # the sentence's first words, or after a capital: "Việt Nam và Nhật Bản"
        last_two = word.group(1).lower()
        if word.group(1) != "Liên bang" and (last_two.split()[-1] in PLACE_ARGUMENTS or last_two in PLACE_ARGUMENTS):
            continue  # "tại Đức", "bang Texas"; not "Cục Dự trữ Liên bang Mỹ", the Federal Reserve
        spans.append((start, start + len(name)))
    return spans


TIME_ZONES = vocabulary.aliases("places", "time_zones")
_ZONE = re.compile(r"(?<![\w.])(" + "|".join(sorted(TIME_ZONES, key=len, reverse=True)) + r")\b")
_HOUR_OF = re.compile(r"\bgiờ(?:\s+[^\W\d_]+){0,3}\s+$")  # "giờ miền đông nước "


def _zoned_places(vi: str, en: str) -> list[tuple[int, int]]:
    """The spans of the source's countries that say a time's zone ("14h30 theo giờ miền đông
    Australia") where the English writes the zone ("2:30pm AEST"), which says the country."""
    countries = {c for m in _ZONE.finditer(en) for c in TIME_ZONES[m.group(1)]}
    if not countries:
        return []
    spans = []
    for start, run in nf.capitalized_runs(vi):
        name = " ".join(run)
        if _HOUR_OF.search(vi, 0, start) and countries & set(nf.exonyms(name)):
            spans.append((start, start + len(name)))
    return spans


_AGENCIES = "|".join(re.escape(a) for a in sorted(nf.NEWS_AGENCIES, key=len, reverse=True))
# Only the paper's credit: "…, theo (hãng tin) Reuters." closing the sentence, "Theo AFP, …"
# opening it, or "Bloomberg dẫn nguồn tin …"; an agency the sentence reports on ("được
# Reuters thăm dò") stays.
# "(hãng tin) Reuters", "đài ABC của Australia"
_CREDITED = (rf"(?:(?:hãng tin|hãng thông tấn|báo|tờ|đài)\s+)?(?:{_AGENCIES})"
             r"(?:\s+của\s+[A-ZĐÂ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÂ-Ỹ][^\W\d_]*)*)?")
_AGENCY = re.compile(rf"(?<=\btheo ){_CREDITED}(?=\s*[.!?\"”]*\s*$)|(?<!\w)(?:{_AGENCIES})(?=\s+dẫn\b)",
                     re.IGNORECASE)
_OPENING_CREDIT = re.compile(rf"(?<=^Theo ){_CREDITED}(?=\s*,)", re.IGNORECASE)
# The wire's own dateline credit, which says the agency: "SEOUL, Dec. 3 (Yonhap) --".
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:,[^()]{0,20})?\s*\([^()]+\)\s*(?:--|[-–—])")
# A bracket that says again what comes before it, another way: "ngày 11/2 (tức mùng 6 tháng
# Giêng năm Đinh Mùi)", the lunar date of a solar one. An English edition may leave it out.
# So is the country Vietnamese papers put after Taiwan, Hong Kong and Macau: "Đài Loan
# (Trung Quốc)".
_RESTATED = re.compile(r"\((?:[^()]*,\s*)?(?:tức|tức là|nhằm|nhằm ngày|theo âm lịch|âm lịch)\b[^()]*\)"
                       r"|(?<=Đài Loan )\(Trung Quốc\)|(?<=Hồng Kông )\(Trung Quốc\)|(?<=Hong Kong )\(Trung Quốc\)"
                       r"|(?<=Ma Cao )\(Trung Quốc\)", re.IGNORECASE)


# A figure the translator converts in brackets after it (the wire had it once): "3,79
# USD/pound (khoảng 8,36 USD/kg)", "lúc 14h40 (13h40 giờ Hà Nội)", "23 hải lý (43 km)".
_CONVERTED = re.compile(r"\(\s*(?:khoảng|tương đương|chừng|gần|hơn|~)?\s*\d[^()]*\)", re.IGNORECASE)
_BRACKET = re.compile(r"\(([^()]{2,30})\)")
# A conversion only the Vietnamese paper makes: into đồng, or into Hanoi's time.
_OWN_CONVERSION = re.compile(r"\bđồng\b|giờ Hà Nội", re.IGNORECASE)


def _place_before(vi: str, end: int) -> bool:
    """Whether a name no person's ends at `end`: "Madrid" of "Madrid (Tây Ban Nha)", not
    "Lý Hạo Nhiên" of "Lý Hạo Nhiên (Trung Quốc)", whose country the English says."""
    runs = [run for start, run in nf.capitalized_runs(vi[:end]) if not vi[start + len(" ".join(run)):end].strip()]
    if runs and nf.known_place(" ".join(runs[-1])):
        return True  # "Trường Sa (tỉnh Hồ Nam)": Changsha, though "Trường" is a family name too
    return bool(runs) and runs[-1][0] not in nf.SURNAMES and runs[-1][0] not in nf.NAME_PREFIXES


_FIGURE_BEFORE = re.compile(r"\d[^\d()]{0,25}$")
_UNIT_BEFORE = re.compile(r"^(?:tỉnh|bang|tiểu bang|tỉnh bang|vùng|khu vực|thành phố|nước)\s+(?=[A-ZĐÂ-Ỹ])")


def _a_place(text: str) -> bool:
    """Whether a bracket's text is a place: one the data knows, or a name after the word
    for a province or a state ("tỉnh Hồ Nam")."""
    return nf.known_place(text) or _UNIT_BEFORE.match(text) is not None


def restated_spans(vi: str, en: str) -> list[tuple[int, int]]:
    """The brackets of the source that say again what comes before them: a restatement, and
    a figure's conversion into đồng, or any where the English has no bracket (where it
    has one, the conversion is there, and checked)."""
    spans = [m.span() for m in _RESTATED.finditer(vi)]
    spans += [m.span() for m in _BRACKET.finditer(vi)  # "Madrid (Tây Ban Nha)": where a named place is
              if _a_place(m.group(1).split(",")[-1].strip()) and _place_before(vi, m.start())]
    # A conversion into đồng or Hanoi's time is the Vietnamese paper's own: the English never
    # has it, however far the figure it converts ("lúc 14h30 thứ Ba theo giờ miền đông
    # Australia (11h30 giờ Hà Nội)").
    # So is one into another currency than the English converts into ("(khoảng 1 triệu USD)"
    # where the English has "(about £780,000)").
    return spans + [m.span() for m in _CONVERTED.finditer(vi) if _OWN_CONVERSION.search(m.group()) or (
        _FIGURE_BEFORE.search(vi, 0, m.start()) and ("(" not in en or _other_currency(m.group(), en)))]


# A currency a bracket converts into, as Vietnamese and English news write it.
_VI_CURRENCIES = {"$": r"\b(?:USD|đô la|đôla)\b", "£": r"\b(?:bảng|GBP)\b", "€": r"\b(?:euro|EUR)\b",
                  "¥": r"\b(?:yên|JPY|nhân dân tệ|NDT|CNY)\b"}
_EN_BRACKET = re.compile(r"\(([^()]*)\)")


def _other_currency(bracket: str, en: str) -> bool:
    """Whether a conversion bracket of the source is into a currency none of the English's
    brackets has, though one of them converts: the two editions converted apart."""
    ours = [sign for sign, words in _VI_CURRENCIES.items() if re.search(words, bracket, re.IGNORECASE)]
    theirs = {sign for m in _EN_BRACKET.finditer(en) for sign in _VI_CURRENCIES if sign in m.group(1)}
    return bool(ours) and bool(theirs) and not theirs & set(ours)


_UNIT_AFTER_NUMBER = re.compile(r"(?:\d|\b(?:triệu|tỷ|tỉ|nghìn|ngàn|trăm|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười))"
                                r"\s+([A-Z][A-Za-z0-9]{1,5})(?!\w)")
_GLOSSED_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]{1,5})\s*\(([A-ZĐ][^()]{2,40})\)")
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
            if at >= 0 and not nf.known_place(name):
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
