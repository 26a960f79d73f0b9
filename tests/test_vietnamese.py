"""digest.vietnamese: the conventions as data, and how each reader sees them."""
from __future__ import annotations

from digest import clean, sentences, vietnamese


def test_squash_reads_spacing_as_a_reader_does():
    assert vietnamese.squash("  Hà\u00a0 Nội\u200b\n\tơi ") == "Hà Nội ơi"
    assert vietnamese.squash(None) == ""
    assert vietnamese.squash("\u200b") == ""


def test_each_reader_sees_the_abbreviations_it_was_tuned_with():
    # The two lists the cleaner and the splitter kept before they shared one (pinned, so
    # that merging them changed neither reader's behaviour).
    assert {
        "tp", "mr", "mrs", "ms", "dr", "st", "th", "ths", "ts", "gs", "pgs", "bs", "ks", "tr", "nxb", "v",
    } == clean._ABBREVIATIONS
    before = {"TP", "Tp", "TX", "Tx", "GS", "PGS", "TS", "Ts", "ThS", "Ths", "BS", "Bs", "KS", "TT", "tr", "Prof"}
    # The splitter now also lists forms it already knew by shape (a capital and one or two
    # lowercase consonants); "Tx" it knows that way too.
    by_shape = {"Mr", "Mrs", "Ms", "Dr", "St", "Th", "Nxb", "Tx"}
    assert all(sentences._CONSONANT_INITIAL.fullmatch(form) for form in by_shape)
    assert set(sentences.ABBREVIATIONS) | by_shape == before | by_shape
    assert "v" not in sentences.ABBREVIATIONS


def test_abbreviations_keep_sentences_and_glued_paragraphs_apart():
    assert sentences.split_sentences("Ông gặp GS. Phan tại TP. HCM. Sau đó về.") == [
        "Ông gặp GS. Phan tại TP. HCM.", "Sau đó về.",
    ]
    lines = clean._split_glued(clean.Line(1, "Trụ sở ở Tp.Hồ Chí Minh rộng.Kẻ tình nghi bị bắt."))
    assert [line.text for line in lines] == ["Trụ sở ở Tp.Hồ Chí Minh rộng.", "Kẻ tình nghi bị bắt."]


def test_ends_like_sentence():
    for text in ("Xong.", "Thật sao?", 'Ông nói: "Tôi đi."', "Rồi…  "):
        assert vietnamese.ENDS_LIKE_SENTENCE.search(text)
    for text in ("Giá xăng giảm", "Xem thêm:"):
        assert not vietnamese.ENDS_LIKE_SENTENCE.search(text)


def test_outlet_words_name_outlets_not_people():
    assert vietnamese.OUTLET_WORDS.search("Báo Dân trí")
    assert vietnamese.OUTLET_WORDS.search("vnexpress.net")
    assert not vietnamese.OUTLET_WORDS.search("Nguyễn Văn An")


def test_section_vocabularies_are_lower_case_and_distinct():
    for words in (vietnamese.END_SECTIONS, vietnamese.BOX_SECTIONS, vietnamese.WIDGET_LINES):
        assert all(word == word.lower().strip() for word in words)
    assert len(set(vietnamese.END_SECTIONS)) == len(vietnamese.END_SECTIONS)
    assert len(set(vietnamese.BOX_SECTIONS)) == len(vietnamese.BOX_SECTIONS)
