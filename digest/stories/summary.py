"""A story's summary: the earliest article's lead, then what the later articles add.

News puts the point first, and the first report of an event usually says most of what
the others repeat; so the summary opens with the first `LEAD_KEEP` sentences of the
earliest distinct article, then adds the sentences that carry most of what the story's
articles agree on and the summary does not say yet: each time, the sentence with the most
uncovered word pairs (syllable bigrams) that two or more of the articles share, each pair
weighted by how many do (Gillick and Favre's concept coverage, chosen greedily; no
sentence too like one already chosen), until the summary holds its syllable budget. Where
no shared pair is left, centrality (with a lead prior) picks the rest. The lead is taken
as written: its sentences are not tested against each other as repeats (an article's
opening sentences share its subject without repeating each other), unless one restates
another almost word for word (a body that opens with its sapo). Never chosen: a
crosshead (a short paragraph without a closing stop), a photo caption ("... Ảnh: AFP",
and a short sentence just before a credit: "Xác cá voi dạt lên bờ biển. Ảnh: Minh Hải"),
and a sentence that leans on the one before it ("Theo bộ trên, …", "Ông cho biết …")
unless that one is chosen too.
Constants: bench/stories_eval.py, leave-stories-out cross-validation.
"""
from __future__ import annotations

import functools
import itertools
import re
from typing import TYPE_CHECKING, Any

from digest import config
from digest.model import Digest
from digest.sentences import split_sentences

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    IntArray = npt.NDArray[np.int64]

DEFAULT_STORY_SENTENCES = config.DEFAULT_STORY_SENTENCES
LEAD_KEEP = 2  # sentences of the earliest article's lead that open the summary (chosen by CV)
LEAD_WEIGHT = 0.5  # within an article, a prior 1, 1/2, 1/3 … by position
CENTRALITY_WEIGHT = 4.0  # what several articles of the story keep saying
SUMMARY_DUPLICATE = 0.6  # cosine above which a sentence repeats one already chosen (chosen by CV)
# How the sentences after the lead are chosen: "coverage" (what the articles share, see
# above) or "centrality" (by TextRank centrality and the lead prior alone: digest before
# issue 21's second round; bench/stories_eval.py compares the two on the same folds).
ADDITIONS = "coverage"
SHARED_BY = 2  # articles that must say a word pair for it to count
LEAD_SENTENCES = 12  # sentences of each article that may enter the story summary
MIN_SYLLABLES, MAX_SYLLABLES = 8, 100  # fragments and run-ons are taken only as a last resort
# Stop adding sentences once the summary holds this many syllables per requested sentence
# (35 x 5 = 175, the human summaries' median length; 0: the sentence count alone).
SYLLABLES_PER_SENTENCE = 35

# Within the earliest article's lead, a sentence this like one chosen before it restates it
# (near word for word) and ends the lead. Not fitted; the lead used to stop at
# SUMMARY_DUPLICATE (bench/stories_eval.py's "before"), which cut leads whose sentences
# merely share their subject.
LEAD_REPEAT = 0.8

CROSSHEAD_SYLLABLES = 15  # a paragraph this short without a closing stop is a sub-heading
# A sentence this short just before a photo credit ("... . Ảnh: AFP") is the photo's caption
# (0: only the sentence holding the credit is a caption, as bench/stories_eval.py's "before").
CAPTION_SYLLABLES = CROSSHEAD_SYLLABLES
_STOP = re.compile(r"[.!?…:;\"”')»]\s*$")
_MEDIA = r"(?:ảnh|ảnh minh họa|ảnh minh hoạ|video|clip|đồ họa|nguồn ảnh)\s*[:–-]"
_CAPTION = re.compile(r"(?:^|[\s.(])\(?" + _MEDIA, re.IGNORECASE)
_CREDIT_FIRST = re.compile(r"^\W*" + _MEDIA, re.IGNORECASE)  # a sentence that opens with a photo credit
# Openers that refer back to the sentence before: a connective ("Trong khi đó", "Tuy
# nhiên"), a noun phrase pointing back ("Theo bộ trên", "Vụ việc này", "Người này"), or a
# bare pronoun not followed by a name ("Ông cho biết", "Theo bà", "Họ").
_CONNECTIVE = re.compile(
    r"^\W*(?:trong khi đó|tuy nhiên|ngoài ra|bên cạnh đó|do đó|vì vậy|vì thế|như vậy|cũng theo|trước đó|"
    r"sau đó|khi đó|đồng thời|thêm vào đó|mặt khác|tương tự|cùng với đó|không chỉ vậy|đó là|điều này)\b", re.I)
_POINTING_BACK = re.compile(r"^\W*(?:\w+\s+){0,3}?\w+\s+(?:này|trên|nói trên|ấy|đó)\b[\s,]", re.I)
_PRONOUN = re.compile(r"(?:ông|bà|họ|theo\s+(?:anh|chị))\b[ \t]*(\w?)", re.IGNORECASE)
_OPENING = re.compile(r"^\W*")


def leans_back(sentence: str) -> bool:
    """Whether a sentence refers to the one before it and can't be read alone."""
    start = _OPENING.match(sentence)
    pronoun = _PRONOUN.match(sentence, start.end() if start else 0)
    bare = pronoun is not None and not pronoun.group(1).isupper()  # "Ông Nguyễn Văn An" names him
    return bool(_CONNECTIVE.match(sentence) or _POINTING_BACK.match(sentence) or bare)


def is_caption(sentence: str) -> bool:
    return bool(_CAPTION.search(sentence))


def candidate_sentences(digest: Digest) -> list[tuple[str, bool]]:
    """The article's first LEAD_SENTENCES sentences (and, in an updated article, its new
    or changed ones wherever they are), crossheads and captions left out, each with
    whether it leans on the sentence before it (the one before it in this list)."""
    news = set(digest.changes.added) if digest.changes is not None else set()
    kept: list[tuple[str, bool]] = []
    before = False  # whether the sentence before is kept: a sentence leaning on a missing one is not
    last: str | None = None  # the sentence just before, when it is the last one kept

    def caption_before(text: str) -> None:
        """A short sentence just before a photo credit is the photo's caption: not kept."""
        if last is not None and _CREDIT_FIRST.match(text) and len(last.split()) <= CAPTION_SYLLABLES:
            kept.pop()

    for paragraph in digest.article.paragraphs:
        if len(paragraph.split()) <= CROSSHEAD_SYLLABLES and not _STOP.search(paragraph):
            caption_before(paragraph)  # a credit standing alone ("Ảnh: Minh Hải")
            before, last = False, None  # a crosshead
            continue
        for sentence in split_sentences(paragraph):
            caption_before(sentence)
            leaning = leans_back(sentence)
            if is_caption(sentence) or (leaning and not before):
                before, last = False, None
                continue
            last = None
            if len(kept) < LEAD_SENTENCES or sentence in news:
                kept.append((sentence, leaning))
                last = sentence
            before = True
    if not kept:
        kept = [(s, False) for s in digest.summary]
    return kept


def story_summary(distinct: list[Digest], n: int = DEFAULT_STORY_SENTENCES) -> list[str]:
    """Up to `n` sentences of the story's distinct articles (oldest first): the earliest
    article's first LEAD_KEEP sentences, then what the others add, in date order, then
    article order; no sentence is added once they hold SYLLABLES_PER_SENTENCE x n
    syllables."""
    import numpy as np

    from digest.summarize import syllables

    sentences: list[tuple[int, int, str, bool]] = []  # (article rank, position, sentence, leans back)
    for rank, digest in enumerate(distinct):
        sentences += [(rank, position, s, leaning) for position, (s, leaning) in enumerate(candidate_sentences(digest))]
    if n <= 0 or not sentences:
        return []
    words = [syllables(s[2]) for s in sentences]
    similarity = _similarity_matrix(words)
    central = _textrank(similarity)
    central = central / central.max() if central.max() > 0 else central
    scores = [LEAD_WEIGHT / (1 + position) + CENTRALITY_WEIGHT * float(central[k])
              for k, (_, position, _, _) in enumerate(sentences)]
    well_sized = [MIN_SYLLABLES <= len(w) <= MAX_SYLLABLES for w in words]
    budget = SYLLABLES_PER_SENTENCE * n if SYLLABLES_PER_SENTENCE else None
    chosen: list[int] = []
    total = 0

    def full() -> bool:
        return len(chosen) == n or (budget is not None and total >= budget)

    def fits(k: int) -> bool:
        return not _leans_alone(sentences, chosen, k) and (
            not chosen or float(np.max(similarity[k, chosen])) <= SUMMARY_DUPLICATE)

    for k in range(len(sentences)):  # the earliest article's lead, in order, as written
        if (sentences[k][0] != 0 or sentences[k][1] >= LEAD_KEEP or full() or _leans_alone(sentences, chosen, k)
                or (chosen and float(np.max(similarity[k, chosen])) > LEAD_REPEAT)):
            break
        chosen.append(k)
        total += len(words[k])
    # An updated article's new or changed sentences come next, even where they restate a
    # fact of the lead ("4 dead" after "3 dead"): for a reader who had the story, they are the news.
    news = {s for d in distinct if d.changes is not None for s in d.changes.added}
    for k in range(len(sentences)):
        if sentences[k][2] in news and k not in chosen and not full() and not _leans_alone(sentences, chosen, k):
            chosen.append(k)
            total += len(words[k])
    if ADDITIONS == "coverage":
        pairs = [_pairs(w) for w in words]
        weights = _shared_pairs(sentences, pairs)
        covered = set().union(*(pairs[k] for k in chosen))
        while not full():
            gains = [(sum(weights.get(p, 0) for p in pairs[k] - covered), -k) for k in range(len(sentences))
                     if well_sized[k] and k not in chosen and fits(k)]
            best = max(gains, default=(0, 0))
            if best[0] <= 0:
                break  # nothing shared left to say: centrality picks the rest
            chosen.append(-best[1])
            total += len(words[-best[1]])
            covered |= pairs[-best[1]]
    by_score = sorted(range(len(sentences)), key=lambda k: (-scores[k], k))
    for candidates in ([k for k in by_score if well_sized[k]], [k for k in by_score if not well_sized[k]]):
        for k in candidates:
            if full():
                break
            if k not in chosen and fits(k):
                chosen.append(k)
                total += len(words[k])
    lead = [k for k in chosen if sentences[k][0] == 0 and sentences[k][1] < LEAD_KEEP]
    return [sentences[k][2] for k in [*lead, *sorted(k for k in chosen if k not in lead)]]


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    lower = [w.lower() for w in words]
    return set(itertools.pairwise(lower))


def _shared_pairs(sentences: list[tuple[int, int, str, bool]],
                  pairs: list[set[tuple[str, str]]]) -> dict[tuple[str, str], int]:
    """Each word pair that SHARED_BY or more of the story's articles say (among their
    candidate sentences; `pairs`: each sentence's), with how many do."""
    by_article: dict[int, set[tuple[str, str]]] = {}
    for (rank, _, _, _), sentence_pairs in zip(sentences, pairs, strict=True):
        by_article.setdefault(rank, set()).update(sentence_pairs)
    counts: dict[tuple[str, str], int] = {}
    for article_pairs in by_article.values():
        for pair in article_pairs:
            counts[pair] = counts.get(pair, 0) + 1
    return {pair: n for pair, n in counts.items() if n >= SHARED_BY}


def _leans_alone(sentences: list[tuple[int, int, str, bool]], chosen: list[int], k: int) -> bool:
    """Whether sentence k leans on the one before it in its article, and that one is not chosen."""
    return sentences[k][3] and (k == 0 or k - 1 not in chosen or sentences[k - 1][0] != sentences[k][0])


def _similarity_matrix(words: list[list[str]]) -> Any:
    """Cosine similarity of every pair of sentences over syllable unigram and bigram counts
    (digest.summarize's measure), zero diagonal, as one matrix product over the grams that
    more than one sentence has (the others add to the norms only)."""
    import numpy as np

    vocabulary: dict[str, int] = {}
    rows: list[IntArray] = []
    grams: list[IntArray] = []
    for r, w in enumerate(words):
        for syllable in w:
            if syllable not in vocabulary:
                vocabulary[syllable] = len(vocabulary)
        ids = np.fromiter(map(vocabulary.__getitem__, w), np.int64, len(w))
        both = np.concatenate([ids, (ids[:-1] + 1) * (1 << 32) + ids[1:]]) if len(ids) > 1 else ids
        grams.append(both)
        rows.append(np.full(len(both), r, np.int64))
    size = len(words)
    if not vocabulary:
        return np.zeros((size, size), np.float32)
    row, gram = np.concatenate(rows), np.concatenate(grams)
    order = np.lexsort((gram, row))
    row, gram = row[order], gram[order]
    first = np.flatnonzero(np.r_[True, (row[1:] != row[:-1]) | (gram[1:] != gram[:-1])])
    counts = np.diff(np.r_[first, len(row)])
    row, gram = row[first], gram[first]
    norms = np.sqrt(np.bincount(row, weights=counts.astype(np.float64) ** 2, minlength=size))
    norms[norms == 0] = 1
    # Only grams that more than one sentence has add to a dot product: each such gram adds
    # the product of its two weights to every pair of sentences holding it (summed with
    # bincount, no BLAS: its threads crawl on a loaded two-core machine).
    value = counts / norms[row]
    order = np.argsort(gram, kind="stable")
    row, gram, value = row[order], gram[order], value[order]
    starts = np.flatnonzero(np.r_[True, gram[1:] != gram[:-1]])
    lengths = np.diff(np.r_[starts, len(gram)])
    total = np.zeros(size * size, np.float64)
    for length in np.unique(lengths[lengths > 1]):
        first = starts[lengths == length]
        slots = first[:, None] + np.arange(length)[None, :]
        left, right = _upper_pairs(int(length))
        a, b = row[slots[:, left]].ravel(), row[slots[:, right]].ravel()
        total += np.bincount(a * size + b, weights=(value[slots[:, left]] * value[slots[:, right]]).ravel(),
                             minlength=size * size)
    upper = total.reshape(size, size)
    similarity = (upper + upper.T).astype(np.float32)
    np.fill_diagonal(similarity, 0)
    return similarity


@functools.lru_cache(maxsize=256)
def _upper_pairs(size: int) -> tuple[Any, Any]:
    """np.triu_indices(size, 1), kept: the same few sizes come up thousands of times."""
    import numpy as np

    return np.triu_indices(size, 1)


def _textrank(similarity: Any) -> Any:
    """PageRank over the sentence graph (digest.summarize.textrank's damping and stopping
    rule), by power iteration on the dense matrix: a story has at most a few hundred
    sentences."""
    import numpy as np

    from digest.summarize import CONVERGENCE, DAMPING, MAX_ITERATIONS

    weights = similarity.astype(np.float64)
    size = len(weights)
    out_weight = weights.sum(axis=1)
    safe = np.where(out_weight > 0, out_weight, 1.0)
    rank = np.full(size, 1.0 / size)
    for _ in range(MAX_ITERATIONS):
        share = np.where(out_weight > 0, rank / safe, 0.0)
        new_rank = (1 - DAMPING) / size + DAMPING * (weights @ share)
        change = float(np.abs(new_rank - rank).sum())
        rank = new_rank
        if change < CONVERGENCE:
            break
    return rank
