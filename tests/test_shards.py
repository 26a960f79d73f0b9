"""digest batch --briefing: a finished batch's shards read back as digests, stories grouped
over all of them, the briefing written as `digest run` writes it. Batches run in this
process (--workers 0): the cluster itself is tests/test_batch.py's business."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest_plugins = ["tests.conftest_translate"]
from digest.cli import main  # noqa: E402
from tests.conftest_translate import GLOSSARY, REPO  # noqa: E402

RUN_DATE = "2026-11-29"


def digest(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def run_batch(out: Path, *extra: object) -> None:
    code, _, err = digest("batch", REPO / "seeds", "--out", out, "--workers", 0, "--partition-size", 2,
                          "--run-date", RUN_DATE, "-q", *extra)
    assert code == 0, err


@pytest.fixture(scope="module")
def vi_batch(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("batch") / "vi"
    run_batch(out, "--lang", "vi")
    return out


@pytest.mark.parametrize("fmt", ["md", "json", "text"])
def test_the_briefing_of_a_batch_is_the_briefing_of_a_run_over_the_same_inputs(vi_batch, fmt):
    code, briefing, err = digest("batch", "--out", vi_batch, "--briefing", "--format", fmt)
    assert code == 0, err
    code, run, _ = digest(REPO / "seeds", "--lang", "vi", "--run-date", RUN_DATE, "--format", fmt)
    assert code == 0
    assert briefing == run
    if fmt == "md":  # seeds 000 and 001 report the same talks: one story over two partitions
        assert "5 articles, 4 stories" in briefing.splitlines()[0]


def test_one_days_articles_and_a_day_without_any(vi_batch):
    code, out, _ = digest("batch", "--out", vi_batch, "--briefing", "--date", "2022-09-21", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["count"] == 1 and document["articles"][0]["filed_date"] == "2022-09-21"
    code, out, err = digest("batch", "--out", vi_batch, "--briefing", "--date", "2001-01-01")
    assert (code, out) == (0, "")  # nothing to mail
    assert "no articles filed on 2001-01-01" in err


def test_an_english_briefing_keeps_the_workers_english_and_translates_the_stories(tmp_path, test_package_dir):
    out = tmp_path / "en"
    code, briefing, err = digest("batch", REPO / "seeds", "--out", out, "--workers", 0, "--lang", "en",
                                 "--model", test_package_dir, "--glossary", GLOSSARY, "--run-date", RUN_DATE,
                                 "--no-cache", "-q", "--briefing", "--format", "json")
    assert code == 0, err
    document = json.loads(briefing)
    from digest.batch import read_shards
    from digest.render import RenderOptions
    from digest.render.json import record

    records = {d.article.path: record(d, RenderOptions(lang="en", run_date=RUN_DATE)) for d in read_shards(out)}
    assert len(records) == document["count"] == 5
    for article in document["articles"]:  # the English of the shards, flags and all, not translated again
        shard = records[article["input"]]
        assert (article["title_en"], article["summary_en"], article["flags"]) == (
            shard["title_en"], shard["summary_en"], shard["flags"])
    told = [s for s in document["stories"] if len(s["articles"]) > 1]
    assert len(told) == 1 and told[0]["title_en"] and len(told[0]["summary_en"]) == len(told[0]["summary"])


def test_a_batch_not_finished_or_damaged_is_refused_with_one_line(tmp_path, vi_batch):
    code, out, err = digest("batch", "--out", tmp_path / "none", "--briefing")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "no batch here" in err

    unfinished = tmp_path / "unfinished"
    run_batch(unfinished, "--lang", "vi")
    manifest = json.loads((unfinished / "manifest.json").read_text(encoding="utf-8"))
    manifest["complete"] = False
    manifest["done"] = manifest["done"][:2]
    (unfinished / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    code, out, err = digest("batch", "--out", unfinished, "--briefing")
    assert (code, out) == (1, "") and "not finished (2 of 3 partitions)" in err

    damaged = tmp_path / "damaged"
    run_batch(damaged, "--lang", "vi")
    shard = next((damaged / "shards").glob("*.jsonl"))
    shard.write_text(shard.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    code, out, err = digest("batch", "--out", damaged, "--briefing")
    assert (code, out) == (1, "") and "damaged" in err and err.count("\n") == 1


def test_a_model_changed_since_the_batch_is_refused(tmp_path, test_package_dir):
    out = tmp_path / "en"
    run_batch(out, "--lang", "en", "--model", test_package_dir, "--glossary", GLOSSARY)
    other = tmp_path / "glossary.csv"
    other.write_text(GLOSSARY.read_text(encoding="utf-8") + "Hồ Gươm,Hoan Kiem Lake,place\n", encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["settings"]["glossary"] = str(other)
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    code, stdout, err = digest("batch", "--out", out, "--briefing")
    assert (code, stdout) == (3, "") and "changed since it ran" in err


def test_the_help_lists_the_formats_the_briefing_writes():
    from digest import shards
    from digest.commands.batch import BRIEFING_FORMATS

    assert BRIEFING_FORMATS == shards.FORMATS


def test_a_full_batch_briefs_the_full_english_text(tmp_path, test_package_dir):
    out = tmp_path / "full"
    run_batch(out, "--lang", "en", "--full", "--model", test_package_dir, "--glossary", GLOSSARY)
    code, briefing, err = digest("batch", "--out", out, "--briefing")
    assert code == 0, err
    from digest.batch import read_shards

    sentences = [t.en for d in read_shards(out) for p in (d.translation.paragraphs or []) for t in p]
    assert sentences and all(english in briefing for english in sentences)


_BATCHES: dict[tuple[str, bool], Path] = {}


@pytest.mark.parametrize("lang", ["vi", "both"])
@pytest.mark.parametrize("full", [False, True], ids=["summary", "full"])
@pytest.mark.parametrize("stories", [True, False], ids=["stories", "no-stories"])
@pytest.mark.parametrize("fmt", ["md", "text", "json", "html"])
def test_batch_briefing_and_run_write_the_same_briefing(tmp_path_factory, monkeypatch, test_package_dir, lang, full,
                                                        stories, fmt):
    """The same inputs through `digest batch` + `--briefing` and through `digest run`.
    The English comes from one translation cache for both: which English the model gives
    depends on which sentences share its batches (a partition's, or the whole run's), and
    that is arithmetic, not the pipeline's policy, which is what must be the same."""
    translating = ["--model", test_package_dir, "--glossary", GLOSSARY] if lang != "vi" else []
    shape = ["--lang", lang, *(["--full"] if full else [])]
    out = _BATCHES.get((lang, full))
    if out is None:
        out = _BATCHES[(lang, full)] = tmp_path_factory.mktemp("batch") / "out"
        monkeypatch.setenv("DIGEST_CACHE_DIR", str(out.parent / "cache"))
        run_batch(out, *shape, *translating)
    monkeypatch.setenv("DIGEST_CACHE_DIR", str(out.parent / "cache"))
    grouping = [] if stories else ["--no-stories"]
    code, briefing, err = digest("batch", "--out", out, "--briefing", "--format", fmt, *grouping)
    assert code == 0, err
    code, run, err = digest(REPO / "seeds", *shape, *translating, "--run-date", RUN_DATE, "--format", fmt, *grouping)
    assert code == 0, err
    assert briefing == run


def test_batch_honours_the_config_file_as_run_does(tmp_path, monkeypatch):
    """lang and the briefing's format from the config file; an option typed wins; a run's
    eml format (for sendmail) leaves the briefing's default alone."""
    settings = tmp_path / "config.toml"
    settings.write_text('lang = "vi"\nformat = "json"\nsources = ["seeds/"]\nnew = true\n', encoding="utf-8")
    monkeypatch.setenv("DIGEST_CONFIG", str(settings))
    out = tmp_path / "out"
    # No --lang: the default (en) would need a model; the file says vi.
    code, briefing, err = digest("batch", REPO / "seeds", "--out", out, "--workers", 0, "--run-date", RUN_DATE,
                                 "-q", "--briefing")
    assert code == 0, err
    assert json.loads(briefing)["lang"] == "vi"  # and the briefing in the file's format
    code, briefing, err = digest("batch", "--out", out, "--briefing", "--format", "md")
    assert code == 0, err
    assert briefing.startswith("# ")
    settings.write_text('lang = "vi"\nformat = "eml"\n', encoding="utf-8")
    code, briefing, err = digest("batch", "--out", out, "--briefing")
    assert code == 0, err
    assert briefing.startswith("# ")  # md, batch's own default
    settings.write_text('lang = "klingon"\n', encoding="utf-8")
    code, _, err = digest("batch", "--out", out, "--briefing")
    assert code == 2 and err.count("\n") == 1 and "lang" in err
