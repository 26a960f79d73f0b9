"""Quality flags in every format: a visible marker after the flagged English, a count in
the briefing's header (only when there are flags), and "flags"/"retries" in json."""
from __future__ import annotations

import json

import pytest

from digest.model import Article, Digest, TranslatedText, Translation
from digest.qa import Flag
from digest.render import RenderOptions, render_briefing

FLAG = Flag("number", "1.100 missing")
MARK = "[⚠ number: 1.100 missing]"


def flagged_digest() -> Digest:
    article = Article(path="a.txt", title="Giá tăng", paragraphs=[], date="2024-04-17")
    summary = ["Giá tăng lên 1.100 đồng.", "Trời đẹp."]
    translation = Translation(
        model="test", title=TranslatedText("Giá tăng", "Prices rise"),
        summary=[TranslatedText(summary[0], "Prices rose to 100 dong.", flags=[FLAG], kept="first"),
                 TranslatedText(summary[1], "The weather is nice.")])
    return Digest(article, summary, translation)


@pytest.mark.parametrize("fmt", ["md", "text", "html"])
@pytest.mark.parametrize("lang", ["en", "both"])
def test_a_flagged_sentence_carries_a_visible_marker(fmt, lang):
    out = render_briefing([flagged_digest()], fmt, RenderOptions(lang=lang, run_date="2024-04-18"))
    assert out.count(MARK) == 1
    assert "1 ⚠ flag" in out  # counted in the header
    if fmt == "html":
        assert '<span class="flag" lang="en">' in out and ".flag {" in out


def test_the_marker_follows_the_english_it_doubts():
    md = render_briefing([flagged_digest()], "md", RenderOptions(lang="both", run_date="2024-04-18"))
    assert f"  Prices rose to 100 dong. {MARK}" in md
    assert "The weather is nice.\n" in md


def test_json_lists_flags_and_retries_per_article():
    doc = json.loads(render_briefing([flagged_digest()], "json", RenderOptions(lang="en", run_date="2024-04-18")))
    assert doc["flags"] == 1
    record = doc["articles"][0]
    assert record["flags"] == [{"where": "summary[0]", "kind": "number", "detail": "1.100 missing"}]
    assert record["retries"] == [{"where": "summary[0]", "retried": True, "kept": "first"}]


def test_a_briefing_without_flags_or_english_is_as_before():
    digest = flagged_digest()
    digest.translation = None
    for fmt in ("md", "text", "html", "json"):
        out = render_briefing([digest], fmt, RenderOptions(lang="vi", run_date="2024-04-18"))
        assert "⚠" not in out and "flag" not in out
