"""Stories: the articles of a run that report the same event, grouped into one item.

summarize -> list[Digest] -> group_stories -> list[Story] -> translate -> render

1. Each article becomes a TF-IDF vector over its lowercased Vietnamese syllables and
   syllable bigrams (Vietnamese words are mostly two syllables), plus two kinds of
   features that say *which* event it is: names (capitalized spans of two or more
   syllables: "Yoon Suk Yeol", "Bộ Ngoại giao") and numbers ("26/4", "2018", "1.100").
   The title counts again, as the editor's own summary. The idf is fitted on the run.
2. Candidate pairs come from shared rare features only: each article posts its
   strongest features whose document frequency is at most a small cap, and only
   articles sharing a posting are compared (near-linear: a posting list holds at most
   `MAX_POSTING` articles, so a run of 10,000 never compares all 50 million pairs).
3. Each candidate pair gets its exact cosine; a pair whose dates lie further apart than
   the time window is never linked (a partial date "--04-17" is compared by day of the
   year; an undated article is compared by text alone), nor is a pair whose headlines
   name different days ("Chứng khoán sáng 22/10" and "... sáng 23/10": a daily report's
   issues are as alike as two articles get, and two events).
4. Average-link agglomerative grouping over that sparse graph: two groups merge while
   the mean similarity of all their cross pairs (pairs never compared count 0) is at
   least `THRESHOLD`.
5. In each story, near-duplicates (one wire story carried by several outlets) collapse
   into one article listing all its outlets; the story summary, timeline and title come
   from the distinct articles.

Constants were chosen by 5-fold cross-validation over the 50 stories of
../shared/clusters (bench/stories_eval.py: each fold's constants are fitted on the
other 40 stories and scored on its 10; the values below are the ones most folds chose),
never by fitting all 50 at once.

numpy is imported only when a run has more than one article.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from digest import config
from digest.model import Digest, Story, TimelineLine
from digest.sentences import split_sentences

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float32]
    ColumnArray = npt.NDArray[np.int32]
    IntArray = npt.NDArray[np.int64]

DEFAULT_STORY_SENTENCES = config.DEFAULT_STORY_SENTENCES  # defined once, in config

# -- grouping constants (5-fold CV on ../shared/clusters, see the module docstring) -------
THRESHOLD = 0.14  # mean cosine over cross pairs at which two groups are one story
WINDOW_DAYS = 3  # articles further apart than this are never one story
NAME_WEIGHT = 3.0  # a shared name says more about the event than a shared word
NUMBER_WEIGHT = 2.0  # so does a shared figure ("1.100 tỷ đồng", "26/4")
TITLE_REPEAT = 1  # the title's features count this many extra times
IDF_FLOOR = 0.25  # added to the idf scaled to 0..1 (Vectors.build): a term every article has keeps a little weight
PRIOR_DOCS = 1  # add-one smoothing of the document count (Vectors.build), not a tuned constant
DUPLICATE = 0.8  # cosine at which two articles are copies of one wire story

# -- candidate pairs ------------------------------------------------------------------
MAX_POSTING = 40  # a feature in more articles than this is too common to propose pairs
POSTED_FEATURES = 40  # each article posts its this many strongest rare features
MIN_PARTIAL = 0.005  # shared posted weight below which a pair isn't worth an exact cosine

# -- the story summary (5-fold CV on ../shared/clusters, like the grouping) -------------
LEAD_WEIGHT = 0.5  # news puts the point first: 1, 1/2, 1/3 … by position in its article
CENTRALITY_WEIGHT = 4.0  # what several articles of the story keep saying
EARLY_ARTICLE_WEIGHT = 0.0  # a prior for the first report of an event (CV: 0 in every fold, centrality does it)
SUMMARY_DUPLICATE = 0.6  # cosine above which a sentence repeats one already chosen (CV: 0.6 in every fold)
LEAD_SENTENCES = 12  # sentences of each article that may enter the story summary
SUMMARY_ARTICLES = 2  # draw the summary from this many articles first (0: from all)
MIN_SYLLABLES, MAX_SYLLABLES = 8, 100  # fragments and run-ons are taken only as a last resort
# Stop adding sentences once the summary holds this many syllables per requested sentence
# (35 x 5 = 175, the human summaries' median length; 0: the sentence count alone). Five
# sentences of two long reports run to ~210 syllables and lose precision (ROUGE-L most).
SYLLABLES_PER_SENTENCE = 35

_EMPTY_COUNTS: Any = ((), ())
_SYLLABLE = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+(?:[.,/:]\d+)*")
# Two or more capitalized words (letters first, hyphens join) separated by spaces or tabs.
_UPPER = "".join(c for c in map(chr, range(0x2C00)) if c.isupper() and c.isalpha())
_CAPITALIZED_WORD = f"[{_UPPER}][^\\W_]*(?:[-–][^\\W_]+)*"
_CAPITALIZED_RUN = re.compile(f"(?<![^\\W_])(?<![-–]){_CAPITALIZED_WORD}(?:[ \\t]+{_CAPITALIZED_WORD})+(?![^\\W_])")
# Sentence openers that are capitalized only because they open a sentence.
_NOT_NAME_START = frozenset({
    "các", "những", "theo", "ngày", "trong", "tại", "sau", "khi", "với", "về", "ông", "bà", "anh", "chị",
    "hôm", "sáng", "chiều", "tối", "đêm", "trước", "từ", "đến", "nhưng", "và", "tuy", "nếu", "đây", "đó",
    "việc", "cuộc", "thủ", "tổng", "phó", "bộ", "vụ", "giới", "một", "hai", "ba", "cả", "như",
})


# -- the stage --------------------------------------------------------------------------


def group_stories(digests: Sequence[Digest], story_sentences: int = DEFAULT_STORY_SENTENCES,
                  run_date: str = "", threshold: float = THRESHOLD, window_days: float = WINDOW_DAYS) -> list[Story]:
    """The stories of a run, in briefing order: most outlets first, then the newest.
    Every digest is in exactly one story. Needs the articles' paragraphs."""
    groups, pairs = cluster(digests, threshold, window_days)
    touching: dict[int, list[tuple[int, int]]] = {}
    for key in pairs:
        touching.setdefault(key[0], []).append(key)
        touching.setdefault(key[1], []).append(key)
    # each story sees only the pairs of its own articles (a run of 10,000 has ~100,000)
    stories = [_story(digests, members, {k: pairs[k] for i in members for k in touching.get(i, [])},
                      story_sentences, run_date) for members in groups]
    first = {id(story): members[0] for story, members in zip(stories, groups, strict=True)}
    order = _story_order(run_date)
    stories.sort(key=lambda story: (*order(story), first[id(story)]))
    for number, story in enumerate(stories, 1):
        story.id = f"s{number}"
    return stories


def single_stories(digests: Sequence[Digest]) -> list[Story]:
    """One story per article (--no-stories, or a run of one)."""
    return [_story(digests, [i], {}, DEFAULT_STORY_SENTENCES, "") for i in range(len(digests))]


@dataclass(frozen=True)
class Pair:
    """Why two articles were (or weren't) linked."""

    similarity: float
    shared: tuple[str, ...]  # the shared names, figures and terms that weigh most
    gap_days: float | None  # None: one of them has no date
    blocked: str  # why the two may not be linked ("" when they may): see _block


def cluster(digests: Sequence[Digest], threshold: float = THRESHOLD, window_days: float = WINDOW_DAYS,
            ) -> tuple[list[list[int]], dict[tuple[int, int], Pair]]:
    """Groups of indices into `digests` (each group sorted, groups by first member) and the
    pairs compared, keyed (i, j) with i < j."""
    n = len(digests)
    if n < 2:
        return [[i] for i in range(n)], {}
    vectors = Vectors.build(digests)
    days = [_day_key(d) for d in digests]
    headline_days = [_headline_days(d.article.title) for d in digests]
    pairs: dict[tuple[int, int], Pair] = {}
    links: dict[tuple[int, int], float] = {}
    for (i, j), similarity in zip(*vectors.candidate_cosines(), strict=True):
        gap = _gap(days[i], days[j])
        blocked = _block(gap, window_days, headline_days[i], headline_days[j])
        pairs[(i, j)] = Pair(similarity, (), gap, blocked)
        if not blocked and similarity > 0:
            links[(i, j)] = similarity
    groups = average_link(n, links, threshold)
    # Explanations are worked out only for the pairs a reader sees (the links in stories and
    # each lone article's nearest neighbour), not for every candidate pair.
    for key in _pairs_to_explain(digests, groups, pairs):
        pairs[key] = Pair(pairs[key].similarity, vectors.shared(*key), pairs[key].gap_days, pairs[key].blocked)
    return groups, pairs


def _block(gap: float | None, window_days: float, days_a: frozenset[tuple[int, int]],
           days_b: frozenset[tuple[int, int]]) -> str:
    if gap is not None and gap > window_days:
        return "further apart than the time window"
    if days_a and days_b and not days_a & days_b:
        # "Sáng 22/10: VN-Index ..." and "Sáng 23/10: ...": two issues of a daily report,
        # as alike as two articles get, and two events
        return "their headlines name different days"
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


def average_link(n: int, links: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Average-link agglomerative clustering of n items over sparse similarities (absent
    pairs are 0): merge the two groups whose cross pairs have the highest mean
    similarity while that mean is at least `threshold`."""
    import heapq

    size = [1] * n
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for (i, j), s in links.items():
        sums[i][j] = sums[i].get(j, 0.0) + s
        sums[j][i] = sums[j].get(i, 0.0) + s
    heap = [(-s, i, j) for (i, j), s in links.items() if s >= threshold]
    heapq.heapify(heap)
    version = [0] * n
    stamps: dict[tuple[int, int], tuple[int, int]] = {}
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        stamp = stamps.get((a, b))
        if stamp is not None and stamp != (version[a], version[b]):
            continue
        total = sums[a].get(b, 0.0)
        if abs(total / (size[a] * size[b]) + negative) > 1e-12:
            continue  # stale: the groups changed since this entry was pushed
        if size[a] < size[b]:
            a, b = b, a
        members[a] += members.pop(b)
        size[a] += size[b]
        version[a] += 1
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
                stamps[key] = (version[key[0]], version[key[1]])
                heapq.heappush(heap, (-mean, key[0], key[1]))
    return sorted((sorted(group) for group in members.values()), key=lambda g: g[0])


# -- vectors ----------------------------------------------------------------------------


class Vectors:
    """Each article's L2-normalised TF-IDF vector, kept light: only the features that some
    other article also has (the rest add to the norm but never to a cosine), as sorted
    columns (int32) into `feature_ids` (the features of the run that two or more articles
    have, with their document frequencies `df`) and float32 weights."""

    def __init__(self, ids: list[ColumnArray], weights: list[FloatArray], feature_ids: IntArray, df: IntArray,
                 names: dict[int, str]):
        self.ids = ids
        self.weights = weights
        self.feature_ids = feature_ids
        self.df = df
        self.names = names

    @classmethod
    def build(cls, digests: Sequence[Digest]) -> Vectors:
        import numpy as np

        vocabulary: dict[str, int] = {}
        counted: list[tuple[IntArray, FloatArray]] = []
        for digest in digests:
            counted.append(_features(digest, vocabulary))
        everything = np.concatenate([ids for ids, _ in counted]) if counted else np.zeros(0, np.int64)
        df_ids, df = np.unique(everything, return_counts=True)
        del everything
        n = len(digests)
        # The idf is divided by the largest one the run can give (a feature of two
        # articles), so it runs 0..1 whatever the run's size and IDF_FLOOR is a share of
        # it: cosines, and so THRESHOLD, mean the same in a run of 5 and of 10,000 (a raw
        # floor of 1 weighs shared topic words as much as names in a small run: it merged
        # all five seeds). PRIOR_DOCS is Laplace's add-one: the run is read beside one
        # article that has none of its terms, so in a run of two a shared term still says
        # something (log(4/3), not log(3/3) = 0); in a large run it changes nothing.
        docs = n + PRIOR_DOCS
        idf_all = (np.log((1 + docs) / (1 + df)) / np.log((1 + docs) / 2) + IDF_FLOOR).astype(np.float32)
        common = df >= 2
        column_of = np.cumsum(common) - 1  # df_ids position -> column among the common features
        ids_list: list[ColumnArray] = []
        weights_list: list[FloatArray] = []
        for k, (ids, tf) in enumerate(counted):
            at = np.searchsorted(df_ids, ids)
            w = (1 + np.log(tf)) * idf_all[at] * _kind_weight(ids)
            norm = float(np.sqrt(np.dot(w, w)))
            keep = common[at]
            ids_list.append(column_of[at[keep]].astype(np.int32))
            weights_list.append((w[keep] / norm if norm else w[keep]).astype(np.float32))
            counted[k] = _EMPTY_COUNTS  # let the article's full feature list go
        names = {i: s for s, i in vocabulary.items()}
        return cls(ids_list, weights_list, df_ids[common], df[common].astype(np.int64), names)

    def cosine(self, i: int, j: int) -> float:
        import numpy as np

        _, a, b = np.intersect1d(self.ids[i], self.ids[j], assume_unique=True, return_indices=True)
        return float(np.dot(self.weights[i][a], self.weights[j][b]))

    def candidate_cosines(self) -> tuple[list[tuple[int, int]], list[float]]:
        """The candidate pairs and their exact cosines, worked out one article at a time
        against all its later partners at once (a pair at a time costs a numpy call each)."""
        import numpy as np

        pairs = self.candidates()
        similarities: list[float] = []
        dense = np.zeros(len(self.feature_ids), np.float32)  # article i's vector, spread out
        start = 0
        while start < len(pairs):
            i = pairs[start][0]
            end = start
            while end < len(pairs) and pairs[end][0] == i:
                end += 1
            partners = [j for _, j in pairs[start:end]]
            columns = np.concatenate([self.ids[j] for j in partners])
            weights = np.concatenate([self.weights[j] for j in partners])
            owner = np.repeat(np.arange(len(partners)), [len(self.ids[j]) for j in partners])
            dense[self.ids[i]] = self.weights[i]
            dots = np.bincount(owner, weights=dense[columns] * weights, minlength=len(partners))
            dense[self.ids[i]] = 0
            similarities += dots.tolist()
            start = end
        return pairs, similarities

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

    def candidates(self) -> list[tuple[int, int]]:
        """Pairs (i, j), i < j, that share one of their strongest rare features, with enough
        shared weight to be worth an exact cosine."""
        import numpy as np

        n = len(self.ids)
        cap = max(MAX_POSTING, 2)
        posted_doc: list[IntArray] = []
        posted_feature: list[ColumnArray] = []
        posted_weight: list[FloatArray] = []
        for doc, (ids, weights) in enumerate(zip(self.ids, self.weights, strict=True)):
            rare = self.df[ids] <= cap  # every kept feature has df >= 2
            if not rare.any():
                continue
            rare_ids, rare_weights = ids[rare], weights[rare]
            keep = np.argsort(-rare_weights, kind="stable")[:POSTED_FEATURES]
            posted_doc.append(np.full(len(keep), doc, np.int64))
            posted_feature.append(rare_ids[keep])
            posted_weight.append(rare_weights[keep])
        if not posted_doc:
            return []
        docs = np.concatenate(posted_doc)
        features = np.concatenate(posted_feature)
        weights = np.concatenate(posted_weight)
        order = np.lexsort((docs, features))
        docs, features, weights = docs[order], features[order], weights[order]
        starts = np.flatnonzero(np.r_[True, features[1:] != features[:-1]])
        lengths = np.diff(np.r_[starts, len(features)])
        keys: list[IntArray] = []
        products: list[FloatArray] = []
        for length in np.unique(lengths):
            if length < 2:
                continue
            first = starts[lengths == length]
            rows = first[:, None] + np.arange(length)[None, :]
            left, right = _upper_pairs(int(length))
            a, b = docs[rows[:, left]].ravel(), docs[rows[:, right]].ravel()
            keys.append(a * n + b)  # docs sorted within a feature: a < b
            products.append((weights[rows[:, left]] * weights[rows[:, right]]).ravel())
        if not keys:
            return []
        all_keys = np.concatenate(keys)
        unique, inverse = np.unique(all_keys, return_inverse=True)
        partial = np.bincount(inverse.ravel(), weights=np.concatenate(products))
        chosen = unique[partial >= MIN_PARTIAL]
        return [(int(k // n), int(k % n)) for k in chosen]


# Feature ids: syllable unigrams are the syllable's id, bigrams pack two ids, and names
# and figures live in namespaces of their own (the high bits), so one int64 names any
# feature and numpy can sort, count and intersect them.
_BIGRAM = 1 << 40
_NAME = 1 << 60
_FIGURE = 1 << 61
_SHIFT = 20


def _features(digest: Digest, vocabulary: dict[str, int]) -> tuple[IntArray, FloatArray]:
    import numpy as np

    article = digest.article
    texts = [article.title] * (1 + TITLE_REPEAT) + list(article.paragraphs)
    text = "\n".join(texts)
    syllables = _SYLLABLE.findall(text.lower())  # a hyphen splits syllables too
    for syllable in dict.fromkeys(syllables):  # first-seen order: ids, and so ties, stay the same run to run
        if syllable not in vocabulary:
            vocabulary[syllable] = len(vocabulary)
    ids = np.fromiter(map(vocabulary.__getitem__, syllables), np.int64, len(syllables))
    grams = [ids]
    if len(ids) > 1:
        grams.append(_BIGRAM + (ids[:-1] << _SHIFT) + ids[1:])
    names = [_NAME + vocabulary.setdefault("\x00n" + name, len(vocabulary)) for name in _names(texts)]
    figures = [_FIGURE + vocabulary.setdefault("\x00f" + f, len(vocabulary)) for f in _NUMBER.findall(text)]
    grams.append(np.array(names + figures, np.int64))
    unique, counts = np.unique(np.concatenate(grams), return_counts=True)
    return unique, counts.astype(np.float32)


def _names(texts: Iterable[str]) -> list[str]:
    """Capitalized spans of two or more syllables, lowercased: "Yoon Suk Yeol",
    "Tổng thống Hàn Quốc" gives "hàn quốc" (a span starts at its first capitalized
    syllable that isn't a sentence opener)."""
    found: list[str] = []
    for text in texts:
        for match in _CAPITALIZED_RUN.finditer(text):
            words = match.group().split()
            start = 0
            while start < len(words) and words[start].lower() in _NOT_NAME_START:
                start += 1
            if len(words) - start >= 2:
                found.append(" ".join(words[start:]).lower())
    return found


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


def _pairs_to_explain(digests: Sequence[Digest], groups: list[list[int]], pairs: dict[tuple[int, int], Pair],
                      ) -> list[tuple[int, int]]:
    """The pairs --explain shows: in a story, each article's most similar earlier one (in
    timeline order, as _reasons reads them); for a lone article, its nearest."""
    touching: dict[int, list[tuple[int, int]]] = {}
    for key in pairs:
        touching.setdefault(key[0], []).append(key)
        touching.setdefault(key[1], []).append(key)
    wanted: list[tuple[int, int]] = []
    for group in groups:
        if len(group) > 1:
            year = _story_year((digests[i] for i in group), "")
            rank = {i: r for r, i in enumerate(sorted(group, key=lambda i: (_sort_day(digests[i], year), i)))}
            for i in group:
                earlier = [k for k in touching.get(i, []) if rank.get(k[0] + k[1] - i, len(group)) < rank[i]]
                if earlier:
                    wanted.append(max(earlier, key=lambda k: pairs[k].similarity))
        else:
            near = max(touching.get(group[0], []), key=lambda k: pairs[k].similarity, default=None)
            if near is not None:
                wanted.append(near)
    return wanted


def _nearest(i: int, pairs: dict[tuple[int, int], Pair]) -> tuple[int, int] | None:
    mine = [k for k in pairs if i in k]
    return max(mine, key=lambda k: pairs[k].similarity, default=None)


# -- dates ------------------------------------------------------------------------------

DayKey = tuple[str, int]  # ("full", ordinal) or ("partial", day of a leap year)


def _day_key(digest: Digest) -> DayKey | None:
    article = digest.article
    if article.date:
        return ("full", dt.date.fromisoformat(article.date[:10]).toordinal())
    if article.partial_date:
        month, day = int(article.partial_date[2:4]), int(article.partial_date[5:7])
        return ("partial", dt.date(2000, month, day).timetuple().tm_yday)
    return None


def _gap(a: DayKey | None, b: DayKey | None) -> float | None:
    """Days between two articles; a partial date is compared by day of the year (the
    nearer way round the year end); None when either is undated."""
    if a is None or b is None:
        return None
    if a[0] == b[0] == "full":
        return float(abs(a[1] - b[1]))
    first, second = (_day_of_year(key) for key in (a, b))
    apart = abs(first - second)
    return float(min(apart, 366 - apart))


def _day_of_year(key: DayKey) -> int:
    """Day of a leap year (2000), so 29/2 has its place."""
    if key[0] == "partial":
        return key[1]
    day = dt.date.fromordinal(key[1])
    return dt.date(2000, day.month, day.day).timetuple().tm_yday


def _sort_day(digest: Digest, year: int) -> tuple[int, int]:
    """Oldest first: dated by day (a partial date placed in `year`, the story's year, for
    ordering only), undated last."""
    article = digest.article
    if article.date:
        return (0, dt.date.fromisoformat(article.date[:10]).toordinal())
    if article.partial_date:
        month, day = int(article.partial_date[2:4]), int(article.partial_date[5:7])
        try:
            return (0, dt.date(year, month, day).toordinal())
        except ValueError:  # 29/2 in a year without it
            return (0, dt.date(year, month, 28).toordinal())
    return (1, 0)


def _story_year(digests: Iterable[Digest], run_date: str) -> int:
    years = [int(d.article.date[:4]) for d in digests if d.article.date]
    if years:
        return max(years)
    return int(run_date[:4]) if run_date[:4].isdigit() else dt.date.today().year


# -- a story ----------------------------------------------------------------------------


def _story(digests: Sequence[Digest], members: list[int], pairs: dict[tuple[int, int], Pair],
           story_sentences: int, run_date: str) -> Story:
    year = _story_year((digests[i] for i in members), run_date)
    ordered = sorted(members, key=lambda i: (_sort_day(digests[i], year), i))
    copies = _near_duplicates(ordered, pairs)
    timeline: list[TimelineLine] = []
    for i in ordered:
        if i not in copies:
            continue
        kept = [digests[i], *(digests[c] for c in copies[i])]
        timeline.append(TimelineLine(
            input=digests[i].article.path, date=digests[i].article.date, partial_date=digests[i].article.partial_date,
            outlets=_unique(d.article.source for d in kept if d.article.source),
            text=_lead(digests[i]), copies=[digests[c].article.path for c in copies[i]]))
    distinct = [digests[i] for i in ordered if i in copies]
    if len(members) == 1:
        summary = list(digests[members[0]].summary)
        title = digests[members[0]].article.title
    else:
        summary = story_summary(distinct, story_sentences)
        title = _headline(distinct)
    return Story(id="", title=title, articles=[digests[i] for i in ordered],
                 outlets=_unique(o for line in timeline for o in line.outlets), timeline=timeline,
                 summary=summary, reason=_reasons(digests, ordered, pairs))


def _near_duplicates(ordered: list[int], pairs: dict[tuple[int, int], Pair]) -> dict[int, list[int]]:
    """The article kept for each set of near-duplicates (the first in date order) -> its copies."""
    kept: dict[int, list[int]] = {}
    for i in ordered:
        original = next((k for k in kept if pairs.get((min(i, k), max(i, k)), _NO_PAIR).similarity >= DUPLICATE),
                        None)
        if original is None:
            kept[i] = []
        else:
            kept[original].append(i)
    return kept


_NO_PAIR = Pair(0.0, (), None, "")


def _lead(digest: Digest) -> str:
    """The first sentence of the article's own lead (its first paragraph), else its title."""
    for paragraph in digest.article.paragraphs:
        sentences = split_sentences(paragraph)
        if sentences:
            return sentences[0]
    return next(iter(digest.summary), digest.article.title)


def _headline(distinct: list[Digest]) -> str:
    """The title closest to all the story's titles (the medoid): the one that says what the
    others say. Ties go to the earliest article."""
    from digest.summarize import cosine, ngrams, syllables

    titled = [d for d in distinct if d.article.title]
    if not titled:
        return ""
    grams = [ngrams(syllables(d.article.title)) for d in titled]
    scores = [sum(cosine(g, h) for h in grams) for g in grams]
    return titled[max(range(len(titled)), key=lambda k: (scores[k], -k))].article.title


def _reasons(digests: Sequence[Digest], ordered: list[int], pairs: dict[tuple[int, int], Pair]) -> list[str]:
    """Lines for --explain: each article after the first, with the article it is most like,
    the similarity, the date gap and what they share; for a lone article, its nearest."""
    def name(i: int) -> str:
        return digests[i].article.path

    def line(i: int, j: int, pair: Pair, verb: str) -> str:
        gap = "date gap unknown (undated)" if pair.gap_days is None else f"{pair.gap_days:.0f} days apart"
        shared = f"; shared: {', '.join(pair.shared)}" if pair.shared else ""
        return f"{name(i)} {verb} {name(j)}: similarity {pair.similarity:.2f}, {gap}{shared}"

    if len(ordered) == 1:
        i = ordered[0]
        near = _nearest(i, pairs)
        if near is None:
            return [f"{name(i)}: no other article shares its rarer names and terms"]
        j = near[1] if near[0] == i else near[0]
        pair = pairs[near]
        why = pair.blocked or "below the story threshold"
        return [line(i, j, pair, "stands alone; nearest is") + f" ({why})"]
    reasons = []
    for position, i in enumerate(ordered[1:], 1):
        earlier = [(min(i, j), max(i, j)) for j in ordered[:position] if (min(i, j), max(i, j)) in pairs]
        if not earlier:
            reasons.append(f"{name(i)} joins through the story as a whole (mean similarity)")
            continue
        best = max(earlier, key=lambda k: pairs[k].similarity)
        j = best[0] if best[1] == i else best[1]
        pair = pairs[best]
        verb = "is a near-duplicate of" if pair.similarity >= DUPLICATE else "grouped with"
        reasons.append(line(i, j, pair, verb))
    return reasons


def _story_order(run_date: str) -> Callable[[Story], tuple[int, int, int]]:
    """Most outlets first, then dated stories newest first, then partially dated, then undated."""
    def key(story: Story) -> tuple[int, int, int]:
        year = _story_year(story.articles, run_date)
        full = [dt.date.fromisoformat(d.article.date[:10]).toordinal() for d in story.articles if d.article.date]
        partial = [_sort_day(d, year)[1] for d in story.articles if d.article.partial_date]
        tier, latest = (0, max(full)) if full else (1, max(partial)) if partial else (2, 0)
        return (-story.outlet_count, tier, -latest)
    return key


# -- the story summary ------------------------------------------------------------------


def story_summary(distinct: list[Digest], n: int = DEFAULT_STORY_SENTENCES) -> list[str]:
    """Up to `n` sentences chosen across the story's distinct articles (oldest first):
    centrality over all their sentences, a lead prior within each article, a small prior
    for the earlier articles, and no sentence too like one already chosen; no sentence is
    added once they hold SYLLABLES_PER_SENTENCE x n syllables. Returned in date order, then
    article order."""
    import numpy as np

    from digest.summarize import syllables

    sentences: list[tuple[int, int, str]] = []  # (article rank, position, sentence)
    for rank, digest in enumerate(distinct):
        found = [s for p in digest.article.paragraphs for s in split_sentences(p)][:LEAD_SENTENCES]
        if not found:
            found = list(digest.summary)
        sentences += [(rank, position, s) for position, s in enumerate(found)]
    if n <= 0 or not sentences:
        return []
    words = [syllables(s) for _, _, s in sentences]
    similarity = _similarity_matrix(words)
    central = _textrank(similarity)
    central = central / central.max() if central.max() > 0 else central
    scores = [LEAD_WEIGHT / (1 + position) + CENTRALITY_WEIGHT * float(central[k])
              + EARLY_ARTICLE_WEIGHT / (1 + rank) for k, (rank, position, _) in enumerate(sentences)]
    well_sized = [MIN_SYLLABLES <= len(w) <= MAX_SYLLABLES for w in words]
    by_score = sorted(range(len(sentences)), key=lambda k: (-scores[k], k))
    if SUMMARY_ARTICLES:
        # Draw from the few articles that carry most of the story's best sentences: the
        # summary then reads (and orders) like a report, not a patchwork of outlets.
        mass: dict[int, float] = {}
        for k in by_score[:2 * n]:
            mass[sentences[k][0]] = mass.get(sentences[k][0], 0.0) + scores[k]
        kept = set(sorted(mass, key=lambda a: (-mass[a], a))[:SUMMARY_ARTICLES])
        by_score = ([k for k in by_score if sentences[k][0] in kept]
                    + [k for k in by_score if sentences[k][0] not in kept])
    # Up to n sentences, and no more once the summary holds its syllable budget (the last
    # sentence may run over: a cut sentence would read worse than a long summary).
    budget = SYLLABLES_PER_SENTENCE * n if SYLLABLES_PER_SENTENCE else None
    chosen: list[int] = []
    total = 0
    for candidates in ([k for k in by_score if well_sized[k]], [k for k in by_score if not well_sized[k]]):
        for k in candidates:
            if len(chosen) == n or (budget is not None and total >= budget):
                break
            if not chosen or float(np.max(similarity[k, chosen])) <= SUMMARY_DUPLICATE:
                chosen.append(k)
                total += len(words[k])
    return [sentences[k][2] for k in sorted(chosen)]


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


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
