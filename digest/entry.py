"""The `digest` console script: answers `--version` and `--help` without importing click.

Importing click alone takes longer than starting Python, so for exactly
`digest --version`, `digest --help` and `digest -h` this prints the answer click would
print; every other command line goes to `digest.cli:main`. HELP is what click renders
for `digest --help` at its usual width (78 columns; a terminal narrower than 80 columns
goes through click). tests/test_entry.py checks that HELP and the version line equal
click's own output, so the two cannot drift apart.
"""
from __future__ import annotations

import os
import signal
import sys

from digest import __version__
from digest.streams import discard_pending

HELP = """\
Usage: digest [OPTIONS] COMMAND [ARGS]...

  Turn Vietnamese news articles into dated digests, in Vietnamese, English or
  both.

    digest seeds/ --lang vi              Markdown digests on stdout
    digest seeds/ --lang en              translated with the installed model
    digest ~/news/*.html --out briefings one dated file per article
    digest model install                 download the vi→en model

  Run `digest run --help` for every option of the main job.

Options:
  --version   Show the version and exit.
  --debug     Show the traceback of an unexpected error (also DIGEST_DEBUG=1).
  -h, --help  Show this message and exit.

Commands:
  run       Clean, summarize (and translate) articles; the default command.
  sources   Add, list or remove the daily job's sources; import/export OPML.
  model     Install, list or remove Argos vi→en translation models.
  glossary  Check a glossary file, or suggest the names it lacks.
  doctor    Check that a run is ready: config, model, glossary, delivery.
  seen      List, mark (catch up) or forget what --new runs briefed.
  prune     Forget pages, seen articles and translations unused for DAYS.
  batch     Run a large archive on a cluster: JSONL shards that resume.
"""

VERSION = f"digest, version {__version__}\n"


def _terminal_columns() -> int:
    """What shutil.get_terminal_size() (which click asks) would say, without importing shutil."""
    try:
        columns = int(os.environ.get("COLUMNS", 0))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):  # AttributeError: no stdout at all
            columns = 0
    return columns or 80


def fast_answer(argv: list[str]) -> str | None:
    """The text for a command line that needs no click, or None."""
    if len(argv) != 1 or os.path.basename(sys.argv[0]) != "digest":
        return None
    if argv[0] == "--version":
        return VERSION
    if argv[0] in ("--help", "-h") and _terminal_columns() >= 80:
        return HELP
    return None




def _terminate_as_interrupt() -> None:
    """SIGTERM (kill, systemd, a cron timeout) raises digest.errors.Terminated, a
    KeyboardInterrupt, so every cleanup that Ctrl-C runs (temporary --out files, install
    staging, partial downloads, extraction) runs for it too; the exit status is 143."""
    from digest.errors import raise_terminated

    try:
        if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
            signal.signal(signal.SIGTERM, raise_terminated)
    except (ValueError, OSError):  # not the main thread (an embedding program): leave it
        pass


def main() -> None:
    _terminate_as_interrupt()
    answer = fast_answer(sys.argv[1:])
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    if answer is not None and encoding == "utf8":
        try:
            sys.stdout.write(answer)
            sys.stdout.flush()
        except OSError as err:  # `digest --help > /dev/full`: one line, not a traceback
            discard_pending()
            sys.stderr.write(f"digest: cannot write output: {err.strerror or err}\n")
            sys.exit(1)
        sys.exit(0)
    try:
        from digest.cli import main as click_main
    except KeyboardInterrupt as err:  # Ctrl-C (or SIGTERM) while Python loads click: no traceback
        from digest.errors import interrupted_exit_code

        sys.stderr.write("digest: interrupted\n")
        sys.exit(interrupted_exit_code(err))
    click_main()
