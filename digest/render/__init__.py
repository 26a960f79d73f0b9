"""Render finished Digests in one of the output formats, looked up by name in FORMATS.

A renderer never decides anything about the article; it lays out what the stages
produced. `render_briefing` gives the combined briefing for stdout: a header with the
run date and the count, then the articles newest first, undated ones last.
`render_article` gives one article's digest, and `file_name` its name, for --out.

    common   what every format shows: labels, dates, titles, (vi, en) texts, order
    names    file names for --out
    markdown, text, json (json and jsonl), html, email (eml: text + html in one message)

Every format is called the same way: what one format alone needs (eml's recipient)
travels in RenderOptions, and what a caller must check first is a field of its Format.

What they print is safe to print: every text is made printable as it enters (no control
character or bidirectional control from a page reaches a terminal), Markdown escapes its
syntax in every text, HTML escapes everything, JSON escapes the controls it keeps as data,
and no format links a URL that is not http(s). common.terminal_safe guards every output.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from digest.model import Digest, Story
from digest.render import email, html, json, markdown, text
from digest.render.common import newest_first, terminal_safe
from digest.render.names import dated_file_name, story_file_name
from digest.render.options import MailOptions, RenderOptions

__all__ = ["FORMATS", "Format", "MailOptions", "RenderOptions", "file_name", "render_article", "render_briefing",
           "render_story", "story_name"]

ArticleRenderer = Callable[[Digest, RenderOptions], str]
BriefingRenderer = Callable[[Sequence[Digest], RenderOptions, Sequence[Story] | None], str]
StoryRenderer = Callable[[Story, RenderOptions], str]


@dataclass(frozen=True)
class Format:
    """One output format.

    `render_briefing` lays out digests already in briefing order; `render_article` one
    digest as an --out file (None: the format is a briefing only, so --out can't use
    it). `needs_recipient`: RenderOptions.mail must name one. `shows_paragraphs`: the
    output carries each article's cleaned paragraphs, so they must be kept."""

    name: str
    extension: str
    render_briefing: BriefingRenderer
    render_article: ArticleRenderer | None = None
    needs_recipient: bool = False
    shows_paragraphs: bool = False
    render_story: StoryRenderer | None = None  # a story of several articles as an --out file

    @property
    def per_article(self) -> bool:
        """Whether --out can write one file per article in this format."""
        return self.render_article is not None


def _md_story(story: Story, options: RenderOptions) -> str:
    return markdown.story(story, options, level=1, articles=False)


def _text_story(story: Story, options: RenderOptions) -> str:
    return text.story(story, options, articles=False)


def _jsonl_story(story: Story, options: RenderOptions) -> str:
    return json.story_line(story, options)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", "md", markdown.briefing, markdown.article, render_story=_md_story),
        Format("text", "txt", text.briefing, text.article, render_story=_text_story),
        Format("json", "json", json.briefing, json.article, shows_paragraphs=True, render_story=json.story),
        Format("jsonl", "jsonl", json.lines, json.line, shows_paragraphs=True, render_story=_jsonl_story),
        Format("html", "html", html.briefing, html.article, render_story=html.story),
        Format("eml", "eml", email.briefing, needs_recipient=True),
    )
}


def _format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(FORMATS)}") from None


def render_briefing(digests: Sequence[Digest], fmt: str, options: RenderOptions,
                    stories: Sequence[Story] | None = None) -> str:
    """The briefing of `digests` in format `fmt` (a FORMATS name), newest first, or with
    `stories` one item per story in the order given: the whole text for stdout, ending
    with a newline. ValueError for an unknown format; digest.errors.UsageError when eml's
    recipient or headers are missing or bad."""
    return terminal_safe(_format(fmt).render_briefing(newest_first(digests), options, stories))


def render_story(story: Story, fmt: str, options: RenderOptions) -> str:
    """One story of several articles as an --out file of its own (its articles listed:
    each has its own file). ValueError for a format without one."""
    renderer = _format(fmt).render_story
    if renderer is None:
        raise ValueError(f"no per-story renderer for {fmt}")
    return terminal_safe(renderer(story, options))


def story_name(story: Story, fmt: str, options: RenderOptions, taken: set[str] | None = None) -> str:
    """The --out file name of a story: 'DATE-story-slug.LANG.EXT', DATE its newest full date."""
    return story_file_name(story, _format(fmt).extension, options, taken)


def render_article(digest: Digest, fmt: str, options: RenderOptions) -> str:
    """One digest in format `fmt` (a FORMATS name) as a file of its own, for --out.
    ValueError for an unknown format or one without a per-article form (eml)."""
    renderer = _format(fmt).render_article
    if renderer is None:
        raise ValueError(f"no per-article renderer for {fmt}")
    return terminal_safe(renderer(digest, options))


def file_name(digest: Digest, fmt: str, options: RenderOptions, taken: set[str] | None = None) -> str:
    """The --out file name of `digest` in format `fmt`: 'DATE-slug.LANG.EXT'. A name
    already in `taken` gets '-2', '-3', …; the name returned is added to `taken`."""
    return dated_file_name(digest, _format(fmt).extension, options, taken)
