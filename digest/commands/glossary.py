"""`digest glossary check [FILE]`: validate a glossary before a run relies on it.
`digest glossary suggest PATH...`: the names of some articles that the glossary lacks."""
from __future__ import annotations

import sys

import click

from digest.commands import known_errors
from digest.commands.options import CONTEXT
from digest.errors import EXIT_USAGE


@click.group(context_settings=CONTEXT)
def glossary() -> None:
    """Work with the proper-noun glossary (glossary.csv: vi,en,kind)."""


@glossary.command(short_help="Check a glossary file for problems, with line numbers.")
@click.argument("file", default="glossary.csv", type=click.Path())
def check(file: str) -> None:
    """Report a bad header, missing cells, unknown kinds, duplicate rows and a
    Vietnamese form mapped to two English forms, each with its line number. Rows whose
    `en` is empty are pending (runs leave them out): they are listed as warnings.

    FILE defaults to ./glossary.csv. Problems and warnings go to stderr, one per line.

    \b
    Exit status: 0 no problems (warnings allowed); 2 problems found, or FILE can't be read.
    """
    from digest.translate.glossary import Glossary, check_file, pending_rows

    with known_errors():
        problems = check_file(file)
        pending = pending_rows(file)
        for row in pending:
            click.echo(f"{file}:{row.line}: warning: {row.message}", err=True)
        if not problems:
            count = len(Glossary.load(file))
            waiting = f", {len(pending)} pending" if pending else ""
            click.echo(f"{file}: {count} {'entry' if count == 1 else 'entries'}{waiting}, no problems")
            return
    for problem in problems:
        click.echo(f"{file}:{problem.line}: {problem.message}", err=True)
    click.echo(f"digest: {file}: {len(problems)} problem(s)", err=True)
    sys.exit(EXIT_USAGE)
