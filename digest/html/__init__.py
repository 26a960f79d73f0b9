"""Saved HTML news pages -> Article.

The page is parsed once into an lxml tree, and each job reads that tree:
- `metadata`: headline, date, author, outlet and credit from the page head and dateline;
- `main_block`: where the article is (readability-lxml, else a density rule) and its headline;
- `blocks`: the main block (and a sapo outside it) as text blocks, with what the markup
  says is not text (captions, widgets, link boxes, data tables) marked with its reason;
then this module hands the blocks to the same Vietnamese rules as for plain text
(digest.clean), which decide what is the article's own text. Every dropped block is
kept in Article.removed with its reason.

Every page gets a budget: the text of scripts and styles is dropped before anything
else, readability only runs on a page whose remaining markup is under
main_block.READABILITY_MAX_CHARS (the density rule picks the block otherwise), and a
block holding more text than any article (ARTICLE_MAX_CHARS) is refused.
"""

from __future__ import annotations

from digest import clean
from digest.errors import InputError
from digest.html.blocks import Block, preamble_blocks, read_blocks
from digest.html.main_block import drop_before, find_main_block, headline_before
from digest.html.metadata import PageMeta, page_dateline, page_metadata
from digest.html.tree import contains, drop_unreadable, parse
from digest.model import Article, RemovedLine, Source

__all__ = ["ARTICLE_MAX_CHARS", "extract_article"]

ARTICLE_MAX_CHARS = 1_000_000  # no news article holds a megabyte of text


def extract_article(source: Source) -> Article:
    """Main block -> blocks -> the Vietnamese text rules. Raises InputError."""
    try:
        return _extract(source)
    except RecursionError:
        raise InputError(f"{source.path}: page is nested too deeply to read") from None


def _extract(source: Source) -> Article:
    root = parse(source.path, source.text)
    meta = page_metadata(root)
    drop_unreadable(root)
    main = find_main_block(root, len(source.text))
    if main is None:
        raise InputError(f"{source.path}: no article found (no block of article text)")
    if len(main.text_content()) > ARTICLE_MAX_CHARS:
        raise InputError(f"{source.path}: no article found (the main block holds over a megabyte of text)")
    anchor = headline_before(root, main, meta.title)
    dateline = page_dateline(root, anchor)
    if anchor is not None and contains(main, anchor):
        drop_before(anchor, main)
    found = preamble_blocks(root, anchor, main) + read_blocks(main)
    return _to_article(source.path, found, meta, dateline)


def _to_article(path: str, found: list[Block], meta: PageMeta, dateline: str | None) -> Article:
    lines: list[clean.Line] = []
    removed: list[RemovedLine] = []
    for number, block in enumerate(found, start=1):
        if block.why:
            removed.append(RemovedLine(number, block.text, block.why))
        else:
            lines.append(clean.Line(number, block.text))
    if not lines:
        raise InputError(f"{path}: no article found (only captions and widgets in the main block)")
    date = meta.date
    if dateline and (not date or (len(date) == 10 and dateline.startswith(date)) or len(dateline) > 10):
        # The page prints its date and time by the headline: as printed, it beats metadata
        # that says otherwise (a CMS's time of indexing or of another time zone).
        date = dateline
    hints = clean.PageHints(title=meta.title, date=date, author=meta.author, source=meta.credit or meta.site)
    try:
        article = clean.clean_lines(lines, path, hints)
    except InputError:
        raise InputError(f"{path}: no article found (no article text on the page)") from None
    article.removed = sorted(article.removed + removed, key=lambda r: r.line)
    return article
