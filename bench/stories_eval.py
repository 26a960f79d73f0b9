"""Score digest's stories stage the way a user runs it: every article at once.

    python bench/stories_eval.py [--folds 5] [--seeds 12,13,14] [--no-summary] [--json out.json]

Grouping: the 157 dev articles of ../shared/clusters (50 stories) are grouped in one run
together with every other Vietnamese article at hand as distractors (each a story of its
own: bench/stories_common.py), 229 articles. Leave-stories-out cross-validation: the
stories are split into folds (seeded); for each fold, every constant is fitted on the
other folds' stories while the fold's own articles are in the run, unlabelled, and the
fold is scored: B-cubed P/R/F1 over its articles (a predicted group counts every article
of the run, so a distractor or another story pulled in costs precision) and the ARI.
Three methods, each with its constants fitted per fold the same way:

- tfidf: the README's rule-free baseline, TF-IDF average link, one threshold;
- cosine: digest before issue 21, average link over the cosine of weighted TF-IDF vectors
  (names x3, figures x2, the title twice), time window and headline days, one threshold;
- pairs: digest now, a logistic same-event probability per candidate pair, average link
  over it, one threshold.

Summaries: ROUGE-1/2/L F1 of the story summary on the gold stories beside LEAD-5 of the
earliest article, its constants chosen per fold on the other folds' stories (the same
draws), for the summary now and as it was before (SUMMARY_VARIANTS), on the same folds.
The texts are read in place and never copied into the repository.
"""
from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories_common import (
    MODEL_FEATURES,
    baseline_links,
    by_story,
    cosine_links,
    fit_pairs,
    folds,
    grouping_scores,
    lead5,
    load_all,
    pair_labels,
    rouge,
    story_summary_text,
)

from digest.model import Digest
from digest.stories import linking, summary

THRESHOLDS = {"tfidf": [round(0.1 + 0.02 * k, 2) for k in range(21)],
              "cosine": [round(0.06 + 0.02 * k, 2) for k in range(18)],
              "pairs": [round(0.1 + 0.05 * k, 2) for k in range(17)],
              "pairs@.5": [0.5]}  # a calibrated probability's own decision point, no threshold fitted
METHODS = list(THRESHOLDS)
ABLATION = [("cosine",), ("head_cosine",), ("cosine", "head_cosine"), ("cosine", "head_cosine", "names"),
            ("cosine", "head_cosine", "figures"), ("cosine", "head_cosine", "figures", "gap"), linking.FEATURES]
KEEP_APART = True  # --merge-blocked: a blocked pair only counts 0 in the mean (digest before issue 21)
# The length budget stays at the human summaries' median (35 syllables a sentence): fitted
# per fold from 150-250 syllables it runs to 200 for +0.1 R-L held-out, and a longer summary
# buys ROUGE recall, not quality.
SUMMARY_GRID = {"LEAD_KEEP": [1, 2, 3, 4, 5], "SUMMARY_DUPLICATE": [0.5, 0.6]}
# The summary as it was, beside the summary now, on the same folds: constants of
# digest.stories.summary set for the run (a constant's name as value: that constant's value).
SUMMARY_VARIANTS: dict[str, dict[str, object]] = {
    "before": {"LEAD_REPEAT": "SUMMARY_DUPLICATE", "CAPTION_SYLLABLES": 0, "ADDITIONS": "centrality"},
    "lead as written": {"CAPTION_SYLLABLES": 0, "ADDITIONS": "centrality"},  # the lead fix alone
    "centrality": {"ADDITIONS": "centrality"},  # additions by centrality (digest before coverage)
    "now": {},
}
Links = dict[tuple[int, int], float]


def best_threshold(n: int, links: Links, thresholds: list[float], score: Callable[[list[list[int]]], float],
                   apart: Sequence[tuple[int, int]] = ()) -> float:
    """The threshold with the best training score; ties go to the higher (precision first)."""
    table = {t: score(linking.average_link(n, links, t, apart)) for t in thresholds}
    return max(thresholds, key=lambda t: (round(table[t], 6), t))


def cross_validate(digests: list[Digest], gold: dict[str, str], fold_count: int, seed: int,
                   window: float = linking.WINDOW_DAYS) -> dict[str, list[dict[str, float]]]:
    import numpy as np

    table = linking.pair_table(digests, window)
    labels = pair_labels(table, digests, gold)
    open_rows = np.array([not b for b in table.blocked], bool)
    cosines = cosine_links(table)
    tfidf_links = baseline_links(digests)
    kept_apart = linking.kept_apart(table) if KEEP_APART else []
    dev_stories = sorted({gold[d.article.path] for d in digests if not gold[d.article.path].startswith("distractor:")})
    story_of = [gold[d.article.path] for d in digests]
    results: dict[str, list[dict[str, float]]] = {method: [] for method in METHODS}
    n = len(digests)
    for fold in folds(dev_stories, fold_count, seed):
        held = set(fold)
        test = [i for i in range(n) if story_of[i] in held]
        train = [i for i in range(n) if story_of[i] in dev_stories and story_of[i] not in held]
        tested = np.array([story_of[i] in held for i in range(n)])
        usable = ~tested[table.left] & ~tested[table.right]
        model = fit_pairs(table, labels, usable)
        probability = linking.linked_probability(table, model)
        pair_links = linking.links(table, probability)
        candidates = {"tfidf": tfidf_links, "cosine": cosines, "pairs": pair_links, "pairs@.5": pair_links}
        for method, links in candidates.items():
            def on_train(groups: list[list[int]], train: list[int] = train) -> float:
                return grouping_scores(groups, digests, gold, train)["b3_f1"]
            apart = kept_apart if method in ("cosine", "pairs", "pairs@.5") else []
            threshold = best_threshold(n, links, THRESHOLDS[method], on_train, apart)
            found = linking.average_link(n, links, threshold, apart)
            scores = grouping_scores(found, digests, gold, test)
            scores["threshold"] = threshold
            for part, members in (("dev", [i for i in test if not story_of[i].startswith("topics:")]),
                                  ("topics", [i for i in test if story_of[i].startswith("topics:")])):
                if members:  # the same fold's figures over its dev stories and its topics stories apart
                    scores.update({f"{part}_{k}": v for k, v in grouping_scores(found, digests, gold, members).items()})
            if method == "pairs":
                scores.update({f"w_{name}": w for name, w in zip(model.features, model.weights, strict=True)})
            results[method].append(scores)
        # Pair level, scale free: how well each score ranks the held-out fold's same-story
        # pairs above its other pairs (every candidate pair touching the fold that may be
        # linked). Average precision; at a larger run the negatives grow, and a score
        # that ranks them lower keeps its precision.
        rows = np.flatnonzero(~usable & open_rows)
        truth = labels[rows]
        keys = list(zip(table.left[rows].tolist(), table.right[rows].tolist(), strict=True))
        for method, score in (("tfidf", np.array([tfidf_links.get(k, 0.0) for k in keys])),
                              ("cosine", table.x[rows, 0]), ("pairs", probability[rows])):
            results[method][-1]["pair_ap"] = average_precision(score, truth)
        for features in ABLATION:  # the same, for pair models on other sets of measures
            other = linking.linked_probability(table, fit_pairs(table, labels, usable, features))
            results.setdefault("ablation " + "+".join(features), []).append(
                {"pair_ap": average_precision(other[rows], truth)})
    return results


def average_precision(score: Any, truth: Any) -> float:
    import numpy as np

    order = np.argsort(-score, kind="stable")
    hits = truth[order]
    if not hits.sum():
        return 1.0
    precision = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(100 * (precision * hits).sum() / hits.sum())


def summary_scores(digests: list[Digest], gold: dict[str, str], references: dict[str, list[str]],
                   settings: dict[str, object]) -> dict[tuple[object, ...], dict[str, tuple[float, float, float]]]:
    """ROUGE-1/2/L of each gold story's summary at every point of SUMMARY_GRID, with the
    constants of digest.stories.summary in `settings` set for the run."""
    grouped = {s: m for s, m in by_story(digests, gold).items() if s in references}
    scored: dict[tuple[object, ...], dict[str, tuple[float, float, float]]] = {}
    names = [*SUMMARY_GRID, *settings]
    saved = {name: getattr(summary, name) for name in names}
    try:
        for values in itertools.product(*SUMMARY_GRID.values()):
            for name, value in zip(SUMMARY_GRID, values, strict=True):
                setattr(summary, name, value)
            for name, value in settings.items():
                setattr(summary, name, getattr(summary, value) if isinstance(value, str) and hasattr(summary, value)
                        else value)
            scored[values] = {s: rouge(story_summary_text(m), references[s]) for s, m in grouped.items()}
    finally:
        for name, value in saved.items():
            setattr(summary, name, value)
    return scored


def summary_cv(digests: list[Digest], gold: dict[str, str], references: dict[str, list[str]], fold_count: int,
               seed: int, scored: dict[tuple[object, ...], dict[str, tuple[float, float, float]]] | None = None,
               ) -> tuple[list[dict[str, float]], list[tuple[object, ...]]]:
    """Per held-out fold: the summary's ROUGE at the grid point best on the other folds'
    stories (R-1 + R-2 + R-L), beside LEAD-5's; and the points chosen."""
    grouped = {s: m for s, m in by_story(digests, gold).items() if s in references}
    lead = {s: rouge(lead5(m), references[s]) for s, m in grouped.items()}
    if scored is None:
        scored = summary_scores(digests, gold, references, {})
    per_fold, chosen = [], []
    for fold in folds(sorted(grouped), fold_count, seed):
        def train_score(values: tuple[object, ...], fold: list[str] = fold) -> float:
            return statistics.mean(sum(r) for s, r in scored[values].items() if s not in fold)
        best = max(scored, key=lambda v: (round(train_score(v), 6), v))
        chosen.append(best)
        row = {name: statistics.mean(scored[best][s][k] for s in fold) for k, name in enumerate(("r1", "r2", "rl"))}
        row.update({f"lead_{name}": statistics.mean(lead[s][k] for s in fold)
                    for k, name in enumerate(("r1", "r2", "rl"))})
        for name in ("r1", "r2", "rl"):
            row[f"margin_{name}"] = row[name] - row[f"lead_{name}"]
        per_fold.append(row)
    return per_fold, chosen


def spread(rows: Sequence[dict[str, Any]], key: str, scale: float = 1.0) -> str:
    values = [scale * r[key] for r in rows]
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):6.2f} ±{sd:5.2f} [{min(values):.1f}–{max(values):.1f}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", default="12,13,14", help="fold draws, comma-separated")
    parser.add_argument("--no-summary", action="store_true")
    parser.add_argument("--dev-only", action="store_true",
                        help="leave bench/stories_topics out (the dev stories alone, as before issue 21's topics sets)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--merge-blocked", action="store_true",
                        help="let groups with a blocked pair between them merge (the rule before issue 21)")
    args = parser.parse_args()
    global KEEP_APART
    KEEP_APART = not args.merge_blocked
    digests, gold, references = load_all(topics=not args.dev_only)
    seeds = [int(s) for s in args.seeds.split(",")]
    dev = sum(not gold[d.article.path].startswith(("distractor:", "topics:")) for d in digests)
    topics = sum(gold[d.article.path].startswith("topics:") for d in digests)
    print(f"{len(digests)} articles in one run: {dev} dev articles ({len(references)} stories), "
          f"{topics} of bench/stories_topics, {len(digests) - dev - topics} distractors; "
          f"{args.folds}-fold leave-stories-out CV, fold draws {seeds}")
    figures: dict[str, Any] = {}
    grouping: dict[str, list[dict[str, float]]] = {}
    for seed in seeds:
        for method, rows in cross_validate(digests, gold, args.folds, seed).items():
            grouping.setdefault(method, []).extend(rows)
    figures["grouping"] = grouping
    print(f"\nGrouping, held-out folds (mean ± sd [min–max] over {len(grouping['pairs'])} folds):")
    print(f"  {'method':8} {'B3 P':>26} {'B3 R':>26} {'B3 F1':>26} {'ARI x100':>26} {'pair AP':>26} thresholds")
    for method in METHODS:
        rows = grouping[method]
        thresholds = sorted({r["threshold"] for r in rows})
        ap = spread(rows, "pair_ap") if "pair_ap" in rows[0] else f"{'':26}"
        print(f"  {method:8} {spread(rows, 'b3_p')} {spread(rows, 'b3_r')} {spread(rows, 'b3_f1')} "
              f"{spread(rows, 'ari', 100)} {ap} {thresholds}")
    for part in ("dev", "topics"):
        rows_of = {m: [r for r in grouping[m] if f"{part}_b3_f1" in r] for m in METHODS}
        if any(rows_of.values()):
            print(f"  the same folds over their {part} stories only (B3 P, R, F1):")
            for method in METHODS:
                rows = [{k[len(part) + 1:]: v for k, v in r.items() if k.startswith(part + "_")}
                        for r in rows_of[method]]
                if rows:
                    print(f"    {method:8} {spread(rows, 'b3_p')} {spread(rows, 'b3_r')} {spread(rows, 'b3_f1')}")
    print("  pair weights per fold (" + ", ".join(MODEL_FEATURES) + "):")
    for r in grouping["pairs"][:len(grouping["pairs"]) // len(seeds)]:
        print("    " + " ".join(f"{r['w_' + name]:7.2f}" for name in MODEL_FEATURES))
    print("  pair AP of pair models on other measures (ablation):")
    for method in (m for m in grouping if m.startswith("ablation ")):
        print(f"    {method[9:]:42} {spread(grouping[method], 'pair_ap')}")
    if not args.no_summary:
        print("\nStory summaries on the gold stories, held-out folds, ROUGE F1 "
              "(margin over LEAD-5 of the earliest article; mean ± sd [min–max] over folds):")
        by_variant: dict[str, list[dict[str, float]]] = {}
        noise = []
        shipped = tuple(getattr(summary, name) for name in SUMMARY_GRID)
        grouped = {s: m for s, m in by_story(digests, gold).items() if s in references}
        lead = {s: rouge(lead5(m), references[s]) for s, m in grouped.items()}
        for variant, settings in SUMMARY_VARIANTS.items():
            scored = summary_scores(digests, gold, references, settings)
            margins = [[scored[shipped][s][k] - lead[s][k] for s in grouped] for k in range(3)]
            noise.append(f"  {variant:16} " + "  ".join(
                f"R-{name} {statistics.mean(m):+6.2f} ±{statistics.stdev(m) / len(m) ** 0.5:5.2f}"
                for name, m in zip("12L", margins, strict=True)))
            by_variant[variant] = []
            for seed in seeds:
                rows, chosen = summary_cv(digests, gold, references, args.folds, seed, scored)
                by_variant[variant] += rows
                print(f"  {variant}, draw {seed}: chosen ({', '.join(SUMMARY_GRID)}): {chosen}")
        table = [("LEAD-5", by_variant["now"], "lead_")]
        for variant, rows in by_variant.items():
            table += [(variant, rows, ""), ("  margin", rows, "margin_")]
        for label, rows, prefix in table:
            print(f"  {label:16} R-1 {spread(rows, prefix + 'r1')}  R-2 {spread(rows, prefix + 'r2')}  "
                  f"R-L {spread(rows, prefix + 'rl')}")
        print(f"  margin per story at the shipped constants {shipped}, mean ± standard error over the "
              f"{len(grouped)} stories (what one set of stories this size can tell apart):")
        print("\n".join(noise))
        figures["summary"] = by_variant["now"]
        figures["summary_variants"] = by_variant
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
