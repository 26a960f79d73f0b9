"""The conventions of Vietnamese news writing, as data.

Vocabularies and tunables that more than one stage reads (the cleaner, the HTML path, the
sentence splitter, dates), kept apart from the rules that use them, as trafilatura keeps
its `xpaths` and `settings`. Nothing here decides anything: the stage modules do.
"""

from __future__ import annotations

import re

# --- sections and widgets ---------------------------------------------------------------

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
# "Xem video:" heads an embedded video: its title follows, headline-shaped.
BOX_SECTIONS = (
    "tin liên quan", "xem thêm", "đọc thêm", "bài liên quan", "có liên quan", "tham khảo thêm",
    "xem video", "mời xem video", "video liên quan",
)
# Whole lines that are share, contact, comment or navigation widgets (compared lower-cased).
WIDGET_LINES = frozenset({
    "zalo", "hotline", "facebook", "twitter", "email", "e-mail", "chia sẻ", "share", "tweet",
    "like", "in bài", "in", "gửi", "lưu", "bình luận", "gửi bình luận", "gửi phản hồi",
    "phản hồi", "copy link", "copy link thành công", "sao chép liên kết", "quay lại",
    "về đầu trang", "lên đầu trang", "trở về", "theo dõi", "theo dõi trên google news",
    "video đang hot", "video hot", "xem video", "chia sẻ với bạn bè qua", "trả lời",
    "báo xấu", "thích", "tin ảnh", "ảnh", "video", "top", "mới nhất", "nghe bài viết",
    "nghe đọc bài", "đọc bài", "xem bình luận", "viết bình luận", "ý kiến bạn đọc", "báo lỗi",
    "lưu bài", "lưu bài viết", "in bài viết", "gửi email", "chia sẻ bài viết", "bình chọn",
    "pinterest", "linkedin", "messenger", "telegram", "sao chép link", "quay về",
    "từ khóa", "từ khoá", "tags", "tag", "chủ đề",
})

# --- abbreviations ------------------------------------------------------------------------

# Abbreviations that end in a full stop but not a sentence: they precede a name, a place or
# a number ("TP. HCM", "GS. Phan", "tr. 5", "Tp.HCM", "Mr. Kim", "NXB Trẻ"), written as
# the papers write them. Two readers use this one list:
# - the sentence splitter compares the word before a full stop as written (case matters,
#   so "Tp" is listed beside "TP"); a capital and one or two lowercase consonants ("Mr",
#   "Th", "Nxb") it knows by shape anyway;
# - the cleaner, splitting paragraphs a crawl glued together ("...tình nghi.Kẻ ..."),
#   compares the word lower-cased.
ABBREVIATIONS = frozenset({
    "TP", "Tp", "TX", "TT", "GS", "PGS", "TS", "Ts", "ThS", "Ths", "BS", "Bs", "KS", "tr", "Prof",
    "Mr", "Mrs", "Ms", "Dr", "St", "Th", "Nxb", "v",
})
# Forms only one of the two readers spares, as each was tuned: "v" ("v.v.", etc.) ends a
# sentence for the splitter; "TX", "TT" and "Prof" were never spared in a glued paragraph.
NOT_SENTENCE_ABBREVIATIONS = frozenset({"v"})
NOT_GLUE_ABBREVIATIONS = frozenset({"TX", "TT", "Prof"})

# --- agencies and outlets -----------------------------------------------------------------

# All-capitals abbreviations that open a lede without being an agency marker: titles
# ("PGS", "ThS") and institutions ("UBND", "THPT") the lede is about.
NOT_AGENCY_MARKERS = frozenset({"PGS", "THS", "TSKH", "UBND", "HĐND", "TAND", "VKSND", "THPT", "THCS"})

# Words that name a news outlet (in a <title>, og:site_name, an author field).
OUTLET_WORDS = re.compile(
    r"\b(?:báo|online|news|express|plus|điện tử|tin tức|\.vn|\.net|\.com|vnexpress|dân trí|dantri"
    r"|tuổi trẻ|tuoi tre|thanh niên|thanh nien|zing|znews|ttxvn|vov|người lao động|nld|quốc tế"
    r"|công luận|vietnamnet|tiền phong|lao động|sggp|kenh14|24h|vtv|vtc|nhân dân|pháp luật|infonet)\b",
    re.I,
)
# Of those, the words any outlet's name may hold: not a brand by themselves.
GENERIC_OUTLET_WORDS = frozenset({"báo", "online", "news", "express", "plus", "điện tử", "tin tức"})
# What an outlet calls itself around its name: "Báo điện tử Tiền Phong", "Tuổi Trẻ Online".
OUTLET_PREFIX = re.compile(r"^(?:báo điện tử|báo|tạp chí điện tử|tạp chí|trang tin điện tử)\s+(?=\S)", re.I)
OUTLET_SUFFIX = re.compile(r"\s+(?:online|điện tử)$", re.I)

# --- punctuation and spacing --------------------------------------------------------------

SENTENCE_MARKS = ".!?…"  # the marks that end a sentence
CLOSING_QUOTES = "\"”"  # a quotation may close after the mark: 'nói: "Tôi đi."'
# A text that ends like a sentence (its last mark, a closing quote after it).
ENDS_LIKE_SENTENCE = re.compile("[" + re.escape(SENTENCE_MARKS + CLOSING_QUOTES) + r"]\s*$")

# A dateline ("Thứ sáu, 13/11/2020 09:53 AM - 0 Trả lời") is short; a longer line that holds
# a date is a sentence that mentions one.
DATELINE_MAX_CHARS = 90


def squash(text: str | None) -> str:
    """Spacing as a reader sees it: runs of any Unicode space (NBSP included) as one space,
    zero-width spaces dropped, ends trimmed. str.split() is several times faster than a
    regex here, and this runs for every text node of a page."""
    return " ".join((text or "").replace("\u200b", "").split())
