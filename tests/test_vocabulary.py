"""digest/data/'s vocabularies: each file loads, says where it comes from, and holds
non-empty lists of distinct words in NFC (the form digest normalizes text to)."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

from digest import vocabulary
from tests.conftest import ROOT

DATA = ROOT / "digest" / "data"
TOML_FILES = [name.removesuffix(".toml") for name in vocabulary.FILES if name.endswith(".toml")]


def lists_of(node: Any, path: str = "") -> Iterator[tuple[str, list[Any]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from lists_of(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        yield path, node


def test_every_data_file_the_code_reads_is_listed_and_there():
    on_disk = {p.name for p in DATA.iterdir() if p.suffix in (".toml", ".tsv", ".txt")} - {"outlets.toml"}
    assert set(vocabulary.FILES) == on_disk


@pytest.mark.parametrize("name", [*vocabulary.FILES])
def test_a_data_file_says_where_its_lists_come_from_and_is_nfc(name):
    text = (DATA / name).read_text(encoding="utf-8")
    assert "source" in text.lower() or "cldr" in text.lower()
    assert unicodedata.normalize("NFC", text) == text


@pytest.mark.parametrize("name", TOML_FILES)
def test_toml_lists_are_non_empty_and_without_duplicates(name):
    lists = list(lists_of(vocabulary.table(name)))
    assert lists
    for path, items in lists:
        assert items, path
        flat = [tuple(i) if isinstance(i, list) else i for i in items]
        assert len(flat) == len(set(flat)), f"{name}: {path} repeats a word"
        assert all(i.strip() == i and i for i in items if isinstance(i, str)), path


def test_countries_rows_have_a_code_and_both_languages_once_each():
    rows = vocabulary.rows("countries")
    assert len(rows) > 250
    codes = [row[0] for row in rows]
    assert len(codes) == len(set(codes))
    assert all(len(row) == 3 and row[1] and row[2] for row in rows)
    assert ("TR", "Thổ Nhĩ Kỳ", "Türkiye") in rows


def test_english_words_are_common_words_not_proper_nouns_nor_places():
    words = vocabulary.lines("english_words")
    assert len(words) > 200_000
    assert {"bear", "harbor", "district", "golden", "lake"} <= words
    # capitalized in Webster's Second (Peter, Boston), or what names one place CLDR names
    # (Chad; "york" of New York, "hong" of Hong Kong)
    assert not {"peter", "boston", "chad", "york", "hong"} & words
    # words that many places' names share are common words ("New Zealand", "New York")
    assert {"new", "united", "island", "northern"} <= words
    assert all(w.isalpha() and w.islower() for w in words)


def test_english_name_words_are_common_words_that_are_also_common_names():
    names = vocabulary.lines("english_name_words")
    assert names <= vocabulary.lines("english_words")
    assert {"smith", "rose", "church"} <= names  # a surname, a first name, a surname among the 1,000 most frequent
    assert not {"opposition", "republican", "lake"} & names


def test_vietnamese_words_are_lower_case_common_words_of_two_syllables_or_more():
    words = vocabulary.lines("vietnamese_words")
    assert {"cộng hoà", "hạ viện", "dân chủ", "hiến pháp"} <= words
    assert all(" " in w and w == w.lower() for w in words)
    assert not {"hà nội", "nguyễn văn"} & words  # names are no common words


def test_the_loader_refuses_a_table_read_as_a_list():
    with pytest.raises(TypeError):
        vocabulary.word_list("names_vi", "heads")
    with pytest.raises(TypeError):
        vocabulary.table("names_vi", "surnames")


def test_each_capital_or_seat_stands_for_a_country_the_table_knows():
    from digest import namefinder

    forms = {form for said in namefinder.EXONYMS.values() for form in said}
    for section in ("capitals_for_countries", "seats_for_countries"):
        table = vocabulary.table("places", section)
        assert not [place for place, country in table.items() if country not in forms], section
    assert "Managua" in namefinder.exonyms("Nicaragua") and "Nicaragua" not in namefinder.exonyms("Managua")
    assert set(vocabulary.table("places", "time_zones")) >= {"ET", "AEST", "BST"}
