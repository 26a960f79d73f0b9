"""`digest seen`: what `--new` runs count as briefed, to see, to catch up with, or to forget.

The seen store is digest.store's (in the data directory). `seen mark` is the catch-up
of rss2email's `run --no-send`: a first `--new` run after it briefs only what appears
from then on.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from digest import config
from digest.commands import counted, known_errors
from digest.commands.options import CONTEXT
from digest.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE, say


@click.group(context_settings=CONTEXT)
def seen() -> None:
    """What `--new` runs count as briefed: list it, mark the sources' current
    articles as briefed without sending them, or forget articles so they come again."""


@seen.command(context_settings=CONTEXT)
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option("--sources", "sources_file", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Read URLs and paths from FILE, one a line.")
@click.option("--config", "config_file", default=None, metavar="FILE", help="The config file (as for `digest run`).")
@click.option("--job", default=None, metavar="NAME", help="The sources of the config file's [jobs.NAME].")
@click.option("--delay", type=click.FloatRange(min=0), default=config.FetchSettings.delay, show_default=True,
              metavar="SECONDS", help="Pause between two requests to one host.")
@click.option("--offline/--no-offline", default=False, help="Read URLs from the archive of earlier runs only.")
@click.option("--wait", type=click.FloatRange(min=0), default=config.DEFAULT_WAIT_SECONDS, metavar="SECONDS",
              help="Wait this long for a `--new` run that holds the seen store.")
@click.option("--quiet/--no-quiet", "-q", default=False, help="Print nothing but errors.")
def mark(sources: tuple[str, ...], sources_file: Path | None, config_file: str | None, job: str | None,
         delay: float, offline: bool, wait: float, quiet: bool) -> None:
    """Count every article the SOURCEs hold now as briefed, sending nothing.

    With no SOURCE, the sources of the config file's job (the one `digest` with
    no PATH runs, or --job NAME). The next `digest --new` run then briefs only
    what is published after this."""
    from digest.pipeline import Job

    with known_errors():
        names = sources + (tuple(config.read_sources_file(sources_file)) if sources_file is not None else ())
        if not names:
            names = config.job_sources(config_file, job)
        if not names:
            say("seen mark: no sources (give SOURCE..., --sources FILE, or sources in the config file)")
            sys.exit(EXIT_USAGE)
        settings = config.RunSettings(paths=tuple(names), lang="vi", new_only=True, stories=False, wait=wait,
                                      fetch=config.FetchSettings(delay=delay, offline=offline), quiet=quiet)
        outcome = Job(settings, stderr=sys.stderr, stdout=None).mark_seen()
    if not quiet:
        say(f"seen mark: {counted(outcome.marked, 'article')} marked briefed, "
            f"{outcome.old} already were; nothing was sent")
    sys.exit(EXIT_INPUT if outcome.failed else EXIT_OK)


@seen.command(name="list", context_settings=CONTEXT)
def list_seen() -> None:
    """Every article a `--new` run briefed: when it was last briefed, and its URL or path."""
    from digest import store

    if not store.State.exists():
        return  # no --new run yet: nothing seen
    with known_errors(), store.State() as state:
        entries = state.seen_entries()
    for entry in entries:
        click.echo(f"{entry.last_briefed}\t{entry.key}")


@seen.command(context_settings=CONTEXT)
@click.argument("articles", nargs=-1, metavar="URL|PATH...")
@click.option("--all", "everything", is_flag=True, help="Forget everything: the next --new run briefs all again.")
def forget(articles: tuple[str, ...], everything: bool) -> None:
    """Forget articles (their URL or file path), so the next `--new` run briefs
    them again; --all forgets every one."""
    from digest import store
    from digest.fetch.urls import canonical_url
    from digest.output import input_identity
    from digest.sources import is_url

    if bool(articles) == everything:
        say("seen forget: give URL|PATH... or --all (not both)")
        sys.exit(EXIT_USAGE)
    if not store.State.exists():
        say("seen forget: nothing is seen yet (no --new run has briefed anything)")
        return
    keys = None
    if not everything:
        keys = sorted({key for name in articles
                       for key in ((name, canonical_url(name)) if is_url(name) else (input_identity(name),))})
    with known_errors(), store.State() as state:
        count = state.forget(keys)
    missing = len(articles) - count if keys is not None else 0
    say(f"seen forget: {counted(count, 'article')} forgotten"
        + (f"; {missing} not in the seen store" if missing > 0 else ""))
    if missing > 0:
        sys.exit(EXIT_INPUT)
