"""`digest glossary check [FILE]`: validate a glossary before a run relies on it."""
from __future__ import annotations

import sys

import click

from digest.errors import EXIT_USAGE, DigestError


@click.group()
def glossary():
    """Work with the proper-noun glossary (glossary.csv: vi,en,kind)."""


@glossary.command()
@click.argument("file", default="glossary.csv", type=click.Path(dir_okay=False))
def check(file):
    """Report missing cells, duplicates and conflicting rows, each with its line number."""
    from digest.translate.glossary import check_file, Glossary

    try:
        problems = check_file(file)
        if not problems:
            count = len(Glossary.load(file))
            click.echo(f"{file}: {count} entries, no problems")
            return
    except DigestError as err:
        click.echo(f"digest: {err.message}", err=True)
        sys.exit(err.exit_code)
    for problem in problems:
        click.echo(f"{file}:{problem.line}: {problem.message}", err=True)
    click.echo(f"digest: {file}: {len(problems)} problem(s)", err=True)
    sys.exit(EXIT_USAGE)
