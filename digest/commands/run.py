"""`digest [run] PATH...`: the main job."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from digest.commands import known_errors
from digest.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE
from digest.render import FORMATS


def _usage_error(message: str) -> None:
    click.echo(f"digest: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _positive(ctx, param, value):
    if value is not None and value < 1:
        raise click.BadParameter("must be 1 or more")
    return value


def _not_negative(ctx, param, value):
    if value is not None and value < 0:
        raise click.BadParameter("must be 0 or more")
    return value


def _iso_date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter("expected YYYY-MM-DD") from None


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--lang", type=click.Choice(["vi", "en", "both"]), default="en", show_default=True,
              help="Language of the digest: Vietnamese only, English (needs a model), or both side by side.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None, metavar="DIR",
              help="Write one dated file per article into this directory instead of one briefing on stdout.")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="md", show_default=True,
              help="Output format. eml is a complete email for `sendmail -t` (needs --to).")
@click.option("--sentences", "-n", type=int, default=3, show_default=True, callback=_positive,
              help="Sentences in each summary.")
@click.option("--full", is_flag=True, help="Translate every paragraph, not only the title and summary.")
@click.option("--explain", is_flag=True, help="List every removed line with the reason it was removed.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on stderr but errors.")
@click.option("--model", "model", default=None, metavar="PATH",
              help="Argos vi→en package (directory or .argosmodel) to use. Default: $DIGEST_MODEL, "
                   "else the installed one with the highest version.")
@click.option("--glossary", "glossary", type=click.Path(path_type=Path), default=None,
              help="Proper-noun glossary CSV (vi,en,kind). Default: $DIGEST_GLOSSARY, else ./glossary.csv if present.")
@click.option("--no-cache", is_flag=True,
              help="Translate everything afresh; don't read or write the translation cache "
                   "($DIGEST_CACHE_DIR, else ~/.cache/digest).")
@click.option("--force", is_flag=True, help="With --out, rewrite every file even when unchanged.")
@click.option("--wait", type=float, default=0.0, show_default=True, metavar="SECONDS", callback=_not_negative,
              help="With --out, wait this long for another run that holds the directory.")
@click.option("--run-date", default=None, callback=_iso_date, metavar="YYYY-MM-DD",
              help="Date of this briefing; undated articles are filed under it. Default: today.")
@click.option("--to", "mail_to", default=None, metavar="ADDRESS", help="Recipient(s) of the eml message.")
@click.option("--from", "mail_from", default=None, metavar="ADDRESS", help="Sender of the eml message (default: digest@<hostname>).")
@click.option("--subject", default=None, metavar="TEXT",
              help="Subject of the eml message (default: the briefing's title).")
def run(paths, lang, out_dir, fmt, sentences, full, explain, quiet, model, glossary, no_cache, force, wait,
        run_date, mail_to, mail_from, subject):
    """Clean, summarize and (with --lang en or both) translate Vietnamese news articles.

    PATH is a .txt or .html file, a directory (its .txt/.html/.htm files, sorted),
    or - for standard input. One bad input never stops the others.

    Without --out, the briefing (and nothing else) goes to stdout; errors go to
    stderr, one line each. A progress bar shows only when stderr is a terminal.

    \b
    Exit status: 0 all inputs went through; 1 some inputs failed (each named on
    stderr); 2 usage error or bad glossary; 3 no usable translation model;
    75 another run holds the --out directory; 130 interrupted (Ctrl-C).
    """
    from digest.pipeline import Job, JobSettings

    # One line, not click's usage block: cron mails stderr, and the issue asks for one clear line.
    if FORMATS[fmt].needs_recipient and not mail_to:
        _usage_error(f"--format {fmt} needs --to ADDRESS")
    if not FORMATS[fmt].per_article and out_dir is not None:
        _usage_error(f"--format {fmt} writes one briefing on stdout; it can't be used with --out")
    settings = JobSettings(
        paths=list(paths), lang=lang, out_dir=out_dir, fmt=fmt, sentences=sentences, full=full,
        explain=explain, quiet=quiet, model=model, glossary=glossary, use_cache=not no_cache, force=force,
        wait=wait, run_date=run_date or dt.date.today().isoformat(), mail_to=mail_to, mail_from=mail_from,
        subject=subject,
    )
    # An interrupted run leaves every digest file whole: each is written by rename.
    with known_errors("interrupted; files already written are complete"):
        outcome = Job(settings).run()
    sys.exit(EXIT_INPUT if outcome.failed else EXIT_OK)
