"""Time and memory of the stories stage (digest.stories.group_stories) over N articles.

    python bench/stories_scale.py N [--seed 1]   # prints one JSON line

The corpus is built here, in memory, each time: realistic stories of 2 to 10 articles.
A story's core is a few runs of sentences drawn from *different* real articles (the
texts of ../shared/clusters when present, and seeds/), with the story's own figures (its
numbers shifted by a per-story amount) and a date; each of its articles reports that core
in its own way (about 70% of the core sentences, locally reordered, one to four sentences
from unrelated articles as background, its own outlet, zero to two days apart). Stories
overlap the way real ones do: the same source sentence can turn up in several stories.
No text is written anywhere. bench/run.py (step stories_10k) runs this in a fresh process
per size, so the peak RSS is the run's own.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from digest.model import Article, Digest  # noqa: E402
from digest.sentences import split_sentences  # noqa: E402

CLUSTERS = REPO.parent / "shared" / "clusters" / "articles"
OUTLETS = ["vnexpress.net", "tuoitre.vn", "thanhnien.vn", "vietnamplus.vn", "dantri.com.vn", "vov.vn",
           "laodong.vn", "nld.com.vn", "zingnews.vn", "baomoi.com", "tienphong.vn", "sggp.org.vn"]
_NUMBER = re.compile(r"\d+")


def sources() -> list[tuple[str, list[str]]]:
    """(title, sentences) of every real article at hand: ../shared/clusters, then seeds/."""
    paths = sorted(CLUSTERS.glob("*.txt")) if CLUSTERS.is_dir() else []
    paths += sorted((REPO / "seeds").glob("*.txt"))
    found = []
    for path in paths:
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        title, body = lines[0], [line for line in lines[1:] if len(line) > 40]
        sentences = [s for paragraph in body for s in split_sentences(paragraph) if len(s) > 30]
        if len(sentences) >= 6:
            found.append((title, sentences))
    return found


def make_stories(n: int, seed: int = 1) -> list[Digest]:
    """N article digests making stories of 2-10 articles each (the last may be smaller)."""
    rng = random.Random(seed)
    texts = sources()
    digests: list[Digest] = []
    story = 0
    while len(digests) < n:
        story += 1
        size = min(rng.randint(2, 10), n - len(digests))
        picked = rng.sample(range(len(texts)), 3)
        core: list[str] = []
        for k in picked:
            sentences = texts[k][1]
            start = rng.randrange(max(1, len(sentences) - 5))
            core += sentences[start:start + rng.randint(3, 6)]
        offset = story * 7 + 1  # the story's own figures

        def figures(text: str, offset: int = offset) -> str:
            return _NUMBER.sub(lambda m: m.group() if int(m.group()) <= 31 else str(int(m.group()) + offset), text)

        title = figures(texts[picked[0]][0])
        day = 738000 + rng.randrange(120)
        for _ in range(size):
            kept = [s for s in core if rng.random() < 0.7] or core[:2]
            for i in range(len(kept) - 1):  # local reordering: each outlet writes it its own way
                if rng.random() < 0.2:
                    kept[i], kept[i + 1] = kept[i + 1], kept[i]
            background = [rng.choice(texts[rng.randrange(len(texts))][1]) for _ in range(rng.randint(1, 4))]
            body = [figures(s) for s in kept] + background
            paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
            headline = title if rng.random() < 0.5 else figures(kept[0])[:120]
            date = dt.date.fromordinal(day + rng.randint(0, 2)).isoformat()
            article = Article(f"story{story:05d}-{len(digests):05d}.txt", headline, paragraphs, date=date,
                              source=rng.choice(OUTLETS))
            digests.append(Digest(article, summary=body[:3]))
    return digests


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    digests = make_stories(args.n, args.seed)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from digest.stories import group_stories

    start = time.perf_counter()
    cpu = time.process_time()
    found = group_stories(digests, run_date="2024-01-01")
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    truth = {d.article.path: d.article.path.split("-")[0] for d in digests}
    pure = sum(len({truth[p] for p in s.inputs}) == 1 for s in found)
    print(json.dumps({"n": args.n, "seconds": seconds, "cpu_seconds": cpu_seconds, "rss_inputs_mb": before,
                      "rss_peak_mb": peak, "stories": len(found), "true_stories": len(set(truth.values())),
                      "pure_stories": pure}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
