"""What two articles share: TF-IDF vectors over syllables, syllable bigrams, names and
figures, the candidate pairs worth comparing, and each pair's measures.

An article's features are its lowercased Vietnamese syllables and syllable bigrams
(Vietnamese words are mostly two syllables), plus two kinds that say *which* event it is:
names (capitalized spans of two or more syllables: "Yoon Suk Yeol", "Bộ Ngoại giao") and
figures ("26/4", "2018", "1.100"). The idf is fitted on the run. Candidate pairs come
from shared rare features only (a feature in at most `MAX_POSTING` articles), so a run
of 10,000 never compares all 50 million pairs, and they are found a block of articles at
a time, so memory grows with the articles, not with the pairs looked at.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from digest.model import Digest
from digest.namefinder import capitalized_names

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float32]
    ColumnArray = npt.NDArray[np.int32]
    IntArray = npt.NDArray[np.int64]

NAME_WEIGHT = 3.0  # a shared name says more about the event than a shared word
NUMBER_WEIGHT = 2.0  # so does a shared figure ("1.100 tỷ đồng", "26/4")
TITLE_REPEAT = 1  # the title's features count this many extra times in the full text
IDF_FLOOR = 0.25  # added to the idf scaled to 0..1: a term every article has keeps a little weight
PRIOR_DOCS = 1  # add-one smoothing of the document count, not a tuned constant
HEAD_SYLLABLES = 80  # the head of an article: its title and this many syllables of its lead

MAX_POSTING = 40  # a feature in more articles than this is too common to propose pairs
POSTED_FEATURES = 40  # each article posts its this many strongest rare features
MIN_PARTIAL = 0.02  # shared posted weight (a lower bound of the cosine) below which a pair is never one story
BLOCK = 512  # articles whose candidate pairs are found together

_SYLLABLE = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+(?:[.,/:]\d+)*")
# Feature ids: syllable unigrams are the syllable's id, bigrams pack two ids, and names
# and figures live in namespaces of their own (the high bits), so one int64 names any
# feature and numpy can sort, count and intersect them.
_BIGRAM = 1 << 40
_NAME = 1 << 60
_FIGURE = 1 << 61
_SHIFT = 20


def full_text(digest: Digest) -> list[str]:
    article = digest.article
    return [article.title] * (1 + TITLE_REPEAT) + list(article.paragraphs)


def head_text(digest: Digest) -> list[str]:
    """The title and the start of the lead: what an editor puts first says which event."""
    lead = " ".join(digest.article.paragraphs)
    spans = [m.end() for m in _SYLLABLE.finditer(lead)]
    cut = spans[HEAD_SYLLABLES - 1] if len(spans) >= HEAD_SYLLABLES else len(lead)
    return [digest.article.title, lead[:cut]]


class Vectors:
    """Each article's L2-normalised TF-IDF vector, kept light: only the features that some
    other article also has (the rest add to the norm but never to a cosine), as sorted
    columns (int32) into `feature_ids` (the run's features that two or more articles have,
    with their document frequencies `df` and idf scaled to 0..1 `rarity`) and float32
    weights."""

    def __init__(self, ids: list[ColumnArray], weights: list[FloatArray], feature_ids: IntArray, df: IntArray,
                 rarity: FloatArray, names: dict[int, str]):
        self.ids = ids
        self.weights = weights
        self.feature_ids = feature_ids
        self.df = df
        self.rarity = rarity
        self.names = names

    @classmethod
    def build(cls, digests: Sequence[Digest], text: Callable[[Digest], list[str]] = full_text) -> Vectors:
        import numpy as np

        # Two passes over the texts: the document frequencies first, a block at a time, then
        # each article's vector, kept to the features two or more articles have. Holding every
        # article's full feature list between the passes would cost ~10 KB an article.
        # The names found in the first pass are kept for the second (a few ids an article):
        # finding them is the dearest part of reading a text.
        vocabulary: dict[str, int] = {}
        df_ids, df = np.zeros(0, np.int64), np.zeros(0, np.int64)
        name_ids: list[IntArray] = []
        for start in range(0, len(digests), BLOCK):
            block = []
            for d in digests[start:start + BLOCK]:
                features, _, found = _features(text(d), vocabulary)
                block.append(features)
                name_ids.append(found)
            df_ids, df = _add_counts(df_ids, df, np.concatenate(block))
        # The idf is divided by the largest one the run can give (a feature of two
        # articles), so it runs 0..1 whatever the run's size and IDF_FLOOR is a share of
        # it: cosines mean the same in a run of 5 and of 10,000. PRIOR_DOCS is Laplace's
        # add-one: in a run of two a shared term still says something (log(4/3), not 0).
        docs = len(digests) + PRIOR_DOCS
        rarity = (np.log((1 + docs) / (1 + df)) / np.log((1 + docs) / 2)).astype(np.float32)
        idf_all = rarity + np.float32(IDF_FLOOR)
        common = df >= 2
        column_of = np.cumsum(common) - 1  # df_ids position -> column among the common features
        ids_list: list[ColumnArray] = []
        weights_list: list[FloatArray] = []
        for digest, found in zip(digests, name_ids, strict=True):
            ids, tf, _ = _features(text(digest), vocabulary, found)
            at = np.searchsorted(df_ids, ids)
            w = (1 + np.log(tf)) * idf_all[at] * _kind_weight(ids)
            norm = float(np.sqrt(np.dot(w, w)))
            keep = common[at]
            ids_list.append(column_of[at[keep]].astype(np.int32))
            weights_list.append((w[keep] / norm if norm else w[keep]).astype(np.float32))
        names = {i: s for s, i in vocabulary.items()}
        return cls(ids_list, weights_list, df_ids[common], df[common].astype(np.int64), rarity[common], names)

    def cosine(self, i: int, j: int) -> float:
        import numpy as np

        _, a, b = np.intersect1d(self.ids[i], self.ids[j], assume_unique=True, return_indices=True)
        return float(np.dot(self.weights[i][a], self.weights[j][b]))

    def measures(self, left: IntArray, right: IntArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        """For each pair (left[k], right[k]), sorted by left: the cosine, and the summed rarity
        (0..1 each) of the names and of the figures both articles have. One article at a
        time against all its partners at once (a pair at a time costs a numpy call each)."""
        import numpy as np

        kind = np.zeros(len(self.feature_ids), np.int8)
        kind[(self.feature_ids >= _NAME) & (self.feature_ids < _FIGURE)] = 1
        kind[self.feature_ids >= _FIGURE] = 2
        name_rarity = np.where(kind == 1, self.rarity, 0).astype(np.float32)
        figure_rarity = np.where(kind == 2, self.rarity, 0).astype(np.float32)
        out = np.zeros((3, len(left)), np.float32)
        dense = np.zeros(len(self.feature_ids), np.float32)  # article i's vector, spread out
        present = np.zeros(len(self.feature_ids), np.float32)
        if not len(left):
            return out[0], out[1], out[2]
        starts = np.flatnonzero(np.r_[True, left[1:] != left[:-1]])
        for start, end in zip(starts, [*starts[1:], len(left)], strict=True):
            i = int(left[start])
            partners = right[start:end]
            columns = np.concatenate([self.ids[j] for j in partners])
            weights = np.concatenate([self.weights[j] for j in partners])
            owner = np.repeat(np.arange(len(partners)), [len(self.ids[j]) for j in partners])
            dense[self.ids[i]] = self.weights[i]
            present[self.ids[i]] = 1
            out[0, start:end] = np.bincount(owner, weights=dense[columns] * weights, minlength=len(partners))
            shared = present[columns]
            out[1, start:end] = np.bincount(owner, weights=shared * name_rarity[columns], minlength=len(partners))
            out[2, start:end] = np.bincount(owner, weights=shared * figure_rarity[columns], minlength=len(partners))
            dense[self.ids[i]] = 0
            present[self.ids[i]] = 0
        return out[0], out[1], out[2]

    def shared(self, i: int, j: int, top: int = 6) -> tuple[str, ...]:
        """The shared features that add most to the pair's cosine, names and figures first."""
        import numpy as np

        common, a, b = np.intersect1d(self.ids[i], self.ids[j], assume_unique=True, return_indices=True)
        contribution = self.weights[i][a] * self.weights[j][b]
        order = np.argsort(-contribution, kind="stable")
        shown: list[str] = []
        for k in order:
            feature = int(self.feature_ids[common[k]])
            if feature < _BIGRAM:
                continue  # a lone syllable ("doanh") tells a reader little
            text = _feature_text(feature, self.names)
            if any(text in s for s in shown):
                continue  # "hàn quốc" after "tổng thống hàn quốc" says nothing new
            shown = [s for s in shown if s not in text]
            shown.append(text)
            if len(shown) == top:
                break
        return tuple(shown)

    def candidates(self) -> tuple[IntArray, IntArray]:
        """Pairs (left, right), left < right, sorted, that share one of their strongest rare
        features with enough shared weight to be worth measuring. Found BLOCK articles at a
        time, so the pairs in flight stay bounded whatever the run's size."""
        import numpy as np

        n = len(self.ids)
        posted = [self._posted(doc) for doc in range(n)]
        docs = np.concatenate([np.full(len(p[0]), d, np.int64) for d, p in enumerate(posted)]
                              or [np.zeros(0, np.int64)])
        features = np.concatenate([p[0] for p in posted] or [np.zeros(0, np.int32)])
        weights = np.concatenate([p[1] for p in posted] or [np.zeros(0, np.float32)])
        del posted
        order = np.lexsort((docs, features))
        docs, features, weights = docs[order], features[order], weights[order]
        ends = np.searchsorted(features, features, side="right")  # end of each entry's posting list
        found: list[IntArray] = []
        for low in range(0, n, BLOCK):
            at = np.flatnonzero((docs >= low) & (docs < low + BLOCK))
            counts = ends[at] - at - 1  # the later articles of the same posting list
            total = int(counts.sum())
            if not total:
                continue
            offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
            partner = np.repeat(at, counts) + 1 + offsets
            keys = np.repeat(docs[at], counts) * n + docs[partner]
            products = np.repeat(weights[at], counts) * weights[partner]
            unique, inverse = np.unique(keys, return_inverse=True)
            partial = np.bincount(inverse.ravel(), weights=products)
            found.append(unique[partial >= MIN_PARTIAL])
        keys = np.concatenate(found) if found else np.zeros(0, np.int64)
        keys.sort()
        return keys // n, keys % n

    def _posted(self, doc: int) -> tuple[ColumnArray, FloatArray]:
        import numpy as np

        ids, weights = self.ids[doc], self.weights[doc]
        rare = self.df[ids] <= max(MAX_POSTING, 2)  # every kept feature has df >= 2
        keep = np.argsort(-weights[rare], kind="stable")[:POSTED_FEATURES]
        return ids[rare][keep], weights[rare][keep]


def _add_counts(ids: IntArray, counts: IntArray, more: IntArray) -> tuple[IntArray, IntArray]:
    import numpy as np

    merged, inverse = np.unique(np.concatenate([ids, more]), return_inverse=True)
    total = np.bincount(inverse.ravel(), weights=np.concatenate([counts, np.ones(len(more), np.int64)]),
                        minlength=len(merged))
    return merged, total.astype(np.int64)


def _features(texts: list[str], vocabulary: dict[str, int], name_ids: IntArray | None = None,
              ) -> tuple[IntArray, FloatArray, IntArray]:
    """The text's features (syllables, syllable pairs, names, figures) and their counts,
    and its names' features apart; `name_ids`: those, found before."""
    import numpy as np

    text = "\n".join(texts)
    syllables = _SYLLABLE.findall(text.lower())  # a hyphen splits syllables too
    for syllable in dict.fromkeys(syllables):  # first-seen order: ids, and so ties, stay the same run to run
        if syllable not in vocabulary:
            vocabulary[syllable] = len(vocabulary)
    ids = np.fromiter(map(vocabulary.__getitem__, syllables), np.int64, len(syllables))
    grams = [ids]
    if len(ids) > 1:
        grams.append(_BIGRAM + (ids[:-1] << _SHIFT) + ids[1:])
    if name_ids is None:
        name_ids = np.array([_NAME + vocabulary.setdefault("\x00n" + name, len(vocabulary)) for name in _names(texts)],
                            np.int64)
    figures = [_FIGURE + vocabulary.setdefault("\x00f" + f, len(vocabulary)) for f in _NUMBER.findall(text)]
    grams += [name_ids, np.array(figures, np.int64)]
    unique, counts = np.unique(np.concatenate(grams), return_counts=True)
    return unique, counts.astype(np.float32), name_ids


def _names(texts: Iterable[str]) -> list[str]:
    """The names of the texts (two capitalized syllables or more, without openers, titles
    or calendar words: digest.namefinder, the one name finder), lowercased: "Tổng thống
    Hàn Quốc Yoon Suk Yeol" gives "hàn quốc yoon suk yeol"."""
    return [name.lower() for text in texts for name in capitalized_names(text)]


def _kind_weight(ids: IntArray) -> FloatArray:
    import numpy as np

    weight = np.ones(len(ids), np.float32)
    weight[(ids >= _NAME) & (ids < _FIGURE)] = NAME_WEIGHT
    weight[ids >= _FIGURE] = NUMBER_WEIGHT
    return weight


def _feature_text(feature: int, names: dict[int, str]) -> str:
    if feature >= _FIGURE:
        return names[feature - _FIGURE][2:]
    if feature >= _NAME:
        return names[feature - _NAME][2:].title()
    if feature >= _BIGRAM:
        packed = feature - _BIGRAM
        return f"{names[packed >> _SHIFT]} {names[packed & ((1 << _SHIFT) - 1)]}"
    return names[feature]

