"""Score story summaries on the invented topics sets against reference summaries written
blind: digest's summary of each true story beside LEAD-5 of its earliest article.

    python bench/story_summary_topics.py            # all sets
    python bench/story_summary_topics.py --set stories_topics4

bench/stories_summaries/ holds one reference summary for every story of two or more
articles in bench/stories_topics{,2,...,10} (280 stories), written in Vietnamese by writers
who had read neither digest's code nor its docs, as a news annotator of a multi-document
summary set would (README.md there). It is a second labelled set for story summaries
beside ../shared/clusters, from another source: the events are invented, the articles
were written by other writers. Needs no ../shared.

ROUGE-1/2/L F1 as bench/stories_eval.py computes them (stories_common.rouge), mean over
stories, and the margin over LEAD-5 with its standard error over stories.
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stories_common

BENCH = Path(__file__).resolve().parent
REFERENCES = BENCH / "stories_summaries"
SETS = ("stories_topics", "stories_topics2", "stories_topics3", "stories_topics4", "stories_topics5", "stories_topics6",
        "stories_topics7", "stories_topics8", "stories_topics9", "stories_topics10")


def load_references(folder: Path = REFERENCES) -> dict[tuple[str, str], str]:
    references = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                references[(row["set"], row["story"])] = row["summary"]
    return references


def scores(set_name: str, references: dict[tuple[str, str], str]) -> list[tuple[list[float], list[float]]]:
    """(digest's R-1/2/L, LEAD-5's) for each story of the set that has a reference."""
    digests, gold, _ = stories_common.load_dev(BENCH / set_name)
    rows = []
    for story, members in sorted(stories_common.by_story(digests, gold).items()):
        reference = references.get((set_name, story))
        if reference is None:
            continue
        ours = stories_common.rouge(stories_common.story_summary_text(members), [reference])
        lead = stories_common.rouge(stories_common.lead5(members), [reference])
        rows.append((list(ours), list(lead)))
    return rows


def report(label: str, rows: list[tuple[list[float], list[float]]]) -> None:
    ours = [statistics.mean(r[0][k] for r in rows) for k in range(3)]
    lead = [statistics.mean(r[1][k] for r in rows) for k in range(3)]
    margins = []
    for k in range(3):
        diffs = [r[0][k] - r[1][k] for r in rows]
        error = statistics.stdev(diffs) / math.sqrt(len(diffs)) if len(diffs) > 1 else 0.0
        margins.append(f"{statistics.mean(diffs):+.1f} ± {error:.1f}")
    print(f"{label:<18} {len(rows):>4}  digest {ours[0]:.1f} / {ours[1]:.1f} / {ours[2]:.1f}"
          f"  LEAD-5 {lead[0]:.1f} / {lead[1]:.1f} / {lead[2]:.1f}  margin {' / '.join(margins)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, action="append", help="a set to score (default: all)")
    args = parser.parse_args()
    references = load_references()
    everything: list[tuple[list[float], list[float]]] = []
    print(f"{'set':<18} {'n':>4}  ROUGE-1 / 2 / L F1")
    for set_name in args.set or SETS:
        rows = scores(set_name, references)
        everything += rows
        report(set_name, rows)
    if len(args.set or SETS) > 1:
        report("all", everything)
    return 0


if __name__ == "__main__":
    sys.exit(main())
