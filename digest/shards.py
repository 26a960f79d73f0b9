"""A finished batch read back as digests, and its briefing (`digest batch --briefing`).

The workers of `digest batch` clean, summarize and translate; what needs every article
in one place comes after, on one machine: the records of the shards become Digests
again (article, summary, and the workers' English), stories are grouped over all of
them, and only the stories' own texts (the titles and summaries of stories of several
articles) go through the model, which the batch's cache has mostly seen already.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from digest import config, core
from digest.errors import InputError, ModelError, UsageError
from digest.model import Digest

if TYPE_CHECKING:
    pass

# The formats a briefing from a batch is written in (eml needs the recipient options of `run`).
FORMATS = ("md", "text", "json", "jsonl", "html")


@dataclass
class FinishedBatch:
    """The settings a batch ran with (its manifest's), its translator's identity, and its
    articles, in input order."""

    settings: config.Settings
    identity: str
    digests: list[Digest]

    @property
    def lang(self) -> str:
        return self.settings.lang

    @property
    def run_date(self) -> str:
        return self.settings.date


def read_batch(out_dir: Path, date: str | None = None) -> FinishedBatch:
    """The finished batch in out_dir, only the articles filed on `date` when one is given.
    UsageError when out_dir holds no batch; InputError when the batch is not complete or
    a shard is damaged (the briefing would silently lack articles)."""
    from digest.batch import MANIFEST_NAME, BatchManifest, read_shards

    try:
        manifest: Any = BatchManifest(out_dir).read_document()
        settings = config.Settings.from_record(manifest["settings"], "the batch's manifest")
        identity = str(manifest["settings"].get("identity") or "")
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
    batch = FinishedBatch(settings, identity, [])
    try:
        for digest in read_shards(out_dir):
            if date is None or (digest.filed_date or digest.first_filed or batch.run_date) == date:
                batch.digests.append(digest)
    except (OSError, ValueError, TypeError, KeyError) as err:  # RecordError is a ValueError
        raise InputError(f"{out_dir}: a shard of the batch is damaged ({err}); remove the batch's "
                         f"manifest.json and run it again") from None
    return batch


def brief(batch: FinishedBatch, fmt: str, stories: bool = True, use_cache: bool = True,
          device: str = "auto") -> str:
    """The briefing of the batch's articles, as `digest run` over the same inputs writes it
    (core.brief: the same policy, the same renderers), in the batch's language; with
    English, the workers' English is kept and only the stories' own texts are translated
    here, with the batch's model and glossary."""
    from digest.render import RenderOptions

    translator = None
    if config.translates(batch.lang) and batch.digests:
        translator = core.load_chosen_translator(batch.settings.model, batch.settings.glossary, use_cache, device)
        if translator.identity != batch.identity:
            raise ModelError("the batch's model or glossary has changed since it ran; brief with the files "
                             "it ran with, or run the batch again")
    policy = core.BriefingPolicy(fmt=fmt, full=batch.settings.full, stories=stories,
                                 run_date=batch.run_date)
    done = core.brief(batch.digests, policy, RenderOptions(lang=batch.lang, run_date=batch.run_date), translator)
    return "" if done is None else done[0]
