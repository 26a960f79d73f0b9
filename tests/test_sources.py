"""Reading inputs: encodings, NFC, and every kind of unreadable input."""
from __future__ import annotations

import codecs
import unicodedata

import pytest

from digest.errors import InputError
from digest.sources import InputRef, find_inputs, read_source

TEXT = "Hà Nội mưa lớn\nNgày 17/4, Thủ tướng Hàn Quốc đã tới thăm Nhật Bản.\n"


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 writes Vietnamese: a precomposed vowel where the code page
    has one (ê, ơ, ư, â, ă), then the tone as a combining mark."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = "".join(p for p in parts if p in TONE_MARKS)
            vowel = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONE_MARKS))
            out.append((vowel + tones).encode("cp1258"))
    return b"".join(out)


def read(path):
    return read_source(InputRef(str(path), path))


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.encode("utf-16"),  # with its BOM
        to_cp1258,
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "cp1258"],
)
def test_supported_encodings_decode_to_the_same_nfc_text(tmp_path, encode):
    path = tmp_path / "a.txt"
    path.write_bytes(encode(unicodedata.normalize("NFD", TEXT)))
    source = read(path)
    assert source.text == TEXT
    assert unicodedata.is_normalized("NFC", source.text)


def test_windows_1258_combining_tone_marks_are_composed(tmp_path):
    # cp1258 writes "ệ" as "ê" + a combining dot below; NFC must compose it back.
    path = tmp_path / "a.txt"
    data = to_cp1258("Việt Nam\nBài viết về Việt Nam.\n")
    assert b"\xea\xf2" in data  # "ê" then the combining dot below
    path.write_bytes(data)
    text = read(path).text
    assert "Việt" in text and unicodedata.is_normalized("NFC", text)


def test_html_is_recognised_by_suffix_and_by_content(tmp_path):
    by_suffix = tmp_path / "a.htm"
    by_suffix.write_text("<p>Xin chào</p>", encoding="utf-8")
    by_content = tmp_path / "b.txt"
    by_content.write_text("<!DOCTYPE html><html><body><p>Xin chào</p></body></html>", encoding="utf-8")
    assert read(by_suffix).kind == "html"
    assert read(by_content).kind == "html"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00", "binary"),
        (b"\x81\x8d\x8f\x90\x9d\x9e" * 20, "not valid text"),
    ],
    ids=["empty", "blank", "binary", "undecodable"],
)
def test_unreadable_inputs_raise_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read(path)
    assert message in err.value.message
    assert str(path) in err.value.message and "\n" not in err.value.message


def test_directories_expand_to_their_articles_sorted(tmp_path):
    for name in ("b.txt", "a.html", "c.htm", "notes.md", "z.TXT"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    names = [ref.name for ref in find_inputs([str(tmp_path)])]
    assert [n.rsplit("/", 1)[1] for n in names] == ["a.html", "b.txt", "c.htm", "z.TXT"]


def test_missing_paths_and_empty_directories_come_back_as_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    found = list(find_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "empty"), "-"]))
    assert isinstance(found[0], InputError) and "no such file" in found[0].message
    assert isinstance(found[1], InputError) and "no articles" in found[1].message
    assert found[2] == InputRef("-", None)


@pytest.mark.parametrize("data, expected", [
    # a byte-order mark, then text with one bad byte: read, the bad byte shown as U+FFFD
    (codecs.BOM_UTF8 + "Xin chào ".encode() + b"\xff" + "bạn đọc.".encode(), "Xin chào \ufffdbạn đọc."),
    # UTF-16 whose last unit lost a byte
    (codecs.BOM_UTF16_LE + "Xin chào bạn đọc.".encode("utf-16-le") + b"A", "Xin chào bạn đọc.\ufffd"),
])
def test_a_little_damage_after_a_byte_order_mark_is_read_around(tmp_path, data, expected):
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    assert read(path).text == expected


def test_a_byte_order_mark_over_bytes_of_another_encoding_is_refused(tmp_path):
    path = tmp_path / "lying.txt"
    path.write_bytes(codecs.BOM_UTF8 + to_cp1258("Thủ tướng Hàn Quốc tới thăm Nhật Bản. " * 20))
    with pytest.raises(InputError, match="not valid UTF-8 after its byte-order mark"):
        read(path)


@pytest.mark.parametrize("charset", ["rot13", "base64", "hex", "idna", "punycode", "uu", "zlib", "utf-32", "nonsense"])
def test_a_declared_charset_that_cannot_decode_the_page_is_skipped(tmp_path, charset):
    path = tmp_path / "page.html"
    path.write_bytes(f'<html><head><meta charset="{charset}"></head><body><p>Xin chào bạn đọc.</p></body></html>'
                     .encode())
    assert "Xin chào bạn đọc." in read(path).text


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    import os

    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read(fifo)


def test_closed_standard_input_is_one_error(monkeypatch):
    import sys

    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match="standard input is closed"):
        read_source(InputRef("-", None))
