"""`digest prune`: apply the retention rule to what digest keeps between runs.

Three stores grow with every run: the archive of fetched pages and the seen store of
`--new` (both in the data directory, digest.store) and the translation cache (the cache
directory, digest.translate.cache). Each forgets what has not been used for
--older-than days: a page not fetched (or re-validated by a 304), an article not briefed,
a translation neither read nor written. A cron line such as
`0 5 * * 0 digest prune --quiet` keeps them at a season's size.
"""
from __future__ import annotations

import sqlite3
import sys

import click

from digest.commands import counted, known_errors
from digest.commands.options import CONTEXT
from digest.errors import EXIT_INPUT, say
from digest.store import RETENTION_DAYS, Archive, State


@click.command(context_settings=CONTEXT)
@click.option("--older-than", "days", type=click.IntRange(min=0), default=RETENTION_DAYS, show_default=True,
              metavar="DAYS", help="Remove what has not been used for this many days.")
@click.option("--dry-run/--no-dry-run", default=False, help="Say what would be removed; remove nothing.")
@click.option("--quiet/--no-quiet", "-q", default=False, help="Print nothing (errors still go to stderr).")
def prune(days: int, dry_run: bool, quiet: bool) -> None:
    """Remove archived pages, seen entries and cached translations not used for DAYS
    days (default 90): pages not fetched, articles not briefed by a `--new` run,
    translations neither read nor written. Prints one line per store with what it
    removed. A `--new` run forgets an article pruned from the seen store, so keep
    DAYS longer than the feeds you follow keep their items (a few weeks at most).
    """
    from digest.translate import cache

    with known_errors():
        try:
            pages = Archive().prune(days, dry_run=dry_run)
            seen = _prune_seen(days, dry_run)
            translations = cache.prune(days, dry_run=dry_run)
        except sqlite3.Error as err:  # a locked or damaged database: one line, nothing half-said
            say(f"prune: {err}")
            sys.exit(EXIT_INPUT)
    if quiet:
        return
    verb = "would remove" if dry_run else "removed"
    click.echo(f"archive: {verb} {counted(pages, 'page')} not fetched for {days} days")
    click.echo(f"seen store: {verb} {counted(seen, 'article')} not briefed for {days} days")
    click.echo(f"translation cache: {verb} {counted(translations, 'translation')} not used for {days} days")


def _prune_seen(days: int, dry_run: bool) -> int:
    if not State.exists():
        return 0  # no `--new` run yet: nothing to create just to prune it
    with State() as state:
        return state.prune_seen(days, dry_run=dry_run)

