"""Click commands: thin wrappers that parse options and call the stages."""
from __future__ import annotations

import sys
from contextlib import contextmanager

EXIT_INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it


@contextmanager
def known_errors(interrupted: str = "interrupted"):
    """A known failure becomes one clear line on stderr and its exit status; never a traceback."""
    import click

    from digest.errors import DigestError

    try:
        yield
    except DigestError as err:
        click.echo(f"digest: {err.message}", err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        click.echo(f"digest: {interrupted}", err=True)
        sys.exit(EXIT_INTERRUPTED)
