"""`digest [run] PATH...`: the main job."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from digest import config
from digest.commands import counted, known_errors
from digest.commands.options import (
    CONTEXT,
    device_option,
    glossary_option,
    iso_date,
    lang_option,
    model_option,
    out_option,
    typed,
)
from digest.errors import EXIT_FLAGGED, EXIT_INPUT, EXIT_OK
from digest.render import FORMATS

if TYPE_CHECKING:
    from digest.pipeline import Outcome


def _positive(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise click.BadParameter("must be 1 or more")
    return value


def _not_negative(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    import math

    if value is not None and not math.isfinite(value):  # nan compares false with everything; inf never ends
        raise click.BadParameter("must be a number of seconds")
    if value is not None and value < 0:
        raise click.BadParameter("must be 0 or more")
    return value


def _timezone(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise click.BadParameter(f"unknown time zone {value!r} (an IANA name such as Asia/Ho_Chi_Minh)") from None
    return value


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@lang_option("Language of the digest: Vietnamese only, English (needs a model), or both side by side.")
@out_option("Write one dated file per article into this directory instead of one briefing on stdout.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=config.DEFAULT_FORMAT, show_default=True,
              help="Output format. eml is a complete email for `sendmail -t` (needs --to).")
@click.option("--sentences", "-n", type=int, default=config.DEFAULT_SENTENCES, show_default=True,
              callback=_positive,
              help="Sentences in each summary, at most: it stops once it holds about 15 syllables per "
                   "sentence asked (an editor's lead for 3).")
@click.option("--stories/--no-stories", default=True, show_default=True,
              help="Group the articles that report one event into a story (--no-stories: one item per article).")
@click.option("--story-sentences", type=int, default=config.DEFAULT_STORY_SENTENCES, show_default=True,
              callback=_positive,
              help="Sentences in each story summary, at most (chosen across the story's articles; it stops "
                   "near 35 syllables per sentence asked).")
@click.option("--max-items", type=int, default=None, callback=_positive, metavar="N",
              help="At most N items in the briefing (stories, most outlets first; articles with --no-stories).")
@click.option("--full/--no-full", default=False, help="Translate every paragraph, not only the title and summary.")
@click.option("--explain/--no-explain", default=False, help="List every removed line with the reason it was removed.")
@click.option("--quiet/--no-quiet", "-q", default=False, help="Print nothing on stderr but errors.")
@click.option("--strict/--no-strict", default=False,
              help="Exit 4 when any translated sentence has a quality flag (a lost number or name, "
                   "Vietnamese left in, a loop, a cut-off); the output is written all the same.")
@model_option
@device_option
@glossary_option
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Read and write the translation cache ($DIGEST_CACHE_DIR, else ~/.cache/digest); "
                   "--no-cache translates everything afresh.")
@click.option("--force/--no-force", default=False, help="With --out, rewrite every file even when unchanged.")
@click.option("--wait", type=float, default=config.DEFAULT_WAIT_SECONDS, show_default=True, metavar="SECONDS",
              callback=_not_negative,
              help="Wait this long for another run that holds the --out directory or, with --new, the seen store.")
@click.option("--run-date", default=None, callback=iso_date, metavar="YYYY-MM-DD",
              help="Date of this briefing; undated articles are filed under it. Default: today.")
@click.option("--to", "mail_to", default=None, metavar="ADDRESS", help="Recipient(s) of the eml message.")
@click.option("--from", "mail_from", default=None, metavar="ADDRESS",
              help="Sender of the eml message (default: the first --to address, named digest).")
@click.option("--subject", default=None, metavar="TEXT",
              help="Subject of the eml message (default: the briefing's title).")
@click.option("--sources", "sources_file", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Read URLs and paths from FILE, one a line ('#' starts a comment).")
@click.option("--new/--no-new", "new_only", default=False,
              help="Only articles no earlier --new run briefed (a changed text comes again, marked updated); "
                   "what the briefing holds is then marked briefed. Nothing new: exit 0 and no output.")
@click.option("--sendmail/--no-sendmail", default=False,
              help="Mail the briefing (implies --format eml; needs --to): with `sendmail -t` ($DIGEST_SENDMAIL), "
                   "or by SMTP with --smtp. With --new, articles count as briefed only once mailed.")
@click.option("--smtp", default=None, metavar="URL",
              help="Mail the briefing through this SMTP server: smtp://[USER@]HOST[:PORT] (STARTTLS) or "
                   "smtps://... (TLS); the password from $DIGEST_SMTP_PASSWORD or ~/.netrc.")
@click.option("--delay", type=float, default=config.FetchSettings.delay, show_default=True, metavar="SECONDS",
              callback=_not_negative, help="Pause between two requests to one host.")
@click.option("--offline/--no-offline", default=False,
              help="Read URLs from the archive of earlier runs only; no network.")
@click.option("--timezone", default=None, callback=_timezone, metavar="ZONE",
              help="Time zone of the run date (default: the system's), e.g. Asia/Ho_Chi_Minh.")
@click.option("--config", "config_file", default=None, metavar="FILE",
              help=f"TOML settings: lang, format, glossary, model, delay, timezone apply to every run; sources, "
                   f"new, sendmail, smtp, to, from, subject, out, max_items make the job that `digest` with no "
                   f"PATH runs. Options typed here win. Default: ${config.CONFIG_ENV}, else config.toml in the "
                   f"user's config directory.")
@click.option("--job", default=None, metavar="NAME",
              help="Run the config file's [jobs.NAME] (its sources, delivery and settings) instead of the default "
                   "job.")
@click.pass_context
def run(ctx: click.Context, /, **params: Any) -> None:
    """Clean, summarize and (with --lang en or both) translate Vietnamese news articles.

    PATH is a .txt or .html file, a directory (its .txt/.html/.htm files, sorted),
    - for standard input, or an http(s) URL of an article page or an RSS/Atom feed.
    One bad input never stops the others. With no PATH, `digest` runs the
    job of the config file (its sources, where it mails); a run with PATHs
    takes only the file's neutral settings (lang, format, glossary, ...).

    Without --out, the briefing (and nothing else) goes to stdout; errors go to
    stderr, one line each. A progress bar shows only when stderr is a terminal.

    Articles that report one event (across outlets and days) become one story:
    a headline, its outlets and dates, a timeline and a story summary, then its
    articles. --out writes one file per article, as without stories.

    \b
    Exit status: 0 all inputs went through; 1 some inputs failed (each named on
    stderr); 2 usage error or bad glossary; 3 no usable translation model;
    4 with --strict, the English has quality flags (an input failure's 1 comes
    first); 70 internal error (a bug; --debug shows the traceback); 75 another run
    holds the --out directory or (with --new) the seen store; 130 interrupted
    (Ctrl-C); 143 terminated (SIGTERM).
    """
    from digest.commands.progress import TerminalProgress, is_terminal
    from digest.pipeline import Job

    with known_errors():
        settings = config.resolve_run(params, typed(ctx, config.RUN_OPTIONS), FORMATS)
        if settings.smtp:
            from digest.deliver import parse_smtp_url

            parse_smtp_url(settings.smtp)  # a bad URL is a usage error now, not after the work
    quiet, strict = settings.quiet, params["strict"]
    show = not quiet and is_terminal(sys.stderr)
    job = Job(settings, stderr=sys.stderr, stdout=sys.stdout, progress=TerminalProgress(sys.stderr) if show else None)
    # An interrupted run leaves every digest file whole: each is written by rename.
    with known_errors("interrupted; files already written are complete"):
        outcome = job.run()
    if show:
        for line in _what_was_done(settings, outcome):
            click.echo(f"digest: {line}", err=True)
    if outcome.failed:
        sys.exit(EXIT_INPUT)
    if strict and outcome.flags:
        click.echo(f"digest: {outcome.flags} quality flag(s) on the English (--strict)", err=True)
        sys.exit(EXIT_FLAGGED)
    sys.exit(EXIT_OK)


def _what_was_done(settings: config.RunSettings, outcome: Outcome) -> list[str]:
    """What a run did besides printing, said on a terminal: a run that mails or marks
    news seen (perhaps because of the config file's job) never does it silently."""
    said = []
    if settings.job is not None:
        said.append(f"ran the config file's {'job ' + settings.job if settings.job else 'default job'}")
    if settings.out_dir is not None:
        said.append(f"{outcome.written} written, {outcome.unchanged} unchanged in {settings.out_dir}")
    if outcome.mailed:
        said.append(f"mailed the briefing to {settings.mail_to}" + (f" via {settings.smtp}" if settings.smtp else ""))
    if settings.new_only:
        if not outcome.digests and not outcome.failed:
            said.append("nothing new since the last --new run")
        elif outcome.marked:
            said.append(f"{counted(outcome.marked, 'article')} marked briefed (--new); "
                        f"`digest seen list` shows them")
    return said
