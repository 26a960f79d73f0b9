import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.sentences import split_sentences


def test_splits_on_full_stop_before_capital():
    assert split_sentences("Trời mưa to. Đường ngập nặng.") == ["Trời mưa to.", "Đường ngập nặng."]


def test_splits_before_vietnamese_capitals():
    assert split_sentences("Họ đã về. Ắt hẳn rất vui.") == ["Họ đã về.", "Ắt hẳn rất vui."]


def test_splits_on_exclamation_question_and_ellipsis():
    text = "Trời ơi! Ai đến vậy? Tôi không rõ… Chắc là anh ấy."
    assert split_sentences(text) == ["Trời ơi!", "Ai đến vậy?", "Tôi không rõ…", "Chắc là anh ấy."]


def test_splits_before_digit():
    assert split_sentences("Cháy lớn ở chợ. 5 người bị thương.") == ["Cháy lớn ở chợ.", "5 người bị thương."]


def test_splits_before_opening_quote():
    assert split_sentences('Ông im lặng. "Không," ông nói.') == ["Ông im lặng.", '"Không," ông nói.']


def test_vietnamese_end_mark():
    assert split_sentences("Hai bên nhất trí hợp tác./. Tin khác") == ["Hai bên nhất trí hợp tác./.", "Tin khác"]


def test_does_not_split_before_lowercase():
    assert split_sentences("Giá tăng vs. năm ngoái.") == ["Giá tăng vs. năm ngoái."]


@pytest.mark.parametrize(
    "text",
    [
        "Ông đến TP.HCM hôm qua.",
        "Ông đến TP. HCM hôm qua.",
        "Tàu của hải quân U.S. Navy đã cập cảng.",
        "PGS.TS. Nguyễn Văn An phát biểu.",
        "Trụ sở ở Q.1 và Q. 3 của thành phố.",
        "ThS. Lê Thị Bình cho biết.",
        "GS. Phan Huy Lê và TS. Trần Văn Cường dự họp.",
        "Ông về Tp. Hồ Chí Minh sáng nay.",
        "Họ đến St. Louis tuần trước.",
        "Lãnh đạo ông Kim J. Un đã phát biểu.",
        "Anh Vũ Trọng Kh. (25 tuổi) ngồi một mình.",
    ],
)
def test_abbreviations_and_initials_do_not_end_sentences(text):
    assert split_sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Dự án có 1.100 căn hộ.",
        "Lãi suất tăng 3,5% trong quý.",
        "Tổng vốn là 1.100.000 USD.",
        "Ngày 13.11.2020 hai bên đã ký.",
    ],
)
def test_numbers_and_dates_do_not_end_sentences(text):
    assert split_sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Theo Korea.net, hai nước đã ký.",
        "Theo VnExpress.net thì giá tăng.",
        "Liên hệ qua ban.doc@vnexpress.net để biết thêm.",
        "Xem https://vnexpress.net/the-gioi.html để biết thêm.",
    ],
)
def test_domains_urls_and_emails_do_not_end_sentences(text):
    assert split_sentences(text) == [text]


def test_ellipsis_inside_a_sentence():
    text = "Tôi nghĩ... có lẽ họ sẽ đến."
    assert split_sentences(text) == [text]


def test_quoted_passage_stays_in_its_sentence():
    text = 'Ông nói: "Chúng tôi đã cố gắng. Nhưng chưa đủ." Sau đó ông rời đi.'
    assert split_sentences(text) == ['Ông nói: "Chúng tôi đã cố gắng. Nhưng chưa đủ."', "Sau đó ông rời đi."]


def test_curly_quoted_passage_stays_in_its_sentence():
    text = "Bà cho biết “Tình hình đã ổn. Mọi người yên tâm.” Cuộc họp kết thúc."
    assert split_sentences(text) == ["Bà cho biết “Tình hình đã ổn. Mọi người yên tâm.”", "Cuộc họp kết thúc."]


def test_parenthesis_stays_in_its_sentence():
    text = "Công ty Bảo Định (trước đây là Thiên Long. Đổi tên năm 2008) bị kiện. Vụ án kéo dài."
    assert split_sentences(text) == [
        "Công ty Bảo Định (trước đây là Thiên Long. Đổi tên năm 2008) bị kiện.",
        "Vụ án kéo dài.",
    ]


def test_closing_quote_after_full_stop_belongs_to_the_sentence():
    text = 'Ông nói: "Tôi sẽ trở lại." Sau đó ông đi.'
    assert split_sentences(text) == ['Ông nói: "Tôi sẽ trở lại."', "Sau đó ông đi."]


def test_name_ending_a_sentence_is_split():
    text = "Ông đã gặp ông Kim Jung-han. Ông nói hai bên sẽ đối thoại."
    assert split_sentences(text) == ["Ông đã gặp ông Kim Jung-han.", "Ông nói hai bên sẽ đối thoại."]


def test_city_abbreviation_can_end_a_sentence():
    assert split_sentences("Ông sống tại TP.HCM. Ông là kỹ sư.") == ["Ông sống tại TP.HCM.", "Ông là kỹ sư."]


def test_sentences_are_stripped_substrings():
    text = "  Câu một.   Câu hai.\n"
    assert split_sentences(text) == ["Câu một.", "Câu hai."]


def test_empty_and_blank_text():
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []


def test_unmatched_quote_does_not_block_splitting():
    assert split_sentences('Ông nói "không. Bà đồng ý.') == ['Ông nói "không.', "Bà đồng ý."]


_TRICKY_ALPHABET = "aăbđĐÂẮxyzAHT TP.!?…\"“”()[]'19,/ \n"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=_TRICKY_ALPHABET)))
def test_sentences_cover_the_text_in_order(text):
    sentences = split_sentences(text)
    assert all(s and s in text and s == s.strip() for s in sentences)
    assert "".join("".join(s.split()) for s in sentences) == "".join(text.split())
    position = 0
    for sentence in sentences:
        position = text.index(sentence, position) + len(sentence)


def _cpu_seconds(text: str) -> float:
    import time

    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        split_sentences(text)
        best = min(best, time.process_time() - start)
    return best


def test_a_paragraph_of_many_quoted_sentences_splits_in_linear_time():
    """4x the sentences, each with its quotes and brackets: about 4x the time (a scan of
    every quote pair for every sentence end made it 16x)."""
    one = 'Ông nói "đúng vậy" (theo A). Bà đáp. '
    small, large = _cpu_seconds(one * 2_000), _cpu_seconds(one * 8_000)
    assert large < 8 * small + 0.05, (small, large)
    assert len(split_sentences(one * 3)) == 6
