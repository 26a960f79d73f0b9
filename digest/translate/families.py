"""Model families besides Argos packages: plain CTranslate2 model directories that
--model can name, run through the same engine (pieces, length-sorted batches, target
prefix), glossary, cache and flags.

The families differ only in their tokenizer files and the tokens around a sentence:

  nllb      NLLB-200, e.g. facebook/nllb-200-distilled-600M converted by
            ct2-transformers-converter (model.bin, config.json, shared_vocabulary.json)
            with its sentencepiece.bpe.model copied beside them. A sentence is sent as
            ["vie_Latn", *pieces, "</s>"] and decoded after the target prefix
            ["eng_Latn"], as transformers' NllbTokenizer (non-legacy) and CTranslate2's
            NLLB guide do it.
  opus-mt   Marian OPUS-MT, e.g. Helsinki-NLP/opus-mt-vi-en converted by
            ct2-transformers-converter or ct2-opus-mt-converter, with source.spm and
            target.spm: [*pieces, "</s>"] in, no target prefix, target.spm decodes.

Any of them, or another CTranslate2 encoder-decoder, can be described instead by a
digest-model.json in the directory (documented in docs/models.md):

    {"family": "nllb", "source_token": "vie_Latn", "target_prefix": "eng_Latn",
     "tokenizer": "sentencepiece.bpe.model"}

"</s>" is appended unless the model's config.json has add_source_eos (the Marian
converter sets it: then CTranslate2 appends it itself, and twice would be wrong).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from digest.errors import ModelError
from digest.translate.package import Package, read_json

METADATA_FILE = "digest-model.json"
EOS = "</s>"


@dataclass(frozen=True)
class Family:
    name: str
    title: str  # how messages name it
    tokenizer: str  # file name in the model directory
    target_tokenizer: str | None = None
    source_token: str | None = None
    target_prefix: str = ""


FAMILIES = {
    "nllb": Family("nllb", "NLLB-200", "sentencepiece.bpe.model", source_token="vie_Latn",
                   target_prefix="eng_Latn"),
    "opus-mt": Family("opus-mt", "OPUS-MT", "source.spm", target_tokenizer="target.spm"),
    "custom": Family("custom", "CTranslate2", "sentencepiece.model"),
}

NOT_RECOGNIZED = (
    "a CTranslate2 model, but not one digest recognizes (NLLB-200 needs sentencepiece.bpe.model, "
    f"OPUS-MT source.spm and target.spm); describe it in {METADATA_FILE} (see docs/models.md)"
)


def read_model_dir(path: Path, shown_as: str | None = None) -> Package:
    """The Package for a plain CTranslate2 model directory (model.bin at its top)."""
    where = shown_as or str(path)
    described = path / METADATA_FILE
    if described.exists():
        meta = _read_json(described, where)
        family = FAMILIES.get(str(meta.get("family") or "custom"))
        if family is None:
            raise ModelError(f"{where}: {METADATA_FILE}: unknown family {meta.get('family')!r} "
                             f"(one of {', '.join(FAMILIES)})")
        family = _described(family, meta, where)
    elif (path / FAMILIES["nllb"].tokenizer).is_file():
        family, meta = FAMILIES["nllb"], {}
    elif (path / "source.spm").is_file() and (path / "target.spm").is_file():
        family, meta = FAMILIES["opus-mt"], {}
    elif (path / "tokenizer.json").is_file():
        raise ModelError(f"{where}: has tokenizer.json only; copy the model's SentencePiece file beside "
                         "model.bin (NLLB-200: sentencepiece.bpe.model, e.g. ct2-transformers-converter "
                         "--copy_files sentencepiece.bpe.model)")
    else:
        raise ModelError(f"{where}: {NOT_RECOGNIZED}")
    return _package(path, where, family, meta)


def _described(preset: Family, meta: dict[str, Any], where: str) -> Family:
    """The preset, with what digest-model.json says instead."""
    def text(key: str) -> str | None:
        value = meta.get(key)
        if isinstance(value, list) and len(value) == 1:  # ["eng_Latn"], as translate_batch takes it
            value = value[0]
        if value is not None and not isinstance(value, str):
            raise ModelError(f"{where}: {METADATA_FILE}: {key} must be a string")
        return value

    changes: dict[str, Any] = {}
    for key in ("tokenizer", "target_tokenizer", "source_token", "target_prefix"):
        if key in meta:
            changes[key] = text(key) or ("" if key == "target_prefix" else None)
    family = replace(preset, **changes)
    if not family.tokenizer:
        raise ModelError(f"{where}: {METADATA_FILE}: no tokenizer file named")
    return family


def _package(path: Path, where: str, family: Family, meta: dict[str, Any]) -> Package:
    tokenizer = path / family.tokenizer
    if not tokenizer.is_file():
        raise ModelError(f"{where}: {family.title} model has no tokenizer ({family.tokenizer} missing)")
    target_tokenizer = path / family.target_tokenizer if family.target_tokenizer else None
    if target_tokenizer is not None and not target_tokenizer.is_file():
        raise ModelError(f"{where}: {family.title} model has no target tokenizer ({family.target_tokenizer} missing)")
    config = _read_json(path / "config.json", where) if (path / "config.json").is_file() else {}
    suffix = () if config.get("add_source_eos") else (EOS,)
    prefix = (family.source_token,) if family.source_token else ()
    _check_vocabulary(path, where, family, prefix)
    return Package(
        path=path,
        name=str(meta.get("name") or path.name),
        version=str(meta.get("version") or ""),
        from_code="vi",
        to_code="en",
        target_prefix=family.target_prefix,
        tokenizer=tokenizer,
        family=family.name,
        source_prefix=prefix,
        source_suffix=suffix,
        target_tokenizer=target_tokenizer,
        model_path=path,
    )


def _check_vocabulary(path: Path, where: str, family: Family, prefix: tuple[str, ...]) -> None:
    """The language tokens must be ones the model knows: an unknown token would silently
    become <unk> and the model would guess the language (a vocabulary of another model,
    or an NLLB model converted without its language codes)."""
    for side, token in (("source", prefix[0] if prefix else ""), ("target", family.target_prefix)):
        if not token:
            continue
        vocabulary = _vocabulary(path, side)
        if vocabulary is not None and token not in vocabulary:
            raise ModelError(f"{where}: {family.title} model: language token {token!r} is not in its "
                             f"{side} vocabulary; is this a vi→en capable model?")


def _vocabulary(path: Path, side: str) -> set[str] | None:
    """The model's vocabulary for one side, from the files the converters write; None when
    none is readable (CTranslate2 will say so when it loads)."""
    for name in (f"{side}_vocabulary", "shared_vocabulary"):
        as_json, as_text = path / f"{name}.json", path / f"{name}.txt"
        try:
            if as_json.is_file():
                tokens = json.loads(as_json.read_text(encoding="utf-8"))
                return {t for t in tokens if isinstance(t, str)} if isinstance(tokens, list) else None
            if as_text.is_file():
                return set(as_text.read_text(encoding="utf-8").splitlines())
        except (OSError, ValueError):
            return None
    return None


def _read_json(file: Path, where: str) -> dict[str, Any]:
    try:
        value = read_json(file)  # size-capped, and deep nesting is a ValueError, not a crash
    except (OSError, ValueError) as err:
        raise ModelError(f"{where}: {file.name}: unreadable ({err})") from None
    if not isinstance(value, dict):
        raise ModelError(f"{where}: {file.name}: not a JSON object")
    return value


def describe(package: Package) -> str:
    """How model list and doctor name a package's family, e.g. "NLLB-200, vie_Latn → eng_Latn"."""
    if package.family == "argos":
        return "Argos package"
    family = FAMILIES.get(package.family)
    title = family.title if family else package.family
    source = package.source_prefix[0] if package.source_prefix else ""
    if source or package.target_prefix:
        return f"{title}, {source or 'vi'} → {package.target_prefix or 'en'}"
    return title


def cache_key(package: Package, model_hash: str) -> str:
    """What the cache keys this package's English by: the model's hash, and for another
    family also the tokens put around each sentence (the same model.bin with another target
    prefix writes other English). An Argos package's key is its model hash alone, as before."""
    if package.family == "argos":
        return model_hash
    recipe = json.dumps([package.family, package.source_prefix, package.source_suffix, package.target_prefix,
                         package.tokenizer.name, package.target_tokenizer.name if package.target_tokenizer else None])
    return hashlib.sha256(f"{model_hash} {recipe}".encode()).hexdigest()
