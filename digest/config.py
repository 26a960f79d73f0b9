"""Settings, resolved once: the command line first, then the environment, then a default.

Every setting has one default, written here, and the run and `digest doctor` both ask
this module which model and glossary a run would use, and say where the choice came
from ("--glossary", "$DIGEST_GLOSSARY", ...) in their messages.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
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


def translates(lang: str) -> bool:
    """Whether a digest in this language needs the translation model."""
    return lang in ("en", "both")


def today() -> str:
    """The default run date: today, as YYYY-MM-DD."""
    return dt.date.today().isoformat()


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

    @property
    def translates(self) -> bool:
        return translates(self.lang)

    @property
    def date(self) -> str:
        """The briefing's date: run_date, else today."""
        return self.run_date or today()
