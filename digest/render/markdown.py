"""Markdown: a heading per article, its metadata as a list, the summary as bullets.

Every text is escaped (escape, line_start, heading_end, code_span): a title or sentence shows
as the characters it holds in any CommonMark renderer (and Python-Markdown), never as
HTML, a link, emphasis or a block of another kind. The only link is the original
article's URL, as an autolink, percent-encoded and only when it is http(s).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digest.model import Digest, Story
from digest.render.common import (
    FLAG_MARK,
    LABELS,
    Bilingual,
    briefing_title,
    changes,
    flag_detail,
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


def article(digest: Digest, options: RenderOptions, level: int = 1) -> str:
    """One article's digest under a heading of `level` (1 for an --out file)."""
    labels = LABELS[options.lang]
    lines = [f"{'#' * level} {_one_line(title(digest, options.lang))}", ""]
    lines += [f"- **{name}:** {_value(name, value)}" for name, value in meta_pairs(digest, options)]
    lines += ["", f"**{labels.summary}:**", ""]
    for sentence in summary(digest, options.lang):
        lines += _bullet("", sentence)
    changed = changes(digest, options.lang)
    if changed:
        lines += ["", f"**{labels.changed}:**", ""]
        for sentence in changed:
            lines += _bullet("", sentence)
    paragraphs = full_text(digest, options.lang)
    if paragraphs:
        lines += ["", "---", ""]
        for paragraph in paragraphs:
            lines += [line_start(" ".join(escape(sentence.text) + (_marker(sentence) if sentence.en is None else "")
                                     for sentence in paragraph)), ""]
            english = [escape(sentence.en) + _marker(sentence) for sentence in paragraph if sentence.en is not None]
            if english:
                # Each Vietnamese paragraph, then its English as a quote. A blank line must
                # end each quote: a Vietnamese line right after "> ..." would be read as part
                # of the quote (a Markdown "lazy continuation").
                lines += ["> " + line_start(" ".join(english)), ""]
    if options.explain and digest.article.removed:
        lines += ["", f"**{labels.removed}:**", ""]
        lines += [f"- {labels.line} {r.line}: {escape(reason(r.why, options.lang))}: {code_span(r.text[:80])}"
                  for r in digest.article.removed]
    return "\n".join(lines).rstrip() + "\n"


def briefing(digests: Sequence[Digest], options: RenderOptions, stories: Sequence[Story] | None = None) -> str:
    """The briefing header, then each article (in the order given) under a level-2 heading;
    with stories, each story: a story of one as its article, a larger one as a story item
    followed by its articles under level-3 headings."""
    header = briefing_title(digests, options, None if stories is None else len(stories))
    parts = [f"# {heading_end(escape(header))}", ""]
    if stories is None:
        parts += [article(digest, options, level=2) for digest in digests]
    for item in stories or []:
        if is_single(item):
            parts.append(article(item.articles[0], options, level=2) + _why(item, options))
        else:
            parts.append(story(item, options, level=2))
    return "\n".join(parts).rstrip() + "\n"


def story(item: Story, options: RenderOptions, level: int = 1, articles: bool = True) -> str:
    """A story: headline, outlets and dates, timeline, story summary, then its articles
    (or, for an --out file, a list of them: each has its own file)."""
    labels = STORY_LABELS[options.lang]
    lines = [f"{'#' * level} {_one_line(headline(item, options.lang))}", ""]
    lines += [f"- **{name}:** {escape(value)}" for name, value in story_meta(item, options)]
    lines += ["", f"**{labels.timeline}:**", ""]
    for line in timeline(item, options):
        lines += _bullet(f"{escape(line.date)} — {escape(line.outlets)}: ", line.text)
    lines += ["", f"**{labels.summary}:**", ""]
    for sentence in story_summary(item, options.lang):
        lines += _bullet("", sentence)
    text = "\n".join(lines) + "\n" + _why(item, options)
    if articles:
        return text + "\n" + "\n".join(article(d, options, level=level + 1) for d in item.articles)
    listed = [f"- {line_start(_one_line(title(d, options.lang)))} ({escape(d.article.path)})"
              for d in item.articles]
    return text + "\n" + "\n".join(listed) + "\n"


def _bullet(prefix: str, sentence: Bilingual) -> list[str]:
    """A bullet of `prefix` (already Markdown) and the sentence; its English on the next line."""
    if sentence.en is None:
        return [f"- {line_start(prefix + escape(sentence.text))}{_marker(sentence)}"]
    return [f"- {line_start(prefix + escape(sentence.text))}",
            f"  {line_start(escape(sentence.en.strip()))}{_marker(sentence)}"]


def _why(item: Story, options: RenderOptions) -> str:
    """With --explain: why the story's articles are one story, or why an article stands alone."""
    if not options.explain:
        return ""
    why, lines = reasons(item, options)
    return "\n".join(["", f"**{why}:**", "", *(f"- {line_start(escape(line))}" for line in lines)]) + "\n"


# --- escaping ---------------------------------------------------------------------------

# Inline syntax, escaped wherever it stands: backslash, code, emphasis, links and images
# ([ ]), raw HTML and autolinks (< >, as entities: Python-Markdown has no \< escape),
# entity references (an & that would start one), tables (|) and attribute lists ({ }).
# "(" and ")" need nothing: with every [ and ] escaped no link can start. An "_" between
# two letters or digits (seeds/000_6c83.txt) opens no emphasis, and is left as it is.
_INLINE = re.compile(r"[\\`*{}\[\]|<>]|_|&(?=#?[0-9A-Za-z]+;)")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
# What would make a line's start a block of another kind: a heading (#), a list item
# (- + or "1." "1)"), a thematic break or setext underline (--- ===), a code fence (~~~).
# "*", "`", ">" and "<" are escaped wherever they stand.
_BLOCK_START = re.compile(r"[-+#]|[0-9]{1,9}(?=[.)])|=+\s*$|~~~")


def _inline(match: re.Match[str]) -> str:
    char, at, whole = match.group(), match.start(), match.string
    if char == "_" and 0 < at < len(whole) - 1 and whole[at - 1].isalnum() and whole[at + 1].isalnum():
        return char
    return _ENTITIES.get(char, "\\" + char)


def escape(value: str) -> str:
    """`value` as Markdown text that shows exactly its characters, on one line."""
    return _INLINE.sub(_inline, printable(value))


def line_start(line: str) -> str:
    """A line of Markdown `text` that stands where a block may start (a bullet's text, a
    paragraph, a quote), with what would start another kind of block escaped."""
    line = line.lstrip(" ")  # four spaces would make it code
    found = _BLOCK_START.match(line)
    if found is None:
        return line
    if found.group()[0].isdigit():  # "1." stays "1" then an escaped "." or ")"
        return f"{found.group()}\\{line[found.end():]}"
    first = line[0]
    escaped = {"=": "&#61;", "~": "&#126;"}.get(first, "\\" + first)  # no \= or \~ in Python-Markdown
    return escaped + line[1:]


def heading_end(line: str) -> str:
    """Escaped text that ends a heading (or may), its closing #s ("Tin số #") kept as text:
    Python-Markdown drops them even right after a word, and leaves one of "\\###"."""
    return re.sub(r"#+\s*$", lambda end: end.group().replace("#", "\\#"), line)


def code_span(value: str) -> str:
    """`value` as a code span that holds it whole, however many backticks it has."""
    value = printable(value)
    if not value.strip():
        return escape(value)
    fence = "`" * (max((len(run) for run in re.findall("`+", value)), default=0) + 1)
    pad = " " if value[0] in "` " or value[-1] in "` \\" else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def _one_line(shown: Bilingual) -> str:
    """A heading's or list item's text: 'Vietnamese / English' with both, then the marker."""
    line = escape(shown.text) if shown.en is None else f"{escape(shown.text)} / {escape(shown.en)}"
    return heading_end(line + _marker(shown))


def _marker(shown: Bilingual) -> str:
    """The flag marker, its brackets as they are (no link can follow them: every "[" a
    text holds is escaped), its words escaped."""
    return f" [{FLAG_MARK} {escape(flag_detail(shown.flags))}]" if shown.flags else ""


def _value(name: str, value: str) -> str:
    """A metadata value; the original article's URL as an autolink (every Markdown viewer
    makes it clickable), only for http(s), else as text."""
    link = web_link(value) if is_link(name) else None
    return f"<{link}>" if link else escape(value)
