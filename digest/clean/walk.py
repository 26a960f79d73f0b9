"""The walk over an article's lines: clean_text and clean_lines, the cleaner's entry points.

The input is a sequence of lines (a text dump, or the blocks an HTML page yields), split
again where a crawl glued paragraphs together (digest.clean.glue). The first line is the
title unless the page's metadata gives one (digest.clean.titles). Then each line is either
the article's own text or boilerplate, decided by the rules in order (_classify); every
dropped line is kept in Article.removed with its reason:
- a related-news section ("Tin khác", "Tin cùng chuyên mục", ...) ends the article;
  a "Tin liên quan"/"Xem thêm"/"Đọc thêm" box lists headlines, and the body goes on
  after them with the first line that is not headline-shaped;
- a byline or credit (digest.clean.bylines) and the end mark "./." end the article: what
  follows is another article, a teaser, or widgets; only a credit right under it ("Theo
  Infonet") and an aggregator's timestamp are still read as metadata (_after_end);
- a timestamp under three or more paragraphs closes an aggregator's record (Báo Mới:
  timestamp, category, comma-joined tags, source outlet);
- datelines are metadata; widgets and links (digest.clean.widgets), captions
  (digest.clean.captions), a repeated title, a repeated paragraph and a pull quote (a
  short line repeating a sentence of another paragraph) are not text.
Page metadata (PageHints) gives the title and date first; the author and source of the
article's own byline and credits beat the page's. A date is never invented (_article_date).
"""
from __future__ import annotations

import re
from itertools import islice

from digest import dates
from digest.clean.bylines import (
    _DESK_BYLINE,
    _PHOTO_CREDIT,
    _credit_with_dateline,
    _has_link_mark,
    _is_name_line,
    _is_outlet_line,
    _named_in_text,
    _short_spaces,
    _strip_agency_marker,
    _take_credit,
    _take_trailing_byline,
    byline_name,
    split_name_and_outlet,
)
from digest.clean.captions import CAPTION_ABOVE_WORDS, _caption, _short_caption
from digest.clean.glue import _split_glued
from digest.clean.shapes import _WORD, _key, _words
from digest.clean.state import Line, PageHints, _State
from digest.clean.titles import _headline_runs, _is_headline_shaped, _take_title
from digest.clean.widgets import _ARROW_LINK, _BRACKET_LINK, _INLINE_BOX, _TAGS_LINE, _section_header, _widget
from digest.errors import InputError
from digest.model import Article
from digest.outlets import outlet_name
from digest.vietnamese import BOX_SECTIONS, CLOSING_QUOTES, END_SECTIONS, SENTENCE_MARKS, squash

# The aggregator's own timestamp carries its time zone: "28/05/13 06:49 GMT+7".
_AGGREGATOR_STAMP = re.compile(r"\bGMT\s*[+-]\s*\d{1,2}\b", re.I)


def clean_text(text: str, path: str, hints: PageHints | None = None) -> Article:
    """Clean a plain-text article: one paragraph (or title, caption, widget) a line."""
    lines = [Line(number, raw.strip()) for number, raw in enumerate(text.split("\n"), start=1)]
    return clean_lines(lines, path, hints or PageHints())


def clean_lines(lines: list[Line], path: str, hints: PageHints) -> Article:
    # Paragraph text is kept as written (inner spacing included); only the ends are trimmed.
    lines = [Line(line.number, line.text.strip()) for line in lines]
    lines = [part for line in lines if line.text.replace("\u200b", "").strip() for part in _split_glued(line)]
    if not lines:
        raise InputError(f"{path}: no text")
    state = _State(title="")
    if hints.title:
        state.title, body_lines = squash(hints.title), lines
    else:
        body_lines = _take_title(lines, state)
    state.title_key = _key(state.title)
    state.multi_sentence_paragraphs = _multi_sentence_share(body_lines) >= MULTI_SENTENCE_SHARE
    state.headline_runs = _headline_runs(body_lines, state.multi_sentence_paragraphs)
    for index, line in enumerate(body_lines):
        state.is_last = index == len(body_lines) - 1
        _classify(line, state)
    if not state.kept:
        raise InputError(f"{path}: a title but no article text" if state.title else f"{path}: no article text")

    if state.ended_because not in ("byline", "theo credit"):
        _take_trailing_byline(state)
    _drop_pull_quotes(state)
    paragraphs = [line.text for line in state.kept]
    paragraphs[0] = _strip_agency_marker(paragraphs[0], state)
    date, partial = _article_date(hints, state, paragraphs)
    return Article(
        path=path,
        title=state.title,
        paragraphs=paragraphs,
        date=date,
        partial_date=partial,
        author=state.author or hints.author,
        source=outlet_name(state.source or hints.source, path),
        removed=sorted(state.removed, key=lambda r: r.line),
    )


def _classify(line: Line, state: _State) -> None:
    text = line.text
    key = _key(text)
    section = _section_header(key)
    if state.ended_because:
        _after_end(line, state, section)
        return
    if section in END_SECTIONS:
        _end(state, "section")
        state.drop(line, f"related-news section header '{text}'")
        return
    if section in BOX_SECTIONS:
        state.box = text
        state.drop(line, f"related-news box header '{text}'")
        return
    if state.box:
        if _is_headline_shaped(text):
            state.drop(line, f"related headline in the '{state.box}' box")
            return
        state.box = None
    if state.title and key == state.title_key:
        state.drop(line, "repeated title")
        return
    credited = None if state.kept else _credit_with_dateline(text)
    if credited:
        state.source = state.source or credited[0]
        state.datelines.append(credited[1])
        state.drop(line, f"credit and dateline '{text}' above the text (kept as metadata)")
        return
    stamp = dates.parse_dateline(text)
    if stamp:
        state.datelines.append(stamp)
        state.drop(line, f"dateline '{text}' (kept as metadata)")
        if len(state.kept) >= 3 or (state.kept and _AGGREGATOR_STAMP.search(text)):
            # A timestamp under the text closes it: aggregator records put category, tags
            # and source after it. A stamp with its time zone ("28/05/13 06:49 GMT+7") is
            # the aggregator's, however short the text above it.
            _end(state, "timestamp")
        return
    marked = byline_name(text) if state.kept and _has_link_mark(text) else None
    if marked:
        state.author = state.author or marked
        _end(state, "byline")
        state.drop(line, "author byline with the related links' '>>' after it (kept as metadata)")
        return
    widget = _widget(key, text)
    if widget:
        state.drop(line, widget)
        return
    if state.kept and id(line) in state.headline_runs:
        state.drop(line, "related headline (one of a run of headlines set in the text)")
        return
    if _BRACKET_LINK.match(text) or _ARROW_LINK.match(text) or _INLINE_BOX.match(text):
        state.drop(line, "inline related-article link")
        return
    if _PHOTO_CREDIT.match(_short_spaces(text)) and _take_credit(text, state):
        state.drop(line, "credit line 'Tin, ảnh: ...' (kept as metadata); the article ends here")
        return
    caption = _caption(text) or _short_caption(text, state)
    if caption:
        state.drop(line, caption)
        return
    if _take_credit(text, state):
        state.drop(line, "byline (kept as metadata); the article ends here")
        return
    if state.kept and _is_name_line(text) and _named_in_text(text, state):
        # the article's own subject, named under a picture or a quote box: reporters
        # are not named in their own text
        state.drop(line, f"name label (a person the article is about, not its byline) '{text}'")
        return
    if state.kept and (_is_name_line(text) or (state.is_last and _DESK_BYLINE.match(text))):
        author, outlet = split_name_and_outlet(byline_name(text) or text)
        state.author = state.author or author
        state.source = state.source or outlet
        _end(state, "byline")
        state.drop(line, "author byline (kept as metadata)")
        return
    if key in state.kept_keys:
        first = key == state.lede_key
        state.drop(line, "duplicate of the lede" if first else "repeated paragraph")
        return
    if not state.kept:
        state.lede_key = key
    state.kept.append(line)
    state.kept_keys.add(key)
    state.last_kept_words = sum(1 for _ in islice(_WORD.finditer(text), CAPTION_ABOVE_WORDS))
    if text.endswith("./."):
        _end(state, "end mark")


# Pull quotes are looked for among this many paragraphs (a news article has 5 to 100):
# each paragraph is compared with every other, so past this an input of tens of thousands
# of lines would take minutes; the paragraphs after it are kept as they are.
PULL_QUOTE_PARAGRAPHS = 1000


def _drop_pull_quotes(state: _State) -> None:
    """A pull quote repeats a sentence of the text in large type: a short line (not the
    lede, whose sentences the body may repeat as published) found inside a longer paragraph."""
    checked, rest = state.kept[:PULL_QUOTE_PARAGRAPHS], state.kept[PULL_QUOTE_PARAGRAPHS:]
    keys = [_key(line.text).strip("\"“”'‘’ ") for line in checked]
    kept = [checked[0]] if checked else []
    for index in range(1, len(checked)):
        key = keys[index]
        inside = len(_words(key)) >= 6 and any(
            j != index and len(other) > 1.5 * len(key) and key in other for j, other in enumerate(keys)
        )
        if inside:
            state.drop(checked[index], "pull quote (repeats a sentence of the text)")
        else:
            kept.append(checked[index])
    state.kept = kept + rest


def _end(state: _State, why: str) -> None:
    state.ended_because = why
    state.since_end = 0


def _after_end(line: Line, state: _State, section: str | None) -> None:
    """After the article's text: only metadata is read (a credit right under the byline,
    the original outlet under a 'Theo <author>' credit, an aggregator's timestamp)."""
    text = line.text
    state.since_end += 1
    why = state.ended_because
    first_after = state.since_end == 1
    credit_may_follow = why in ("end mark", "byline", "theo credit", "timestamp") and first_after and not section
    if credit_may_follow and _take_credit(text, state):
        state.drop(line, "source credit (kept as metadata)")
        return
    if why == "theo credit" and first_after and not section and not state.source and _is_outlet_line(text):
        state.source = text
        state.drop(line, "original outlet under the byline (kept as metadata)")
        return
    if why in ("end mark", "byline") and state.since_end <= 2 and not state.datelines:
        stamp = dates.parse_dateline(text)
        if stamp:
            state.datelines.append(stamp)
            state.drop(line, f"aggregator timestamp '{text}' (kept as metadata)")
            _end(state, "timestamp")
            return
    if _TAGS_LINE.match(text) and "," in text:
        state.drop(line, "tags line")
        return
    if why == "timestamp" and state.is_last and not state.source and _is_outlet_line(text) and len(_words(text)) <= 4:
        state.source = text
        state.drop(line, "source outlet of the aggregator record (kept as metadata)")
        return
    state.drop(line, _AFTER_END[why or "section"])  # why is set: the article has ended


_AFTER_END = {
    "section": "related-news section: other articles' headlines and ledes",
    "byline": "embedded related article or teaser after the main article's byline",
    "end mark": "after the article's end mark './.'",
    "theo credit": "embedded related article or teaser after the main article's byline",
    "timestamp": "after the aggregator's timestamp: category, tags, source",
}


def _article_date(hints: PageHints, state: _State, paragraphs: list[str]) -> tuple[str | None, str | None]:
    """Never invented: metadata, then a dateline, then a lede that opens with a full date,
    then a relative weekday matched against a full date the article states; a lede
    that opens with a day/month gives only a partial date."""
    if hints.date:
        return hints.date, None
    if state.datelines:
        return state.datelines[0], None
    partial = None
    for paragraph in paragraphs[:3]:
        full, part = dates.lede_date(paragraph)
        if full:
            return full, None
        partial = partial or part
    everything = "\n".join(paragraphs + [r.text for r in state.removed if "caption" in r.why])
    by_weekday = dates.date_by_weekday(" ".join(paragraphs[:2]), everything)
    if by_weekday:
        return by_weekday, None
    return None, partial


# Share of long lines holding more than one sentence above which a text is laid out in
# paragraphs (news pages: about half or more); sentence-a-line dumps stay far below it.
MULTI_SENTENCE_SHARE = 0.4
_INNER_SENTENCE_END = re.compile(
    "[" + re.escape(SENTENCE_MARKS) + "][" + re.escape(CLOSING_QUOTES + "»)") + r"]?\s+[A-ZÀ-ỸĐ\"“]"
)


def _multi_sentence_share(lines: list[Line]) -> float:
    long_lines = [line.text for line in lines if len(_words(line.text)) >= 15]
    if not long_lines:
        return 0.0
    return sum(bool(_INNER_SENTENCE_END.search(text[:-1])) for text in long_lines) / len(long_lines)
