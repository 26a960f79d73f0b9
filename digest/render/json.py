"""JSON and JSON Lines: every field of the article and its digest, for other tools."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from digest.model import Digest, Story
from digest.render.common import article_url, flag_count
from digest.render.options import RenderOptions

# json.dumps escapes C0 controls; these it writes as they are, and a terminal would act on
# them (C1, DEL) or reorder the text around them (bidirectional controls). Written as
# \uXXXX escapes they stay in the data, exactly as they were, and out of the terminal.
_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _dumps(value: object, indent: int | None = None) -> str:
    """JSON with Vietnamese written as is and every control character escaped."""
    return _RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False, indent=indent))


def record(digest: Digest, options: RenderOptions) -> dict[str, object]:
    """The article's fields (its path as "input"), the date it is filed under, the
    summary, and with a translation the model, the English, the glossary terms, the
    quality flags ("flags": where, kind, detail; "where" is "title", "summary[i]" or
    "paragraphs[i][j]", paragraphs counted in sentences) and the retries of flagged
    sentences ("retries": where, "retried": true, "kept": "retry" or "first")."""
    fields: dict[str, object] = digest.article.to_dict()
    fields["input"] = fields.pop("path")
    if not fields["from_feed"]:  # only a page reached through a feed that lacked a field has it
        del fields["from_feed"]
    url = article_url(digest.article.path)
    if url:
        fields["url"] = url  # the original article; absent for a file
    fields["filed_date"] = digest.filed_date or digest.first_filed or options.run_date
    if digest.updated:
        fields["updated"] = True
    if digest.changes is not None:
        fields["changes"] = digest.changes.to_dict()
    fields["summary"] = list(digest.summary)
    if digest.translation is not None:
        translation = digest.translation
        fields["model"] = translation.model
        fields["title_en"] = translation.title.en
        fields["summary_en"] = [t.en for t in translation.summary]
        fields["glossary_terms"] = translation.terms
        fields["glossary_repaired"] = translation.repaired
        if translation.changes is not None:
            fields["changes_en"] = [t.en for t in translation.changes]
        if translation.paragraphs is not None:
            fields["paragraphs_en"] = [" ".join(t.en for t in p) for p in translation.paragraphs]
        located = list(translation.located())
        fields["flags"] = [{"where": where, **flag.to_dict()} for where, text in located for flag in text.flags]
        fields["retries"] = [{"where": where, "retried": True, "kept": text.kept}
                             for where, text in located if text.kept is not None]
    return fields


def story_record(item: Story) -> dict[str, Any]:
    """A story as users read it: its id, title, articles (as their inputs), outlets,
    timeline (each line's input, date, outlets, text, copies, and whether it was briefed
    before), summary and reason; title_en, text_en and summary_en when translated."""
    earlier = {d.article.path for d in item.articles if d.briefed_before}
    fields: dict[str, Any] = {
        "id": item.id,
        "title": item.title,
        "articles": item.inputs,
        "outlets": item.outlets,
        "timeline": [{"input": t.input, "date": t.date, "partial_date": t.partial_date, "outlets": t.outlets,
                      "text": t.text, "copies": t.copies, "briefed_before": t.input in earlier}
                     for t in item.timeline],
        "summary": list(item.summary),
        "reason": list(item.reason),
    }
    if item.translation is not None:
        fields["title_en"] = item.translation.title.en
        for line, english in zip(fields["timeline"], item.translation.timeline, strict=False):
            line["text_en"] = english.en
        fields["summary_en"] = [t.en for t in item.translation.summary]
    return fields


def article(digest: Digest, options: RenderOptions) -> str:
    """One record, indented, Vietnamese written as is."""
    return _dumps(record(digest, options), indent=2) + "\n"


def briefing(digests: Sequence[Digest], options: RenderOptions, stories: Sequence[Story] | None = None) -> str:
    """{"run_date", "lang", "count", ["flags",] ["held_back",] "articles": [record, ...], ["stories": [...]]},
    indented; "flags" (their total) only when some digest has a translation; "stories"
    (story_record: id, title, articles as inputs, outlets, timeline,
    summary, reason, and title_en / summary_en when translated) unless --no-stories:
    every article is in exactly one story."""
    document: dict[str, object] = {"run_date": options.run_date, "lang": options.lang, "count": len(digests)}
    if any(d.translation is not None for d in digests):
        document["flags"] = flag_count(digests)
    if options.held_back:
        document["held_back"] = options.held_back
    document["articles"] = [record(d, options) for d in digests]
    if stories is not None:
        document["stories"] = [story_record(s) for s in stories]
    return _dumps(document, indent=2) + "\n"


def story(item: Story, options: RenderOptions) -> str:
    """One story's record (an --out file)."""
    return _dumps(story_record(item), indent=2) + "\n"


def story_line(item: Story, options: RenderOptions) -> str:
    """One story's record on one line (a JSON Lines --out file)."""
    return _dumps(story_record(item)) + "\n"


def lines(digests: Sequence[Digest], options: RenderOptions, stories: Sequence[Story] | None = None) -> str:
    """JSON Lines: one complete record a line; with stories, the articles story by story,
    each record naming its story's id ("story") and headline ("story_title")."""
    if stories is None:
        return "".join(_dumps(record(d, options)) + "\n" for d in digests)
    out = []
    for item in stories:
        for d in item.articles:
            fields = {**record(d, options), "story": item.id, "story_title": item.title}
            out.append(_dumps(fields) + "\n")
    return "".join(out)


def line(digest: Digest, options: RenderOptions) -> str:
    """One article as JSON Lines: its record on one line."""
    return lines([digest], options)
