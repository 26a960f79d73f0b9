"""Score digest's stories stage on ../shared/clusters beside the README's baselines.

    python bench/stories_eval.py [--data ../shared/clusters] [--no-cv] [--json out.json]

Grouping: B-cubed P/R/F1 and the adjusted Rand index of digest.stories.cluster over all
157 articles at once, beside TF-IDF average-link grouping (syllable unigrams and bigrams
of the whole file, raw tf x smooth idf, cosine >= 0.32: the README's baseline).
Summaries: ROUGE-1/2/L F1 (lowercased syllables, mean over the two references, then over
the stories) of digest's story summary at 5 sentences on the gold stories, beside LEAD-5
of each story's earliest article.

Constants are chosen by 5-fold cross-validation over the 50 stories (folds by story,
seeded): for each fold the grid point best on the other 40 stories is scored on the
fold's 10; the CV rows print those held-out scores, and the constants each fold chose.
digest/stories.py ships the values most folds chose. The texts are read in place and
never copied into the repository.
"""
from __future__ import annotations

import argparse
import itertools
import json
import math
import random
import re
import statistics
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from digest import core, stories  # noqa: E402
from digest.dates import parse_published  # noqa: E402
from digest.model import Digest  # noqa: E402
from digest.sentences import split_sentences  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "clusters"
FOLDS = 5
SEED = 12
TARGETS = {"b3_f1": 96.0, "ari": 0.92}
THRESHOLDS = [round(0.04 + 0.02 * k, 2) for k in range(19)]
GROUPING_GRID = {"IDF_FLOOR": [0.0, 0.1, 0.15, 0.2, 0.25, 0.3], "NAME_WEIGHT": [2.0, 3.0, 4.0],
                 "NUMBER_WEIGHT": [1.0, 2.0], "WINDOW_DAYS": [3, 7]}
SUMMARY_GRID = {"LEAD_WEIGHT": [0.5, 1.0], "CENTRALITY_WEIGHT": [2.0, 4.0, 8.0], "EARLY_ARTICLE_WEIGHT": [0.0, 0.3],
                "MAX_SYLLABLES": [60, 100], "SUMMARY_ARTICLES": [0, 2], "SYLLABLES_PER_SENTENCE": [0, 30, 35, 40],
                "SUMMARY_DUPLICATE": [0.5, 0.6]}

_TOKEN = re.compile(r"[^\W_]+")


# ---- data -----------------------------------------------------------------------------

def load(data: Path) -> tuple[list[Digest], dict[str, str], dict[str, list[str]]]:
    """Digests of every article (publication time and outlet from meta.json), gold story of
    each input path, and the two human summaries of each story."""
    labels = json.loads((data / "labels.json").read_text(encoding="utf-8"))
    meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
    digests = []
    gold: dict[str, str] = {}
    for name in sorted(labels):
        path = data / "articles" / name
        article = core.extract_article(core.read_input(path))
        info = meta.get(name, {})
        article.date = parse_published(info.get("published")) or article.date
        article.partial_date = None if article.date else article.partial_date
        article.source = info.get("outlet") or article.source
        digests.append(core.summarize_article(article, 3))
        gold[str(path)] = labels[name]
    references = {}
    for line in (data / "summaries.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            references[record["cluster"]] = record["summaries"]
    return digests, gold, references


# ---- clustering scores ------------------------------------------------------------------

def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    pred_groups: dict[str, set[int]] = {}
    gold_groups: dict[str, set[int]] = {}
    for i, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        pred_groups.setdefault(p, set()).add(i)
        gold_groups.setdefault(g, set()).add(i)
    precision = recall = 0.0
    for p, g in zip(predicted, gold, strict=True):
        both = len(pred_groups[p] & gold_groups[g])
        precision += both / len(pred_groups[p])
        recall += both / len(gold_groups[g])
    precision, recall = 100 * precision / len(gold), 100 * recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def ari(predicted: Sequence[str], gold: Sequence[str]) -> float:
    def pairs(k: float) -> float:
        return k * (k - 1) / 2

    table = Counter(zip(predicted, gold, strict=True))
    index = sum(pairs(v) for v in table.values())
    a = sum(pairs(v) for v in Counter(predicted).values())
    b = sum(pairs(v) for v in Counter(gold).values())
    expected = a * b / pairs(len(gold))
    top = (a + b) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


def grouping_scores(groups: list[list[int]], digests: Sequence[Digest], gold: dict[str, str]) -> dict[str, float]:
    label = {}
    for number, group in enumerate(groups):
        for i in group:
            label[i] = str(number)
    predicted = [label[i] for i in range(len(digests))]
    truth = [gold[d.article.path] for d in digests]
    p, r, f = bcubed(predicted, truth)
    return {"b3_p": p, "b3_r": r, "b3_f1": f, "ari": ari(predicted, truth), "groups": len(groups),
            "gold_groups": len(set(truth))}


# ---- the baseline: TF-IDF average-link (the README's) ------------------------------------

def baseline_groups(digests: Sequence[Digest], threshold: float = 0.32) -> list[list[int]]:
    import numpy as np

    counts = []
    for digest in digests:
        words = _TOKEN.findall("\n".join([digest.article.title, *digest.article.paragraphs]).lower())
        counts.append(Counter(words) + Counter(" ".join(p) for p in itertools.pairwise(words)))
    vocabulary = {g: k for k, g in enumerate({g for c in counts for g in c})}
    matrix = np.zeros((len(counts), len(vocabulary)), np.float64)
    for row, c in enumerate(counts):
        for g, v in c.items():
            matrix[row, vocabulary[g]] = v
    df = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(counts)) / (1 + df)) + 1
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    similarity = matrix @ matrix.T
    links = {(i, j): float(similarity[i, j]) for i in range(len(counts)) for j in range(i + 1, len(counts))}
    return stories.average_link(len(counts), links, threshold)


# ---- ROUGE ----------------------------------------------------------------------------

def tokens(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFC", text).lower())


def _f1(overlap: float, candidate: int, reference: int) -> float:
    if not overlap:
        return 0.0
    precision, recall = overlap / candidate, overlap / reference
    return 2 * precision * recall / (precision + recall)


def rouge_n(candidate: list[str], reference: list[str], n: int) -> float:
    a = Counter(zip(*(candidate[i:] for i in range(n)), strict=False))
    b = Counter(zip(*(reference[i:] for i in range(n)), strict=False))
    return _f1(sum((a & b).values()), sum(a.values()), sum(b.values()))


def lcs(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence, bit-parallel (Hyyrö 2004)."""
    match: dict[str, int] = {}
    for i, token in enumerate(a):
        match[token] = match.get(token, 0) | (1 << i)
    mask = (1 << len(a)) - 1
    row = mask
    for token in b:
        m = match.get(token, 0)
        u = row & m
        row = ((row + u) | (row - u)) & mask
    return len(a) - bin(row).count("1")


def rouge(candidate: str, references: Sequence[str]) -> tuple[float, float, float]:
    c = tokens(candidate)
    scores = []
    for reference in references:
        r = tokens(reference)
        scores.append((rouge_n(c, r, 1), rouge_n(c, r, 2), _f1(lcs(c, r), len(c), len(r))))
    return tuple(100 * statistics.mean(s[k] for s in scores) for k in range(3))  # type: ignore[return-value]


def summary_scores(texts: dict[str, str], references: dict[str, list[str]]) -> dict[str, float]:
    rows = [rouge(text, references[story]) for story, text in texts.items()]
    return {"r1": statistics.mean(r[0] for r in rows), "r2": statistics.mean(r[1] for r in rows),
            "rl": statistics.mean(r[2] for r in rows),
            "syllables": statistics.mean(len(tokens(t)) for t in texts.values())}


def by_story(digests: Sequence[Digest], gold: dict[str, str]) -> dict[str, list[Digest]]:
    grouped: dict[str, list[Digest]] = {}
    for digest in digests:
        grouped.setdefault(gold[digest.article.path], []).append(digest)
    return grouped


def _oldest_first(members: list[Digest]) -> list[Digest]:
    return sorted(members, key=lambda d: (d.article.date or "9999", d.article.path))


def lead5(members: list[Digest]) -> str:
    earliest = _oldest_first(members)[0]
    sentences = [s for p in earliest.article.paragraphs for s in split_sentences(p)]
    return " ".join(sentences[:5])


def digest_summary(members: list[Digest]) -> str:
    ordered = _oldest_first(members)
    _, pairs = stories.cluster(ordered, threshold=0.0, window_days=math.inf)
    distinct_index = stories._near_duplicates(list(range(len(ordered))), pairs)
    distinct = [ordered[i] for i in distinct_index]
    return " ".join(stories.story_summary(distinct, 5))


# ---- cross-validation ---------------------------------------------------------------------

def folds(story_ids: list[str]) -> list[list[str]]:
    shuffled = sorted(story_ids)
    random.Random(SEED).shuffle(shuffled)
    return [shuffled[k::FOLDS] for k in range(FOLDS)]


def with_constants(values: dict[str, float], run: Callable[[], object]) -> object:
    saved = {name: getattr(stories, name) for name in values}
    try:
        for name, value in values.items():
            setattr(stories, name, value)
        return run()
    finally:
        for name, value in saved.items():
            setattr(stories, name, value)


def grouping_table(digests: list[Digest], gold: dict[str, str]) -> dict[tuple[object, ...], float]:
    """B-cubed F1 + 100 x ARI for each grid point (weights x window x threshold)."""
    table = {}
    names = list(GROUPING_GRID)
    for values in itertools.product(*GROUPING_GRID.values()):
        point = dict(zip(names, values, strict=True))

        def sweep(point: dict[str, float] = point) -> dict[float, float]:
            vectors = stories.Vectors.build(digests)
            days = [stories._day_key(d) for d in digests]
            links = {}
            for i, j in vectors.candidates():
                gap = stories._gap(days[i], days[j])
                if gap is None or gap <= point["WINDOW_DAYS"]:
                    links[(i, j)] = vectors.cosine(i, j)
            out = {}
            for threshold in THRESHOLDS:
                s = grouping_scores(stories.average_link(len(digests), links, threshold), digests, gold)
                out[threshold] = s["b3_f1"] + 100 * s["ari"]
            return out

        for threshold, score in with_constants(point, sweep).items():  # type: ignore[union-attr]
            table[(*values, threshold)] = score
    return table


def cv_grouping(digests: list[Digest], gold: dict[str, str],
                ) -> tuple[dict[str, float], list[tuple[object, ...]], list[dict[str, float]]]:
    story_ids = sorted(set(gold.values()))
    held_out: list[dict[str, float]] = []
    chosen = []
    for fold in folds(story_ids):
        test = [d for d in digests if gold[d.article.path] in fold]
        train = [d for d in digests if gold[d.article.path] not in fold]
        table = grouping_table(train, gold)
        best = max(table, key=lambda k: (round(table[k], 6), k[-1]))  # ties: the higher threshold
        chosen.append(best)
        point = dict(zip(GROUPING_GRID, best[:-1], strict=True))
        groups = with_constants(point, lambda best=best, test=test, point=point: stories.cluster(
            test, threshold=best[-1], window_days=point["WINDOW_DAYS"])[0])
        held_out.append(grouping_scores(groups, test, gold))  # type: ignore[arg-type]
    mean = {k: statistics.mean(h[k] for h in held_out) for k in ("b3_f1", "ari")}
    return mean, chosen, held_out


def cv_summary(digests: list[Digest], gold: dict[str, str], references: dict[str, list[str]],
               ) -> tuple[dict[str, float], list[tuple[object, ...]], list[dict[str, float]]]:
    grouped = by_story(digests, gold)
    names = list(SUMMARY_GRID)
    cache: dict[tuple[object, ...], dict[str, str]] = {}
    for values in itertools.product(*SUMMARY_GRID.values()):
        point = dict(zip(names, values, strict=True))
        cache[values] = with_constants(point, lambda: {s: digest_summary(m) for s, m in grouped.items()})  # type: ignore[assignment]
    scored = {values: {s: rouge(t, references[s]) for s, t in texts.items()} for values, texts in cache.items()}
    held_out = []
    chosen = []
    per_fold = []
    for fold in folds(sorted(grouped)):
        def train_score(values: tuple[object, ...], fold: list[str] = fold) -> float:
            return statistics.mean(sum(r) for s, r in scored[values].items() if s not in fold)
        best = max(scored, key=train_score)
        chosen.append(best)
        held_out += [scored[best][s] for s in fold]
        per_fold.append({name: statistics.mean(scored[best][s][k] for s in fold)
                         for k, name in enumerate(("r1", "r2", "rl"))})
    mean = {"r1": statistics.mean(r[0] for r in held_out), "r2": statistics.mean(r[1] for r in held_out),
            "rl": statistics.mean(r[2] for r in held_out)}
    return mean, chosen, per_fold


# ---- report ----------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validation (a few minutes)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    if not (args.data / "labels.json").exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1
    digests, gold, references = load(args.data)
    figures: dict[str, object] = {}

    ours = grouping_scores(stories.cluster(digests)[0], digests, gold)
    base = grouping_scores(baseline_groups(digests), digests, gold)
    figures["grouping"] = {"digest": ours, "tfidf_average_link": base}
    print(f"Grouping: {len(digests)} articles, {ours['gold_groups']} gold stories")
    print(f"  {'system':38} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'ARI':>6} {'groups':>6}")
    for name, s in (("TF-IDF average-link, cosine >= 0.32", base), ("digest stories (shipped constants)", ours)):
        print(f"  {name:38} {s['b3_p']:6.1f} {s['b3_r']:6.1f} {s['b3_f1']:6.1f} {s['ari']:6.3f} {s['groups']:6d}")

    grouped = by_story(digests, gold)
    lead = summary_scores({s: lead5(m) for s, m in grouped.items()}, references)
    mine = summary_scores({s: digest_summary(m) for s, m in grouped.items()}, references)
    figures["summary"] = {"digest": mine, "lead5": lead}
    print("\nStory summaries (gold stories, 5 sentences), ROUGE F1:")
    print(f"  {'system':38} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'syll':>6}")
    for name, s in (("LEAD-5 of the earliest article", lead), ("digest story summary", mine)):
        print(f"  {name:38} {s['r1']:6.2f} {s['r2']:6.2f} {s['rl']:6.2f} {s['syllables']:6.0f}")
    print(f"  {'margin over LEAD-5':38} {mine['r1'] - lead['r1']:+6.2f} {mine['r2'] - lead['r2']:+6.2f} "
          f"{mine['rl'] - lead['rl']:+6.2f}   (targets +2 / +1 / +1)")

    if not args.no_cv:
        print(f"\n{FOLDS}-fold cross-validation by story (held-out scores; each fold's constants fitted on the rest):")
        cv_group, chosen_group, folds_group = cv_grouping(digests, gold)
        print(f"  grouping: B3 F1 {cv_group['b3_f1']:.1f} (target {TARGETS['b3_f1']}), "
              f"ARI {cv_group['ari']:.3f} (target {TARGETS['ari']})")
        print(f"    chosen ({', '.join(GROUPING_GRID)}, THRESHOLD): {chosen_group}")
        print("    per fold: " + "; ".join(f"B3 F1 {f['b3_f1']:.1f} ARI {f['ari']:.3f}" for f in folds_group))
        cv_sum, chosen_sum, folds_sum = cv_summary(digests, gold, references)
        print(f"  summary: R-1 {cv_sum['r1']:.2f} / R-2 {cv_sum['r2']:.2f} / R-L {cv_sum['rl']:.2f}; "
              f"margin over LEAD-5 {cv_sum['r1'] - lead['r1']:+.2f} / {cv_sum['r2'] - lead['r2']:+.2f} / "
              f"{cv_sum['rl'] - lead['rl']:+.2f}")
        print(f"    chosen ({', '.join(SUMMARY_GRID)}): {chosen_sum}")
        print("    per fold (held-out R-1/R-2/R-L): " + "; ".join(
            f"{f['r1']:.1f}/{f['r2']:.1f}/{f['rl']:.1f}" for f in folds_sum))
        lead_rows = {s: rouge(lead5(m), references[s]) for s, m in grouped.items()}
        lead_folds = [[statistics.mean(lead_rows[s][k] for s in fold) for k in range(3)]
                      for fold in folds(sorted(grouped))]
        print("    per fold margin over LEAD-5: " + "; ".join(
            f"{f['r1'] - b[0]:+.2f}/{f['r2'] - b[1]:+.2f}/{f['rl'] - b[2]:+.2f}"
            for f, b in zip(folds_sum, lead_folds, strict=True)))
        figures["cv"] = {"grouping": cv_group, "grouping_chosen": chosen_group, "grouping_folds": folds_group,
                         "summary": cv_sum, "summary_chosen": chosen_sum, "summary_folds": folds_sum}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
