#!/usr/bin/env python3
"""Translation throughput, side by side, on one package and the same seed sentences:

  digest engine    digest.translate.engine.Engine.translate (tokenize, length-sorted
                   batches, decode): what a digest run uses
  argostranslate   argostranslate's own translate API, one sentence at a time as it is
                   meant to be called, set up to run offline (its sentence splitter is
                   bypassed: every input is already one sentence). Only where it is
                   installed: it is no dependency of digest, not even of the bench
                   extra, because its dependencies pull stanza and torch (6 GB). Its
                   translate path for this package needs ctranslate2, sentencepiece and
                   sacremoses only, which digest has already:
                       pip install --no-deps argostranslate
  bare ctranslate2 ctranslate2 translate_batch on the pre-tokenized sentences, in the
                   engine's batches with its decoding options: the limit
  bare ct2, 1 call the same, as one translate_batch call with max_batch_size (for reference)

    python bench/translate.py [--model PATH] [--repeat 3] [--beam N] [--skip-realistic]

Then the realistic-size figures: the test package is tiny (2+2 layers, d_model 128), so
the bench also builds, in a temporary directory, a model of the official package's likely
shape (transformer base: 6+6 layers, d_model 512, 8 heads, FFN 2048, a 32k vocabulary:
the test package's SentencePiece pieces padded), with seeded random weights written
through the same spec/converter path as the test models (tools/random_model.py), int8,
and times it on the seed sentences, on 2 threads, beside the test package; articles/s
counts what `digest run --lang en` translates per article (title + 3-sentence summary).
Random weights never choose "</s>", so every sentence decodes to the engine's length cap
(2 × source tokens + 10): the cap bounds the cost, and that row is an upper bound. The
"realistic length" row caps outputs at the source's length instead (English runs 0.98 ×
the Vietnamese tokens on the Tatoeba pairs), which is what a working model writes.

Targets: digest ≥ 3× argostranslate (where installed), ≥ 85% of bare ctranslate2. Sentences/s and
source tokens/s are both reported (tokens from the package's tokenizer). The network
is blocked for the whole run.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = REPO / "tests" / "fixtures" / "translate-vi_en-test.argosmodel"


def block_network() -> None:
    def refuse(*args, **kwargs):
        raise OSError("bench/translate.py: network use attempted")

    socket.socket.connect = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse


def seed_sentences() -> list[str]:
    from digest.sentences import split_sentences

    out = []
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").splitlines():
            out.extend(s for s in split_sentences(line.strip()) if s.strip())
    return list(dict.fromkeys(out))  # unique: no one gets a cache hit


def best_times(contenders: dict, repeat: int) -> dict[str, float]:
    """Best time of each contender, taking turns so that a load spike on a shared
    machine hits them all alike."""
    best = {name: float("inf") for name in contenders}
    for _ in range(repeat):
        for name, run in contenders.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def bench_digest(package, sentences, options):
    from digest.translate.engine import Engine

    engine = Engine(package, options)
    engine.translate(sentences[:4])  # load model and tokenizer
    return lambda: engine.translate(sentences)


def bench_bare(package, tokens, options, same_batches: bool):
    """ctranslate2 alone on pre-tokenized input: either the engine's own length-sorted
    batches and length limits (the limit for digest), or one translate_batch call over
    everything with max_batch_size, as one would write it by hand."""
    import ctranslate2

    from digest.translate.engine import available_cores

    model = ctranslate2.Translator(str(package.model_dir), device="cpu", compute_type=options.compute_type,
                                   inter_threads=1, intra_threads=options.threads or available_cores())
    prefix = package.target_prefix

    def call(batch, **extra):
        limit = min(options.max_decoding_length, 2 * max(len(t) for t in batch) + 10)
        model.translate_batch(batch, target_prefix=[[prefix]] * len(batch) if prefix else None,
                              beam_size=options.beam_size, max_decoding_length=limit,
                              replace_unknowns=True, **extra)

    if same_batches:
        ordered = sorted(tokens, key=len)
        batches = [ordered[i : i + options.max_batch_size] for i in range(0, len(ordered), options.max_batch_size)]

        def run():
            for batch in batches:
                call(batch)
    else:
        def run():
            call(tokens, max_batch_size=options.max_batch_size)

    call(tokens[:4])  # warm up
    return run


def stand_in_for_sentence_splitters() -> None:
    """argostranslate.translate imports stanza and minisbd for its sentence splitters,
    which this bench replaces anyway. Installed with --no-deps, they are absent: empty
    modules stand in for them (nothing in them is ever called)."""
    import types

    if importlib.util.find_spec("stanza") is None:
        sys.modules["stanza"] = types.ModuleType("stanza")
    if importlib.util.find_spec("minisbd") is None:
        minisbd = types.ModuleType("minisbd")
        minisbd.SBDetect = None
        minisbd.models = types.SimpleNamespace(cache_dir=None, list_models=lambda: [])
        sys.modules["minisbd"] = minisbd


def bench_argos(package, sentences):
    """argostranslate's API on the same package, installed into a private Argos home."""
    home = Path(tempfile.mkdtemp(prefix="bench-argos-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(home / var.lower())
    os.environ["ARGOS_PACKAGES_DIR"] = str(home / "packages")
    (home / "packages").mkdir()
    os.symlink(package.path, home / "packages" / package.path.name)

    stand_in_for_sentence_splitters()
    from argostranslate import translate

    translation = translate.get_translation_from_codes("vi", "en")

    class OneSentence:  # its MiniSBD splitter would download a model: inputs are sentences already
        def split_sentences(self, text):
            return [text]

    translation.underlying.sentencizer = OneSentence()
    translation.translate(sentences[0])

    def run():
        translation.cache = {}  # argostranslate's own paragraph cache would serve repeats
        for s in sentences:
            translation.translate(s)

    return run


REALISTIC_LAYERS, REALISTIC_D, REALISTIC_HEADS, REALISTIC_FFN = (6, 6), 512, 8, 2048
REALISTIC_VOCAB = 32_000
BRIEFING = 100  # articles in a morning briefing


def realistic_package(test_package, directory: Path):
    """An Argos package of transformer-base shape with random weights (see the docstring)."""
    import json
    import shutil

    import sentencepiece

    from digest.translate.models import read_package

    sys.path.insert(0, str(REPO))
    from tools.random_model import padded_vocabulary, save, transformer_spec

    processor = sentencepiece.SentencePieceProcessor(model_file=str(test_package.tokenizer))
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    spec = transformer_spec(padded_vocabulary(pieces, REALISTIC_VOCAB), layers=REALISTIC_LAYERS,
                            d_model=REALISTIC_D, heads=REALISTIC_HEADS, ffn=REALISTIC_FFN, seed=1,
                            eos_bias=0.0, scale=0.05)
    package = directory / "translate-vi_en-base-random"
    save(spec, package / "model", quantization="int8")
    shutil.copy(test_package.tokenizer, package / "sentencepiece.model")
    (package / "metadata.json").write_text(json.dumps(
        {"package_version": "0", "from_code": "vi", "to_code": "en", "name": "vi_en_base_random"}), encoding="utf-8")
    return read_package(package)


def article_sentences() -> tuple[int, list[str]]:
    """What `digest run --lang en` sends the model for the seeds: each title and its
    3-sentence summary (the default --sentences), through digest's own core."""
    from digest import core

    seeds = sorted((REPO / "seeds").glob("*.txt"))
    texts: list[str] = []
    for seed in seeds:
        digest = core.summarize_article(core.extract_article(core.read_input(seed)))
        texts += [digest.article.title, *digest.summary] if digest.article.title else digest.summary
    return len(seeds), texts


def decoded_tokens(engine, sentences: list[str]) -> int:
    """Loads the engine's model, translates once, and counts the target tokens it decoded."""
    engine.translate(sentences[:2])
    model, counted = engine.model, [0]

    class Counting:
        def __getattr__(self, name):
            return getattr(model, name)

        def translate_batch(self, *args, **kwargs):
            results = model.translate_batch(*args, **kwargs)
            counted[0] += sum(len(r.hypotheses[0]) for r in results)
            return results

    engine._model = Counting()
    try:
        engine.translate(sentences)
    finally:
        engine._model = model
    return counted[0]


def bench_realistic(test_package, sentences: list[str], beam: int | None) -> None:
    """Each engine once over the unique seed sentences (long runs: one pass each); articles/s
    is sentences/s over the sentences a --lang en run translates per article."""
    from digest.translate.engine import Engine, EngineOptions

    articles, translated = article_sentences()
    per_article = len(translated) / articles
    base = EngineOptions(threads=2) if beam is None else EngineOptions(threads=2, beam_size=beam)
    realistic_length = EngineOptions(**{**base.__dict__, "length_ratio": 1.0, "length_extra": 1})
    with tempfile.TemporaryDirectory(prefix="bench-base-model-") as tmp:
        start = time.perf_counter()
        big = realistic_package(test_package, Path(tmp))
        built = time.perf_counter() - start
        size = (big.model_dir / "model.bin").stat().st_size
        print()
        print(f"realistic size: transformer base ({REALISTIC_LAYERS[0]}+{REALISTIC_LAYERS[1]} layers, d_model "
              f"{REALISTIC_D}, {REALISTIC_HEADS} heads, FFN {REALISTIC_FFN}, vocabulary {REALISTIC_VOCAB}), random "
              f"weights, int8 model.bin {size / 2**20:.0f} MB, built in {built:.0f} s")
        print(f"sentences {len(sentences)} unique seed sentences; cpu, int8, 2 threads, beam {base.beam_size}, "
              f"batches of {base.max_batch_size}; one pass each. An article of `--lang en` is "
              f"{per_article:.1f} sentences (title + summary, seeds' average)")
        cases = {
            "test package": (test_package, base),
            "base, at the cap": (big, base),
            "base, real length": (big, realistic_length),
        }
        engines = {name: Engine(pkg, opts) for name, (pkg, opts) in cases.items()}
        decoded = {name: decoded_tokens(engine, sentences) for name, engine in engines.items()}
        timing = best_times({name: (lambda e=e: e.translate(sentences)) for name, e in engines.items()}, 1)
    n_tokens = sum(len(t) for t in engines["test package"].tokenize(sentences))
    print(f"{'':20}{'seconds':>9}{'sentences/s':>13}{'articles/s':>12}{f'{BRIEFING} articles':>14}"
          f"{'out tokens/sentence':>21}")
    for name, seconds in timing.items():
        rate = len(sentences) / seconds
        print(f"{name:20}{seconds:>9.2f}{rate:>13.1f}{rate / per_article:>12.2f}"
              f"{BRIEFING * per_article / rate:>12.0f} s{decoded[name] / len(sentences):>21.1f}")
    print(f"(source: {n_tokens / len(sentences):.1f} tokens/sentence; the cap allows 2 × that + 10. "
          "A flagged sentence is decoded once more (the retry), so a run pays up to that again for those.)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=os.environ.get("DIGEST_MODEL") or str(DEFAULT_MODEL),
                        help="package directory or .argosmodel (default: the test package)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per contender; the best is kept")
    parser.add_argument("--beam", type=int, default=None, help="beam size for digest and bare ct2")
    parser.add_argument("--skip-argos", action="store_true")
    parser.add_argument("--skip-realistic", action="store_true", help="skip the transformer-base figures")
    args = parser.parse_args()

    block_network()
    os.environ.setdefault("DIGEST_CACHE_DIR", tempfile.mkdtemp(prefix="bench-digest-cache-"))
    from digest.translate.engine import Engine, EngineOptions, available_cores
    from digest.translate.models import open_package

    package = open_package(Path(args.model))
    options = EngineOptions() if args.beam is None else EngineOptions(beam_size=args.beam)
    sentences = seed_sentences()
    tokens = Engine(package, options).tokenize(sentences)
    n_tokens = sum(len(t) for t in tokens)

    print(f"package   {package.label}  ({package.path})")
    print(f"sentences {len(sentences)} unique seed sentences, {n_tokens} source tokens")
    print(f"engine    cpu, {options.compute_type}, {options.threads or available_cores()} threads, "
          f"beam {options.beam_size}, batches of {options.max_batch_size}; best of {args.repeat}")
    contenders = {
        "digest engine": bench_digest(package, sentences, options),
        "bare ctranslate2": bench_bare(package, tokens, options, same_batches=True),
        "bare ct2, 1 call": bench_bare(package, tokens, options, same_batches=False),
    }
    if args.skip_argos:
        pass
    elif importlib.util.find_spec("argostranslate") is None:
        print("argostranslate not installed: not compared (pip install --no-deps argostranslate)")
    else:
        contenders["argostranslate"] = bench_argos(package, sentences)
    timing = best_times(contenders, args.repeat)
    rows = list(timing.items())
    print()
    print(f"{'':18}{'seconds':>10}{'sentences/s':>14}{'tokens/s':>12}")
    for name, seconds in rows:
        print(f"{name:18}{seconds:>10.3f}{len(sentences) / seconds:>14.1f}{n_tokens / seconds:>12.0f}")
    print()
    print(f"digest / bare ctranslate2: {timing['bare ctranslate2'] / timing['digest engine']:.0%}  (target ≥ 85%)")
    if "argostranslate" in timing:
        print(f"digest / argostranslate:   {timing['argostranslate'] / timing['digest engine']:.1f}×  (target ≥ 3×)")
    if not args.skip_realistic:
        bench_realistic(package, sentences, args.beam)
    return 0


if __name__ == "__main__":
    sys.exit(main())
