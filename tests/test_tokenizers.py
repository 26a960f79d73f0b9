"""The tokenizers: Moses + BPE held to what argostranslate itself produced (captured in
tests/fixtures by tools/capture_argos_tokenizations.py), without importing it."""
from __future__ import annotations

import json
import subprocess
import sys
from functools import cache

import pytest

from digest.errors import ModelError
from digest.translate.models import read_package
from digest.translate.tokenizers import MosesBPETokenizer, SentencePieceTokenizer, load_tokenizer

pytest_plugins = ["tests.conftest_translate"]
from tests.conftest_translate import FIXTURES, REPO  # noqa: E402

CAPTURE = FIXTURES / "argos-bpe-tokenizations.json"
CODES = FIXTURES / "bpe-vi_en-test.codes"


@cache
def captured() -> dict:
    return json.loads(CAPTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bpe() -> MosesBPETokenizer:
    return MosesBPETokenizer(CODES, "vi", "en")


def versions_note() -> str:
    import importlib.metadata

    now = {n: importlib.metadata.version(n) for n in ("sacremoses", "subword-nmt")}
    return f"captured with {captured()['versions']}, running {now}"


def test_the_capture_covers_seeds_and_tricky_text():
    texts = [c["text"] for c in captured()["encode"]]
    assert len(texts) > 200 and captured()["codes"] == CODES.name
    for needle in ("“", '"', "'", "&", "|", "…", "1.250.000", "@@", "\u00a0", "\t"):
        assert any(needle in t for t in texts), needle
    assert any(t != t.strip() for t in texts) and "" in texts


def test_encode_is_argostranslates(bpe):
    cases = captured()["encode"]
    wrong = [(c["text"], bpe.encode_one(c["text"]), c["pieces"]) for c in cases if bpe.encode_one(c["text"]) != c["pieces"]]
    assert wrong == [], versions_note()
    assert bpe.encode([c["text"] for c in cases]) == [c["pieces"] for c in cases]


def test_decode_is_argostranslates(bpe):
    cases = [(c["pieces"], c["decoded"]) for c in captured()["encode"]]
    cases += [(c["pieces"], c["text"]) for c in captured()["decode"]]
    wrong = [(pieces, bpe.decode(pieces), text) for pieces, text in cases if bpe.decode(pieces) != text]
    assert wrong == [], versions_note()


def test_pieces_are_words_split_at_the_merges(bpe):
    # "&@@ a@@ mp@@ ;": the separator ends a piece that its word continues after. The
    # words are Moses's, escaped ("&" is "&amp;"), and decoding unescapes them.
    pieces = bpe.encode_one("Hàn Quốc & Nhật Bản.")
    assert " ".join(pieces).replace("@@ ", "") == "Hàn Quốc &amp; Nhật Bản ."
    assert any(p.endswith("@@") for p in pieces)
    assert bpe.decode(pieces) == "Hàn Quốc & Nhật Bản."


def test_runs_where_argostranslate_cannot_be_imported():
    """Neither argostranslate nor what it pulls (stanza, torch) is needed or loaded."""
    code = (
        "import sys; sys.modules['argostranslate'] = None\n"
        "from pathlib import Path\n"
        "from digest.translate.tokenizers import MosesBPETokenizer\n"
        f"t = MosesBPETokenizer(Path({str(CODES)!r}))\n"
        "assert t.decode(t.encode(['Xin chào.'])[0]) == 'Xin chào.'\n"
        "print(sorted(m for m in ('argostranslate', 'stanza', 'torch') if sys.modules.get(m)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_package_file_chooses_the_tokenizer(test_package_dir, tmp_path):
    import shutil

    assert isinstance(load_tokenizer(read_package(test_package_dir)), SentencePieceTokenizer)
    bpe_dir = tmp_path / "bpe-package"
    shutil.copytree(test_package_dir, bpe_dir)
    (bpe_dir / "sentencepiece.model").unlink()
    shutil.copy(CODES, bpe_dir / "bpe.model")
    assert isinstance(load_tokenizer(read_package(bpe_dir)), MosesBPETokenizer)


def test_a_malformed_codes_file_is_one_model_error(test_package_dir, tmp_path, capfd):
    import shutil

    bpe_dir = tmp_path / "bad-bpe"
    shutil.copytree(test_package_dir, bpe_dir)
    (bpe_dir / "sentencepiece.model").unlink()
    (bpe_dir / "bpe.model").write_text("#version: 0.2\nt h\nthree words here\n", encoding="utf-8")
    with pytest.raises(ModelError, match=r"bpe\.model: cannot load the tokenizer \(invalid line 3") as err:
        load_tokenizer(read_package(bpe_dir))
    assert err.value.exit_code == 3
    assert capfd.readouterr().err == ""  # subword-nmt's own complaint doesn't reach the terminal
