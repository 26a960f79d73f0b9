"""Glossary: loading, checking (with line numbers), longest-first boundary matching."""
from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from digest.commands.glossary import glossary as glossary_cli
from digest.errors import GlossaryError
from digest.translate.glossary import Entry, Glossary, check_file

pytest_plugins = ["tests.conftest_translate"]
from tests.conftest_translate import GLOSSARY, SEEDS  # noqa: E402


def make(rows: list[tuple[str, str, str]]) -> Glossary:
    return Glossary([Entry(vi, en, kind, n) for n, (vi, en, kind) in enumerate(rows, start=2)])


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- matching


def test_longest_term_wins():
    g = make([("Triều Tiên", "North Korea", "place"), ("Bán đảo Triều Tiên", "Korean Peninsula", "place")])
    found = g.find("Diễn biến trên Bán đảo Triều Tiên và Triều Tiên.")
    assert [(m.vi, m.en) for m in found] == [
        ("Bán đảo Triều Tiên", "Korean Peninsula"),
        ("Triều Tiên", "North Korea"),
    ]


def test_longest_first_even_when_a_shorter_term_starts_earlier():
    # Leftmost matching would take "Cơ quan Hàn"; longest-first takes the longer term.
    g = make([("Hàn Quốc", "South Korea", "place"), ("Cơ quan Hàn", "Y", "org"), ("quan Hàn Quốc", "Z", "org")])
    assert [m.vi for m in g.find("Cơ quan Hàn Quốc")] == ["quan Hàn Quốc"]


def test_matches_respect_syllable_boundaries():
    g = make([("Nam", "Nam", "term"), ("Hoàng Nam", "Hoang Nam", "person")])
    assert [m.vi for m in g.find("Hoàng Nam")] == ["Hoàng Nam"]
    assert g.find("Namibia và Việt Namh") == []
    assert [m.vi for m in g.find("Nam, Bắc")] == ["Nam"]


def test_hyphen_and_punctuation_are_boundaries():
    g = make([("Hàn Quốc", "South Korea", "place"), ("Nhật Bản", "Japan", "place"), ("Vietnam+", "Vietnam+", "agency")])
    found = g.find("Quan hệ Hàn Quốc-Nhật Bản (TTXVN/Vietnam+)")
    assert [m.en for m in found] == ["South Korea", "Japan", "Vietnam+"]


def test_matching_is_case_sensitive():
    g = make([("Tòa án Tối cao", "Supreme Court", "org")])
    assert g.find("tòa án tối cao") == []
    assert len(g.find("Tòa án Tối cao")) == 1


def test_spans_point_into_the_text():
    g = Glossary.load(GLOSSARY)
    text = SEEDS[0].read_text(encoding="utf-8")
    for m in g.find(text):
        assert text[m.start : m.end] == m.vi


@given(st.text(alphabet="ab ĐđNamHoàng-.", max_size=40))
def test_matches_never_overlap_and_sit_on_boundaries(text):
    g = make([("Nam", "Nam", "term"), ("Hoàng Nam", "Hoang Nam", "person"), ("a b", "AB", "term"), ("b", "B", "term")])
    found = g.find(text)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for m in found:
        assert text[m.start : m.end] == m.vi
        assert m.start == 0 or not text[m.start - 1].isalnum()
        assert m.end == len(text) or not text[m.end].isalnum()


# --------------------------------------------------------------------------- the shipped glossary


def test_shipped_glossary_is_clean():
    assert check_file(GLOSSARY) == []
    g = Glossary.load(GLOSSARY)
    assert len(g) > 80


@pytest.mark.parametrize(
    "vi, en",
    [
        ("Yoon Suk-yeol", "Yoon Suk Yeol"),
        ("Lee Nak Yeon", "Lee Nak-yeon"),
        ("Bán đảo Triều Tiên", "Korean Peninsula"),
        ("Bộ Ngoại giao Nhật Bản", "Japanese Ministry of Foreign Affairs"),
        ("Đạo luật Giảm lạm phát", "Inflation Reduction Act"),
        ("Đạo luật Khoa học và chíp bán dẫn", "CHIPS and Science Act"),
        ("TTXVN", "VNA"),
        ("Japantimes", "The Japan Times"),
    ],
)
def test_shipped_glossary_spellings(vi, en):
    g = Glossary.load(GLOSSARY)
    found = g.find(f"Theo {vi}, hôm nay.")
    assert [m.en for m in found] == [en]


def test_every_seed_names_its_people_through_the_glossary():
    g = Glossary.load(GLOSSARY)
    text = "\n".join(p.read_text(encoding="utf-8") for p in SEEDS)
    found = {m.en for m in g.find(text)}
    for name in ["Fumio Kishida", "Yoon Suk Yeol", "Lee Nak-yeon", "Shinzo Abe", "Kim Jung-han",
                 "Hirokazu Matsuno", "Yoshihide Suga", "Park Jie-won", "Takeo Akiba", "Moon Jae-in",
                 "Nippon Steel", "Mitsubishi", "North Atlantic Treaty Organization", "United Nations General Assembly"]:
        assert name in found


def test_digest_ignores_row_order_but_not_content(tmp_path):
    a = Glossary.load(write(tmp_path, "vi,en,kind\nHàn Quốc,South Korea,place\nNhật Bản,Japan,place\n"))
    b = Glossary.load(write(tmp_path, "vi,en,kind\nNhật Bản,Japan,place\nHàn Quốc,South Korea,place\n"))
    c = Glossary.load(write(tmp_path, "vi,en,kind\nNhật Bản,Japan,place\nHàn Quốc,Korea,place\n"))
    assert a.digest == b.digest != c.digest


# --------------------------------------------------------------------------- checking


def test_check_reports_each_problem_with_its_line(tmp_path):
    path = write(
        tmp_path,
        "vi,en,kind\n"
        "Hàn Quốc,South Korea,place\n"  # 2
        "Nhật Bản,Japan,\n"  # 3 missing kind
        "Hàn Quốc,South Korea,place\n"  # 4 duplicate of 2
        "Hàn Quốc,Korea,place\n"  # 5 conflict with 2
        "Seoul,Seoul,city\n"  # 6 bad kind
        "Tokyo,Tokyo\n"  # 7 too few cells
        "\n"
        "Mỹ,United States,place\n",  # 9 fine
    )
    problems = check_file(path)
    assert [p.line for p in problems] == [3, 4, 5, 6, 7]
    assert "missing kind" in problems[0].message
    assert "duplicate of line 2" in problems[1].message
    assert "'South Korea'" in problems[2].message and "line 2" in problems[2].message
    assert "unknown kind 'city'" in problems[3].message
    assert "expected 3 cells" in problems[4].message


def test_bad_header_is_a_problem(tmp_path):
    assert check_file(write(tmp_path, "a,b,c\nHàn Quốc,South Korea,place\n"))[0].line == 1


def test_load_refuses_a_bad_file_naming_file_and_line(tmp_path):
    path = write(tmp_path, "vi,en,kind\nHàn Quốc,South Korea,place\nNhật Bản,Japan,\n")
    with pytest.raises(GlossaryError) as err:
        Glossary.load(path)
    assert err.value.exit_code == 2
    assert f"{path}:3:" in err.value.message


def test_load_refuses_missing_and_undecodable_files(tmp_path):
    with pytest.raises(GlossaryError, match="cannot read"):
        Glossary.load(tmp_path / "nope.csv")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("vi,en,kind\nH\xe0n,Han,place\n".encode("latin-1"))
    with pytest.raises(GlossaryError, match="not UTF-8"):
        Glossary.load(bad)


def test_decomposed_vietnamese_is_normalized(tmp_path):
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Hàn Quốc")
    g = Glossary.load(write(tmp_path, f"vi,en,kind\n{nfd},South Korea,place\n"))
    assert [m.en for m in g.find("Hàn Quốc")] == ["South Korea"]


# --------------------------------------------------------------------------- the command


def test_check_command_ok():
    result = CliRunner().invoke(glossary_cli, ["check", str(GLOSSARY)])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_check_command_bad_file(tmp_path):
    path = write(tmp_path, "vi,en,kind\nHàn Quốc,South Korea,place\nHàn Quốc,Korea,place\n")
    result = CliRunner().invoke(glossary_cli, ["check", str(path)])
    assert result.exit_code == 2
    assert f"{path}:3:" in result.output
    assert "Traceback" not in result.output


def test_check_command_on_a_directory_is_one_line(tmp_path):
    result = CliRunner().invoke(glossary_cli, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output == f"digest: {tmp_path}: cannot read glossary (Is a directory)\n"


def test_check_command_counts_in_the_singular(tmp_path):
    path = write(tmp_path, "vi,en,kind\nHàn Quốc,South Korea,place\n")
    result = CliRunner().invoke(glossary_cli, ["check", str(path)])
    assert result.exit_code == 0
    assert result.output == f"{path}: 1 entry, no problems\n"


def test_check_command_missing_file(tmp_path):
    result = CliRunner().invoke(glossary_cli, ["check", str(tmp_path / "none.csv")])
    assert result.exit_code == 2
    assert result.output.startswith("digest: ") and "Traceback" not in result.output


def test_a_one_syllable_term_inside_a_longer_unknown_name_is_not_a_match(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("vi,en,kind\nMỹ,United States,place\nNam,South,term\nHàn Quốc,South Korea,place\n"
                    "Yoon Suk Yeol,Yoon Suk Yeol,person\n", encoding="utf-8")
    glossary = Glossary.load(path)

    def found(text):
        return [m.vi for m in glossary.find(text)]

    assert found("Người dân phường Mỹ Phước chưa hết bàng hoàng") == []
    assert found("ông Hoàng Nam nói") == []
    assert found("hợp tác với Mỹ trong khu vực") == ["Mỹ"]
    # a neighbouring name the glossary knows is no reason to reject the term
    assert found("Hàn Quốc Yoon Suk Yeol tới Mỹ") == ["Hàn Quốc", "Yoon Suk Yeol", "Mỹ"]
