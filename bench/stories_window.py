"""Choose the stories' time window by leave-one-set-out over the labelled topics sets.

    python bench/stories_window.py [--windows 3,7,10,14,21]

For each window and each set of stories_common.TOPICS_SETS: the pair model is fitted (by
bench/stories_fit.py's fit_model, one draw of folds: every candidate pair of one run over the dev stories of
../shared/clusters, the other topics sets and the distractors; the threshold the median
of what 5 folds over those stories choose) and the held-out set is grouped with the
distractors in one run. The gap is a measure of the model scaled to the window, so each
window gets its own weights. Prints each fold and the mean; the shipped window
(digest.stories.linking.WINDOW_DAYS) is the one with the best mean B-cubed F1. Each
topics set was written by other writers on other topics, so a fold tells how the choice
carries to news the model never saw; the sets written later (stories_topics8 to 10) are
not used here and give the held-out figure.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stories_common
from stories_fit import fit_model

from digest.stories import linking


def fit(train: list[Path], window: float) -> linking.PairModel:
    """The pair model and its threshold for the dev stories and the `train` topics sets."""
    digests, gold, _ = stories_common.load_all(topics=True, sets=train)
    return fit_model(digests, gold, (stories_common.SEED,), window)[0]


def score(model: linking.PairModel, held: Path, window: float) -> dict[str, float]:
    """B-cubed and ARI of the held-out set grouped with the distractors in one run."""
    digests, gold, _ = stories_common.load_dev(held)
    distractors = stories_common.load_distractors()
    stories_common.as_distractors(distractors, digests, gold)
    run = digests + distractors
    table = linking.pair_table(run, window)
    probability = linking.linked_probability(table, model)
    groups = linking.average_link(len(run), linking.links(table, probability), model.threshold,
                                  linking.kept_apart(table, probability))
    return stories_common.grouping_scores(groups, run, gold, list(range(len(digests))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--windows", default="3,7,10,14,21", help="days, comma-separated")
    args = parser.parse_args()
    sets = list(stories_common.TOPICS_SETS)
    for window in (float(w) for w in args.windows.split(",")):
        rows = []
        for held in sets:
            model = fit([s for s in sets if s != held], window)
            row = score(model, held, window)
            rows.append(row)
            print(f"window {window:g}: {held.name:<16} threshold {model.threshold:.2f}  B3 P {row['b3_p']:.1f} "
                  f"R {row['b3_r']:.1f} F1 {row['b3_f1']:.1f}  ARI {row['ari']:.3f}", flush=True)
        means = {k: statistics.mean(r[k] for r in rows) for k in ("b3_p", "b3_r", "b3_f1", "ari")}
        print(f"window {window:g}: mean             B3 P {means['b3_p']:.1f} R {means['b3_r']:.1f} "
              f"F1 {means['b3_f1']:.1f}  ARI {means['ari']:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
