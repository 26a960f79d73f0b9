"""The engine: the real CTranslate2 test model, run directly in length-sorted batches."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from digest.errors import ModelError
from digest.translate.engine import Engine, EngineOptions, available_cores
from digest.translate.models import read_package

pytest_plugins = ["tests.conftest_translate"]
from tests.conftest_translate import REPO, repack, seed_sentences  # noqa: E402

SENTENCES = [
    "Tôi yêu bạn.",
    "Hôm nay trời đẹp.",
    "Nhật Bản và Hàn Quốc đã nhất trí tăng cường hợp tác an ninh.",
    "Cảm ơn.",
    "Các quan chức cấp cao của hai nước đã gặp nhau tại Seoul vào ngày 17/4 để thảo luận.",
    "Anh ấy đi học.",
]


class RecordingEngine(Engine):
    """The real engine, noting the source lengths of each batch it sends."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.batches: list[list[int]] = []

    def _run_batch(self, batch, retry=False):
        self.batches.append([len(t) for t in batch])
        return super()._run_batch(batch, retry)


@pytest.fixture(scope="module")
def engine(test_package):
    return Engine(test_package)


def test_one_english_string_per_sentence_in_order(engine):
    out = engine.translate(SENTENCES)
    assert len(out) == len(SENTENCES)
    assert all(isinstance(s, str) and s for s in out)
    reversed_out = engine.translate(SENTENCES[::-1])
    assert reversed_out[::-1] == out


def test_blank_sentences_skip_the_model(test_package):
    e = Engine(test_package)
    assert e.translate(["", "   "]) == ["", ""]
    assert e.calls == 0 and e._model is None


def test_batches_are_length_sorted_and_bounded(test_package):
    e = RecordingEngine(test_package, EngineOptions(max_batch_size=4))
    sentences = seed_sentences()[:30]
    out = e.translate(sentences)
    assert len(out) == 30
    assert e.calls == len(e.batches) == 8
    assert all(len(b) <= 4 for b in e.batches)
    flat = [n for batch in e.batches for n in batch]
    assert flat == sorted(flat)
    assert e.sentences == 30


def test_every_seed_sentence_translates(engine):
    sentences = seed_sentences()
    out = engine.translate(sentences)
    assert len(out) == len(sentences) > 100
    assert sum(1 for s in out if s) == len(out)


def test_runs_int8_on_cpu_as_one_translator(engine):
    engine.translate(["Xin chào."])
    assert engine.model.device == "cpu"
    assert engine.model.compute_type.startswith("int8")
    assert engine.model.num_translators == 1


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity on this platform")
def test_threads_follow_the_cpus_this_process_may_use():
    """A container or `taskset -c 0` narrows the CPUs: one thread per CPU allowed, not per
    CPU in the machine (which would oversubscribe the allowed ones)."""
    code = (
        "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})\n"
        "from digest.translate.engine import available_cores; print(available_cores())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "1"
    assert available_cores() == len(os.sched_getaffinity(0))


def test_model_loads_lazily(test_package):
    e = Engine(test_package)
    assert e._model is None and e._tokenizer is None


def test_corrupt_model_is_a_model_error(test_package_dir, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(test_package_dir, broken)
    (broken / "model" / "model.bin").write_bytes(b"\x00garbage" * 64)
    e = Engine(read_package(broken))
    with pytest.raises(ModelError, match="cannot load the model") as err:
        e.translate(["Xin chào."])
    assert err.value.exit_code == 3


def test_target_prefix_is_sent_and_stripped(test_package_dir, tmp_path):
    import zipfile

    from digest.translate.models import safe_extract

    archive = repack(test_package_dir, tmp_path / "prefixed.argosmodel", metadata={"target_prefix": "▁The"})
    top = safe_extract(archive, tmp_path / "x")
    pkg = read_package(tmp_path / "x" / top)
    assert pkg.target_prefix == "▁The"
    out = Engine(pkg).translate(["Tôi yêu bạn."])
    assert len(out) == 1 and not out[0].startswith("▁")
    assert zipfile.is_zipfile(archive)


def test_heavy_libraries_are_not_imported_at_module_level():
    code = (
        "import sys, digest.translate, digest.translate.engine, digest.translate.models, "
        "digest.commands.model, digest.commands.glossary;"
        "print(sorted(m for m in ('ctranslate2', 'sentencepiece', 'sacremoses', 'subword_nmt', 'argostranslate')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == "[]"


def test_bpe_packages_run_too(bpe_package_dir):
    """OPUS-MT-derived Argos packages carry bpe.model (Moses + BPE) instead of SentencePiece:
    the same engine runs them, and every piece it sends is one the model knows."""
    import json

    pkg = read_package(bpe_package_dir)
    assert pkg.tokenizer.name == "bpe.model"
    e = Engine(pkg, EngineOptions(max_batch_size=8))
    assert e.tokenize(["Hàn Quốc.", "Xin chào."]) == [["Hàn", "Quốc", "."], ["X@@", "in", "ch@@", "ào", "."]]
    sentences = seed_sentences()[:20]
    known = set(json.loads((bpe_package_dir / "model" / "shared_vocabulary.json").read_text(encoding="utf-8")))
    assert {p for pieces in e.tokenize(sentences) for p in pieces} <= known
    out = e.translate(["", *sentences])
    assert out[0] == "" and len(out) == 21 and all(isinstance(s, str) for s in out)
    assert not any("@@ " in s for s in out)  # pieces were joined into words
    assert e.calls == 3 and e.sentences == 20
