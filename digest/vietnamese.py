"""The conventions of Vietnamese news writing, as data.

Vocabularies and tunables that more than one stage reads (the cleaner, the HTML path, the
sentence splitter, dates), kept apart from the rules that use them, as trafilatura keeps
its `xpaths` and `settings`. Nothing here decides anything: the stage modules do. The word
lists themselves are data, in digest/data/news_vi.toml (digest.vocabulary); what each is
for is said here, beside its name.
"""

from __future__ import annotations

import re

from digest import vocabulary

# --- sections and widgets ---------------------------------------------------------------

# Section headers after which only other articles' headlines and ledes follow.
END_SECTIONS = vocabulary.word_list("news_vi", "end_sections")
# Boxes of related headlines that may sit in the middle of the body.
# "Xem video:" heads an embedded video: its title follows, headline-shaped.
BOX_SECTIONS = vocabulary.word_list("news_vi", "box_sections")
# The marks a page sets before its related links, which a crawl may glue to the byline
# above them ("Minh Anh - Hoàng Long >> Xem thêm", "Minh AnhHoàng Long>>"): markup, never
# part of a name.
RELATED_LINK_MARKS = vocabulary.word_list("news_vi", "related_link_marks")
# Whole lines that are share, contact, comment or navigation widgets (compared lower-cased).
WIDGET_LINES = vocabulary.words("news_vi", "widget_lines")

# --- abbreviations ------------------------------------------------------------------------

# Abbreviations that end in a full stop but not a sentence: they precede a name, a place or
# a number ("TP. HCM", "GS. Phan", "tr. 5", "Tp.HCM", "Mr. Kim", "NXB Trẻ"), written as
# the papers write them. Two readers use this one list:
# - the sentence splitter compares the word before a full stop as written (case matters,
#   so "Tp" is listed beside "TP"); a capital and one or two lowercase consonants ("Mr",
#   "Th", "Nxb") it knows by shape anyway;
# - the cleaner, splitting paragraphs a crawl glued together ("...tình nghi.Kẻ ..."),
#   compares the word lower-cased.
ABBREVIATIONS = vocabulary.words("news_vi", "abbreviations")
# Forms only one of the two readers spares, as each was tuned: "v" ("v.v.", etc.) ends a
# sentence for the splitter; "TX", "TT" and "Prof" were never spared in a glued paragraph.
NOT_SENTENCE_ABBREVIATIONS = vocabulary.words("news_vi", "not_sentence_abbreviations")
NOT_GLUE_ABBREVIATIONS = vocabulary.words("news_vi", "not_glue_abbreviations")

# --- agencies and outlets -----------------------------------------------------------------

# All-capitals abbreviations that open a lede without being an agency marker: titles
# ("PGS", "ThS") and institutions ("UBND", "THPT") the lede is about.
NOT_AGENCY_MARKERS = vocabulary.words("news_vi", "not_agency_markers")

# Words that name a news outlet (in a <title>, og:site_name, an author field).
OUTLET_WORDS = re.compile(
    r"\b(?:báo|online|news|express|plus|điện tử|tin tức|\.vn|\.net|\.com|vnexpress|dân trí|dantri"
    r"|tuổi trẻ|tuoi tre|thanh niên|thanh nien|zing|znews|ttxvn|vov|người lao động|nld|quốc tế"
    r"|công luận|vietnamnet|tiền phong|lao động|sggp|kenh14|24h|vtv|vtc|nhân dân|pháp luật|infonet)\b",
    re.I,
)
# Of those, the words any outlet's name may hold: not a brand by themselves.
GENERIC_OUTLET_WORDS = vocabulary.words("news_vi", "generic_outlet_words")
# What an outlet calls itself around its name: "Báo điện tử Tiền Phong", "Tuổi Trẻ Online".
OUTLET_PREFIX = re.compile(r"^(?:báo điện tử|báo|tạp chí điện tử|tạp chí|trang tin điện tử)\s+(?=\S)", re.I)
OUTLET_SUFFIX = re.compile(r"(?<!\s)\s+(?:online|điện tử)$", re.I)  # matched only from a run's start: linear

# --- punctuation and spacing --------------------------------------------------------------

SENTENCE_MARKS = ".!?…"  # the marks that end a sentence
CLOSING_QUOTES = "\"”"  # a quotation may close after the mark: 'nói: "Tôi đi."'
# A text that ends like a sentence (its last mark, a closing quote after it).
ENDS_LIKE_SENTENCE = re.compile("[" + re.escape(SENTENCE_MARKS + CLOSING_QUOTES) + r"]\s*$")

# A dateline ("Thứ sáu, 13/11/2020 09:53 AM - 0 Trả lời") is short; a longer line that holds
# a date is a sentence that mentions one.
DATELINE_MAX_CHARS = 90


def squash(text: str | None) -> str:
    """Spacing as a reader sees it: runs of any Unicode space (NBSP included) as one space,
    zero-width spaces dropped, ends trimmed. str.split() is several times faster than a
    regex here, and this runs for every text node of a page."""
    return " ".join((text or "").replace("\u200b", "").split())

# --- places (the byline cleaner) --------------------------------------------------------

# Vietnam's provinces and large cities: a byline word that is one is a dateline, not a
# reporter. The name finder's vocabularies (family names, titles, heads of bodies) are in
# digest/data/names_vi.toml, read by digest.namefinder.
PLACES = vocabulary.words("names_vi", "places")

# --- sentences that lean on the one before (digest.summarize) ------------------------------

# Openers that make a sentence lean on the one before it: a demonstrative or pronoun subject
# ("Ông này...", "Điều này..."), or a link back in time, place or argument ("Trong khi đó...",
# "cùng thời gian đó", "Tuy nhiên..."). Alone in a summary such a sentence reads as a
# non sequitur, so the summarizer brings its antecedent or leaves it out (issue 12).
# Compared lower-cased at the start of a sentence, opening quotes and dashes skipped, as
# whole words ("đây" leans; "đâylà" is no word, and "đầy" is another one).
LEANING_OPENERS = vocabulary.words("news_vi", "leaning_openers")
# A bare pronoun of address opening a sentence, followed by a lower-case word, stands for a
# person named before: "Ông cho biết..." leans, "Ông Nguyễn Văn An cho biết..." does not.
LEANING_PRONOUNS = vocabulary.words("news_vi", "leaning_pronouns")
# Openers that start like a leaning one and are whole nouns of their own: "Bà con" (people),
# "Anh em", "Cụ thể" (specifically), "Cô giáo".
NOT_LEANING_OPENERS = vocabulary.words("news_vi", "not_leaning_openers")
