"""Measure digest's summarizer against LEAD-3 and sumy's TextRank with ROUGE.

    python bench/summary_eval.py [--data ../shared/summaries/dev.jsonl] [--json out.json]

The data (one JSON object a line: id, title, article with one sentence a line,
reference) is read in place and never copied into the repository. ROUGE-1/2/L F1 is
computed here on lowercased syllables with punctuation stripped.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from digest.article import Article
from digest.sentences import split_sentences
from digest.summarize import summarize

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "summaries" / "dev.jsonl"
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
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    articles = load_articles(args.data)
    results = evaluate(articles)
    print(f"{len(articles)} articles, {SUMMARY_SENTENCES} sentences, ROUGE F1 on syllables")
    print(format_table(results))
    if args.json:
        args.json.write_text(json.dumps(
            {"data": str(args.data), "articles": len(articles), "results": results},
            indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
