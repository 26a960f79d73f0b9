"""Quality gate for the stories stage: one run with the shipped constants, floors pinned.

    python bench/stories_gate.py [--shared ../shared]

Groups the 157 dev articles of ../shared/clusters together with the distractors (every
other Vietnamese article at hand, each a story of its own: bench/stories_common.py) in
one run, as a user runs digest, scores it over the dev articles, scores the story
summaries of the gold stories against LEAD-5 of each story's earliest article, and exits
1 when a figure falls below its floor (0 when all hold). Without ../shared it says so and
gates only the data in the repository: the grouping of the seven invented topics sets the
pair model is fitted on (bench/stories_topics to stories_topics7: each alone in a run) and
the story summaries of the first two sets' stories against the blind reference summaries
of bench/stories_summaries/topics12 (the tuning half). No cross-validation: the shipped
weights were fitted on the dev set and these seven sets, so these are not held-out figures
(bench/stories_fit.py's leave-one-set-out and bench/stories_topics.py on a set written
later give those); the floors catch a change that breaks what worked.
Well under 60 s.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stories_common

# A little under what the shipped constants give today (B3 F1 97.7, ARI 0.953, P 98.1;
# summary margin over LEAD-5 +5.8 / +5.3 / +2.2). With the pair model fitted on six topics
# sets (threshold 0.35) this run gave 98.2 / 0.973 / 100: the seventh set brought the
# threshold to 0.25, and two dev stories five days apart (a singer's stunt, then his
# fine) now merge, while the cross-validated dev figure rose (docs/stories.md).
FLOORS = {"b3_f1": 97.0, "b3_p": 97.5, "ari": 0.94, "margin_r1": 3.0, "margin_r2": 2.5, "margin_rl": 1.0}
# The topics sets alone, with the 14-day window: B3 F1 97.1 / 96.2 / 96.1 / 98.6 / 98.6 / 98.4 / 97.7,
# P 95.8 / 94.0 / 95.5 / 97.1 / 100 / 100 / 97.0; the summaries of the first two sets' 56 stories
# over LEAD-5 +3.4 / +1.7 / +1.1 (bench/story_summary_topics.py).
TOPICS_FLOORS = {"b3_f1": 95.5, "b3_p": 93.5, "margin_r1": 2.0, "margin_r2": 0.5, "margin_rl": 0.0}
TOPICS_SETS = ("stories_topics", "stories_topics2", "stories_topics3", "stories_topics4", "stories_topics5",
               "stories_topics6", "stories_topics7")
SUMMARY_SETS = TOPICS_SETS[:2]


def gate_topics() -> list[str]:
    """The floors the repository's own labelled sets fall below, one line each."""
    import story_summary_topics

    from digest.stories import cluster

    failed = []
    for name in TOPICS_SETS:
        digests, gold, _ = stories_common.load_dev(story_summary_topics.BENCH / name)
        groups, _ = cluster(digests)
        figures = stories_common.grouping_scores(groups, digests, gold, list(range(len(digests))))
        print(f"  {name}: B3 P {figures['b3_p']:.1f} R {figures['b3_r']:.1f} F1 {figures['b3_f1']:.1f}, "
              f"ARI {figures['ari']:.3f}")
        failed += [f"{name} {key} {figures[key]:.3f} < {TOPICS_FLOORS[key]}" for key in ("b3_f1", "b3_p")
                   if figures[key] < TOPICS_FLOORS[key]]
    references = story_summary_topics.load_references()
    rows = [row for name in SUMMARY_SETS for row in story_summary_topics.scores(name, references)]
    margins = {f"margin_{key}": statistics.mean(r[0][k] - r[1][k] for r in rows)
               for k, key in enumerate(("r1", "r2", "rl"))}
    print(f"  their {len(rows)} story summaries over LEAD-5 "
          f"{margins['margin_r1']:+.2f} / {margins['margin_r2']:+.2f} / {margins['margin_rl']:+.2f}")
    failed += [f"topics summaries {key} {value:.3f} < {TOPICS_FLOORS[key]}" for key, value in margins.items()
               if value < TOPICS_FLOORS[key]]
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=stories_common.SHARED)
    args = parser.parse_args()
    print("stories gate: the repository's topics sets")
    failed = gate_topics()
    if not (args.shared / "clusters" / "labels.json").exists():
        print(f"stories gate: the dev stories skipped, none at {args.shared / 'clusters'}")
        return _verdict(failed)
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
    failed += [f"{name} {figures[name]:.3f} < {floor}" for name, floor in FLOORS.items() if figures[name] < floor]
    return _verdict(failed)


def _verdict(failed: list[str]) -> int:
    for line in failed:
        print(f"  BELOW FLOOR: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
