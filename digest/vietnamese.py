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
# The marks a page sets before its related links, which a crawl may glue to the byline
# above them ("Minh Anh - Hoàng Long >> Xem thêm", "Minh AnhHoàng Long>>"): markup, never
# part of a name.
RELATED_LINK_MARKS = (">>", "»", "›", "|")
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
OUTLET_SUFFIX = re.compile(r"(?<!\s)\s+(?:online|điện tử)$", re.I)  # matched only from a run's start: linear

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

# --- names (digest glossary suggest) ------------------------------------------------------

# Words that head an organization's name and what the glossary calls such a name. After
# the head, only the first syllable of each word is capitalized: "Bộ Ngoại giao",
# "Cơ quan Tình báo Quốc gia", "Bộ Giáo dục và Đào tạo", "Trường Đại học Bách khoa Hà Nội".
NAME_HEADS: dict[str, str] = {
    **dict.fromkeys((
        "Bộ", "Cơ quan", "Cục", "Tổng cục", "Sở", "Ủy ban", "Uỷ ban", "Văn phòng", "Ban", "Vụ", "Viện",
        "Thông tấn xã", "Đài", "Báo", "Tạp chí", "Thanh tra", "Kiểm toán", "Bộ Tư lệnh", "Bộ Chỉ huy",
        "Công an", "Cảnh sát", "Viện Kiểm sát", "Viện kiểm sát", "Tỉnh ủy", "Tỉnh uỷ", "Thành ủy", "Thành uỷ",
        "Huyện ủy", "Huyện uỷ", "Đảng ủy", "Đảng uỷ", "Chi cục",
    ), "agency"),
    **dict.fromkeys((
        "Công ty", "Tổng công ty", "Tập đoàn", "Ngân hàng", "Trường", "Đại học", "Học viện", "Bệnh viện",
        "Tòa án", "Toà án", "Đảng", "Hội", "Hội đồng", "Hiệp hội", "Liên đoàn", "Câu lạc bộ", "Tổ chức",
        "Quỹ", "Trung tâm", "Hãng", "Liên minh", "Quân đội", "Quân khu", "Sư đoàn", "Lữ đoàn", "Trung đoàn",
        "Đại sứ quán", "Lãnh sự quán", "Tổng lãnh sự quán", "Chính phủ", "Quốc hội", "Hạ viện",
        "Thượng viện", "Mặt trận", "Nhà xuất bản", "Nhà máy", "Khu công nghiệp", "Hợp tác xã",
        "Liên hiệp", "Nhà hát", "Đoàn", "Phong trào", "Thẩm mỹ viện", "Hải quân", "Không quân", "Lục quân",
        "Đài truyền hình", "Đài phát thanh", "Cộng đồng", "Diễn đàn", "Hội nghị", "Tòa", "Toà",
    ), "org"),
    **dict.fromkeys((
        "Luật", "Đạo luật", "Bộ luật", "Hiệp định", "Hiệp ước", "Nghị định", "Nghị quyết", "Công ước",
        "Hiến pháp", "Thông tư", "Quyết định", "Chỉ thị",
    ), "law"),
    **dict.fromkeys((
        "Sân bay", "Cảng", "Sân vận động", "Sông", "Núi", "Đảo", "Quần đảo", "Vịnh", "Hồ", "Đèo", "Cầu",
        "Chùa", "Đền", "Lăng", "Vườn quốc gia", "Khu du lịch", "Bảo tàng", "Quảng trường", "Phố", "Đường",
    ), "place"),
}
# Days of the week, capitalized like names and no names: "Thứ Hai" is Monday.
WEEKDAY_NAMES = frozenset({"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật", "Chủ nhật"})
# Institutions whose whole name is a head and one lower-case syllable.
STANDALONE_NAMES: dict[str, str] = {
    "Quốc hội": "org", "Chính phủ": "org", "Bộ Chính trị": "org", "Ban Bí thư": "org", "Nhà Trắng": "org",
    "Liên Hợp quốc": "org", "Liên hợp quốc": "org", "Liên Hiệp quốc": "org",
}
# Titles before a person's name, in any case; they never belong to the name, and tell that
# a person follows: "Tổng Bí thư Nguyễn Phú Trọng", "Thủ tướng Nhật Bản Yoshihide Suga".
TITLE_PHRASES = frozenset({
    "tổng bí thư", "bí thư", "thủ tướng", "phó thủ tướng", "tổng thống", "phó tổng thống", "chủ tịch",
    "phó chủ tịch", "chủ tịch nước", "bộ trưởng", "thứ trưởng", "ngoại trưởng", "đại sứ", "giám đốc",
    "tổng giám đốc", "phó giám đốc", "chánh văn phòng", "người phát ngôn", "phát ngôn viên", "trưởng phòng",
    "trưởng ban", "trưởng đoàn", "cục trưởng", "vụ trưởng", "viện trưởng", "hiệu trưởng", "thống đốc",
    "thị trưởng", "nghị sĩ", "hạ nghị sĩ", "thượng nghị sĩ", "đại tướng", "thượng tướng", "trung tướng",
    "thiếu tướng", "đại tá", "thượng tá", "trung tá", "thiếu tá", "đại úy", "đại uý", "chủ nhiệm",
    "tổng thư ký", "thư ký", "nhà vua", "hoàng tử", "công chúa", "nữ hoàng", "giáo sư", "tiến sĩ", "thạc sĩ",
    "bác sĩ", "luật sư", "nhà báo", "ca sĩ", "diễn viên", "cầu thủ", "tiền đạo", "tiền vệ", "hậu vệ",
    "thủ môn", "trung vệ", "huấn luyện viên", "trọng tài", "đạo diễn", "nhạc sĩ", "họa sĩ", "hoạ sĩ",
    "nhà văn", "giáo hoàng", "đức giáo hoàng", "tư lệnh", "tổng tư lệnh", "chính ủy", "chính uỷ",
    "phó chủ nhiệm", "chánh án", "điều tra viên", "kiểm sát viên", "thẩm phán", "chỉ huy",
    "trưởng công an", "phó trưởng công an", "trưởng", "phó", "cựu", "bị cáo", "bị can", "nghi phạm",
    "sinh viên", "học sinh", "thầy", "cô giáo", "thầy giáo", "nhà sư", "thượng tọa", "hòa thượng",
})
# Capitalized one-word titles and honorifics before a name, dropped from it: "HLV Hoàng
# Văn Phúc", "Ông Nguyễn Văn An" at the start of a sentence.
NAME_PREFIXES = frozenset({
    "Ông", "Bà", "Anh", "Chị", "Em", "Cô", "Chú", "Bác", "Cụ", "Ngài", "Cựu", "Vua", "Tướng", "Mr", "Mrs", "Ms",
    "Dr", "HLV", "GS", "TS", "PGS", "ThS", "BS", "KS", "NSƯT", "NSND", "PGS.TS", "GS.TS", "Th.S", "TSKH",
    "Thầy", "Đồng chí", "Sư", "Thánh", "Nhà",
})
# Lower-case words just before a name that tell its kind.
PERSON_CONTEXT = frozenset({
    "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ", "cháu", "ngài", "vợ", "chồng", "con", "gái",
    "trai", "đồng chí", "thầy", "mẹ", "bố", "cha", "gặp", "hlv", "phóng viên", "tác giả",
})
PLACE_CONTEXT = frozenset({
    "tỉnh", "thành phố", "tp", "huyện", "quận", "xã", "phường", "thị xã", "thị trấn", "thủ đô", "tại", "ở",
    "đến", "sang", "tới", "về", "vùng", "khu vực", "miền", "làng", "thôn", "bản", "ấp", "xóm", "sông",
    "biển", "đảo", "núi", "đường", "phố", "nước", "bang", "thành", "vịnh", "quê",
})
# Administrative units before a place's name, dropped from it: "Tỉnh Quảng Ninh" is Quảng Ninh.
ADMIN_UNITS = frozenset({"Tỉnh", "Thành phố", "TP", "Tp", "TP.", "Huyện", "Quận", "Xã", "Phường", "Thị xã",
                         "Thị trấn", "Thủ đô", "Bang", "TX"})
# The common Vietnamese family names, which open a person's name ("Nguyễn Xuân Phúc").
SURNAMES = frozenset({
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Đoàn", "Lâm", "Mai", "Trịnh", "Trương", "Đào", "Cao", "Lương", "Lưu", "Hà", "Tạ",
    "Tô", "Châu", "Tăng", "Quách", "Vương", "Thái", "Văn", "Kiều", "Mạc", "Hứa", "Từ", "Chu", "Nghiêm", "La",
    "Âu", "Triệu", "Khổng", "Diệp", "Tôn", "Lạc", "Giang", "Phùng", "Thân", "Lục", "Mạnh", "Doãn", "Ninh",
})
# Vietnam's provinces and large cities, and places a Vietnamese story names often: known
# places, so that "Sở Y tế Hà Nội" ends the organization with its place.
PLACES = frozenset({
    "Việt Nam", "Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh", "Sài Gòn", "An Giang",
    "Bà Rịa", "Vũng Tàu", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông",
    "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương",
    "Hậu Giang", "Hòa Bình", "Hoà Bình", "Hưng Yên", "Khánh Hòa", "Khánh Hoà", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
    "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thanh Hoá",
    "Thừa Thiên Huế", "Thừa Thiên - Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long",
    "Vĩnh Phúc", "Yên Bái", "Nha Trang", "Đà Lạt", "Hạ Long", "Tây Nguyên", "Đồng bằng sông Cửu Long",
    "Trường Sa", "Hoàng Sa", "Phú Quốc", "Côn Đảo",
})

# --- sentences that lean on the one before (digest.summarize) ------------------------------

# Openers that make a sentence lean on the one before it: a demonstrative or pronoun subject
# ("Ông này...", "Điều này..."), or a link back in time, place or argument ("Trong khi đó...",
# "cùng thời gian đó", "Tuy nhiên..."). Alone in a summary such a sentence reads as a
# non sequitur, so the summarizer brings its antecedent or leaves it out (issue 12).
# Compared lower-cased at the start of a sentence, opening quotes and dashes skipped, as
# whole words ("đây" leans; "đâylà" is no word, and "đầy" is another one).
LEANING_OPENERS = frozenset({
    # demonstrative and pronoun subjects
    "ông này", "bà này", "anh này", "chị này", "cô này", "em này", "cụ này", "người này",
    "người đàn ông này", "người phụ nữ này", "cô gái này", "chàng trai này", "đối tượng này",
    "nghi phạm này", "bị can này", "nhóm này", "những người này", "các đối tượng này",
    "vụ việc này", "sự việc này", "vụ án này", "vụ việc", "sự việc", "điều này", "việc này",
    "chuyện này", "con số này", "thông tin này", "quyết định này", "đây", "đó là", "đó cũng",
    "họ", "hắn", "nó", "bản thân",  # not "y" (him, of a suspect): "Y tế" is health
    # links back in time or place
    "trong khi đó", "cùng thời gian đó", "cùng thời điểm đó", "cùng thời gian này", "cùng lúc đó",
    "cùng ngày", "sau đó", "trước đó", "ngay sau đó", "khi đó", "lúc đó", "lúc này", "khi ấy",
    "lúc ấy", "tại đây", "ở đây",
    # links back in argument
    "theo đó", "do đó", "vì vậy", "vì thế", "như vậy", "bởi vậy", "từ đó", "qua đó", "nhờ đó",
    "ngoài ra", "bên cạnh đó", "thêm vào đó", "hơn nữa", "tuy nhiên", "tuy vậy", "nhưng", "song",
    "mặt khác", "đồng thời", "còn", "ngược lại", "dù vậy", "mặc dù vậy", "cũng theo", "cũng trong",
    "cũng tại", "cũng vào", "cũng ngày", "trước tình hình đó", "trước thực trạng đó",
    "chính vì vậy", "chính vì thế", "không những thế", "không chỉ vậy", "kết quả là",
})
# A bare pronoun of address opening a sentence, followed by a lower-case word, stands for a
# person named before: "Ông cho biết..." leans, "Ông Nguyễn Văn An cho biết..." does not.
LEANING_PRONOUNS = frozenset({"ông", "bà", "anh", "chị", "cô", "em", "cụ", "chú", "cậu"})
# Openers that start like a leaning one and are whole nouns of their own: "Bà con" (people),
# "Anh em", "Cụ thể" (specifically), "Cô giáo".
NOT_LEANING_OPENERS = frozenset({"bà con", "anh em", "chị em", "ông bà", "cụ thể", "cô giáo", "em bé"})
