"""digest.clean: the seeds' gold field for field, then each Vietnamese news rule on its own input."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.clean import Line, PageHints, clean_lines, clean_text
from digest.errors import InputError

ROOT = Path(__file__).parent.parent
GOLD = sorted((ROOT / "tests" / "gold").glob("*.json"))

LEDE = "Chiều 3/5, Bộ Y tế tổ chức họp báo về tình hình dịch bệnh trong tuần, cho biết số ca mắc mới giảm mạnh ở nhiều địa phương."
BODY = "Theo thống kê, cả nước ghi nhận hơn 1.200 ca mắc trong tuần qua, giảm gần một nửa so với tuần trước, phần lớn ở các tỉnh phía Nam."
MORE = "Các chuyên gia khuyến cáo người dân tiếp tục tiêm đủ liều vắc xin, đặc biệt là người cao tuổi và người có bệnh nền mạn tính."
TITLE = "Số ca mắc mới giảm mạnh trong tuần"


def clean(*lines: str, hints: PageHints | None = None):
    return clean_text("\n".join(lines), "t.txt", hints)


def removed(article) -> dict[str, str]:
    return {r.text: r.why for r in article.removed}


# --- seeds ---------------------------------------------------------------------------


@pytest.mark.parametrize("gold_file", GOLD, ids=lambda p: p.stem[:3])
def test_seed_matches_gold_field_for_field(gold_file):
    from digest.sources import InputRef, read_source

    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    path = ROOT / "seeds" / gold["file"]
    source = read_source(InputRef(str(path), path))
    article = clean_text(source.text, source.path)
    for field in ("title", "paragraphs", "date", "partial_date", "author", "source"):
        assert getattr(article, field) == gold[field], field
    assert {r.line for r in article.removed} == {r["line"] for r in gold["removed"]}


# --- endings: sections, bylines, credits, end marks ------------------------------------


def test_related_section_ends_the_article():
    article = clean(TITLE, LEDE, BODY, "Tin khác", "Giá vàng tăng mạnh", "Một lede của bài khác, rất dài và đủ câu chữ để trông như văn bản.")
    assert article.paragraphs == [LEDE, BODY]
    assert "Tin khác" in removed(article)["Tin khác"]


def test_related_box_then_body_resumes():
    article = clean(TITLE, LEDE, "Tin liên quan", "Bệnh viện quá tải vì sốt xuất huyết", "Hà Nội tăng cường tiêm chủng", BODY, MORE)
    assert article.paragraphs == [LEDE, BODY, MORE]
    assert "box" in removed(article)["Hà Nội tăng cường tiêm chủng"]


def test_theo_byline_with_outlet_in_parentheses():
    article = clean(TITLE, LEDE, BODY, "Theo Minh Châu (TTXVN)")
    assert (article.author, article.source) == ("Minh Châu", "TTXVN")


def test_theo_person_then_outlet_on_its_own_line():
    article = clean(TITLE, LEDE, BODY, "Theo Lê Ánh", "Pháp luật TP Hồ Chí Minh")
    assert (article.author, article.source) == ("Lê Ánh", "Pháp luật TP Hồ Chí Minh")


def test_theo_outlet_credit_and_a_crosshead_starting_with_theo():
    article = clean(TITLE, LEDE, "Theo dấu những chuyến xe đêm", BODY, "Theo báo Tiền Phong")
    assert article.paragraphs == [LEDE, "Theo dấu những chuyến xe đêm", BODY]
    assert article.source == "Tiền Phong" and article.author is None


def test_bare_name_byline_ends_the_article_and_what_follows_is_dropped():
    article = clean(TITLE, LEDE, BODY, "Hoàng Nam", "Một bài khác bắt đầu ở đây", MORE)
    assert article.paragraphs == [LEDE, BODY]
    assert article.author == "Hoàng Nam"
    assert "embedded" in removed(article)[MORE]


def test_desk_byline_on_the_last_line():
    assert clean(TITLE, LEDE, BODY, "Ban Thời sự").author == "Ban Thời sự"


def test_parenthesized_credit():
    article = clean(TITLE, LEDE, BODY, "(TTXVN/Vietnam+)")
    assert article.source == "TTXVN/Vietnam+" and article.paragraphs == [LEDE, BODY]


def test_photo_and_text_credit_gives_the_author():
    article = clean(TITLE, LEDE, BODY, "Tin, ảnh: Vũ Phương Thảo", ">> Bài liên quan số một")
    assert article.author == "Vũ Phương Thảo" and article.paragraphs == [LEDE, BODY]


def test_end_mark_keeps_the_last_paragraph_and_ends_the_text():
    last = BODY + "./."
    article = clean(TITLE, LEDE, last, "(VOV)", "Một bài khác")
    assert article.paragraphs == [LEDE, last]
    assert article.source == "VOV"


def test_embedded_second_article_after_byline():
    article = clean(TITLE, LEDE, BODY, "Theo Minh Châu (TTXVN)", "Tiêu đề bài khác", MORE, "Theo Lan Anh/VOV")
    assert article.paragraphs == [LEDE, BODY]
    assert article.author == "Minh Châu"


# --- agency markers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "marker, source",
    # the outlet by its name (issue 11); a marker of no known outlet ("TGVN") is kept as found
    [("(Dân trí) - ", "Dân trí"), ("TTO - ", "Tuổi Trẻ"), ("(NLĐO) - ", "Người Lao Động"),
     ("(TNO) ", "Thanh Niên"), ("(VOV) - ", "VOV"), ("(CLO) ", "Nhà báo & Công luận"), ("TGVN. ", "TGVN"),
     ("(PLO)- ", "Pháp Luật TP.HCM")],
)
def test_agency_marker_is_stripped_and_recorded(marker, source):
    article = clean(TITLE, marker + LEDE, BODY)
    assert article.paragraphs[0] == LEDE
    assert article.source == source


@pytest.mark.parametrize("lede", ["Nga - Ukraine nối lại đàm phán về hành lang ngũ cốc ở Biển Đen.", "TP. Hồ Chí Minh có mưa lớn chiều nay ở nhiều quận."])
def test_a_lede_that_opens_with_a_word_and_a_dash_is_not_a_marker(lede):
    article = clean(TITLE, lede, BODY)
    assert article.paragraphs[0] == lede and article.source is None


# --- captions, widgets, links ----------------------------------------------------------


@pytest.mark.parametrize(
    "caption",
    ["Người dân xếp hàng chờ tiêm. Ảnh: Hoàng Hà", "Xe cứu thương tại hiện trường (Ảnh: Telegraph)",
     "Lục bình tràn lên đường. Ảnh: T.Vui.", "Ảnh minh họa", "Ảnh: Internet", "Số ca mắc mới giảm mạnh - Ảnh 1",
     "So ca mac moi giam hinh anh 1", "Biển nước trên đường. Video: Phạm Duy."],
)
def test_captions_are_dropped(caption):
    article = clean(TITLE, LEDE, caption, BODY)
    assert article.paragraphs == [LEDE, BODY]
    assert "caption" in removed(article)[caption]


def test_short_caption_without_credit_between_paragraphs():
    # A news page: paragraphs of several sentences, and a short plain line under a picture.
    first, second = f"{LEDE} {BODY}", f"{MORE} Nhiều bệnh viện đã bớt quá tải."
    article = clean(TITLE, first, "Công an khám nghiệm hiện trường.", second, "Đến 20h, trời vẫn mưa to.")
    assert article.paragraphs == [first, second, "Đến 20h, trời vẫn mưa to."]


def test_a_short_sentence_is_text_where_every_line_is_one_sentence():
    # A dump with one sentence a line (paragraph breaks lost): short lines are just short sentences.
    lines = [
        "Tòa án nhân dân tỉnh mở phiên xét xử phúc thẩm vụ án tham ô tài sản tại công ty xăng dầu hôm qua.",
        "Theo cáo trạng, bị cáo Tuyết giữ chức kế toán trưởng của công ty trong suốt nhiều năm liền.",
        "Tuyết tiếp tục làm thủ quỹ.",
        "Trong thời gian này, bị cáo đã nhiều lần lập chứng từ khống để rút tiền của công ty ra ngoài.",
    ]
    assert clean(TITLE, *lines).paragraphs == lines


@pytest.mark.parametrize(
    "widget",
    ["Zalo", "Hotline", "Chia sẻ", "0 Trả lời", "Bình luận (0)", "Video đang HOT", "Hotline: 0912 345 678",
     "Facebook Twitter Zalo", "Từ khóa: dịch bệnh, y tế", "Theo dõi Báo Dân trí trên Google News", "Copyright © Báo X"],
)
def test_widgets_are_dropped(widget):
    assert clean(TITLE, LEDE, widget, BODY).paragraphs == [LEDE, BODY]


@pytest.mark.parametrize("link", ["[Hà Nội tăng cường tiêm chủng]", ">> Hà Nội tăng cường tiêm chủng", "Xem thêm: Hà Nội tăng cường tiêm chủng", "» Bệnh viện quá tải"])
def test_bracketed_and_arrow_links_are_dropped(link):
    assert clean(TITLE, LEDE, link, BODY).paragraphs == [LEDE, BODY]


def test_repeated_title_and_duplicate_lede():
    article = clean(TITLE, TITLE, LEDE, BODY, LEDE)
    assert article.paragraphs == [LEDE, BODY]
    assert removed(article)[TITLE] == "repeated title"
    assert removed(article)[LEDE] == "duplicate of the lede"


def test_pull_quote_repeating_a_sentence_is_dropped():
    quote = "cả nước ghi nhận hơn 1.200 ca mắc trong tuần qua"
    article = clean(TITLE, LEDE, BODY, f"“{quote}”", MORE)
    assert article.paragraphs == [LEDE, BODY, MORE]


def test_title_but_no_body_is_an_input_error():
    with pytest.raises(InputError, match="no article text"):
        clean(TITLE, "Chia sẻ", "Zalo")


# --- plain-text crawls -------------------------------------------------------------------


def test_location_kicker_is_not_the_title():
    article = clean("Bình Dương", LEDE, BODY)
    assert article.title == "" and article.paragraphs == [LEDE, BODY]


def test_section_kicker_above_a_headline_is_dropped_but_a_short_headline_is_kept():
    assert clean("Thế giới", TITLE, LEDE, BODY).title == TITLE
    short = clean("Giá vàng tăng", LEDE, BODY)
    assert short.title == "Giá vàng tăng" and short.paragraphs == [LEDE, BODY]


def test_related_headline_over_a_caption_is_not_the_title():
    article = clean("Áp thấp nhiệt đới gây mưa lớn ở Nam Bộ", "Ngập đường Huỳnh Tấn Phát. Video: Phạm Duy.", LEDE, BODY)
    assert article.title == "" and article.paragraphs == [LEDE, BODY]


def test_bao_moi_record_split_glued_paragraphs_timestamp_category_tags_source():
    glued = BODY + MORE + "Cảnh sát bắt giữ nghi phạm tại Welling (Ảnh: Telegraph)" + LEDE.replace("Chiều 3/5", "Ngày 4/5") + "./."
    article = clean(TITLE, "(VOV) - " + LEDE, glued, "28/05/13 05:45 GMT+7", "Pháp luật", "Tình nghi,Bắt giữ,Cảnh sát", "VOV")
    assert article.paragraphs == [LEDE, BODY, MORE, LEDE.replace("Chiều 3/5", "Ngày 4/5") + "./."]
    assert article.date == "2013-05-28T05:45"
    assert article.source == "VOV"


def test_glue_split_spares_abbreviations():
    line = "Ông A ở TP.HCM và Tp.Hồ Chí Minh, P.Hòa Cường nói vậy, rồi đi tiếp trên đường về nhà."
    assert clean(TITLE, line, BODY).paragraphs[0] == line


@pytest.mark.parametrize(
    "byline, author, source",
    [
        ("Phong Lan (TTXVN)", "Phong Lan", "TTXVN"),
        ("Minh Sơn (TTXVN/Vietnam+)", "Minh Sơn", "TTXVN/Vietnam+"),
        ("Hồng Hạnh (Theo Reuters, AFP)", "Hồng Hạnh", "Reuters, AFP"),
        ("Thanh Hà (tổng hợp)", "Thanh Hà", None),
        ("Minh Anh/VOV.VN", "Minh Anh", "VOV"),
        ("Minh Anh/VOV-Tây Bắc (Theo Reuters)", "Minh Anh", "Reuters"),
        ("Quang Phong/Tùng Nguyên", "Quang Phong/Tùng Nguyên", None),
        ("Tin-ảnh: Ngọc Trinh", "Ngọc Trinh", None),
        ("Bài và ảnh: Ngọc Trinh", "Ngọc Trinh", None),
        ("Nguồn: Yonhap", None, "Yonhap"),
        ("Theo Báo Tin tức", None, "Tin tức"),
    ],
)
def test_bylines_and_credits_that_close_the_article(byline, author, source):
    article = clean(TITLE, LEDE, BODY, byline, "Bắt giám đốc công ty bất động sản ở Phan Thiết", MORE)
    assert article.paragraphs == [LEDE, BODY]
    assert (article.author, article.source) == (author, source)


@pytest.mark.parametrize("line", ["Ông Nguyễn Văn An (Hà Nội)", "Nguyễn Văn An (Hà Nội)"])
def test_a_name_with_a_place_in_parentheses_is_not_a_credit(line):
    article = clean(TITLE, LEDE, line, BODY)
    assert article.source is None and BODY in article.paragraphs


def test_breadcrumb_above_the_headline_is_navigation_not_the_title():
    article = clean("Trang chủ » Thế giới", TITLE, TITLE, "03/05/2024 10:35 GMT+7", "TTO - " + LEDE, BODY)
    assert article.title == TITLE
    assert article.paragraphs == [LEDE, BODY]
    assert (article.date, article.source) == ("2024-05-03T10:35", "Tuổi Trẻ")


@pytest.mark.parametrize(
    "widget",
    ["Đăng ký nhận bản tin Tuổi Trẻ mỗi ngày", "Từ khóa", "Tags", "Thời sự › Giao thông",
     "Độc giả có thông tin phản ánh xin gửi về hòm thư toasoan@example.vn hoặc gọi 0912 345 678",
     "Đơn vị: triệu đồng/lượng"],
)
def test_reader_prompts_and_page_furniture_are_dropped(widget):
    assert clean(TITLE, LEDE, widget, BODY).paragraphs == [LEDE, BODY]


def test_a_hotline_inside_a_sentence_is_text():
    line = "Người dân cần hỗ trợ có thể gọi đường dây nóng 0912 345 678 của Sở Y tế, hoạt động 24/24 giờ."
    assert clean(TITLE, LEDE, line, BODY).paragraphs == [LEDE, line, BODY]


def test_xem_video_header_and_the_video_title_under_it():
    article = clean(TITLE, LEDE, "XEM VIDEO:", "Người dân xếp hàng đổ xăng trước giờ tăng giá", BODY)
    assert article.paragraphs == [LEDE, BODY]


def test_glue_split_after_a_road_code():
    glued = "Xe tải đi trên Quốc lộ 1A.Qua kiểm tra, trên xe có 3 tấn thịt lợn không rõ nguồn gốc, đã bốc mùi hôi thối."
    assert clean(TITLE, LEDE, glued, BODY).paragraphs[1:3] == [
        "Xe tải đi trên Quốc lộ 1A.", "Qua kiểm tra, trên xe có 3 tấn thịt lợn không rõ nguồn gốc, đã bốc mùi hôi thối."]


# --- dates ---------------------------------------------------------------------------


def test_dateline_gives_the_date():
    assert clean(TITLE, "Thứ sáu, 13/11/2020 09:53 AM - 0 Trả lời", LEDE, BODY).date == "2020-11-13T09:53"


def test_partial_date_from_the_lede():
    article = clean(TITLE, LEDE, BODY)
    assert (article.date, article.partial_date) == (None, "--05-03")


def test_weekday_resolved_date():
    lede = "Lãnh đạo hai nước hôm thứ Tư đã gặp nhau bên lề hội nghị, nhất trí tăng cường hợp tác."
    caption = "Hai nhà lãnh đạo bắt tay tại New York ngày 21 tháng 9 năm 2022. (Ảnh: Kyodo)"
    assert clean(TITLE, lede, caption, BODY).date == "2022-09-21"


def test_page_hints_win_for_title_and_date_and_fill_author_and_source():
    hints = PageHints(title="Tiêu đề từ trang", date="2024-01-02T03:04", author="Lê Văn Tám", source="VnExpress")
    article = clean_lines([Line(1, LEDE), Line(2, BODY)], "p.html", hints)
    assert (article.title, article.date, article.author, article.source) == ("Tiêu đề từ trang", "2024-01-02T03:04", "Lê Văn Tám", "VnExpress")
    byline = clean_lines([Line(1, LEDE), Line(2, BODY), Line(3, "Hoàng Nam")], "p.html", hints)
    assert byline.author == "Hoàng Nam"  # the article's own byline beats the page's metadata


# --- properties ----------------------------------------------------------------------

_PIECES = st.sampled_from(
    [TITLE, LEDE, BODY, "Tin khác", "Tin liên quan", "Hoàng Nam", "Theo Lê Ánh", "(TTXVN)", "./.", "Ảnh: X", "Zalo",
     ">> link", "[link]", "Bình Dương", "28/05/13 05:45 GMT+7", "(Dân trí) - ", "nghi.Kẻ", "hôm thứ Tư", "ngày 5/6/2020"]
)
_LINE = st.lists(st.one_of(_PIECES, st.text(max_size=15)), max_size=4).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=12).map("\n".join))
def test_clean_text_raises_only_input_error_and_keeps_input_text(text):
    try:
        article = clean_text(text, "h.txt")
    except InputError:
        return
    for paragraph in article.paragraphs:
        assert paragraph in text


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_clean_text_on_arbitrary_text(text):
    try:
        article = clean_text(text, "h.txt")
    except InputError:
        return
    assert all(p in text for p in article.paragraphs)


# --- bylines on pages of outlets the rules were not tuned on (issue 11) ----------------


@pytest.mark.parametrize(
    "byline, author",
    [
        ("Minh Anh - Hoàng Long >> Xem thêm", "Minh Anh - Hoàng Long"),  # the related links' '>>' glued on
        ("Minh Anh - Hoàng Long >>", "Minh Anh - Hoàng Long"),
        ("Minh AnhHoàng Long>>", "Minh Anh - Hoàng Long"),  # two names with the space between them lost
        ("N.Minh >> Bắt giám đốc công ty bất động sản ở Phan Thiết", "N.Minh"),
        ("T. Hằng", "T. Hằng"),  # a reporter written with an initial
        ("N.Minh", "N.Minh"),
        ("T. Hằng - N.Minh", "T. Hằng - N.Minh"),
    ],
)
def test_byline_comes_out_as_printed_minus_trailing_markup(byline, author):
    article = clean(TITLE, LEDE, BODY, byline, "Bắt giám đốc công ty bất động sản ở Phan Thiết", MORE)
    assert article.paragraphs == [LEDE, BODY]
    assert article.author == author


@pytest.mark.parametrize("tail, author", [("T. Hằng", "T. Hằng"), ("Minh Anh - Hoàng Long", "Minh Anh - Hoàng Long")])
def test_byline_on_the_last_line_after_the_final_full_stop(tail, author):
    article = clean(TITLE, LEDE, f"{BODY} {tail}")
    assert article.paragraphs == [LEDE, BODY]
    assert article.author == author
    assert tail in removed(article)


def test_a_place_after_an_abbreviation_is_no_trailing_byline():
    last = BODY[:-1] + " về TP. Hồ Chí Minh"
    article = clean(TITLE, LEDE, last)
    assert article.paragraphs == [LEDE, last] and article.author is None


@pytest.mark.parametrize("line", ["Pháp Luật » Hình Sự", "Thời sự > Giao thông"])
def test_a_breadcrumb_is_no_byline_though_it_has_a_mark(line):
    article = clean(TITLE, LEDE, line, BODY)
    assert article.author is None and article.paragraphs == [LEDE, BODY]


def test_theo_reporter_slash_outlet_gives_author_and_source():
    # GenK closes with "Theo <reporter>/<outlet's site>": the slash parts the two.
    article = clean(TITLE, LEDE, BODY, "Theo Minh Nguyễn/Vcamp.vn", "Forbes")
    assert (article.author, article.source) == ("Minh Nguyễn", "Vcamp.vn")


def test_credit_and_dateline_line_above_the_text():
    # Soha prints "Theo <outlet> | <date time>" under the headline: metadata, not the lede.
    article = clean(TITLE, "Theo Ngoisao | 25/12/2012 10:25", LEDE, BODY)
    assert article.paragraphs[0] == LEDE
    assert (article.source, article.date) == ("Ngôi Sao", "2012-12-25T10:25")
    assert "credit and dateline" in removed(article)["Theo Ngoisao | 25/12/2012 10:25"]


def test_a_lede_quoting_a_source_with_a_bar_is_kept():
    line = "Theo ông Nam | người dân địa phương, nước đã rút từ chiều qua sau ba ngày ngập sâu."
    article = clean(TITLE, line, BODY)
    assert article.paragraphs[0] == line
