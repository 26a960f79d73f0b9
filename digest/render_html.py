"""The HTML briefing: one self-contained page (inline CSS, no scripts, no external
resources) that reads well on a phone. It lays out the same fields as the Markdown
and text renderers, through the same helpers in digest.render.
"""
from __future__ import annotations

from html import escape

from digest.article import Digest
from digest.render import (
    LABELS,
    RenderOptions,
    _meta_pairs,
    briefing_title,
    full_text_lines,
    summary_lines,
    title_of,
)

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


def briefing_html(digests: list[Digest], options: RenderOptions, single: bool = False) -> str:
    """The whole page. With `single` the page is one article's digest (an --out file):
    the article's title is the page's heading; otherwise a briefing header with the
    date and the count comes first and each article is a section under it."""
    if single:
        heading = title_of(digests[0], options.lang) if digests else briefing_title(digests, options)
        body = [_article_html(d, options, heading_level=1) for d in digests]
    else:
        heading = briefing_title(digests, options)
        body = [f"<h1>{escape(heading)}</h1>"] + [_article_html(d, options, heading_level=2) for d in digests]
    return _page(heading, "\n".join(body), options)


def _page(title: str, body: str, options: RenderOptions) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_page_lang(options)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="digest">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{STYLE}</style>\n"
        "</head>\n"
        "<body>\n<main>\n"
        f"{body}\n"
        "</main>\n</body>\n</html>\n"
    )


def _page_lang(options: RenderOptions) -> str:
    return "vi" if options.lang == "vi" else "en"


def _article_html(digest: Digest, options: RenderOptions, heading_level: int) -> str:
    labels = LABELS[options.lang]
    tag = f"h{heading_level}"
    parts = ["<article>", f"<{tag}>{_title_html(digest, options)}</{tag}>", _meta_html(digest, options)]
    parts.append(f"<h3>{escape(labels.summary)}</h3>")
    parts.append("<ul>" + "".join(f"<li>{_bilingual_html(line, digest, options)}</li>"
                                  for line in summary_lines(digest, options.lang)) + "</ul>")
    full = full_text_lines(digest, options.lang)
    if full:
        parts.append('<div class="full">' + "".join(f"<p>{_bilingual_html(p, digest, options)}</p>" for p in full) + "</div>")
    if options.explain:
        parts.append(_removed_html(digest, options))
    parts.append("</article>")
    return "\n".join(parts)


def _title_html(digest: Digest, options: RenderOptions) -> str:
    if options.lang == "both" and digest.translation is not None:
        return (f'<span lang="vi">{escape(digest.article.title)}</span> '
                f'<span class="en">{escape(digest.translation.title.en)}</span>')
    return _in_lang(title_of(digest, options.lang), _text_lang(digest, options))


def _meta_html(digest: Digest, options: RenderOptions) -> str:
    rows = "".join(f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>" for name, value in _meta_pairs(digest, options))
    return f'<dl class="meta">{rows}</dl>'


def _bilingual_html(text: str, digest: Digest, options: RenderOptions) -> str:
    """A summary line or paragraph. With both languages summary_lines and
    full_text_lines give each Vietnamese sentence followed by "\\n  " and its English."""
    if options.lang != "both" or "\n" not in text:
        return _in_lang(text, _text_lang(digest, options))
    lines = text.split("\n")
    out = []
    for vi, en in zip(lines[::2], lines[1::2]):
        out.append(f'<span lang="vi">{escape(vi.strip())}</span> <span class="en">{escape(en.strip())}</span>')
    return "".join(out)


def _removed_html(digest: Digest, options: RenderOptions) -> str:
    labels = LABELS[options.lang]
    items = "".join(
        f"<li>line {r.line}: {escape(r.why)}: <code lang=\"vi\">{escape(r.text[:80])}</code></li>"
        for r in digest.article.removed
    )
    return f'<div class="removed"><h3>{escape(labels.removed)}</h3><ul>{items}</ul></div>'


def _text_lang(digest: Digest, options: RenderOptions) -> str | None:
    """The lang attribute an element needs when it differs from the page's."""
    if options.lang != "vi" and digest.translation is None:
        return "vi"  # no translation: the Vietnamese stands in an English page
    return None


def _in_lang(text: str, lang: str | None) -> str:
    if lang is None:
        return escape(text)
    return f'<span lang="{lang}">{escape(text)}</span>'
