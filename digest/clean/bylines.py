"""Bylines, credits and names: who wrote the article, and for which outlet.

- a byline or credit ("Theo Đặng Ánh-Viết Tuân (TTXVN)", "(TTXVN/Vietnam+)", "Tin, ảnh:
  X", a bare name under the last paragraph, a desk such as "Ban Thời sự" on the last
  line) ends the article (what follows it: digest.clean.walk). "Theo" starts a credit only
  when a capitalized name (or "báo/đài/hãng ..." and one) follows: "Theo dấu ..." is a
  crosshead; a name with its outlet ("Minh Sơn (TTXVN/Vietnam+)", "Hồng Hạnh (Theo Kyodo)",
  "Minh Anh/VOV.VN"), "Tin-ảnh: X" and "Nguồn: Yonhap" are credits too;
- a byline printed on the last paragraph's line, after its final full stop ("... ở các
  tỉnh phía Nam. T. Hằng"), is taken off it; a name a crawl glued to the next one ("Minh
  AnhHoàng Long") is set apart;
- a name on a line of its own that the article's text names is a name label under a
  picture or a quote box, not the byline;
- an agency marker at the head of the lede ("(CLO)", "(Dân trí) -", "TTO -", "TGVN.")
  is metadata, not text: it is stripped and recorded as the source. A capitalized word
  and a dash ("Nga - Ukraine ...") is not a marker: a bare one is an abbreviation.
The shapes of a person's name, a name line and an outlet are here too, with byline_name,
looks_like_person and split_name_and_outlet, which digest.html reads a page's bylines with.
"""
from __future__ import annotations

import re
from collections import deque
from itertools import islice

from digest import dates
from digest.clean.shapes import _ABBREVIATIONS, _SENTENCE_END, _WORD, _is_capitalized, _words
from digest.clean.state import Line, _State
from digest.clean.widgets import _section_header
from digest.outlets import is_known_outlet
from digest.vietnamese import (
    CLOSING_QUOTES,
    NOT_AGENCY_MARKERS,
    PLACES,
    RELATED_LINK_MARKS,
    SENTENCE_MARKS,
    squash,
)

# An agency marker opening the lede: "(CLO)", "(Dân trí) -", "TTO -", "(NLĐO) –", "(VOV) -".
_AGENCY_MARKER = re.compile(
    r"^(?:\((?P<paren>[^()\d]{2,25})\)|(?P<bare>[A-ZĐ][A-Za-zĐđ.]{1,10}))\s*(?:[-–—:]\s*|(?=\S))"
)
# A bare marker needs a dash after it ("TTO -", "VTV.vn -"), or is an all-capitals
# abbreviation closed by a full stop ("TGVN. Ngày 12/3, ...").
_BARE_MARKER_NEEDS_DASH = re.compile(r"^[A-ZĐ][A-Za-zĐđ.]{1,10}\s*[-–—]\s|^[A-ZĐ]{3,6}\.\s+(?=[A-ZĐ\u00C0-\u1EF8])")
# A credit line: "(TTXVN/Vietnam+)", "Theo Đặng Ánh-Viết Tuân (TTXVN)", "Theo Infonet",
# "Tin, ảnh: Vũ Phương Thảo", "Nhóm PV".
_PAREN_CREDIT = re.compile(r"^\((?P<source>[^()]{2,40})\)\.?$")
# The name after "Theo" is capitalized (a person or outlet), or an outlet named with its
# kind ("Theo báo Tiền Phong"); "Theo dấu chân người lính" is a crosshead, not a credit.
_THEO_CREDIT = re.compile(
    r"^Theo\s+(?P<kind>(?i:báo|tạp chí|trang|hãng tin|hãng|đài|kênh|tờ)\s+)?(?P<who>[^;:!?]{2,60}?)"
    r"\s*(?:\((?P<paren>[^()]{2,40})\))?\s*\.?$"
)
# "Tin, ảnh:", "Tin-ảnh:", "Bài và ảnh:", "Bài - ảnh:" (the reporter took text and pictures).
_PHOTO_CREDIT = re.compile(
    r"^(?:(?:tin|bài)\s*(?:[,\-–]|và|\s)\s*(?:và\s*)?ảnh|tin|bài|nhóm pv)\s*:\s*(?P<who>.{2,60})$", re.I
)
# A byline with its outlet: "Minh Sơn (TTXVN/Vietnam+)", "Hồng Hạnh (Theo Kyodo, NHK)",
# "Thanh Hà (tổng hợp)", "Minh Anh/VOV.VN (Theo Reuters)".
_NAME_WITH_OUTLET = re.compile(
    r"^(?P<who>[^()]{2,60}?)\s*\((?P<theo>(?:theo|nguồn:?)\s+)?(?P<outlet>[^()]{2,40})\)\.?$", re.I
)
# The credit patterns above and below are matched on the line with each run of spaces longer
# than _CREDIT_SPACES cut to that length (_short_spaces): no bounded part of them (a name of
# 60 characters, an outlet of 40) holds such a run, so a longer one only ever separates two
# parts and the match is the same; but the patterns try every split of a run between the
# spaces around a part, which on a line of a few thousand spaces took minutes.
_CREDIT_SPACES = 61
_LONG_SPACES = re.compile(r"(?<!\s)\s{" + str(_CREDIT_SPACES + 1) + ",}")
# "Nguồn: Yonhap", "Nguồn: VTV": the outlet the story was taken from.
_SOURCE_CREDIT = re.compile(r"^(?:nguồn|nguồn tin|nguồn bài)\s*:\s*(?P<outlet>[^:]{2,40}?)\.?$", re.I)
_COMPILED = re.compile(r"^(?:tổng hợp|th|lược dịch|dịch|biên dịch|thực hiện|ghi|lược ghi|ghi chép)$", re.I)
# A desk byline under the text: "Ban Thời sự", "Nhóm PV", "Nhóm phóng viên".
_DESK_BYLINE = re.compile(r"^(?:ban|nhóm|tổ|nhóm pv|nhóm phóng viên|pv|phóng viên)(?:\s+\w+){0,4}$", re.I)
_NAME_MAX_WORDS = 5  # a person's name: 'Nguyễn Thị Minh Khai', 'Tôn Nữ Thị Ninh'
_NAME_LINE_MAX_CHARS = 60  # a byline: 'Quang Phong - Tùng Nguyên', 'Minh Anh/VOV.VN'


def _short_spaces(text: str) -> str:
    """`text` with each run of spaces longer than _CREDIT_SPACES cut to that length."""
    return _LONG_SPACES.sub(lambda run: run.group()[:_CREDIT_SPACES], text)


def _take_credit(text: str, state: _State) -> bool:
    """A credit line that closes the article; records author and source."""
    if not state.kept:
        return False
    text = _short_spaces(text)
    match = _PAREN_CREDIT.match(text)
    if match and _looks_like_outlet(match["source"]):
        state.source = state.source or match["source"].strip()
        # A bare credit follows the end mark or the last paragraph: nothing of the article follows.
        state.ended_because = "byline"
        return True
    match = _THEO_CREDIT.match(text[:1].upper() + text[1:]) if text[:4].lower() == "theo" else None
    if match and not all(_looks_like_outlet(part) for part in match["who"].split(",")):
        match = None  # "Theo Reuters, AFP" lists outlets; "Theo X, ông Y nói" is a sentence
    if match and len(_WORD.findall(match["who"])) <= 7 and not _SENTENCE_END.search(match["who"]):
        who = match["who"].strip()
        if match["paren"]:
            state.author = state.author or who
            if _looks_like_outlet(match["paren"]):
                state.source = state.source or match["paren"].strip()
        elif not match["kind"] and split_name_and_outlet(who)[1]:
            # "Theo Minh Nguyễn/Vcamp.vn": the reporter, then after the slash the outlet.
            name, outlet = split_name_and_outlet(who)
            state.author = state.author or name
            state.source = state.source or outlet
        elif not match["kind"] and _is_person_name(who) and not is_known_outlet(who):
            state.author = state.author or who
            state.ended_because = "theo credit"  # the original outlet may follow on its own line
            return True
        else:
            state.source = state.source or who
        state.ended_because = "byline"
        return True
    if _take_name_with_outlet(text, state):
        return True
    match = _SOURCE_CREDIT.match(text)
    if match and _looks_like_outlet(match["outlet"]):
        state.source = state.source or match["outlet"].strip()
        state.ended_because = "byline"
        return True
    match = _PHOTO_CREDIT.match(text)
    if match:
        state.author = state.author or match["who"].strip()
        state.ended_because = "byline"
        return True
    return False


_HEADER_CREDIT = re.compile(r"^(?:theo|nguồn)\s*:?\s+(?P<outlet>[^|]{2,40}?)\s*$", re.I)


def _credit_with_dateline(text: str) -> tuple[str, str] | None:
    """'Theo Ngoisao | 25/12/2012 10:25': the header line under a headline that credits the
    original outlet and dates the story (either part first) -> (outlet, date)."""
    parts = [part.strip() for part in text.split("|")]
    if len(parts) != 2:
        return None
    for credit, stamp_text in (parts, parts[::-1]):
        match = _HEADER_CREDIT.match(_short_spaces(credit))
        stamp = dates.parse_dateline(stamp_text) if match else None
        if match and stamp and _looks_like_outlet(match["outlet"]):
            return match["outlet"], stamp
    return None


def _take_name_with_outlet(text: str, state: _State) -> bool:
    """'Minh Sơn (TTXVN/Vietnam+)', 'Hồng Hạnh (Theo Kyodo, NHK)', 'Thanh Hà (tổng hợp)': the
    reporter, and the outlet the story is credited to. Without 'Theo' the outlet must read as
    one ('TTXVN', 'Vietnam+', 'VOV.VN'), so that 'Nguyễn Văn An (Hà Nội)' is not taken for it."""
    match = _NAME_WITH_OUTLET.match(text)
    if not match:
        return False
    who, slash_outlet = split_name_and_outlet(match["who"].strip())
    outlet = match["outlet"].strip()
    compiled = bool(_COMPILED.match(outlet))
    if compiled:
        outlet = None
    elif not all(_looks_like_outlet(part) for part in outlet.split(",")) or (
        not match["theo"] and not _is_outlet_abbreviation(outlet)
    ):
        return False
    if not _is_name_line(who) or _HONORIFIC.match(who):
        return False
    state.author = state.author or who
    state.source = state.source or outlet or slash_outlet
    state.ended_because = "byline"
    return True


# The spaces before a mark are part of it; the match starts only where a run of spaces
# does ("(?<!\s)"): trying every space of a long run against the rest of it was quadratic.
_LINK_MARK = re.compile(
    r"(?:(?<!\s)\s+|)(?:" + "|".join(re.escape(mark) for mark in RELATED_LINK_MARKS) + r")"
)


def _has_link_mark(text: str) -> bool:
    return _LINK_MARK.search(text) is not None


def byline_name(text: str) -> str | None:
    """The reporter(s) of a byline as printed, minus the markup a crawl glued to it: the
    related links' '>>' and what follows it ('Minh Anh - Hoàng Long >> Xem thêm'), and a
    lost space between two names ('Minh AnhHoàng Long>>' -> 'Minh Anh - Hoàng Long').
    A reporter may be written with an initial ('T. Hằng', 'N.Minh'). None when the text
    is not a byline: a breadcrumb ('Pháp Luật » Hình Sự') has a short section after its
    mark, a related link a headline of several words or a box's name."""
    text = squash(text)
    mark = _LINK_MARK.search(text)
    if mark:
        if _is_section_after_mark(text[mark.end():]):
            return None
        text = text[: mark.start()].strip(" -–")
    return _printed_names(text)


def _is_section_after_mark(after: str) -> bool:
    """What follows a link mark is a breadcrumb's section ('» Hình Sự'): a few words, not a
    related headline nor a box's name ('>> Xem thêm'). `after` is squashed."""
    after = after.strip(" >»›|")
    is_box = _section_header(after.lower()) is not None
    return bool(after) and not is_box and len(_words(after)) <= 4


def _printed_names(text: str) -> str | None:
    """The name line `text` (squashed) as printed, glued names set apart; None if it is none."""
    if len(text) > _NAME_LINE_MAX_CHARS:
        return None  # setting glued names apart only lengthens it: no name line (and no work on a long text)
    parts = [_unglue_names(part) for part in re.split(r"(\s+[-–/]\s+|/)", text)]
    name = "".join(parts)
    return name if name and _is_name_line(name) else None


def _unglue_names(part: str) -> str:
    """'Minh AnhHoàng Long' -> 'Minh Anh - Hoàng Long': split where a word has a capital after
    a lower-case letter, when both sides are names of two words or more. The first such
    place (from the left) whose left side is a name and whose right side, itself unglued,
    is one wins. Each right side is unglued once, from the shortest: trying every split
    anew for each was exponential in the number of glued names."""
    cuts = [index for index in range(1, len(part)) if part[index - 1].islower() and part[index].isupper()]
    starts = [0, *cuts]
    unglued: dict[int, str] = {}  # start -> part[start:] unglued
    for index in range(len(starts) - 1, -1, -1):
        start = starts[index]
        unglued[start] = part[start:]
        for cut in cuts[index:]:  # the places after start
            left = part[start:cut]
            if len(_words(left)) > _NAME_MAX_WORDS:
                break  # a longer left side has more words still: no name
            if _is_person_name(left) and _is_person_name(unglued[cut]):
                unglued[start] = f"{left} - {unglued[cut]}"
                break
    return unglued[0]


# A byline glued after the body's final full stop: "... phía Nam. T. Hằng".
_SENTENCE_STOP = re.compile("[" + re.escape(SENTENCE_MARKS) + "][" + re.escape(CLOSING_QUOTES) + r"]?\s+")
# The related links' marks as a page may carry them, zero-width spaces included ('>\u200b>'):
# marks once byline_name has squashed the text.
_RAW_LINK_MARK = re.compile("|".join("\u200b*".join(map(re.escape, mark)) for mark in RELATED_LINK_MARKS))
# A byline after the last paragraph's final stop is a name line, _NAME_LINE_MAX_CHARS long
# at most once its spaces are squashed: only the stops this close to the paragraph's end,
# or to one of the related links' marks glued after the byline ('... phía Nam. T. Hằng >>
# Xem thêm: ...'; the last few marks only), are tried. Trying every stop of the paragraph
# on the whole rest of it took time quadratic in its length (minutes for a one-line page).
_TRAILING_BYLINE_REACH = 4 * _NAME_LINE_MAX_CHARS
_TRAILING_BYLINE_MARKS = 8
# The word that ends where a search stops (endpos); an abbreviation is a few letters, so a
# search from a few characters back finds it, and a longer word is no abbreviation.
_WORD_AT_END = re.compile(r"(?<!\w)\w+$")
_ABBREVIATION_MAX_CHARS = max(map(len, _ABBREVIATIONS))


def _take_trailing_byline(state: _State) -> None:
    """The last paragraph ends with a name after its final full stop: the byline, printed
    on the paragraph's line ('... ở các tỉnh phía Nam. T. Hằng'). The stop must end a
    sentence (a lower-case letter, digit or quote before it), not an abbreviation
    ('... về TP. Hồ Chí Minh'), and the name must not be a place."""
    if not state.kept:
        return
    last = state.kept[-1]
    found = _trailing_byline(last.text)
    if found:
        cut, name = found
        state.kept[-1] = Line(last.number, last.text[:cut].rstrip())
        state.author = state.author or name
        why = "author byline after the last paragraph's full stop (kept as metadata)"
        state.drop(Line(last.number, last.text[cut:]), why)


def _trailing_byline(text: str) -> tuple[int, str] | None:
    """(where the byline starts, the reporter's name) for a paragraph that ends with one
    after its last full stop; the last stop that starts one wins."""
    # The text between two marks, or between the last mark and the end, is a stretch; the
    # name after a stop ends where its stretch does ('T. Hằng >> ...').
    marks = deque(_RAW_LINK_MARK.finditer(text), maxlen=_TRAILING_BYLINE_MARKS + 1)
    ends: list[re.Match[str] | None] = [*marks, None]
    fifth_word: int | None = -1  # where the paragraph's fifth word starts, once looked for
    after_mark: dict[int, bool] = {}  # a mark's index -> a breadcrumb's section follows it
    for index in range(len(ends) - 1, 0 if len(marks) > _TRAILING_BYLINE_MARKS else -1, -1):
        mark = ends[index]
        stretch_end = mark.start() if mark else len(text)
        previous = ends[index - 1] if index > 0 else None
        stretch_start = previous.end() if previous else 0
        first = max(stretch_start, stretch_end - _TRAILING_BYLINE_REACH)
        for stop in reversed(list(_SENTENCE_STOP.finditer(text, first, stretch_end))):
            at, cut = stop.span()
            before_stop = text[at - 1] if at else ""
            if not (before_stop.islower() or before_stop.isdigit() or (before_stop and before_stop in CLOSING_QUOTES)):
                continue
            word = _WORD_AT_END.search(text, max(0, at - _ABBREVIATION_MAX_CHARS - 1), at)
            if word and word.group().lower() in _ABBREVIATIONS:
                continue
            if fifth_word == -1:
                fifth_word = next(islice((w.start() for w in _WORD.finditer(text)), 4, None), None)
            if fifth_word is None or fifth_word >= at:
                continue  # fewer than five words before the stop
            if mark is None:
                name = _printed_names(squash(text[cut:]))
            else:
                name = _printed_names(squash(text[cut:stretch_end]).strip(" -–"))
                if name and index not in after_mark:
                    after_mark[index] = _is_section_after_mark(squash(text[mark.end():]))
                if after_mark.get(index):
                    name = None
            if name and name not in PLACES:
                return cut, name
    return None


def split_name_and_outlet(text: str) -> tuple[str, str | None]:
    """'Minh Anh/VOV.VN' -> ('Minh Anh', 'VOV.VN'): a byline names the reporter, then after
    a slash the outlet, written as an abbreviation ('VOV', 'TTXVN', 'Vietnam+', 'VOV-Tây Bắc').
    'Quang Phong/Tùng Nguyên' is two reporters."""
    name, slash, outlet = text.rpartition("/")
    name, outlet = name.strip(), outlet.strip()
    if slash and _is_outlet_abbreviation(outlet) and _is_person_name(name) and not _is_outlet_abbreviation(name):
        return name, outlet
    return text, None


def _is_outlet_abbreviation(text: str) -> bool:
    """'TTXVN/Vietnam+', 'VOV.VN', 'VOV-Tây Bắc', 'NHK': an outlet's short name leads."""
    first = re.split(r"[\s\-–/]", text.strip(), maxsplit=1)[0]
    if re.fullmatch(r"\S+\.(?:vn|net|com)|\w+\+", first, re.I):
        return True
    return bool(re.fullmatch(r"[A-ZĐ][A-ZĐ0-9]+", first))


_HONORIFIC = re.compile(r"^(?:ông|bà|anh|chị|em|cô|chú|bác|cụ|cháu|thầy|mr|mrs|ms)\b", re.I)


def _strip_agency_marker(paragraph: str, state: _State) -> str:
    match = _AGENCY_MARKER.match(paragraph)
    if not match:
        return paragraph
    if match["bare"]:
        dash = _BARE_MARKER_NEEDS_DASH.match(paragraph)
        # a capitalized first word is a marker only when a dash (or a stop) follows it and it
        # is an abbreviation ("TTO", "VnExpress"), not a word ("Nga - Ukraine ...")
        bare = match["bare"].rstrip(".")
        if not dash or sum(c.isupper() for c in bare) < 2 or bare.upper() in NOT_AGENCY_MARKERS:
            return paragraph
        match = dash
        marker = bare
    else:
        marker = match["paren"].strip()
    if not _looks_like_outlet(marker) or ":" in marker:
        return paragraph
    rest = paragraph[match.end():].lstrip(" -–—:.")
    if not rest:
        return paragraph
    state.source = state.source or marker
    return rest


def _is_person_name(text: str) -> bool:
    """'Phạm Dự', 'T. Hằng': capitalized words; a lone letter is an initial only with its
    stop ('A A' is the font-size widget, not a name)."""
    words = _words(text)
    if re.search(r"(?<!\w)[^\W\d_](?![\w.])", text):
        return False
    return 2 <= len(words) <= _NAME_MAX_WORDS and all(_is_capitalized(w) or w.isdigit() for w in words)


# Name labels looked up in the text, each once: an article has a few. Past this many
# different ones, a name line is taken for a label without looking (looking each up in the
# whole text made a page of thousands of them quadratic).
NAME_LABELS_LOOKED_UP = 64


def _named_in_text(text: str, state: _State) -> bool:
    """The name on this line already appears in the title or the article's own text."""
    name = squash(text).casefold()
    if name in state.named or len(state.named) >= NAME_LABELS_LOOKED_UP:
        return True
    # Each kept line is folded once; a name holds no line break, so it is found in the
    # joined lines where it is found in one of them.
    state.folded.extend(squash(line.text).casefold() for line in state.kept[len(state.folded):])
    if name in "\n".join(state.folded) or name in state.title.casefold():
        state.named.add(name)
        return True
    return False


def looks_like_person(text: str) -> bool:
    """'Phạm Dự', 'Quang Phong - Tùng Nguyên': a name or names, as a byline writes them."""
    return _is_name_line(squash(text))


def _is_name_line(text: str) -> bool:
    """A byline under the last paragraph: 'Hoàng Nam', 'Quang Phong - Tùng Nguyên', 'Phạm Dự'."""
    if _SENTENCE_END.search(text) or len(text) > _NAME_LINE_MAX_CHARS or "," in text or ":" in text:
        return False
    parts = [part.strip() for part in re.split(r"\s+[-–/]\s+|/", text) if part.strip()]
    return bool(parts) and all(_is_person_name(part) for part in parts) and len(_words(text)) <= 10


def _looks_like_outlet(text: str) -> bool:
    """'TTXVN/Vietnam+', 'CLO', 'Dân trí', 'VOV', 'Kyodo': short, starts with a capital,
    no sentence inside."""
    words = _words(text)
    return 1 <= len(words) <= 5 and _is_capitalized(text.strip()) and not re.search(r"[.!?,]\s", text)


def _is_outlet_line(text: str) -> bool:
    """The line under a 'Theo <author>' credit that names the original outlet."""
    return len(_words(text)) <= 6 and not _SENTENCE_END.search(text) and _is_capitalized(text)
