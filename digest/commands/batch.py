"""`digest batch INPUT... --out DIR`: a large archive on a local cluster or a running
Dask scheduler; the work is in digest.batch, the engine in digest.cluster."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from digest import config
from digest.commands import counted, known_errors
from digest.commands.options import CONTEXT, glossary_option, iso_date, lang_option, model_option, typed
from digest.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE, say

# digest.shards.FORMATS, here so that `--help` imports no pipeline module (a test checks both agree)
BRIEFING_FORMATS = ("md", "text", "json", "jsonl", "html")

if TYPE_CHECKING:
    from digest.batch import BatchOutcome, BatchSettings


def _at_least(low: int) -> click.IntRange:
    return click.IntRange(min=low)


@click.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True, metavar="DIR",
              help="Where the shards (DIR/shards/part-NNNNNN.jsonl) and DIR/manifest.json go.")
@click.option("--list", "lists", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="A file of input paths, one a line (# comments); may be repeated.")
@click.option("--workers", type=_at_least(0), default=2, show_default=True,
              help="Worker processes of a local cluster on 127.0.0.1; 0 runs in this process, no cluster.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="A running Dask scheduler (tcp://HOST:8786) instead of a local cluster.")
@click.option("--partition-size", type=_at_least(1), default=100, show_default=True,
              help="Inputs per partition: the unit of work, of a shard and of resuming.")
@lang_option("Language of the records: Vietnamese only, English (needs a model), or both.")
@click.option("--sentences", "-n", type=_at_least(1), default=config.DEFAULT_SENTENCES, show_default=True,
              help="Sentences in each summary.")
@click.option("--full/--no-full", default=False, help="Translate every paragraph, not only the title and summary.")
@model_option
@glossary_option
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Read and write the translation cache (each worker's own).")
@click.option("--threads", type=_at_least(0), default=None,
              help="CTranslate2 threads per worker. Default: this machine's cores shared among the local "
                   "workers; with --scheduler, each worker's cores.")
@click.option("--device", type=click.Choice(config.DEVICES), default="auto", show_default=True,
              help="Where each worker runs the model; auto: its GPU when it has one.")
@click.option("--dashboard/--no-dashboard", default=False,
              help="Serve the local cluster's dashboard on 127.0.0.1:8787.")
@click.option("--run-date", default=None, callback=iso_date, metavar="YYYY-MM-DD",
              help="Filed date of undated articles. Default: the date of the batch in DIR, else today.")
@click.option("--briefing/--no-briefing", default=False,
              help="Then print one briefing of the batch's articles on stdout, stories grouped over all of "
                   "them; with no INPUT, of the finished batch in DIR (in its language, model and glossary).")
@click.option("--format", "fmt", type=click.Choice(BRIEFING_FORMATS), default=config.DEFAULT_FORMAT,
              show_default=True, help="Format of the --briefing.")
@click.option("--date", "filed_on", default=None, callback=iso_date, metavar="YYYY-MM-DD",
              help="Brief only the articles filed on this date (their own, or the batch's run date).")
@click.option("--stories/--no-stories", default=True, show_default=True,
              help="In the --briefing, group the articles of one event (--no-stories: one item per article).")
@click.option("--quiet/--no-quiet", "-q", default=False, help="Print nothing on stderr but errors.")
@click.option("--config", "config_file", default=None, metavar="FILE",
              help=f"TOML settings, as for `digest run`: its lang, format (of the --briefing) and timezone "
                   f"apply; options given here win. Default: ${config.CONFIG_ENV}, else config.toml in the "
                   f"user's config dir.")
@click.pass_context
def batch(ctx: click.Context, inputs: tuple[str, ...], out_dir: Path, lists: tuple[str, ...], workers: int,
          scheduler: str | None, partition_size: int, lang: str, sentences: int, full: bool, model: str | None,
          glossary: Path | None, cache: bool, threads: int | None, device: str, dashboard: bool,
          run_date: str | None, briefing: bool, fmt: str, filed_on: str | None, stories: bool, quiet: bool,
          config_file: str | None) -> None:
    """Clean, summarize and translate a large archive on a cluster, as JSONL shards.

    INPUT is a directory (its .txt/.html/.htm files), an article file, or a .jsonl file
    of records {"url" or "path": ..., "text": ...} (a record without text names a file).
    The inputs are cut into partitions; each worker keeps one translator and runs a
    partition at a time; each finished partition is one shard, written whole, and the
    manifest lists it. Run the same command again to resume an interrupted batch:
    finished partitions are not run again.

    With --briefing, the stories and the briefing are made afterwards on this machine
    from the shards; only the stories' own titles and summaries go through the model.
    `digest batch --out DIR --briefing --date 2026-11-29` briefs one day of a batch.

    \b
    Exit status: 0 every input went through; 1 some inputs failed (named on stderr
    and in the manifest), or the batch to brief is not finished or damaged; 2 usage
    error, bad glossary or no batch in DIR; 3 no usable translation model (or one
    changed since the batch); 69 no cluster (the extra missing, no scheduler, workers lost);
    75 another batch holds DIR; 130 interrupted (finished partitions are kept).
    """
    from digest.batch import BatchSettings, started_on

    with known_errors():
        given = config.file_settings(config.config_choice(config_file), typed(ctx, _CONFIG_OPTIONS),
                                     tuple(_CONFIG_OPTIONS))
    lang = str(given.get("lang", lang))
    if lang not in config.LANGS:
        say(f"config file: lang must be one of {', '.join(config.LANGS)}")
        sys.exit(EXIT_USAGE)
    if given.get("format") in BRIEFING_FORMATS:  # a run's eml (for sendmail) is no briefing format of a batch
        fmt = str(given["format"])
    timezone = given.get("timezone")
    if not inputs and not lists:
        if briefing:
            with known_errors():
                _brief(out_dir, fmt, filed_on, stories, cache, device)
            sys.exit(EXIT_OK)
        say("no inputs: give INPUT... or --list FILE (or --briefing to brief a finished batch); "
            "see 'digest batch --help'")
        sys.exit(EXIT_USAGE)
    if scheduler is not None and dashboard:
        say("--dashboard is for a local cluster; a running scheduler serves its own")
        sys.exit(EXIT_USAGE)
    settings = BatchSettings(
        inputs=inputs, lists=lists, out_dir=out_dir, lang=lang, sentences=sentences, full=full,
        model=config.model_choice(model, config.file_choice(given, "model", "config file")),
        glossary=config.glossary_choice(glossary, config.file_choice(given, "glossary", "config file")),
        use_cache=cache,
        run_date=run_date or started_on(out_dir) or (config.today(str(timezone)) if timezone else config.today()),
        partition_size=partition_size, device=device,
        threads=threads if threads is not None else _local_threads(workers, scheduler),
    )
    with known_errors("interrupted; the finished partitions are kept: run the same command to resume"):
        outcome = _run(settings, workers, scheduler, dashboard)
    if not quiet:
        say(f"{counted(outcome.articles, 'article')} from {counted(outcome.inputs, 'input')} in "
            f"{counted(outcome.partitions, 'partition')} ({outcome.ran} run now, {outcome.skipped} done before); "
            f"{outcome.failed} failed; see {out_dir / 'manifest.json'}")
    if briefing:
        with known_errors():
            _brief(out_dir, fmt, filed_on, stories, cache, device)
    sys.exit(EXIT_INPUT if outcome.failed else EXIT_OK)


# The config file's keys that mean the same for a batch as for a run (its neutral settings:
# a batch is never the config file's job), and their options.
_CONFIG_OPTIONS = {"lang": "lang", "format": "fmt", "timezone": "run_date", "glossary": "glossary", "model": "model"}


def _brief(out_dir: Path, fmt: str, filed_on: str | None, stories: bool, use_cache: bool, device: str) -> None:
    from digest import shards

    finished = shards.read_batch(out_dir, filed_on)
    if not finished.digests:  # nothing to mail: stdout stays empty, as for a --new run with no news
        say(f"{out_dir}: no articles" + (f" filed on {filed_on}" if filed_on else "") + "; no briefing")
        return
    text = shards.brief(finished, fmt, stories, use_cache, device)
    from digest.pipeline import _write_stdout

    _write_stdout(sys.stdout, text)  # as `digest run` does: UTF-8, a name that is not UTF-8 as \udcXX


def _run(settings: BatchSettings, workers: int, scheduler: str | None, dashboard: bool) -> BatchOutcome:
    from digest.batch import InProcess, PartitionResult, run_batch, worker_job

    def report(result: PartitionResult) -> None:
        for _, reason in result.failed:
            say(reason)

    if scheduler is None and workers == 0:
        return run_batch(settings, InProcess(), report)
    from digest import cluster

    worker_job(settings)  # a bad glossary or no model: say so before a cluster starts
    engine = cluster.remote_cluster(scheduler) if scheduler is not None else cluster.local_cluster(workers, dashboard)
    with engine as client:
        return run_batch(settings, cluster.DaskRunner(client), report)



def _local_threads(workers: int, scheduler: str | None) -> int:
    """This machine's cores shared among the local workers (0: let each worker decide)."""
    if scheduler is not None or workers == 0:
        return 0
    from digest.translate.engine import available_cores

    return max(1, available_cores() // workers)
