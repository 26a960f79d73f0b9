"""Stories: the articles of a run that report the same event, grouped into one item.

summarize -> list[Digest] -> group_stories -> list[Story] -> translate -> render

- `vectors`: what two articles share (TF-IDF over syllables, bigrams, names, figures) and
  the candidate pairs worth comparing;
- `linking`: a same-event probability for each candidate pair (logistic regression on a
  handful of measures, weights in digest/data/story_pairs.json), the time window, then
  average-link grouping;
- `summary`: the story summary, from the earliest article's lead and what the others add;
- `dates`: gaps between articles, and oldest-first order by date and time;
- here: each group made a `Story`: near-duplicates (one wire story carried by several
  outlets) collapse into one timeline line listing all its outlets; the summary, timeline
  and title come from the distinct articles; stories in briefing order.

How the method and its constants were chosen (leave-stories-out cross-validation with
every other article present, beside the alternatives measured) is in docs/stories.md.
numpy is imported only when a run has more than one article.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from digest import config
from digest.model import Digest, Story, TimelineLine
from digest.sentences import split_sentences
from digest.stories import dates
from digest.stories.linking import WINDOW_DAYS, Pair, PairModel, average_link, cluster, shipped_model
from digest.stories.summary import story_summary

__all__ = ["DUPLICATE", "WINDOW_DAYS", "Pair", "PairModel", "average_link", "cluster", "group_stories",
           "near_duplicates", "shipped_model", "single_stories", "story_summary"]

DEFAULT_STORY_SENTENCES = config.DEFAULT_STORY_SENTENCES  # defined once, in config
DUPLICATE = 0.8  # cosine at which two articles are copies of one wire story


def group_stories(digests: Sequence[Digest], story_sentences: int = DEFAULT_STORY_SENTENCES,
                  run_date: str = "", model: PairModel | None = None, window_days: float = WINDOW_DAYS,
                  ) -> list[Story]:
    """The stories of a run, in briefing order: most outlets first, then the newest.
    Every digest is in exactly one story. Needs the articles' paragraphs."""
    groups, pairs = cluster(digests, model, window_days)
    touching: dict[int, list[tuple[int, int]]] = {}
    for key in pairs:
        touching.setdefault(key[0], []).append(key)
        touching.setdefault(key[1], []).append(key)
    stories = [_story(digests, members, {k: pairs[k] for i in members for k in touching.get(i, [])},
                      story_sentences, run_date) for members in groups]
    first = {id(story): members[0] for story, members in zip(stories, groups, strict=True)}
    order = _story_order(run_date)
    stories.sort(key=lambda story: (*order(story), first[id(story)]))
    for number, story in enumerate(stories, 1):
        story.id = f"s{number}"
    return stories


def single_stories(digests: Sequence[Digest]) -> list[Story]:
    """One story per article (--no-stories, or a run of one)."""
    return [_story(digests, [i], {}, DEFAULT_STORY_SENTENCES, "") for i in range(len(digests))]


def _story(digests: Sequence[Digest], members: list[int], pairs: dict[tuple[int, int], Pair],
           story_sentences: int, run_date: str) -> Story:
    year = dates.story_year((digests[i] for i in members), run_date)
    ordered = sorted(members, key=lambda i: (dates.sort_key(digests[i], year), i))
    copies = near_duplicates(ordered, pairs)
    timeline: list[TimelineLine] = []
    for i in ordered:
        if i not in copies:
            continue
        kept = [digests[i], *(digests[c] for c in copies[i])]
        timeline.append(TimelineLine(
            input=digests[i].article.path, date=digests[i].article.date, partial_date=digests[i].article.partial_date,
            outlets=_unique(d.article.source for d in kept if d.article.source),
            text=_lead(digests[i]), copies=[digests[c].article.path for c in copies[i]]))
    distinct = [digests[i] for i in ordered if i in copies]
    if len(members) == 1:
        summary = list(digests[members[0]].summary)
        title = digests[members[0]].article.title
    else:
        summary = story_summary(distinct, story_sentences)
        title = _headline(distinct)
    return Story(id="", title=title, articles=[digests[i] for i in ordered],
                 outlets=_unique(o for line in timeline for o in line.outlets), timeline=timeline,
                 summary=summary, reason=_reasons(digests, ordered, pairs))


def near_duplicates(ordered: list[int], pairs: dict[tuple[int, int], Pair]) -> dict[int, list[int]]:
    """The article kept for each set of near-duplicates (the first in date order) -> its copies."""
    kept: dict[int, list[int]] = {}
    for i in ordered:
        original = next((k for k in kept if pairs.get((min(i, k), max(i, k)), _NO_PAIR).similarity >= DUPLICATE),
                        None)
        if original is None:
            kept[i] = []
        else:
            kept[original].append(i)
    return kept


_NO_PAIR = Pair(0.0, 0.0, (), None, "")


def _lead(digest: Digest) -> str:
    """The first sentence of the article's own lead (its first paragraph), else its title."""
    for paragraph in digest.article.paragraphs:
        sentences = split_sentences(paragraph)
        if sentences:
            return sentences[0]
    return next(iter(digest.summary), digest.article.title)


def _headline(distinct: list[Digest]) -> str:
    """The title closest to all the story's titles (the medoid): the one that says what the
    others say. Ties go to the earliest article."""
    from digest.summarize import cosine, ngrams, syllables

    titled = [d for d in distinct if d.article.title]
    if not titled:
        return ""
    grams = [ngrams(syllables(d.article.title)) for d in titled]
    scores = [sum(cosine(g, h) for h in grams) for g in grams]
    return titled[max(range(len(titled)), key=lambda k: (scores[k], -k))].article.title


def _reasons(digests: Sequence[Digest], ordered: list[int], pairs: dict[tuple[int, int], Pair]) -> list[str]:
    """Lines for --explain: each article after the first, with the earlier article it is most
    likely one event with, the measures and what they share; for a lone article, its nearest."""
    def name(i: int) -> str:
        return digests[i].article.path

    def line(i: int, j: int, pair: Pair, verb: str) -> str:
        gap = "date gap unknown (undated)" if pair.gap_days is None else f"{pair.gap_days:.0f} days apart"
        shared = f"; shared: {', '.join(pair.shared)}" if pair.shared else ""
        return (f"{name(i)} {verb} {name(j)}: same event {pair.probability:.2f} (text similarity "
                f"{pair.similarity:.2f}), {gap}{shared}")

    if len(ordered) == 1:
        i = ordered[0]
        near = max((k for k in pairs if i in k), key=lambda k: (pairs[k].probability, pairs[k].similarity),
                   default=None)
        if near is None:
            return [f"{name(i)}: no other article shares its rarer names and terms"]
        pair = pairs[near]
        from digest.stories.linking import shipped_model

        why = pair.blocked or ("below the story threshold" if pair.probability < shipped_model().threshold
                               else "its story's other articles are too far in time or too unlike, on average")
        return [line(i, near[1] if near[0] == i else near[0], pair, "stands alone; nearest is") + f" ({why})"]
    reasons = []
    for position, i in enumerate(ordered[1:], 1):
        earlier = [(min(i, j), max(i, j)) for j in ordered[:position] if (min(i, j), max(i, j)) in pairs]
        if not earlier:
            reasons.append(f"{name(i)} joins through the story as a whole (mean probability)")
            continue
        best = max(earlier, key=lambda k: (pairs[k].probability, pairs[k].similarity))
        pair = pairs[best]
        verb = "is a near-duplicate of" if pair.similarity >= DUPLICATE else "grouped with"
        reasons.append(line(i, best[0] if best[1] == i else best[1], pair, verb))
    return reasons


def _story_order(run_date: str) -> Callable[[Story], tuple[int, int, int, int]]:
    """Most outlets first, then dated stories newest first, then partially dated, then undated."""
    def key(story: Story) -> tuple[int, int, int, int]:
        year = dates.story_year(story.articles, run_date)
        full = [dates.sort_key(d, year)[1:] for d in story.articles if d.article.date]
        partial = [dates.sort_key(d, year)[1:] for d in story.articles if d.article.partial_date]
        tier, latest = (0, max(full)) if full else (1, max(partial)) if partial else (2, (0, 0))
        return (-story.outlet_count, tier, -latest[0], -latest[1])
    return key


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))

