"""Quality gate for the stories stage: one run with the shipped constants, floors pinned.

    python bench/stories_gate.py [--shared ../shared]

Groups the 157 dev articles of ../shared/clusters together with the distractors (every
other Vietnamese article at hand, each a story of its own: bench/stories_common.py) in
one run, as a user runs digest, scores it over the dev articles, scores the story
summaries of the gold stories against LEAD-5 of each story's earliest article, and exits
1 when a figure falls below its floor (0 when all hold; 0 with a note when ../shared is
absent). No cross-validation: the shipped weights were fitted on this set, so these are
not held-out figures (bench/stories_eval.py gives those); the floors catch a change that
breaks what worked. Well under 60 s.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stories_common

# A little under what the shipped constants give today (B3 F1 98.2, ARI 0.973, P 100;
# summary margin over LEAD-5 +5.3 / +4.8 / +1.8 with the shipped constants).
FLOORS = {"b3_f1": 97.5, "b3_p": 98.0, "ari": 0.96, "margin_r1": 3.0, "margin_r2": 2.5, "margin_rl": 0.5}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=stories_common.SHARED)
    args = parser.parse_args()
    if not (args.shared / "clusters" / "labels.json").exists():
        print(f"stories gate: skipped, no labelled stories at {args.shared / 'clusters'}")
        return 0
    started = time.perf_counter()
    stories_common.SHARED, stories_common.CLUSTERS = args.shared, args.shared / "clusters"
    digests, gold, references = stories_common.load_all()
    from digest.stories import cluster

    dev = [i for i, d in enumerate(digests) if not gold[d.article.path].startswith("distractor:")]
    groups, _ = cluster(digests)
    figures = stories_common.grouping_scores(groups, digests, gold, dev)
    grouped = {s: m for s, m in stories_common.by_story(digests, gold).items() if s in references}
    ours = [stories_common.rouge(stories_common.story_summary_text(m), references[s]) for s, m in grouped.items()]
    lead = [stories_common.rouge(stories_common.lead5(m), references[s]) for s, m in grouped.items()]
    for k, name in enumerate(("r1", "r2", "rl")):
        figures[name] = statistics.mean(r[k] for r in ours)
        figures[f"margin_{name}"] = figures[name] - statistics.mean(r[k] for r in lead)
    print(f"stories gate: {len(dev)} dev articles + {len(digests) - len(dev)} distractors in one run, "
          f"{time.perf_counter() - started:.1f} s")
    print(f"  grouping: B3 P {figures['b3_p']:.1f} R {figures['b3_r']:.1f} F1 {figures['b3_f1']:.1f}, "
          f"ARI {figures['ari']:.3f}, {figures['groups']:.0f} groups (gold {figures['gold_groups']:.0f})")
    print(f"  summary: R-1/2/L {figures['r1']:.2f} / {figures['r2']:.2f} / {figures['rl']:.2f}, over LEAD-5 "
          f"{figures['margin_r1']:+.2f} / {figures['margin_r2']:+.2f} / {figures['margin_rl']:+.2f}")
    failed = [f"{name} {figures[name]:.3f} < {floor}" for name, floor in FLOORS.items() if figures[name] < floor]
    for line in failed:
        print(f"  BELOW FLOOR: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
