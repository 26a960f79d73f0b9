"""Errors a user can act on. Each carries the exit status the CLI returns for it."""
from __future__ import annotations

import contextlib
import re
import sys
from typing import TextIO

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


EXIT_SOFTWARE = 70  # EX_SOFTWARE: a bug in digest (an unexpected exception); see --debug
EXIT_TERMINATED = 143  # SIGTERM: 128 + 15, as shells report it

# What a terminal would act on or hide: C0/C1 controls (ESC starts colour and cursor
# sequences, CR overwrites the line), line and paragraph separators, bidirectional
# marks, embeddings, overrides and isolates (which reorder what follows), and lone
# surrogates, which is how Python carries file-name bytes that are not UTF-8
# (os.fsdecode's surrogateescape). digest.render.common strips the same from what
# digest prints on stdout.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def shown(text: object) -> str:
    """`text` made safe to show on one line of a terminal: undecodable file-name bytes as
    \\xNN, control characters as \\xNN or \\uNNNN; everything else as it is."""
    return _UNSAFE.sub(_escape, str(text))


def say(message: str, stream: TextIO | None = None) -> None:
    """One line `digest: MESSAGE` on stderr, escaped with shown(). Every message digest
    prints on stderr goes through here, so no name or server text can break the line."""
    stream = stream if stream is not None else sys.stderr
    if stream is None:  # started with stderr closed
        return
    try:
        stream.write(f"digest: {shown(message)}\n")
        stream.flush()
    except (OSError, ValueError):  # stderr gone or full: nothing left to tell anyone
        pass


def debugging() -> bool:
    """Whether tracebacks are shown: `digest --debug ...` or DIGEST_DEBUG=1 (for cron), as
    the command line set it (set_debug)."""
    return _debug


_debug = False


def set_debug(on: bool) -> None:
    global _debug
    _debug = on


def internal_error(err: BaseException, where: str | None = None, stream: TextIO | None = None) -> None:
    """An unexpected exception (a bug): one line, and the traceback only when debugging."""
    what = f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
    prefix = f"{where}: " if where else ""
    hint = "" if debugging() else " (run with --debug or DIGEST_DEBUG=1 for the traceback)"
    say(f"{prefix}internal error: {what}{hint}", stream)
    if debugging():
        import traceback

        target = stream if stream is not None else sys.stderr
        with contextlib.suppress(OSError, ValueError, AttributeError):
            traceback.print_exception(err, file=target)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is so that the cleanup Ctrl-C runs (temporary
    files, staging, partial downloads) runs for it too; the exit status is 143."""


def raise_terminated(signum: int, frame: object) -> None:
    raise Terminated


def interrupted_exit_code(err: KeyboardInterrupt) -> int:
    return EXIT_TERMINATED if isinstance(err, Terminated) else EXIT_INTERRUPTED


def warn(message: str) -> None:
    """A warning from library code (a state file ignored, a cache not used): one line
    `digest: MESSAGE`, escaped, through the "digest" logger, which prints it on stderr
    unless the program using digest configures logging otherwise."""
    import logging

    logging.getLogger("digest").warning("digest: %s", shown(message))
