"""Engine + glossary + cache + quality flags: Vietnamese sentences in, TranslatedText out.

Every glossary term found in a sentence must come out exactly as the glossary gives
it. Terms are protected (each Vietnamese term is replaced by its English form, which
a model mostly copies), checked after decoding, and repaired when the model dropped
or mangled one: the sentence is cut at its terms, the pieces between them are
translated on their own, and the English forms are put back between them.

Every English is then checked by digest.qa (flags are recomputed whenever a text is
served, from the cache too: they are cheap and follow the checks as they improve). A
freshly translated sentence with flags is decoded once more with the engine's retry
settings; that English is kept only if it clears flags without losing a glossary term
or raising a new kind of flag, and the TranslatedText says which was kept.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from digest.model import TranslatedText
from digest.qa import Flag, check_translation
from digest.translate import models
from digest.translate.cache import TranslationCache
from digest.translate.engine import Engine, EngineOptions
from digest.translate.families import cache_key
from digest.translate.glossary import Glossary, Match, term_pattern

Progress = Callable[[int, int], None]
"""progress(done, total), after each model batch: sentences through the model so far,
and how many it has to translate in this call. Cache hits and repeats are not counted.
total grows once if terms had to be repaired: the pieces of those sentences are
translated in a second pass and count as sentences too, and so does the retry of
flagged sentences."""

_HAS_LETTER = re.compile(r"[^\W\d_]")
_OUTER_PUNCTUATION = re.compile(r"^(\W*)(.*?)(\W*)$", re.DOTALL)


@dataclass(frozen=True)
class Piece:
    """Part of a sentence cut at its glossary terms."""

    vi: str
    en: str | None = None  # a term: the glossary's English; otherwise None
    verbatim: bool = False  # punctuation, spacing, numbers: kept as written

    @property
    def needs_model(self) -> bool:
        return self.en is None and not self.verbatim


@dataclass(frozen=True)
class Plan:
    vi: str
    matches: list[Match]

    @property
    def protected(self) -> str:
        """The sentence with each term already in English, for the first pass."""
        out: list[str] = []
        last = 0
        for m in self.matches:
            out += [self.vi[last : m.start], m.en]
            last = m.end
        out.append(self.vi[last:])
        return "".join(out)

    @property
    def expected(self) -> list[str]:
        return list(dict.fromkeys(m.en for m in self.matches))

    def pieces(self) -> list[Piece]:
        out: list[Piece] = []
        last = 0
        for m in self.matches:
            out += _text_pieces(self.vi[last : m.start])
            out.append(Piece(m.vi, m.en))
            last = m.end
        out += _text_pieces(self.vi[last:])
        return out


def _text_pieces(text: str) -> list[Piece]:
    """Text between terms: its outer punctuation and spacing stay as written, so
    "Mỹ, trong bối cảnh" keeps its comma whatever the model does with the words."""
    parts = _OUTER_PUNCTUATION.match(text)
    assert parts is not None  # every part of the pattern may be empty
    lead, core, trail = parts.groups()
    pieces = [Piece(lead, verbatim=True)] if lead else []
    if core:
        pieces.append(Piece(core, verbatim=not _HAS_LETTER.search(core)))
    if trail:
        pieces.append(Piece(trail, verbatim=True))
    return pieces


class Translator:
    def __init__(
        self,
        engine: Engine,
        glossary: Glossary | None = None,
        cache: TranslationCache | None = None,
        model_name: str | None = None,
        identity: str | None = None,
    ) -> None:
        self.engine = engine
        self.glossary = glossary if glossary is not None else Glossary.empty()
        self.cache = cache
        self.model_name = model_name or engine.package.label
        # What its English depends on (model and glossary hashes): part of --out's input fingerprints.
        self.identity = identity or self.model_name

    def translate(self, sentences: list[str], progress: Progress | None = None) -> list[TranslatedText]:
        """One TranslatedText per sentence, same order; duplicates translated once, and
        sentences in the cache not at all. progress: see `Progress`."""
        normalized = [unicodedata.normalize("NFC", s).strip() for s in sentences]
        unique = list(dict.fromkeys(normalized))
        known = self.cache.get_many(unique) if self.cache is not None else {}
        fresh = self._translate_new([s for s in unique if s not in known], _Counter(progress))
        if self.cache is not None and fresh:
            self.cache.put_many(fresh)
        by_source = {**known, **{r.vi: r for r in fresh}}
        flags = {n: self.check(n, r.en) for n, r in by_source.items()}
        return [
            TranslatedText(original, by_source[n].en, list(by_source[n].terms), list(by_source[n].repaired),
                           list(flags[n]), by_source[n].kept)
            for original, n in zip(sentences, normalized, strict=True)
        ]

    def check(self, vi: str, en: str) -> list[Flag]:
        """digest.qa's flags for one translation, with this translator's glossary."""
        return check_translation(vi, en, self.glossary)

    def _translate_new(self, sentences: list[str], counter: _Counter) -> list[TranslatedText]:
        plans = [Plan(s, self.glossary.find(s)) for s in sentences]
        first = self._run([p.protected for p in plans], counter)
        done: dict[int, TranslatedText] = {}
        broken: list[tuple[int, list[str]]] = []
        for i, (plan, english) in enumerate(zip(plans, first, strict=True)):
            missing = [t for t in plan.expected if not contains_term(english, t)]
            if missing:
                broken.append((i, missing))
            else:
                done[i] = TranslatedText(plan.vi, english, plan.expected, [])
        repaired = self._repair([plans[i] for i, _ in broken], counter)
        for (i, missing), english in zip(broken, repaired, strict=True):
            done[i] = TranslatedText(plans[i].vi, english, plans[i].expected, missing)
        results = [done[i] for i in range(len(plans))]
        if self.engine.options.retry:
            self._retry(plans, results, counter)
        return results

    def _retry(self, plans: list[Plan], results: list[TranslatedText], counter: _Counter) -> None:
        """Decode each flagged sentence once more with the retry settings (one batched pass);
        keep the second English only where it is better (see `_clears`)."""
        first_flags = {i: self.check(r.vi, r.en) for i, r in enumerate(results)}
        flagged = [i for i, flags in first_flags.items() if flags]
        if not flagged:
            return
        second = self.engine.translate([plans[i].protected for i in flagged],
                                       counter.start_pass(len(flagged)), retry=True)
        for i, english in zip(flagged, second, strict=True):
            plan, first = plans[i], results[i]
            keep = all(contains_term(english, t) for t in plan.expected) and _clears(
                first_flags[i], self.check(plan.vi, english))
            results[i] = (TranslatedText(plan.vi, english, plan.expected, [], kept="retry") if keep
                          else TranslatedText(first.vi, first.en, first.terms, first.repaired, kept="first"))

    def _repair(self, plans: list[Plan], counter: _Counter) -> list[str]:
        """Translate the pieces around the terms (one batched pass) and put the terms in."""
        cut = [p.pieces() for p in plans]
        english = iter(self._run([x.vi for pieces in cut for x in pieces if x.needs_model], counter))
        out = []
        for pieces in cut:
            parts = []
            for piece in pieces:
                if piece.en is not None:
                    parts.append(piece.en)
                elif piece.verbatim:
                    parts.append(piece.vi)
                else:
                    parts.append(_as_fragment(next(english)))
            out.append(re.sub(r"\s{2,}", " ", "".join(parts)).strip())
        return out

    def _run(self, texts: list[str], counter: _Counter) -> list[str]:
        """One pass through the engine, counted for progress."""
        return self.engine.translate(texts, counter.start_pass(sum(1 for t in texts if t.strip())))


class _Counter:
    """Turns the engine's per-pass batch counts into one call's progress(done, total)."""

    def __init__(self, progress: Progress | None):
        self.progress = progress
        self.total = 0  # non-blank sentences of the passes so far

    def start_pass(self, sentences: int) -> Callable[[int], None] | None:
        """The engine's on_batch for a pass of this many non-blank sentences."""
        if self.progress is None or not sentences:
            return None
        before, self.total = self.total, self.total + sentences
        report = self.progress

        def on_batch(done: int) -> None:
            report(before + done, self.total)

        return on_batch


def _clears(first: list[Flag], second: list[Flag]) -> bool:
    """Whether a retry's flags are better: fewer of them, and none of a kind the first
    English didn't have (a retry that stops a loop but drops a number is no better)."""
    kinds = {f.kind for f in first}
    return len(second) < len(first) and all(f.kind in kinds for f in second)


def contains_term(english: str, term: str) -> bool:
    """term appears verbatim, not as part of a longer word ("Japan" is not in "Japanese")."""
    return term_pattern(term).search(english) is not None


def _as_fragment(english: str) -> str:
    """A translated piece without the full stop a model adds to what was only part of
    a sentence (the piece's own punctuation is kept verbatim around it)."""
    english = english.strip()
    return english[:-1].rstrip() if english.endswith(".") else english


def load_translator(
    model: str | os.PathLike[str] | None = None,
    glossary_path: Path | str | None = None,
    use_cache: bool = True,
    options: EngineOptions | None = None,
) -> Translator:
    """A translator for the package at `model` (default: the highest installed; also a
    CTranslate2 model directory of another family, see digest.translate.families) and the
    glossary at `glossary_path` (default: none). The glossary is checked first
    (GlossaryError, exit 2), then the model is found (ModelError, exit 3); the model itself
    loads on first use. digest.core.load_translator also applies $DIGEST_MODEL,
    $DIGEST_GLOSSARY and ./glossary.csv, as a run does."""
    glossary = Glossary.load(glossary_path) if glossary_path else Glossary.empty()
    package = models.find_package(model)
    key = cache_key(package, models.model_hash(package))
    cache = TranslationCache.open(key, glossary.digest) if use_cache else None
    return Translator(Engine(package, options or EngineOptions()), glossary, cache, package.label,
                      identity=f"{key}:{glossary.digest}")
