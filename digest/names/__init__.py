"""Proper nouns of Vietnamese news text, and the ones a glossary lacks (`digest glossary suggest`).

Vietnamese writes a name as a run of capitalized syllables ("Nguyễn Xuân Phúc", "Hà Nội",
"Kim Jung-han"), except an organization's name, which capitalizes only the first syllable
of each word after its head ("Bộ Ngoại giao", "Cơ quan Tình báo Quốc gia"). So:

1. each sentence is cut into words; title phrases ("Tổng Bí thư", "thủ tướng") are set
   aside and tell that a person follows;
2. a head word of NAME_HEADS followed by a capitalized word starts an organization, which
   runs on word by word (a capital and at most one lower-case syllable, "và" between two
   words) and ends after a known place or before a person ("Bộ Y tế Nguyễn Thanh Long");
   a body's acronym ("UBND", "TAND", "THPT"; names_vi.toml's admin_acronyms), a level and
   a place or name is one body too ("UBND tỉnh Nghệ An", "TAND Cấp cao", "THPT Chu Văn An");
3. any other run of capitalized words is a name, split where a known place ends and a
   foreign name starts ("Nhật Bản Yoshihide Suga"), without honorifics ("HLV", "Ông");
4. a name followed by "(NIS)" gives that acronym its expansion;
5. a sentence's first word is capitalized anyway: a run that starts a sentence is taken
   as it stands only if the corpus has it mid-sentence too, or it looks like a name
   (a family name, a foreign word), and without its first word otherwise ("Theo ...").

Only names of two or more syllables are suggested (and acronyms the text expands): one
capitalized word is too often no name. The kind is guessed from the head word, the words
before the name ("ông", "tỉnh", "tại") and known places, by majority over the corpus.
Which words are names at all (sentence openers, titles, places and their English) is
digest.namefinder's to say, from the vocabularies under digest/data/; the figures are in
bench/suggest_eval.py. digest.names.reader reads one sentence, digest.names.corpus a corpus.
"""
from __future__ import annotations

from digest.names.corpus import CSV_HEADER as CSV_HEADER
from digest.names.corpus import Suggestion as Suggestion
from digest.names.corpus import find_names as find_names
from digest.names.corpus import read_sentences as read_sentences
from digest.names.corpus import suggest as suggest
from digest.names.corpus import suggestions as suggestions
from digest.names.corpus import write_csv as write_csv
from digest.names.corpus import write_text as write_text
from digest.names.reader import Found as Found
