"""The `digest` command end to end on real files, in-process through click."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from digest.cli import main
from tests.conftest import SEEDS, TEST_MODEL

RUN_DATE = ["--run-date", "2026-11-23"]


def digest(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def error_lines(result):
    return [line for line in result.stderr.splitlines() if line.strip()]


def test_seeds_give_five_digests_on_stdout():
    # --no-stories: one item per article (with stories, 000 and 001 are one item: test_stories.py)
    result = digest(SEEDS, "--lang", "vi", "--no-stories", *RUN_DATE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Bản tin / News digest — 2026-11-23 — 5 articles")
    assert result.stdout.count("\n## ") == 5
    assert result.stderr == ""
    # newest first: the 2022 article before the 2020 one, undated ones last
    assert result.stdout.index("2022-09-21") < result.stdout.index("2020-11-13")
    assert result.stdout.index("2020-11-13") < result.stdout.index("không ghi ngày")


def test_json_output_carries_every_field_of_each_article():
    result = digest(SEEDS, "--lang", "vi", "--format", "json", "--sentences", "2", *RUN_DATE)
    assert result.exit_code == 0
    articles = json.loads(result.stdout)["articles"]
    assert len(articles) == 5
    by_input = {os.path.basename(a["input"]): a for a in articles}
    clo = by_input["004_dc4666a68fd474ea.txt"]
    assert clo["date"] == "2020-11-13T09:53" and clo["author"] == "Hoàng Nam" and clo["source"] == "Nhà báo & Công luận"
    assert 1 <= len(clo["summary"]) <= 2  # up to 2: a long first sentence fills the syllable budget
    assert all(any(s in p for p in clo["paragraphs"]) for s in clo["summary"])
    assert {"line", "text", "why"} <= set(clo["removed"][0])
    assert by_input["001_b4dece8c95c879ee.txt"]["partial_date"] == "--04-17"


def test_explain_lists_removed_lines_with_reasons():
    result = digest(SEEDS / "004_dc4666a68fd474ea.txt", "--lang", "vi", "--explain", *RUN_DATE)
    assert result.exit_code == 0
    assert "`Tin khác`" in result.stdout and "chú thích ảnh 'Ảnh: Internet'" in result.stdout  # said in Vietnamese
    english = digest(SEEDS / "004_dc4666a68fd474ea.txt", "--lang", "both", "--explain", *RUN_DATE, "--model", TEST_MODEL)
    assert english.exit_code == 0 and "photo caption 'Ảnh: Internet'" in english.stdout


def test_stdin_is_read_with_a_dash():
    text = (SEEDS / "000_6c833404c18ad008.txt").read_text("utf-8")
    result = digest("-", "--lang", "vi", *RUN_DATE, input=text.encode("utf-8"))
    assert result.exit_code == 0
    assert "Quan hệ Hàn Quốc-Nhật Bản ấm dần" in result.stdout
    assert "**Tệp:** -" in result.stdout


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.txt", None, "no such file or directory"),
        ("empty.txt", b"", "empty file"),
        ("binary.txt", b"\x00\x01\x02\x03ELF\x00" * 50, "binary file"),
        ("latin.txt", b"\x81\x8d\x8f\x90" * 40, "not valid text"),
        ("title-only.txt", "Chỉ có tiêu đề mà không có bài\n".encode(), "a title but no article text"),
        ("emptydir", "dir", "directory holds no articles"),
    ],
)
def test_each_bad_input_gets_one_line_and_exit_1_while_the_rest_go_through(tmp_path, name, content, message):
    bad = tmp_path / name
    if content == "dir":
        bad.mkdir()
    elif content is not None:
        bad.write_bytes(content)
    result = digest(bad, SEEDS / "000_6c833404c18ad008.txt", "--lang", "vi", *RUN_DATE)
    assert result.exit_code == 1
    assert error_lines(result) == [f"digest: {bad}: {message}"] or (
        len(error_lines(result)) == 1 and message in result.stderr and str(bad) in result.stderr
    )
    assert "Quan hệ Hàn Quốc-Nhật Bản ấm dần" in result.stdout


def test_only_bad_inputs_means_exit_1_and_no_briefing(tmp_path):
    result = digest(tmp_path / "nope.txt", "--lang", "vi")
    assert result.exit_code == 1
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["--lang", "xx", "seeds"],
        ["--sentences", "0", "seeds"],
        ["--no-such-option", "seeds"],
        ["--run-date", "23/11/2026", "seeds"],
        ["--format", "eml", "seeds", "--lang", "vi"],
        [],
    ],
)
def test_usage_errors_exit_2(args):
    result = digest("run", *args) if not args else digest(*args)
    assert result.exit_code == 2


@pytest.mark.parametrize(
    "args, says",
    [
        (["run", "--wait", "abc", "seeds"], "'--wait': 'abc' is not a valid float"),
        (["seeds", "--wait", "-1", "--out", "x"], "'--wait': must be 0 or more"),
        (["seeds", "--sentences", "0"], "must be 1 or more"),
        (["run"], "Missing argument 'PATH...'"),
        (["model", "install", "--sha256", "abc"], "expected 64 hex digits"),
        (["model", "bogus"], "No such command 'bogus'"),
    ],
)
def test_usage_errors_are_one_line_naming_the_help_to_read(args, says):
    result = digest(*args)
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("digest: ") and says in lines[0] and "--help'" in lines[0]
    assert result.stdout == ""


def test_a_group_alone_prints_its_help():
    result = digest("model")
    assert result.exit_code == 2
    assert "Commands:" in result.stderr and "install" in result.stderr


def test_english_without_a_model_exits_3_with_one_line_saying_how_to_get_one():
    result = digest(SEEDS, "--lang", "en")
    assert result.exit_code == 3
    lines = error_lines(result)
    assert len(lines) == 1 and "digest model install" in lines[0] and "--lang vi" in lines[0]
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_out_writes_one_dated_file_per_article_and_a_rerun_changes_nothing(tmp_path):
    out = tmp_path / "briefings"
    first = digest(SEEDS, "--lang", "vi", "--out", out, *RUN_DATE)
    assert first.exit_code == 0, first.stderr
    files = sorted(p for p in out.iterdir() if not p.name.startswith("."))
    names = [p.name for p in files]
    assert len(files) == 5
    assert "2020-11-13-nhat-ban-va-han-quoc-dam-phan-han-gan-quan-he.vi.md" in names
    assert "2022-09-21-cac-nha-lanh-dao-nhat-ban-han-quoc-the-se-khoi.vi.md" in names
    # undated articles are filed under the run date
    assert sum(name.startswith("2026-11-23-") for name in names) == 3
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}

    second = digest(SEEDS, "--lang", "vi", "--out", out, *RUN_DATE)
    assert second.exit_code == 0
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir() if not p.name.startswith(".")}
    assert after == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_help_explains_the_options_and_exit_codes():
    result = digest("run", "--help")
    assert result.exit_code == 0
    for word in ("--lang", "--out", "--format", "--sentences", "--explain", "--quiet", "Exit status"):
        assert word in result.stdout
    top = digest("--help")
    assert top.exit_code == 0 and "model" in top.stdout and "doctor" in top.stdout


def test_untitled_and_same_titled_articles_never_overwrite_each_other(tmp_path):
    # A crawl that lost its headline: a location kicker, then the body.
    text = ("Bình Dương\nNgười dân phường Mỹ Phước chưa hết bàng hoàng về vụ án mạng tại một phòng trọ.\n"
            "Công an tỉnh đã vào cuộc điều tra làm rõ vụ việc, theo thông tin ban đầu.\n")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = digest(tmp_path / "a.txt", tmp_path / "b.txt", "--lang", "vi", "--out", out, *RUN_DATE)
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == [
        "2026-11-23-nguoi-dan-phuong-my-phuoc-chua-het-bang-hoang-ve-2.vi.md",
        "2026-11-23-nguoi-dan-phuong-my-phuoc-chua-het-bang-hoang-ve.vi.md",
    ]
    assert "(không có tiêu đề)" in (out / names[0]).read_text("utf-8")


def test_a_rerun_into_out_skips_the_work_for_unchanged_inputs(tmp_path, monkeypatch):
    import shutil

    from digest import core

    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    out = tmp_path / "out"
    extracted = []
    real_extract = core.extract_article
    monkeypatch.setattr(core, "extract_article", lambda source: extracted.append(source.path) or real_extract(source))

    assert digest(inputs, "--lang", "vi", "--out", out, *RUN_DATE).exit_code == 0
    assert len(extracted) == 5

    extracted.clear()
    assert digest(inputs, "--lang", "vi", "--out", out, *RUN_DATE).exit_code == 0
    assert extracted == []  # nothing changed: nothing cleaned, summarized or rendered

    changed = inputs / "000_6c833404c18ad008.txt"
    changed.write_text(changed.read_text("utf-8") + "\nMột đoạn mới được thêm vào cuối bài báo này.\n", "utf-8")
    assert digest(inputs, "--lang", "vi", "--out", out, *RUN_DATE).exit_code == 0
    assert extracted == [str(changed)]

    extracted.clear()
    assert digest(inputs, "--lang", "vi", "--out", out, "--sentences", "2", *RUN_DATE).exit_code == 0
    assert len(extracted) == 5  # other settings: every digest is made again

    extracted.clear()
    assert digest(inputs, "--lang", "vi", "--out", out, "--sentences", "2", "--force", *RUN_DATE).exit_code == 0
    assert len(extracted) == 5


def test_a_bad_model_or_glossary_from_the_environment_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("DIGEST_MODEL", str(tmp_path))
    result = digest(SEEDS, *RUN_DATE)
    assert result.exit_code == 3
    assert error_lines(result) == [f"digest: $DIGEST_MODEL: {tmp_path}: not an Argos package (no metadata.json)"]
    monkeypatch.setenv("DIGEST_GLOSSARY", str(tmp_path / "none.csv"))
    result = digest(SEEDS, *RUN_DATE)
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1 and lines[0].startswith(f"digest: $DIGEST_GLOSSARY: {tmp_path / 'none.csv'}: ")
