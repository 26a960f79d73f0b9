"""Other model families: plain CTranslate2 model directories of the NLLB-200 and OPUS-MT
layouts, or described by digest-model.json, through the same engine, glossary, cache and
flags. The models here are tiny, real CTranslate2 models with seeded random weights
(tools/random_model.py) over the test package's SentencePiece vocabulary plus the
language tokens: their English is noise, their path is the real one."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.errors import ModelError
from digest.translate import families
from digest.translate.engine import Engine, EngineOptions
from digest.translate.models import model_hash, read_package
from digest.translate.translator import load_translator
from tools.random_model import save, transformer_spec

pytest_plugins = ["tests.conftest_translate"]
from tests.conftest_translate import GLOSSARY, SEEDS  # noqa: E402


def _pieces(spm: Path) -> list[str]:
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_file=str(spm))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


@pytest.fixture(scope="session")
def nllb_dir(test_package_dir, tmp_path_factory) -> Path:
    """The layout ct2-transformers-converter writes for facebook/nllb-200-distilled-600M
    (model.bin, config.json, shared_vocabulary.json) with sentencepiece.bpe.model beside it."""
    spm = test_package_dir / "sentencepiece.model"
    vocab = [*_pieces(spm), "vie_Latn", "eng_Latn"]
    spec = transformer_spec(vocab, seed=3)
    spec.config.decoder_start_token = "</s>"  # as NLLB's converted config says
    out = save(spec, tmp_path_factory.mktemp("nllb") / "nllb-200-tiny", quantization="int8")
    shutil.copy(spm, out / "sentencepiece.bpe.model")
    return out


@pytest.fixture(scope="session")
def opus_dir(test_package_dir, tmp_path_factory) -> Path:
    """OPUS-MT's layout: source.spm and target.spm; the Marian converter sets add_source_eos."""
    spm = test_package_dir / "sentencepiece.model"
    spec = transformer_spec(_pieces(spm), seed=4)
    spec.config.add_source_eos = True
    out = save(spec, tmp_path_factory.mktemp("opus") / "opus-mt-vi-en-tiny")
    shutil.copy(spm, out / "source.spm")
    shutil.copy(spm, out / "target.spm")
    return out


def copy_of(model_dir: Path, tmp_path: Path, drop: tuple[str, ...] = (), meta: dict | None = None) -> Path:
    out = tmp_path / model_dir.name
    shutil.copytree(model_dir, out, ignore=shutil.ignore_patterns(".digest-*", *drop))
    if meta is not None:
        (out / families.METADATA_FILE).write_text(json.dumps(meta), encoding="utf-8")
    return out


class SpyEngine(Engine):
    """The real engine, keeping what it sent to translate_batch and what came back."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sent: list[tuple[list[list[str]], list[list[str]] | None]] = []
        self.raw: list[list[str]] = []

    def _run_batch(self, batch, retry=False):
        model = self.model
        real = model.translate_batch

        class Spy:
            def __getattr__(s, name):
                return getattr(model, name)

            def translate_batch(s, tokens, target_prefix=None, **kwargs):
                self.sent.append((tokens, target_prefix))
                results = real(tokens, target_prefix=target_prefix, **kwargs)
                self.raw.extend(r.hypotheses[0] for r in results)
                return results

        self._model = Spy()
        try:
            return super()._run_batch(batch, retry)
        finally:
            self._model = model


# --- recognizing the layouts ------------------------------------------------------------------


def test_nllb_layout_is_recognized_with_its_language_tokens(nllb_dir):
    pkg = read_package(nllb_dir)
    assert pkg.family == "nllb"
    assert pkg.source_prefix == ("vie_Latn",) and pkg.source_suffix == ("</s>",)
    assert pkg.target_prefix == "eng_Latn"
    assert pkg.model_dir == nllb_dir and pkg.tokenizer.name == "sentencepiece.bpe.model"
    assert pkg.label == "nllb-200-tiny"
    assert families.describe(pkg) == "NLLB-200, vie_Latn → eng_Latn"


def test_opus_mt_layout_decodes_with_target_spm_and_lets_ctranslate2_add_the_eos(opus_dir):
    pkg = read_package(opus_dir)
    assert pkg.family == "opus-mt"
    assert pkg.tokenizer.name == "source.spm" and pkg.target_tokenizer == opus_dir / "target.spm"
    assert pkg.source_prefix == () and pkg.source_suffix == ()  # add_source_eos: CTranslate2 appends </s>
    assert pkg.target_prefix == ""
    out = Engine(pkg).translate(["Xin chào.", "", "Hôm nay trời đẹp."])
    assert out[1] == "" and out[0] and out[2]


def test_digest_model_json_describes_any_layout(nllb_dir, tmp_path):
    model = copy_of(nllb_dir, tmp_path, drop=("sentencepiece.bpe.model",), meta={
        "family": "custom", "name": "my-model", "version": "2", "tokenizer": "spm.model",
        "source_token": "vie_Latn", "target_prefix": ["eng_Latn"]})
    shutil.copy(nllb_dir / "sentencepiece.bpe.model", model / "spm.model")
    pkg = read_package(model)
    assert (pkg.family, pkg.label, pkg.tokenizer.name) == ("custom", "my-model 2", "spm.model")
    assert (pkg.source_prefix, pkg.source_suffix, pkg.target_prefix) == (("vie_Latn",), ("</s>",), "eng_Latn")


def test_a_family_preset_can_be_named_and_overridden(nllb_dir, tmp_path):
    pkg = read_package(copy_of(nllb_dir, tmp_path, meta={"family": "nllb", "target_prefix": None}))
    assert pkg.family == "nllb" and pkg.source_prefix == ("vie_Latn",) and pkg.target_prefix == ""


@pytest.mark.parametrize(("drop", "meta", "says"), [
    (("sentencepiece.bpe.model",), None, "not one digest recognizes"),
    (("sentencepiece.bpe.model",), {"family": "marian"}, "unknown family 'marian'"),
    ((), {"family": "nllb", "source_token": "vie_Latx"}, "'vie_Latx' is not in its source vocabulary"),
    ((), {"family": "nllb", "tokenizer": "missing.model"}, "no tokenizer (missing.model missing)"),
    ((), {"family": "nllb", "target_prefix": 3}, "target_prefix must be a string"),
])
def test_an_unusable_model_directory_is_one_model_error(nllb_dir, tmp_path, drop, meta, says):
    with pytest.raises(ModelError, match=re.escape(says)) as err:
        read_package(copy_of(nllb_dir, tmp_path, drop=drop, meta=meta))
    assert err.value.exit_code == 3


def test_tokenizer_json_alone_says_which_file_to_copy(nllb_dir, tmp_path):
    model = copy_of(nllb_dir, tmp_path, drop=("sentencepiece.bpe.model",))
    (model / "tokenizer.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match=re.escape("--copy_files sentencepiece.bpe.model")):
        read_package(model)


# --- through the engine ----------------------------------------------------------------------


def test_nllb_source_tokens_and_target_prefix_go_in_and_the_prefix_comes_out(nllb_dir):
    engine = SpyEngine(read_package(nllb_dir), EngineOptions(max_batch_size=2))
    sentences = ["Tôi yêu bạn.", "Hôm nay trời đẹp.", "Cảm ơn."]
    out = engine.translate(sentences)
    assert len(out) == 3 and all(out)
    tokens = [t for batch, _ in engine.sent for t in batch]
    pieces = engine.tokenizer.encode(sentences)
    assert sorted(map(tuple, tokens)) == sorted(tuple(["vie_Latn", *p, "</s>"]) for p in pieces)
    assert all(prefix == [["eng_Latn"]] * len(batch) for batch, prefix in engine.sent)
    assert all(raw[0] == "eng_Latn" for raw in engine.raw)  # CTranslate2 returns the prefix...
    assert not any("eng_Latn" in english for english in out)  # ...and the engine strips it


def test_nllb_model_through_the_translator_keeps_glossary_terms_exact_and_caches(nllb_dir, translate_env, tmp_path):
    from digest.translate.cache import cache_dir

    sentence = "Nhật Bản và Hàn Quốc đã nhất trí tăng cường hợp tác an ninh."
    translator = load_translator(nllb_dir, GLOSSARY)
    first = translator.translate([sentence])[0]
    assert "Japan" in first.en and "South Korea" in first.en
    assert translator.engine.calls > 0
    again = load_translator(nllb_dir, GLOSSARY)
    assert again.translate([sentence])[0].en == first.en
    assert again.engine.calls == 0 and again.engine._model is None  # served from the cache
    assert cache_dir() == translate_env.cache
    # the same model.bin with other tokens around the sentence is another cache key
    relabelled = copy_of(nllb_dir, tmp_path, meta={"family": "nllb", "target_prefix": "vie_Latn"})
    other = load_translator(relabelled, GLOSSARY)
    assert model_hash(read_package(relabelled)) == model_hash(read_package(nllb_dir))
    assert other.identity != translator.identity
    other.translate([sentence])
    assert other.engine.calls > 0


def test_an_argos_package_keeps_its_cache_key(test_package):
    assert families.cache_key(test_package, "a" * 64) == "a" * 64


def test_a_name_the_model_keeps_in_vietnamese_is_not_untranslated():
    from digest.qa import check_translation

    flags = check_translation("Ông An Bình đến Hà Nội hôm qua.", "Mr. An Bình arrived in Hà Nội yesterday.")
    assert [f for f in flags if f.kind == "untranslated"] == []


# --- the command line --------------------------------------------------------------------------


def test_run_with_an_nllb_model_writes_english(nllb_dir, tmp_path):
    result = CliRunner().invoke(main, ["run", str(SEEDS[0]), "--lang", "en", "--model", str(nllb_dir),
                                       "--format", "json", "--run-date", "2026-11-23"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    briefing = json.loads(result.stdout)
    text = json.dumps(briefing, ensure_ascii=False)
    assert "nllb-200-tiny" in text and "eng_Latn" not in text


def test_doctor_loads_and_translates_with_an_nllb_model(nllb_dir):
    result = CliRunner().invoke(main, ["doctor", "--lang", "en", "--model", str(nllb_dir)])
    row = next(line for line in result.stdout.splitlines() if line.startswith("model"))
    assert result.exit_code == 0, result.stdout
    assert "NLLB-200, vie_Latn → eng_Latn" in row and "loads and translates on cpu" in row


def test_model_list_shows_the_model_digest_model_names(nllb_dir, monkeypatch):
    monkeypatch.setenv("DIGEST_MODEL", str(nllb_dir))
    result = CliRunner().invoke(main, ["model", "list"], catch_exceptions=False)
    assert result.exit_code == 0
    header, row = result.stdout.splitlines()[:2]
    assert "FAMILY" in header
    assert row.startswith("*") and "nllb-200-tiny" in row and "NLLB-200" in row


@pytest.mark.parametrize("name", ["digest-model.json", "config.json"])
def test_a_deeply_nested_or_huge_json_file_is_one_model_error(tmp_path, name):
    from digest.errors import ModelError
    from digest.translate.models import read_package

    (tmp_path / "model.bin").write_bytes(b"\0")
    (tmp_path / "sentencepiece.bpe.model").write_bytes(b"\0")
    (tmp_path / name).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ModelError, match=r"nested too deeply|unreadable"):
        read_package(tmp_path)
