"""Options shared by several commands, defined once (as click's docs recommend)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from digest import config

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT = {"help_option_names": ["-h", "--help"]}


def lang_option(help_text: str) -> Callable[[F], F]:
    return click.option("--lang", type=click.Choice(config.LANGS), default=config.DEFAULT_LANG,
                        show_default=True, help=help_text)


def model_option(f: F) -> F:
    return click.option(
        "--model", "model", default=None, metavar="PATH",
        help=f"Argos vi→en package (directory or .argosmodel), or a CTranslate2 model directory "
             f"(NLLB-200, OPUS-MT, or described by digest-model.json). Default: ${config.MODEL_ENV}, "
             "else the installed one with the highest version.",
    )(f)


def device_option(f: F) -> F:
    return click.option(
        "--device", type=click.Choice(config.DEVICES), default=config.DEFAULT_DEVICE, show_default=True,
        help="Where CTranslate2 translates: auto uses a CUDA GPU when CTranslate2 sees one, else the CPU.",
    )(f)


def glossary_option(f: F) -> F:
    return click.option(
        "--glossary", "glossary", type=click.Path(path_type=Path), default=None, metavar="FILE",
        help=f"Proper-noun glossary CSV (vi,en,kind). Default: ${config.GLOSSARY_ENV}, "
             f"else ./{config.LOCAL_GLOSSARY} if present.",
    )(f)


def out_option(help_text: str) -> Callable[[F], F]:
    return click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None, metavar="DIR",
                        help=help_text)


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --run-date callback: YYYY-MM-DD, checked, or None."""
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter("expected YYYY-MM-DD") from None


def typed(ctx: click.Context, options: dict[str, str]) -> set[str]:
    """The config keys (of `options`: config key -> option name) whose option was given on
    the command line, so the config file does not override them (a PATH given counts as
    the "sources" key)."""
    given = {key for key, name in options.items()
             if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE}
    if ctx.params.get("paths"):
        given.add("sources")
    return given
