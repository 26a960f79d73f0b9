"""digest.namefinder: the one answer to "is this a name?" that flags, suggest and stories share."""
from __future__ import annotations

from digest import namefinder as nf


def test_vietnamese_syllables_and_foreign_words():
    assert nf.vietnamese_syllable("Minh") and nf.vietnamese_syllable("Tôi")
    assert not nf.vietnamese_syllable("Kyushu") and not nf.vietnamese_syllable("Tom")


def test_sentence_starts_include_bullets_and_ellipses():
    text = "Mở đầu. • Lớn nhất … Hà Nội và Huế"
    assert nf.at_sentence_start(text, 0)
    assert nf.at_sentence_start(text, text.index("Lớn"))
    assert nf.at_sentence_start(text, text.index("Hà"))
    assert not nf.at_sentence_start(text, text.index("Huế"))


def test_capitalized_names_drop_openers_titles_and_calendar_words():
    text = ("Theo Tổng thống Hàn Quốc Yoon Suk Yeol, Bộ Ngoại giao sẽ họp vào Thứ Hai. "
            "Năm Nhâm Thìn, ông Nguyễn Văn An về Hà Nội Chúng tôi")
    # "Bộ" is a title word, so what is left of "Bộ Ngoại" (giao) is one word: too short
    assert nf.capitalized_names(text) == ["Hàn Quốc Yoon Suk Yeol", "Nguyễn Văn An", "Hà Nội"]
    assert nf.capitalized_names("Đội Việt Nam thắng.") == ["Việt Nam"]
    assert nf.capitalized_names("Mưa lớn ở TP.Cà Mau và Q.Bình Thạnh.") == ["Cà Mau", "Bình Thạnh"]
    assert nf.capitalized_names("Ông Kim nói.") == [] and nf.capitalized_names("Ông Kim nói.", min_words=1) == ["Kim"]


def test_calendar_words():
    for word in ("Thứ Hai", "Chủ Nhật", "Tháng Giêng", "Tết Dương", "Tết Nguyên đán", "Nhâm Thìn", "Quý Tỵ"):
        assert nf.calendar_word(word), word
    for name in ("Nguyễn Văn An", "Quý Minh", "Hà Nội", ""):
        assert not nf.calendar_word(name), name


def test_english_forms_come_from_cldr_and_the_hand_list_with_adjectives_and_peoples():
    def says(vi: str, en: str) -> bool:
        pattern = nf.english_pattern(vi)
        return pattern is not None and pattern.search(en) is not None

    assert says("Thổ Nhĩ Kỳ", "Turkish troops") and says("Thổ Nhĩ Kỳ", "Türkiye")
    assert says("Indonesia", "Indonesian officials") and says("Wales", "the Welsh team")
    assert says("Anh", "British police") and says("Hàn Quốc", "South Koreans")
    assert says("Thuỵ Điển", "Swedish") and says("Thụy Điển", "Sweden")  # either tone placement
    assert says("Miến Điện", "Myanmar") and says("Phần Lan", "Finnish")  # CLDR's Finland
    assert not says("Áo", "Australian")  # Austria is not Australia
    assert nf.english_pattern("Nguyễn Văn An") is None
