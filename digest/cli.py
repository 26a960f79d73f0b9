"""The `digest` command line: option parsing only; the work is in the stage modules.

`digest PATH...` runs the main job; `digest model ...`, `digest glossary ...` and
`digest doctor` are subcommands. Heavy modules load only inside the command that
needs them, so `digest --help` starts as fast as Python does.
"""
from __future__ import annotations

import errno
import importlib
import sys
from typing import Any

import click

from digest import __version__, config
from digest.errors import EXIT_INPUT, EXIT_SOFTWARE, EXIT_USAGE, internal_error, interrupted_exit_code, say, set_debug
from digest.streams import discard_pending

# name -> (module, attribute, one-line help). Commands load only when they run, and
# --help lists them from this table without importing their dependencies.
COMMANDS = {
    "run": ("digest.commands.run", "run", "Clean, summarize (and translate) articles; the default command."),
    "sources": ("digest.commands.sources", "sources",
                "Add, list or remove the daily job's sources; import/export OPML."),
    "model": ("digest.commands.model", "model", "Install, list or remove Argos vi→en translation models."),
    "glossary": ("digest.commands.glossary", "glossary", "Check a glossary file, or suggest the names it lacks."),
    "doctor": ("digest.commands.doctor", "doctor", "Check that a run is ready: config, model, glossary, delivery."),
    "seen": ("digest.commands.seen", "seen", "List, mark (catch up) or forget what --new runs briefed."),
    "prune": ("digest.commands.prune", "prune", "Forget pages, seen articles and translations unused for DAYS."),
    "batch": ("digest.commands.batch", "batch", "Run a large archive on a cluster: JSONL shards that resume."),
}


class DigestGroup(click.Group):
    """A group whose default command is `run`: `digest seeds/` means `digest run seeds/`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        args = _take_debug(args)
        if args and args[0] not in COMMANDS and args[0] not in ("--help", "-h", "--version"):
            args = ["run", *args]
        elif not args and config.config_choice(None):
            args = ["run"]  # bare `digest` runs the config file's job (and the help shows without one)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a usage error is one line on stderr (exit 2) and Ctrl-C is
        "digest: interrupted" (exit 130), never click's usage block or "Aborted!"."""
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise  # `digest model` alone: the help is the answer
        except click.UsageError as err:
            message = err.format_message().rstrip(".")
            where = err.ctx.command_path if err.ctx is not None else "digest"
            say(f"{message}; see '{where} --help'")
            sys.exit(EXIT_USAGE)
        except KeyboardInterrupt as err:  # Ctrl-C, or SIGTERM (see digest.entry)
            say("interrupted")
            sys.exit(interrupted_exit_code(err))
        except OSError as err:
            if err.errno == errno.EPIPE:
                raise  # the reader went away (`digest ... | head`): click exits quietly
            # e.g. `digest model list > /dev/full`: one line, not a traceback
            discard_pending()
            where = f"{err.filename}: " if err.filename else "cannot write output: "
            say(f"{where}{err.strerror or err}")
            sys.exit(EXIT_INPUT)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as err:  # a bug: one line and EX_SOFTWARE; the traceback with --debug
            discard_pending()
            internal_error(err)
            sys.exit(EXIT_SOFTWARE)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attribute, _ = COMMANDS[name]
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, help_text) for name, (_, _, help_text) in COMMANDS.items()])


def _take_debug(args: list[str]) -> list[str]:
    """`--debug` anywhere before `--` (`digest --debug seeds/`, `digest seeds/ --debug`,
    `digest model install --debug`) turns tracebacks on; the commands never see it."""
    set_debug(config.debug_from_env())
    end = args.index("--") if "--" in args else len(args)
    if "--debug" not in args[:end]:
        return args
    set_debug(True)
    return [a for a in args[:end] if a != "--debug"] + args[end:]


@click.group(
    cls=DigestGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=False,
)
@click.version_option(__version__, "--version", prog_name="digest")
@click.option("--debug", is_flag=True, expose_value=False,
              help="Show the traceback of an unexpected error (also DIGEST_DEBUG=1).")
def main() -> None:
    """Turn Vietnamese news articles into dated digests, in Vietnamese, English or both.

    \b
      digest seeds/ --lang vi              Markdown digests on stdout
      digest seeds/ --lang en              translated with the installed model
      digest ~/news/*.html --out briefings one dated file per article
      digest model install                 download the vi→en model

    Run `digest run --help` for every option of the main job.
    """
