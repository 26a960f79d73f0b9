"""What a page prints around the article that is not its text: widgets, navigation, links.

- a breadcrumb ("Trang chủ » Thế giới") is navigation, above the headline or anywhere;
- share and contact widgets, comment counters, tags lines, reader prompts
  ("Độc giả có thông tin ... gửi về ...@..."), newsletter sign-ups, and bracketed and
  ">>" links are not text;
- the headers of a related-news section ("Tin khác", "Tin cùng chuyên mục", ...) and of a
  related-headlines box ("Tin liên quan", "Xem thêm", "Đọc thêm") are told apart here
  (_section_header); what each does to the article is the walk's (digest.clean.walk).
"""
from __future__ import annotations

import re

from digest.vietnamese import BOX_SECTIONS, END_SECTIONS, WIDGET_LINES

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
_BRACKET_LINK = re.compile(r"^\[[^\[\]]{3,}\]$")
_ARROW_LINK = re.compile(r"^(?:>>|»|>)\s*\S")
_INLINE_BOX = re.compile(r"^(?:" + "|".join(BOX_SECTIONS) + r")\s*(?::|>>)\s*\S", re.I)
# A tags line: "Tình nghi,Sát hại,Binh sĩ" (joined by the CMS) or "Từ khóa: a, b, c".
_TAGS_LINE = re.compile(
    r"^(?:(?:tags?|từ khóa|từ khoá|chủ đề)\s*:\s*.+|[^,.!?:]{1,40}(?:,[^\s,][^,.!?:]{0,40}){2,})$", re.I
)


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


_BREADCRUMB_STEP = re.compile(r"(?:(?<!\s)\s+|)[»›>]\s*")  # spaces taken from the start of their run


def is_breadcrumb(text: str) -> bool:
    """Sections joined by '»', '›' or '>', each a few words: the page's navigation trail."""
    parts = _BREADCRUMB_STEP.split(text.strip())
    return 2 <= len(parts) <= 6 and all(
        part and len(part.split()) <= 4 and not re.search(r"[.!?,:;\"“”]", part) for part in parts
    )
