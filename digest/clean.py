"""Boilerplate removal: the conventions of Vietnamese news pages, stated as rules.

The input is a sequence of lines (a text dump, or the blocks an HTML page yields).
The first line is the title unless the page's metadata gives one. Then each line is
either the article's own text or boilerplate, decided by the rules below in order;
every dropped line is kept in Article.removed with its reason.

The rules, as an editor would state them:
- a related-news section ("Tin khác", "Tin cùng chuyên mục", ...) ends the article;
  a "Tin liên quan"/"Xem thêm"/"Đọc thêm" box lists headlines, and the body may go on
  after them;
- a byline or credit ("Theo Đặng Ánh-Viết Tuân (TTXVN)", "(TTXVN/Vietnam+)", a bare
  name under the last paragraph) and the end mark "./." end the article: what follows
  is another article, a teaser, or widgets;
- datelines, share and contact widgets, comment counters, captions and alt texts,
  bracketed and ">>" links, a repeated title, a repeated paragraph are not text;
- an agency marker at the head of the lede ("(CLO)", "(Dân trí) -", "TTO -") is
  metadata, not text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from digest import dates
from digest.article import Article, RemovedLine
from digest.errors import InputError

# Section headers after which only other articles' headlines and ledes follow.
END_SECTIONS = (
    "tin khác", "các tin khác", "tin cùng chuyên mục", "tin cùng chủ đề", "tin cùng loại",
    "tin mới", "tin mới nhất", "tin mới hơn", "tin cũ hơn", "tin đọc nhiều", "đọc nhiều nhất",
    "xem nhiều nhất", "tin nổi bật", "tin tức gần đây", "có thể bạn quan tâm",
    "bạn có thể quan tâm", "bài viết liên quan", "các bài mới", "các bài đã đăng",
    "tin bài liên quan", "tin tức liên quan", "bài cùng chuyên mục", "tin xem nhiều",
    "tin nóng", "tin hot", "tin tiêu điểm", "đọc tiếp", "tin liên quan khác",
)
# Boxes of related headlines that may sit in the middle of the body.
BOX_SECTIONS = ("tin liên quan", "xem thêm", "đọc thêm", "bài liên quan", "có liên quan", "tham khảo thêm")
# Whole lines that are share, contact, comment or navigation widgets.
WIDGET_LINES = (
    "zalo", "hotline", "facebook", "twitter", "email", "e-mail", "chia sẻ", "share", "tweet",
    "like", "in bài", "in", "gửi", "lưu", "bình luận", "gửi bình luận", "gửi phản hồi",
    "phản hồi", "copy link", "copy link thành công", "sao chép liên kết", "quay lại",
    "về đầu trang", "lên đầu trang", "trở về", "theo dõi", "theo dõi trên google news",
    "video đang hot", "video hot", "xem video", "chia sẻ với bạn bè qua", "trả lời",
    "báo xấu", "thích", "tin ảnh", "ảnh", "video", "top", "mới nhất",
)
_WIDGET_PATTERNS = re.compile(
    r"^(?:\d+\s+(?:trả lời|bình luận|phản hồi|lượt xem|comments?|likes?|shares?)"
    r"|(?:chia sẻ|share)\s*(?:qua|lên)?\s*(?:facebook|zalo|twitter|email)?"
    r"|(?:hotline|đường dây nóng)\s*:?\s*[\d .]{6,}"
    r"|[\d][\d .]{8,}\d"  # a bare phone number
    r"|video\s+(?:đang\s+)?hot"
    r"|trở lại\s+\S.{0,30}"  # "Trở lại Pháp luật": back to the section
    r"|mời (?:bạn |quý )?độc giả .{0,120}"
    r"|copyright\b.*|©.*"
    r")$",
    re.I,
)
# An agency marker opening the lede: "(CLO)", "(Dân trí) -", "TTO -", "(NLĐO) –", "(VOV) -".
_AGENCY_MARKER = re.compile(r"^(?:\((?P<paren>[^()\d]{2,25})\)|(?P<bare>[A-ZĐ][A-Za-zĐđ.]{1,10}))\s*(?:[-–—:]\s*|(?=\S))")
_BARE_MARKER_NEEDS_DASH = re.compile(r"^[A-ZĐ][A-Za-zĐđ.]{1,10}\s*[-–—]\s")
# Photo captions: a credit at the end ("Ảnh: Yonhap/TTXVN", "(Ảnh: Telegraph)",
# "(Ảnh do Văn phòng Nội các Nhật Bản) (Kyodo)", "Video: Phạm Duy."), or image alt
# text that ends in "ảnh 1", "- Ảnh 2", "hinh anh 1".
_CAPTION_CREDIT = re.compile(
    r"(?:^|[\s.(])\(?(?:ảnh|nguồn ảnh|ảnh minh họa|ảnh minh hoạ|video|clip|đồ họa|đồ hoạ|tin, ảnh|tin và ảnh|ảnh, video)"
    r"\s*(?::|do\b|-|–)\s*[^.!?]{0,80}?[.)]?\s*(?:\([^()]{0,40}\)\s*)*$",
    re.I,
)
_CAPTION_ALT = re.compile(r"(?:[-–]\s*)?(?:ảnh|hình|hinh anh|hình ảnh|photo)\s+\d{1,2}$", re.I)
_CAPTION_ILLUSTRATION = re.compile(r"^\(?(?:ảnh minh họa|ảnh minh hoạ|ảnh: internet|ảnh internet)\)?\.?$", re.I)
# A credit line: "(TTXVN/Vietnam+)", "Theo Đặng Ánh-Viết Tuân (TTXVN)", "Theo Infonet",
# "Tin, ảnh: Vũ Phương Thảo", "Nhóm PV".
_PAREN_CREDIT = re.compile(r"^\((?P<source>[^()]{2,40})\)\.?$")
_THEO_CREDIT = re.compile(
    r"^theo\s+(?P<who>[^,;:!?]{2,60}?)\s*(?:\((?P<paren>[^()]{2,40})\))?\s*\.?$", re.I
)
_PHOTO_CREDIT = re.compile(r"^(?:tin,?\s*(?:và\s*)?ảnh|bài,?\s*(?:và\s*)?ảnh|bài và ảnh|tin|bài|nhóm pv)\s*:\s*(?P<who>.{2,60})$", re.I)
_BRACKET_LINK = re.compile(r"^\[[^\[\]]{3,}\]$")
_ARROW_LINK = re.compile(r"^(?:>>|»|>)\s*\S")
_INLINE_BOX = re.compile(r"^(?:" + "|".join(BOX_SECTIONS) + r")\s*(?::|>>)\s*\S", re.I)
_SENTENCE_END = re.compile(r"""[.!?…:;"”»)\]]\s*$""")
_WORD = re.compile(r"\w+", re.U)


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
    removed: list[RemovedLine] = field(default_factory=list)
    ended_because: str | None = None  # set once the article's own text is over
    box: str | None = None  # inside a related-headlines box
    datelines: list[str] = field(default_factory=list)
    author: str | None = None
    source: str | None = None

    def drop(self, line: Line, why: str) -> None:
        self.removed.append(RemovedLine(line.number, line.text, why))


def clean_text(text: str, path: str, hints: PageHints | None = None) -> Article:
    """Clean a plain-text article: one paragraph (or title, caption, widget) a line."""
    lines = [Line(number, raw.strip()) for number, raw in enumerate(text.split("\n"), start=1)]
    return clean_lines(lines, path, hints or PageHints())


def clean_lines(lines: list[Line], path: str, hints: PageHints) -> Article:
    # Paragraph text is kept as written (inner spacing included); only the ends are trimmed.
    lines = [Line(line.number, line.text.strip()) for line in lines]
    lines = [line for line in lines if line.text.replace("\u200b", "").strip()]
    if not lines:
        raise InputError(f"{path}: no text")
    if hints.title:
        title, body_lines = _squash_spaces(hints.title), lines
    else:
        title, body_lines = lines[0].text, lines[1:]
    state = _State(title=title, author=hints.author, source=hints.source)
    for line in body_lines:
        _classify(line, state)
    if not state.kept:
        raise InputError(f"{path}: a title but no article text")

    paragraphs = [line.text for line in state.kept]
    paragraphs[0] = _strip_agency_marker(paragraphs[0], state)
    date, partial = _article_date(hints, state, paragraphs)
    return Article(
        path=path,
        title=title,
        paragraphs=paragraphs,
        date=date,
        partial_date=partial,
        author=state.author,
        source=state.source,
        removed=sorted(state.removed, key=lambda r: r.line),
    )


def _classify(line: Line, state: _State) -> None:
    text = line.text
    key = _key(text)
    section = _section_header(key)
    if state.ended_because:
        if state.ended_because == "end mark" and _take_credit(text, state):
            state.drop(line, "source credit (kept as metadata)")
            return
        if state.ended_because == "theo credit" and not section and not state.source and _is_outlet_line(text):
            state.source = text
            state.drop(line, "original outlet under the byline (kept as metadata)")
            state.ended_because = "byline"
            return
        state.drop(line, _AFTER_END[state.ended_because])
        if state.ended_because == "theo credit":
            state.ended_because = "byline"
        return
    if section in END_SECTIONS:
        state.ended_because = "section"
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
    if key == _key(state.title):
        state.drop(line, "repeated title")
        return
    stamp = dates.parse_dateline(text)
    if stamp:
        state.datelines.append(stamp)
        state.drop(line, f"dateline '{text}' (kept as metadata)")
        return
    widget = _widget(key, text)
    if widget:
        state.drop(line, widget)
        return
    if _BRACKET_LINK.match(text) or _ARROW_LINK.match(text) or _INLINE_BOX.match(text):
        state.drop(line, "inline related-article link")
        return
    caption = _caption(text)
    if caption:
        state.drop(line, caption)
        return
    if _take_credit(text, state):
        state.drop(line, "byline (kept as metadata); the article ends here")
        return
    if state.kept and _is_name_line(text):
        state.author = state.author or text
        state.ended_because = "byline"
        state.drop(line, "author byline (kept as metadata)")
        return
    if any(_key(kept.text) == key for kept in state.kept):
        first = _key(state.kept[0].text) == key
        state.drop(line, "duplicate of the lede" if first else "repeated paragraph")
        return
    state.kept.append(line)
    if text.endswith("./."):
        state.ended_because = "end mark"


_AFTER_END = {
    "section": "related-news section: other articles' headlines and ledes",
    "byline": "embedded related article or teaser after the main article's byline",
    "end mark": "after the article's end mark './.'",
    "theo credit": "embedded related article or teaser after the main article's byline",
}


def _section_header(key: str) -> str | None:
    bare = key.strip(" :>»-–—|").strip()
    for name in END_SECTIONS + BOX_SECTIONS:
        if bare == name:
            return name
    return None


def _widget(key: str, text: str) -> str | None:
    bare = key.strip(" :|.")
    if bare in WIDGET_LINES:
        return f"share or page widget '{text}'"
    if _WIDGET_PATTERNS.match(bare):
        return f"share, contact or comment widget '{text}'"
    return None


def _caption(text: str) -> str | None:
    if _CAPTION_ILLUSTRATION.match(text):
        return f"photo caption '{text}'"
    if _CAPTION_ALT.search(text) and not _SENTENCE_END.search(text):
        return "photo caption (image alt text ending in 'ảnh N')"
    credit = _CAPTION_CREDIT.search(text)
    if credit:
        return f"photo caption ending in '{credit.group(0).strip()}'"
    return None


def _take_credit(text: str, state: _State) -> bool:
    """A credit line that closes the article; records author and source."""
    if not state.kept:
        return False
    match = _PAREN_CREDIT.match(text)
    if match and _looks_like_outlet(match["source"]):
        state.source = state.source or match["source"].strip()
        # A bare credit follows the end mark or the last paragraph: nothing of the article follows.
        state.ended_because = "byline"
        return True
    match = _THEO_CREDIT.match(text)
    if match and len(_WORD.findall(match["who"])) <= 7 and not _SENTENCE_END.search(match["who"]):
        who = match["who"].strip()
        if match["paren"]:
            state.author = state.author or who
            state.source = state.source or match["paren"].strip()
        elif _is_person_name(who):
            state.author = state.author or who
            state.ended_because = "theo credit"  # the original outlet may follow on its own line
            return True
        else:
            state.source = state.source or who
        state.ended_because = "byline"
        return True
    match = _PHOTO_CREDIT.match(text)
    if match:
        state.author = state.author or match["who"].strip()
        state.ended_because = "byline"
        return True
    return False


def _strip_agency_marker(paragraph: str, state: _State) -> str:
    match = _AGENCY_MARKER.match(paragraph)
    if not match:
        return paragraph
    if match["bare"] and not _BARE_MARKER_NEEDS_DASH.match(paragraph):
        return paragraph  # a capitalized first word is only a marker when a dash follows it
    marker = (match["paren"] or match["bare"]).strip()
    if not _looks_like_outlet(marker):
        return paragraph
    rest = paragraph[match.end():].lstrip()
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


def _squash_spaces(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u200b", "").split())


def _key(text: str) -> str:
    """Comparison key: case, spacing and trailing punctuation don't make a line different."""
    return _squash_spaces(text).lower().strip(" .…")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper()


def _is_headline_shaped(text: str) -> bool:
    """A related headline: short, no full stop at the end."""
    return len(_words(text)) <= 30 and not re.search(r"[.!]\s*$", text)


def _is_person_name(text: str) -> bool:
    words = _words(text)
    return 2 <= len(words) <= 5 and all(_is_capitalized(w) or w.isdigit() for w in words)


def _is_name_line(text: str) -> bool:
    """A byline under the last paragraph: 'Hoàng Nam', 'Quang Phong - Tùng Nguyên', 'Phạm Dự'."""
    if _SENTENCE_END.search(text) or len(text) > 60 or "," in text:
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
