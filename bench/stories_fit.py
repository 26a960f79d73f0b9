"""Fit the same-event pair model that digest ships (digest/data/story_pairs.json).

    python bench/stories_fit.py [--check]

The logistic weights are fitted on every candidate pair of one run over the 157 dev
articles of ../shared/clusters, the distractors and the 586 same-topic articles of the seven
topics sets (bench/stories_common.py's TOPICS_SETS), labelled same story or not, with the
time window of digest.stories.linking (chosen by bench/stories_window.py). The grouping
threshold is the median of those the folds of bench/stories_eval.py chose (each the best
B-cubed F1 on its training stories, ties to the higher; 3 draws of 5 folds): on all the
stories at once the F1 is flat over a range of thresholds, and the middle of what held-out
folds chose is the value least fitted to any one split.
Only the weights, the threshold and counts are written: no article text. --check exits
1 when the shipped file differs from what the fit gives now.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories_common import FOLDS, REPO, fit_pairs, load_all, pair_labels
from stories_eval import cross_validate

from digest.model import Digest
from digest.stories import linking

SEEDS = (12, 13, 14)
SHIPPED = REPO / "digest" / "data" / "story_pairs.json"


def fit_model(digests: list[Digest], gold: dict[str, str], seeds: Sequence[int] = SEEDS,
              window: float = linking.WINDOW_DAYS) -> tuple[linking.PairModel, Any, list[float]]:
    """The pair model fitted on every candidate pair of one run of `digests`, its threshold
    the median of what the CV folds (5 folds, each draw of `seeds`) chose; with the pairs'
    labels and the folds' thresholds."""
    import numpy as np

    table = linking.pair_table(digests, window)
    labels = pair_labels(table, digests, gold)
    model = fit_pairs(table, labels, np.ones(len(labels), bool))
    chosen = [row["threshold"] for seed in seeds for row in cross_validate(digests, gold, FOLDS, seed, window)["pairs"]]
    return linking.PairModel(model.features, model.weights, model.bias, statistics.median_low(chosen)), labels, chosen


def fit() -> dict[str, object]:
    digests, gold, _ = load_all(topics=True)
    model, labels, chosen = fit_model(digests, gold)
    dev = [i for i, d in enumerate(digests) if not gold[d.article.path].startswith(("distractor:", "topics:"))]
    topics = sum(gold[d.article.path].startswith("topics:") for d in digests)
    record = linking.PairModel(model.features, tuple(round(w, 4) for w in model.weights), round(model.bias, 4),
                               model.threshold).to_dict()
    record["fitted"] = (f"bench/stories_fit.py: {len(labels)} candidate pairs ({int(labels.sum())} same story) "
                        f"of {len(dev)} dev articles, {topics} of the topics sets and "
                        f"{len(digests) - len(dev) - topics} distractors in one run; "
                        f"threshold: median of the CV folds' {sorted(chosen)}")
    return record


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    record = fit()
    text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
    if args.check:
        same = SHIPPED.read_text(encoding="utf-8") == text
        print("story_pairs.json is what the fit gives" if same else "story_pairs.json differs from the fit")
        return 0 if same else 1
    SHIPPED.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
