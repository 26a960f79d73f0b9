"""Click commands: thin wrappers that parse options and call the stages."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from digest.errors import DigestError, interrupted_exit_code, say


@contextmanager
def known_errors(interrupted: str = "interrupted") -> Iterator[None]:
    """A known failure becomes one clear line on stderr and its exit status; never a traceback."""

    try:
        yield
    except DigestError as err:
        say(err.message)
        sys.exit(err.exit_code)
    except KeyboardInterrupt as err:  # Ctrl-C, or SIGTERM (digest.errors.Terminated)
        say(interrupted)
        sys.exit(interrupted_exit_code(err))


def counted(number: int, noun: str) -> str:
    """'1 article', '3 articles': a count with its noun, for the commands' one-line reports."""
    return f"{number} {noun}{'' if number == 1 else 's'}"
