"""Boilerplate removal: the conventions of Vietnamese news pages, stated as rules.

The input is a sequence of lines (a text dump, or the blocks an HTML page yields).
The first line is the title unless the page's metadata gives one. Then each line is
either the article's own text or boilerplate, decided by the rules in order; every
dropped line is kept in Article.removed with its reason. Page metadata (PageHints) gives
the title and date first; the author and source of the article's own byline and credits
beat the page's.

One module a job, each stating its rules as an editor would:

    walk      clean_text and clean_lines: the walk over an article's lines, each line
              classified by the rules in order; related-news sections, the end of the
              text and what is still read after it, datelines and an aggregator's
              timestamp, repeats and pull quotes, the article's date
    glue      a crawl that lost its paragraph breaks, split into paragraphs again
    titles    the headline (or none, where the crawl lost it), location kickers, and the
              headlines of related articles set above or inside the text
    bylines   bylines, credits, names and agency markers: who wrote it, for which outlet
    captions  photo captions
    widgets   widgets, breadcrumbs, tags lines, reader prompts, related-news headers, links
    shapes    the shapes of a line every rule reads (key, words, capitals, sentence end)
    state     an input line, the page's hints, and the state of one walk

The names other modules, tests, bench and tools use are re-exported here, as
digest.clean.NAME. Each rule looks its helpers up in its own module: to replace one (in a
test), patch the module that calls it (digest.clean.bylines._is_person_name), not this one.
"""
from __future__ import annotations

from digest.clean.bylines import NAME_LABELS_LOOKED_UP as NAME_LABELS_LOOKED_UP
from digest.clean.bylines import _is_person_name as _is_person_name
from digest.clean.bylines import _unglue_names as _unglue_names
from digest.clean.bylines import byline_name as byline_name
from digest.clean.bylines import looks_like_person as looks_like_person
from digest.clean.bylines import split_name_and_outlet as split_name_and_outlet
from digest.clean.captions import CAPTION_ABOVE_WORDS as CAPTION_ABOVE_WORDS
from digest.clean.glue import _split_glued as _split_glued
from digest.clean.shapes import _ABBREVIATIONS as _ABBREVIATIONS
from digest.clean.state import Line as Line
from digest.clean.state import PageHints as PageHints
from digest.clean.walk import MULTI_SENTENCE_SHARE as MULTI_SENTENCE_SHARE
from digest.clean.walk import PULL_QUOTE_PARAGRAPHS as PULL_QUOTE_PARAGRAPHS
from digest.clean.walk import clean_lines as clean_lines
from digest.clean.walk import clean_text as clean_text
from digest.clean.widgets import is_breadcrumb as is_breadcrumb
