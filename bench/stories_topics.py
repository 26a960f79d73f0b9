"""Score the stories stage on bench/stories_topics: one event on a topic against others.

    python bench/stories_topics.py [--set bench/stories_topics2 [--set ...]] [--shared ../shared] [--alone]

bench/stories_topics holds invented Vietnamese news written for digest by a writer who had
not seen its grouping code (README.md there): on each of 14 topics, one event told by three
outlets in their own words and one or two other events of the same topic in the same week.
It tests the two errors the unseen set showed: different events on one topic chained into
one story (precision), one event told differently split (recall). It was written after
digest's constants were fitted. Its first run was the held-out figure; its merges were
then read (docs/stories.md). bench/stories_topics2 is a second such set (84 articles, 42
events on 14 other topics), written after that and scored once: never tune on it.

One run with the shipped constants, the set's articles together with the distractors of
bench/stories_common.py (every other Vietnamese article at hand, redated into the set's
weeks so the time window can't keep them apart; --alone leaves them out). Side by side:

- digest: the same-event probability and its shipped threshold;
- cosine: digest before issue 21, average link over weighted TF-IDF cosines at 0.14, its
  window 3 days;
- tfidf: the rule-free baseline, its threshold the best for the dev stories of
  ../shared/clusters grouped with the same distractors (fitted there, not here).

B-cubed P/R/F1 and ARI over the set's articles; a predicted group counts every article
of the run, so a distractor pulled in costs precision.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stories_common
from stories_eval import best_threshold

TOPICS = Path(__file__).resolve().parent / "stories_topics"
COSINE_THRESHOLD = 0.14  # digest's threshold before issue 21 (docs/stories.md)
COSINE_WINDOW_DAYS = 3  # and its time window
TFIDF_GRID = [t / 100 for t in range(5, 61)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=stories_common.SHARED)
    parser.add_argument("--set", type=Path, action="append",
                        help="the folder of articles and labels (again for more sets, each in a run of its own, "
                             "then the mean); default bench/stories_topics")
    parser.add_argument("--alone", action="store_true", help="the set's articles only, no distractors")
    args = parser.parse_args()
    tfidf_threshold = _tfidf_threshold_on_dev(args.shared)
    rows = [score_set(folder, args.shared, args.alone, tfidf_threshold) for folder in args.set or [TOPICS]]
    if len(rows) > 1:
        print(f"mean of {len(rows)} sets")
        for method in rows[0]:
            means = {k: statistics.mean(row[method][k] for row in rows) for k in ("b3_p", "b3_r", "b3_f1", "ari")}
            print(f"{method:<8} {means['b3_p']:>6.1f} {means['b3_r']:>6.1f} {means['b3_f1']:>6.1f} "
                  f"{means['ari']:>6.3f}")
    return 0


def score_set(folder: Path, shared: Path, alone: bool, tfidf_threshold: float | None,
              ) -> dict[str, dict[str, float]]:
    """One run of the set's articles with the distractors; prints and returns each method's figures."""
    from digest.stories import linking

    started = time.perf_counter()
    digests, gold, _ = stories_common.load_dev(folder)
    scored = list(range(len(digests)))
    distractors = [] if alone or not (shared / "summaries").exists() else stories_common.load_distractors(shared)
    stories_common.as_distractors(distractors, digests, gold)
    run = digests + distractors
    n = len(run)
    table = linking.pair_table(run)
    model = linking.shipped_model()
    probability = linking.linked_probability(table, model)
    apart = linking.kept_apart(table, probability)
    groups = {
        "digest": linking.average_link(n, linking.links(table, probability), model.threshold, apart),
        "cosine": _cosine_groups(run),
    }
    if tfidf_threshold is not None:
        groups["tfidf"] = linking.average_link(n, stories_common.baseline_links(run), tfidf_threshold)
    stories = len({gold[run[i].article.path] for i in scored})
    print(f"{folder.name}: {len(digests)} articles, {stories} stories, {len(distractors)} distractors in the run, "
          f"{time.perf_counter() - started:.1f} s")
    print(f"{'method':<8} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'ARI':>6} {'groups':>7}")
    figures = {}
    for method, found in groups.items():
        s = figures[method] = stories_common.grouping_scores(found, run, gold, scored)
        note = f"  (threshold {tfidf_threshold:.2f}, fitted on dev)" if method == "tfidf" else ""
        print(f"{method:<8} {s['b3_p']:>6.1f} {s['b3_r']:>6.1f} {s['b3_f1']:>6.1f} {s['ari']:>6.3f} "
              f"{s['groups']:>4.0f}/{s['gold_groups']:.0f}{note}")
    return figures


def _cosine_groups(run: list) -> list[list[int]]:
    """Digest before issue 21: the weighted cosine, its threshold and its 3-day window."""
    from digest.stories import linking

    table = linking.pair_table(run, COSINE_WINDOW_DAYS)
    return linking.average_link(len(run), stories_common.cosine_links(table), COSINE_THRESHOLD,
                                linking.kept_apart(table))


def _tfidf_threshold_on_dev(shared: Path) -> float | None:
    """The baseline's best threshold for all dev stories of ../shared/clusters with the
    distractors (None without them)."""
    if not (shared / "clusters" / "labels.json").exists():
        return None
    stories_common.SHARED, stories_common.CLUSTERS = shared, shared / "clusters"
    dev, gold, _ = stories_common.load_all()
    labelled = [i for i, d in enumerate(dev) if not gold[d.article.path].startswith("distractor:")]
    links = stories_common.baseline_links(dev)

    def f1(groups: list[list[int]]) -> float:
        return stories_common.grouping_scores(groups, dev, gold, labelled)["b3_f1"]

    return best_threshold(len(dev), links, TFIDF_GRID, f1)


if __name__ == "__main__":
    sys.exit(main())
