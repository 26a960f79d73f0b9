"""digest glossary suggest: names found in small Vietnamese texts, pending rows, round trip."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from digest.commands.glossary import glossary as glossary_cli
from digest.names import suggest
from digest.translate.glossary import Glossary, check_file, pending_rows


def names(*sentences: str, forms: tuple[str, ...] = ()) -> dict[str, str]:
    return {row.vi: row.kind for row in suggest(list(sentences), forms)}


def test_people_with_titles_and_honorifics():
    found = names("Hôm qua, Thủ tướng Nguyễn Xuân Phúc gặp ông Trần Văn Minh tại trụ sở.",
                  "HLV Hoàng Văn Phúc nói đội sẽ thắng.")
    assert found["Nguyễn Xuân Phúc"] == "person"
    assert found["Trần Văn Minh"] == "person"
    assert "Hoàng Văn Phúc" in found and "HLV Hoàng Văn Phúc" not in found


def test_places_after_admin_units():
    found = names("Vụ việc xảy ra tại xã Phú Phúc, huyện Lý Nhân, tỉnh Hà Nam.")
    assert {"Phú Phúc", "Lý Nhân", "Hà Nam"} <= set(found)
    assert found["Hà Nam"] == "place"


def test_organizations_by_head_word():
    found = names("Đại diện Bộ Ngoại giao cho biết như vậy.",
                  "Bộ Giáo dục và Đào tạo vừa ra thông báo mới.",
                  "Theo Sở Y tế Hà Nội, Bộ trưởng Bộ Y tế Nguyễn Thanh Long đã đến thăm.")
    assert found["Bộ Ngoại giao"] == "agency"
    assert "Bộ Giáo dục và Đào tạo" in found
    assert "Sở Y tế Hà Nội" in found
    assert "Bộ Y tế" in found and "Nguyễn Thanh Long" in found



def test_organizations_of_a_province_and_nested_bodies():
    found = names("Kết quả giám định của Công an tỉnh Hà Giang được gửi cho gia đình.",
                  "Thành ủy Đà Nẵng đã họp với Đảng ủy Bộ Quốc phòng về việc này.",
                  "Nghị quyết của Hội đồng Bảo an Liên Hợp quốc được thông qua.",
                  "Đại diện Ủy ban Kiểm tra Trung ương Đảng Cộng sản Việt Nam phát biểu.")
    assert found["Công an tỉnh Hà Giang"] == "agency" and found["Hà Giang"] == "place"
    assert "Thành ủy Đà Nẵng" in found and "Đảng ủy Bộ Quốc phòng" in found
    assert "Hội đồng Bảo an Liên Hợp quốc" in found and found["Liên Hợp quốc"] == "org"
    # a body inside another's name is a name of its own, not the tail of the first
    assert "Ủy ban Kiểm tra Trung ương" in found and "Đảng Cộng sản Việt Nam" in found
    assert not any(name.endswith("Đảng Cộng") for name in found)


def test_a_long_lower_case_name_runs_to_the_acronym_the_article_gives():
    rows = {row.vi: row for row in suggest(["Cục Cảnh sát điều tra tội phạm về trật tự quản lý kinh tế "
                                            "và chức vụ (C46) đã vào cuộc."])}
    assert rows["C46"].note == "stands for Cục Cảnh sát điều tra tội phạm về trật tự quản lý kinh tế và chức vụ"

def test_foreign_names_split_from_a_country_before_them():
    found = names("Thủ tướng Nhật Bản Yoshihide Suga tiếp Vụ trưởng Kim Jung-han hôm thứ Ba.")
    assert "Yoshihide Suga" in found and "Kim Jung-han" in found
    assert not any("Nhật Bản Yoshihide" in name for name in found)


def test_acronym_with_the_expansion_the_article_gives():
    rows = {row.vi: row for row in suggest(["Ông là Giám đốc Cơ quan Tình báo Quốc gia (NIS) của nước này.",
                                            "NIS đã xác nhận thông tin."])}
    assert "Cơ quan Tình báo Quốc gia" in rows
    assert rows["NIS"].note == "stands for Cơ quan Tình báo Quốc gia"
    assert rows["NIS"].count == 2


def test_sentence_initial_capitals_are_not_names_unless_seen_elsewhere():
    found = names("Theo Bộ Công an, vụ việc đang được điều tra.", "Sáng nay trời mưa.", "Tuyển Việt Nam đã thắng.")
    assert "Theo Bộ" not in found and "Sáng" not in found
    assert "Việt Nam" in found and "Tuyển Việt Nam" not in found
    assert "Hà Nội" in names("Hà Nội mưa to.", "Người dân Hà Nội đi làm muộn.")


def test_names_the_glossary_holds_are_left_out_and_variants_noted():
    rows = {row.vi: row for row in suggest(
        ["Tổng thống Yoon Suk Yeol phát biểu tại Seoul, cùng bà Park Jie-won."],
        ["Yoon Suk-yeol", "Seoul"])}
    assert rows["Yoon Suk Yeol"].note == "variant of Yoon Suk-yeol"
    assert "Park Jie-won" in rows and rows["Park Jie-won"].note == ""
    assert not suggest(["Ông Park Jie-won nói."], ["Park Jie-won"])


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_pending_rows_are_ignored_by_runs_and_warned_by_check(tmp_path):
    path = write(tmp_path, "vi,en,kind\nHàn Quốc,South Korea,place\nLý Nhân,,place\n")
    assert [e.vi for e in Glossary.load(path).entries] == ["Hàn Quốc"]
    assert Glossary.load(path).find("Lý Nhân") == []
    assert check_file(path) == []
    assert [(p.line, p.vi) for p in pending_rows(path)] == [(3, "Lý Nhân")]
    result = CliRunner().invoke(glossary_cli, ["check", str(path), "--pending"])
    assert result.exit_code == 0
    assert "3: warning: pending: 'Lý Nhân'" in result.output and "1 pending" in result.output


def test_check_counts_pending_rows_in_one_line_unless_asked_to_list_them(tmp_path):
    rows = "".join(f"Tên Số {i},,person\n" for i in range(150))
    path = write(tmp_path, "vi,en,kind\nHàn Quốc,South Korea,place\n" + rows)
    quiet = CliRunner().invoke(glossary_cli, ["check", str(path)])
    assert quiet.exit_code == 0
    assert [line for line in quiet.output.splitlines() if "warning" in line] == [
        f"{path}: warning: 150 pending rows with no English yet (from line 3; --pending lists them)"]
    listed = CliRunner().invoke(glossary_cli, ["check", str(path), "--pending"])
    assert sum("warning: pending:" in line for line in listed.output.splitlines()) == 150


def test_check_still_fails_on_real_problems_beside_pending_rows(tmp_path):
    path = write(tmp_path, "vi,en,kind\nLý Nhân,,place\nHàn Quốc,Korea,city\n")
    result = CliRunner().invoke(glossary_cli, ["check", str(path)])
    assert result.exit_code == 2
    assert "1 pending row" in result.output and "unknown kind 'city'" in result.output


def test_suggest_output_appended_to_a_glossary_checks_with_warnings_only(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Cháy nhà ở Hà Nam\n\nChị Trần Thị Quyên, trú tại xã Phú Phúc, huyện Lý Nhân, "
                       "bị bỏng. Đại diện Cơ quan Tình báo Quốc gia (NIS) của Hàn Quốc, bà Park Jie-won, "
                       "cho biết như vậy.\n", encoding="utf-8")
    glossary = write(tmp_path, "vi,en,kind\nHàn Quốc,South Korea,place\nPark Jie won,Park Jie-won,person\n")
    result = CliRunner().invoke(glossary_cli, ["suggest", str(article), "--glossary", str(glossary)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "vi,en,kind,count,example,note"
    assert any(line.startswith("Trần Thị Quyên,,person,1,") for line in lines)
    assert any(line.startswith("Park Jie-won,,") and line.endswith("variant of Park Jie won") for line in lines)
    assert not any(line.startswith("Hàn Quốc,") for line in lines)
    with glossary.open("a", encoding="utf-8") as out:
        out.write(result.output)
    assert check_file(glossary) == []
    assert len(pending_rows(glossary)) == len(lines) - 1
    assert len(Glossary.load(glossary)) == 2
    check = CliRunner().invoke(glossary_cli, ["check", str(glossary)])
    assert check.exit_code == 0 and f"{len(lines) - 1} pending rows" in check.output
    again = CliRunner().invoke(glossary_cli, ["suggest", str(article), "--glossary", str(glossary)])
    assert again.output.splitlines() == ["vi,en,kind,count,example,note"]  # pending names aren't suggested twice


def test_min_count_text_format_and_a_missing_input(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Tin\n\nÔng Nguyễn Văn An gặp ông Lê Văn Bình. Ông Nguyễn Văn An nói.\n", encoding="utf-8")
    result = CliRunner().invoke(glossary_cli, ["suggest", str(article), str(tmp_path / "nope.txt"),
                                               "--min-count", "2", "--format", "text",
                                               "--glossary", str(write(tmp_path, "vi,en,kind\n"))])
    assert result.exit_code == 1
    assert "2  person  Nguyễn Văn An" in result.output and "  Lê Văn Bình" not in result.output
    assert "nope.txt" in result.output


def test_a_head_with_lower_case_words_runs_to_the_acronym_or_name_that_closes_it():
    found = names("Đại diện Tổ chức cấm vũ khí hóa học (OPCW) cho biết như vậy.",
                  "Theo Trung tâm cảnh báo sóng thần Thái Bình Dương, không có nguy cơ sóng thần.",
                  "Công ty trách nhiệm hữu hạn Nokia vừa công bố kết quả kinh doanh.",
                  "Ông đã gặp Bộ trưởng Ngoại giao Anh.", "Trường hợp ông Nguyễn Văn An đang được xem xét.",
                  "Chính phủ công nhận Khu du lịch mới.", "Hãng máy tính Toshiba mới ra mắt sản phẩm.")
    assert "Tổ chức cấm vũ khí hóa học" in found and "OPCW" in found
    assert "Trung tâm cảnh báo sóng thần Thái Bình Dương" in found and found["Thái Bình Dương"] == "place"
    assert "Công ty trách nhiệm hữu hạn Nokia" in found
    assert "Hãng máy tính Toshiba" in found  # a brand takes no lower-case word after it
    assert not any(name.startswith(("Bộ trưởng", "Trường hợp", "Chính phủ công")) for name in found)


def test_cities_teams_directions_credits_and_bylines():
    found = names("Cục Thuế cho biết TP HCM và TP Cần Thơ thu vượt dự toán, TP.HCM dẫn đầu.",
                  "U-23 Việt Nam thắng U-23 Myanmar 2-1.", "Gió mạnh thổi về phía Tây Bắc.",
                  "Ảnh: Ánh Tâm Gian hàng bày bán nhiều sản phẩm.")
    assert {"TP HCM", "TP Cần Thơ", "TP.HCM", "Cần Thơ"} <= set(found)
    assert "U-23 Việt Nam" in found or "U-23 Myanmar" in found
    assert "Tây Bắc" not in found
    assert "Ánh Tâm" in found and "Ánh Tâm Gian" not in found


def test_the_reporters_the_cleaner_takes_out_of_the_text_are_suggested(tmp_path):
    from digest.names import read_sentences

    article = tmp_path / "a.txt"
    article.write_text("Hà Nội mưa lớn kéo dài\nMưa lớn kéo dài từ đêm qua khiến nhiều tuyến phố ở Hà Nội ngập sâu.\n"
                       "Lực lượng chức năng đã được huy động để hỗ trợ người dân di chuyển an toàn.\nĐÔNG PHƯƠNG",
                       encoding="utf-8")
    sentences, failures = read_sentences([str(article)])
    assert not failures and "Đông Phương" in {row.vi for row in suggest(sentences)}


def test_ministries_peoples_bodies_offices_and_foreign_names_with_joiners():
    found = names("Đại diện Bộ Giao thông Vận tải Lào và Quân đội nhân dân Lào đã có mặt.",
                  "Ông làm việc tại Văn phòng Chủ tịch nước nhiều năm.",
                  "Chủ tịch nước Võ Văn An tiếp đoàn.",
                  "Ngân hàng Bank of America cho biết Robin van Persie đã ký hợp đồng.")
    assert "Bộ Giao thông Vận tải Lào" in found and "Quân đội nhân dân Lào" in found
    assert "Văn phòng Chủ tịch nước" in found and "Chủ tịch nước" not in found
    assert "Ngân hàng Bank of America" in found and "Robin van Persie" in found
    assert found["Võ Văn An"] == "person"


def test_an_acronym_of_lower_case_words_is_suggested_with_what_it_stands_for():
    rows = {row.vi: row for row in suggest(["Lực lượng chức năng bảo đảm an ninh quốc gia (ANQG) và trật tự "
                                            "an toàn xã hội (TTATXH).", "Doanh nghiệp có quy mô lớn (ABC)."])}
    assert rows["ANQG"].note == "stands for an ninh quốc gia"
    assert rows["TTATXH"].note == "stands for trật tự an toàn xã hội"
    assert "ABC" not in rows  # its letters are not the initials of the words before it


def test_a_body_named_for_what_it_fights_keeps_the_whole_name():
    found = names("Tổng cục Cảnh sát phòng, chống tội phạm và Tổng cục Thuế ký quy chế phối hợp.",
                  "Ban Chỉ đạo phòng chống tham nhũng họp phiên thường kỳ.")
    assert "Tổng cục Cảnh sát phòng, chống tội phạm" in found and "Tổng cục Cảnh sát" not in found
    assert "Ban Chỉ đạo phòng chống tham nhũng" in found


def test_calendar_words_are_no_names():
    found = names("Dịp Tết Dương lịch năm nay, nhiều người về quê.",
                  "Năm Nhâm Thìn 2012 và năm Quý Tỵ 2013 đều có nhiều biến động.",
                  "Ông Nguyễn Văn An nghỉ từ Thứ Hai đến Tết Nguyên đán.")
    assert not {"Tết Dương", "Nhâm Thìn", "Quý Tỵ", "Thứ Hai", "Tết Nguyên"} & set(found)
    assert "Nguyễn Văn An" in found


def test_a_verb_glued_after_a_name_goes_where_the_corpus_has_the_name_without_it():
    found = names("Cục Quản lý Dược nhận được hồ sơ của công ty.",
                  "Theo Cục Quản lý Dược, hồ sơ đã đủ.")
    assert "Cục Quản lý Dược" in found and "Cục Quản lý Dược nhận" not in found


def test_a_capitalized_common_word_before_a_place_is_no_part_of_it():
    found = names("Cơn mưa Lớn Hà Nội gây ngập nhiều tuyến phố.", "Trời mưa lớn kéo dài.")
    assert "Lớn Hà Nội" not in found and "Hà Nội" in found


def test_a_team_byline_is_no_person():
    from digest.names.corpus import _bylines

    assert _bylines("Nhóm PV, Nguyễn Văn An") == ["phóng viên Nguyễn Văn An"]
    assert _bylines("NHÓM PHÓNG VIÊN") == []


def test_bodies_named_by_an_administrative_acronym():
    found = names("Chiều qua, UBND tỉnh Quảng Trị đã họp với HĐND TP Đông Hà về dự án.",
                  "Vụ án do Viện KSND huyện Gio Linh truy tố, TAND tỉnh Quảng Trị xét xử sơ thẩm.",
                  "Bị cáo kháng cáo lên TAND Cấp cao tại Đà Nẵng.",
                  "Em Lan, học sinh trường THPT Lê Quý Đôn, đoạt giải nhất.",
                  "Đoàn công tác làm việc với UBND quận 3.", "Công an phường 5 đã vào cuộc.")
    assert found["UBND tỉnh Quảng Trị"] == "agency"
    assert {"HĐND TP Đông Hà", "TP Đông Hà", "Viện KSND huyện Gio Linh", "Gio Linh",
            "TAND tỉnh Quảng Trị", "TAND Cấp cao", "THPT Lê Quý Đôn", "UBND quận 3",
            "Công an phường 5"} <= set(found)
    assert "Quảng Trị" in found and "Viện KSND" not in found


def test_acronym_body_stops_before_the_person_who_heads_it():
    found = names("Chủ tịch UBND TP. Đà Nẵng Lê Trung Chinh cho biết như vậy.",
                  "Ông Phó Chủ tịch UBND huyện Thanh Trì Nguyễn Tiến Cường phát biểu.")
    assert {"UBND TP. Đà Nẵng", "TP. Đà Nẵng", "Lê Trung Chinh",
            "UBND huyện Thanh Trì", "Nguyễn Tiến Cường"} <= set(found)
    assert not any("Chinh" in name and "UBND" in name for name in found)


def test_city_with_dotted_abbreviation_and_dashed_provinces():
    found = names("Mưa lớn gây ngập nhiều tuyến đường ở TP. Cần Thơ và Q. Bình Thạnh.",
                  "Công an tỉnh Bà Rịa - Vũng Tàu đã bắt giữ nghi phạm ở chợ Bà Rịa.",
                  "Sở Xây dựng TP Hải Phòng cho biết sẽ kiểm tra.")
    assert {"TP. Cần Thơ", "Cần Thơ", "Q. Bình Thạnh", "Bình Thạnh"} <= set(found)
    assert {"Công an tỉnh Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu", "Bà Rịa"} <= set(found)
    assert "Công an tỉnh Bà Rịa" not in found
    assert {"TP Hải Phòng", "Hải Phòng"} <= set(found)
