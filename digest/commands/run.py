"""`digest [run] PATH...`: the main job."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from digest import config
from digest.commands import known_errors
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
from digest.errors import EXIT_FLAGGED, EXIT_INPUT, EXIT_OK, EXIT_USAGE
from digest.render import FORMATS


def _usage_error(message: str) -> NoReturn:
    click.echo(f"digest: {message}", err=True)
    sys.exit(EXIT_USAGE)


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


# The config file's keys and the options that give them on the command line.
_CONFIG_OPTIONS = {"lang": "lang", "format": "fmt", "to": "mail_to", "from": "mail_from", "subject": "subject",
                   "out": "out_dir", "new": "new_only", "sendmail": "sendmail", "delay": "delay",
                   "timezone": "timezone", "sources": "paths"}


def _timezone(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise click.BadParameter(f"unknown time zone {value!r} (an IANA name such as Asia/Ho_Chi_Minh)") from None
    return value


@click.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, metavar="PATH...")
@lang_option("Language of the digest: Vietnamese only, English (needs a model), or both side by side.")
@out_option("Write one dated file per article into this directory instead of one briefing on stdout.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=config.DEFAULT_FORMAT, show_default=True,
              help="Output format. eml is a complete email for `sendmail -t` (needs --to).")
@click.option("--sentences", "-n", type=int, default=config.DEFAULT_SENTENCES, show_default=True,
              callback=_positive,
              help="Sentences in each summary, at most: it stops once it holds about 15 syllables per "
                   "sentence asked (an editor's lead for 3).")
@click.option("--no-stories", is_flag=True,
              help="One item per article: don't group the articles that report one event into a story.")
@click.option("--story-sentences", type=int, default=config.DEFAULT_STORY_SENTENCES, show_default=True,
              callback=_positive,
              help="Sentences in each story summary, at most (chosen across the story's articles; it stops "
                   "near 35 syllables per sentence asked).")
@click.option("--max-items", type=int, default=None, callback=_positive, metavar="N",
              help="At most N items in the briefing (stories, most outlets first; articles with --no-stories).")
@click.option("--full", is_flag=True, help="Translate every paragraph, not only the title and summary.")
@click.option("--explain", is_flag=True, help="List every removed line with the reason it was removed.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on stderr but errors.")
@click.option("--strict", is_flag=True,
              help="Exit 4 when any translated sentence has a quality flag (a lost number or name, "
                   "Vietnamese left in, a loop, a cut-off); the output is written all the same.")
@model_option
@device_option
@glossary_option
@click.option("--no-cache", is_flag=True,
              help="Translate everything afresh; don't read or write the translation cache "
                   "($DIGEST_CACHE_DIR, else ~/.cache/digest).")
@click.option("--force", is_flag=True, help="With --out, rewrite every file even when unchanged.")
@click.option("--wait", type=float, default=config.DEFAULT_WAIT_SECONDS, show_default=True, metavar="SECONDS",
              callback=_not_negative,
              help="Wait this long for another run that holds the --out directory or, with --new, the seen store.")
@click.option("--run-date", default=None, callback=iso_date, metavar="YYYY-MM-DD",
              help="Date of this briefing; undated articles are filed under it. Default: today.")
@click.option("--to", "mail_to", default=None, metavar="ADDRESS", help="Recipient(s) of the eml message.")
@click.option("--from", "mail_from", default=None, metavar="ADDRESS",
              help="Sender of the eml message (default: digest@<hostname>).")
@click.option("--subject", default=None, metavar="TEXT",
              help="Subject of the eml message (default: the briefing's title).")
@click.option("--sources", "sources_file", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Read URLs and paths from FILE, one a line ('#' starts a comment).")
@click.option("--new", "new_only", is_flag=True,
              help="Only articles no earlier --new run briefed (a changed text comes again, marked updated). "
                   "Nothing new: exit 0 and no output.")
@click.option("--sendmail", is_flag=True,
              help="Mail the briefing with `sendmail -t` (implies --format eml; needs --to); "
                   "with --new, articles count as briefed only when sendmail succeeds.")
@click.option("--delay", type=float, default=config.FetchSettings.delay, show_default=True, metavar="SECONDS",
              callback=_not_negative, help="Pause between two requests to one host.")
@click.option("--offline", is_flag=True, help="Read URLs from the archive of earlier runs only; no network.")
@click.option("--timezone", default=None, callback=_timezone, metavar="ZONE",
              help="Time zone of the run date (default: the system's), e.g. Asia/Ho_Chi_Minh.")
@click.option("--config", "config_file", default=None, metavar="FILE",
              help=f"TOML settings (sources, lang, format, to, from, out, new, sendmail, delay, timezone); "
                   f"options given here win. Default: ${config.CONFIG_ENV}, else config.toml in the user's "
                   "config directory.")
@click.pass_context
def run(ctx: click.Context, paths: tuple[str, ...], lang: str, out_dir: Path | None, fmt: str, sentences: int,
        no_stories: bool, story_sentences: int, max_items: int | None, full: bool, explain: bool, quiet: bool,
        strict: bool, model: str | None, device: str, glossary: Path | None, no_cache: bool, force: bool,
        wait: float, run_date: str | None, mail_to: str | None, mail_from: str | None, subject: str | None,
        sources_file: Path | None, new_only: bool, sendmail: bool, delay: float, offline: bool,
        timezone: str | None, config_file: str | None) -> None:
    """Clean, summarize and (with --lang en or both) translate Vietnamese news articles.

    PATH is a .txt or .html file, a directory (its .txt/.html/.htm files, sorted),
    - for standard input, or an http(s) URL of an article page or an RSS/Atom feed.
    One bad input never stops the others.

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
        given: dict[str, Any] = config.file_settings(config.config_choice(config_file), typed(ctx, _CONFIG_OPTIONS))
        paths = tuple(paths) + tuple(
            config.read_sources_file(sources_file) if sources_file is not None else given.get("sources", []))
    lang, fmt = given.get("lang", lang), given.get("format", fmt)
    mail_to, mail_from = given.get("to", mail_to), given.get("from", mail_from)
    subject, new_only = given.get("subject", subject), given.get("new", new_only)
    sendmail, delay = given.get("sendmail", sendmail), float(given.get("delay", delay))
    timezone = given.get("timezone", timezone)
    if "out" in given:
        out_dir = Path(given["out"]).expanduser()
    if lang not in config.LANGS or fmt not in FORMATS:
        _usage_error(f"config file: lang must be one of {', '.join(config.LANGS)}, format one of {', '.join(FORMATS)}")
    if not paths:
        _usage_error("Missing argument 'PATH...' (files, directories or URLs; or --sources FILE, or sources in "
                     "the config file); see 'digest run --help'")
    if sendmail:
        if ctx.get_parameter_source("fmt") is click.core.ParameterSource.COMMANDLINE and fmt != "eml":
            _usage_error("--sendmail sends an eml message; it can't be used with --format " + fmt)
        fmt = "eml"
    # One line, not click's usage block: cron mails stderr, and the issue asks for one clear line.
    form = FORMATS[fmt]
    if form.needs_recipient and not mail_to:
        _usage_error(f"--format {fmt} needs --to ADDRESS")
    if out_dir is not None and not form.per_article:
        _usage_error(f"--format {fmt} writes one message on stdout; it can't be used with --out")
    settings = config.RunSettings(
        paths=tuple(paths), lang=lang, out_dir=out_dir, fmt=fmt, sentences=sentences, full=full,
        explain=explain, quiet=quiet, model=config.model_choice(model), glossary=config.glossary_choice(glossary),
        use_cache=not no_cache, device=device, force=force, wait=wait, run_date=run_date or config.today(timezone),
        mail_to=mail_to, mail_from=mail_from, subject=subject, stories=not no_stories,
        story_sentences=story_sentences, max_items=max_items, new_only=new_only, sendmail=sendmail,
        fetch=config.FetchSettings(delay=delay, offline=offline),
    )
    show = not quiet and is_terminal(sys.stderr)
    job = Job(settings, stderr=sys.stderr, stdout=sys.stdout, progress=TerminalProgress(sys.stderr) if show else None)
    # An interrupted run leaves every digest file whole: each is written by rename.
    with known_errors("interrupted; files already written are complete"):
        outcome = job.run()
    if show and out_dir is not None:
        click.echo(f"digest: {outcome.written} written, {outcome.unchanged} unchanged in {out_dir}", err=True)
    if new_only and not outcome.digests and not outcome.failed and not quiet and is_terminal(sys.stderr):
        click.echo("digest: nothing new since the last --new run", err=True)
    if outcome.failed:
        sys.exit(EXIT_INPUT)
    if strict and outcome.flags:
        click.echo(f"digest: {outcome.flags} quality flag(s) on the English (--strict)", err=True)
        sys.exit(EXIT_FLAGGED)
    sys.exit(EXIT_OK)
