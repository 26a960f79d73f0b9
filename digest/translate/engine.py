"""The translation engine: an Argos package's CTranslate2 model, run directly.

Sentences are tokenized, sorted by length and sent through `translate_batch` in
batches of similar length (little padding), int8 on CPU with one thread per core
(or on a CUDA device: see digest.config.resolve_device). Models of other families
(digest.translate.families) go the same way, with their source tokens around each
sentence's pieces ("vie_Latn" … "</s>" for NLLB) and their target prefix stripped.
The model is loaded on first use, so a run served wholly from the cache loads nothing.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from digest.errors import ModelError
from digest.translate.tokenizers import Tokenizer, load_tokenizer

if TYPE_CHECKING:  # models imports this module to check that a package loads
    from digest.translate.models import Package

BatchDone = Callable[[int], None]  # sentences of this call decoded so far, after each batch


@dataclass(frozen=True)
class EngineOptions:
    """How the model decodes.

    Length guardrail: a weak or broken model can babble to max_decoding_length; an English
    sentence is rarely over twice its source's tokens, so each batch may decode at most
    `length_ratio` × its longest source + `length_extra` tokens (and never more than
    max_decoding_length).

    Retry: a sentence that digest.qa flags is decoded once more with `retry_repetition_penalty`
    and `retry_no_repeat_ngram_size` (ctranslate2's translate_batch options that break
    loops); the translator keeps that English only if it clears flags. retry=False turns
    the second pass off."""

    device: str = "cpu"
    compute_type: str = "int8"
    threads: int = 0  # 0: one per available core
    beam_size: int = 2
    max_batch_size: int = 32  # sentences per translate_batch call
    max_decoding_length: int = 256
    length_ratio: float = 2.0
    length_extra: int = 10
    retry: bool = True
    retry_repetition_penalty: float = 1.5
    retry_no_repeat_ngram_size: int = 3

    def length_limit(self, source_tokens: int) -> int:
        """Most target tokens for a source of this many tokens."""
        return min(self.max_decoding_length, int(self.length_ratio * source_tokens) + self.length_extra)


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, which a container or taskset
    narrows), not the machine's: one intra-op thread each."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Engine:
    def __init__(self, package: Package, options: EngineOptions = EngineOptions()):
        self.package = package
        self.options = options
        self.calls = 0  # translate_batch calls made (tests count them)
        self.sentences = 0  # sentences sent to the model
        self._model: Any = None
        self._tokenizer: Tokenizer | None = None

    # -- public

    def translate(self, sentences: list[str], on_batch: BatchDone | None = None, retry: bool = False) -> list[str]:
        """English for each sentence, same order; blank sentences give "" and skip the
        model. on_batch(done) follows each batch: how many of this call's non-blank
        sentences are decoded so far. retry: decode with the options' retry settings."""
        results = [""] * len(sentences)
        work = [i for i, s in enumerate(sentences) if s.strip()]
        if not work:
            return results
        tokens = self.tokenize([sentences[i] for i in work])
        decoded = self.translate_tokens(tokens, on_batch, retry)
        for i, text in zip(work, decoded, strict=True):
            results[i] = text
        return results

    def tokenize(self, sentences: list[str]) -> list[list[str]]:
        """What the model is given: each sentence's pieces, between the package's source tokens."""
        pieces = self.tokenizer.encode(sentences)
        before, after = list(self.package.source_prefix), list(self.package.source_suffix)
        if before or after:
            return [before + p + after for p in pieces]
        return pieces

    def translate_tokens(self, tokens: list[list[str]], on_batch: BatchDone | None = None,
                         retry: bool = False) -> list[str]:
        """Decode pre-tokenized sentences in length-sorted batches; same order out."""
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        out: list[str] = [""] * len(tokens)
        size = self.options.max_batch_size
        for start in range(0, len(order), size):
            batch = order[start : start + size]
            english = self._run_batch([tokens[i] for i in batch], retry)
            for i, text in zip(batch, english, strict=True):
                out[i] = text
            if on_batch is not None:
                on_batch(start + len(batch))
        return out

    @property
    def model(self) -> Any:
        """The ctranslate2.Translator (untyped), loaded on first use."""
        if self._model is None:
            self._model = self._load_model()
        return self._model

    @property
    def tokenizer(self) -> Tokenizer:
        if self._tokenizer is None:
            self._tokenizer = load_tokenizer(self.package)
        return self._tokenizer

    # -- internals

    def _run_batch(self, batch: list[list[str]], retry: bool = False) -> list[str]:
        prefix = self.package.target_prefix
        opts = self.options
        extra: dict[str, Any] = {}
        if retry:
            extra = {"repetition_penalty": opts.retry_repetition_penalty,
                     "no_repeat_ngram_size": opts.retry_no_repeat_ngram_size}
        try:
            results = self.model.translate_batch(
                batch,
                target_prefix=[[prefix]] * len(batch) if prefix else None,
                beam_size=opts.beam_size,
                max_decoding_length=opts.length_limit(max(len(t) for t in batch)),
                replace_unknowns=True,
                **extra,
            )
        except (RuntimeError, ValueError) as err:
            raise ModelError(f"{self.package.path}: translation failed ({err})") from None
        self.calls += 1
        self.sentences += len(batch)
        english: list[str] = []
        for result in results:
            pieces = result.hypotheses[0]
            if prefix and pieces and pieces[0] == prefix:
                pieces = pieces[1:]
            english.append(self.tokenizer.decode(pieces).strip())
        return english

    def _load_model(self) -> Any:
        import ctranslate2

        opts = self.options
        threads = opts.threads or available_cores()
        for compute_type in (opts.compute_type, "default"):
            try:
                return ctranslate2.Translator(
                    str(self.package.model_dir),
                    device=opts.device,
                    compute_type=compute_type,
                    inter_threads=1,
                    intra_threads=threads,
                )
            except ValueError as err:
                if "compute type" in str(err) and compute_type != "default":
                    continue  # this CPU has no fast int8: take the model's own type
                raise ModelError(f"{self.package.model_dir}: cannot load the model ({err})") from None
            except RuntimeError as err:
                raise ModelError(f"{self.package.model_dir}: cannot load the model ({err})") from None
        raise AssertionError("unreachable")
