"""Markdown: a heading per article, its metadata as a list, the summary as bullets."""

from __future__ import annotations

from collections.abc import Sequence

from digest.article import Digest
from digest.render.common import LABELS, briefing_title, full_text, meta_pairs, summary, title
from digest.render.options import RenderOptions


def article(digest: Digest, options: RenderOptions, level: int = 1) -> str:
    """One article's digest under a heading of `level` (1 for an --out file)."""
    labels = LABELS[options.lang]
    lines = [f"{'#' * level} {title(digest, options.lang).one_line()}", ""]
    lines += [f"- **{name}:** {value}" for name, value in meta_pairs(digest, options)]
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


def briefing(digests: Sequence[Digest], options: RenderOptions) -> str:
    """The briefing header, then each article (in the order given) under a level-2 heading."""
    parts = [f"# {briefing_title(digests, options)}", ""]
    for digest in digests:
        parts.append(article(digest, options, level=2))
    return "\n".join(parts).rstrip() + "\n"
