"""The length flag: the English is neither far shorter nor far longer than its source warrants."""
from __future__ import annotations

import re

from digest.model import Flag

# English letters per Vietnamese letter in good translations: median 1.0 both on Tatoeba's
# short pairs and on IWSLT'15's TED talks (bench/qa_eval.py). Under _SHORT (about the 2nd
# percentile of short pairs) the English lost part of its source. One floor for every
# length: a floor that rose with length (0.71 at 100 letters, 0.77 at 250, fitted on TED)
# flagged 3% of professional news pairs, whose Vietnamese runs 30 to 50% longer than the
# English (issue 22); 1/1.5 is above _SHORT. _SLACK letters on each side keep a two-word
# sentence ("Tom khóc." / "Tom cried.") from being judged on its ratio alone. A cut-off
# sentence also shows as cut: it lacks the full stop its source has, or it ends on a word
# no English sentence ends on ("the", "and", "of", "it's"); then a smaller loss
# (_SHORT_CUT) is enough. Over _LONG, the English says more than its source.
_SHORT = 0.65
_SHORT_CUT = 1.0
_LONG = 2.4
_SLACK = 8
_FINAL_STOP = re.compile(r"[.!?…:;\"”’')\]]\s*$")
# Words that need what follows them: a sentence rarely ends on one. Articles, conjunctions,
# possessives and prepositions want a noun; auxiliaries and subject pronouns want a verb
# or a complement (bench/qa_eval.py: 89.1% -> 90.2% of truncations caught, false alarms
# 2.5% -> 3.4%); so do contracted auxiliaries ("it's", "we're": "Yes, it is." never
# contracts) and "because", "every", "his" (Tatoeba and TED: none of 3,800 good English
# sentences ends on one of these last).
_DANGLING_END = re.compile(r"\b(?:the|a|an|and|or|but|of|my|your|his|their|our|its|every|than|whose|to|for|from|"
                           r"into|because|very|is|are|was|were|am|will|would|can|could|should|must|shall|has|"
                           r"have|had|does|did|I|he|she|we|they|"
                           r"(?:it|that|there|what|he|she|who)['’]s|(?:we|you|they)['’]re|I['’]m|"
                           r"(?:I|we|you|they)['’](?:ve|ll|d))\W*$", re.IGNORECASE)


def length(vi: str, en: str) -> list[Flag]:
    vi_letters, en_letters = letters(vi), letters(en)
    ratio = (en_letters + _SLACK) / (vi_letters + _SLACK)
    cut = ((bool(_FINAL_STOP.search(vi)) and not _FINAL_STOP.search(en)) or bool(_DANGLING_END.search(en))
           or (vi.endswith("?") and not en.rstrip("\"”’' ").endswith("?")))  # a question cut and full-stopped
    if ratio < _SHORT or (ratio < _SHORT_CUT and cut):
        return [Flag("length", f"English {en_letters} letters for {vi_letters} of Vietnamese: cut short?")]
    if ratio > _LONG:
        return [Flag("length", f"English {en_letters} letters for {vi_letters} of Vietnamese: too long")]
    return []


def letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())
