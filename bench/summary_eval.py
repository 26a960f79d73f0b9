"""Measure digest's summarizer against LEAD-3 and sumy's TextRank with ROUGE.

    python bench/summary_eval.py [--data ../shared/summaries/dev.jsonl] [--json out.json]
    python bench/summary_eval.py --cv [--folds 5]   # also the cross-validated margins

The data (one JSON object a line: id, title, article with one sentence a line,
reference) is read in place and never copied into the repository. ROUGE-1/2/L F1 is
computed here on lowercased syllables with punctuation stripped.

A second set tells whether the margin holds across outlets: the articles of
../shared/clusters (many outlets, 2013), each body summarized and scored against the
article's own lead (sapo), which is left out of the body as VietNews leaves it out.

--cv chooses the summarizer's constants from a small grid by k-fold cross-validation
over both sets (folds drawn from each set alike): for each fold, the constants with the
best margins over LEAD-3 on the other folds (the worst of R-1/2/L, averaged over the
two sets), then their margins on the held-out fold. It prints each fold, the min and
mean of the held-out margins, and how often each grid point was chosen.
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import statistics
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from digest import summarize as summarize_module
from digest.model import Article
from digest.sentences import split_sentences
from digest.summarize import summarize

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "summaries" / "dev.jsonl"
DEFAULT_LEADS = REPO_ROOT.parent / "shared" / "clusters" / "articles"
SUMMARY_SENTENCES = 3

_SYLLABLE = re.compile(r"[^\W_]+")


# ---- ROUGE ------------------------------------------------------------------------

def rouge_tokens(text: str) -> list[str]:
    return _SYLLABLE.findall(text.lower())


def f1(overlap: float, candidate_total: int, reference_total: int) -> float:
    if not overlap:
        return 0.0
    precision = overlap / candidate_total
    recall = overlap / reference_total
    return 2 * precision * recall / (precision + recall)


def rouge_n(candidate: list[str], reference: list[str], n: int) -> float:
    candidate_grams = Counter(zip(*(candidate[i:] for i in range(n)), strict=False))
    reference_grams = Counter(zip(*(reference[i:] for i in range(n)), strict=False))
    overlap = sum((candidate_grams & reference_grams).values())
    return f1(overlap, sum(candidate_grams.values()), sum(reference_grams.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge_l(candidate: list[str], reference: list[str]) -> float:
    return f1(lcs_length(candidate, reference), len(candidate), len(reference))


def rouge_scores(summary: list[str], reference: str) -> dict[str, float]:
    candidate = rouge_tokens(" ".join(summary))
    gold = rouge_tokens(reference)
    return {
        "R-1": rouge_n(candidate, gold, 1),
        "R-2": rouge_n(candidate, gold, 2),
        "R-L": rouge_l(candidate, gold),
        "length": len(candidate),
    }


# ---- systems ----------------------------------------------------------------------

def digest_system(article: Article) -> list[str]:
    return summarize(article, n=SUMMARY_SENTENCES)


def lead3_system(article: Article) -> list[str]:
    sentences = [s for p in article.paragraphs for s in split_sentences(p)]
    return sentences[:SUMMARY_SENTENCES]


def lead_budget_system(article: Article) -> list[str]:
    """The lead cut by digest's syllable budget (SYLLABLES_PER_SENTENCE x 3): the lead at
    digest's length, so a margin over it is not a length effect."""
    budget = summarize_module.SYLLABLES_PER_SENTENCE * SUMMARY_SENTENCES
    chosen: list[str] = []
    total = 0
    for sentence in lead3_system(article):
        if chosen and budget and total >= budget:
            break
        chosen.append(sentence)
        total += len(rouge_tokens(sentence))
    return chosen


class VietnameseSumyTokenizer:
    """What sumy's parsers ask of a tokenizer, with digest's Vietnamese rules."""

    language = "vietnamese"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(rouge_tokens(sentence))


def sumy_textrank_system(article: Article) -> list[str]:
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.text_rank import TextRankSummarizer

    # A blank line between paragraphs, as PlaintextParser expects.
    text = "\n\n".join(article.paragraphs)
    parser = PlaintextParser.from_string(text, VietnameseSumyTokenizer())
    picked = TextRankSummarizer()(parser.document, SUMMARY_SENTENCES)
    return [str(sentence) for sentence in picked]


SYSTEMS = {
    "digest": digest_system,
    "LEAD-3": lead3_system,
    "LEAD, budget": lead_budget_system,
    "sumy TextRank": sumy_textrank_system,
}


# ---- running ----------------------------------------------------------------------

def load_articles(path: Path) -> list[tuple[Article, str]]:
    articles = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            paragraphs = [s for s in record["article"].split("\n") if s.strip()]
            article = Article(path=record["id"], title=record["title"], paragraphs=paragraphs)
            articles.append((article, record["reference"]))
    return articles


def evaluate(articles: list[tuple[Article, str]], systems=SYSTEMS) -> dict[str, dict[str, float]]:
    """Mean ROUGE F1 (as percentages) and mean summary length in syllables per system."""
    results = {}
    for name, system in systems.items():
        totals: Counter = Counter()
        for article, reference in articles:
            totals.update(rouge_scores(system(article), reference))
        count = max(len(articles), 1)
        results[name] = {
            key: round(value / count * (1 if key == "length" else 100), 2)
            for key, value in totals.items()
        }
    return results


def load_leads(folder: Path) -> list[tuple[Article, str]]:
    """Articles written as title, blank line, lead, blank line, body; the lead (its agency
    marker, "TTO -", dropped) is the reference. Files without a separate lead are skipped."""
    articles = []
    for path in sorted(folder.glob("*.txt")):
        blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip())
        if len(blocks) != 3:
            continue
        title, lead, body = (block.strip() for block in blocks)
        lead = re.sub(r"^\(?[A-ZĐ][\w.]{1,12}\)?\s*[-–—]\s*", "", lead)
        articles.append((Article(path=path.name, title=title, paragraphs=[body]), lead))
    return articles


# ---- cross-validation ---------------------------------------------------------------

# The grid --cv chooses from: the summarizer's constants, a few values each.
GRID = {
    "LEAD_WEIGHT": (1.0, 1.5),
    "TITLE_WEIGHT": (1.0, 1.5, 2.0),
    "CENTRALITY_WEIGHT": (0.25, 0.5),
    "LEAD_BONUS": (0.0, 0.2),
    ("LENGTH_WEIGHT", "LENGTH_REFERENCE"): ((0.0, 25), (0.5, 20), (1.0, 25)),
    "DUPLICATE_SIMILARITY": (0.4, 0.5),
    "SYLLABLES_PER_SENTENCE": (0, 15, 20, 25),
}
METRICS = ("R-1", "R-2", "R-L")


def grid_points() -> list[dict[str, float]]:
    points = []
    for values in itertools.product(*GRID.values()):
        point: dict[str, float] = {}
        for key, value in zip(GRID, values, strict=True):
            if isinstance(key, tuple):
                point.update(zip(key, value, strict=True))
            else:
                point[key] = value
        points.append(point)
    return points


@contextmanager
def constants(point: dict[str, float]) -> Iterator[None]:
    saved = {name: getattr(summarize_module, name) for name in point}
    for name, value in point.items():
        setattr(summarize_module, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(summarize_module, name, value)


def margins_per_article(articles: list[tuple[Article, str]]) -> list[list[float]]:
    """Each article's digest-minus-LEAD-3 R-1, R-2, R-L (percentage points)."""
    rows = []
    for article, reference in articles:
        ours = rouge_scores(digest_system(article), reference)
        lead = rouge_scores(lead3_system(article), reference)
        rows.append([100 * (ours[m] - lead[m]) for m in METRICS])
    return rows


def mean_margins(rows: list[list[float]], indices: list[int]) -> list[float]:
    return [statistics.mean(rows[i][k] for i in indices) for k in range(len(METRICS))]


def objective(rows: list[list[float]], groups: list[list[int]]) -> float:
    """The worst of the three mean margins, averaged over the sets (groups)."""
    return statistics.mean(min(mean_margins(rows, group)) for group in groups if group)


def make_folds(sizes: list[int], k: int, seed: int = 0) -> list[list[list[int]]]:
    """k folds, each a list of index lists (one per set), drawn from each set alike."""
    rng = random.Random(seed)
    starts = list(itertools.accumulate([0, *sizes]))
    shuffled = []
    for start, size in zip(starts, sizes, strict=False):
        indices = list(range(start, start + size))
        rng.shuffle(indices)
        shuffled.append(indices)
    return [[sorted(indices[f::k]) for indices in shuffled] for f in range(k)]


def cross_validate(sets: dict[str, list[tuple[Article, str]]], k: int) -> dict:
    articles = [a for arts in sets.values() for a in arts]
    points = grid_points()
    table = []
    for point in points:
        with constants(point):
            table.append(margins_per_article(articles))
    folds = make_folds([len(arts) for arts in sets.values()], k)
    held_out = []
    for fold, test in enumerate(folds):
        train = [[i for i in group if all(i not in t for t in test)] for group in _groups(sets)]
        best = max(range(len(points)), key=lambda p: objective(table[p], train))
        row = {"fold": fold + 1, "chosen": points[best]}
        for name, group in zip(sets, test, strict=True):
            row[name] = mean_margins(table[best], group)
        row["all"] = mean_margins(table[best], [i for group in test for i in group])
        held_out.append(row)
    summary = {}
    for name in [*sets, "all"]:
        values = [row[name] for row in held_out]
        summary[name] = {
            "min": [min(v[m] for v in values) for m in range(len(METRICS))],
            "mean": [statistics.mean(v[m] for v in values) for m in range(len(METRICS))],
            "stdev": [statistics.stdev(v[m] for v in values) for m in range(len(METRICS))],
        }
    chosen = Counter(json.dumps(row["chosen"], sort_keys=True) for row in held_out)
    return {"folds": held_out, "summary": summary, "chosen": chosen.most_common()}


def _groups(sets: dict[str, list[tuple[Article, str]]]) -> list[list[int]]:
    starts = list(itertools.accumulate([0, *(len(a) for a in sets.values())]))
    return [list(range(start, start + len(arts))) for start, arts in zip(starts, sets.values(), strict=False)]


def format_cv(result: dict, sets: list[str]) -> str:
    def cells(values: list[float]) -> str:
        return " ".join(f"{v:+6.2f}" for v in values)
    head = "  ".join(f"{name + ' R-1/2/L':<22}" for name in [*sets, "all"])
    rows = [f"held-out margin over LEAD-3 (digest minus LEAD-3, points)\n{'fold':<6} {head}"]
    for row in result["folds"]:
        rows.append(f"{row['fold']:<6} " + "  ".join(f"{cells(row[name]):<22}" for name in [*sets, "all"]))
    for stat in ("min", "mean", "stdev"):
        rows.append(f"{stat:<6} " + "  ".join(f"{cells(result['summary'][name][stat]):<22}"
                                             for name in [*sets, "all"]))
    rows.append("chosen in folds:")
    rows.extend(f"  {count} x {point}" for point, count in result["chosen"])
    return "\n".join(rows)


def format_table(results: dict[str, dict[str, float]]) -> str:
    rows = [f"{'system':<15} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'length':>7}"]
    for name, scores in results.items():
        rows.append(
            f"{name:<15} {scores['R-1']:>6.2f} {scores['R-2']:>6.2f} "
            f"{scores['R-L']:>6.2f} {scores['length']:>7.1f}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="JSON lines with id, title, article, reference")
    parser.add_argument("--leads", type=Path, default=DEFAULT_LEADS,
                        help="folder of title/lead/body articles from other outlets (skipped if absent)")
    parser.add_argument("--cv", action="store_true", help="also cross-validate the summarizer's constants")
    parser.add_argument("--folds", type=int, default=5, help="folds for --cv (default 5)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    sets = {"dev": load_articles(args.data)}
    if args.leads.is_dir():
        sets["leads"] = load_leads(args.leads)
    report: dict = {"data": str(args.data), "results": {}}
    for name, articles in sets.items():
        results = evaluate(articles)
        report["results"][name] = {"articles": len(articles), **results}
        print(f"{name}: {len(articles)} articles, {SUMMARY_SENTENCES} sentences, ROUGE F1 on syllables")
        print(format_table(results))
        print()
    if args.cv:
        result = cross_validate(sets, args.folds)
        report["cv"] = result
        print(f"{args.folds}-fold cross-validation over a grid of {len(grid_points())} constant settings")
        print(format_cv(result, list(sets)))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
