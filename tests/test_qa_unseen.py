"""digest.qa on what unseen news pairs showed (issue 22): places said as their adjective or
people, times written the other way, and names the English has that the source never says."""
from __future__ import annotations

from digest.model import Flag
from digest.qa import check_translation
from digest.translate.glossary import Entry, Glossary


def kinds(vi: str, en: str) -> list[str]:
    return [f.kind for f in check_translation(vi, en)]


def test_a_place_said_as_its_adjective_or_people_is_the_name():
    pairs = [("Đội tuyển xứ Wales thắng 2-0.", "The Welsh team won 2-0."),
             ("Chính phủ Indonesia phản đối.", "The Indonesian government objected."),
             ("Quân đội Thổ Nhĩ Kỳ rút lui.", "Turkish troops withdrew."),
             ("Cảnh sát Anh bắt giữ hai người.", "British police arrested two people."),
             ("Các nhà khoa học Phần Lan công bố.", "Finnish scientists announced it.")]
    for vi, en in pairs:
        assert "name" not in kinds(vi, en), en
    assert "name" in kinds("Quân đội Thổ Nhĩ Kỳ rút lui.", "Greek troops withdrew.")


def test_a_time_is_one_number_however_the_english_writes_it():
    assert kinds("Tàu rời cảng lúc 05:00.", "The ship left port at 5 a.m.") == []
    assert kinds("Cuộc họp bắt đầu lúc 17:30.", "The meeting began at 5:30 p.m.") == []
    assert kinds("Cuộc họp bắt đầu lúc 17h30.", "The meeting began at 5.30pm.") == []
    assert kinds("Cuộc họp bắt đầu lúc 17:30.", "The meeting began at 17:30.") == []
    assert kinds("Cửa hàng mở cửa 24/24.", "The shop is open 24/7.") == []
    assert kinds("Cửa hàng mở cửa 24/7.", "The shop is open around the clock.") == []
    assert check_translation("Cuộc họp bắt đầu lúc 17:30.", "The meeting began at 4:30 p.m.") == [
        Flag("number", "17:30 missing")]
    assert kinds("Cuộc họp bắt đầu lúc 17:30.", "The meeting began in the afternoon.") == ["number"]


def test_a_headline_may_leave_a_time_out():
    assert "number" not in kinds("Cháy lớn tại chợ lúc 17:30", "Big fire at the market")
    assert "number" in kinds("Cháy lớn tại chợ lúc 17:30.", "A big fire broke out at the market.")


def test_a_name_the_source_never_says_is_flagged():
    vi = "Hai nước tranh chấp chủ quyền một hòn đảo."
    assert check_translation(vi, "The two countries dispute the sovereignty of Dokdo island.") == [
        Flag("name", "Dokdo not in the Vietnamese")]
    assert check_translation("Tom ăn sáng ở nhà.", "Tom had breakfast at home in New York.") == [
        Flag("name", "New York not in the Vietnamese")]
    assert kinds("Anh ấy đến thăm Nhật Bản.", "He visited Japan and China.") == ["name"]
    # A place the English joins into one word ("Hanoi", "Danang") still accounts for its
    # source words, so a name beside it that the source lacks is seen.
    assert check_translation("Ông ấy đến Hà Nội hôm qua.", "He arrived in Hanoi from New York yesterday.") == [
        Flag("name", "New York not in the Vietnamese")]
    assert check_translation("Ông ấy đến Đà Nẵng hôm qua.", "He arrived in Danang yesterday.") == []


def test_names_the_source_accounts_for_raise_no_added_name_flag():
    pairs = [("Thủ tướng Nguyễn Xuân Phúc gặp Tổng thống Donald Trump ở Hà Nội.",
              "Prime Minister Nguyen Xuan Phuc met President Donald Trump in Hanoi."),
             ("Bộ Y tế cho biết có 20 ca mắc mới.", "The Ministry of Health reported 20 new cases."),
             ("Tôi nói tiếng anh.", "I speak English."),
             ("Tôi không tin ở Thượng đế.", "I don't believe in God."),
             ("Hôm thứ Hai, ông Kim về Seoul.", "On Monday, Mr Kim returned to Seoul."),
             ("Người Hàn Quốc thích kim chi.", "Koreans like kimchi."),
             ("Tom đã ở đó, và tôi cũng vậy.", "Tom was there, and I'll say so too.")]
    for vi, en in pairs:
        assert "name" not in kinds(vi, en), en


def test_a_glossary_term_in_the_english_needs_its_vietnamese():
    glossary = Glossary([Entry("Cục Quản lý Dược", "Drug Administration of Vietnam", "agency", 2)])
    vi = "Cục Quản lý Dược cảnh báo thuốc giả."
    assert check_translation(vi, "The Drug Administration of Vietnam warned of fake drugs.", glossary) == []
    assert check_translation("Bộ Y tế cảnh báo thuốc giả.", "The Drug Administration of Vietnam warned of fake drugs.",
                             glossary) == [Flag("name", "Drug Administration of Vietnam not in the Vietnamese")]


def test_a_bodys_translated_name_is_no_missing_or_added_name():
    # A body's acronym is translated ("UBND" as "People's Committee"), and an English name
    # runs on through "of" and a possessive: neither is a name the source lacks.
    pairs = [("UBND TP.HCM vừa ban hành quyết định.",
              "The Ho Chi Minh City People's Committee has just issued a decision."),
             ("UBND tỉnh Quảng Ninh vừa ban hành quyết định.",
              "The Quang Ninh Provincial People's Committee has just issued a decision."),
             ("Ngân hàng Nhà nước Việt Nam giữ nguyên lãi suất.",
              "The State Bank of Vietnam kept interest rates unchanged."),
             ("Chủ tịch UBND TP.HCM Phan Văn Mãi phát biểu.",
              "Chairman of the Ho Chi Minh City People's Committee Phan Van Mai spoke.")]
    for vi, en in pairs:
        assert check_translation(vi, en) == [], en
    assert check_translation("UBND TP.HCM vừa ban hành quyết định.",
                             "The Ho Chi Minh City People's Committee issued a decision in Boston.") == [
        Flag("name", "Boston not in the Vietnamese")]
    assert check_translation("Ngân hàng Nhà nước Việt Nam giữ nguyên lãi suất.",
                             "The State Bank of Vietnam kept rates unchanged, Reuters said.") == [
        Flag("name", "Reuters not in the Vietnamese")]
    assert kinds("Chủ tịch UBND TP.HCM Phan Văn Mãi phát biểu.",
                 "Chairman of the Ho Chi Minh City People's Committee spoke.") == ["name"]
