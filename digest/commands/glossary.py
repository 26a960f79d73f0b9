"""`digest glossary check [FILE]`: validate a glossary before a run relies on it."""
from __future__ import annotations

import sys

import click

from digest.commands import known_errors
from digest.errors import EXIT_USAGE


@click.group()
def glossary():
    """Work with the proper-noun glossary (glossary.csv: vi,en,kind)."""


@glossary.command()
@click.argument("file", default="glossary.csv", type=click.Path(dir_okay=False))
def check(file):
    """Report missing cells, duplicates and conflicting rows, each with its line number."""
    from digest.translate.glossary import check_file, Glossary

    with known_errors():
        problems = check_file(file)
        if not problems:
            count = len(Glossary.load(file))
            click.echo(f"{file}: {count} entries, no problems")
            return
    for problem in problems:
        click.echo(f"{file}:{problem.line}: {problem.message}", err=True)
    click.echo(f"digest: {file}: {len(problems)} problem(s)", err=True)
    sys.exit(EXIT_USAGE)
