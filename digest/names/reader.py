"""Reading one sentence for names: organizations by their head word, runs of capitals, acronyms.

See digest.names for the rules; which words are names at all is digest.namefinder's to say.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from digest import namefinder as nf
from digest import vocabulary
from digest.namefinder import vietnamese_syllable


@dataclass(frozen=True)
class Found:
    """One occurrence of a name in a sentence."""

    name: str
    kind: str | None  # what the context says, or None
    initial: bool  # it starts its sentence (so its capital proves nothing)
    sentence: str
    expands: str | None = None  # for an acronym: the name it stands for




# --- words ---------------------------------------------------------------------------------

WORD = re.compile(r"[^\W_]+(?:[-.’'][^\W_]+)*")
_ACRONYM_AFTER = re.compile(r"\s*\(([A-ZĐ][A-ZĐ0-9&]{1,9})\)")
_MAX_LOWER_RUN = 16  # words: "Cục Cảnh sát điều tra tội phạm về trật tự quản lý kinh tế và chức vụ (C46)"
_MAX_HEAD_WORDS = max(len(h.split()) for h in nf.NAME_HEADS)


def _head_key(text: str) -> str:
    """A head as a table key: its first word as written, the rest in lower case, since
    "Khu Công nghiệp" and "Khu công nghiệp" are the same head."""
    first, _, rest = text.partition(" ")
    return f"{first} {rest.lower()}" if rest else first


_HEADS = {_head_key(head): kind for head, kind in nf.NAME_HEADS.items()}
_MAX_TITLE_WORDS = max(len(t.split()) for t in nf.TITLE_PHRASES)


_PHOTO_CREDIT_BEFORE = re.compile(r"(?:Ảnh|Ảnh minh họa|Nguồn)\s*:\s*$")
_CITY = frozenset({"TP", "TP.", "Tp", "Tp."})
_CITY_WORD = re.compile(r"TP\.[A-ZĐ][\w.]+")
_COMPASS = frozenset({"Đông", "Tây", "Nam", "Bắc"})
_TEAM = re.compile(r"U-?\d{2}")  # "U-23 Myanmar", "U23 Việt Nam": an age-group team


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int

    @property
    def cap(self) -> bool:
        digits = any(ch.isdigit() for ch in self.text)
        return self.text[0].isupper() and (not digits or bool(_TEAM.fullmatch(self.text)))


def _words(sentence: str) -> list[_Word]:
    """The words of a sentence; a hyphen joins the syllables of one foreign name ("Jung-han",
    "Mát-xcơ-va") but separates two Vietnamese names ("Nhật Bản-Hàn Quốc")."""
    words = []
    for m in WORD.finditer(sentence):
        parts = m.group().split("-")
        piece = hyphen = m.start()
        for part, nxt in itertools.pairwise(parts):
            hyphen += len(part)
            if nxt[:1].isupper() and vietnamese_syllable(part) and vietnamese_syllable(nxt):
                words.append(_Word(sentence[piece:hyphen], piece, hyphen))
                piece = hyphen + 1
            hyphen += 1
        words.append(_Word(sentence[piece : m.end()], piece, m.end()))
    return words


def _joined(sentence: str, words: list[_Word], i: int) -> bool:
    """Whether words i-1 and i are separated by a space only (one name may continue), or by
    the full stop of an abbreviated unit ("TP. Hà Nội", "Q. Tân Bình")."""
    if i <= 0:
        return False
    between = sentence[words[i - 1].end : words[i].start]
    return between in (" ", "\u00a0") or (between in (". ", ".\u00a0") and words[i - 1].text in _DOTTED_UNITS)


def _phrase_at(words: list[_Word], i: int, phrases: Iterable[str], most: int, sentence: str,
               lower: bool = False) -> int:
    """The number of words of the longest phrase that starts at word i, or 0."""
    table = set(phrases)
    for n in range(min(most, len(words) - i), 0, -1):
        if n > 1 and not all(_joined(sentence, words, k) for k in range(i + 1, i + n)):
            continue
        text = " ".join(w.text for w in words[i : i + n])
        if (text.lower() if lower else text) in table:
            return n
    return 0


def _head_len(words: list[_Word], i: int, sentence: str) -> int:
    """The number of words of the longest organization head at word i, or 0."""
    for n in range(min(_MAX_HEAD_WORDS, len(words) - i), 0, -1):
        if n > 1 and not all(_joined(sentence, words, k) for k in range(i + 1, i + n)):
            continue
        if _head_key(" ".join(w.text for w in words[i : i + n])) in _HEADS:
            return n
    return 0


def known_places(extra: Iterable[str]) -> frozenset[str]:
    """Places at which a run of capitals may be split: Vietnam's, those the data gives an
    English form, and `extra` (the glossary's forms)."""
    return nf.PLACES | frozenset(nf.EXONYMS) | frozenset(extra)


# --- one sentence --------------------------------------------------------------------------


class Reader:
    """Finds the names of one sentence; `known` are places (and glossary forms) at which a
    run of capitals may be split."""

    def __init__(self, sentence: str, known: frozenset[str]):
        self.s = sentence
        self.w = _words(sentence)
        self.known = known
        self.found: list[Found] = []
        self._nested: list[tuple[int, int, str]] = []  # names inside the organization being read

    def read(self) -> list[Found]:
        i, context = 0, None
        while i < len(self.w):
            word = self.w[i]
            body = self._acronym_body(i) if word.cap else 0
            if body:
                i, context = body, None
                continue
            title = _phrase_at(self.w, i, nf.TITLE_PHRASES, _MAX_TITLE_WORDS, self.s, lower=True)
            head = self._organization(i) if word.cap and not _phrase_at(self.w, i, self.known, 5, self.s) > 1 else 0
            if head and head >= title:
                i = head
                context = None
            elif title and not (word.cap and title == 1 and self._starts_name(i)):
                i, context = i + title, "person"
            elif word.cap:
                end = self._run_end(i)
                self._run(i, end, context)
                i, context = end, None
            else:
                n = _phrase_at(self.w, i, nf.PLACE_CONTEXT | nf.PERSON_CONTEXT, 2, self.s, lower=True) or 1
                text = " ".join(w.text for w in self.w[i : i + n]).lower()
                context = "person" if text in nf.PERSON_CONTEXT else "place" if text in nf.PLACE_CONTEXT else None
                i += n
        self._initialisms()
        return self.found

    def _initialisms(self) -> None:
        """An acronym whose letters are the initials of the words before it, in any case:
        "an ninh quốc gia (ANQG)", "trật tự an toàn xã hội (TTATXH)"."""
        expanded = {f.name for f in self.found if f.expands}
        for m in _ACRONYM_AFTER_ANYWHERE.finditer(self.s):
            acronym = m.group(1)
            letters = [c for c in acronym.upper() if c.isalpha()]
            ends = [k for k, w in enumerate(self.w) if w.end <= m.start() and self.s[w.end : m.start()].strip() == ""]
            if acronym in expanded or not ends or len(letters) < 2:
                continue
            last = ends[-1]
            first = last - len(letters) + 1
            if first < 0 or not all(_joined(self.s, self.w, k) for k in range(first + 1, last + 1)):
                continue
            initials = [_plain_initial(w.text) for w in self.w[first : last + 1]]
            if initials == [_plain_initial(c) for c in letters]:
                expansion = self.s[self.w[first].start : self.w[last].end]
                self.found.append(Found(acronym, "org", False, self.s, expands=expansion))

    def _starts_name(self, i: int) -> bool:
        """A capitalized one-word title that is a family name here ("Trưởng" no; "Cao Văn
        Minh" yes) — only SURNAMES can be both."""
        return self.w[i].text in nf.SURNAMES and i + 1 < len(self.w) and self.w[i + 1].cap

    def _initial(self, i: int) -> bool:
        return nf.at_sentence_start(self.s, self.w[i].start)

    def _head_at(self, j: int) -> bool:
        """Whether an organization's head word, followed by a capital, starts at word j."""
        n = _head_len(self.w, j, self.s)
        return bool(n) and j + n < len(self.w) and self.w[j + n].cap and _joined(self.s, self.w, j + n)

    def _run_end(self, i: int) -> int:
        end = i + max(1, _phrase_at(self.w, i, self.known, 5, self.s))  # "Tây Ban Nha" holds no head "Ban"
        while end < len(self.w) and _joined(self.s, self.w, end):
            if self.w[end].cap and not self._head_at(end) and not self._starts_described(end):
                end += 1
            elif self._foreign_joiner(end):
                end += 2
            else:
                break
        # A caption glued to the next sentence: "Ảnh: Trương Hải Tùng Trong trận lượt về ..."
        last = self.w[end - 1].text
        glued_opener = end - i > 1 + (last not in nf.NEVER_LAST) and last in nf.GLUED_OPENERS
        # A photo credit the same way: "Ảnh: Ánh Tâm Gian hàng ..." (a credit is two or three words)
        glued_credit = (end - i >= 3 and _PHOTO_CREDIT_BEFORE.search(self.s, 0, self.w[i].start) is not None
                        and end < len(self.w) and not self.w[end].cap and _joined(self.s, self.w, end))
        return end - 1 if glued_opener or glued_credit else end

    # organizations

    def _organization(self, i: int) -> int:
        """The end of an organization's name that starts at word i, or 0 when none does."""
        standalone = _phrase_at(self.w, i, nf.STANDALONE_NAMES, 3, self.s)
        n = _head_len(self.w, i, self.s)
        after = i + n
        local = self._local_body(i, after) if n else 0
        if local:
            self._add(i, local, _HEADS[_head_key(" ".join(w.text for w in self.w[i:after]))])
            return local
        described = self._described(i, after) if n else 0
        if described:
            return described
        if not n or after >= len(self.w) or not self.w[after].cap or not _joined(self.s, self.w, after):
            if standalone:
                self._add(i, i + standalone, nf.STANDALONE_NAMES[" ".join(w.text for w in
                                                                          self.w[i : i + standalone])])
                return i + standalone
            return 0
        kind = _HEADS[_head_key(" ".join(w.text for w in self.w[i:after]))]
        inner = _head_len(self.w, after, self.s)
        if inner and after + inner < len(self.w) and self.w[after + inner].cap:
            after += inner  # "Đảng ủy Bộ Công an": the words after the second head name it
        self._nested = []
        end = self._to_acronym(self._org_words(after))
        if kind == "place" and end - after >= 1 and self.w[end - 1].text[0].islower():
            return 0  # "Đường Lê Lợi" is a street; "Cầu thủ" no name at all
        first = i
        if " ".join(w.text for w in self.w[i:after]) in nf.ADMIN_UNITS:
            first = after  # "Tỉnh Quảng Ninh" is Quảng Ninh
            kind = "place"
        if end - first >= 2 or (end - first == 1 and not vietnamese_syllable(self.w[first].text)):
            self._add(first, end, kind)
            for a, b, nested_kind in self._nested:  # "Trung Quốc" of "Đảng Cộng sản Trung Quốc"
                self._add(a, b, nested_kind)
        return end

    def _described(self, i: int, after: int) -> int:
        """A head that lower-case words follow, up to the acronym the text gives the name
        ("Tổ chức cấm vũ khí hóa học (OPCW)") or to the name that closes it ("Trung tâm
        cảnh báo sóng thần Thái Bình Dương", "Công ty trách nhiệm hữu hạn Nokia"); the end
        of that name, or 0."""
        end, place_at, place = self._described_span(i, after)
        if end:
            self._add(i, end, _HEADS[_head_key(" ".join(w.text for w in self.w[i:after]))])
            if place:
                self._add(place_at, place_at + place, "place")  # "Thái Bình Dương" of "Trung tâm ..."
        return end

    def _starts_described(self, j: int) -> bool:
        n = _head_len(self.w, j, self.s)
        return bool(n) and self._described_span(j, j + n)[0] > 0

    def _described_span(self, i: int, after: int) -> tuple[int, int, int]:
        """(end, where the closing name starts, its known place's length), or (0, 0, 0)."""
        none = (0, 0, 0)
        if after >= len(self.w) or self.w[after].cap or not _joined(self.s, self.w, after):
            return none
        head = " ".join(w.text for w in self.w[i:after])
        kind = _HEADS[_head_key(head)]
        if kind == "place" or head in _NAMED_HEADS or self.w[after].text in _NOT_AFTER_HEAD:
            return none  # "Đường phố", "Chính phủ công nhận", "Trường hợp", "Bộ trưởng": no names
        if _phrase_at(self.w, i, nf.TITLE_PHRASES, _MAX_TITLE_WORDS, self.s, lower=True):
            return none
        end = self._to_acronym(after)
        if end > after:
            return end, 0, 0
        k = after
        while (k < len(self.w) and k - after < _MAX_DESCRIBED and not self.w[k].cap and _joined(self.s, self.w, k)
               and self.w[k].text not in _NOT_IN_NAMES and self.w[k].text not in _NOT_IN_DESCRIBED
               and not any(ch.isdigit() for ch in self.w[k].text)):
            k += 1
        if k > after and " ".join(w.text for w in self.w[after:k]) in _ORG_TAILS and (
                k >= len(self.w) or not self.w[k].cap or not _joined(self.s, self.w, k)):
            return k, 0, 0  # "Quân đội nhân dân", "Ủy ban nhân dân"
        if k == after or k >= len(self.w) or not self.w[k].cap or not _joined(self.s, self.w, k):
            return none
        place = _phrase_at(self.w, k, self.known, 5, self.s)
        if (self.w[k].text in nf.SURNAMES and not place) or self._head_at(k):
            return none  # "Trường hợp ông Nguyễn Văn A": a person follows; "... Bộ Y tế": another body
        nested, self._nested = self._nested, []
        end = self._org_words(k)  # "Giáo dục Việt Nam", "Việt Đức", "Nokia"
        self._nested = nested
        if end - k > _MAX_DESCRIBED_NAME or end == k:
            return none
        return end, k, place

    def _acronym_body(self, i: int) -> int:
        """The end of a public body named by an acronym (after a head or not), a level and a
        place, or a name: "UBND tỉnh Nghệ An", "Viện KSND TP. Hà Nội", "UBND quận 1", "TAND
        Cấp cao", "THPT Chu Văn An"; 0 when none starts at word i."""
        w, s = self.w, self.s
        n = _head_len(w, i, s)  # "Viện KSND", "Trường THCS"
        j = i + n if n and i + n < len(w) and _joined(s, w, i + n) and w[i + n].text in _ADMIN_ACRONYMS else i
        if w[j].text not in _ADMIN_ACRONYMS or j + 1 >= len(w) or not _joined(s, w, j + 1):
            return 0
        kind = _ADMIN_ACRONYMS[w[j].text]
        k = j + 1
        rank = _phrase_at(w, k, _ADMIN_RANKS, 2, s)
        if rank:  # "TAND Cấp cao": a court of its own, wherever it sits
            self._add(i, k + rank, kind, acronym=True)
            return k + rank
        level = _phrase_at(w, k, _ADMIN_LEVELS, 2, s)
        place = k + level
        if place >= len(w) or not _joined(s, w, place):
            return 0
        if level and w[k].text in _NUMBERED_LEVELS and w[place].text.isdigit():
            self._add(i, place + 1, kind, acronym=True)  # "UBND quận 1"
            return place + 1
        if not w[place].cap or w[place].text in _ADMIN_ACRONYMS:
            return 0
        end = run = self._place_end(place)
        if not level:  # "ĐH Bách khoa Hà Nội": a name as a body's, after the acronym of its head
            nested, self._nested = self._nested, []
            end = max(end, self._org_words(place))
            self._nested = nested
        if end - place > _MAX_PLACE_WORDS:
            return 0
        self._add(i, end, kind, acronym=True)
        if level and w[k].text in _CITY:
            self._add(k, end, "place", city=True)  # "TP Vinh" of "UBND TP Vinh"
        if end - place == 1 and _CITY_WORD.fullmatch(w[place].text):
            self.found.append(Found(w[place].text, "place", False, s))  # "TP.HCM" of "UBND TP.HCM"
        elif end == run:  # the place, or the name of "THCS Nguyễn Du"; not "Bách khoa Hà Nội"
            self._add(place, end, "place" if level or _phrase_at(w, place, self.known, 5, s) else None)
        return end

    def _place_end(self, j: int) -> int:
        """The end of the place whose name starts at word j, two joined by a dash being one:
        "Bà Rịa - Vũng Tàu", "Phan Rang - Tháp Chàm"."""
        end = self._place_cut(j, self._run_end(j))
        if end < len(self.w) and self.s[self.w[end - 1].end : self.w[end].start] in (" - ", " – ") \
                and self.w[end].cap:
            after = self._place_cut(end, self._run_end(end))
            both = self.s[self.w[j].start : self.w[after - 1].end].replace("–", "-")
            if both in self.known or (end - j >= 2 and after - end >= 2):
                return after
        return end

    def _place_cut(self, j: int, end: int) -> int:
        """Where the place of run j..end ends when a person's name follows it: "TP. HCM" of
        "Chủ tịch UBND TP. HCM Nguyễn Thành Phong" (after a known place, or at a family name
        that two to four words from the run's end start, "Văn" aside)."""
        place = _phrase_at(self.w, j, self.known, min(5, end - j), self.s)
        if place and j + place < end:
            return j + place if self.w[j + place].text in nf.SURNAMES else end
        # "Hoàng Mai Nguyễn Quang Trung": a place of two words or more before one of one
        starts = [k for k in range(j + 1, end - 1)
                  if self.w[k].text in nf.SURNAMES and self.w[k].text != "Văn" and end - k <= 4]
        return next((k for k in starts if k - j >= 2), starts[0] if starts else end)

    def _local_body(self, i: int, after: int) -> int:
        """The end of a head that a lower-case administrative unit and a place follow, "Công
        an tỉnh Cà Mau", "Sở Y tế thành phố Hà Nội" aside (its head takes a capital), or 0."""
        if " ".join(w.text for w in self.w[i:after]) not in _LOCAL_HEADS:
            return 0
        unit = _phrase_at(self.w, after, _LOCAL_UNITS, 2, self.s)
        place = after + unit
        if not unit or place >= len(self.w) or not _joined(self.s, self.w, place):
            return 0
        if self.w[after].text in _NUMBERED_LEVELS and self.w[place].text.isdigit():
            return place + 1  # "Công an quận 1"
        if not self.w[place].cap:
            return 0
        end = self._place_end(place)
        if end - place > _MAX_PLACE_WORDS:
            return 0
        if self.w[after].text in _CITY:
            self._add(after, end, "place", city=True)  # "TP Hà Nội" of "Cục Thuế TP Hà Nội"
        self._add(place, end, "place")
        return end

    def _to_acronym(self, end: int) -> int:
        """An organization whose name the text closes with its acronym runs on to it over
        lower-case words: "Tổ chức Cấm phổ biến vũ khí hóa học (OPCW)"."""
        for k in range(end, min(end + _MAX_LOWER_RUN, len(self.w))):
            if not _joined(self.s, self.w, k) or self.w[k].cap:
                return end
            if _ACRONYM_AFTER.match(self.s, self.w[k].end):
                return k + 1
        return end

    def _org_words(self, j: int) -> int:
        """Word by word after the head: 'Ngoại giao', 'Tình báo Quốc gia', 'Giáo dục và Đào
        tạo', then perhaps one known place ('Nhật Bản'); never a person's name."""
        lower_ok = True
        start = j
        while j < len(self.w) and self.w[j].cap and _joined(self.s, self.w, j):
            place = _phrase_at(self.w, j, self.known, 5, self.s)
            standalone = 0 if place else _phrase_at(self.w, j, nf.STANDALONE_NAMES, 3, self.s)
            if place or standalone:  # "Hội đồng Bảo an Liên Hợp quốc", "Ủy ban Thường vụ Quốc hội"
                name = " ".join(w.text for w in self.w[j : j + (place or standalone)])
                if place and j > start and self.w[j - 1].text in _CITY:
                    self._nested.append((j - 1, j + place, "place"))  # "TP Hà Nội" of "Cục Thuế TP Hà Nội"
                self._nested.append((j, j + (place or standalone), nf.STANDALONE_NAMES.get(name, "place")))
                return j + (place or standalone)
            inner = _phrase_at(self.w, j, _INNER_NAMES, 3, self.s)
            if inner:
                return j + inner  # "Văn phòng Chủ tịch nước": the office, no name of its own
            if j > start and self._nested_head(j):
                return j  # "Ủy ban Chính pháp Trung ương | Đảng Cộng sản Trung Quốc": a second name
            if self.w[j].text in nf.SURNAMES and j + 1 < len(self.w) and self.w[j + 1].cap:
                return j  # "Bộ Y tế Nguyễn Thanh Long": the minister follows
            j += 1
            nxt = self.w[j] if j < len(self.w) else None
            if self._foreign_joiner(j):
                j += 1  # "Bank of America"
                continue
            if (lower_ok and nxt is not None and not nxt.cap and not _acronym_word(self.w[j - 1].text)
                    and vietnamese_syllable(self.w[j - 1].text)
                    and _joined(self.s, self.w, j)
                    and (nxt.text not in _NOT_IN_NAMES or f"{self.w[j - 1].text.lower()} {nxt.text}" in _COMPOUNDS)):
                j += 1
                if (j + 1 < len(self.w) and self.w[j].text == "và" and self.w[j + 1].cap
                        and _joined(self.s, self.w, j) and _joined(self.s, self.w, j + 1)
                        and not self._head_at(j + 1)):
                    j += 1
            else:
                lower_ok = False  # after a run of capitals ("Đông Thổ", "Hàn Quốc") no lower-case word
        return j + self._tail(j)

    def _tail(self, j: int) -> int:
        """The lower-case words that end many a body's name: "Quân đội nhân dân", and what a
        body fights: "Cảnh sát phòng, chống tội phạm", "Ban Chỉ đạo phòng chống tham nhũng"."""
        if j >= len(self.w) or not _joined(self.s, self.w, j):
            return 0
        n = _phrase_at(self.w, j, _ORG_TAILS, 2, self.s)
        if n:
            return n
        w = self.w
        if (j + 3 < len(w) and w[j].text == "phòng" and w[j + 1].text == "chống"
                and self.s[w[j].end : w[j + 1].start] in (" ", ", ")
                and all(_joined(self.s, w, k) and not w[k].cap for k in (j + 2, j + 3))):
            return 4  # the thing fought is one two-syllable word: "tội phạm", "ma túy", "thiên tai"
        return 0

    def _foreign_joiner(self, j: int) -> bool:
        """Whether word j joins two parts of a foreign name: "of" in "Bank of America"."""
        return (0 < j < len(self.w) - 1 and self.w[j].text in _FOREIGN_JOINERS and self.w[j + 1].cap
                and _joined(self.s, self.w, j) and _joined(self.s, self.w, j + 1)
                and not vietnamese_syllable(self.w[j - 1].text) and not vietnamese_syllable(self.w[j + 1].text))

    def _nested_head(self, j: int) -> bool:
        """A head of another organization inside a name ("... Trung ương Đảng Cộng sản"), where
        the words before it were a name of their own, not a generic part ("Cổ phần Tập đoàn")."""
        return (self._head_at(j) and self.w[j - 1].text[0].islower()
                and self.w[j].text in _NESTED_HEADS)

    # plain runs of capitals

    def _run(self, i: int, end: int, context: str | None) -> None:
        initial = self._initial(i)
        if self.w[i].text in _CITY and end - i >= 2:
            # "TP Hà Nội", "TP HCM": the city, not the province
            self._add(i, self._place_cut(i + 1, end), "place", initial, city=True)
        if end - i == 1 and _CITY_WORD.fullmatch(self.w[i].text):
            self.found.append(Found(self.w[i].text, "place", initial, self.s))  # "TP.HCM"
            return
        if self.w[i].text not in _CITY and self._dotted_unit(i) and end - i >= 2:
            self._add(i, self._place_cut(i + 1, end), "place", initial, city=True)  # "Q. Tân Bình", "TX. Sơn Tây"
        # what comes before the name, unless it begins a known place ("Bà Rịa" is no "Bà")
        while i < end and _phrase_at(self.w, i, self.known, min(5, end - i), self.s) < 2 and (
                self.w[i].text in nf.NAME_PREFIXES or self.w[i].text in nf.ADMIN_UNITS or self._dotted_unit(i)
                or (self.w[i].text.isupper() and len(self.w[i].text) > 1 and end - i > 1
                    and self.w[i].text not in self.known and not _TEAM.fullmatch(self.w[i].text))):
            if self.w[i].text in nf.ADMIN_UNITS:
                context = "place"
            elif self.w[i].text in nf.NAME_PREFIXES:
                context = "person"
            i, initial = i + 1, False
        for a, b in self._pieces(i, end):
            self._add(a, b, context, initial and a == i)
            context, initial = None, False

    def _dotted_unit(self, i: int) -> bool:
        """Whether word i is an abbreviated unit written with its full stop: "Q." of "Q. Tân Bình"."""
        return self.w[i].text in _DOTTED_UNITS and self.s[self.w[i].end : self.w[i].end + 1] == "."

    def _pieces(self, i: int, end: int) -> list[tuple[int, int]]:
        """Split a run where a known place ends or a foreign name follows Vietnamese ones."""
        pieces = []
        while i < end:
            place = _phrase_at(self.w, i, self.known, min(5, end - i), self.s)
            if place and i + place < end and (place > 1 or not vietnamese_syllable(self.w[i + place].text)):
                pieces.append((i, i + place))
                i += place
                continue
            cut = self._script_change(i, end)
            pieces.append((i, cut))
            i = cut
        return pieces

    def _script_change(self, i: int, end: int) -> int:
        viet = [vietnamese_syllable(w.text) for w in self.w[i:end]]
        for k in range(2, len(viet) - 1):
            if all(viet[:k]) and not any(viet[k : k + 2]):
                return i + k
        return end

    def _add(self, a: int, b: int, kind: str | None, initial: bool = False, city: bool = False,
             acronym: bool = False) -> None:
        if b - a < 2:
            return  # one capitalized word is too often no name
        if nf.calendar_word(" ".join(w.text for w in self.w[a:b])):
            return  # "Thứ Hai", "Tết Dương" (lịch), "Nhâm Thìn": the calendar, no names
        if all(w.text.isupper() for w in self.w[a:b]) and not (city and b - a == 2) and not acronym:
            return  # a line in capitals, or "UBND TP": not a name to translate as one
        if all(w.text in _COMPASS for w in self.w[a:b]):
            return  # "về phía Tây Bắc": a direction
        name = self.s[self.w[a].start : self.w[b - 1].end]
        self.found.append(Found(name, kind, initial, self.s))
        self._acronym(a, b, kind)

    def _acronym(self, a: int, b: int, kind: str | None) -> None:
        m = _ACRONYM_AFTER.match(self.s, self.w[b - 1].end)
        if m and b - a >= 2:
            expansion = self.s[self.w[a].start : self.w[b - 1].end]
            self.found.append(Found(m.group(1), kind, False, self.s, expands=expansion))


# How a body's name runs on after its head (digest/data/names_vi.toml, [bodies]).
_NOT_IN_NAMES = vocabulary.words("names_vi", "bodies", "not_in_names")
_ORG_TAILS = vocabulary.words("names_vi", "bodies", "org_tails")
_INNER_NAMES = vocabulary.words("names_vi", "bodies", "inner_names")
_COMPOUNDS = vocabulary.words("names_vi", "bodies", "compounds")
_FOREIGN_JOINERS = vocabulary.words("names_vi", "bodies", "foreign_joiners")
_NAMED_HEADS = vocabulary.words("names_vi", "bodies", "named_heads")
_NOT_AFTER_HEAD = vocabulary.words("names_vi", "bodies", "not_after_head")
_NOT_IN_DESCRIBED = vocabulary.words("names_vi", "bodies", "not_in_described")
_LOCAL_HEADS = vocabulary.words("names_vi", "bodies", "local_heads")
_LOCAL_UNITS = vocabulary.words("names_vi", "bodies", "local_units")
_NESTED_HEADS = vocabulary.words("names_vi", "bodies", "nested_heads")
# Public bodies named by an acronym, a level and a place (digest/data/names_vi.toml).
_ADMIN_ACRONYMS = nf.ADMIN_ACRONYMS
_ADMIN_LEVELS = vocabulary.words("names_vi", "admin_levels")
_ADMIN_RANKS = vocabulary.words("names_vi", "admin_ranks")
_NUMBERED_LEVELS = vocabulary.words("names_vi", "numbered_levels")
_DOTTED_UNITS = vocabulary.words("names_vi", "dotted_units")
_MAX_PLACE_WORDS = 4  # "Bà Rịa - Vũng Tàu", "Thừa Thiên Huế"
_MAX_DESCRIBED = 6  # lower-case words between a head and the name that ends it
_MAX_DESCRIBED_NAME = 4  # words of that name: "Việt Đức", "Thái Bình Dương", "Nokia"


_ACRONYM_AFTER_ANYWHERE = re.compile(r"\(([A-ZĐ][A-ZĐ&]{1,9})\)")


def _plain_initial(text: str) -> str:
    """A word's first letter without its marks, upper-cased: "đ" and "Đ" are D."""
    first = unicodedata.normalize("NFD", text[:1])[:1].upper()
    return "D" if first == "Đ" else first


def _acronym_word(text: str) -> bool:
    """"TDTT" (which takes no lower-case word after it), not "Y" of "Bộ Y tế"."""
    return text.isupper() and len(text) > 1

