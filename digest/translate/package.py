"""The Package: one vi→en model as digest runs it, whatever its family.

Its own module so that digest.translate.models (Argos packages) and
digest.translate.families (plain CTranslate2 directories) both build it without
importing each other.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digest import statefile

MAX_METADATA_BYTES = 1 << 20  # metadata.json, settings.json or config.json past this is not one


@dataclass(frozen=True)
class Package:
    path: Path
    name: str  # metadata "name", else the directory name
    version: str
    from_code: str
    to_code: str
    target_prefix: str
    tokenizer: Path
    # Other families (see digest.translate.families); the defaults are an Argos package's.
    family: str = "argos"
    source_prefix: tuple[str, ...] = ()  # tokens before each sentence's pieces, e.g. ("vie_Latn",)
    source_suffix: tuple[str, ...] = ()  # tokens after them, e.g. ("</s>",)
    target_tokenizer: Path | None = None  # decodes the English when it differs (OPUS-MT's target.spm)
    model_path: Path | None = None  # the CTranslate2 directory; None: path / "model"

    @property
    def model_dir(self) -> Path:
        return self.model_path or self.path / "model"

    @property
    def label(self) -> str:
        """How a digest names the model it used, e.g. "vi_en_test 0.1"."""
        return f"{self.name} {self.version}".strip()

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())


def read_json(path: Path, limit: int = MAX_METADATA_BYTES) -> object:
    """A metadata, settings or config file of a package (digest.statefile.read_json, at
    most MAX_METADATA_BYTES)."""
    return statefile.read_json(path, limit)
