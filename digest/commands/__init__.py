"""Click commands: thin wrappers that parse options and call the stages."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from digest.errors import EXIT_INTERRUPTED, DigestError


@contextmanager
def known_errors(interrupted: str = "interrupted") -> Iterator[None]:
    """A known failure becomes one clear line on stderr and its exit status; never a traceback."""

    try:
        yield
    except DigestError as err:
        click.echo(f"digest: {err.message}", err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        click.echo(f"digest: {interrupted}", err=True)
        sys.exit(EXIT_INTERRUPTED)
