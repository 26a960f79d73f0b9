"""Flags and retries through the real tiny test model (it loops a lot: "and and and"),
and --strict's exit 4."""
from __future__ import annotations

import json

from digest.translate.engine import Engine, EngineOptions
from digest.translate.glossary import Glossary
from digest.translate.translator import Translator
from tests.conftest import SEEDS, run_digest
from tests.conftest_translate import GLOSSARY, TEST_MODEL_ZIP, seed_sentences

pytest_plugins = ["tests.conftest_translate"]


def test_the_length_cap_is_relative_to_the_source():
    options = EngineOptions(length_ratio=1.5, length_extra=4, max_decoding_length=100)
    assert options.length_limit(10) == 19
    assert options.length_limit(200) == 100
    assert EngineOptions().length_limit(20) == 50  # 2 × tokens + 10, as before


def test_flagged_sentences_are_retried_once_and_the_retry_kept_only_when_better(test_package):
    sentences = list(dict.fromkeys(seed_sentences()))[:40]
    glossary = Glossary.load(GLOSSARY)
    engine = Engine(test_package)
    out = Translator(engine, glossary).translate(sentences)
    first = Translator(Engine(test_package, EngineOptions(retry=False)), glossary).translate(sentences)
    retried = [i for i, t in enumerate(out) if t.retried]
    assert retried  # the test model loops: some flagged sentences go through the model again
    assert engine.sentences >= len(sentences) + len(retried)  # (and the pieces of repaired ones)
    for i, (t, f) in enumerate(zip(out, first, strict=True)):
        if not f.flags:
            assert t.kept is None and t.en == f.en  # unflagged: never retried
        elif t.kept == "first":
            assert t.en == f.en and t.flags == f.flags
        else:
            assert t.kept == "retry", i
            assert len(t.flags) < len(f.flags)
            assert {x.kind for x in t.flags} <= {x.kind for x in f.flags}


def test_cached_translations_keep_which_english_was_kept(test_package, tmp_path):
    from digest.translate.cache import TranslationCache

    sentences = list(dict.fromkeys(seed_sentences()))[:20]
    cache = TranslationCache.open("m", "g", tmp_path / "c.sqlite3")
    fresh = Translator(Engine(test_package), None, cache).translate(sentences)
    engine = Engine(test_package)
    again = Translator(engine, None, cache).translate(sentences)
    assert engine.sentences == 0
    assert [(t.en, t.kept, t.flags) for t in again] == [(t.en, t.kept, t.flags) for t in fresh]


def test_strict_exits_4_on_flags_and_0_without_it(translate_env):
    args = (SEEDS, "--lang", "en", "--model", TEST_MODEL_ZIP, "--format", "json")
    plain = run_digest(*args)
    assert plain.returncode == 0, plain.stderr
    flags = json.loads(plain.stdout)["flags"]
    assert flags > 0  # the test model's English is poor by design
    strict = run_digest(*args, "--strict")
    assert strict.returncode == 4
    assert strict.stdout == plain.stdout  # the briefing is written all the same
    assert f"digest: {flags} quality flag(s) on the English (--strict)" in strict.stderr.decode()


def test_strict_without_english_exits_0(translate_env):
    assert run_digest(SEEDS, "--lang", "vi", "--strict").returncode == 0


def test_help_lists_exit_4():
    assert "4 with --strict" in run_digest("run", "--help").stdout.decode()
