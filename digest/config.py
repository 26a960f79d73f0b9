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
from dataclasses import dataclass, field
from pathlib import Path

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


def model_choice(option: str | os.PathLike[str] | None) -> Choice:
    """--model, else $DIGEST_MODEL, else nothing (the installed package with the highest version)."""
    if option:
        return Choice(Path(option).expanduser(), "--model")
    from_env = os.environ.get(MODEL_ENV)
    if from_env:
        return Choice(Path(from_env).expanduser(), f"${MODEL_ENV}")
    return Choice(None)


def glossary_choice(option: str | os.PathLike[str] | None) -> Choice:
    """--glossary, else $DIGEST_GLOSSARY, else ./glossary.csv if present, else none."""
    if option:
        return Choice(Path(option), "--glossary")
    from_env = os.environ.get(GLOSSARY_ENV)
    if from_env:
        return Choice(Path(from_env), f"${GLOSSARY_ENV}")
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
# The settings a config file may hold, and their types: what a crontab line would
# otherwise repeat. Options on the command line win over these.
CONFIG_KEYS: dict[str, type | tuple[type, ...]] = {
    "sources": list, "lang": str, "format": str, "to": (str, list), "from": str, "subject": str,
    "out": str, "new": bool, "sendmail": bool, "delay": (int, float), "timezone": str,
}


def config_choice(option: str | os.PathLike[str] | None) -> Choice:
    """--config, else $DIGEST_CONFIG, else config.toml in the user's config dir if present."""
    if option:
        return Choice(Path(option).expanduser(), "--config")
    from_env = os.environ.get(CONFIG_ENV)
    if from_env:
        return Choice(Path(from_env).expanduser(), f"${CONFIG_ENV}")
    import platformdirs

    default = Path(platformdirs.user_config_dir("digest")) / CONFIG_NAME
    return Choice(default, str(default)) if default.is_file() else Choice(None)


def read_config_file(choice: Choice) -> dict[str, object]:
    """The settings in a TOML config file, checked; relative source paths are read from
    the file's directory. Raises UsageError (exit 2) with one line."""
    from digest.errors import UsageError

    if choice.path is None:
        return {}
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
    for key, value in data.items():
        expected = CONFIG_KEYS.get(key)
        if expected is None:
            raise UsageError(f"{name}: unknown setting {key!r} (known: {', '.join(CONFIG_KEYS)})")
        if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
            raise UsageError(f"{name}: {key!r} has the wrong type")
    sources = data.get("sources")
    if isinstance(sources, list):
        if not all(isinstance(item, str) for item in sources):
            raise UsageError(f"{name}: 'sources' must be a list of URLs and paths")
        data["sources"] = [_beside(choice.path, item) for item in sources]
    if isinstance(data.get("to"), list):
        data["to"] = ", ".join(map(str, data["to"]))  # type: ignore[call-overload,unused-ignore]
    return data


def file_settings(choice: Choice, on_command_line: set[str], keys: tuple[str, ...] | None = None) -> dict[str, object]:
    """The config file's settings that apply: those among `keys` (every key when None)
    that the command line did not give (`on_command_line`: config keys whose option was
    typed). Options on the command line win over the file; the file over the defaults.
    Raises UsageError for a bad file (read_config_file)."""
    settings = read_config_file(choice)
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


@dataclass(frozen=True)
class RunSettings:
    """Everything one `digest run` was asked to do, with the defaults above."""

    paths: tuple[str, ...]
    lang: str = DEFAULT_LANG
    out_dir: Path | None = None
    fmt: str = DEFAULT_FORMAT
    sentences: int = DEFAULT_SENTENCES
    full: bool = False
    explain: bool = False
    quiet: bool = False
    model: Choice = Choice(None)
    glossary: Choice = Choice(None)
    use_cache: bool = True
    device: str = DEFAULT_DEVICE  # as asked (auto|cpu|cuda); resolve_device() when the model loads
    force: bool = False
    wait: float = DEFAULT_WAIT_SECONDS
    run_date: str = ""  # YYYY-MM-DD; "" means today
    mail_to: str | None = None
    mail_from: str | None = None
    subject: str | None = None
    stories: bool = True  # group articles of one event (only when a run has more than one)
    story_sentences: int = DEFAULT_STORY_SENTENCES
    max_items: int | None = None  # at most this many briefing items (stories, or articles with --no-stories)
    new_only: bool = False  # --new: only what no earlier --new run briefed
    sendmail: bool = False  # hand the eml to `sendmail -t` instead of stdout
    fetch: FetchSettings = field(default_factory=lambda: FetchSettings())

    @property
    def translates(self) -> bool:
        return translates(self.lang)

    @property
    def date(self) -> str:
        """The briefing's date: run_date, else today."""
        return self.run_date or today()
