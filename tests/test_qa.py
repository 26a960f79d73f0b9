"""digest.qa: each kind of flag raised where the English is wrong and not where it is right,
Vietnamese conventions mapped, names and glossary terms excepted."""
from __future__ import annotations

import pytest

from digest.qa import Flag, check_translation, source_names
from digest.translate.glossary import Entry, Glossary


def kinds(vi: str, en: str, glossary: Glossary | None = None) -> list[str]:
    return [f.kind for f in check_translation(vi, en, glossary)]


GLOSSARY = Glossary([Entry("Hàn Quốc", "South Korea", "place", 2), Entry("Yoon Suk-yeol", "Yoon Suk Yeol", "person", 3),
                     Entry("An Bình", "An Binh", "place", 4)])


def test_a_good_translation_has_no_flags():
    assert check_translation("Hôm qua anh ấy đi ngủ hồi 11 giờ.", "Last night he went to sleep at 11 o'clock.") == []


def test_a_flag_reads_as_kind_and_detail():
    flag = Flag("number", "1.100 missing")
    assert str(flag) == "number: 1.100 missing"
    assert flag.to_dict() == {"kind": "number", "detail": "1.100 missing"}


# --- number ------------------------------------------------------------------------------

@pytest.mark.parametrize(("vi", "en"), [
    ("Giá tăng lên 1.100 đồng.", "The price rose to 1,100 dong."),  # '.' groups thousands
    ("Lãi suất là 2,5%.", "The interest rate is 2.5%."),  # ',' is the decimal mark
    ("Ngày 17/4, cuộc họp diễn ra.", "On April 17, the meeting took place."),
    ("Ngày 17/4, cuộc họp diễn ra.", "The meeting took place on 17 April."),
    ("Dự án cần 5 triệu USD.", "The project needs $5 million."),
    ("Dự án cần 2,3 tỷ đồng.", "The project needs 2.3 billion dong."),
    ("Có 3 nghìn người đến.", "Three thousand people came."),
    ("Hơn 30% dân số đã tiêm.", "More than 30 percent of the population is vaccinated."),
    ("Cuộc họp bắt đầu lúc 10h30.", "The meeting starts at 10:30."),
    ("Cuộc họp bắt đầu lúc 22h.", "The meeting starts at 10 pm."),
    ("Ông ấy có không dưới 12 đứa con.", "He has no less than twelve children."),
    ("Ngày 17/4/2020, ông ấy đến.", "He arrived on April 17, 2020."),
])
def test_numbers_in_vietnamese_conventions_match_their_english(vi, en):
    assert "number" not in kinds(vi, en)


@pytest.mark.parametrize(("vi", "en", "missing"), [
    ("Giá tăng lên 1.100 đồng.", "The price rose to 1,200 dong.", "1.100"),
    ("Giá tăng lên 1.100 đồng.", "The price rose to 1.1 dong.", None),  # read the English way: not flagged
    ("Lãi suất là 2,5%.", "The interest rate is 25%.", "2,5"),
    ("Ngày 17/4, cuộc họp diễn ra.", "On April 18, the meeting took place.", "17"),
    ("Dự án cần 5 triệu USD.", "The project needs $5,000.", "5 triệu"),
    ("Hơn 30% dân số đã tiêm.", "Most of the population is vaccinated.", "30"),
])
def test_a_changed_or_dropped_number_is_flagged(vi, en, missing):
    flags = [f for f in check_translation(vi, en) if f.kind == "number"]
    if missing is None:
        assert flags == []
    else:
        assert [f.detail for f in flags] == [f"{missing} missing"]


# --- untranslated ------------------------------------------------------------------------

def test_vietnamese_left_in_is_flagged():
    assert kinds("Tom bảo tớ bình tĩnh.", "Tom told me bình tĩnh.") == ["untranslated"]
    assert "untranslated" in kinds("Tôi đi trong nhà.", "I walk trong the house.")


def test_names_kept_in_their_vietnamese_form_are_not_untranslated():
    assert kinds("Ông Nguyễn Văn An sống ở Đà Nẵng.", "Mr Nguyễn Văn An lives in Đà Nẵng.") == []
    assert kinds("Tôi đến An Bình.", "I came to An Bình.", GLOSSARY) == ["name"]  # the glossary's form is An Binh


def test_french_and_german_letters_are_not_vietnamese():
    assert kinds("Tôi thích quán cà phê ở Zürich.", "I like the café in Zürich.") == []


# --- repeat ------------------------------------------------------------------------------

@pytest.mark.parametrize("en", [
    "The The The meeting ended.",
    "Ger. Ger. Ger. said the minister.",
    "The meeting ended, the meeting ended in Hanoi.",
    "Gutssssssss on the way home.",
])
def test_loops_are_flagged(en):
    assert "repeat" in kinds("Cuộc họp đã kết thúc ở Hà Nội.", en)


def test_repetition_in_the_source_is_not_a_loop():
    assert "repeat" not in kinds("Từng bước, từng bước, từng bước một.", "Step by step, step by step, step by step.")
    assert "repeat" not in kinds("Họ đã làm việc rất rất chăm chỉ.", "They worked very, very hard.")


# --- length ------------------------------------------------------------------------------

def test_a_cut_off_sentence_is_flagged():
    vi = "Một vài thành phần của nước uống này có hại, đặc biệt nếu bạn có thai."
    assert "length" in kinds(vi, "Some of the ingredients in this")
    assert "length" in kinds(vi, "Some of the ingredients.")
    assert kinds(vi, "Some of the ingredients in this beverage are harmful, especially if you are pregnant.") == []


def test_english_far_longer_than_its_source_is_flagged():
    assert "length" in kinds("Tôi đồng ý.", "I agree with everything that was said by everyone at the meeting yesterday.")


def test_no_english_at_all_is_flagged():
    assert kinds("Tôi đồng ý.", "") == ["length"]


# --- name --------------------------------------------------------------------------------

def test_capitalized_names_of_the_source_are_checked_without_a_glossary():
    vi = "Thủ tướng Nguyễn Xuân Phúc gặp Tổng thống Donald Trump ở Hà Nội."
    assert source_names(vi) == ["Nguyễn Xuân Phúc", "Donald Trump", "Hà Nội"]
    assert kinds(vi, "Prime Minister Nguyen Xuan Phuc met President Donald Trump in Hanoi.") == []
    assert kinds(vi, "Prime Minister Phuc met President Trump in Hanoi.") == []
    flags = check_translation(vi, "The prime minister met President Joe Biden in Hanoi.")
    assert [str(f) for f in flags] == ["name: Nguyễn Xuân Phúc missing", "name: Donald Trump missing"]


def test_exonyms_and_titles_are_understood():
    assert kinds("Trung Quốc và Hàn Quốc đã đàm phán.", "China and South Korea held talks.") == []
    assert kinds("Ông Johnson cho biết như vậy.", "Mr Smith said so.") == ["name"]
    assert kinds("Hôm nay trời đẹp.", "The weather is nice today.") == []  # a capital opening a sentence


def test_glossary_terms_must_appear_as_the_glossary_gives_them():
    vi = "Tổng thống Hàn Quốc Yoon Suk-yeol đến Tokyo."
    assert kinds(vi, "South Korean President Yoon Suk Yeol arrived in Tokyo.", GLOSSARY) == ["name"]  # not "South Korea"
    assert kinds(vi, "South Korea's President Yoon Suk Yeol arrived in Tokyo.", GLOSSARY) == []
    flags = check_translation(vi, "South Korea's President arrived in Tokyo.", GLOSSARY)
    assert [str(f) for f in flags] == ["name: Yoon Suk Yeol (Yoon Suk-yeol) missing"]


def test_english_cut_after_an_auxiliary_or_a_subject_is_length():
    vi = "Bộ trưởng cho biết chính phủ sẽ tăng ngân sách cho giáo dục."
    assert "length" in kinds(vi, "The minister said the government will")
    assert "length" in kinds(vi, "The minister said that they")
    assert "length" not in kinds(vi, "The minister said the government would raise the education budget.")


def test_a_long_sentence_losing_half_is_cut_short():
    vi = ("Theo báo cáo của Bộ Y tế, số ca mắc mới trong tuần qua đã giảm mạnh ở hầu hết các tỉnh "
          "miền Bắc nhờ chiến dịch tiêm chủng được triển khai từ đầu tháng.")
    full = ("According to the Ministry of Health, new cases fell sharply last week in most northern "
            "provinces thanks to the vaccination campaign launched at the start of the month.")
    cut = "According to the Ministry of Health, new cases fell sharply."
    assert "length" not in kinds(vi, full)
    assert "length" in kinds(vi, cut)
    # a third lost, full stop and all, is within what a terse professional English runs to
    # (news pairs whose Vietnamese is 30-50% longer: issue 22), so no length flag
    assert "length" not in kinds(vi, "According to the Ministry of Health, new cases fell sharply last week "
                                     "in most northern provinces.")
