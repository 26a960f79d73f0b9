"""Plain text: wrapped at 78 columns, a word longer than a line left whole."""

from __future__ import annotations

from digest.render import render_article, render_briefing
from digest.render.text import TEXT_WIDTH
from tests.conftest import SEEDS
from tests.render_digests import BOTH, OLD, VI, digest_stdout, full_digest, make_digest


def overlong_lines(text: str) -> list[str]:
    """Lines over 78 columns, except a single word too long to break (a URL, say)."""
    return [line for line in text.splitlines() if len(line) > TEXT_WIDTH and len(line.split()) > 1]


def test_text_is_wrapped_at_78_columns():
    long_title = "Tiêu đề rất dài " * 12
    digest = make_digest(long_title.strip(), date="2022-09-21", source="Nguồn " * 20)
    digest.summary = ["Một câu tóm tắt rất dài với nhiều chữ tiếng Việt có dấu " * 5]
    text = render_briefing([digest, OLD], "text", VI)
    assert overlong_lines(text) == []
    assert max(len(line) for line in text.splitlines()) <= TEXT_WIDTH


def test_a_word_longer_than_a_line_is_not_broken():
    url = "https://example.vn/" + "a" * 100
    digest = make_digest("Bài có đường dẫn", source=url)
    text = render_article(digest, "text", VI)
    assert url in text and overlong_lines(text) == []


def test_both_languages_put_each_english_sentence_under_its_vietnamese():
    text = render_article(OLD, "text", BOTH)
    assert "  * Câu tóm tắt của bài Bài năm 2020.\n    Summary of 2020 story.\n" in text
    full = render_article(full_digest(), "text", BOTH)
    assert full.endswith("\n\nCâu một.\nOne.\nCâu hai.\nTwo.\n\nCâu ba.\nThree.\n")


def test_seed_text_briefing_is_wrapped_at_78_columns():
    assert overlong_lines(digest_stdout(SEEDS, "--lang", "vi", "--format", "text")) == []
