"""Plain text wrapped at 78 columns, for a terminal or the text part of an email."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from digest.model import Digest, Story
from digest.render.common import (
    LABELS,
    Bilingual,
    briefing_title,
    changes,
    full_text,
    is_link,
    meta_pairs,
    printable,
    reason,
    summary,
    title,
    web_link,
)
from digest.render.options import RenderOptions
from digest.render.story import STORY_LABELS, headline, is_single, reasons, timeline
from digest.render.story import meta_pairs as story_meta
from digest.render.story import summary as story_summary

TEXT_WIDTH = 78


def article(digest: Digest, options: RenderOptions) -> str:
    """One article's digest: its title underlined with '=', then its fields, wrapped."""
    labels = LABELS[options.lang]
    heading = title(digest, options.lang).one_line()
    lines = [*_wrap(heading), "=" * min(TEXT_WIDTH, len(heading))]
    for name, value in meta_pairs(digest, options):
        # a URL is never broken across lines, or a mail reader could not open it; it is
        # percent-encoded, so a space or quote in it can't end it early
        link = web_link(value) if is_link(name) else None
        lines += [f"{name}: {link}"] if link else _wrap(f"{name}: {value}", subsequent="    ")
    lines += ["", f"{labels.summary}:"]
    for sentence in summary(digest, options.lang):
        lines += _item("", sentence)
    changed = changes(digest, options.lang)
    if changed:
        lines += ["", f"{labels.changed}:"]
        for sentence in changed:
            lines += _item("", sentence, bullet="  + ")
    for paragraph in full_text(digest, options.lang):
        lines.append("")
        lines += _paragraph(paragraph)
    if options.explain and digest.article.removed:
        lines += ["", f"{labels.removed}:"]
        for r in digest.article.removed:
            lines += _wrap(printable(f"{labels.line} {r.line}: {reason(r.why, options.lang)}: {r.text[:80]}"),
                           initial="  - ", subsequent="    ")
    return "\n".join(lines).rstrip() + "\n"


def briefing(digests: Sequence[Digest], options: RenderOptions, stories: Sequence[Story] | None = None) -> str:
    """The briefing header underlined with '#', then each article in the order given; with
    stories, each story (a story of one as its article)."""
    header = briefing_title(digests, options, None if stories is None else len(stories))
    parts = [*_wrap(header), "#" * min(TEXT_WIDTH, len(header)), ""]
    if stories is None:
        parts += [article(digest, options) for digest in digests]
    for item in stories or []:
        parts.append(article(item.articles[0], options) + _why(item, options) if is_single(item)
                     else story(item, options))
    return "\n".join(parts).rstrip() + "\n"


def story(item: Story, options: RenderOptions, articles: bool = True) -> str:
    """A story: headline underlined with '*', outlets and dates, timeline, story summary,
    then its articles (or, for an --out file, a list of them)."""
    labels = STORY_LABELS[options.lang]
    heading = headline(item, options.lang).one_line()
    lines = [*_wrap(heading), "*" * min(TEXT_WIDTH, len(heading))]
    for name, value in story_meta(item, options):
        lines += _wrap(f"{name}: {value}", subsequent="    ")
    lines += ["", f"{labels.timeline}:"]
    for line in timeline(item, options):
        lines += _item(f"{line.date} — {line.outlets}: ", line.text)
    lines += ["", f"{labels.summary}:"]
    for sentence in story_summary(item, options.lang):
        lines += _item("", sentence)
    text = "\n".join(lines) + "\n" + _why(item, options)
    if articles:
        return text + "\n" + "\n".join(article(d, options) for d in item.articles)
    listed = [f"  - {title(d, options.lang).one_line()} ({printable(d.article.path)})" for d in item.articles]
    return text + "\n" + "\n".join(listed) + "\n"


def _item(prefix: str, sentence: Bilingual, bullet: str = "  * ") -> list[str]:
    """A bulleted sentence, wrapped, after `prefix`; its English on the lines below."""
    if sentence.en is None:
        return _wrap(prefix + sentence.text.strip() + sentence.marker, initial=bullet, subsequent="    ")
    return (_wrap(prefix + sentence.text.strip(), initial=bullet, subsequent="    ")
            + _wrap(sentence.en.strip() + sentence.marker, initial="    ", subsequent="    "))


def _why(item: Story, options: RenderOptions) -> str:
    if not options.explain:
        return ""
    heading, lines = reasons(item, options)
    wrapped = [w for line in lines for w in _wrap(line, initial="  - ", subsequent="    ")]
    return "\n".join(["", f"{heading}:", *wrapped]) + "\n"


def _paragraph(sentences: list[Bilingual]) -> list[str]:
    """One language: the sentences as one wrapped paragraph. Both: each Vietnamese
    sentence, then its English, each on lines of its own."""
    if all(sentence.en is None for sentence in sentences):
        return _wrap(" ".join(sentence.text + sentence.marker for sentence in sentences).strip())
    lines: list[str] = []
    for sentence in sentences:
        lines += _wrap(sentence.text.strip())
        if sentence.en is not None:
            lines += _wrap(sentence.en.strip() + sentence.marker)
    return lines


def _wrap(text: str, initial: str = "", subsequent: str = "") -> list[str]:
    return textwrap.wrap(
        text, width=TEXT_WIDTH, initial_indent=initial, subsequent_indent=subsequent,
        break_long_words=False, break_on_hyphens=False,
    ) or [initial.rstrip()]
