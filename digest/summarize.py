"""Extractive summarizer: picks whole Vietnamese sentences from the article body.

Each sentence is scored by three things, then the best are taken greedily:

- centrality: TextRank over the sentences, linked by how many syllable unigrams and
  bigrams they share (Vietnamese words are mostly two syllables, so bigrams carry
  the words, unigrams the looser overlap);
- a lead prior: news puts the point first;
- similarity to the title: the editor's own summary of the article.

A sentence too like one already chosen is skipped, and so are fragments and run-ons
while there are other sentences to take. The summary keeps article order.
"""
from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Set as AbstractSet
from operator import mul

from .article import Article
from .sentences import split_sentences

# Weights of the three scores, each scaled to 0..1 before weighting. The lead prior
# and the title weigh most: news is written top-down, and the title is the editor's
# own one-line summary. Centrality breaks ties toward sentences the article keeps
# returning to. (Tuned on a 60-article dev set; scores stay flat within about
# +-50% of each weight, so the round numbers are not fitted closely.)
LEAD_WEIGHT = 1.0
TITLE_WEIGHT = 1.0
CENTRALITY_WEIGHT = 0.5

# TextRank's usual damping factor and a convergence bound for the power iteration.
DAMPING = 0.85
CONVERGENCE = 1e-6
MAX_ITERATIONS = 100

# Cosine similarity above which a sentence only repeats one already chosen.
DUPLICATE_SIMILARITY = 0.5

# Sentences outside this many syllables are fragments (subheadings, captions) or
# run-ons too long to read in a digest; they are taken only when nothing else is left.
MIN_SYLLABLES = 6
MAX_SYLLABLES = 50

_SYLLABLE = re.compile(r"[^\W_]+")

Gram = str | tuple[str, str]  # a syllable, or two in a row
Grams = Counter[Gram]


def summarize(article: Article, n: int = 3) -> list[str]:
    """Up to `n` whole sentences of the article's paragraphs, in article order."""
    sentences = [s for paragraph in article.paragraphs for s in split_sentences(paragraph)]
    if n <= 0:
        return []
    if len(sentences) <= n:
        return sentences
    words = [syllables(s) for s in sentences]
    grams = [ngrams(w) for w in words]
    scores = _scores(grams, article.title)
    chosen = _pick(grams, [_well_sized_words(w) for w in words], scores, n)
    return [sentences[i] for i in sorted(chosen)]


def syllables(text: str) -> list[str]:
    """Lowercased syllables, punctuation dropped ("TP.HCM" gives "tp", "hcm")."""
    return _SYLLABLE.findall(text.lower())


def ngrams(words: list[str]) -> Grams:
    """Syllable unigrams and bigrams with their counts."""
    grams: Grams = Counter(words)
    grams.update(itertools.pairwise(words))
    return grams


def cosine(a: Grams, b: Grams) -> float:
    return _cosine(a, _squared_norm(a), b, _squared_norm(b), a.keys() & b.keys())


def _cosine(a: Grams, a_norm: int, b: Grams, b_norm: int, shared: AbstractSet[Gram]) -> float:
    """cosine() with the squared norms and the shared grams already known; the dot
    product and norms are sums of integers, so the result doesn't depend on order."""
    if not shared:
        return 0.0
    dot = sum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))
    return float(dot / math.sqrt(a_norm * b_norm))


def _scores(grams: list[Grams], title: str) -> list[float]:
    # Norms and gram sets are computed once per sentence, and each pair once (the
    # similarity is symmetric).
    norms = [_squared_norm(g) for g in grams]
    keys = [frozenset(g) for g in grams]
    size = len(grams)
    similarity = [[0.0] * size for _ in range(size)]
    for i in range(size):
        row = similarity[i]
        for j in range(i + 1, size):
            row[j] = similarity[j][i] = _cosine(grams[i], norms[i], grams[j], norms[j], keys[i] & keys[j])
    centrality = _scaled(textrank(similarity))
    title_grams = ngrams(syllables(title))
    title_norm, title_keys = _squared_norm(title_grams), frozenset(title_grams)
    title_similarity = _scaled([_cosine(g, norm, title_grams, title_norm, k & title_keys)
                                for g, norm, k in zip(grams, norms, keys, strict=False)])
    return [
        LEAD_WEIGHT * lead_prior(position)
        + CENTRALITY_WEIGHT * centrality[position]
        + TITLE_WEIGHT * title_similarity[position]
        for position in range(size)
    ]


def lead_prior(position: int) -> float:
    """1 for the first sentence, 1/2 for the second, 1/3 for the third..."""
    return 1.0 / (1 + position)


def textrank(similarity: list[list[float]]) -> list[float]:
    """PageRank over a symmetric weighted graph, by power iteration."""
    size = len(similarity)
    if size == 0:
        return []
    out_weight = [sum(row) for row in similarity]
    rank = [1.0 / size] * size
    for _ in range(MAX_ITERATIONS):
        # What each sentence passes on per unit of link weight; the graph is symmetric,
        # so the weights into sentence i (column i) are row i.
        share = [r / w if w else 0.0 for r, w in zip(rank, out_weight, strict=False)]
        new_rank = [(1 - DAMPING) / size + DAMPING * sum(map(mul, row, share)) for row in similarity]
        change = sum(abs(new - old) for new, old in zip(new_rank, rank, strict=False))
        rank = new_rank
        if change < CONVERGENCE:
            break
    return rank


def _pick(grams: list[Grams], well_sized: list[bool], scores: list[float], n: int) -> list[int]:
    by_score = sorted(range(len(grams)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    for candidates in ([i for i in by_score if well_sized[i]], [i for i in by_score if not well_sized[i]]):
        for i in candidates:
            if len(chosen) == n:
                return chosen
            if all(cosine(grams[i], grams[j]) <= DUPLICATE_SIMILARITY for j in chosen):
                chosen.append(i)
    return chosen


def _well_sized_words(words: list[str]) -> bool:
    return MIN_SYLLABLES <= len(words) <= MAX_SYLLABLES


def _squared_norm(grams: Grams) -> int:
    return sum(map(mul, grams.values(), grams.values()))


def _scaled(values: list[float]) -> list[float]:
    """Divide by the largest value, so each score runs from 0 to 1."""
    top = max(values, default=0.0)
    return [v / top for v in values] if top > 0 else [0.0] * len(values)
