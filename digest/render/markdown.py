"""Markdown: a heading per article, its metadata as a list, the summary as bullets."""

from __future__ import annotations

from collections.abc import Sequence

from digest.article import Digest
from digest.render.common import LABELS, Bilingual, briefing_title, full_text, is_link, meta_pairs, summary, title
from digest.render.options import RenderOptions
from digest.render.story import STORY_LABELS, headline, is_single, reasons, timeline
from digest.render.story import meta_pairs as story_meta
from digest.render.story import summary as story_summary
from digest.stories import Story


def article(digest: Digest, options: RenderOptions, level: int = 1) -> str:
    """One article's digest under a heading of `level` (1 for an --out file)."""
    labels = LABELS[options.lang]
    lines = [f"{'#' * level} {title(digest, options.lang).one_line()}", ""]
    # the link as an autolink, so every Markdown viewer makes it clickable
    pairs = meta_pairs(digest, options)
    lines += [f"- **{name}:** {f'<{value}>' if is_link(name) else value}" for name, value in pairs]
    lines += ["", f"**{labels.summary}:**", ""]
    for sentence in summary(digest, options.lang):
        if sentence.en is None:
            lines.append(f"- {sentence.text}{sentence.marker}")
        else:
            lines += [f"- {sentence.text}", f"  {sentence.en.strip()}{sentence.marker}"]
    paragraphs = full_text(digest, options.lang)
    if paragraphs:
        lines += ["", "---", ""]
        for paragraph in paragraphs:
            lines += [" ".join(sentence.text + (sentence.marker if sentence.en is None else "")
                               for sentence in paragraph), ""]
            english = [sentence.en + sentence.marker for sentence in paragraph if sentence.en is not None]
            if english:
                # Each Vietnamese paragraph, then its English as a quote. A blank line must
                # end each quote: a Vietnamese line right after "> ..." would be read as part
                # of the quote (a Markdown "lazy continuation").
                lines += ["> " + " ".join(english), ""]
    if options.explain:
        lines += ["", f"**{labels.removed}:**", ""]
        lines += [f"- line {r.line}: {r.why}: `{r.text[:80]}`" for r in digest.article.removed]
    return "\n".join(lines).rstrip() + "\n"


def briefing(digests: Sequence[Digest], options: RenderOptions, stories: Sequence[Story] | None = None) -> str:
    """The briefing header, then each article (in the order given) under a level-2 heading;
    with stories, each story: a story of one as its article, a larger one as a story item
    followed by its articles under level-3 headings."""
    parts = [f"# {briefing_title(digests, options, None if stories is None else len(stories))}", ""]
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
    lines = [f"{'#' * level} {headline(item, options.lang).one_line()}", ""]
    lines += [f"- **{name}:** {value}" for name, value in story_meta(item, options)]
    lines += ["", f"**{labels.timeline}:**", ""]
    for line in timeline(item, options):
        lines += _bullet(f"{line.date} — {line.outlets}: ", line.text)
    lines += ["", f"**{labels.summary}:**", ""]
    for sentence in story_summary(item, options.lang):
        lines += _bullet("", sentence)
    text = "\n".join(lines) + "\n" + _why(item, options)
    if articles:
        return text + "\n" + "\n".join(article(d, options, level=level + 1) for d in item.articles)
    listed = [f"- {title(d, options.lang).one_line()} ({d.article.path})" for d in item.articles]
    return text + "\n" + "\n".join(listed) + "\n"


def _bullet(prefix: str, sentence: Bilingual) -> list[str]:
    if sentence.en is None:
        return [f"- {prefix}{sentence.text}{sentence.marker}"]
    return [f"- {prefix}{sentence.text}", f"  {sentence.en.strip()}{sentence.marker}"]


def _why(item: Story, options: RenderOptions) -> str:
    """With --explain: why the story's articles are one story, or why an article stands alone."""
    if not options.explain:
        return ""
    heading, lines = reasons(item, options)
    return "\n".join(["", f"**{heading}:**", "", *(f"- {line}" for line in lines)]) + "\n"
