"""Markdown: title, metadata and summary of each article, both languages side by side."""

from __future__ import annotations

import itertools

from digest.render import RenderOptions, render_article
from tests.render_digests import BOTH, EN, OLD, RUN_DATE, VI, full_digest


def test_markdown_shows_title_meta_and_summary():
    md = render_article(OLD, "md", VI)
    assert md.startswith("# Bài năm 2020\n")
    for expected in ("**Tác giả:** Hoàng Nam", "**Tệp:** Bài năm 2020.txt", "**Tóm tắt:**",
                     "- Câu tóm tắt của bài Bài năm 2020."):
        assert expected in md


def test_english_markdown_shows_the_translation_model_and_glossary_terms():
    md = render_article(OLD, "md", EN)
    assert md.startswith("# 2020 story\n")
    assert "- Summary of 2020 story." in md
    assert "**Model:** vi_en_test 0.1" in md and "**Glossary terms:** Seoul" in md
    assert "**Repaired:** Seoul" in md


def test_both_languages_give_each_vietnamese_sentence_then_its_english():
    md = render_article(OLD, "md", BOTH)
    assert "# Bài năm 2020 / 2020 story" in md
    vi_at = md.index("- Câu tóm tắt của bài Bài năm 2020.")
    assert md.index("  Summary of 2020 story.") > vi_at


def test_both_languages_full_text_keeps_vietnamese_out_of_the_english_quotes():
    md = render_article(full_digest(), "md", BOTH)
    full = md.split("\n---\n", 1)[1]
    # A Vietnamese line right after a "> " line would continue the quote in Markdown.
    lines = full.splitlines()
    for before, line in itertools.pairwise(lines):
        assert not (before.startswith(">") and line and not line.startswith(">")), full
    assert "Câu một. Câu hai.\n\n> One. Two.\n\nCâu ba.\n\n> Three." in full


def test_english_full_text_is_one_paragraph_each():
    full = render_article(full_digest(), "md", EN).split("\n---\n", 1)[1]
    assert full == "\nOne. Two.\n\nThree.\n"


def test_explain_lists_the_removed_lines():
    md = render_article(OLD, "md", RenderOptions(lang="vi", explain=True, run_date=RUN_DATE))
    assert "**Đã bỏ:**" in md and "- dòng 7: mục tin liên quan: `Tin liên quan`" in md
    english = render_article(OLD, "md", RenderOptions(lang="en", explain=True, run_date=RUN_DATE))
    assert "- line 7: related-news section: `Tin liên quan`" in english
