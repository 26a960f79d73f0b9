"""`digest sources add|list|remove|import|export`: the config file's sources, edited in
place (digest.subscriptions), so a daily job's feeds are managed without an editor."""
from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from digest import config
from digest.commands import counted, known_errors
from digest.commands.options import CONTEXT
from digest.errors import EXIT_INPUT, UsageError, say, shown

F = TypeVar("F", bound=Callable[..., Any])


def _where(f: F) -> F:
    """--config and --job, as `digest run` reads them."""
    f = click.option("--job", default=None, metavar="NAME",
                     help="The sources of the config file's [jobs.NAME] instead of the default job's.")(f)
    return click.option(
        "--config", "config_file", default=None, metavar="FILE",
        help=f"The config file (as for `digest run`). Default: ${config.CONFIG_ENV}, else config.toml in the "
             "user's config directory; add and import create it when it does not exist.")(f)


class _InOrder(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # add, list, remove, import, export: as written


@click.group(cls=_InOrder, context_settings=CONTEXT)
def sources() -> None:
    """Manage the sources of the config file's job: the feeds and pages that `digest`
    with no PATH reads.

    The list is `sources = [...]` in the config file (--config, else $DIGEST_CONFIG,
    else config.toml in the user's config directory), or `sources` in [jobs.NAME]
    with --job NAME. The file is edited in place: its comments and other settings stay
    as they are. A source is an http(s) URL (a feed or an article page) or an existing
    file or directory (saved as an absolute path).

    \b
      digest sources add https://vnexpress.net/rss/tin-moi-nhat.rss
      digest sources import feeds.opml      the feeds a feed reader exported
      digest sources export > feeds.opml    for a feed reader
    """


@sources.command(short_help="Add URLs or paths to the sources.")
@click.argument("names", nargs=-1, required=True, metavar="URL...")
@_where
def add(names: tuple[str, ...], config_file: str | None, job: str | None) -> None:
    """Add each URL (or path) that the list lacks; one already there (the same URL up
    to tracking parameters, the fragment, a host's case) is left as it is. Says on
    stderr what it did. Anything but an http(s) URL or an existing path is refused and
    nothing is written.

    \b
    Exit status: 0 done (also when every source was already there); 1 the
    config file can't be written; 2 a bad source, a bad config file.
    """
    from digest.subscriptions import add_sources

    path = _config_path(config_file)
    with known_errors():
        added = add_sources(path, names, job)
    say(f"added {counted(len(added), 'source')} to {_place(path, job)}{_already(len(names) - len(added))}")


@sources.command("list", short_help="Print the sources, one a line.")
@_where
def list_(config_file: str | None, job: str | None) -> None:
    """Print the sources on stdout, one a line, as the config file writes them
    (nothing else goes to stdout). No config file yet: nothing, and a note on stderr.

    \b
    Exit status: 0 done; 2 a bad config file, or no such --job.
    """
    from digest.subscriptions import list_sources

    path = _config_path(config_file)
    with known_errors():
        found = list_sources(path, job)
    if not path.exists():
        _no_file_yet(path)
    for source in found:
        click.echo(shown(source))


@sources.command(short_help="Remove URLs or paths from the sources.")
@click.argument("names", nargs=-1, required=True, metavar="URL...")
@_where
def remove(names: tuple[str, ...], config_file: str | None, job: str | None) -> None:
    """Remove each URL (or path) from the list: a URL however it is spelt (up to
    tracking parameters, the fragment, a host's case), a path however it is reached.
    Says on stderr what it removed, and names any that were not in the list.

    \b
    Exit status: 0 every one was removed; 1 some were not in the list (the
    others were removed), or the config file can't be written; 2 a bad config
    file, or no such --job.
    """
    from digest.subscriptions import remove_sources

    path = _config_path(config_file)
    with known_errors():
        removed = remove_sources(path, names, job)
    absent = list(dict.fromkeys(name for name in names if name not in removed))
    not_there = f"; not in the list: {', '.join(absent)}" if absent else ""
    say(f"removed {counted(len(removed), 'source')} from {_place(path, job)}{not_there}")
    if absent:
        sys.exit(EXIT_INPUT)


@sources.command("import", short_help="Add every feed of an OPML file (a feed reader's export).")
@click.argument("file", metavar="FILE.opml")
@_where
def import_(file: str, config_file: str | None, job: str | None) -> None:
    """Add every feed of an OPML file (- reads stdin), as Feedly, Inoreader,
    NetNewsWire, Thunderbird and other feed readers export them: each outline with an
    xmlUrl, in categories or not. A feed already in the list is left as it is; one that
    is not an http(s) URL is skipped. Each feed's title is kept as a comment after it.

    \b
    Exit status: 0 done; 1 the config file can't be written; 2 FILE is not
    OPML (or declares XML entities, which no export does) or holds no feed,
    or a bad config file.
    """
    from digest.subscriptions import MAX_OPML_BYTES, add_sources, read_opml, source_problem

    path = _config_path(config_file)
    with known_errors():
        given = sys.stdin.buffer.read(MAX_OPML_BYTES + 1) if file == "-" else Path(file)
        feeds = read_opml(given, file)
        if not feeds:
            raise UsageError(f"{file}: no feeds in it (no outline with an xmlUrl)")
        usable = [feed for feed in feeds if source_problem(feed.url) is None]
        added = add_sources(path, usable, job) if usable else []
    skipped = len(feeds) - len(usable)
    skipped_note = f", {counted(skipped, 'feed')} skipped: not an http(s) URL" if skipped else ""
    say(f"added {counted(len(added), 'feed')} of {shown(file)} to {_place(path, job)}"
        f"{_already(len(usable) - len(added))}{skipped_note}")


@sources.command(short_help="Print the sources as OPML, for a feed reader.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Write the OPML to FILE instead of stdout.")
@_where
def export(out: Path | None, config_file: str | None, job: str | None) -> None:
    """Print the sources that are URLs as an OPML 2.0 document, which feed readers
    import (titles from the comments after the URLs). Paths are left out: a note on
    stderr says how many.

    \b
    Exit status: 0 done; 1 FILE can't be written; 2 a bad config file, or no
    such --job.
    """
    from digest.output import atomic_write
    from digest.subscriptions import list_feeds, write_opml

    path = _config_path(config_file)
    with known_errors():
        feeds = list_feeds(path, job)
        if not path.exists():
            _no_file_yet(path)
        title = f"digest sources: job {job}" if job else "digest sources"
        text, skipped = write_opml(feeds, title, dt.datetime.now(dt.timezone.utc))
        if out is not None:
            atomic_write(out, text.encode("utf-8"))
            say(f"wrote {counted(len(feeds) - skipped, 'feed')} to {out}")
        else:
            click.echo(text, nl=False)
    if skipped:
        say(f"left out {counted(skipped, 'path')}: OPML lists feeds (URLs) only")


def _config_path(option: str | None) -> Path:
    """The file to edit: as `digest run` chooses it, else where one would be made."""
    return config.config_choice(option).path or config.default_config_path()


def _place(path: Path, job: str | None) -> str:
    return f"[jobs.{job}] in {path}" if job else str(path)


def _no_file_yet(path: Path) -> None:
    say(f"no config file yet ({path}); `digest sources add URL` makes one")


def _already(count: int) -> str:
    return f" ({count} already there)" if count else ""

