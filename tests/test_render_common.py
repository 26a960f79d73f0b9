"""What every format shows (digest.render.common): the briefing header (date and
count), the order (newest first, partial dates next, undated last), dates never
invented, and each text in the chosen language(s) as a (vi, en) pair."""

from __future__ import annotations

import json

import pytest

from digest.render import render_article, render_briefing
from digest.render.common import Bilingual, full_text, newest_first, summary, title
from tests.conftest import SEEDS
from tests.render_digests import (
    EN,
    EXPECTED_ORDER,
    MIXED,
    NEW,
    OLD,
    PARTIAL,
    RUN_DATE,
    UNDATED,
    VI,
    digest_stdout,
    full_digest,
    make_digest,
)


def titles_in_order(text: str, titles: list[str]) -> list[str]:
    return sorted(titles, key=text.index)


# --- order and header -------------------------------------------------------------------


def test_newest_first_puts_dated_then_partial_then_undated():
    assert [d.article.title for d in newest_first(MIXED)] == EXPECTED_ORDER


def test_newest_first_keeps_input_order_for_ties():
    first = make_digest("Thứ nhất")
    second = make_digest("Thứ hai")
    assert newest_first([first, second]) == [first, second]


@pytest.mark.parametrize("fmt", ["md", "text", "html"])
def test_briefing_has_a_header_with_the_date_and_count_then_articles_newest_first(fmt):
    text = render_briefing(MIXED, fmt, VI)
    first_line = text.splitlines()[0] if fmt != "html" else text.split("<h1>", 1)[1]
    assert RUN_DATE in first_line and "5 articles" in first_line
    assert titles_in_order(text, EXPECTED_ORDER) == EXPECTED_ORDER


def test_header_names_the_briefing_in_its_languages():
    assert render_briefing(MIXED, "md", VI).splitlines()[0] == f"# Bản tin / News digest — {RUN_DATE} — 5 articles"
    assert render_briefing(MIXED, "md", EN).splitlines()[0] == f"# News digest — {RUN_DATE} — 5 articles"


def test_header_says_one_article_in_the_singular():
    assert "— 1 article" in render_briefing([NEW], "md", VI).splitlines()[0]
    assert "1 articles" not in render_briefing([NEW], "md", VI)


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_briefings_are_newest_first(fmt):
    text = render_briefing(MIXED, fmt, VI)
    records = json.loads(text)["articles"] if fmt == "json" else [json.loads(line) for line in text.splitlines()]
    assert [r["title"] for r in records] == EXPECTED_ORDER


def test_seed_briefing_orders_the_seeds_newest_first_with_undated_last():
    document = json.loads(digest_stdout(SEEDS, "--lang", "vi", "--format", "json", "--run-date", RUN_DATE))
    articles = document["articles"]
    assert document["count"] == len(articles) == 5
    kinds = ["date" if a["date"] else "partial" if a["partial_date"] else "none" for a in articles]
    assert kinds == sorted(kinds, key=["date", "partial", "none"].index)
    dates = [a["date"] for a in articles if a["date"]]
    assert dates == sorted(dates, reverse=True)


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


# --- texts in the chosen language(s) ----------------------------------------------------


def test_each_language_gives_its_own_pairs():
    assert summary(OLD, "vi") == [Bilingual("Câu tóm tắt của bài Bài năm 2020.", "vi")]
    assert summary(OLD, "en") == [Bilingual("Summary of 2020 story.", "en")]
    assert summary(OLD, "both") == [Bilingual("Câu tóm tắt của bài Bài năm 2020.", "vi", "Summary of 2020 story.")]
    assert title(OLD, "both").one_line() == "Bài năm 2020 / 2020 story"


def test_an_untranslated_digest_stays_vietnamese_in_every_language():
    untranslated = make_digest("Không dịch")
    for lang in ("vi", "en", "both"):
        assert title(untranslated, lang) == Bilingual("Không dịch", "vi")
        assert [s.lang for s in summary(untranslated, lang)] == ["vi"]


def test_an_untitled_article_says_so():
    untitled = make_digest("")
    assert title(untitled, "vi").text == "(không có tiêu đề)"
    assert title(untitled, "both").text == "(không có tiêu đề / untitled)"


def test_full_text_is_the_translated_sentences_by_paragraph():
    assert full_text(make_digest("Không dịch"), "en") == []
    paragraphs = full_text(full_digest(), "both")
    assert [[s.en for s in p] for p in paragraphs] == [["One.", "Two."], ["Three."]]
    assert [[s.text for s in p] for p in full_text(full_digest(), "en")] == [["One.", "Two."], ["Three."]]
