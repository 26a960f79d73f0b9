"""Fail when the quality flags or `glossary suggest` fall below pinned floors on their dev sets.

    python bench/quality_gate.py            # exit 0: at or above every floor; 1: below one

The figures are those of bench/qa_eval.py (the dev half of Tatoeba's pairs, read in place
from ../shared/data/vi-en, and the news pairs in bench/qa_news/ that have been tuned on) and
bench/suggest_eval.py (bench/suggest_gold.json over the story
corpus in ../shared/clusters/articles). Without ../shared it says so and gates the news pairs only: the
tests don't need it. A rule that breaks an older one is caught the day it is written, as
trafilatura's eval gate does. The floors sit a little under today's figures (a margin for
a case or two, not for a regression); a held-out set is gated on only once it has been scored
and tuned on, so nobody tunes on one that is still held out.
"""
from __future__ import annotations

import contextlib
import io
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import qa_eval
import suggest_eval

# Dev figures when pinned (issue 22): false alarms 4.0%; caught number 100%, untranslated
# 96.0%, repeat 100%, length 92.1%, name 95.7%, added name 99.4%; suggest recall 85.4%,
# precision 83.5%.
MOST_FALSE_ALARMS = 0.05
LEAST_CAUGHT = {"number": 0.90, "untranslated": 0.93, "repeat": 0.98, "length": 0.90, "name": 0.90,
                "added name": 0.95}
LEAST_RECALL, LEAST_PRECISION = 0.83, 0.80
# The news pairs written for digest (bench/qa_news/, in the repository: gated with or without
# ../shared): the three dev sets and the sets that were held out until each was scored once
# (issue 22) and have been tuned on since; never a set not yet scored or scored once and not
# read (heldout29 to 44). heldout17 and 18 were read in round 10 (5.3 and 11.3%), heldout19
# and 20 in round 11 (12.7 and 6.7% when scored, 10.7 and 2.7% after), heldout21 and 22 in
# round 12 (9.3 and 11.3% when scored, 7.3 and 8.7% after). After round 9, false
# alarms 1.3 / 2.7 / 3.3 / 2.0 / 1.3 / 2.0 / 2.0 / 2.7 / 4.0 / 1.3 / 2.7 / 2.0 / 4.7 / 7.3 /
# 5.3 / 7.3 / 6.7 / 9.3 / 6.0% (dev, dev2, dev3, heldout to heldout16); caught name
# 67.4-84.6%, added name 78.0-87.3%, numbers 84.1-100% (bench/qa_eval.py --data
# bench/qa_news/SET --part all).
# Each set's most false alarms: a point or so above its figure.
NEWS_MOST_FALSE_ALARMS = {"dev": 0.03, "dev2": 0.04, "dev3": 0.045, "heldout": 0.035, "heldout2": 0.03,
                          "heldout3": 0.035, "heldout4": 0.035, "heldout5": 0.04, "heldout6": 0.055,
                          "heldout7": 0.035, "heldout8": 0.04, "heldout9": 0.04, "heldout10": 0.06,
                          "heldout11": 0.085, "heldout12": 0.065, "heldout13": 0.085, "heldout14": 0.08,
                          "heldout15": 0.105, "heldout16": 0.075, "heldout17": 0.065, "heldout18": 0.125,
                          "heldout19": 0.115, "heldout20": 0.04, "heldout21": 0.085, "heldout22": 0.10,
                          "heldout23": 0.11, "heldout24": 0.11, "heldout25": 0.09, "heldout26": 0.075,
                          "heldout27": 0.075, "heldout28": 0.10,
                          # world news translated from English, read in round 17 (dev4-7: 4.7 / 4.0 / 4.7 /
                          # 2.0% after it); two of the four, as the gate must run in under a minute
                          "dev4": 0.06, "dev6": 0.06}
NEWS_DEV = [Path(__file__).resolve().parent / "qa_news" / name for name in NEWS_MOST_FALSE_ALARMS]
# (length 86%: heldout13 catches 87.3% of truncations, as it did before any round). After
# round 13 the least caught of these sets: numbers 85.4%, names 72.0%, added names 80.0%
# (82.0 / 66 / 75% floors before it). heldout23-28 were read in round 14 (10.0 / 10.0 / 8.0 /
# 6.7 / 6.7 / 9.3% after it); heldout26 catches 78.0% of added names, hence that floor.
NEWS_LEAST_CAUGHT = {"number": 0.84, "untranslated": 0.91, "repeat": 0.97, "length": 0.86, "name": 0.70,
                     "added name": 0.77}


def main() -> int:
    below: list[str] = []
    if qa_eval.DEFAULT_DATA.is_dir():
        pairs = [p for p in qa_eval.load_pairs(qa_eval.DEFAULT_DATA) if qa_eval.part_of(p) == "dev"]
        print(f"quality flags: {len(pairs)} dev pairs of {qa_eval.DEFAULT_DATA}")
        below += flags_below(pairs, "", MOST_FALSE_ALARMS, LEAST_CAUGHT)
    else:
        print(f"quality flags: skipped, no {qa_eval.DEFAULT_DATA}")
    with ProcessPoolExecutor() as pool:  # a set a core: 31 sets in under a minute on two
        for text, lines in pool.map(news_set_below, NEWS_DEV):
            print(text, end="")
            below += lines
    if suggest_eval.DEFAULT_ARTICLES.is_dir():
        recall, precision = suggest_eval.evaluate(suggest_eval.DEFAULT_ARTICLES, None, False)
        print(f"glossary suggest (suggest_gold.json, empty glossary): recall {recall:.1%}, precision {precision:.1%}")
        if recall < LEAST_RECALL:
            below.append(f"suggest recall {recall:.1%} < {LEAST_RECALL:.0%}")
        if precision < LEAST_PRECISION:
            below.append(f"suggest precision {precision:.1%} < {LEAST_PRECISION:.0%}")
    else:
        print(f"glossary suggest: skipped, no {suggest_eval.DEFAULT_ARTICLES}")
    for line in below:
        print(f"quality_gate: below the floor: {line}", file=sys.stderr)
    return 1 if below else 0


def news_set_below(folder: Path) -> tuple[str, list[str]]:
    """What flags_below prints and returns for one set of bench/qa_news."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        news = qa_eval.load_pairs(folder)
        print(f"quality flags: {len(news)} news pairs of {folder.relative_to(folder.parents[2])}")
        below = flags_below(news, folder.name + " ", NEWS_MOST_FALSE_ALARMS[folder.name], NEWS_LEAST_CAUGHT)
    return out.getvalue(), below


def flags_below(pairs: list[qa_eval.Pair], label: str, most_false_alarms: float,
                least_caught: dict[str, float]) -> list[str]:
    """The figures of bench/qa_eval.py on `pairs` that fall below their floors, one line each."""
    figures = qa_eval.evaluate(pairs, 13, None)
    below = [f"{label}caught {kind} {figures['caught: ' + kind]:.1%} < {floor:.0%}"
             for kind, floor in least_caught.items() if figures["caught: " + kind] < floor]
    if figures["false alarms"] > most_false_alarms:
        below.insert(0, f"{label}false alarms {figures['false alarms']:.1%} > {most_false_alarms:.1%}")
    return below


if __name__ == "__main__":
    sys.exit(main())
