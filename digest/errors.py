"""Errors a user can act on. Each carries the exit status the CLI returns for it."""
from __future__ import annotations

EXIT_OK = 0
EXIT_INPUT = 1  # some inputs failed; the others went through
EXIT_USAGE = 2  # bad options or a bad glossary file
EXIT_MODEL = 3  # no usable translation model
EXIT_FLAGGED = 4  # with --strict: every input went through, but the English has quality flags
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the output directory
EXIT_INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as shells report it


class DigestError(Exception):
    """A known failure: one clear line for the user, never a traceback."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InputError(DigestError):
    """One input could not be read or holds no article."""

    exit_code = EXIT_INPUT


class UsageError(DigestError):
    exit_code = EXIT_USAGE


class GlossaryError(DigestError):
    exit_code = EXIT_USAGE


class ModelError(DigestError):
    exit_code = EXIT_MODEL


class OutputError(DigestError):
    """The output directory can't be written; nothing already there is lost."""

    exit_code = EXIT_INPUT


class LockedError(DigestError):
    exit_code = EXIT_LOCKED
