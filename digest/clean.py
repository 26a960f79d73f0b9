"""Boilerplate removal: the conventions of Vietnamese news pages, stated as rules.

The input is a sequence of lines (a text dump, or the blocks an HTML page yields).
The first line is the title unless the page's metadata gives one. Then each line is
either the article's own text or boilerplate, decided by the rules below in order;
every dropped line is kept in Article.removed with its reason.

The rules, as an editor would state them:
- the headline opens a text dump, unless the crawl lost it: a location kicker
  ("Bình Dương") above the headline is not the title, a first line that is a sentence
  (the lede) is not one, and a headline-shaped line with a caption under it is an
  embedded video's title or a related link, not the title (then the title is "");
- a crawl that lost its paragraph breaks is split where a sentence end is glued to the
  next capital ("...tình nghi.Kẻ tình nghi..."), sparing abbreviations ("Tp.HCM");
- a related-news section ("Tin khác", "Tin cùng chuyên mục", ...) ends the article;
  a "Tin liên quan"/"Xem thêm"/"Đọc thêm" box lists headlines, and the body goes on
  after them with the first line that is not headline-shaped;
- a byline or credit ("Theo Đặng Ánh-Viết Tuân (TTXVN)", "(TTXVN/Vietnam+)", "Tin, ảnh:
  X", a bare name under the last paragraph, a desk such as "Ban Thời sự" on the last
  line) and the end mark "./." end the article: what follows is another article, a
  teaser, or widgets; only a credit right under it ("Theo Infonet") and an aggregator's
  timestamp are still read as metadata. "Theo" starts a credit only when a capitalized
  name (or "báo/đài/hãng ..." and one) follows: "Theo dấu ..." is a crosshead; a name
  with its outlet ("Minh Sơn (TTXVN/Vietnam+)", "Hồng Hạnh (Theo Kyodo)", "Minh Anh/VOV.VN"),
  "Tin-ảnh: X" and "Nguồn: Yonhap" are credits too;
- a timestamp under three or more paragraphs closes an aggregator's record (Báo Mới:
  timestamp, category, comma-joined tags, source outlet);
- a breadcrumb ("Trang chủ » Thế giới") is navigation, above the headline or anywhere;
- datelines, share and contact widgets, comment counters, tags lines, reader prompts
  ("Độc giả có thông tin ... gửi về ...@..."), newsletter sign-ups, captions (a credit
  "Ảnh: ...", alt text "... - Ảnh 1", or one short plain sentence between paragraphs),
  bracketed and ">>" links, a repeated title, a repeated paragraph and a pull quote
  (a short line repeating a sentence of another paragraph) are not text;
- an agency marker at the head of the lede ("(CLO)", "(Dân trí) -", "TTO -", "TGVN.")
  is metadata, not text: it is stripped and recorded as the source. A capitalized word
  and a dash ("Nga - Ukraine ...") is not a marker: a bare one is an abbreviation.
Page metadata (PageHints) gives the title and date first; the author and source of the
article's own byline and credits beat the page's.
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from itertools import islice

from digest import dates
from digest.errors import InputError
from digest.model import Article, RemovedLine
from digest.outlets import is_known_outlet, outlet_name
from digest.vietnamese import (
    ABBREVIATIONS,
    BOX_SECTIONS,
    CLOSING_QUOTES,
    END_SECTIONS,
    NOT_AGENCY_MARKERS,
    NOT_GLUE_ABBREVIATIONS,
    PLACES,
    RELATED_LINK_MARKS,
    SENTENCE_MARKS,
    WIDGET_LINES,
    squash,
)

_WIDGET_PATTERNS = re.compile(
    r"^(?:\d+\s+(?:trả lời|bình luận|phản hồi|lượt xem|comments?|likes?|shares?)"
    r"|(?:chia sẻ|share)\s*(?:qua|lên)?\s*(?:facebook|zalo|twitter|email)?"
    r"|(?:hotline|đường dây nóng)\s*:?\s*[\d .]{6,}"
    r"|[\d][\d .]{8,}\d"  # a bare phone number
    r"|video\s+(?:đang\s+)?hot"
    r"|(?:a\s*[-+]?\s*){2,3}"  # the font-size buttons "A A", "A- A+"
    r"|trở lại\s+\S.{0,30}"  # "Trở lại Pháp luật": back to the section
    r"|mời (?:bạn |quý )?độc giả .{0,120}"
    # the newsroom addressing its readers: newsletter sign-ups (where to send tips: below)
    r"|(?:đăng ký|đăng kí) (?:nhận )?(?:bản tin|newsletter)\b.{0,80}"
    r"|copyright\b.*|©.*"
    r"|(?:đơn vị|đvt)\s*:.{1,40}"  # the unit note under a table of figures
    r"|(?:tags?|từ khóa|từ khoá|chủ đề)\s*:.*"  # the article's tags
    r"|(?:bình luận|ý kiến|comments?)\s*\(\d+\)"  # "Bình luận (0)"
    r"|theo dõi .{0,40} trên (?:google news|facebook|zalo|youtube|tiktok)"
    r"|(?:(?:facebook|zalo|twitter|email|e-mail|chia sẻ|in|lưu|copy link|messenger|share)[\s|/,]*){2,}"
    r")$",
    re.I,
)
# The newsroom telling its readers where to send tips: "Độc giả có thông tin ... gửi về
# ...@... hoặc 0912 345 678", "Mọi thông tin phản ánh xin liên hệ ...": a mail address or a
# phone number (nine digits, spaces or dots at least) that starts within 120 characters of
# the opening and ends within 60 of the line's end (_is_reader_prompt).
_READER_PROMPT = re.compile(r"(?:(?:quý |các )?(?:độc giả|bạn đọc)|(?:mọi )?thông tin (?:phản ánh|liên hệ))\b", re.I)
_PHONE_RUN = re.compile(r"[\d .]+")
_PROMPT_LEAD_CHARS = 120
_PROMPT_TAIL_CHARS = 60
_PHONE_MIN_CHARS = 9
# An agency marker opening the lede: "(CLO)", "(Dân trí) -", "TTO -", "(NLĐO) –", "(VOV) -".
_AGENCY_MARKER = re.compile(
    r"^(?:\((?P<paren>[^()\d]{2,25})\)|(?P<bare>[A-ZĐ][A-Za-zĐđ.]{1,10}))\s*(?:[-–—:]\s*|(?=\S))"
)
# A bare marker needs a dash after it ("TTO -", "VTV.vn -"), or is an all-capitals
# abbreviation closed by a full stop ("TGVN. Ngày 12/3, ...").
_BARE_MARKER_NEEDS_DASH = re.compile(r"^[A-ZĐ][A-Za-zĐđ.]{1,10}\s*[-–—]\s|^[A-ZĐ]{3,6}\.\s+(?=[A-ZĐ\u00C0-\u1EF8])")
# Photo captions: a credit at the end ("Ảnh: Yonhap/TTXVN", "(Ảnh: Telegraph)",
# "(Ảnh do Văn phòng Nội các Nhật Bản) (Kyodo)", "Video: Phạm Duy."), or image alt
# text that ends in "ảnh 1", "- Ảnh 2", "hinh anh 1".
#
# The credit is matched in time linear in the line, however it is built (a line of a few
# thousand spaces, or of "(ảnh: a)" repeated, took minutes): the spaces after the separator
# are taken whole (an atomic group; a body that started inside them would only be longer),
# the body ends at the first of the spaces after it, never inside them (the spaces before
# the end take them all the same), and the search starts at the first credit whose body
# can reach the line's closing parenthesized groups (_caption_credit_start). The credit
# found, where it starts included, is the one the plain pattern finds.
_CAPTION_LEAD = (
    r"(?:^|[\s.(])\(?"
    r"(?:ảnh|nguồn ảnh|ảnh minh họa|ảnh minh hoạ|video|clip|đồ họa|đồ hoạ|tin, ảnh|tin và ảnh|ảnh, video)"
    r"\s*(?::|do\b|-|–)(?=(?P<pad>\s*))(?P=pad)"
)
_CAPTION_BODY_CHARS = 80  # the credit's own words: "Ảnh: Văn phòng Nội các Nhật Bản"
_CAPTION_CREDIT = re.compile(
    _CAPTION_LEAD
    + r"(?:(?:[^.!?]|\.(?=\w)){0," + str(_CAPTION_BODY_CHARS) + r"}?(?:[.)]|(?<!\s))|)"
    + r"\s*(?:\([^()]{0,40}\)\s*)*$",
    re.I,
)
_CAPTION_CREDIT_LEAD = re.compile(_CAPTION_LEAD, re.I)
# The parenthesized groups that may close a credit ("(Kyodo)"), read from the line's end.
_TRAILING_GROUPS_REVERSED = re.compile(r"\s*(?:\)[^()]{0,40}\(\s*)*")
_CAPTION_ALT = re.compile(r"(?:[-–]\s*)?(?:ảnh|hình|hinh anh|hình ảnh|photo)\s+\d{1,2}$", re.I)
_CAPTION_ILLUSTRATION = re.compile(r"^\(?(?:ảnh minh họa|ảnh minh hoạ|ảnh: internet|ảnh internet)\)?\.?$", re.I)
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
# The aggregator's own timestamp carries its time zone: "28/05/13 06:49 GMT+7".
_AGGREGATOR_STAMP = re.compile(r"\bGMT\s*[+-]\s*\d{1,2}\b", re.I)
_SOURCE_CREDIT = re.compile(r"^(?:nguồn|nguồn tin|nguồn bài)\s*:\s*(?P<outlet>[^:]{2,40}?)\.?$", re.I)
_COMPILED = re.compile(r"^(?:tổng hợp|th|lược dịch|dịch|biên dịch|thực hiện|ghi|lược ghi|ghi chép)$", re.I)
_BRACKET_LINK = re.compile(r"^\[[^\[\]]{3,}\]$")
_ARROW_LINK = re.compile(r"^(?:>>|»|>)\s*\S")
_INLINE_BOX = re.compile(r"^(?:" + "|".join(BOX_SECTIONS) + r")\s*(?::|>>)\s*\S", re.I)
# Where a crawl glued two paragraphs: a sentence end right before the next capital.
_GLUE = re.compile("[" + re.escape(SENTENCE_MARKS + ")") + "][" + re.escape(CLOSING_QUOTES) + r"]?(?=\S)")
# A "Theo <outlet>" credit glued to the byline before it: "ĐỨC MẠNHTheo Infonet".
_GLUED_THEO = re.compile(r"[^\W\d_.](?P<theo>Theo\s+[A-ZĐ][^.!?,;:()]{1,40}\.?)$")
# The end mark "./." with more text glued after it (a credit, the next record).
_GLUED_END_MARK = re.compile(r"\./\.(?=\s*\S)")
# Compared lower-cased: "Tp.HCM", "TP.HCM" and "tp.HCM" are one abbreviation glued to its name.
_ABBREVIATIONS = frozenset(form.lower() for form in ABBREVIATIONS - NOT_GLUE_ABBREVIATIONS)
# A desk byline under the text: "Ban Thời sự", "Nhóm PV", "Nhóm phóng viên".
_DESK_BYLINE = re.compile(r"^(?:ban|nhóm|tổ|nhóm pv|nhóm phóng viên|pv|phóng viên)(?:\s+\w+){0,4}$", re.I)
# A tags line: "Tình nghi,Sát hại,Binh sĩ" (joined by the CMS) or "Từ khóa: a, b, c".
_TAGS_LINE = re.compile(
    r"^(?:(?:tags?|từ khóa|từ khoá|chủ đề)\s*:\s*.+|[^,.!?:]{1,40}(?:,[^\s,][^,.!?:]{0,40}){2,})$", re.I
)
# A line that ends like a sentence or a clause (a colon before a quote or a list counts).
_SENTENCE_END = re.compile("[" + re.escape(SENTENCE_MARKS + ":;" + CLOSING_QUOTES + "»)]") + r"]\s*$")
_WORD = re.compile(r"\w+", re.U)
_NAME_MAX_WORDS = 5  # a person's name: 'Nguyễn Thị Minh Khai', 'Tôn Nữ Thị Ninh'
_NAME_LINE_MAX_CHARS = 60  # a byline: 'Quang Phong - Tùng Nguyên', 'Minh Anh/VOV.VN'


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in the input
    text: str


@dataclass
class PageHints:
    """What an HTML page's metadata already says; the text rules fill in the rest."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    source: str | None = None


@dataclass
class _State:
    title: str
    kept: list[Line] = field(default_factory=list)
    kept_keys: set[str] = field(default_factory=set)  # _key of each kept line, to spot repeats
    removed: list[RemovedLine] = field(default_factory=list)
    ended_because: str | None = None  # set once the article's own text is over
    box: str | None = None  # inside a related-headlines box
    datelines: list[str] = field(default_factory=list)
    author: str | None = None
    source: str | None = None
    is_last: bool = False  # the line being classified is the input's last
    multi_sentence_paragraphs: bool = True  # the text is laid out in paragraphs, not a sentence a line
    since_end: int = 0  # lines seen since the article's text ended
    headline_runs: set[int] = field(default_factory=set)  # ids of lines in a run of related headlines
    # Read once, not again for each line that is compared with them (a long title or lede
    # and thousands of short lines made that quadratic):
    title_key: str = ""  # _key of the title
    lede_key: str | None = None  # _key of the first kept line
    last_kept_words: int = 0  # words of the last kept line, counted up to CAPTION_ABOVE_WORDS
    named: set[str] = field(default_factory=set)  # name labels found in the text (_named_in_text)
    folded: list[str] = field(default_factory=list)  # kept lines as _named_in_text compares them

    def drop(self, line: Line, why: str) -> None:
        self.removed.append(RemovedLine(line.number, line.text, why))


def clean_text(text: str, path: str, hints: PageHints | None = None) -> Article:
    """Clean a plain-text article: one paragraph (or title, caption, widget) a line."""
    lines = [Line(number, raw.strip()) for number, raw in enumerate(text.split("\n"), start=1)]
    return clean_lines(lines, path, hints or PageHints())


def clean_lines(lines: list[Line], path: str, hints: PageHints) -> Article:
    # Paragraph text is kept as written (inner spacing included); only the ends are trimmed.
    lines = [Line(line.number, line.text.strip()) for line in lines]
    lines = [part for line in lines if line.text.replace("\u200b", "").strip() for part in _split_glued(line)]
    if not lines:
        raise InputError(f"{path}: no text")
    state = _State(title="")
    if hints.title:
        state.title, body_lines = squash(hints.title), lines
    else:
        body_lines = _take_title(lines, state)
    state.title_key = _key(state.title)
    state.multi_sentence_paragraphs = _multi_sentence_share(body_lines) >= MULTI_SENTENCE_SHARE
    state.headline_runs = _headline_runs(body_lines, state.multi_sentence_paragraphs)
    for index, line in enumerate(body_lines):
        state.is_last = index == len(body_lines) - 1
        _classify(line, state)
    if not state.kept:
        raise InputError(f"{path}: a title but no article text" if state.title else f"{path}: no article text")

    if state.ended_because not in ("byline", "theo credit"):
        _take_trailing_byline(state)
    _drop_pull_quotes(state)
    paragraphs = [line.text for line in state.kept]
    paragraphs[0] = _strip_agency_marker(paragraphs[0], state)
    date, partial = _article_date(hints, state, paragraphs)
    return Article(
        path=path,
        title=state.title,
        paragraphs=paragraphs,
        date=date,
        partial_date=partial,
        author=state.author or hints.author,
        source=outlet_name(state.source or hints.source, path),
        removed=sorted(state.removed, key=lambda r: r.line),
    )


# A paragraph's end carries a few glued things at most (a byline, its outlet's credit, a
# caption, the end mark and what follows it): past this many, the rest of the line is split
# as glued paragraphs only. Each is looked for in the whole line, so a line built of
# thousands of them ("... aTheo Ab aTheo Ab ...") took time quadratic in its length.
_GLUED_TAILS_MAX = 8


def _split_glued(line: Line) -> list[Line]:
    """A crawl that lost its paragraph breaks ('...tình nghi.Kẻ tình nghi...'): split where a
    sentence end (or a closing parenthesis) is glued to the capital that opens the next one.
    A credit, caption or end mark glued to the paragraph's end is split off first."""
    head = line.text
    tails: list[Line] = []
    while len(tails) < _GLUED_TAILS_MAX:
        cut = _glued_tail(head)
        if cut is None:
            break
        head, tail = cut
        tails.append(Line(line.number, tail))
    return [*_split_at_glue(Line(line.number, head)), *reversed(tails)]


def _glued_tail(text: str) -> tuple[str, str] | None:
    """(the paragraph, what a crawl glued to its end), or None when nothing is."""
    credit = _GLUED_THEO.search(text)
    if credit:  # "...trong thời gian tới.ĐỨC MẠNHTheo Infonet": the byline, then the credit
        return text[: credit.start("theo")], text[credit.start("theo"):]
    byline = _GLUED_BYLINE.search(text)
    if byline and all(w[:1].isupper() for w in byline["name"].split()):
        # "...vào ngày 30/6/2014. Lê Hoàng (theo AFP)": the reporter's credit on the last line
        return text[: byline.start("credit")].rstrip(), text[byline.start("credit"):]
    caption = _glued_caption(text)
    if caption:  # "...sát hại 2 binh sĩ. "Đường hầm" bị phát hiện. Ảnh: Times of Israel"
        return text[:caption].rstrip(), text[caption:]
    end_mark = _GLUED_END_MARK.search(text)
    if end_mark:  # "...tháng tới./.(Vietnam+)": the end mark closes the text, a credit follows
        return text[: end_mark.end()], text[end_mark.end():].strip()
    return None


# The last word before where a search stops (endpos), whatever follows it; tried from the
# first character of each word only, so that each word is read once.
_LAST_WORD = re.compile(r"(?<!\w)\w+(?=\W*$)")


def _split_at_glue(line: Line) -> list[Line]:
    text = line.text
    parts: list[str] = []
    start = 0
    searched, word = 0, ""  # the last word before each glue mark: each stretch of text is read once
    for match in _GLUE.finditer(text):
        at, after = match.start(), match.end()
        found = _LAST_WORD.search(text, searched, at)  # a glue mark holds no word
        word = found.group() if found else word
        searched = after
        if at == 0 or not text[after: after + 1].isupper():
            continue
        last = text[at - 1]
        # a code with a digit ends a sentence too: "Quốc lộ 1A.Qua kiểm tra"
        code = any(c.isdigit() for c in word) and last.isalnum()
        if not (last.islower() or last.isdigit() or code) or word.lower() in _ABBREVIATIONS:
            continue
        parts.append(text[start:after])
        start = after
    if not parts:
        return [line]
    parts.append(text[start:])
    return [Line(line.number, part.strip()) for part in parts if part.strip()]


_GLUED_BYLINE = re.compile(
    r"[.!?…”\"]\s+(?P<credit>(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+){1,3})\s*\((?:theo|nguồn)\s+[^()]{2,40}\))\s*$",
    re.IGNORECASE)
_GLUED_CAPTION_MIN_BODY = 3  # sentences before the caption: fewer, and the line is the caption


def _glued_caption(text: str) -> int | None:
    """Where a photo caption starts in a paragraph that a crawl glued it to: the last
    sentence before a closing credit ("Ảnh: Times of Israel"), when at least three
    sentences of text come before it; None otherwise (a whole short line is a caption)."""
    credit = _caption_credit_start(text)
    if credit is None or len(text) < 300:
        return None
    from digest.sentences import split_sentences

    before = text[:credit].rstrip(" (")
    sentences = split_sentences(before)
    if len(sentences) <= _GLUED_CAPTION_MIN_BODY:
        return None
    start = before.rfind(sentences[-1])
    return start if start > 0 else None


def _take_title(lines: list[Line], state: _State) -> list[Line]:
    """A text dump opens with its headline, unless the crawl lost it: a location kicker
    ('Bình Dương') printed above the headline is not the title, a first line that is a
    sentence (the lede) is not one, and neither is a headline-shaped line that a caption
    follows (an embedded video's title or a related-article link)."""
    rest = list(lines)
    if len(rest) > 1 and _is_kicker(rest[0].text, rest[1].text):
        state.drop(rest[0], f"location or section kicker above the headline '{rest[0].text}'")
        rest = rest[1:]
    first = rest[0]
    following = rest[1].text if len(rest) > 1 else ""
    if not _is_title_shaped(first.text):
        return rest  # no headline: the text starts with the article itself
    parts = [part.strip() for part in _HEADLINE_JOIN.split(first.text)]
    if _JOINED_HEADLINES.search(first.text) and all(len(_words(part)) >= 4 for part in parts):
        state.drop(first, "related-article headlines joined above the text (the crawl lost the headline)")
        return rest[1:]
    if following and _caption(following) and not dates.parse_dateline(following):
        state.drop(first, "related-article or video headline above the text (the crawl lost the headline)")
        return rest[1:]
    state.title = first.text
    return rest[1:]


def _classify(line: Line, state: _State) -> None:
    text = line.text
    key = _key(text)
    section = _section_header(key)
    if state.ended_because:
        _after_end(line, state, section)
        return
    if section in END_SECTIONS:
        _end(state, "section")
        state.drop(line, f"related-news section header '{text}'")
        return
    if section in BOX_SECTIONS:
        state.box = text
        state.drop(line, f"related-news box header '{text}'")
        return
    if state.box:
        if _is_headline_shaped(text):
            state.drop(line, f"related headline in the '{state.box}' box")
            return
        state.box = None
    if state.title and key == state.title_key:
        state.drop(line, "repeated title")
        return
    credited = None if state.kept else _credit_with_dateline(text)
    if credited:
        state.source = state.source or credited[0]
        state.datelines.append(credited[1])
        state.drop(line, f"credit and dateline '{text}' above the text (kept as metadata)")
        return
    stamp = dates.parse_dateline(text)
    if stamp:
        state.datelines.append(stamp)
        state.drop(line, f"dateline '{text}' (kept as metadata)")
        if len(state.kept) >= 3 or (state.kept and _AGGREGATOR_STAMP.search(text)):
            # A timestamp under the text closes it: aggregator records put category, tags
            # and source after it. A stamp with its time zone ("28/05/13 06:49 GMT+7") is
            # the aggregator's, however short the text above it.
            _end(state, "timestamp")
        return
    marked = byline_name(text) if state.kept and _has_link_mark(text) else None
    if marked:
        state.author = state.author or marked
        _end(state, "byline")
        state.drop(line, "author byline with the related links' '>>' after it (kept as metadata)")
        return
    widget = _widget(key, text)
    if widget:
        state.drop(line, widget)
        return
    if state.kept and id(line) in state.headline_runs:
        state.drop(line, "related headline (one of a run of headlines set in the text)")
        return
    if _BRACKET_LINK.match(text) or _ARROW_LINK.match(text) or _INLINE_BOX.match(text):
        state.drop(line, "inline related-article link")
        return
    if _PHOTO_CREDIT.match(_short_spaces(text)) and _take_credit(text, state):
        state.drop(line, "credit line 'Tin, ảnh: ...' (kept as metadata); the article ends here")
        return
    caption = _caption(text) or _short_caption(text, state)
    if caption:
        state.drop(line, caption)
        return
    if _take_credit(text, state):
        state.drop(line, "byline (kept as metadata); the article ends here")
        return
    if state.kept and _is_name_line(text) and _named_in_text(text, state):
        # the article's own subject, named under a picture or a quote box: reporters
        # are not named in their own text
        state.drop(line, f"name label (a person the article is about, not its byline) '{text}'")
        return
    if state.kept and (_is_name_line(text) or (state.is_last and _DESK_BYLINE.match(text))):
        author, outlet = split_name_and_outlet(byline_name(text) or text)
        state.author = state.author or author
        state.source = state.source or outlet
        _end(state, "byline")
        state.drop(line, "author byline (kept as metadata)")
        return
    if key in state.kept_keys:
        first = key == state.lede_key
        state.drop(line, "duplicate of the lede" if first else "repeated paragraph")
        return
    if not state.kept:
        state.lede_key = key
    state.kept.append(line)
    state.kept_keys.add(key)
    state.last_kept_words = sum(1 for _ in islice(_WORD.finditer(text), CAPTION_ABOVE_WORDS))
    if text.endswith("./."):
        _end(state, "end mark")


# Pull quotes are looked for among this many paragraphs (a news article has 5 to 100):
# each paragraph is compared with every other, so past this an input of tens of thousands
# of lines would take minutes; the paragraphs after it are kept as they are.
PULL_QUOTE_PARAGRAPHS = 1000


def _drop_pull_quotes(state: _State) -> None:
    """A pull quote repeats a sentence of the text in large type: a short line (not the
    lede, whose sentences the body may repeat as published) found inside a longer paragraph."""
    checked, rest = state.kept[:PULL_QUOTE_PARAGRAPHS], state.kept[PULL_QUOTE_PARAGRAPHS:]
    keys = [_key(line.text).strip("\"“”'‘’ ") for line in checked]
    kept = [checked[0]] if checked else []
    for index in range(1, len(checked)):
        key = keys[index]
        inside = len(_words(key)) >= 6 and any(
            j != index and len(other) > 1.5 * len(key) and key in other for j, other in enumerate(keys)
        )
        if inside:
            state.drop(checked[index], "pull quote (repeats a sentence of the text)")
        else:
            kept.append(checked[index])
    state.kept = kept + rest


def _end(state: _State, why: str) -> None:
    state.ended_because = why
    state.since_end = 0


def _after_end(line: Line, state: _State, section: str | None) -> None:
    """After the article's text: only metadata is read (a credit right under the byline,
    the original outlet under a 'Theo <author>' credit, an aggregator's timestamp)."""
    text = line.text
    state.since_end += 1
    why = state.ended_because
    first_after = state.since_end == 1
    credit_may_follow = why in ("end mark", "byline", "theo credit", "timestamp") and first_after and not section
    if credit_may_follow and _take_credit(text, state):
        state.drop(line, "source credit (kept as metadata)")
        return
    if why == "theo credit" and first_after and not section and not state.source and _is_outlet_line(text):
        state.source = text
        state.drop(line, "original outlet under the byline (kept as metadata)")
        return
    if why in ("end mark", "byline") and state.since_end <= 2 and not state.datelines:
        stamp = dates.parse_dateline(text)
        if stamp:
            state.datelines.append(stamp)
            state.drop(line, f"aggregator timestamp '{text}' (kept as metadata)")
            _end(state, "timestamp")
            return
    if _TAGS_LINE.match(text) and "," in text:
        state.drop(line, "tags line")
        return
    if why == "timestamp" and state.is_last and not state.source and _is_outlet_line(text) and len(_words(text)) <= 4:
        state.source = text
        state.drop(line, "source outlet of the aggregator record (kept as metadata)")
        return
    state.drop(line, _AFTER_END[why or "section"])  # why is set: the article has ended


_AFTER_END = {
    "section": "related-news section: other articles' headlines and ledes",
    "byline": "embedded related article or teaser after the main article's byline",
    "end mark": "after the article's end mark './.'",
    "theo credit": "embedded related article or teaser after the main article's byline",
    "timestamp": "after the aggregator's timestamp: category, tags, source",
}


def _section_header(key: str) -> str | None:
    bare = key.strip(" :>»-–—|").strip()
    for name in END_SECTIONS + BOX_SECTIONS:
        if bare == name:
            return name
    return None


def _widget(key: str, text: str) -> str | None:
    bare = key.strip(" :|.")
    if is_breadcrumb(text):
        return f"breadcrumb (the page's section trail) '{text}'"
    if bare in WIDGET_LINES:
        return f"share or page widget '{text}'"
    if _WIDGET_PATTERNS.match(bare) or _is_reader_prompt(bare):
        return f"share, contact or comment widget '{text}'"
    return None


def _is_reader_prompt(bare: str) -> bool:
    """A reader prompt (_READER_PROMPT), `bare` its squashed lower-case key. As one pattern
    ('.{0,120}(?:@|\\d[\\d .]{7,}\\d).{0,60}$') a line of the opening and a long run of digits
    took time in the run's length times 120 times 60; each run is read once here. The
    number that starts at its run's first digit and ends at its last is the longest."""
    opening = _READER_PROMPT.match(bare)
    if opening is None:
        return False
    start, end = opening.end(), len(bare)
    latest = start + _PROMPT_LEAD_CHARS  # where the address or number starts at the latest
    if bare.find("@", max(start, end - _PROMPT_TAIL_CHARS - 1), latest + 1) != -1:
        return True
    for run in _PHONE_RUN.finditer(bare, start):
        if run.start() > latest:
            break
        number = run.group().strip(" .")  # from the run's first digit to its last
        first = run.start() + len(run.group()) - len(run.group().lstrip(" ."))
        tail = end - first - len(number)
        if first <= latest and len(number) >= _PHONE_MIN_CHARS and tail <= _PROMPT_TAIL_CHARS:
            return True
    return False


def _caption(text: str) -> str | None:
    if _CAPTION_ILLUSTRATION.match(text):
        return f"photo caption '{text}'"
    if _CAPTION_ALT.search(text) and not _SENTENCE_END.search(text):
        return "photo caption (image alt text ending in 'ảnh N')"
    credit = _caption_credit_start(text)
    if credit is not None:
        return f"photo caption ending in '{text[credit:].strip()}'"
    return None


def _caption_credit_start(text: str) -> int | None:
    """Where the photo credit that ends `text` starts ('... Ảnh: Yonhap/TTXVN'), or None:
    _CAPTION_CREDIT.search(text).start(), in time linear in the text. Every match ends at
    the text's end, so a credit can only start where its body (80 characters at most)
    reaches the parenthesized groups at the end of the text ('(Kyodo)'); the search starts
    at the first such credit instead of trying every one against the whole rest."""
    groups = _TRAILING_GROUPS_REVERSED.match(text[::-1])
    reach = len(text) - (groups.end() if groups else 0) - _CAPTION_BODY_CHARS - 1
    position = 0
    while True:
        lead = _CAPTION_CREDIT_LEAD.search(text, position)
        if lead is None:
            return None
        if lead.end() >= reach:
            break
        position = lead.start() + 1
    credit = _CAPTION_CREDIT.search(text, lead.start())
    return credit.start() if credit else None


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


def _article_date(hints: PageHints, state: _State, paragraphs: list[str]) -> tuple[str | None, str | None]:
    """Never invented: metadata, then a dateline, then a lede that opens with a full date,
    then a relative weekday matched against a full date the article states; a lede
    that opens with a day/month gives only a partial date."""
    if hints.date:
        return hints.date, None
    if state.datelines:
        return state.datelines[0], None
    partial = None
    for paragraph in paragraphs[:3]:
        full, part = dates.lede_date(paragraph)
        if full:
            return full, None
        partial = partial or part
    everything = "\n".join(paragraphs + [r.text for r in state.removed if "caption" in r.why])
    by_weekday = dates.date_by_weekday(" ".join(paragraphs[:2]), everything)
    if by_weekday:
        return by_weekday, None
    return None, partial


# --- shapes -------------------------------------------------------------------------


def _key(text: str) -> str:
    """Comparison key: case, spacing and trailing punctuation don't make a line different."""
    return squash(text).lower().strip(" .…")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper()


def _is_headline_shaped(text: str) -> bool:
    """A related headline: short, no full stop at the end."""
    return len(_words(text)) <= 30 and not re.search(r"[.!]\s*$", text)


def _is_kicker(text: str, following: str) -> bool:
    """A place or section name printed above the headline: 'Bình Dương', 'Thế giới', or the
    breadcrumb of sections ('Trang chủ » Thế giới', 'Thời sự > Giao thông'). A short line of
    ordinary words ('Giá vàng tăng') is a kicker only when a headline follows it; a place
    name (every word capitalized) is one whatever follows."""
    if text.endswith(":") and 1 <= len(text[:-1].split()) <= 4 and all(
        _is_capitalized(word) for word in text[:-1].split()
    ):
        return True  # the dateline's place on a line of its own: "Quảng Bình:"
    words = text.split()
    if 1 <= len(words) <= 3 and _is_capitalized(text) and not re.search(r"[^\w\s]|\d", text):
        return all(_is_capitalized(word) for word in words) or _is_title_shaped(following)
    return is_breadcrumb(text)


_BREADCRUMB_STEP = re.compile(r"(?:(?<!\s)\s+|)[»›>]\s*")  # spaces taken from the start of their run


def is_breadcrumb(text: str) -> bool:
    """Sections joined by '»', '›' or '>', each a few words: the page's navigation trail."""
    parts = _BREADCRUMB_STEP.split(text.strip())
    return 2 <= len(parts) <= 6 and all(
        part and len(part.split()) <= 4 and not re.search(r"[.!?,:;\"“”]", part) for part in parts
    )


def _is_title_shaped(text: str) -> bool:
    """A headline: a few words to a long line, not a finished sentence, not a caption,
    stamp, widget or link."""
    words = _words(text)
    if not 3 <= len(words) <= 35 or re.search(r"(?<!\.)\.\s*$", text):
        return False
    if dates.parse_dateline(text) or _widget(_key(text), text) or _caption(text):
        return False
    if _CONNECTIVE_OPENING.match(text):
        return False  # "Theo đó, ..." carries on from a sentence before it: a headline never does
    return not (_BRACKET_LINK.match(text) or _ARROW_LINK.match(text))


# A sentence that carries on from the one before: "Theo đó,", "Tuy nhiên,", "Ngoài ra,".
_CONNECTIVE_OPENING = re.compile(
    r"^(?:theo đó|tuy nhiên|ngoài ra|bên cạnh đó|trong khi đó|đồng thời|cụ thể|trước đó|sau đó|do đó"
    r"|vì vậy|vì thế|như vậy|mặt khác|hiện nay|trong đó)\s*,", re.I
)
# Headlines of related articles that a crawl joined on one line: "A / B".
_JOINED_HEADLINES = re.compile(r"\S\s+/\s+\S")
_HEADLINE_JOIN = re.compile(r"(?<!\s)\s+/\s+")  # from the start of a run of spaces only: linear
# Share of long lines holding more than one sentence above which a text is laid out in
# paragraphs (news pages: about half or more); sentence-a-line dumps stay far below it.
MULTI_SENTENCE_SHARE = 0.4
_INNER_SENTENCE_END = re.compile(
    "[" + re.escape(SENTENCE_MARKS) + "][" + re.escape(CLOSING_QUOTES + "»)") + r"]?\s+[A-ZÀ-ỸĐ\"“]"
)


def _headline_runs(lines: list[Line], in_paragraphs: bool) -> set[int]:
    """Headline-shaped lines in a row: the related articles an outlet sets right under
    the lede (Tuổi Trẻ), or three or more between paragraphs of a text laid out in paragraphs. A crosshead stands
    alone; list items are short, numbered or bulleted."""
    def related(text: str) -> bool:
        return (
            5 <= len(_words(text)) <= 25
            and text[:1].isupper()
            and not re.search(r"[.!?:;…\"”'’)»]\s*$", text)
            and not _is_name_line(text)
            and _caption(text) is None
            and dates.parse_dateline(text) is None
        )

    runs: set[int] = set()
    run: list[Line] = []
    for index, line in enumerate([*lines, Line(0, "")]):
        if related(line.text):
            run.append(line)
            continue
        # two right under the lede (where the box sits), or three anywhere: two headline-
        # shaped lines further down may be a crosshead and a caption
        under_lede = index - len(run) == 1
        if (len(run) >= 3 and in_paragraphs) or (len(run) >= 2 and under_lede):
            runs.update(id(item) for item in run)
        run = []
    return runs


def _multi_sentence_share(lines: list[Line]) -> float:
    long_lines = [line.text for line in lines if len(_words(line.text)) >= 15]
    if not long_lines:
        return 0.0
    return sum(bool(_INNER_SENTENCE_END.search(text[:-1])) for text in long_lines) / len(long_lines)


CAPTION_ABOVE_WORDS = 15  # a short line under a paragraph of this many words may be its picture's caption


def _short_caption(text: str, state: _State) -> str | None:
    """A photo caption without a credit: one short plain sentence set between paragraphs
    ('Công an khám nghiệm hiện trường.'). News paragraphs run to several clauses; a line of
    ten words or fewer with no comma, colon or quotation is the line under a picture."""
    if not state.multi_sentence_paragraphs or not state.kept or state.is_last or not text.endswith("."):
        return None  # where every line is one sentence, a short one is just a short sentence
    if len(_words(text)) > 10 or re.search(r"[,;:\"“”'‘’()]|\.\s+\S", text[:-1]):
        return None
    if state.last_kept_words < CAPTION_ABOVE_WORDS:
        return None  # under a crosshead or another short line: part of the text
    return f"photo caption (a short line between paragraphs) '{text}'"


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
