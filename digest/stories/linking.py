"""Which articles are one story: a same-event probability for each candidate pair, then
average-link grouping.

1. Candidate pairs share one of their rarer features (digest.stories.vectors).
2. Each pair gets a handful of measures: the TF-IDF cosine of the whole texts and of the
   heads (title and lead), the rarity of the names and of the figures both name, and the
   days between them. A logistic regression turns them into the probability that the two
   report one event. Its weights are package data (digest/data/story_pairs.json), fitted
   by bench/stories_fit.py on labelled pairs; no article text ships.
3. A pair is never linked when its dates lie further apart than the time window, nor when
   its headlines name different days ("Chứng khoán sáng 22/10", "... sáng 23/10": a daily
   report's issues are as alike as two articles get, and two events) or different foreign
   countries ("Động đất ở Indonesia", "Động đất ở Philippines").
4. Average-link agglomerative grouping: two groups merge while the mean probability over
   all their cross pairs (pairs never compared count 0) is at least the model's threshold,
   and never when it would put a pair of step 3 in one story.
"""
from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from digest.model import Digest
from digest.namefinder import foreign_countries
from digest.stories import dates
from digest.stories.vectors import Vectors, head_text

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatMatrix = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]

# Articles further apart than this are never one story. Chosen with the pair model by
# leave-one-set-out over the labelled topics sets (bench/stories_window.py, docs/stories.md; six
# sets, then seven, chose it both times):
# 14 days, where a follow-up (a charge, a verdict, a death toll) comes a week after the
# first report; the gap is also a measure of the model, so nearer is likelier still.
WINDOW_DAYS = 14
LINK_FLOOR = 0.02  # a pair less likely than this is kept as 0, like a pair never compared
# The measures of a pair (PairTable.x columns); a model uses some of them.
FEATURES = ("cosine", "head_cosine", "names", "figures", "gap")


@dataclass(frozen=True)
class PairModel:
    """Logistic weights over some FEATURES and the grouping threshold on the probability."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, x: FloatMatrix) -> FloatMatrix:
        import numpy as np

        columns = [FEATURES.index(name) for name in self.features]
        probability: FloatMatrix = 1 / (1 + np.exp(-(x[:, columns] @ np.asarray(self.weights) + self.bias)))
        return probability

    def to_dict(self) -> dict[str, object]:
        return {"features": list(self.features), "weights": list(self.weights), "bias": self.bias,
                "threshold": self.threshold}


@functools.cache
def shipped_model() -> PairModel:
    record = json.loads(resources.files("digest").joinpath("data/story_pairs.json").read_text(encoding="utf-8"))
    return PairModel(tuple(str(f) for f in record["features"]), tuple(float(w) for w in record["weights"]),
                     float(record["bias"]), float(record["threshold"]))


@dataclass(frozen=True)
class Pair:
    """Why two articles were (or weren't) linked."""

    similarity: float  # cosine of the whole texts
    probability: float  # that they report one event (0 when blocked)
    shared: tuple[str, ...]  # the shared names, figures and terms that weigh most
    gap_days: float | None  # None: one of them has no date
    blocked: str  # why the two may not be linked ("" when they may): see _block


@dataclass
class PairTable:
    """The candidate pairs of a run with their measures (one row each, FEATURES order) and
    why a pair may not be linked ("" when it may)."""

    left: IntArray
    right: IntArray
    x: FloatMatrix
    blocked: list[str]
    gaps: list[float | None]
    vectors: Vectors


def pair_table(digests: Sequence[Digest], window_days: float = WINDOW_DAYS) -> PairTable:
    import numpy as np

    vectors = Vectors.build(digests)
    left, right = vectors.candidates()
    cosine, names, figures = vectors.measures(left, right)
    head = Vectors.build(digests, head_text)
    head_cosine = head.measures(left, right)[0]
    del head
    days = [dates.day_key(d) for d in digests]
    headline_days = [_headline_days(d.article.title) for d in digests]
    headline_countries = [foreign_countries(d.article.title) for d in digests]
    gaps = [dates.gap(days[i], days[j]) for i, j in zip(left.tolist(), right.tolist(), strict=True)]
    blocked = [_block(g, window_days, headline_days[i], headline_days[j], headline_countries[i], headline_countries[j])
               for g, i, j in zip(gaps, left.tolist(), right.tolist(), strict=True)]
    scale = max(window_days, 1.0) if math.isfinite(window_days) else float(WINDOW_DAYS)
    # An undated pair is read as the same day: compared by its texts alone.
    gap_feature = np.array([min(g, scale) / scale if g is not None else 0.0 for g in gaps])
    x = np.column_stack([cosine, head_cosine, np.log1p(names), np.log1p(figures), gap_feature]
                        ).astype(np.float64).reshape(len(left), len(FEATURES))
    return PairTable(left, right, x, blocked, gaps, vectors)


def cluster(digests: Sequence[Digest], model: PairModel | None = None, window_days: float = WINDOW_DAYS,
            ) -> tuple[list[list[int]], dict[tuple[int, int], Pair]]:
    """Groups of indices into `digests` (each group sorted, groups by first member) and the
    pairs a reader may ask about, keyed (i, j) with i < j: those inside each group, and
    each lone article's nearest."""
    n = len(digests)
    if n < 2:
        return [[i] for i in range(n)], {}
    model = model or shipped_model()
    table = pair_table(digests, window_days)
    probability = linked_probability(table, model)
    groups = average_link(n, links(table, probability), model.threshold, kept_apart(table, probability))
    return groups, _pairs_to_explain(table, probability, groups)


def linked_probability(table: PairTable, model: PairModel) -> FloatMatrix:
    import numpy as np

    probability = model.probability(table.x)
    probability[np.array([bool(b) for b in table.blocked], bool).reshape(len(probability))] = 0.0
    return probability


def links(table: PairTable, probability: FloatMatrix) -> dict[tuple[int, int], float]:
    import numpy as np

    keep = np.flatnonzero(probability >= LINK_FLOOR)
    return {(int(table.left[k]), int(table.right[k])): float(probability[k]) for k in keep}


def kept_apart(table: PairTable, probability: FloatMatrix | None = None) -> list[tuple[int, int]]:
    """The pairs that may never be in one story (see _block); given the probabilities, only
    those whose two articles both have a link (no other pair can come to matter)."""
    import numpy as np

    rows = np.flatnonzero(np.array([bool(why) for why in table.blocked], bool).reshape(len(table.blocked)))
    if probability is not None:
        linked = np.zeros(len(table.vectors.ids), bool)
        strong = probability >= LINK_FLOOR
        linked[table.left[strong]] = linked[table.right[strong]] = True
        rows = rows[linked[table.left[rows]] & linked[table.right[rows]]]
    return [(int(table.left[k]), int(table.right[k])) for k in rows]


def _pairs_to_explain(table: PairTable, probability: FloatMatrix, groups: list[list[int]],
                      ) -> dict[tuple[int, int], Pair]:
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    lone = {members[0] for members in groups if len(members) == 1}
    nearest: dict[int, int] = {}  # lone article -> row of its most likely partner
    wanted: list[int] = []
    for k, (i, j) in enumerate(zip(table.left.tolist(), table.right.tolist(), strict=True)):
        if group_of[i] == group_of[j]:
            wanted.append(k)
        for a in (i, j):
            if a in lone and (a not in nearest or _rank(table, probability, k) > _rank(table, probability, nearest[a])):
                nearest[a] = k
    pairs = {}
    for k in [*wanted, *nearest.values()]:
        i, j = int(table.left[k]), int(table.right[k])
        pairs[(i, j)] = Pair(float(table.x[k, 0]), float(probability[k]), table.vectors.shared(i, j), table.gaps[k],
                             table.blocked[k])
    return pairs


def _rank(table: PairTable, probability: FloatMatrix, k: int) -> tuple[float, float]:
    return (float(probability[k]), float(table.x[k, 0]))


def _block(gap: float | None, window_days: float, days_a: frozenset[tuple[int, int]],
           days_b: frozenset[tuple[int, int]], countries_a: frozenset[str] = frozenset(),
           countries_b: frozenset[str] = frozenset()) -> str:
    if gap is not None and gap > window_days:
        return "further apart than the time window"
    if days_a and days_b and not days_a & days_b:
        return "their headlines name different days"
    if countries_a and countries_b and not countries_a & countries_b:
        return "their headlines name different countries"  # an earthquake in Indonesia, another in the Philippines
    return ""


_HEADLINE_DAY = re.compile(r"(?<![\d/.-])(\d{1,2})[/-](\d{1,2})(?![\d])")


def _headline_days(title: str) -> frozenset[tuple[int, int]]:
    """The days (day, month) a headline names: "Sáng 22/10", "ngày 2-9"."""
    found = set()
    for m in _HEADLINE_DAY.finditer(title):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.add((day, month))
    return frozenset(found)


def average_link(n: int, links: dict[tuple[int, int], float], threshold: float,
                 apart: Iterable[tuple[int, int]] = ()) -> list[list[int]]:
    """Average-link agglomerative clustering of n items over sparse similarities (absent
    pairs are 0): merge the two groups whose cross pairs have the highest mean
    similarity while that mean is at least `threshold`, never two groups with a pair in
    `apart` between them."""
    import heapq

    size = [1] * n
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    never: dict[int, set[int]] = {}
    for i, j in apart:
        never.setdefault(i, set()).add(j)
        never.setdefault(j, set()).add(i)
    for (i, j), s in links.items():
        sums[i][j] = sums[i].get(j, 0.0) + s
        sums[j][i] = sums[j].get(i, 0.0) + s
    heap = [(-s, i, j) for (i, j), s in links.items() if s >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        total = sums[a].get(b, 0.0)
        if abs(total / (size[a] * size[b]) + negative) > 1e-12 or b in never.get(a, ()):
            continue  # stale (the groups changed since this entry was pushed), or kept apart
        if size[a] < size[b]:
            a, b = b, a
        members[a] += members.pop(b)
        size[a] += size[b]
        for other in never.pop(b, set()):
            never[other].discard(b)
            never[other].add(a)
            never.setdefault(a, set()).add(other)
        for other, s in sums.pop(b).items():
            sums[other].pop(b, None)
            if other == a:
                continue
            sums[a][other] = sums[a].get(other, 0.0) + s
            sums[other][a] = sums[a][other]
        for other, s in sums[a].items():
            mean = s / (size[a] * size[other])
            if mean >= threshold:
                key = (min(a, other), max(a, other))
                heapq.heappush(heap, (-mean, key[0], key[1]))
    return sorted((sorted(group) for group in members.values()), key=lambda g: g[0])
