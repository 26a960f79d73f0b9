"""`digest doctor`: is everything a run (or the config file's job) needs ready? One
table, and the command that fixes each thing that is not.

Exit status: 0 when everything the given --lang needs is ready; otherwise 3 when the
model is what is missing, 2 for the config file or the glossary, 1 for the rest.
"""
from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from digest import config
from digest.commands.options import CONTEXT, device_option, glossary_option, lang_option, model_option, out_option
from digest.errors import EXIT_INPUT, EXIT_MODEL, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from digest.translate.models import Package

OK, MISSING, PROBLEM = "ok", "missing", "problem"


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # ok | missing | problem
    detail: str  # what was found, or the command to run to fix it
    needed: bool  # does a run with this --lang need it?
    exit_code: int = EXIT_INPUT

    @property
    def blocks(self) -> bool:
        return self.needed and self.status != OK


@click.command(context_settings=CONTEXT)
@lang_option("The --lang you will run with; --lang vi needs no model.")
@model_option
@device_option
@glossary_option
@out_option("Also check that this output directory can be written.")
@click.option("--config", "config_file", default=None, metavar="FILE",
              help=f"The config file to check (as for `digest run`; default ${config.CONFIG_ENV}, else the user's "
                   "config.toml): it must parse, and its job's delivery must work.")
@click.option("--job", default=None, metavar="NAME",
              help="Check the config file's [jobs.NAME] instead of its default job.")
@click.option("--network/--no-network", default=False,
              help="Also fetch each source of the job once, to check that it answers.")
@click.pass_context
def doctor(ctx: click.Context, lang: str, model: str | None, device: str, glossary: Path | None,
           out_dir: Path | None, config_file: str | None, job: str | None, network: bool) -> None:
    """Check the config file (it parses; its job), the model (present, loadable,
    hash), the glossary, the cache, the output directory and the job's delivery
    (the sendmail program runs, or the SMTP server takes the login; nothing is
    sent), and say what to run to fix what is not ready. --network also fetches
    each of the job's sources once.

    The cache is $DIGEST_CACHE_DIR, else ~/.cache/digest. Run doctor in the
    environment cron gives your job, with the PATH your crontab sets:

    \b
      env -i HOME=$HOME PATH=$PATH LANG=C digest doctor --lang en

    \b
    Exit status: 0 everything --lang needs is ready; 3 the model is not;
    2 the config file or the glossary is not; 1 the cache or --out directory is
    not writable, delivery would fail, or a source (feed or URL) failed 3 runs
    or more in a row (or, with --network, does not answer).
    """
    choice = config.config_choice(config_file)
    config_check, settings = check_config(choice, job)
    origin = f"config file {choice.path}"
    if ctx.get_parameter_source("lang") is not click.core.ParameterSource.COMMANDLINE:
        lang = str(settings.get("lang", lang))
    translates = config.translates(lang)
    checks = [
        config_check,
        check_model(config.model_choice(model, config.file_choice(settings, "model", origin)), needed=translates,
                    device=device),
        check_glossary(config.glossary_choice(glossary, config.file_choice(settings, "glossary", origin)),
                       needed=translates),
        check_cache(needed=translates),
    ]
    if out_dir is None and isinstance(settings.get("out"), str):
        out_dir = Path(str(settings["out"])).expanduser()
    if out_dir is not None:
        checks.append(check_out_dir(out_dir))
    delivery = check_delivery(settings)
    if delivery is not None:
        checks.append(delivery)
    checks.extend(check_sources())
    if network:
        sources = settings.get("sources")
        checks.extend(check_answers([str(s) for s in sources] if isinstance(sources, list) else []))
    click.echo(format_table(checks))
    sys.exit(exit_status(checks))


def exit_status(checks: list[Check]) -> int:
    blocking = [c.exit_code for c in checks if c.blocks]
    if not blocking:
        return EXIT_OK
    for code in (EXIT_MODEL, EXIT_USAGE):
        if code in blocking:
            return code
    return EXIT_INPUT


def format_table(checks: list[Check]) -> str:
    rows = [("CHECK", "STATUS", "DETAIL / FIX")]
    for check in checks:
        status = check.status if check.needed or check.status == OK else f"{check.status} (not needed)"
        rows.append((check.name, status, check.detail))
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return "\n".join(f"{r[0].ljust(widths[0])}  {r[1].ljust(widths[1])}  {r[2]}".rstrip() for r in rows)


# --- the checks -------------------------------------------------------------------------

INSTALL_FIX = "run: digest model install  (or pass --model PATH)"


def check_model(choice: config.Choice, needed: bool, device: str = config.DEFAULT_DEVICE) -> Check:
    from digest.errors import DigestError
    from digest.translate import families, models

    def fail(status: str, detail: str) -> Check:
        return Check("model", status, detail, needed, EXIT_MODEL)

    chosen = choice.path
    if chosen and not chosen.exists():
        return fail(MISSING, f"{chosen} ({choice.origin}): no such file or directory; {INSTALL_FIX}")
    if not chosen and not models.installed_packages():
        return fail(MISSING, f"none installed in {models.packages_dir()}; {INSTALL_FIX}")
    try:
        package = models.find_package(chosen)
        sha256 = models.model_hash(package)
        where = config.resolve_device(device)
        _load_and_translate(package, where)
    except DigestError as err:
        fix = "" if err.message.startswith(("--device", f"${config.COMPUTE_TYPE_ENV}")) else f"; {INSTALL_FIX}"
        return fail(PROBLEM, f"{err.message}{fix}")
    except OSError as err:  # e.g. an .argosmodel that can't be extracted into the cache
        return fail(PROBLEM, f"{err.filename or chosen}: {err.strerror or err}; {INSTALL_FIX}")
    found = (f"{package.label} ({families.describe(package)}) at {package.path} (model.bin sha256 {sha256[:16]}…), "
             f"loads and translates on {where}")
    return Check("model", OK, found, needed, EXIT_MODEL)


def _load_and_translate(package: Package, device: str) -> None:
    """Load the model and tokenizer and translate one sentence: proof that a run can."""
    from digest.errors import ModelError
    from digest.translate.engine import Engine, EngineOptions

    english = Engine(package, EngineOptions(device=device, compute_type=config.compute_type())).translate(["Xin chào."])
    if not english or not english[0].strip():
        raise ModelError(f"{package.path}: the model loads but gives empty translations")


def check_glossary(choice: config.Choice, needed: bool) -> Check:
    """The glossary is optional (without one the model alone translates names), but a
    named one that is missing or has problems stops a translating run."""
    from digest.errors import DigestError
    from digest.translate.glossary import Glossary, check_file

    path, how = choice.path, choice.origin
    if path is None:
        return Check("glossary", OK, "none (no --glossary, $DIGEST_GLOSSARY or ./glossary.csv): names are left "
                     "to the model; pass --glossary FILE to keep them exact", needed, EXIT_USAGE)
    if not path.is_file():
        return Check("glossary", MISSING, f"{path} ({how}): no such file; create it or pass --glossary FILE",
                     needed, EXIT_USAGE)
    try:
        problems = check_file(path)
        if not problems:
            count = len(Glossary.load(path))
            return Check("glossary", OK, f"{path} ({how}): {count} entries", needed, EXIT_USAGE)
    except DigestError as err:
        return Check("glossary", PROBLEM, err.message, needed, EXIT_USAGE)
    first = problems[0]
    more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
    return Check("glossary", PROBLEM, f"{path}:{first.line}: {first.message}{more}; "
                 f"run: digest glossary check {path}", needed, EXIT_USAGE)


def check_cache(needed: bool) -> Check:
    from digest.translate.cache import cache_dir

    directory = cache_dir()
    problem = _unwritable(directory)
    if problem:
        return Check("cache", PROBLEM, f"{problem}; set DIGEST_CACHE_DIR to a writable directory "
                     f"(or run with --no-cache)", needed)
    return Check("cache", OK, f"{directory} writable", needed)


def check_config(choice: config.Choice, job: str | None) -> tuple[Check, dict[str, object]]:
    """The config file parses, and (with --job) has that job; with its settings for the job."""
    from digest.errors import DigestError

    if choice.path is None:
        detail = f"none ({config.default_config_path()} absent, no --config, no ${config.CONFIG_ENV})"
        if job is not None:
            return Check("config", MISSING, f"{detail}; --job {job} needs one", True, EXIT_USAGE), {}
        return Check("config", OK, detail, True, EXIT_USAGE), {}
    try:
        read, settings = config.job_file_settings(choice, job)
    except DigestError as err:
        return Check("config", PROBLEM, err.message, True, EXIT_USAGE), {}
    sources = settings.get("sources")
    count = len(sources) if isinstance(sources, list) else 0
    what = (f"job {job}" if job else "default job") + f": {count} source{'' if count == 1 else 's'}"
    if read.jobs and job is None:
        what += f"; named jobs: {', '.join(sorted(read.jobs))}"
    return Check("config", OK, f"{read.origin}: parses; {what}", True, EXIT_USAGE), settings


def check_delivery(settings: dict[str, object]) -> Check | None:
    """How the job mails its briefing, if it does: the sendmail program is there and runs,
    or the SMTP server answers, upgrades to TLS and takes the login (nothing is sent)."""
    import os
    import shutil

    smtp = settings.get("smtp") or None
    if not config.job_mails(settings.get("sendmail"), smtp):
        return None
    if not settings.get("to"):
        return Check("delivery", PROBLEM, "the job mails but has no 'to' address; add to = [\"you@example.org\"]",
                     True, EXIT_USAGE)
    if isinstance(smtp, str):
        from digest import deliver
        from digest.errors import DigestError

        try:
            return Check("delivery", OK, f"SMTP: {deliver.check_smtp(smtp)} (nothing sent), to {settings['to']}",
                         True)
        except DigestError as err:
            return Check("delivery", PROBLEM, err.message, True, err.exit_code)
    program = config.sendmail_program()
    if program is None:
        return Check("delivery", MISSING, f"no sendmail program found: install one (msmtp-mta, nullmailer, "
                     f"postfix) or set ${config.SENDMAIL_ENV}", True)
    found = shutil.which(program)
    if found is None or not os.access(found, os.X_OK):
        return Check("delivery", PROBLEM, f"{program}: not found or not executable (${config.SENDMAIL_ENV} or the "
                     "PATH cron gives the job)", True)
    return Check("delivery", OK, f"sendmail: {found} -t, to {settings['to']}", True)


def check_answers(sources: list[str]) -> list[Check]:
    """--network: each URL source fetched once (robots.txt and all, as a run would)."""
    from digest.errors import InputError
    from digest.fetch import Fetcher, FetchOptions, RobotsSkip
    from digest.sources import is_url

    urls = [name for name in sources if is_url(name)]
    if not urls:
        return []
    with Fetcher(FetchOptions(delay=0.0)) as fetcher:
        pages = fetcher.get_many(urls)
    checks = []
    for url, page in zip(urls, pages, strict=True):
        if isinstance(page, InputError):
            checks.append(Check("source", PROBLEM, page.message, True))
        elif isinstance(page, RobotsSkip):
            checks.append(Check("source", PROBLEM, f"{url}: robots.txt disallows digest", True))
        else:
            checks.append(Check("source", OK, f"{url}: answers ({len(page.body):,} bytes, {page.content_type})", True))
    return checks


def check_sources() -> list[Check]:
    """One line per URL (feed or page) that failed the last store.FAILING_RUNS runs or
    more in a row: a feed that moved or died shouldn't go unnoticed under cron."""
    from digest import store

    if not store.State.exists():
        return []
    try:
        with store.State() as state:
            failing = list(state.failing_feeds())
    except store.StateError as err:  # locked, unreadable: the run would stop on it too
        return [Check("seen store", PROBLEM, err.message, True)]
    return [Check("source", PROBLEM, f"{url}: failed {runs} runs in a row (last: {error}); "
                  "check the address or remove it from your sources", True)
            for url, runs, error in failing]


def check_out_dir(out_dir: Path) -> Check:
    problem = _unwritable(out_dir)
    if problem:
        return Check("output", PROBLEM, f"{problem}; choose another --out DIR", True)
    note = "" if out_dir.is_dir() else " (will be created)"
    return Check("output", OK, f"{out_dir} writable{note}", True)


def _unwritable(directory: Path) -> str | None:
    """Why files can't be written in directory (created by the run if missing), or None.

    Tried for real with a temporary file: permission bits say nothing to root, nor
    about read-only mounts or a full disk."""
    existing = directory
    while not existing.exists():
        if existing.parent == existing:
            break
        existing = existing.parent
    if not existing.is_dir():
        return f"{existing}: is a file, not a directory"
    try:
        with tempfile.TemporaryFile(dir=existing, prefix=".digest-doctor-") as probe:
            probe.write(b"ok")
            probe.flush()
    except OSError as err:
        return f"{existing}: not writable ({err.strerror or err})"
    return None
