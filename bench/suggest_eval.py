"""Measure `digest glossary suggest` against hand-labelled names of real news articles.

    python bench/suggest_eval.py [--articles ../shared/clusters/articles] [--show]
    python bench/suggest_eval.py --held-out    # 12 articles labelled blind
    python bench/suggest_eval.py --beat [--summaries ../shared/summaries/dev.jsonl]
    python bench/suggest_eval.py --beat2   # 20 more VietNews articles, labelled blind later

bench/suggest_gold.json lists, for 39 articles of the story-cluster corpus (read in place,
never copied into the repository), every person, place and organization name of two or
more syllables and every acronym the article expands: names only, no text. Suggest runs on
those articles twice, with an empty glossary and with the repository's glossary.csv:

    recall     the gold names that the glossary lacks (no glossary form spells them
               exactly) that are suggested
    precision  the suggestions that are gold names

--beat scores bench/suggest_beat.json instead: 20 VietNews articles of other beats
(crime, courts, entertainment, city government, local news), labelled blind, whose
records are read from ../shared/summaries/dev.jsonl and written to a temporary directory
for the run (title, then one paragraph a line), never into the repository. --beat2 scores
bench/suggest_beat2.json the same way: 20 other records of that file, labelled blind after
the rules that suggest_beat.json led to, as the estimate for those rules.

A name counts only as spelled ("A|B" in the gold lists accepted spellings). The targets
are those of issue 13: recall 80% or more, precision 70% or more.
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from digest.names import read_sentences, suggestions
from digest.translate.glossary import Glossary

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ARTICLES = REPO_ROOT.parent / "shared" / "clusters" / "articles"
GOLD = Path(__file__).resolve().parent / "suggest_gold.json"
# Labelled blind after the rules were written, and never used to write them: the estimate
# for unseen text. Tune on suggest_gold.json only, or this figure means nothing.
HELD_OUT = Path(__file__).resolve().parent / "suggest_heldout.json"
# Another source and other beats (issue 22), labelled blind before suggest was run on it:
# the estimate for news the rules were not written from. Never tune on it either.
BEAT = Path(__file__).resolve().parent / "suggest_beat.json"
# Twenty more VietNews records, labelled blind after the rules that BEAT led to (issue 22).
BEAT2 = Path(__file__).resolve().parent / "suggest_beat2.json"
DEFAULT_SUMMARIES = REPO_ROOT.parent / "shared" / "summaries" / "dev.jsonl"
RECALL_TARGET, PRECISION_TARGET = 0.80, 0.70


def evaluate(articles: Path, glossary: Path | None, show: bool, gold: Path = GOLD) -> tuple[float, float]:
    gold_lists = json.loads(gold.read_text(encoding="utf-8"))["names"]
    paths = [str(articles / f"{name}.txt") for name in sorted(gold_lists)]
    sentences, failures = read_sentences(paths)
    if failures:
        raise SystemExit(f"suggest_eval: {failures[0].message}")
    forms = {e.vi for e in Glossary.load(glossary).entries} if glossary else set()
    names = [set(item.split("|")) for items in gold_lists.values() for item in items]
    wanted = {frozenset(n) for n in names if not n & forms}  # the names the glossary lacks
    suggested = {row.vi for row in suggestions(sentences, glossary)}
    accepted = set().union(*names)
    found = [n for n in wanted if n & suggested]
    right = [s for s in suggested if s in accepted]
    if show:
        print("  missed:", sorted("|".join(sorted(n)) for n in wanted if not n & suggested))
        print("  wrong: ", sorted(suggested - accepted))
    return len(found) / len(wanted), len(right) / max(len(suggested), 1)


def write_records(summaries: Path, ids: set[str], folder: Path) -> None:
    """The dev.jsonl records named in IDS as FOLDER/<id>.txt: the title, a blank line, then
    each line of the record's text as a paragraph of its own."""
    wanted = set(ids)
    with open(summaries, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            if record["id"] in wanted:
                body = [s.strip() for s in record["article"].split("\n") if s.strip()]
                text = "\n\n".join([record["title"].strip(), *body]) + "\n"
                (folder / f"{record['id']}.txt").write_text(text, encoding="utf-8")
                wanted.discard(record["id"])
    if wanted:
        raise SystemExit(f"suggest_eval: {summaries} lacks {sorted(wanted)[0]}")


def report(articles: Path, gold: Path, show: bool) -> None:
    print(f"{gold.name}: {len(json.loads(gold.read_text(encoding='utf-8'))['names'])} articles")
    print(f"{'glossary':<16} {'recall':>7} {'target':>7} {'precision':>10} {'target':>7}")
    for label, glossary in (("empty", None), ("glossary.csv", REPO_ROOT / "glossary.csv")):
        recall, precision = evaluate(articles, glossary, show, gold)
        print(f"{label:<16} {recall:>7.1%} {RECALL_TARGET:>7.0%} {precision:>10.1%} {PRECISION_TARGET:>7.0%}"
              f"   {'yes' if recall >= RECALL_TARGET and precision >= PRECISION_TARGET else 'no'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--show", action="store_true", help="list the missed names and the wrong suggestions")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--held-out", action="store_true",
                       help=f"score {HELD_OUT.name} instead (the articles labelled blind; don't tune on it)")
    which.add_argument("--beat", action="store_true",
                       help=f"score {BEAT.name} instead (other source and beats, labelled blind; don't tune on it)")
    which.add_argument("--beat2", action="store_true",
                       help=f"score {BEAT2.name} instead (20 more VietNews articles, labelled blind; don't tune on it)")
    parser.add_argument("--summaries", type=Path, default=DEFAULT_SUMMARIES,
                        help="the VietNews records that --beat and --beat2 read their articles from")
    args = parser.parse_args()
    if args.beat or args.beat2:
        gold = BEAT if args.beat else BEAT2
        with tempfile.TemporaryDirectory(prefix="suggest_beat_") as folder:
            write_records(args.summaries, set(json.loads(gold.read_text(encoding="utf-8"))["names"]), Path(folder))
            report(Path(folder), gold, args.show)
        return
    report(args.articles, HELD_OUT if args.held_out else GOLD, args.show)


if __name__ == "__main__":
    main()
