"""The library API: the stages as functions, the same ones the CLI runs."""
from __future__ import annotations

import subprocess
import sys

import pytest

import digest
from digest import core
from digest.errors import GlossaryError, InputError
from tests.conftest import ROOT, SEEDS

pytest_plugins = ["tests.conftest_translate"]

SEED = sorted(SEEDS.glob("*.txt"))[0]
SECOND = sorted(SEEDS.glob("*.txt"))[1]


def test_read_extract_summarize_render_a_seed():
    source = core.read_input(SEED)
    assert source.kind == "text" and source.path == str(SEED)
    article = core.extract_article(source)
    result = core.summarize_article(article, sentences=2)
    assert len(result.summary) == 2
    assert all(any(s in p for p in article.paragraphs) for s in result.summary)
    text = core.render_briefing([result], "md", core.RenderOptions(lang="vi", run_date="2026-11-29"))
    assert text.startswith("# Bản tin / News digest — 2026-11-29 — 1 article\n")
    assert f"## {article.title}" in text


def test_summarizing_can_drop_the_paragraphs():
    article = core.extract_article(core.read_input(SEED))
    result = core.summarize_article(article, keep_paragraphs=False)
    assert result.summary and result.article.paragraphs == []


def test_a_page_without_an_article_is_an_input_error(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav>Trang chủ</nav></body></html>", encoding="utf-8")
    with pytest.raises(InputError):
        core.extract_article(core.read_input(page))


def test_package_exposes_the_core_api_lazily():
    assert set(core.__all__) == set(digest._CORE_NAMES)
    for name in core.__all__:
        assert getattr(digest, name) is getattr(core, name), name
    code = "import sys, digest; print('digest.core' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_translate_digests_reports_progress(test_model_zip, translate_env):
    translator = core.load_translator(model=test_model_zip, glossary=ROOT / "glossary.csv", use_cache=False)
    digests = [core.summarize_article(core.extract_article(core.read_input(seed))) for seed in sorted(SEEDS.glob("*.txt"))]
    calls: list[tuple[int, int]] = []
    core.translate_digests(digests, translator, progress=lambda done, total: calls.append((done, total)))
    assert calls, "no progress reported"
    # the total grows once when sentences that lost a glossary term go back in pieces
    assert calls[-1][0] == calls[-1][1]
    assert calls == sorted(calls) and all(done <= total for done, total in calls)
    for result in digests:
        assert result.translation is not None
        assert [t.vi for t in result.translation.summary] == result.summary


def test_a_bad_glossary_named_by_the_environment_says_so(tmp_path, monkeypatch, translate_env):
    bad = tmp_path / "bad.csv"
    bad.write_text("vi,en,kind\nHàn Quốc,South Korea,\n", encoding="utf-8")  # missing kind (an empty en is pending)
    monkeypatch.setenv("DIGEST_GLOSSARY", str(bad))
    with pytest.raises(GlossaryError) as err:
        core.load_translator()
    assert err.value.message.startswith(f"$DIGEST_GLOSSARY: {bad}:2:")


def test_make_digests_gives_each_input_a_digest_or_a_failure_in_order(tmp_path):
    from digest.model import Source

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    seed = SEED.read_text(encoding="utf-8")
    found = [core.InputRef(str(SEED), SEED), InputError("gone.txt: no such file"),
             core.InputRef(str(empty), empty), Source("page.txt", seed, "text"), Source("x.txt", seed, "text")]
    made = list(core.make_digests(found, 2, skip=lambda source: source.path == "x.txt"))
    assert [type(m).__name__ for m in made] == ["Digest", "Failure", "Failure", "Digest"]
    assert made[1].name == "gone.txt: no such file" and isinstance(made[2].error, InputError)
    assert made[3].article.path == "page.txt" and not made[3].article.paragraphs  # dropped once summarized
    kept = list(core.make_digests(found[:1], keep=lambda article: False))
    assert kept == []


def test_make_digests_stops_on_a_fatal_error_and_goes_on_after_a_bug(tmp_path):
    class StoreGone(Exception):
        pass

    refs = [core.InputRef(str(SEED), SEED), core.InputRef(str(SECOND), SECOND)]

    def broken(article):
        raise ValueError("a bug")

    made = list(core.make_digests(refs, keep=broken))
    assert [type(m.error) for m in made] == [ValueError, ValueError]  # a bug costs its input, not the run

    def gone(article):
        raise StoreGone

    with pytest.raises(StoreGone):
        list(core.make_digests(refs, keep=gone, fatal=(StoreGone,)))
