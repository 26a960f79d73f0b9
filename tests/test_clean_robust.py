"""digest.clean on layouts of outlets the seeds don't cover: each test is one rule a
Vietnamese news editor would state, on a small hand-written input."""
from __future__ import annotations

from digest.clean import clean_text

LEDE = "Chiều 3/5, Bộ Y tế tổ chức họp báo về tình hình dịch bệnh trong tuần, cho biết số ca mắc mới giảm mạnh ở nhiều địa phương."
BODY = "Theo thống kê, cả nước ghi nhận hơn 1.200 ca mắc trong tuần qua, giảm gần một nửa so với tuần trước, phần lớn ở các tỉnh phía Nam."
MORE = "Các chuyên gia khuyến cáo người dân tiếp tục tiêm đủ liều vắc xin, đặc biệt là người cao tuổi và người có bệnh nền mạn tính."
LAST = "Bộ Y tế đề nghị các địa phương tiếp tục theo dõi sát tình hình, không để dịch bùng phát trở lại trong mùa hè năm nay."
TITLE = "Số ca mắc mới giảm mạnh trong tuần"


def clean(*lines: str):
    return clean_text("\n".join(lines), "t.txt")


def test_aggregator_stamp_closes_a_short_record():
    # a Báo Mới record whose body is one glued line: the stamp with its time zone is the
    # aggregator's, so category, tags and source after it are metadata, not text
    article = clean(TITLE, LEDE, BODY, "29/05/13 06:48 GMT+7", "Y tế", "Dịch bệnh,Vắc xin,Bộ Y tế", "TTXVN")
    assert article.paragraphs == [LEDE, BODY]
    assert article.date == "2013-05-29T06:48"
    assert article.source == "TTXVN"


def test_end_mark_with_a_credit_glued_after_it():
    article = clean(TITLE, LEDE, BODY + LAST[:-1] + "./.(Vietnam+)", "29/05/13 06:48 GMT+7", "Y tế", "TTXVN")
    assert article.paragraphs[-1] == LAST[:-1] + "./."
    assert article.source == "VietnamPlus"


def test_byline_glued_to_a_theo_credit():
    article = clean(TITLE, LEDE, BODY + MORE + "ĐỨC MẠNHTheo Infonet", "28/05/13 10:00 GMT+7", "Thể thao", "Zing")
    assert article.paragraphs == [LEDE, BODY, MORE]
    assert article.author == "ĐỨC MẠNH"
    assert article.source == "Infonet"


def test_interview_byline_thuc_hien():
    article = clean(TITLE, LEDE, BODY, MORE, "Hương Giang (thực hiện)")
    assert article.paragraphs == [LEDE, BODY, MORE]
    assert article.author == "Hương Giang"


def test_theo_an_outlet_is_the_source_not_the_author():
    article = clean(TITLE, LEDE, BODY, MORE, "Theo Thanh Niên")
    assert article.author is None
    assert article.source == "Thanh Niên"


def test_the_articles_subject_under_a_picture_is_no_byline():
    # "Alma Faz" under a picture names the woman the story is about: the text goes on
    subject = "Năm 19 tuổi, Alma Faz trải qua phẫu thuật cắt bỏ chân phải vì bệnh ung thư, nhưng cô chưa bao giờ ngừng chạy."
    article = clean(TITLE, subject, BODY, "Alma Faz", MORE, LAST)
    assert article.paragraphs == [subject, BODY, MORE, LAST]
    assert article.author is None


def test_font_size_widget_is_no_byline():
    article = clean(TITLE, LEDE, "A A", BODY, MORE, "Theo MỘC LAN (VTC News)")
    assert article.paragraphs == [LEDE, BODY, MORE]
    assert article.author == "MỘC LAN"
    assert article.source == "VTC News"


def test_a_sentence_carrying_on_is_no_title():
    # the crawl lost the headline: "Theo đó, ..." carries on from a lost sentence
    first = "Theo đó, các vùng không được phép xây dựng mới nhà nuôi chim yến gồm một số phường, xã thuộc TP.Châu Đốc…"
    article = clean(first, LEDE, BODY)
    assert article.title == ""
    assert article.paragraphs[0] == first


def test_related_headlines_joined_by_a_slash_are_no_title():
    joined = "Thương lái ngưng mua, sầu riêng rớt giá / Bưởi da xanh giá rẻ chất đống bán vỉa hè"
    article = clean(joined, LEDE, BODY, MORE)
    assert article.title == ""
    assert article.paragraphs == [LEDE, BODY, MORE]


def test_related_headlines_set_under_the_lede():
    article = clean(
        "TTO - " + LEDE,
        "Vietjet Air ngừng khai thác 4 chuyến bay tại Chu Lai do thời tiết",
        "Hành khách hoảng sợ chắp tay cầu nguyện trên máy bay Vietjet",
        BODY, MORE,
    )
    assert article.paragraphs == [LEDE, BODY, MORE]
    assert article.source == "Tuổi Trẻ"


def test_a_crosshead_and_a_caption_further_down_stay_read_as_such():
    article = clean(TITLE, LEDE, BODY, "Cho rằng bị phản bội", MORE, LAST)
    assert article.paragraphs == [LEDE, BODY, "Cho rằng bị phản bội", MORE, LAST]


def test_dateline_place_on_its_own_line_is_no_text():
    article = clean("Quảng Bình:", LEDE, BODY, MORE)
    assert article.paragraphs == [LEDE, BODY, MORE]
    assert article.title == ""


def test_outlets_unseen_in_the_seeds_get_their_masthead_names():
    article = clean(TITLE, "(HNM) - " + LEDE, BODY, MORE)
    assert article.source == "Hà Nội Mới"
    article = clean(TITLE, "(VTC News) - " + LEDE, BODY, MORE)
    assert article.source == "VTC News"


def test_a_caption_glued_to_the_end_of_a_paragraph_goes_and_the_paragraph_stays():
    # a crawl that lost its breaks: three sentences of text, then the picture's caption and credit
    glued = f"{BODY} {MORE} {LAST} Người dân xếp hàng chờ tiêm vắc xin tại Hà Nội. Ảnh: Ngọc Thành"
    article = clean(TITLE, LEDE, glued)
    assert article.paragraphs == [LEDE, f"{BODY} {MORE} {LAST}"]
    assert any("Ảnh: Ngọc Thành" in r.text and "caption" in r.why for r in article.removed)
    # a caption on its own line, however long its sentence, is still dropped whole
    article = clean(TITLE, LEDE, BODY, "Người dân xếp hàng chờ tiêm vắc xin tại Hà Nội sáng 3/5. Ảnh: Ngọc Thành")
    assert article.paragraphs == [LEDE, BODY]
