"""JSON and JSON Lines: every field, Vietnamese written as is."""

from __future__ import annotations

import json

from digest.render import render_article, render_briefing
from tests.conftest import SEEDS, TEST_MODEL
from tests.render_digests import EN, MIXED, OLD, PARTIAL, RUN_DATE, VI, digest_stdout, make_digest


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
    assert render_article(OLD, "jsonl", VI) == render_briefing([OLD], "jsonl", VI)


def test_vietnamese_is_written_as_is_not_escaped():
    assert "Bài năm 2020" in render_briefing([OLD], "json", VI)
    assert "\\u" not in render_briefing([OLD], "jsonl", VI)


def test_english_json_of_the_seeds_has_the_english_title_summary_terms_and_model():
    document = json.loads(digest_stdout(SEEDS, "--lang", "en", "--model", TEST_MODEL, "--format", "json", "--full"))
    for record in document["articles"]:
        assert record["title_en"] and len(record["summary_en"]) == len(record["summary"])
        assert record["model"] and isinstance(record["glossary_terms"], list)
        assert record["paragraphs_en"]
    assert any(record["glossary_terms"] for record in document["articles"])
