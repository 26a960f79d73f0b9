"""The md, text, json and jsonl renderers: the briefing header (date and count), the
order (newest first, partial dates next, undated last), every field, dates never
invented, plain text wrapped at 78 columns."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from digest.article import Article, Digest, RemovedLine, TranslatedText, Translation
from digest.render import (
    TEXT_WIDTH,
    RenderOptions,
    newest_first,
    render_article,
    render_briefing,
)
from tests.conftest import ROOT, SEEDS, TEST_MODEL

RUN_DATE = "2026-11-23"
VI = RenderOptions(lang="vi", run_date=RUN_DATE)
EN = RenderOptions(lang="en", run_date=RUN_DATE)
BOTH = RenderOptions(lang="both", run_date=RUN_DATE)


def make_digest(title, date=None, partial_date=None, author=None, source=None, english=None, path=None):
    article = Article(
        path=path or f"{title[:12]}.txt", title=title, paragraphs=[f"{title}."],
        date=date, partial_date=partial_date, author=author, source=source,
        removed=[RemovedLine(line=7, text="Tin liên quan", why="related-news section")],
    )
    summary = [f"Câu tóm tắt của bài {title}."]
    translation = None
    if english:
        translation = Translation(
            model="vi_en_test 0.1",
            title=TranslatedText(vi=title, en=english, terms=["Seoul"]),
            summary=[TranslatedText(vi=summary[0], en=f"Summary of {english}.", terms=["Seoul"], repaired=["Seoul"])],
        )
    return Digest(article=article, summary=summary, translation=translation)


UNDATED = make_digest("Bài không ghi ngày", english="Undated story")
PARTIAL = make_digest("Bài ngày 16/10", partial_date="--10-16", source="TTXVN", english="October story")
OLD = make_digest("Bài năm 2020", date="2020-11-13T09:53", author="Hoàng Nam", english="2020 story")
NEW = make_digest("Bài năm 2022", date="2022-09-21", english="2022 story")
EARLY_PARTIAL = make_digest("Bài ngày 17/4", partial_date="--04-17", english="April story")
MIXED = [UNDATED, PARTIAL, OLD, NEW, EARLY_PARTIAL]  # input order
EXPECTED_ORDER = ["Bài năm 2022", "Bài năm 2020", "Bài ngày 16/10", "Bài ngày 17/4", "Bài không ghi ngày"]


def titles_in_order(text: str, titles: list[str]) -> list[str]:
    return sorted(titles, key=text.index)


# --- order and header -------------------------------------------------------------------


def test_newest_first_puts_dated_then_partial_then_undated():
    assert [d.article.title for d in newest_first(MIXED)] == EXPECTED_ORDER


def test_newest_first_keeps_input_order_for_ties():
    first = make_digest("Thứ nhất")
    second = make_digest("Thứ hai")
    assert newest_first([first, second]) == [first, second]


@pytest.mark.parametrize("fmt", ["md", "text"])
def test_briefing_has_a_header_with_the_date_and_count_then_articles_newest_first(fmt):
    text = render_briefing(MIXED, fmt, VI)
    first_line = text.splitlines()[0]
    assert RUN_DATE in first_line and "5 articles" in first_line
    assert titles_in_order(text, EXPECTED_ORDER) == EXPECTED_ORDER


def test_header_says_one_article_in_the_singular():
    assert "— 1 article" in render_briefing([NEW], "md", VI).splitlines()[0]
    assert "1 articles" not in render_briefing([NEW], "md", VI)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_briefings_are_newest_first(fmt):
    text = render_briefing(MIXED, fmt, VI)
    records = json.loads(text)["articles"] if fmt == "json" else [json.loads(line) for line in text.splitlines()]
    assert [r["title"] for r in records] == EXPECTED_ORDER


# --- dates are shown as stated ----------------------------------------------------------


def test_partial_date_is_shown_as_day_and_month_without_a_year():
    assert "16/10 (không ghi năm)" in render_article(PARTIAL, "md", VI)
    assert "16/10 (year not stated)" in render_article(PARTIAL, "md", EN)
    assert "2025" not in render_article(PARTIAL, "text", EN)


def test_undated_article_says_date_not_stated_and_the_run_date_it_is_filed_under():
    md = render_article(UNDATED, "md", EN)
    assert f"date not stated (filed under the run date {RUN_DATE})" in md
    assert "không ghi ngày" in render_article(UNDATED, "md", VI)


def test_full_date_with_time_is_shown_with_a_space():
    assert "2020-11-13 09:53" in render_article(OLD, "text", VI)


# --- fields -----------------------------------------------------------------------------


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
    article = Article(path="a.txt", title="Tiêu đề", paragraphs=["Câu một. Câu hai.", "Câu ba."])
    pairs = [[TranslatedText("Câu một.", "One."), TranslatedText("Câu hai.", "Two.")], [TranslatedText("Câu ba.", "Three.")]]
    translation = Translation(model="m", title=TranslatedText("Tiêu đề", "Title"), summary=[], paragraphs=pairs)
    md = render_article(Digest(article=article, summary=[], translation=translation), "md", BOTH)
    full = md.split("\n---\n", 1)[1]
    # A Vietnamese line right after a "> " line would continue the quote in Markdown.
    lines = full.splitlines()
    for before, line in zip(lines, lines[1:]):
        assert not (before.startswith(">") and line and not line.startswith(">")), full
    assert "Câu một. Câu hai.\n\n> One. Two.\n\nCâu ba.\n\n> Three." in full


def test_json_record_carries_every_field():
    record = json.loads(render_article(OLD, "json", EN))
    assert record["title"] == "Bài năm 2020"
    assert record["date"] == "2020-11-13T09:53" and record["partial_date"] is None
    assert record["author"] == "Hoàng Nam" and record["source"] is None
    assert record["summary"] == ["Câu tóm tắt của bài Bài năm 2020."]
    assert record["input"] == "Bài năm 2020.txt"
    assert record["removed"] == [{"line": 7, "text": "Tin liên quan", "why": "related-news section"}]
    assert record["model"] == "vi_en_test 0.1"
    assert record["title_en"] == "2020 story" and record["summary_en"] == ["Summary of 2020 story."]
    assert record["glossary_terms"] == ["Seoul"]


def test_json_record_of_a_partial_date_keeps_it_partial_and_files_under_the_run_date():
    record = json.loads(render_article(PARTIAL, "json", VI))
    assert record["date"] is None and record["partial_date"] == "--10-16"
    assert record["filed_date"] == RUN_DATE
    assert "title_en" not in json.loads(render_article(make_digest("Không dịch"), "json", VI))


def test_json_briefing_has_run_date_lang_and_count():
    document = json.loads(render_briefing(MIXED, "json", EN))
    assert document["run_date"] == RUN_DATE and document["lang"] == "en" and document["count"] == 5


def test_jsonl_is_one_complete_record_a_line():
    lines = render_briefing(MIXED, "jsonl", VI).splitlines()
    assert len(lines) == 5
    assert all(json.loads(line)["input"] for line in lines)


def test_vietnamese_is_written_as_is_not_escaped():
    assert "Bài năm 2020" in render_briefing([OLD], "json", VI)
    assert "\\u" not in render_briefing([OLD], "jsonl", VI)


# --- plain text wrapping ----------------------------------------------------------------


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


# --- the seeds through the command line -------------------------------------------------


def run_digest(*args) -> str:
    """The installed console script; stdout as text."""
    script = Path(sys.executable).with_name("digest")
    completed = subprocess.run([str(script), *map(str, args)], cwd=ROOT, capture_output=True)
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    return completed.stdout.decode("utf-8")


def digest_json(*args) -> dict:
    return json.loads(run_digest(*args))


def test_seed_briefing_orders_the_seeds_newest_first_with_undated_last():
    document = digest_json(SEEDS, "--lang", "vi", "--format", "json", "--run-date", RUN_DATE)
    articles = document["articles"]
    assert document["count"] == len(articles) == 5
    kinds = ["date" if a["date"] else "partial" if a["partial_date"] else "none" for a in articles]
    assert kinds == sorted(kinds, key=["date", "partial", "none"].index)
    dates = [a["date"] for a in articles if a["date"]]
    assert dates == sorted(dates, reverse=True)


def test_seed_text_briefing_is_wrapped_at_78_columns():
    assert overlong_lines(run_digest(SEEDS, "--lang", "vi", "--format", "text")) == []




def test_english_json_of_the_seeds_has_the_english_title_summary_terms_and_model():
    document = digest_json(SEEDS, "--lang", "en", "--model", TEST_MODEL, "--format", "json", "--full")
    for record in document["articles"]:
        assert record["title_en"] and len(record["summary_en"]) == len(record["summary"])
        assert record["model"] and isinstance(record["glossary_terms"], list)
        assert record["paragraphs_en"]
    assert any(record["glossary_terms"] for record in document["articles"])
