"""Decoding by what reads as Vietnamese, not by the label alone (digest.charsets): a wrong
charset in a header or a <meta> on a UTF-8 page, a real windows-1258/1252 page, a few bad
bytes or control characters in a page, and a binary file."""
from __future__ import annotations

import codecs
import logging
import unicodedata

import pytest

from digest.charsets import is_syllable, utf16_shape, vietnamese_score
from digest.errors import InputError
from digest.fetch import Fetcher, FetchOptions, FetchReport, decode_body, fetch_sources
from digest.model import Source
from digest.sources import InputRef, read_source
from tests.conftest import run_digest
from tests.live_server import serve
from tests.test_sources import to_cp1258

TITLE = "Mưa lớn kéo dài ở miền Trung, hàng nghìn hộ dân phải sơ tán"
PARAGRAPHS = [
    "Ngày 12/10, Trung tâm Dự báo khí tượng thủy văn quốc gia cho biết mưa lớn sẽ còn kéo dài ở các "
    "tỉnh từ Quảng Bình đến Quảng Ngãi trong ba ngày tới, lượng mưa phổ biến từ 200 đến 400 mm.",
    "Theo ông Nguyễn Văn Hưởng, trưởng phòng dự báo, nước trên các sông Hương, sông Bồ và sông Thu "
    "Bồn đang lên nhanh. Người dân ở vùng trũng, ven sông cần chủ động sơ tán đến nơi an toàn.",
    "Ủy ban nhân dân tỉnh Thừa Thiên Huế đã yêu cầu các trường học cho học sinh nghỉ, đồng thời huy "
    "động lực lượng xung kích hỗ trợ những hộ gia đình khó khăn di dời tài sản.",
]


def page(meta: str = "") -> str:
    """A saved news page, NFC, with `meta` in its head."""
    body = "".join(f"\n<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<!DOCTYPE html>\n<html lang=\"vi\"><head>{meta}<title>{TITLE}</title></head>\n"
            f"<body><article><h1>{TITLE}</h1>{body}\n</article></body></html>\n")


def meta_charset(label: str) -> str:
    return f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'


def read_file(tmp_path, data: bytes, name: str = "page.html") -> Source:
    """An input file read as the pipeline reads one."""
    path = tmp_path / name
    path.write_bytes(data)
    return read_source(InputRef(str(path), path))


def damaged_records(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "digest"]


WRONG_LABELS = ["koi8-r", "mac-roman", "cp437", "iso-8859-1", "utf-16"]


# ---- a wrong label on a UTF-8 page -----------------------------------------------------------

@pytest.mark.parametrize("label", WRONG_LABELS)
def test_a_wrong_header_charset_on_a_utf8_page_is_not_believed(label, caplog):
    text = decode_body(page().encode("utf-8"), f"text/html; charset={label}", "https://example.vn/a")
    assert text == page()
    assert not damaged_records(caplog)


@pytest.mark.parametrize("label", WRONG_LABELS)
def test_a_wrong_meta_charset_in_a_saved_utf8_page_is_not_believed(tmp_path, label, caplog):
    original = page(meta_charset(label))
    source = read_file(tmp_path, original.encode("utf-8"))
    assert source.text == original and source.kind == "html"
    assert not damaged_records(caplog)


@pytest.mark.parametrize("label", WRONG_LABELS)
def test_a_wrong_meta_charset_through_the_header_path_too(label):
    original = page(f'<meta charset="{label}">')
    assert decode_body(original.encode("utf-8"), "text/html", "https://example.vn/a") == original


def test_a_decomposed_utf8_page_with_a_wrong_label_comes_out_nfc(tmp_path):
    original = page(meta_charset("koi8-r"))
    source = read_file(tmp_path, unicodedata.normalize("NFD", original).encode("utf-8"))
    assert source.text == original


def test_a_wrong_header_charset_over_a_live_page(monkeypatch):
    monkeypatch.setenv("NO_PROXY", "*")
    for site in serve():
        site.page("/tin", page(), "text/html; charset=koi8-r")
        options = FetchOptions(delay=0, connect_timeout=2, read_timeout=2, total_timeout=5)
        with Fetcher(options) as fetcher:
            found = fetch_sources([site.url("/tin")], fetcher, FetchReport())
        assert len(found) == 1 and isinstance(found[0], Source)
        assert TITLE in found[0].text and PARAGRAPHS[2] in found[0].text


# ---- pages really in a legacy code page -------------------------------------------------------

@pytest.mark.parametrize("label", ["windows-1258", "cp1258"])
def test_a_real_windows_1258_page_decodes_by_its_header_and_its_meta(tmp_path, label):
    original = page(meta_charset(label))
    data = to_cp1258(original)
    assert decode_body(data, f"text/html; charset={label}", "https://example.vn/a") == original
    assert read_file(tmp_path, data).text == original


@pytest.mark.parametrize("label", ["windows-1252", "iso-8859-1", "koi8-r", "mac-roman", "cp437", "utf-16", "utf-8"])
def test_a_windows_1258_page_under_a_wrong_label_reads_as_vietnamese(tmp_path, label):
    original = page(meta_charset(label))
    data = to_cp1258(original)
    assert decode_body(data, f"text/html; charset={label}", "https://example.vn/a") == original
    assert read_file(tmp_path, data).text == original


def test_a_windows_1252_page_keeps_its_own_characters(tmp_path):
    # Not Vietnamese: nothing reads better than the label, so the label decides; and, as
    # in browsers, a latin-1 label means windows-1252 (curly quotes at 0x93/0x94).
    original = (f'<html><head>{meta_charset("windows-1252")}<title>Le café</title></head><body><h1>Le café</h1>'
                "<p>“Le café de São Paulo” — naïve façade, Þór et Ýr, ça coûte 5 €.</p></body></html>")
    data = original.encode("cp1252")
    assert decode_body(data, "text/html; charset=windows-1252", "https://example.com/a") == original
    assert decode_body(data, "text/html; charset=iso-8859-1", "https://example.com/a") == original
    assert read_file(tmp_path, data).text == original


def test_a_page_in_another_script_keeps_its_label(tmp_path):
    original = page(meta_charset("koi8-r")).replace(PARAGRAPHS[1], "Москва - столица России.")
    original = original.replace(TITLE, "Погода").replace(PARAGRAPHS[0], "").replace(PARAGRAPHS[2], "")
    assert read_file(tmp_path, original.encode("koi8-r")).text == original


@pytest.mark.parametrize("byte_order", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_known_by_its_shape(tmp_path, byte_order):
    data = page().encode(byte_order)
    assert utf16_shape(data) == byte_order
    assert read_file(tmp_path, data).text == page()
    assert decode_body(data, "text/html; charset=utf-16", "https://example.vn/a") == page()


def test_utf16_with_its_byte_order_mark_and_a_declared_utf16(tmp_path):
    data = codecs.BOM_UTF16_LE + page().encode("utf-16-le")
    assert read_file(tmp_path, data).text == page()
    assert decode_body(data, "text/html; charset=utf-16", "https://example.vn/a") == page()


def test_utf8_is_not_utf16_shaped():
    assert utf16_shape(page().encode("utf-8")) is None
    assert utf16_shape(to_cp1258(page())) is None


# ---- a few bad bytes, stray control characters, binary ----------------------------------------

def with_stray_bytes(data: bytes, *strays: bytes) -> bytes:
    """`data` with each stray byte put before one of its paragraphs (an ASCII boundary)."""
    parts = data.split(b"\n<p>")
    assert len(parts) > len(strays)
    return b"".join(part + (b"\n" + strays[i] + b"<p>" if i < len(strays) else b"\n<p>")
                    for i, part in enumerate(parts[:-1])) + parts[-1]


@pytest.mark.parametrize("label", ["", *WRONG_LABELS])
def test_two_stray_bytes_in_a_utf8_page_keep_the_article_with_a_notice(tmp_path, caplog, label):
    original = page(meta_charset(label) if label else "")
    data = with_stray_bytes(original.encode("utf-8"), b"\xff", b"\xc3")
    with caplog.at_level(logging.WARNING, logger="digest"):
        source = read_file(tmp_path, data)
    assert source.text == with_stray_bytes(original.encode(), "\ufffd".encode(), "\ufffd".encode()).decode()
    assert all(p in source.text for p in PARAGRAPHS) and TITLE in source.text
    said = damaged_records(caplog)
    assert len(said) == 1 and str(tmp_path / "page.html") in said[0] and "2 bytes" in said[0]
    assert "\n" not in said[0]


def test_two_stray_bytes_under_a_wrong_header_charset(caplog):
    data = with_stray_bytes(page().encode("utf-8"), b"\x80", b"\xfe")
    with caplog.at_level(logging.WARNING, logger="digest"):
        text = decode_body(data, "text/html; charset=koi8-r", "https://example.vn/a")
    assert all(p in text for p in PARAGRAPHS) and text.count("\ufffd") == 2
    assert len(damaged_records(caplog)) == 1 and "https://example.vn/a: 2 bytes" in damaged_records(caplog)[0]


def test_a_windows_1258_snippet_in_a_utf8_page_keeps_the_utf8_article(tmp_path, caplog):
    snippet = to_cp1258("Quảng cáo: đặt mua báo giấy, gọi đường dây nóng.")
    data = with_stray_bytes(page().encode("utf-8"), snippet)
    with caplog.at_level(logging.WARNING, logger="digest"):
        source = read_file(tmp_path, data)
    assert all(p in source.text for p in PARAGRAPHS)
    assert len(damaged_records(caplog)) == 1


@pytest.mark.parametrize("control", [b"\x0b", b"\x00", b"\x1f", b"\x08"])
def test_one_control_character_keeps_the_article(tmp_path, control):
    data = with_stray_bytes(page().encode("utf-8"), control)
    text = read_file(tmp_path, data).text
    assert all(p in text for p in PARAGRAPHS) and TITLE in text
    assert not any(c in text for c in "\x00\x08\x0b\x1f")


def test_a_vertical_tab_in_a_plain_text_article_is_a_line_break(tmp_path):
    data = f"{TITLE}\n{PARAGRAPHS[0]}\x0b{PARAGRAPHS[1]}\n".encode()
    assert read_file(tmp_path, data, "tin.txt").text == f"{TITLE}\n{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}\n"


@pytest.mark.parametrize("data", [
    b"\x7fELF\x02\x01\x01\x00" + bytes(range(64)) * 4,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06" + bytes(range(256)) * 8,
    b"\x00\x01\x02\x03ELF\x00" * 50,
])
def test_a_binary_file_is_still_refused_with_one_line(tmp_path, data):
    with pytest.raises(InputError) as err:
        read_file(tmp_path, data, "tin.txt")
    assert err.value.message == f"{tmp_path / 'tin.txt'}: binary file, not text"


def test_the_whole_cli_on_a_mislabelled_damaged_page(tmp_path):
    original = page(meta_charset("koi8-r"))
    path = tmp_path / "mua-lon.html"
    path.write_bytes(with_stray_bytes(original.encode("utf-8"), b"\xff", b"\x0b"))
    done = run_digest(path, "--lang", "vi", "--run-date", "2024-10-12")
    assert done.returncode == 0, done.stderr.decode()
    assert TITLE in done.stdout.decode("utf-8")
    assert done.stderr.decode().splitlines() == [f"digest: {path}: 1 byte that is not UTF-8 replaced with U+FFFD; "
                                                 "the rest is read"]


def test_the_whole_cli_refuses_a_binary_file_with_one_line_and_reads_the_rest(tmp_path):
    good = tmp_path / "tin.html"
    good.write_bytes(page(meta_charset("mac-roman")).encode("utf-8"))
    binary = tmp_path / "anh.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    done = run_digest(good, binary, "--lang", "vi", "--run-date", "2024-10-12")
    assert done.returncode == 1
    assert TITLE in done.stdout.decode("utf-8")
    assert done.stderr.decode().splitlines() == [f"digest: {binary}: binary file, not text"]


# ---- the score ---------------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["Việt", "người", "Quốc", "nghiêng", "khuyến", "giữa", "gì", "ĐƯỢC", "Ủy", "thuở"])
def test_vietnamese_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", ["Viêòt", "miÌnh", "Mцa", "Ă©", "ŽÒ", "Straße", "façade", "ưươ"])
def test_what_a_wrong_code_page_makes_is_not_a_syllable(word):
    assert not is_syllable(word)


def test_the_right_decoding_scores_best():
    data = to_cp1258(page())
    right = vietnamese_score(data.decode("cp1258"))
    assert right > 0
    for wrong in ("cp1252", "koi8-r", "mac-roman", "cp437"):
        assert vietnamese_score(data.decode(wrong, "replace")) < right
    assert vietnamese_score(page().encode().decode("cp1252", "replace")) < 0
