"""The library core: each stage of digest as one function over the dataclasses in
digest.model. The command line, the benchmarks and the tests all go through here.

    from digest import core
    article = core.extract_article(core.read_input("seeds/000_6c833404c18ad008.txt"))
    digest = core.summarize_article(article, sentences=3)
    core.translate_digests([digest], core.load_translator())      # needs a model
    print(core.render_briefing([digest], "md", core.RenderOptions(lang="en", run_date="2026-11-29")))

Every function raises only digest.errors.DigestError subclasses for problems a user can
act on (a bad input, a missing model, a bad glossary), each with its exit status.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from digest import config
from digest.errors import GlossaryError, InputError, ModelError
from digest.model import Article, Digest, FeedItem, Source, TranslatedText, Translation
from digest.sources import InputRef, find_inputs, read_source

if TYPE_CHECKING:
    from digest.model import Story
    from digest.render import RenderOptions
    from digest.translate import Translator

__all__ = [
    "Article",
    "Digest",
    "InputRef",
    "RenderOptions",
    "Source",
    "extract_article",
    "find_inputs",
    "group_stories",
    "load_translator",
    "read_input",
    "render_article",
    "render_briefing",
    "render_story",
    "summarize_article",
    "translate_digests",
]

Progress = Callable[[int, int], None]  # (sentences translated so far, sentences to translate)


def read_input(name: InputRef | str | os.PathLike[str]) -> Source:
    """Read and decode one input (a path, "-" for stdin, or an InputRef from
    find_inputs): NFC text and its kind, "text" or "html". Raises InputError."""
    if not isinstance(name, InputRef):
        text = os.fspath(name)
        name = InputRef(text, None if text == "-" else Path(text))
    return read_source(name)


def extract_article(source: Source) -> Article:
    """The article in a source: title, paragraphs, date, author, outlet, and every removed
    line with its reason. Raises InputError when the source holds no article."""
    try:
        if source.kind == "html":
            from digest import html  # lxml and readability load only when a page needs them

            article = html.extract_article(source)
        else:
            from digest.clean import clean_text

            article = clean_text(source.text, source.path)
    except RecursionError:
        raise InputError(f"{source.path}: page is nested too deeply to read") from None
    if source.feed_item is not None:
        _fill_from_feed(article, source.feed_item)
    return article


def _fill_from_feed(article: Article, item: FeedItem) -> None:
    """What the page lacks, from the feed item that led to it; the page's own wins."""
    from digest.dates import parse_published

    date = parse_published(item.date)
    if not article.title and item.title:
        article.title = item.title
        article.from_feed.append("title")
    if not article.date and date:
        article.date, article.partial_date = date, None
        article.from_feed.append("date")
    if not article.author and item.author:
        article.author = item.author
        article.from_feed.append("author")


def summarize_article(article: Article, sentences: int = config.DEFAULT_SENTENCES,
                      keep_paragraphs: bool = True, notice: Callable[[str], None] | None = None) -> Digest:
    """The article's digest: up to `sentences` whole Vietnamese sentences, in article order.
    Without keep_paragraphs the article's paragraphs are dropped once summarized, so a
    long run holds only summaries. `notice` gets a line when only the first part of a
    very long article was read (digest.summarize.MAX_SENTENCES)."""
    from digest.summarize import summarize

    summary = summarize(article, sentences, notice)
    if not keep_paragraphs:
        article.paragraphs = []
    return Digest(article=article, summary=summary)


@dataclass(frozen=True)
class Failure:
    """An input that did not become a digest: its name, and why (a DigestError a user can
    act on, or the exception of a bug met on this input)."""

    name: str
    error: Exception


def make_digests(found: Iterable[InputRef | Source | InputError], sentences: int = config.DEFAULT_SENTENCES,
                 keep_paragraphs: bool = False, *, skip: Callable[[Source], bool] | None = None,
                 keep: Callable[[Article], bool] | None = None, fatal: tuple[type[Exception], ...] = (),
                 notice: Callable[[str], None] | None = None) -> Iterator[Digest | Failure]:
    """Each input read, cleaned and summarized, in order, one at a time: its Digest, or a
    Failure (one bad input never stops the others). `skip(source)` true: left out before
    cleaning (unchanged since an earlier run wrote it); `keep(article)` false: left out
    after cleaning (briefed before). An exception of a `fatal` type stops it: no input
    can be judged then (the seen store failed). digest run and digest batch's workers
    both make their digests here."""
    for item in found:
        name = item.message if isinstance(item, InputError) else item.name if isinstance(item, InputRef) \
            else item.path
        try:
            if isinstance(item, InputError):
                raise item
            source = item if isinstance(item, Source) else read_input(item)
            if skip is not None and skip(source):
                continue
            article = extract_article(source)
            if keep is not None and not keep(article):
                continue
        except fatal:
            raise
        except Exception as err:  # a DigestError, or a bug met on this input: the others go on
            yield Failure(name, err)
            continue
        try:
            yield summarize_article(article, sentences, keep_paragraphs, notice)
        except Exception as err:
            yield Failure(article.path, err)


def group_stories(digests: list[Digest], story_sentences: int = config.DEFAULT_STORY_SENTENCES,
                  run_date: str = "") -> list[Story]:
    """The stories of a run, most outlets first, then the newest: every digest in exactly
    one story, near-duplicate copies merged into one timeline line. Needs the articles'
    paragraphs (summarize with keep_paragraphs). numpy loads only for two or more digests."""
    from digest import stories

    if len(digests) < 2:
        return stories.single_stories(digests)
    return stories.group_stories(digests, story_sentences, run_date or config.today())


def load_translator(model: str | os.PathLike[str] | None = None, glossary: str | os.PathLike[str] | None = None,
                    use_cache: bool = True, device: str = config.DEFAULT_DEVICE) -> Translator:
    """The translator a run uses: the model from `model`, else $DIGEST_MODEL, else the
    installed vi→en package with the highest version; the glossary from `glossary`, else
    $DIGEST_GLOSSARY, else ./glossary.csv if present. Raises GlossaryError (exit 2) for a bad
    glossary, then ModelError (exit 3) when no usable model is found. `device` is
    auto, cpu or cuda (see config.resolve_device)."""
    return load_chosen_translator(config.model_choice(model), config.glossary_choice(glossary), use_cache, device)


def load_chosen_translator(model: config.Choice, glossary: config.Choice, use_cache: bool = True,
                           device: str = config.DEFAULT_DEVICE) -> Translator:
    """load_translator() for choices already resolved by digest.config; an error about a
    file named in the environment says which variable named it."""
    from digest.translate import load_translator as load
    from digest.translate.engine import EngineOptions

    options = EngineOptions(device=config.resolve_device(device), compute_type=config.compute_type())
    try:
        return load(model=model.path, glossary_path=glossary.path, use_cache=use_cache, options=options)
    except GlossaryError as err:
        raise GlossaryError(_named_by(glossary, err.message)) from None
    except ModelError as err:
        raise ModelError(_named_by(model, err.message)) from None


def _named_by(choice: config.Choice, message: str) -> str:
    """A path from the environment isn't on the command line: say which variable named it."""
    return f"{choice.origin}: {message}" if choice.origin.startswith("$") else message


def translate_digests(digests: list[Digest], translator: Translator, full: bool = False,
                      progress: Progress | None = None, stories: list[Story] | None = None) -> None:
    """Translate every digest's title and summary (and with `full` every paragraph), and
    each story's title, timeline and summary, in one call, so the model sees every
    sentence of the run at once (full batches, each sentence once). Sets each digest's
    and story's `translation`; `progress` is called after each model batch. Each English
    is attached to the text it translates, found by that text: a translator that gave
    English for other texts is a KeyError, never English under the wrong sentence."""
    from digest.sentences import split_sentences

    # Each paragraph is split once; the same split then regroups the English.
    split = [[split_sentences(p) for p in d.article.paragraphs] if full else [] for d in digests]
    texts: list[str] = []
    for digest, paragraphs in zip(digests, split, strict=True):
        if digest.article.title:
            texts.append(digest.article.title)
        texts.extend(digest.summary)
        for sentences in paragraphs:
            texts.extend(sentences)
        if digest.changes is not None:
            texts.extend(digest.changes.added)
    told = [s for s in stories or [] if len(s.articles) > 1]  # a story of one is its article
    for story in told:
        texts.extend(story.texts())
    unique = list(dict.fromkeys(texts))
    english = {result.vi: result for result in translator.translate(unique, progress=progress)}
    for digest, by_paragraph in zip(digests, split, strict=True):
        title = english[digest.article.title] if digest.article.title else TranslatedText("", "")
        summary = [english[sentence] for sentence in digest.summary]
        full_text = [[english[s] for s in sentences] for sentences in by_paragraph] if full else None
        changes = None if digest.changes is None else [english[s] for s in digest.changes.added]
        digest.translation = Translation(model=translator.model_name, title=title, summary=summary,
                                         paragraphs=full_text, changes=changes)
    for story in told:
        story.set_translation([english[text] for text in story.texts()])
    for story in stories or []:
        if len(story.articles) == 1 and story.articles[0].translation is not None:
            story.set_single_translation(story.articles[0].translation)


@dataclass(frozen=True)
class BriefingPolicy:
    """What a briefing holds, for `digest run` and `digest batch --briefing` alike."""

    fmt: str = config.DEFAULT_FORMAT
    full: bool = False  # every paragraph is shown (and translated)
    stories: bool = True  # grouped into stories (else --no-stories: articles only)
    story_sentences: int = config.DEFAULT_STORY_SENTENCES
    run_date: str = ""
    max_items: int | None = None  # at most this many items: stories, or articles with --no-stories


@dataclass
class Briefing:
    digests: list[Digest]
    stories: list[Story] | None  # None: not grouped (--no-stories)
    held_back: int = 0  # new articles left out by max_items: still new for the next --new run


def plan_briefing(digests: list[Digest], policy: BriefingPolicy) -> Briefing | None:
    """The briefing's items: stories grouped over all digests (each story keeping only its
    own news: a story whose every article was briefed before is left out, its earlier
    articles shown marked), cut to max_items, and paragraphs no format shows dropped.
    None when nothing in it is new."""
    from digest.render import FORMATS
    from digest.render.common import newest_first

    if all(d.briefed_before for d in digests):  # nothing, or nothing new
        return None
    news = sum(not d.briefed_before for d in digests)
    stories = None
    if policy.stories:
        stories = group_stories(digests, policy.story_sentences, policy.run_date)
        if any(d.briefed_before for d in digests):  # under --new: only the stories with news
            stories = [story for story in stories if not all(d.briefed_before for d in story.articles)]
            for number, story in enumerate(stories, 1):
                story.id = f"s{number}"
        if policy.max_items is not None:
            stories = stories[:policy.max_items]
        kept = {id(d) for story in stories for d in story.articles}
        digests = [d for d in digests if id(d) in kept]
    elif policy.max_items is not None:
        digests = newest_first(digests)[:policy.max_items]
    if not (FORMATS[policy.fmt].shows_paragraphs or policy.full):
        for digest in digests:
            digest.article.paragraphs = []  # stories were drawn from them; this format doesn't show them
    return Briefing(digests, stories, news - sum(not d.briefed_before for d in digests))


def brief(digests: list[Digest], policy: BriefingPolicy, options: RenderOptions,
          translator: Translator | None = None, progress: Progress | None = None) -> tuple[str, Briefing] | None:
    """The briefing of these digests as text in policy.fmt (None when nothing is new): its
    items planned (plan_briefing), then what is not yet in English translated in one call
    (the digests without a translation, and the stories' own texts), then rendered. A
    batch's digests come translated by its workers: only the stories' texts are left."""
    plan = plan_briefing(digests, policy)
    if plan is None:
        return None
    if translator is not None and plan.digests:
        untranslated = [d for d in plan.digests if d.translation is None]
        translate_digests(untranslated, translator, policy.full, progress, plan.stories)
    if plan.held_back:
        options = dataclasses.replace(options, held_back=plan.held_back)
    return render_briefing(plan.digests, policy.fmt, options, plan.stories), plan


def render_briefing(digests: list[Digest], fmt: str, options: RenderOptions,
                    stories: list[Story] | None = None) -> str:
    """One briefing of all digests in a format of digest.render.FORMATS (md, text, json,
    jsonl, html, eml): a header with the date and count, then the articles newest first,
    or with `stories` (from group_stories) one item per story in their order."""
    from digest.render import render_briefing as render_all

    return render_all(digests, fmt, options, stories)


def render_story(story: Story, fmt: str, options: RenderOptions) -> str:
    """One story of several articles in a per-article format (the story file --out writes)."""
    from digest.render import render_story as render_one

    return render_one(story, fmt, options)


def render_article(digest: Digest, fmt: str, options: RenderOptions) -> str:
    """One article's digest in a per-article format (what --out writes)."""
    from digest.render import render_article as render_one

    return render_one(digest, fmt, options)


def __getattr__(name: str) -> object:
    if name == "RenderOptions":  # the render package loads only when asked for
        from digest.render import RenderOptions

        return RenderOptions
    raise AttributeError(f"module 'digest.core' has no attribute {name!r}")
