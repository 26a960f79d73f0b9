"""The registry of formats (digest.render): every format is called the same way, and
what the command line must check first is asked of the registry. (tests/test_imports.py
checks that no digest module, render's above all, imports another in a cycle.)"""

from __future__ import annotations

import pytest

from digest.render import FORMATS, RenderOptions, file_name, render_article, render_briefing
from tests.render_digests import OLD, RUN_DATE, UNDATED, VI, make_digest, run_digest


def test_formats_are_named_by_their_keys_with_the_command_lines_choices():
    assert list(FORMATS) == ["md", "text", "json", "jsonl", "html", "eml"]
    assert all(name == fmt.name for name, fmt in FORMATS.items())
    assert {name: fmt.extension for name, fmt in FORMATS.items()} == {
        "md": "md", "text": "txt", "json": "json", "jsonl": "jsonl", "html": "html", "eml": "eml"}


def test_only_eml_is_briefing_only_and_needs_a_recipient():
    assert [name for name, fmt in FORMATS.items() if not fmt.per_article] == ["eml"]
    assert [name for name, fmt in FORMATS.items() if fmt.needs_recipient] == ["eml"]
    with pytest.raises(ValueError, match="per-article"):
        render_article(OLD, "eml", VI)


def test_json_formats_keep_the_paragraphs():
    assert [name for name, fmt in FORMATS.items() if fmt.shows_paragraphs] == ["json", "jsonl"]


def test_an_unknown_format_is_a_value_error():
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render_briefing([OLD], "pdf", VI)


@pytest.mark.parametrize("fmt", [name for name, fmt in FORMATS.items() if fmt.per_article])
def test_every_per_article_format_renders_an_article_ending_with_a_newline(fmt):
    assert render_article(OLD, fmt, VI).endswith("\n")


def test_file_names_are_dated_slugged_and_unique_in_a_run():
    taken: set[str] = set()
    assert file_name(OLD, "text", VI, taken) == "2020-11-13-bai-nam-2020.vi.txt"
    assert file_name(OLD, "text", VI, taken) == "2020-11-13-bai-nam-2020-2.vi.txt"
    assert taken == {"2020-11-13-bai-nam-2020.vi.txt", "2020-11-13-bai-nam-2020-2.vi.txt"}
    assert file_name(UNDATED, "md", RenderOptions(lang="en", run_date=RUN_DATE)) == (
        f"{RUN_DATE}-bai-khong-ghi-ngay.en.md")
    assert file_name(make_digest(""), "md", VI).startswith(f"{RUN_DATE}-cau-tom-tat-cua-bai")


@pytest.mark.parametrize("args", [["--format", "eml"], ["--format", "eml", "--to", "me@example.org", "--out", "x"]])
def test_the_command_line_asks_the_registry_before_running(args, tmp_path):
    completed = run_digest(tmp_path / "nothing.txt", "--lang", "vi", *args)
    assert completed.returncode == 2
    assert "--format eml" in completed.stderr.decode("utf-8")


# --- the link to the original article (issue 11) ----------------------------------------

URL = "https://vnexpress.net/metro-so-1-chay-thu-4712345.html"
FETCHED = make_digest("Bài từ trang tin", date="2024-05-03", path=URL)


def test_every_format_links_a_fetched_article_to_its_original_url():
    import email
    from dataclasses import replace

    from digest.render.options import MailOptions

    expected = {
        "md": f"- **Nguồn gốc:** <{URL}>",
        "text": f"Nguồn gốc: {URL}",
        "html": f'<a href="{URL}">{URL}</a>',
        "json": f'"url": "{URL}"',
        "jsonl": f'"url": "{URL}"',
    }
    for fmt, line in expected.items():
        assert line in render_briefing([FETCHED], fmt, VI), fmt
    assert "Link: " + URL in render_briefing([FETCHED], "text", RenderOptions(lang="en", run_date=RUN_DATE))
    eml = render_briefing([FETCHED], "eml", replace(VI, mail=MailOptions(to="me@example.org")))
    parts = {part.get_content_type(): part.get_payload(decode=True).decode()
             for part in email.message_from_string(eml).walk() if not part.is_multipart()}
    assert f"Nguồn gốc: {URL}" in parts["text/plain"] and f'href="{URL}"' in parts["text/html"]


def test_a_file_has_no_link_and_keeps_its_input_line():
    for fmt in ("md", "text", "html", "json"):
        out = render_briefing([OLD], fmt, VI)
        assert "Nguồn gốc" not in out and '"url"' not in out and "<a href" not in out
        assert OLD.article.path in out


def test_a_long_url_is_one_unbroken_line_of_text():
    long_url = "https://example.vn/" + "chuyen-muc/" * 12 + "bai-viet-rat-dai-1234567.html"
    out = render_briefing([make_digest("Bài dài", path=long_url)], "text", VI)
    assert f"Nguồn gốc: {long_url}" in out.splitlines()
