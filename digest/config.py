"""Settings, resolved once: the command line first, then the environment, then a default.

Every setting has one default, written here, and the run and `digest doctor` both ask
this module which model and glossary a run would use, and say where the choice came
from ("--glossary", "$DIGEST_GLOSSARY", ...) in their messages.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

LANGS = ("vi", "en", "both")
DEVICES = ("auto", "cpu", "cuda")
DEFAULT_DEVICE = "cpu"
DEFAULT_LANG = "en"
DEFAULT_FORMAT = "md"
DEFAULT_SENTENCES = 3
DEFAULT_STORY_SENTENCES = 5
DEFAULT_WAIT_SECONDS = 0.0
LOCAL_GLOSSARY = Path("glossary.csv")  # used when present in the working directory

MODEL_ENV = "DIGEST_MODEL"
GLOSSARY_ENV = "DIGEST_GLOSSARY"
COMPUTE_TYPE_ENV = "DIGEST_COMPUTE_TYPE"
# CTranslate2's compute types; int8 is fastest on a CPU. Another type changes the model's
# arithmetic, so its English can differ in a word here and there (as another CPU's can).
COMPUTE_TYPES = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float32", "float16",
                 "bfloat16", "default", "auto")
DEFAULT_COMPUTE_TYPE = "int8"


@dataclass(frozen=True)
class Choice:
    """A file the run will use, and where that choice came from (for messages)."""

    path: Path | None  # None: nothing chosen (for the model: the installed default)
    origin: str = ""  # "--model", "$DIGEST_MODEL", "./glossary.csv", ... ; "" for none

    def __bool__(self) -> bool:
        return self.path is not None


def model_choice(option: str | os.PathLike[str] | None, from_file: Choice = Choice(None)) -> Choice:
    """--model, else $DIGEST_MODEL, else the config file's, else nothing (the installed
    package with the highest version)."""
    if option:
        return Choice(Path(option).expanduser(), "--model")
    from_env = os.environ.get(MODEL_ENV)
    if from_env:
        return Choice(Path(from_env).expanduser(), f"${MODEL_ENV}")
    return from_file


def glossary_choice(option: str | os.PathLike[str] | None, from_file: Choice = Choice(None)) -> Choice:
    """--glossary, else $DIGEST_GLOSSARY, else the config file's, else ./glossary.csv if
    present, else none."""
    if option:
        return Choice(Path(option), "--glossary")
    from_env = os.environ.get(GLOSSARY_ENV)
    if from_env:
        return Choice(Path(from_env), f"${GLOSSARY_ENV}")
    if from_file:
        return from_file
    if LOCAL_GLOSSARY.is_file():
        return Choice(LOCAL_GLOSSARY, f"./{LOCAL_GLOSSARY}")
    return Choice(None)


def resolve_device(choice: str) -> str:
    """The CTranslate2 device for --device: "cpu" as asked; "cuda" when CTranslate2 sees a
    CUDA device (--device auto falls back to "cpu" when it sees none; --device cuda is then
    a ModelError, exit 3). Asked only by a run that translates: it loads ctranslate2."""
    if choice == "cpu":
        return "cpu"
    import ctranslate2

    try:
        cuda_devices = int(ctranslate2.get_cuda_device_count())
    except RuntimeError:  # a driver that can't be queried counts as none
        cuda_devices = 0
    if cuda_devices > 0:
        return "cuda"
    if choice == "auto":
        return "cpu"
    from digest.errors import ModelError

    raise ModelError("--device cuda: CTranslate2 sees no CUDA device (no GPU, no NVIDIA driver, or a build "
                     "without CUDA); use --device cpu or --device auto")


# --- the environment: every variable digest reads is read here -------------------------

DATA_ENV = "DIGEST_DATA_DIR"
CACHE_ENV = "DIGEST_CACHE_DIR"
SENDMAIL_ENV = "DIGEST_SENDMAIL"
DEBUG_ENV = "DIGEST_DEBUG"


def data_dir() -> Path:
    """Where the archive of fetched pages and the seen store live: $DIGEST_DATA_DIR, else
    the platform's user data dir (~/.local/share/digest)."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("digest"))


def cache_dir() -> Path:
    """digest's cache dir: $DIGEST_CACHE_DIR, else the platform's user cache dir."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("digest"))


def debug_from_env() -> bool:
    """DIGEST_DEBUG=1 (for cron, where no --debug is typed): show tracebacks."""
    return os.environ.get(DEBUG_ENV, "").strip().lower() not in ("", "0", "no", "false", "off")


def sendmail_program() -> str | None:
    """$DIGEST_SENDMAIL, else `sendmail` on the PATH or in its usual places, else None."""
    import shutil

    return os.environ.get(SENDMAIL_ENV) or shutil.which("sendmail") or next(
        (p for p in ("/usr/sbin/sendmail", "/usr/lib/sendmail") if os.access(p, os.X_OK)), None)


SMTP_PASSWORD_ENV = "DIGEST_SMTP_PASSWORD"


def smtp_password_from_env() -> str | None:
    """$DIGEST_SMTP_PASSWORD: the SMTP password (never an option: it would show in `ps`)."""
    return os.environ.get(SMTP_PASSWORD_ENV) or None


def netrc_path() -> Path:
    """~/.netrc (or $NETRC, as curl and Python's netrc read it): the other place an SMTP password may be."""
    return Path(os.environ.get("NETRC") or Path.home() / ".netrc")


def argos_packages_override() -> str | None:
    """$ARGOS_PACKAGES_DIR, as argostranslate reads it."""
    return os.environ.get("ARGOS_PACKAGES_DIR") or None


def argos_home() -> Path:
    """The home argostranslate's settings start from (a snap's own data dir inside a snap)."""
    return Path(os.environ["SNAP_USER_DATA"]) if "SNAP" in os.environ else Path.home()


def argos_data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or argos_home() / ".local" / "share")


def argos_config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or argos_home() / ".config")


def malloc_trim_set() -> bool:
    """Whether this process was started with glibc's MALLOC_TRIM_THRESHOLD_ (Dask's nanny
    sets it for its workers: see digest.batch)."""
    return "MALLOC_TRIM_THRESHOLD_" in os.environ


def compute_type() -> str:
    """$DIGEST_COMPUTE_TYPE, else int8; a name CTranslate2 doesn't know is a ModelError (exit 3)."""
    value = os.environ.get(COMPUTE_TYPE_ENV, "").strip()
    if not value:
        return DEFAULT_COMPUTE_TYPE
    if value not in COMPUTE_TYPES:
        from digest.errors import ModelError

        raise ModelError(f"${COMPUTE_TYPE_ENV}: unknown compute type {value!r} (one of {', '.join(COMPUTE_TYPES)})")
    return value


CONFIG_ENV = "DIGEST_CONFIG"
CONFIG_NAME = "config.toml"
# What a config file may hold, and the types. Neutral settings are preferences that apply
# to every run (`digest seeds/` included); job settings describe the default job, which
# bare `digest` runs, so that a config made for cron never takes over a run typed by hand
# (issue 20). `[jobs.NAME]` tables hold named jobs (`digest --job NAME`), each with job
# settings and, if it likes, neutral ones of its own. Options typed on the command line
# win over both.
NEUTRAL_KEYS: dict[str, type | tuple[type, ...]] = {
    "lang": str, "format": str, "glossary": str, "model": str, "delay": (int, float), "timezone": str,
}
JOB_KEYS: dict[str, type | tuple[type, ...]] = {
    "sources": list, "new": bool, "sendmail": bool, "smtp": str, "to": (str, list), "from": str, "subject": str,
    "out": str, "max_items": int,
}
CONFIG_KEYS = {**NEUTRAL_KEYS, **JOB_KEYS}
JOBS_TABLE = "jobs"
_PATH_KEYS = ("glossary", "model", "out")  # read from the file's directory when relative


@dataclass(frozen=True)
class ConfigFile:
    """A config file, checked: its neutral settings, its default job and its named jobs."""

    origin: str = ""  # how messages name it; "" when there is none
    neutral: dict[str, object] = field(default_factory=dict)
    default_job: dict[str, object] = field(default_factory=dict)
    jobs: dict[str, dict[str, object]] = field(default_factory=dict)

    def settings(self, job: str | None = None, inputs_given: bool = False) -> dict[str, object]:
        """The settings a run takes from the file: the neutral ones, and the job's: the
        named job's when `job` is given, else the default job's unless the command line
        gave inputs of its own. Raises UsageError for a job the file doesn't have."""
        from digest.errors import UsageError

        if job is None:
            return {**self.neutral, **({} if inputs_given else self.default_job)}
        if job not in self.jobs:
            known = ", ".join(sorted(self.jobs)) or "none"
            where = self.origin or "no config file"
            raise UsageError(f"--job {job}: {where} has no [jobs.{job}] (jobs: {known})")
        return {**self.neutral, **self.jobs[job]}


def config_choice(option: str | os.PathLike[str] | None) -> Choice:
    """--config, else $DIGEST_CONFIG, else config.toml in the user's config dir if present."""
    if option:
        return Choice(Path(option).expanduser(), "--config")
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return Choice(Path(from_env).expanduser(), f"${CONFIG_ENV}")
    default = default_config_path()
    return Choice(default, str(default)) if default.is_file() else Choice(None)


def default_config_path() -> Path:
    """config.toml in the user's config dir (~/.config/digest/config.toml on Linux)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("digest")) / CONFIG_NAME


def read_config_file(choice: Choice) -> ConfigFile:
    """The settings in a TOML config file, checked; relative paths (sources, glossary,
    model, out) are read from the file's directory. Raises UsageError (exit 2) with one line."""
    from digest.errors import UsageError

    if choice.path is None:
        return ConfigFile()
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    name = choice.origin if choice.origin.startswith("$") else str(choice.path)
    try:
        data: dict[str, object] = tomllib.loads(choice.path.read_text("utf-8"))
    except OSError as err:
        raise UsageError(f"{name}: cannot read the config file ({err.strerror or err})") from None
    except (UnicodeError, tomllib.TOMLDecodeError) as err:
        raise UsageError(f"{name}: not a valid TOML config file ({err})") from None
    jobs = data.pop(JOBS_TABLE, {})
    if not isinstance(jobs, dict) or not all(isinstance(table, dict) for table in jobs.values()):
        raise UsageError(f"{name}: 'jobs' must hold tables: [jobs.NAME]")
    top = _checked(data, name, choice.path)
    named = {job: _checked(dict(table), f"{name}: [jobs.{job}]", choice.path) for job, table in jobs.items()}
    return ConfigFile(name, {k: v for k, v in top.items() if k in NEUTRAL_KEYS},
                      {k: v for k, v in top.items() if k in JOB_KEYS}, named)


def _checked(data: dict[str, object], name: str, path: Path) -> dict[str, object]:
    from digest.errors import UsageError

    for key, value in data.items():
        expected = CONFIG_KEYS.get(key)
        if expected is None:
            raise UsageError(f"{name}: unknown setting {key!r} (known: {', '.join(CONFIG_KEYS)}, [jobs.NAME])")
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise UsageError(f"{name}: {key!r} has the wrong type")
    sources = data.get("sources")
    if isinstance(sources, list):
        if not all(isinstance(item, str) for item in sources):
            raise UsageError(f"{name}: 'sources' must be a list of URLs and paths")
        data["sources"] = [_beside(path, item) for item in sources]
    for key in _PATH_KEYS:
        if isinstance(data.get(key), str):
            data[key] = _beside(path, str(data[key]))
    if isinstance(data.get("to"), list):
        data["to"] = ", ".join(map(str, data["to"]))  # type: ignore[call-overload,unused-ignore]
    if data.get("lang", LANGS[0]) not in LANGS:
        raise UsageError(f"{name}: 'lang' must be one of {', '.join(LANGS)}")
    max_items = data.get("max_items")
    if isinstance(max_items, int) and max_items < 1:
        raise UsageError(f"{name}: 'max_items' must be 1 or more")
    return data


def file_settings(choice: Choice, on_command_line: set[str], keys: tuple[str, ...] | None = None,
                  job: str | None = None, inputs_given: bool = False) -> dict[str, object]:
    """The config file's settings that apply to a run (ConfigFile.settings): those among
    `keys` (every key when None) that the command line did not give (`on_command_line`:
    config keys whose option was typed). Options on the command line win over the file;
    the file over the defaults. Raises UsageError for a bad file or an unknown job."""
    settings = read_config_file(choice).settings(job, inputs_given)
    return {key: value for key, value in settings.items()
            if (keys is None or key in keys) and key not in on_command_line}


def read_sources_file(path: Path) -> list[str]:
    """--sources FILE: URLs and paths, one a line, '#' starts a comment; a relative path
    is read from the file's directory. Raises UsageError."""
    from digest.errors import UsageError

    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text("utf-8")
    except (OSError, UnicodeError) as err:
        raise UsageError(f"{path}: cannot read the sources file ({getattr(err, 'strerror', None) or err})") from None
    names = []
    for line in text.splitlines():
        # '#' after a space (or first) starts a comment; a URL's own fragment has none before it
        name = re.split(r"(?:^|\s)#", line, maxsplit=1)[0].strip()
        if name:
            names.append(_beside(path, name))
    return names


def _beside(anchor: Path, name: str) -> str:
    from digest.sources import is_url

    if is_url(name) or name == "-":
        return name
    path = Path(name).expanduser()
    return str(path if path.is_absolute() or str(anchor) == "-" else anchor.parent / path)


def translates(lang: str) -> bool:
    """Whether a digest in this language needs the translation model."""
    return lang in ("en", "both")


def today(timezone: str | None = None) -> str:
    """The default run date: today where the reader is (the system's time zone, or
    `timezone`, an IANA name such as "Asia/Ho_Chi_Minh"), as YYYY-MM-DD."""
    if not timezone:
        return dt.date.today().isoformat()
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo(timezone)).date().isoformat()


@dataclass(frozen=True)
class FetchSettings:
    """How URLs are fetched (digest.fetch.FetchOptions takes these)."""

    delay: float = 1.0  # seconds between two requests to one host
    concurrency: int = 16  # hosts fetched at once
    timeout: float = 60.0  # one request, start to last byte
    offline: bool = False  # URLs from the archive only


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What shapes a digest, for every command that makes digests (`digest run`, `digest
    batch` and its workers): one home for these settings, and one fingerprint of them."""

    lang: str = DEFAULT_LANG
    sentences: int = DEFAULT_SENTENCES
    full: bool = False
    model: Choice = Choice(None)
    glossary: Choice = Choice(None)
    use_cache: bool = True
    device: str = DEFAULT_DEVICE  # as asked (auto|cpu|cuda); resolve_device() when the model loads
    run_date: str = ""  # YYYY-MM-DD; "" means today

    @property
    def translates(self) -> bool:
        return translates(self.lang)

    @property
    def date(self) -> str:
        """The run's date: run_date, else today."""
        return self.run_date or today()

    def shared(self) -> Settings:
        """These settings alone (of a RunSettings or BatchSettings, without the rest)."""
        return Settings(**{f.name: getattr(self, f.name) for f in fields(Settings)})

    def record(self, identity: str) -> dict[str, object]:
        """What a reader of a manifest wants to know of them; `identity` is the translator's
        (the model's and glossary's hashes; "" when nothing is translated)."""
        return {"lang": self.lang, "sentences": self.sentences, "full": self.full,
                "run_date": self.date, "model": _path_text(self.model.path),
                "glossary": _path_text(self.glossary.path), "identity": identity}

    @classmethod
    def from_record(cls, record: dict[str, object], origin: str) -> Settings:
        """The settings a manifest's record() was written from (ValueError for one that isn't)."""
        lang, sentences, run_date = record.get("lang"), record.get("sentences"), record.get("run_date")
        if lang not in LANGS or not isinstance(sentences, int) or not isinstance(run_date, str):
            raise ValueError("not the settings of a digest batch")
        model, glossary = record.get("model"), record.get("glossary")
        return cls(lang=str(lang), sentences=sentences, full=bool(record.get("full")), run_date=run_date,
                   model=Choice(Path(model), origin) if isinstance(model, str) else Choice(None),
                   glossary=Choice(Path(glossary), origin) if isinstance(glossary, str) else Choice(None))

    def fingerprint(self, identity: str, **shaping: object) -> str:
        """One hash of everything besides an input's own text that shapes what digest makes
        of it: record() (the model and glossary by their contents, `identity`, not by their
        paths) and what the caller adds (digest's version; a run's format and --explain; a
        batch's partition size and record schema). The device, threads and cache don't
        change the English."""
        import hashlib
        import json

        record = {**self.record(identity), **shaping}
        del record["model"], record["glossary"]
        return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()


def _path_text(path: Path | None) -> str | None:
    """A path as a manifest keeps it: absolute (workers and later runs start elsewhere)."""
    return None if path is None else os.path.abspath(path)


@dataclass(frozen=True, kw_only=True)
class RunSettings(Settings):
    """Everything one `digest run` was asked to do, with the defaults above."""

    paths: tuple[str, ...]
    out_dir: Path | None = None
    fmt: str = DEFAULT_FORMAT
    explain: bool = False
    quiet: bool = False
    force: bool = False
    wait: float = DEFAULT_WAIT_SECONDS
    mail_to: str | None = None
    mail_from: str | None = None
    subject: str | None = None
    stories: bool = True  # group articles of one event (only when a run has more than one)
    story_sentences: int = DEFAULT_STORY_SENTENCES
    max_items: int | None = None  # at most this many briefing items (stories, or articles with --no-stories)
    new_only: bool = False  # --new: only what no earlier --new run briefed
    sendmail: bool = False  # mail the eml (by `sendmail -t`, or by SMTP when smtp is set) instead of stdout
    smtp: str | None = None  # smtp://[user@]host[:port] or smtps://...: mail through this server
    fetch: FetchSettings = field(default_factory=lambda: FetchSettings())
    job: str | None = None  # the config file's job this run is ("" the default job; None: none)


# --- one run's settings: the command line, the environment, the config file, the defaults ---

# The config file's keys and the `digest run` options that give them on the command line.
RUN_OPTIONS = {"lang": "lang", "format": "fmt", "glossary": "glossary", "model": "model", "delay": "delay",
               "timezone": "timezone", "sources": "paths", "new": "new_only", "sendmail": "sendmail",
               "smtp": "smtp", "to": "mail_to", "from": "mail_from", "subject": "subject", "out": "out_dir",
               "max_items": "max_items"}


def resolve_run(params: dict[str, Any], typed: set[str], formats: dict[str, Any]) -> RunSettings:
    """A `digest run`'s settings from click's `params` (option name -> value), `typed`
    (the config keys whose option was typed) and the render formats (name -> Format).

    The config file's neutral settings apply to every run; its default job only to a run
    without inputs of its own, a named job to `--job NAME`. What the command line typed
    wins, and a typed output (--format, --out) overrides the job's mail delivery rather
    than clash with it. Raises UsageError with one line."""
    from digest.errors import UsageError

    job: str | None = params.get("job")
    sources_file: Path | None = params.get("sources_file")
    inputs_given = bool(params["paths"]) or sources_file is not None
    if job is not None and inputs_given:
        raise UsageError(f"--job {job} runs the job's own sources; give no PATH or --sources")
    choice = config_choice(params.get("config_file"))
    read = read_config_file(choice)
    given = {key: value for key, value in read.settings(job, inputs_given).items() if key not in typed}
    value = {**params, **{RUN_OPTIONS[key]: item for key, item in given.items()}}
    paths = tuple(params["paths"]) + tuple(
        read_sources_file(sources_file) if sources_file is not None else value["paths"] if "sources" in given else ())
    if not paths:
        raise UsageError("Missing argument 'PATH...' (files, directories or URLs; or --sources FILE, or sources "
                         "in the config file); see 'digest run --help'")
    fmt, mail_to = str(value["fmt"]), value["mail_to"]
    if fmt not in formats:
        raise UsageError(f"{read.origin}: 'format' must be one of {', '.join(formats)}")
    output_typed = ("format" in typed and fmt != "eml") or "out" in typed
    mails = job_mails(params["sendmail"] if "sendmail" in typed else given.get("sendmail"), value["smtp"])
    if mails and output_typed and not ({"sendmail", "smtp"} & typed):
        mails = False  # the job mails; this run typed where its output goes instead
    if mails:
        if "format" in typed and fmt != "eml":
            raise UsageError(f"--sendmail sends an eml message; it can't be used with --format {fmt}")
        if "out" in typed:
            raise UsageError("--sendmail sends one message; it can't be used with --out")
        fmt = "eml"
    out_dir = value["out_dir"]
    form = formats[fmt]
    if "format" in given and not mails and ((out_dir is not None and not form.per_article)
                                            or (form.needs_recipient and not mail_to)):
        fmt, form = DEFAULT_FORMAT, formats[DEFAULT_FORMAT]  # the file's eml is for mail, not for this run
    if form.needs_recipient and not mail_to:
        raise UsageError("--sendmail needs --to ADDRESS" if mails else f"--format {fmt} needs --to ADDRESS")
    if out_dir is not None and not form.per_article:
        raise UsageError(f"--format {fmt} writes one message on stdout; it can't be used with --out")
    return RunSettings(
        paths=paths, lang=str(value["lang"]), out_dir=None if out_dir is None else Path(out_dir).expanduser(),
        fmt=fmt, sentences=params["sentences"], full=params["full"], explain=params["explain"],
        quiet=params["quiet"], model=model_choice(params["model"], file_choice(given, "model", read.origin)),
        glossary=glossary_choice(params["glossary"], file_choice(given, "glossary", read.origin)),
        use_cache=params["cache"], device=params["device"], force=params["force"], wait=params["wait"],
        run_date=params["run_date"] or today(value["timezone"]), mail_to=mail_to, mail_from=value["mail_from"],
        subject=value["subject"], stories=params["stories"], story_sentences=params["story_sentences"],
        max_items=value["max_items"], new_only=bool(value["new_only"]), sendmail=mails,
        smtp=value["smtp"] if mails else None,
        fetch=FetchSettings(delay=float(value["delay"]), offline=params["offline"]),
        job=job if job is not None else "" if not inputs_given and read.default_job else None,
    )


def job_file_settings(choice: Choice, job: str | None) -> tuple[ConfigFile, dict[str, object]]:
    """The config file, and the settings its default job (or [jobs.NAME]) runs with."""
    read = read_config_file(choice)
    return read, read.settings(job)


def job_mails(sendmail: object, smtp: object) -> bool:
    """Whether a run mails its briefing: as --sendmail/--no-sendmail or the config file's
    `sendmail` say, when one of them says it (None: neither does); else when an SMTP
    server is named (`--smtp URL` alone mails)."""
    return bool(sendmail) if sendmail is not None else smtp is not None


def job_sources(config_file: str | None, job: str | None) -> tuple[str, ...]:
    """The sources of the config file's default job, or of [jobs.NAME]. Raises UsageError."""
    _, settings = job_file_settings(config_choice(config_file), job)
    sources = settings.get("sources")
    return tuple(sources) if isinstance(sources, list) else ()


def file_choice(given: dict[str, object], key: str, origin: str) -> Choice:
    """The config file's model or glossary (`key`) as a Choice, if `given` holds it."""
    value = given.get(key)
    return Choice(Path(str(value)).expanduser(), f"{origin}: {key}") if isinstance(value, str) else Choice(None)
