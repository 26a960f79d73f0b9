"""digest.html (the package, through extract_article) on small pages written to imitate each
outlet's markup (tests/fixtures/pages). Its modules have their own tests: test_html_<module>.py."""
from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.errors import InputError
from digest.html import extract_article
from digest.model import Source
from digest.sources import InputRef, read_source

PAGES = Path(__file__).parent / "fixtures" / "pages"


def extract(name: str):
    path = PAGES / name
    return extract_article(read_source(InputRef(str(path), path)))


def page(body: str, head: str = "") -> Source:
    return Source(path="t.html", text=f"<html><head>{head}</head><body>{body}</body></html>", kind="html")


def reasons(article) -> list[str]:
    return [r.why for r in article.removed]


def test_vnexpress_location_stamp_figcaption_related_box_and_author():
    article = extract("vnexpress.html")
    assert article.title == "Hà Nội mở thêm tuyến buýt điện nối sân bay"  # og:title minus " - VnExpress"
    assert article.paragraphs[0].startswith("Tuyến buýt điện thứ mười")  # sapo kept, stamp not glued
    assert not any("Hà NộiTuyến" in p for p in article.paragraphs)
    assert len(article.paragraphs) == 5
    assert article.date == "2023-05-14T08:30"
    assert article.author == "Võ Hải"
    assert any("location stamp" in why for why in reasons(article))
    assert any("caption" in why for why in reasons(article))
    assert not any("Thêm tuyến buýt đêm" in p for p in article.paragraphs)


def test_dantri_sapo_outside_body_alt_caption_inline_link_and_byline():
    article = extract("dantri.html")
    assert article.title == "Giá rau xanh tăng mạnh sau mưa lớn"
    assert article.paragraphs[0].startswith("Sau đợt mưa lớn")  # the h2 sapo, marker stripped
    assert article.source == "Dân trí"
    assert article.date == "2012-11-20T07:45"  # meta gives the day, the page's dateline the time
    assert article.author == "Minh Hà - Tuấn Anh"  # not the CMS name in <meta name=author>
    assert "Rau xanh tại một sạp chợ Hôm" not in article.paragraphs
    assert not any(">>" in p or "không phải văn bản" in p for p in article.paragraphs)
    assert len(article.paragraphs) == 4


def test_tuoitre_marker_photo_box_related_box_widgets_and_utc_time():
    article = extract("tuoitre.html")
    assert article.title == "Sinh viên làm robot nhặt rác trên sông"
    assert article.source == "Tuổi Trẻ"
    assert article.paragraphs[0].startswith("Nhóm sinh viên")
    assert article.date == "2024-03-02T09:15"  # 02:15Z is 09:15 in Vietnam
    assert article.author == "Trần Bảo"
    assert len(article.paragraphs) == 4
    text = " ".join(article.paragraphs)
    for junk in ("Tin liên quan", "Robot giao hàng", "Ảnh:", "Bình luận", "Từ khóa", "Zalo"):
        assert junk not in text


def test_thanhnien_windows_1258_page_with_picture_table_and_credit():
    article = extract("thanhnien_cp1258.html")
    assert article.title == "Bắt nhóm trộm xe máy liên tỉnh"
    assert article.source == "Thanh Niên"
    assert article.author == "Hoàng Phương"
    assert article.date == "2012-03-05T16:20"
    assert len(article.paragraphs) == 3
    assert all("Tang vật" not in p and "ads.example" not in p for p in article.paragraphs)


def test_zing_utf16_page_with_repeated_header_sidebar_captions_and_credits():
    article = extract("zing_utf16.html")
    assert article.title == "Phố đi bộ đông nghịt đêm giao thừa"
    assert article.date == "2012-12-31T23:40"
    assert article.paragraphs[1] == "Dòng người kín các ngả đường"  # a crosshead is text
    assert len(article.paragraphs) == 4
    assert article.author == "Nhóm PV"
    assert article.source == "Infonet"


def test_nld_pull_quote_and_related_box():
    article = extract("nld.html")
    assert article.source == "Người Lao Động"
    assert article.author == "Ngọc Ánh"
    assert article.date == "2022-04-07T10:05"
    assert len(article.paragraphs) == 4
    assert any("pull quote" in why for why in reasons(article))


# --- outlets the rules were not tuned on (pages written after each outlet's markup) ---


def test_vnexpress_byline_with_theo_credit_crosshead_and_comments():
    article = extract("vnexpress_world.html")
    assert article.title == "Nhật Bản sơ tán 9.000 dân vì núi lửa phun trào"
    assert article.date == "2024-05-03T10:35"
    assert (article.author, article.source) == ("Hồng Hạnh", "Kyodo, NHK")  # "Hồng Hạnh (Theo Kyodo, NHK)"
    assert "Hàng nghìn người ở trung tâm sơ tán" in article.paragraphs  # an <h2> crosshead is text
    assert len(article.paragraphs) == 7
    text = " ".join(article.paragraphs)
    for junk in ("Núi lửa Ruang", "Mong người dân", "Copy link", "Theo Kyodo"):
        assert junk not in text
    assert not any("location stamp" in why for why in reasons(article))  # "Facebook" is a link, not a place


def test_data_table_cells_are_not_paragraphs_nor_a_byline():
    article = extract("vnexpress_table.html")
    assert article.author == "Minh Sơn"  # not "Bảo Tín Minh Châu", a cell of the price table
    assert article.source == "VnExpress"  # the <title>'s " - VnExpress Kinh doanh", section dropped
    assert article.paragraphs[-1].startswith("Các chuyên gia khuyến cáo")
    assert len(article.paragraphs) == 5
    assert not any(p in ("SJC", "85,3", "Mua vào") or p.startswith("Đơn vị") for p in article.paragraphs)


def test_znews_lone_link_teaser_in_the_body_is_dropped():
    article = extract("znews_inner_link.html")
    assert "Lãi suất tiết kiệm xuống thấp kỷ lục" not in article.paragraphs
    assert "Doanh nghiệp vẫn khó tiếp cận vốn" in article.paragraphs  # <h3> crosshead kept
    assert article.date == "2024-05-03T10:35"  # 03:35+00:00
    assert article.author == "Hoài Thu"
    assert len(article.paragraphs) == 6


def test_vietnamplus_name_and_agency_credit_after_the_end_mark():
    article = extract("vietnamplus_credit_after_end_mark.html")
    assert (article.author, article.source) == ("Minh Sơn", "TTXVN/Vietnam+")
    assert article.paragraphs[-1].endswith("còn hiệu lực./.")
    assert len(article.paragraphs) == 7


def test_vov_slash_byline_xem_them_box_and_tags_without_colon():
    article = extract("vov_slash_byline.html")
    assert article.author == "Minh Anh"  # "Minh Anh/VOV.VN (Theo Reuters, TASS)"
    assert article.source == "Reuters, TASS"
    assert article.paragraphs[-1] == "Chiến sự Nga - Ukraine đã bước sang năm thứ ba, chưa có dấu hiệu hạ nhiệt."
    assert len(article.paragraphs) == 5
    assert not any("Zelensky" in p or "Ukraine nhận lô" in p or p == "NgaUkraine" for p in article.paragraphs)


def test_nld_tin_anh_credit_gives_the_author():
    article = extract("nld_tin_anh.html")
    assert (article.author, article.source) == ("Ngọc Trinh", "Người Lao Động")
    assert article.date == "2024-05-03T10:35"
    assert len(article.paragraphs) == 5


def test_congluan_short_line_under_a_lone_picture_is_its_caption():
    article = extract("congluan_caption_under_picture.html")
    assert "Lực lượng chức năng có mặt tại hiện trường vụ cháy." not in article.paragraphs
    assert (article.title, article.source, article.author) == ("Hà Nội: Cháy nhà 4 tầng, giải cứu 6 người mắc kẹt", "Nhà báo & Công luận", "Hà Anh")
    assert article.date == "2024-05-03T07:20"
    assert len(article.paragraphs) == 5


def test_laodong_video_title_is_dropped_and_the_site_named_as_an_editor_would():
    article = extract("laodong_video.html")
    assert "Người dân xếp hàng đổ xăng trước giờ tăng giá" not in article.paragraphs
    assert (article.author, article.source) == ("Nhóm PV", "Lao Động")  # og:site_name "Báo Lao Động"
    assert len(article.paragraphs) == 5


def test_kenh14_credit_in_the_page_header_gives_the_source():
    article = extract("kenh14_header_credit.html")
    assert (article.author, article.source) == ("Hà My", "Pháp luật & Bạn đọc")
    assert article.date == "2024-05-03T10:35"
    assert len(article.paragraphs) == 6


def test_image_then_bold_crosshead_is_text_not_a_caption():
    body = ("<div>" + "<p>" + "Giá xăng RON 95 giảm 300 đồng mỗi lít từ 15h chiều nay, theo thông báo của liên bộ Công Thương và Tài chính. " * 2 + "</p>"
            '<p><img src="a.jpg"></p><p><strong>Doanh nghiệp kỳ vọng</strong></p>'
            "<p>" + "Nhiều doanh nghiệp vận tải cho biết chi phí nhiên liệu giảm giúp họ giữ giá cước trong quý tới. " * 2 + "</p></div>")
    assert "Doanh nghiệp kỳ vọng" in extract_article(page(body)).paragraphs


def test_truncated_page_still_gives_the_text_it_has():
    article = extract("truncated.html")
    assert article.title == "Công nhân được hỗ trợ tiền thuê nhà"
    assert len(article.paragraphs) == 3


@pytest.mark.parametrize("name", ["listing.html", "script_only.html"])
def test_pages_without_an_article_give_one_clear_error(name):
    with pytest.raises(InputError, match="no article found"):
        extract(name)


def test_a_20_mb_page_is_read_within_the_budget():
    article_html = (PAGES / "vnexpress.html").read_text(encoding="utf-8")
    padding = "<script>var junk='" + "x" * (20 * 1024 * 1024) + "';</script>"
    source = Source(path="big.html", text=article_html.replace("</body>", padding + "</body>"), kind="html")
    started = time.perf_counter()
    article = extract_article(source)
    assert time.perf_counter() - started < 30
    assert article.title == "Hà Nội mở thêm tuyến buýt điện nối sân bay"


def test_a_20_mb_page_of_text_is_refused_not_hung_on():
    paragraph = "<p>Một câu văn dài được lặp lại rất nhiều lần để trang nặng hai mươi megabyte.</p>\n"
    source = Source(path="huge.html", text="<html><body><div>" + paragraph * 260_000 + "</div></body></html>", kind="html")
    started = time.perf_counter()
    with pytest.raises(InputError):
        extract_article(source)
    assert time.perf_counter() - started < 60


def test_og_title_site_name_is_removed():
    head = '<meta property="og:title" content="Giá xăng giảm lần thứ ba | Báo Dân trí">'
    body = "<div>" + "<p>Giá xăng RON 95 giảm 300 đồng mỗi lít từ 15h chiều nay, theo thông báo của liên bộ.</p>" * 3 + "</div>"
    assert extract_article(page(body, head)).title == "Giá xăng giảm lần thứ ba"


def test_empty_and_garbage_pages_raise_input_error():
    for text in ("", "   ", "<html></html>", "<<<>>>", "\x00\x00"):
        with pytest.raises(InputError):
            extract_article(Source(path="x.html", text=text, kind="html"))


_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff\u200b]")
_UNSHOWN = frozenset({"script", "style", "noscript", "template", "head"})
_WORD = re.compile(r"\w+")


def _page_words(text: str) -> tuple[list[str], list[bool]]:
    """The page's words as a reader sees them, in order: runs of letters and digits, cut at
    spaces, punctuation and at every element's edge; and for each word, whether the next one
    touches it (nothing between them but tags). Text a reader never sees (scripts, form
    controls, comments) is skipped, and the words either side of it touch."""
    root = lxml.html.document_fromstring(_NOT_TEXT.sub("", text))
    pieces: list[str | None] = []  # text in reading order; None marks an element's edge

    def walk(element) -> None:
        shown = isinstance(element.tag, str) and element.tag not in _UNSHOWN
        if shown:
            pieces.extend([None, element.text or ""])
            for child in element:
                walk(child)
            pieces.append(None)
        pieces.append(element.tail or "")

    walk(root)
    words: list[str] = []
    touches: list[bool] = []
    stream: list[tuple[str, bool]] = []  # (character, follows an element's edge)
    edge = False
    for piece in pieces:
        if piece is None:
            edge = True
            continue
        for char in piece:
            stream.append((char, edge))
            edge = False
    current = ""
    for char, after_edge in stream:
        if _WORD.match(char):
            if current and after_edge:
                words.append(current)
                touches.append(True)
                current = ""
            current += char
        else:
            if current:
                words.append(current)
                touches.append(False)
            current = ""
    if current:
        words.append(current)
        touches.append(False)
    return words, touches


def _joins_no_two_words(paragraph: str, words: list[str], touches: list[bool]) -> bool:
    """Whether the paragraph's words are the page's, in order: each one a page word, or page
    words that touch in the page, put together as the page shows them. The paragraph's first
    word may start inside a page word and its last may end inside one: the cleaner cuts a
    paragraph off what a crawl glued to it ("Hà NộiTheo ..."), never a word in the middle."""
    found = _WORD.findall(paragraph)
    at = 0
    for n, word in enumerate(found):
        while True:
            if at >= len(words):
                return False
            end = _match_end(word, words, touches, at, partial_start=n == 0, partial_end=n == len(found) - 1)
            if end is not None:
                at = end + 1
                break
            at += 1
    return True


def _match_end(word: str, words: list[str], touches: list[bool], at: int, partial_start: bool,
               partial_end: bool) -> int | None:
    """The last page word of a match of `word` starting in page word `at`, else None."""
    built, end = words[at], at
    while True:
        before_last = len(built) - len(words[end])
        for offset in range(len(words[at]) if partial_start else 1):
            rest = built[offset:]
            if rest == word or (partial_end and rest.startswith(word) and offset + len(word) > before_last):
                return end
        if len(built) - (len(words[at]) - 1 if partial_start else 0) >= len(word) or not touches[end] \
                or end + 1 >= len(words):
            return None
        end += 1
        built += words[end]


_WORDS = st.sampled_from(
    ["Hà Nội", "ngày", "20/11/2023", "(Dân trí) -", "Ảnh:", "Theo", "Tin liên quan", ">>", "./.", "Nguyễn Văn An",
     "mưa lớn kéo dài", "bị bắt", ".", ",", "Chia sẻ", "TTO -", "chiều nay", "ông", "cho biết"]
)
_TEXT = st.lists(st.one_of(_WORDS, st.text(max_size=8)), max_size=12).map(" ".join)
_TAGS = st.sampled_from(["p", "div", "h1", "h2", "span", "li", "ul", "td", "table", "figure", "figcaption", "a", "b", "br", "script", "iframe"])
_CLASSES = st.sampled_from(["", "caption", "sapo", "location-stamp", "share", "Normal", "author", "description"])


@st.composite
def _html(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 4 and draw(st.booleans()):
            tag, cls = draw(_TAGS), draw(_CLASSES)
            parts.append(f'<{tag} class="{cls}">{draw(_html(depth + 1))}</{tag}>')
        else:
            parts.append(draw(_TEXT).replace("<", "&lt;"))
    return "".join(parts)


_ARTICLE_SENTENCE = "Chiều nay, đoàn công tác của thành phố đã kiểm tra tiến độ thi công tại công trường cầu vượt."


@pytest.mark.parametrize("inline", [
    '<a class="location-stamp">ngày</a>',  # a place stamp set mid-paragraph, dropped
    "<button>Nghe</button>",  # a form control, dropped
    "<svg><text>icon</text></svg>",  # a picture, dropped
])
def test_dropping_an_inline_element_never_joins_the_words_either_side(inline):
    body = f"<article><h1>Tiêu đề bài báo</h1><p>Hà Nội{inline}Hà Nội {_ARTICLE_SENTENCE}</p>" + (
        f"<p>{_ARTICLE_SENTENCE}</p>" * 3) + "</article>"
    article = extract_article(page(body))
    text = " ".join(article.paragraphs)
    assert "NộiHà" not in text
    assert "Hà Nội Hà Nội" in text
    words, touches = _page_words(f"<html><body>{body}</body></html>")
    assert all(_joins_no_two_words(p, words, touches) for p in article.paragraphs)


def test_page_words_know_touching_words_from_joined_ones():
    words, touches = _page_words("<p>Hà Nội<a>ngày</a>Hà Nội<script>x</script>ơi, <b>Anh</b>Minh</p>")
    assert words == ["Hà", "Nội", "ngày", "Hà", "Nộiơi", "Anh", "Minh"]  # a script is not shown: no edge
    assert _joins_no_two_words("Hà Nội Hà Nộiơi, Anh Minh", words, touches)
    assert _joins_no_two_words("Hà NộingàyHà Nộiơi, AnhMinh", words, touches)  # as the page shows it
    assert not _joins_no_two_words("Hà NộiHà Nội", words, touches)  # 'ngày' dropped, its neighbours joined
    assert not _joins_no_two_words("Nội Hà", words[:2], touches[:2])  # out of order


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_html(), st.booleans())
def test_extract_never_raises_anything_but_input_error(body, with_title):
    head = "<title>Tiêu đề bài báo - VnExpress</title>" if with_title else ""
    text = f"<html><head>{head}</head><body>{body}</body></html>"
    try:
        article = extract_article(Source(path="h.html", text=text, kind="html"))
    except InputError:
        return
    words, touches = _page_words(text)
    for paragraph in article.paragraphs:
        assert _joins_no_two_words(paragraph, words, touches), paragraph


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=300))
def test_extract_survives_arbitrary_text(text):
    with contextlib.suppress(InputError):
        extract_article(Source(path="r.html", text=text, kind="html"))


def test_author_box_with_glued_names_and_related_marks_is_read_as_printed():
    body = (
        "<article><h1>Số ca mắc mới giảm mạnh trong tuần</h1>"
        "<p>Chiều 3/5, Bộ Y tế tổ chức họp báo về tình hình dịch bệnh trong tuần, cho biết số ca mắc mới giảm mạnh.</p>"
        "<p>Theo thống kê, cả nước ghi nhận hơn 1.200 ca mắc trong tuần qua, giảm gần một nửa so với tuần trước.</p>"
        "<p class='author'><b>Minh Anh</b><b>Hoàng Long</b>&nbsp;&gt;&gt;</p>"
        "<p><a href='/x.htm'>&gt;&gt; Bắt giám đốc công ty bất động sản ở Phan Thiết</a></p></article>"
    )
    article = extract_article(page(body))
    assert article.author == "Minh Anh - Hoàng Long"
    assert len(article.paragraphs) == 2


def test_byline_with_an_initial_under_the_last_paragraph():
    body = (
        "<article><h1>Số ca mắc mới giảm mạnh trong tuần</h1>"
        "<p>Chiều 3/5, Bộ Y tế tổ chức họp báo về tình hình dịch bệnh trong tuần, cho biết số ca mắc mới giảm mạnh.</p>"
        "<p>Theo thống kê, cả nước ghi nhận hơn 1.200 ca mắc trong tuần qua, giảm gần một nửa so với tuần trước."
        " <strong>T. Hằng</strong></p></article>"
    )
    article = extract_article(page(body))
    assert article.author == "T. Hằng"
    assert article.paragraphs[-1].endswith("so với tuần trước.")


_ARTICLE = "".join(
    f"<p>{text}</p>"
    for text in (
        "Chiều 10/5, thành phố công bố kế hoạch cải tạo hệ thống thoát nước tại các quận nội thành.",
        "Theo Giám đốc Sở Xây dựng, dự án sẽ được triển khai trong ba năm, ưu tiên các tuyến đường hay ngập.",
        "Người dân cho biết mỗi khi mưa lớn, nước tràn vào nhà và nhiều gia đình phải nghỉ làm để dọn dẹp.",
    )
)


def test_title_with_the_outlet_first_or_a_site_tagline_before_the_outlet():
    outlet_first = page(f"<h1>8/3 boy vào bếp chế bánh tình yêu</h1><div>{_ARTICLE}</div>",
                        "<title>Teen9x News - 8/3 boy vào bếp chế bánh tình yêu</title>")
    assert extract_article(outlet_first).title == "8/3 boy vào bếp chế bánh tình yêu"
    # The only <h1> is the logo; the headline is repeated above the text, in a <div>.
    tagline = page(
        "<h1 id='logo'><a>Trang thông tin dành cho giới trẻ - VnExpress iOne</a></h1>"
        f"<div><div class='title'>Những người khổ hạnh vì bớt lạ</div>{_ARTICLE}</div>",
        "<title>Những người khổ hạnh vì bớt lạ - Ảnh | Trang thông tin dành cho giới trẻ - VnExpress iOne</title>",
    )
    article = extract_article(tagline)
    assert article.title == "Những người khổ hạnh vì bớt lạ"
    assert article.paragraphs[0].startswith("Chiều 10/5")


def test_author_box_with_the_outlet_after_a_slash_or_a_comma_before_the_credit():
    vov = extract_article(page(
        "<h1>Hà Nội chi 2.000 tỷ đồng chống ngập</h1><span class='article__author'>Phạm Hà/VOV.VN</span>"
        f"<div class='article__body'>{_ARTICLE}</div>"))
    assert (vov.author, vov.source) == ("Phạm Hà", "VOV")
    kenh14 = extract_article(page(
        "<h1>Hà Nội chi 2.000 tỷ đồng chống ngập</h1><span class='kbwcm-author'>Mai Anh,</span>"
        f"<span class='kbwcm-source'>Theo Trí Thức Trẻ</span><div class='knc-content'>{_ARTICLE}</div>"))
    assert (kenh14.author, kenh14.source) == ("Mai Anh", "Trí Thức Trẻ")


def test_24h_credit_with_its_rating_box_printed_date_and_sapo_in_a_layout_table():
    article = extract_article(page(
        "<table><tr><td><div class='top'><h1 class='baiviet-title'>Đột nhập lò luyện thi công chức Hàn Quốc</h1>"
        "<div class='publication_date'>Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)</div>"
        "<div class='baiviet-head-noidung'>(giao duc) - Làng Thi cử là nơi các sinh viên đổ xô tới ôn luyện "
        "trước kỳ thi tuyển công chức tại Seoul.</div></div>"
        f"<div class='baiviet-container'><div>{_ARTICLE}"
        "<p class='img_chu_thich_0407'>Một lớp học ở Làng Thi cử.</p></div></div>"
        "<div class='nguontin'>Theo Sầm Hoa (Vietnamnet/Reuters)<div class='rate'>"
        "(<span>6816</span> bình chọn, <span>9</span>/<span>10</span> điểm)</div></div></td></tr></table>",
        "<meta itemprop='datePublished' content='2012-12-23T14:02:00+07:00'>"))
    assert article.paragraphs[0].startswith("(giao duc) - Làng Thi cử")  # the sapo, above the body
    assert "Một lớp học ở Làng Thi cử." not in article.paragraphs  # a caption by its class name
    assert (article.author, article.source) == ("Sầm Hoa", "Vietnamnet/Reuters")
    assert article.date == "2012-12-24T03:04"  # as printed by the headline, not the metadata
