"""`digest glossary check [FILE]`: validate a glossary before a run relies on it.
`digest glossary suggest PATH...`: the names of some articles that the glossary lacks."""
from __future__ import annotations

import io
import sys

import click

from digest.commands import known_errors
from digest.commands.options import CONTEXT
from digest.errors import EXIT_INPUT, EXIT_USAGE, shown


@click.group(context_settings=CONTEXT)
def glossary() -> None:
    """Work with the proper-noun glossary (glossary.csv: vi,en,kind)."""


@glossary.command(short_help="Check a glossary file for problems, with line numbers.")
@click.argument("file", default="glossary.csv", type=click.Path())
@click.option("--pending/--no-pending", "list_pending", default=False,
              help="List each pending row (no English yet) as a warning, with its line number.")
def check(file: str, list_pending: bool) -> None:
    """Report a bad header, missing cells, unknown kinds, duplicate rows and a
    Vietnamese form mapped to two English forms, each with its line number. Rows whose
    `en` is empty are pending (runs leave them out): they are counted in one line, or
    listed one by one with --pending.

    FILE defaults to ./glossary.csv. Problems and warnings go to stderr, one per line.

    \b
    Exit status: 0 no problems (warnings allowed); 2 problems found, or FILE can't be read.
    """
    from digest.translate.glossary import Glossary, check_file, pending_rows

    with known_errors():
        problems = check_file(file)
        pending = pending_rows(file)
        for row in pending if list_pending else ():
            click.echo(shown(f"{file}:{row.line}: warning: {row.message}"), err=True)
        if pending and not list_pending:
            click.echo(shown(f"{file}: warning: {len(pending)} pending {'row' if len(pending) == 1 else 'rows'} "
                             f"with no English yet (from line {pending[0].line}; --pending lists them)"), err=True)
        if not problems:
            count = len(Glossary.load(file))
            waiting = f", {len(pending)} pending" if pending else ""
            click.echo(shown(f"{file}: {count} {'entry' if count == 1 else 'entries'}{waiting}, no problems"))
            return
    for problem in problems:
        click.echo(shown(f"{file}:{problem.line}: {problem.message}"), err=True)
    click.echo(shown(f"digest: {file}: {len(problems)} problem(s)"), err=True)
    sys.exit(EXIT_USAGE)


@glossary.command(short_help="List the names of some articles that the glossary lacks.")
@click.argument("paths", nargs=-1, required=True)
@click.option("--glossary", "glossary_file", metavar="FILE",
              help="Glossary to compare with (default as for runs: $DIGEST_GLOSSARY, else ./glossary.csv).")
@click.option("--min-count", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only names seen at least this many times.")
@click.option("--format", "fmt", type=click.Choice(["csv", "text"]), default="csv", show_default=True,
              help="csv: rows to append to glossary.csv; text: a report to read.")
def suggest(paths: tuple[str, ...], glossary_file: str | None, min_count: int, fmt: str) -> None:
    """The proper nouns of the articles in PATHs (files, directories, - for stdin) that
    the glossary lacks: people, places, organizations (names of two or more syllables)
    and acronyms the articles expand, each with a count, a kind guess and an example.

    \b
    The CSV has the header vi,en,kind,count,example,note and `en` left empty: rows
    appended to glossary.csv are pending (runs ignore them) until `en` is filled in:
        digest glossary suggest news/ >> glossary.csv
    A name the glossary holds in another spelling is noted "variant of ...".

    \b
    Exit status: 0 done; 1 some inputs could not be read; 2 usage or a bad glossary.
    """
    from digest import config
    from digest.names import read_sentences, suggestions, write_csv, write_text
    from digest.render.common import terminal_safe

    with known_errors():
        sentences, failures = read_sentences(paths)
        for failure in failures:
            click.echo(shown(f"digest: {failure.message}"), err=True)
        rows = suggestions(sentences, config.glossary_choice(glossary_file).path, min_count)
        out = io.StringIO()
        if fmt == "csv":
            write_csv(rows, out)
        else:
            write_text(rows, out)
        sys.stdout.write(terminal_safe(out.getvalue()))  # names and examples are the articles' text
    if failures:
        sys.exit(EXIT_INPUT)
