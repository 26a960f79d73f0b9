"""A finished batch read back as digests, and its briefing (`digest batch --briefing`).

The workers of `digest batch` clean, summarize and translate; what needs every article
in one place comes after, on one machine: the records of the shards become Digests
again (article, summary, and the workers' English), stories are grouped over all of
them, and only the stories' own texts (the titles and summaries of stories of several
articles) go through the model, which the batch's cache has mostly seen already.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest import config, core
from digest.article import Article, Digest, RemovedLine, TranslatedText, Translation
from digest.errors import InputError, ModelError, UsageError
from digest.qa import Flag

if TYPE_CHECKING:
    from digest.stories import Story

# The formats a briefing from a batch is written in (eml needs the recipient options of `run`).
FORMATS = ("md", "text", "json", "jsonl", "html")


@dataclass
class FinishedBatch:
    """The settings a batch ran with (its manifest's) and its articles, in input order."""

    settings: dict[str, Any]
    digests: list[Digest]

    @property
    def lang(self) -> str:
        return str(self.settings.get("lang") or config.DEFAULT_LANG)

    @property
    def run_date(self) -> str:
        return str(self.settings.get("run_date") or config.today())


def read_batch(out_dir: Path, date: str | None = None) -> FinishedBatch:
    """The finished batch in out_dir, only the articles filed on `date` when one is given.
    UsageError when out_dir holds no batch; InputError when the batch is not complete or
    a shard is damaged (the briefing would silently lack articles)."""
    from digest.batch import MANIFEST_NAME, read_shards

    try:
        manifest = json.loads((out_dir / MANIFEST_NAME).read_bytes())
        settings = manifest["settings"]
        complete, done, partitions = manifest["complete"], len(manifest["done"]), manifest["partitions"]
    except FileNotFoundError:
        raise UsageError(f"{out_dir}: no batch here (no {MANIFEST_NAME}); run `digest batch INPUT... --out "
                         f"{out_dir}` first") from None
    except (OSError, ValueError, TypeError, KeyError) as err:
        raise UsageError(f"{out_dir / MANIFEST_NAME}: not a digest batch manifest ({err})") from None
    if not complete:
        of = f"{done} of {partitions}" if partitions else f"{done} of an unknown number of"
        raise InputError(f"{out_dir}: the batch is not finished ({of} partitions); run the same "
                         f"`digest batch` again to finish it, then brief")
    digests = []
    try:
        for record in read_shards(out_dir):
            digest = digest_from_record(record)
            if date is None or (digest.filed_date or record.get("filed_date")) == date:
                digests.append(digest)
    except (OSError, ValueError, TypeError, KeyError) as err:
        raise InputError(f"{out_dir}: a shard of the batch is damaged ({err}); remove the batch's "
                         f"manifest.json and run it again") from None
    return FinishedBatch(settings, digests)


def digest_from_record(record: dict[str, Any]) -> Digest:
    """The Digest a record of digest.render.json was written from, as far as a briefing
    needs it. A translated paragraph comes back as one text (the record joins its
    sentences) holding the paragraph's flags; the glossary terms are the article's."""
    article = Article(
        path=record["input"], title=record["title"], paragraphs=list(record.get("paragraphs") or []),
        date=record.get("date"), partial_date=record.get("partial_date"), author=record.get("author"),
        source=record.get("source"),
        removed=[RemovedLine(int(r["line"]), r["text"], r["why"]) for r in record.get("removed") or []],
    )
    digest = Digest(article, list(record["summary"]), updated=bool(record.get("updated")))
    if not article.date:
        digest.first_filed = record.get("filed_date")
    if "title_en" in record:
        digest.translation = _translation(record, article)
    return digest


def _translation(record: dict[str, Any], article: Article) -> Translation:
    flags: dict[str, list[Flag]] = {}
    for item in record.get("flags") or []:
        where = str(item["where"])
        if where.startswith("paragraphs["):
            where = where[: where.index("]") + 1]  # the paragraph's, its sentence unknown
        flags.setdefault(where, []).append(Flag(item["kind"], item["detail"]))
    kept = {str(item["where"]): item.get("kept") for item in record.get("retries") or []}

    def text(where: str, vi: str, en: str) -> TranslatedText:
        return TranslatedText(vi, en, flags=flags.get(where, []), kept=kept.get(where))

    title = text("title", article.title, record["title_en"])
    title.terms = list(record.get("glossary_terms") or [])
    title.repaired = list(record.get("glossary_repaired") or [])
    summary = [text(f"summary[{i}]", vi, en)
               for i, (vi, en) in enumerate(zip(record["summary"], record["summary_en"], strict=True))]
    paragraphs = None
    if "paragraphs_en" in record:
        paragraphs = [[text(f"paragraphs[{i}]", vi, en)]
                      for i, (vi, en) in enumerate(zip(article.paragraphs, record["paragraphs_en"], strict=True))]
    return Translation(model=str(record.get("model") or ""), title=title, summary=summary, paragraphs=paragraphs)


def brief(batch: FinishedBatch, fmt: str, stories: bool = True, use_cache: bool = True,
          device: str = "auto") -> str:
    """The briefing of the batch's articles, grouped into stories over all of them
    (unless `stories` is False), in the batch's language; with English, the stories'
    own texts are translated here with the batch's model and glossary."""
    from digest.render import RenderOptions
    from digest.stories import single_stories

    digests = batch.digests
    grouped: list[Story] = (core.group_stories(digests, run_date=batch.run_date) if stories
                            else single_stories(digests))
    if config.translates(batch.lang) and digests:
        translator = core.load_chosen_translator(_choice(batch.settings.get("model")),
                                                 _choice(batch.settings.get("glossary")), use_cache, device)
        if translator.identity != batch.settings.get("identity"):
            raise ModelError("the batch's model or glossary has changed since it ran; brief with the files "
                             "it ran with, or run the batch again")
        core.translate_digests([], translator, stories=grouped)  # the articles' English is the workers'
    from digest.render import FORMATS as RENDERERS

    if not (RENDERERS[fmt].shows_paragraphs or batch.settings.get("full")):
        for digest in digests:
            digest.article.paragraphs = []  # the stories were drawn from them; this format doesn't show them
    options = RenderOptions(lang=batch.lang, run_date=batch.run_date)
    return core.render_briefing(digests, fmt, options, grouped if stories else None)


def _choice(path: object) -> config.Choice:
    """A model or glossary as the batch's manifest names it (an absolute path, or none)."""
    return config.Choice(Path(str(path)) if path else None, "the batch's manifest")
