"""Plain text wrapped at 78 columns, for a terminal or the text part of an email."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from digest.article import Digest
from digest.render.common import LABELS, Bilingual, briefing_title, full_text, meta_pairs, summary, title
from digest.render.options import RenderOptions

TEXT_WIDTH = 78


def article(digest: Digest, options: RenderOptions) -> str:
    """One article's digest: its title underlined with '=', then its fields, wrapped."""
    labels = LABELS[options.lang]
    heading = title(digest, options.lang).one_line()
    lines = [*_wrap(heading), "=" * min(TEXT_WIDTH, len(heading))]
    for name, value in meta_pairs(digest, options):
        lines += _wrap(f"{name}: {value}", subsequent="    ")
    lines += ["", f"{labels.summary}:"]
    for sentence in summary(digest, options.lang):
        if sentence.en is None:
            lines += _wrap(sentence.text.strip() + sentence.marker, initial="  * ", subsequent="    ")
        else:
            lines += _wrap(sentence.text.strip(), initial="  * ", subsequent="    ")
            lines += _wrap(sentence.en.strip() + sentence.marker, initial="    ", subsequent="    ")
    for paragraph in full_text(digest, options.lang):
        lines.append("")
        lines += _paragraph(paragraph)
    if options.explain:
        lines += ["", f"{labels.removed}:"]
        for r in digest.article.removed:
            lines += _wrap(f"line {r.line}: {r.why}: {r.text[:80]}", initial="  - ", subsequent="    ")
    return "\n".join(lines).rstrip() + "\n"


def briefing(digests: Sequence[Digest], options: RenderOptions) -> str:
    """The briefing header underlined with '#', then each article in the order given."""
    header = briefing_title(digests, options)
    parts = [*_wrap(header), "#" * min(TEXT_WIDTH, len(header)), ""]
    for digest in digests:
        parts += [article(digest, options)]
    return "\n".join(parts).rstrip() + "\n"


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
