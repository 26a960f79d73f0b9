"""`digest model install|list|remove`: manage Argos vi→en translation packages."""
from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from digest import config
from digest.commands import known_errors
from digest.commands.options import CONTEXT
from digest.errors import DigestError, shown

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from digest.translate.models import Package


@click.group(context_settings=CONTEXT)
def model() -> None:
    """Install, list and remove translation models (Argos vi→en packages).

    Models live in Argos Translate's package directory: $ARGOS_PACKAGES_DIR, else
    ~/.local/share/argos-translate/packages.

    \b
    Exit status: 0 done; 2 usage error; 3 the model could not be installed, found
    or removed.
    """


def _sha256_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"[0-9a-fA-F]{64}", value.strip()):
        raise click.BadParameter("expected 64 hex digits (as `sha256sum` prints them)")
    return value


@model.command(short_help="Download (or copy), verify and install a vi→en model.")
@click.option("--from", "source", metavar="PATH|URL",
              help="Install this .argosmodel file or URL instead of the official translate-vi_en-1_9.")
@click.option("--sha256", metavar="HEX", callback=_sha256_option,
              help="Refuse the package unless its SHA-256 is this (64 hex digits).")
def install(source: str | None, sha256: str | None) -> None:
    """Download, verify and install a vi→en model (the network: this download only).

    Without --from, fetches the official translate-vi_en-1_9 package and checks its
    published size and SHA-256. A model already installed under the same name is
    replaced; any failure leaves the installed models as they were.
    """
    from digest.translate import models

    with known_errors("interrupted; nothing installed"), _progress_bar() as progress:
        done = models.install(source, sha256, progress)
    pkg = done.package
    verb = "replaced" if done.replaced else "installed"
    # a package's name is the package's to choose (metadata.json): escaped like any name on stderr
    click.echo(f"{verb} {shown(pkg.label)} in {shown(pkg.path)} (sha256 {done.sha256})")


@model.command("list", short_help="List the installed vi→en models.")
def list_models() -> None:
    """Installed vi→en models; the first one is used unless --model or DIGEST_MODEL says otherwise.
    A model that DIGEST_MODEL names outside the package directory (an NLLB-200 or OPUS-MT
    CTranslate2 directory, say) is listed too, marked * as the one runs use."""
    from digest.translate import families, models

    with known_errors():
        packages = models.installed_packages()
        chosen = _default_choice()
        if chosen is not None and all(p.path != chosen.path for p in packages):
            packages.insert(0, chosen)
        if not packages:
            click.echo(f"No translation model installed in {shown(models.packages_dir())}.")
            click.echo("Install one with: digest model install  (or --from PATH|URL)")
            return
        rows = [("", "NAME", "VERSION", "FAMILY", "SIZE", "MODEL SHA256", "PATH")]
        for pkg in packages:
            mark = "*" if chosen and pkg.path == chosen.path else ""
            rows.append((mark, shown(pkg.path.name), shown(pkg.version), shown(families.describe(pkg)),
                         _size(pkg.size()), shown(models.model_hash(pkg)[:16]), shown(pkg.path)))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for row in rows:
            click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip())


@model.command(short_help="Remove an installed model.")
@click.argument("name")
def remove(name: str) -> None:
    """Remove an installed model by NAME (as `digest model list` shows it)."""
    from digest.translate import models

    with known_errors():
        pkg = models.remove(name)
    click.echo(f"removed {shown(pkg.label)} from {shown(pkg.path)}")


def _default_choice() -> Package | None:
    from digest.translate import models

    try:
        return models.find_package(config.model_choice(None).path)
    except DigestError:
        return None


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    size = n / 1024
    for unit in ("KB", "MB"):
        if size < 1024:
            return f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int | None], None] | None]:
    """A download progress callback: a bar on stderr when it is a terminal, else silent."""
    if not sys.stderr.isatty():
        yield None
        return
    bar: ProgressBar[int] | None = None

    def update(done: int, total: int | None) -> None:
        nonlocal bar
        if total is None:
            return  # no size from the server: nothing to measure progress against
        if bar is None:
            bar = click.progressbar(length=total, label="downloading", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
