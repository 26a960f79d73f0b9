"""HTML: one self-contained page (inline CSS, no scripts, no external resources) that
reads well on a phone. It lays out the same fields as the other formats, from
digest.render.common; each Vietnamese or English text is marked with its language
where it differs from the page's.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

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

# overflow-wrap:anywhere lets a long URL or name break instead of widening the page
# past a 375 px phone screen.
STYLE = """
:root { color-scheme: light dark; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; padding: 1rem; font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
       "Helvetica Neue", Arial, sans-serif; overflow-wrap: anywhere; word-break: normal; }
main { max-width: 42rem; margin: 0 auto; }
h1 { font-size: 1.45rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; line-height: 1.3; margin: 0 0 .5rem; }
article { padding: 1rem 0; border-top: 1px solid #8886; }
dl.meta { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .1rem .75rem;
          margin: 0 0 .75rem; font-size: .9rem; opacity: .85; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; min-width: 0; }
h3 { font-size: 1rem; margin: .75rem 0 .25rem; }
ul { padding-left: 1.25rem; margin: .25rem 0; }
li { margin: .3rem 0; }
.en { display: block; font-style: italic; opacity: .85; }
.full p { margin: .5rem 0; }
.removed { font-size: .85rem; opacity: .8; }
code { font-size: .85em; white-space: pre-wrap; }
"""
# Only a page with flags carries their rule, so a page without English stays as it was.
_FLAG_CLASS = 'class="flag"'
FLAG_STYLE = ".flag { font-size: .85rem; font-style: normal; color: #b45309; }\n"
# Likewise only a page with a story of several articles carries the story rules.
_STORY_CLASS = '<section class="story">'
STORY_STYLE = ("section.story { padding: 1rem 0; border-top: 2px solid #8888; }\n"
               "section.story article { margin-left: .75rem; }\n")


def briefing(digests: Sequence[Digest], options: RenderOptions, stories: Sequence[Story] | None = None) -> str:
    """The briefing page: a header with the date and the count, then each article (in
    the order given) as a section under it; with stories, each story (a story of one as
    its article)."""
    heading = briefing_title(digests, options, None if stories is None else len(stories))
    body = [f"<h1>{escape(heading)}</h1>"]
    if stories is None:
        body += [_article_html(d, options, heading_level=2) for d in digests]
    for item in stories or []:
        if is_single(item):
            body.append(_article_html(item.articles[0], options, heading_level=2) + _why_html(item, options))
        else:
            body.append(_story_html(item, options, heading_level=2))
    return _page(heading, "\n".join(body), options)


def story(item: Story, options: RenderOptions) -> str:
    """One story's page (an --out file): the story, then a list of its articles."""
    return _page(headline(item, options.lang).one_line(), _story_html(item, options, 1, articles=False), options)


def _story_html(item: Story, options: RenderOptions, heading_level: int, articles: bool = True) -> str:
    labels = STORY_LABELS[options.lang]
    page_lang = _page_lang(options)
    tag = f"h{heading_level}"
    rows = "".join(f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>" for name, value in story_meta(item, options))
    lines = "".join(f"<li>{escape(line.date)} — {escape(line.outlets)}: {_bilingual_html(line.text, page_lang)}</li>"
                    for line in timeline(item, options))
    parts = [
        '<section class="story">',
        f"<{tag}>{_bilingual_html(headline(item, options.lang), page_lang)}</{tag}>",
        f'<dl class="meta">{rows}</dl>',
        f"<h3>{escape(labels.timeline)}</h3>",
        f"<ul>{lines}</ul>",
        f"<h3>{escape(labels.summary)}</h3>",
        _list_html(story_summary(item, options.lang), page_lang),
        _why_html(item, options),
    ]
    if articles:
        parts += [_article_html(d, options, heading_level=heading_level + 1) for d in item.articles]
    else:
        parts.append("<ul>" + "".join(f"<li>{_bilingual_html(title(d, options.lang), page_lang)} "
                                      f"<code>{escape(printable(d.article.path))}</code></li>"
                                      for d in item.articles) + "</ul>")
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def _why_html(item: Story, options: RenderOptions) -> str:
    if not options.explain:
        return ""
    heading, lines = reasons(item, options)
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    return f'<div class="removed"><h3>{escape(heading)}</h3><ul>{items}</ul></div>'



def article(digest: Digest, options: RenderOptions) -> str:
    """One article's page (an --out file): the article's title is the page's heading."""
    return _page(title(digest, options.lang).one_line(), _article_html(digest, options, heading_level=1), options)


def _page(heading: str, body: str, options: RenderOptions) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_page_lang(options)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="digest">\n'
        f"<title>{escape(heading)}</title>\n"
        f"<style>{STYLE}{_extra_style(body)}</style>\n"
        "</head>\n"
        "<body>\n<main>\n"
        f"{body}\n"
        "</main>\n</body>\n</html>\n"
    )


def _extra_style(body: str) -> str:
    return (FLAG_STYLE if _FLAG_CLASS in body else "") + (STORY_STYLE if _STORY_CLASS in body else "")


def _page_lang(options: RenderOptions) -> str:
    return "vi" if options.lang == "vi" else "en"


def _article_html(digest: Digest, options: RenderOptions, heading_level: int) -> str:
    labels = LABELS[options.lang]
    page_lang = _page_lang(options)
    tag = f"h{heading_level}"
    parts = [
        "<article>",
        f"<{tag}>{_bilingual_html(title(digest, options.lang), page_lang)}</{tag}>",
        _meta_html(digest, options),
        f"<h3>{escape(labels.summary)}</h3>",
        _list_html(summary(digest, options.lang), page_lang),
    ]
    changed = changes(digest, options.lang)
    if changed:
        parts += [f"<h3>{escape(labels.changed)}</h3>", _list_html(changed, page_lang)]
    paragraphs = full_text(digest, options.lang)
    if paragraphs:
        parts.append('<div class="full">' + "".join(f"<p>{_paragraph_html(p, page_lang)}</p>" for p in paragraphs)
                     + "</div>")
    if options.explain and digest.article.removed:
        parts.append(_removed_html(digest, options))
    parts.append("</article>")
    return "\n".join(parts)


def _list_html(sentences: Sequence[Bilingual], page_lang: str) -> str:
    """Sentences (a summary, an update's new ones) as a list, each with its English."""
    return "<ul>" + "".join(f"<li>{_bilingual_html(s, page_lang)}</li>" for s in sentences) + "</ul>"


def _meta_html(digest: Digest, options: RenderOptions) -> str:
    pairs = meta_pairs(digest, options)
    rows = "".join(f"<dt>{escape(name)}</dt><dd>{_value_html(name, value)}</dd>" for name, value in pairs)
    return f'<dl class="meta">{rows}</dl>'


def _value_html(name: str, value: str) -> str:
    """A value as text; the link to the original article as a link, only if it is http(s)."""
    link = web_link(value) if is_link(name) else None
    if link:
        return f'<a href="{escape(link, quote=True)}">{escape(value)}</a>'
    return escape(value)


def _paragraph_html(sentences: list[Bilingual], page_lang: str) -> str:
    """One language: the sentences as one run of text. Both: each Vietnamese sentence
    followed by its English."""
    if all(sentence.en is None for sentence in sentences):
        lang = sentences[0].lang if sentences else page_lang
        if any(sentence.flags for sentence in sentences):
            return " ".join(_bilingual_html(sentence, page_lang) for sentence in sentences)
        return _bilingual_html(Bilingual(" ".join(sentence.text for sentence in sentences), lang), page_lang)
    return "".join(_bilingual_html(sentence, page_lang) for sentence in sentences)


def _bilingual_html(shown: Bilingual, page_lang: str) -> str:
    """The text, in a span naming its language when that isn't the page's (Vietnamese
    standing in for a missing translation); with both languages the Vietnamese, then
    its English in a span of class "en"."""
    flag = _flag_html(shown)
    if shown.en is not None:
        return (f'<span lang="vi">{escape(shown.text.strip())}</span> '
                f'<span class="en">{escape(shown.en.strip())}{flag}</span>')
    if shown.lang == page_lang:
        return escape(shown.text) + flag
    return f'<span lang="{shown.lang}">{escape(shown.text)}</span>{flag}'


def _flag_html(shown: Bilingual) -> str:
    """digest.qa's flags on the English, after it: a marker a reader sees in any client."""
    if not shown.flags:
        return ""
    return f' <span class="flag" lang="en">{escape(shown.marker.strip())}</span>'


def _removed_html(digest: Digest, options: RenderOptions) -> str:
    labels = LABELS[options.lang]
    items = "".join(
        f"<li>{escape(labels.line)} {r.line}: {escape(printable(reason(r.why, options.lang)))}: "
        f"<code lang=\"vi\">{escape(printable(r.text[:80]))}</code></li>"
        for r in digest.article.removed
    )
    return f'<div class="removed"><h3>{escape(labels.removed)}</h3><ul>{items}</ul></div>'
