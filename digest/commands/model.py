"""`digest model install|list|remove`: manage Argos vi→en translation packages."""
from __future__ import annotations

import sys
from contextlib import contextmanager

import click

from digest.commands import known_errors
from digest.errors import DigestError


@click.group()
def model():
    """Install, list and remove translation models (Argos packages)."""


@model.command()
@click.option("--from", "source", metavar="PATH|URL",
              help="Install this .argosmodel instead of the official translate-vi_en-1_9.")
@click.option("--sha256", metavar="HEX", help="Refuse the package unless its SHA-256 is this.")
def install(source, sha256):
    """Download, verify and install a vi→en model (the only command that uses the network)."""
    from digest.translate import models

    with known_errors("interrupted; nothing installed"), _progress_bar() as progress:
        done = models.install(source, sha256, progress)
    pkg = done.package
    verb = "replaced" if done.replaced else "installed"
    click.echo(f"{verb} {pkg.label} in {pkg.path} (sha256 {done.sha256})")


@model.command("list")
def list_models():
    """Installed vi→en models; the first one is used unless --model or DIGEST_MODEL says otherwise."""
    from digest.translate import models

    with known_errors():
        packages = models.installed_packages()
        if not packages:
            click.echo(f"No translation model installed in {models.packages_dir()}.")
            click.echo("Install one with: digest model install  (or --from PATH|URL)")
            return
        chosen = _default_choice(models)
        rows = [("", "NAME", "VERSION", "SIZE", "MODEL SHA256", "PATH")]
        for pkg in packages:
            mark = "*" if chosen and pkg.path == chosen.path else ""
            rows.append((mark, pkg.path.name, pkg.version, _size(pkg.size()),
                         models.model_hash(pkg)[:16], str(pkg.path)))
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        for row in rows:
            click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


@model.command()
@click.argument("name")
def remove(name):
    """Remove an installed model by NAME (as `digest model list` shows it)."""
    from digest.translate import models

    with known_errors():
        pkg = models.remove(name)
    click.echo(f"removed {pkg.label} from {pkg.path}")


def _default_choice(models):
    try:
        return models.find_package()
    except DigestError:
        return None


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024


@contextmanager
def _progress_bar():
    """A download progress callback: a bar on stderr when it is a terminal, else silent."""
    if not sys.stderr.isatty():
        yield None
        return
    bar = None

    def update(done: int, total: int | None):
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
