"""Tokenizers of Argos packages: SentencePiece, or Moses + BPE.

Most packages carry sentencepiece.model. Argos's OPUS-MT-derived packages carry
bpe.model instead: BPE merge codes applied after Moses punctuation normalization and
tokenization. argostranslate does that with sacremoses and a copy of subword-nmt's
apply_bpe.py; `MosesBPETokenizer` makes the same calls on the same two small libraries,
so a package gives the same pieces without argostranslate (which pulls stanza and
torch). tests/fixtures/argos-bpe-tokenizations.json, captured from argostranslate
itself by tools/capture_argos_tokenizations.py, holds it to that.

The libraries load with the tokenizer, on first use of a model, never at import.
"""
from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from digest.errors import ModelError

if TYPE_CHECKING:  # models imports this module (through engine) to check that a package loads
    from digest.translate.models import Package

BPE_SEPARATOR = "@@"  # ends every piece that a word continues after


class Tokenizer(Protocol):
    def encode(self, sentences: list[str]) -> list[list[str]]:
        """The model's source pieces for each sentence."""
        ...

    def decode(self, pieces: list[str]) -> str:
        """Text from the model's target pieces."""
        ...


class SentencePieceTokenizer:
    def __init__(self, model_file: Path):
        import sentencepiece

        self._processor: Any = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, sentences: list[str]) -> list[list[str]]:
        pieces: list[list[str]] = self._processor.encode(sentences, out_type=str)
        return pieces

    def decode(self, pieces: list[str]) -> str:
        return str(self._processor.decode(pieces))


class MosesBPETokenizer:
    """Moses + BPE exactly as argostranslate.tokenizer.BPETokenizer (1.9 to 1.11) does it.

    Encoding: Moses punctuation normalization, Moses tokenization (with its default
    escaping: "&" becomes "&amp;", as in the text the codes were learned on), then the
    BPE merges, with "@@" ending a piece that the word continues after. Decoding joins
    those pieces and detokenizes (unescaping) by the target language's Moses rules.
    """

    def __init__(self, codes_file: Path, source_lang: str = "vi", target_lang: str = "en"):
        from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer
        from subword_nmt.apply_bpe import BPE

        self._normalizer: Any = MosesPunctNormalizer(source_lang)
        self._tokenizer: Any = MosesTokenizer(source_lang)
        self._detokenizer: Any = MosesDetokenizer(target_lang)
        complaint = io.StringIO()
        try:  # subword-nmt prints a malformed line of codes and exits: make that one error
            with open(codes_file, encoding="utf-8") as codes, contextlib.redirect_stderr(complaint):
                self._bpe: Any = BPE(codes, separator=BPE_SEPARATOR)
        except SystemExit:
            first = (complaint.getvalue().strip().splitlines() or ["not a BPE codes file"])[0]
            raise ValueError(first.removeprefix("Error: ")) from None

    def encode(self, sentences: list[str]) -> list[list[str]]:
        return [self.encode_one(s) for s in sentences]

    def encode_one(self, sentence: str) -> list[str]:
        normalized = self._normalizer.normalize(sentence)
        words = " ".join(self._tokenizer.tokenize(normalized))
        pieces: list[str] = self._bpe.segment_tokens(words.strip("\r\n ").split(" "))
        return pieces

    def decode(self, pieces: list[str]) -> str:
        words = " ".join(pieces).replace(BPE_SEPARATOR + " ", "").split(" ")
        return str(self._detokenizer.detokenize(words))


class PairTokenizer:
    """One model for the source, another for the target (OPUS-MT's source.spm and target.spm)."""

    def __init__(self, source: Tokenizer, target: Tokenizer):
        self.source, self.target = source, target

    def encode(self, sentences: list[str]) -> list[list[str]]:
        return self.source.encode(sentences)

    def decode(self, pieces: list[str]) -> str:
        return self.target.decode(pieces)


def load_tokenizer(package: Package) -> Tokenizer:
    """The package's tokenizer, loaded; ModelError names the file when it can't be.

    A file named bpe.model is Moses + BPE codes (Argos's name for them); any other is a
    SentencePiece model (sentencepiece.model, NLLB's sentencepiece.bpe.model, *.spm)."""
    source = _load(package.tokenizer, package)
    if package.target_tokenizer is None:
        return source
    return PairTokenizer(source, _load(package.target_tokenizer, package))


def _load(path: Path, package: Package) -> Tokenizer:
    try:
        if path.name == "bpe.model":
            return MosesBPETokenizer(path, package.from_code, package.to_code)
        return SentencePieceTokenizer(path)
    except (OSError, RuntimeError, ValueError, UnicodeDecodeError) as err:
        raise ModelError(f"{path}: cannot load the tokenizer ({err})") from None
