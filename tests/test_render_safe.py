"""What a page or feed writes is shown as text in every format: no Markdown or HTML it
holds becomes markup, no link but an http(s) one is made, and no control character or
bidirectional control in it reaches a terminal (it may reach JSON, escaped, as data)."""
from __future__ import annotations

import email
import html
import json
import re
import shutil
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.model import Article, Digest, RemovedLine, Story, TimelineLine, TranslatedText, Translation
from digest.render import RenderOptions, render_article, render_briefing, render_story
from digest.render.common import printable, web_link
from digest.render.markdown import code_span, escape, heading_end, line_start
from digest.render.options import MailOptions
from tests.conftest import run_digest
from tests.render_digests import BOTH, RUN_DATE, VI
from tests.render_digests import digest_stdout as run_stdout

pytest_plugins = ["tests.conftest_translate"]

# Markdown and HTML that would be markup if written raw: a tag with a handler, links
# with a javascript: target (inline, autolink, reference), code, emphasis, an entity,
# a table cell, an attribute list (Python-Markdown's attr_list), a heading's closing #.
TITLE = ('Tin <img src="x" onerror="alert(1)"> và [bấm](javascript:alert(1)) <javascript:alert(2)> '
         '`mã` *nghiêng* __đậm__ _gạch_ a\\b &copy; AT&T | {: onclick="x"} số #')
# Each would start a block of another kind at the start of a line.
SENTENCES = ["- [x](javascript:alert(3)) <script>alert(4)</script> đầu dòng.",
             "1. Một | hai | ba.", "=====", "~~~ rào", "# Không phải tiêu đề", "+ cộng",
             "> trích [r]: javascript:alert(5)", "[ref]: javascript:alert(6)", "```js"]
# A URL that would end the autolink early and carry an attribute into the page.
URL = 'https://bao.example.vn/tin "x" <img src=x onerror=alert(7)>`?q=1&r=<b>'
# What a terminal acts on: ESC (colour, cursor, window title), BEL, CSI as one C1 byte, DEL,
# and the bidirectional controls that reorder what follows.
CONTROLS = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x7f\u202e\u2066\u200f\u061c"
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def hostile_digest(path: str = URL, english: bool = True) -> Digest:
    article = Article(path=path, title=TITLE, paragraphs=SENTENCES, author="<b>Tác giả</b> *x*",
                      source="[Báo](javascript:alert(8))", date="2024-05-03",
                      removed=[RemovedLine(line=3, text="Tin `liên` ``quan`` <b>", why="related <i>news</i>")])
    translation = None
    if english:
        translation = Translation(
            model="vi_en <script>", title=TranslatedText(TITLE, "News " + TITLE),
            summary=[TranslatedText(s, "- en " + s) for s in SENTENCES],
            paragraphs=[[TranslatedText(s, "+ " + s) for s in SENTENCES]])
    return Digest(article=article, summary=list(SENTENCES), translation=translation)


def hostile_story() -> Story:
    first, second = hostile_digest(), hostile_digest(path="b.txt")
    timeline = [TimelineLine(input=d.article.path, date=d.article.date, partial_date=None,
                             outlets=["<b>Báo</b>", "[x](javascript:alert(9))"], text=SENTENCES[0])
                for d in (first, second)]
    return Story(id="s1", title=TITLE, articles=[first, second], outlets=["<b>Báo</b>", "*Tuổi Trẻ*"],
                 timeline=timeline, summary=list(SENTENCES), reason=["- a.txt <b>grouped</b> with [b](javascript:x)"])


def unescaped(markdown_text: str) -> str:
    """The text a CommonMark reader shows for escaped Markdown text: backslash escapes
    and entities resolved."""
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown_text))


class Page(HTMLParser):
    """A page as a browser reads it: its tags and attributes, and its text."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.texts: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.texts).split())

    def check_harmless(self) -> None:
        for tag, attrs in self.tags:
            assert tag not in ("img", "script", "iframe", "b", "i", "table"), tag
            for name, value in attrs:
                assert not name.startswith("on"), (tag, name)
                if name in ("href", "src"):
                    assert re.match(r"https?://", value or ""), (tag, name, value)


def words(text: str) -> str:
    return " ".join(printable(text).split())


# --- Markdown ---------------------------------------------------------------------------


@pytest.mark.parametrize("options", [VI, BOTH, replace(VI, explain=True)], ids=["vi", "both", "explain"])
def test_markdown_shows_hostile_text_as_its_characters(options):
    md = render_article(hostile_digest(), "md", options)
    lines = md.splitlines()
    # the title, unescaped as a reader would, is the title: nothing of it became markup
    shown_title = unescaped(lines[0].removeprefix("# ")).split(" / ")[0]
    assert shown_title == TITLE
    # no raw HTML and no autolink but ours: every "<" is an entity but the link's own (and
    # those in --explain's code span, where nothing is markup)
    text = "\n".join(line for line in lines if not line.startswith("- dòng 3: "))
    assert re.findall(r"<[^>]*>", text) == [f"<{web_link(URL)}>"]
    # no link can start: every "[" but the flag marker's is escaped
    assert not re.search(r"(?<!\\)\[(?!⚠)", md.replace("\\\\", "")), md
    # no text line starts a block of another kind
    for line in lines:
        body = re.sub(r"^(- |  |> )", "", line)
        if line.startswith(("#", "**", "---")) or not body:
            continue
        assert not re.match(r"([-+#>]|[0-9]+[.)]|=+$|~~~|```|<|\[|\s{4})", body), line


def test_markdown_code_span_holds_backticks_and_tags():
    md = render_article(hostile_digest(), "md", replace(VI, explain=True))
    assert "- dòng 3: related &lt;i&gt;news&lt;/i&gt;: ```Tin `liên` ``quan`` <b>```" in md


def test_markdown_link_is_percent_encoded_and_only_http():
    md = render_article(hostile_digest(), "md", VI)
    link = "https://bao.example.vn/tin%20%22x%22%20%3Cimg%20src=x%20onerror=alert(7)%3E%60?q=1&r=%3Cb%3E"
    assert f"- **Nguồn gốc:** <{link}>" in md
    for path in ("javascript:alert(1)", "data:text/html,<script>x</script>", "file:///etc/passwd"):
        out = render_article(hostile_digest(path=path), "md", VI)
        assert "Nguồn gốc" not in out and f"- **Tệp:** {escape(path)}" in out
        assert "<javascript" not in out and "<data" not in out and "<file" not in out


def test_markdown_escapes_only_what_would_be_markup():
    # Vietnamese prose keeps its parentheses, dots, dashes and intraword underscores
    prose = "Hà Nội (TTXVN) - Sáng 3.5, Bộ Y tế cho biết: 12 ca mới, tăng 5%! Tệp seeds/000_6c83.txt."
    assert escape(prose) == prose
    assert escape("a*b_ [c] <d> `e` \\ | {f} &amp; & _g_") == (
        "a\\*b\\_ \\[c\\] &lt;d&gt; \\`e\\` \\\\ \\| \\{f\\} &amp;amp; & \\_g\\_")
    assert line_start("- x") == "\\- x" and line_start("+ x") == "\\+ x" and line_start("# x") == "\\# x"
    assert line_start("2024. Năm") == "2024\\. Năm" and line_start("1) một") == "1\\) một"
    assert line_start("===") == "&#61;==" and line_start("~~~ x") == "&#126;~~ x"
    assert line_start("    mã") == "mã" and line_start("Năm 2024. Hà Nội") == "Năm 2024. Hà Nội"
    assert heading_end("Ngôn ngữ C#") == "Ngôn ngữ C\\#" and heading_end("Tin ##") == "Tin \\#\\#"
    assert code_span("a`b") == "``a`b``" and code_span("`x`") == "`` `x` ``" and code_span("a\\") == "` a\\ `"


def test_markdown_story_escapes_outlets_timeline_and_reasons():
    story = hostile_story()
    md = render_story(story, "md", replace(VI, explain=True))
    md += render_briefing(story.articles, "md", replace(BOTH, explain=True), [story])
    outside_code = "\n".join(line for line in md.splitlines() if not line.startswith("- line 3: "))
    assert "<b>" not in outside_code and "](javascript" not in md.replace("\\](javascript", "")
    assert "- **Báo đưa tin:** &lt;b&gt;Báo&lt;/b&gt;, \\*Tuổi Trẻ\\*" in md
    assert "- 2024-05-03 — &lt;b&gt;Báo&lt;/b&gt;, \\[x\\](javascript:alert(9)): - \\[x\\](javascript:alert(3))" in md
    assert "- \\- a.txt &lt;b&gt;grouped&lt;/b&gt; with \\[b\\](javascript:x)" in md


def _commonmark_pages(md: str) -> list[str]:
    pages = []
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        pass
    else:
        pages += [MarkdownIt("commonmark").render(md),
                  MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)]
    try:
        import markdown
    except ImportError:
        pass
    else:  # Python-Markdown reads "\|" as "|" only with its tables extension
        pages.append(markdown.markdown(md, extensions=["tables", "attr_list", "def_list", "fenced_code"]))
    if not pages:
        pytest.skip("no Markdown renderer installed (markdown-it-py or Markdown)")
    return pages


@pytest.mark.parametrize("options", [VI, BOTH, replace(VI, explain=True)], ids=["vi", "both", "explain"])
def test_markdown_renders_to_harmless_html_with_the_original_text(options):
    digest = hostile_digest()
    story = hostile_story()
    md = (render_briefing([digest], "md", options) + "\n"
          + render_briefing(story.articles, "md", replace(options, explain=True), [story]))
    for page in _commonmark_pages(md):
        parsed = Page(page)
        parsed.check_harmless()
        hrefs = [value for _, attrs in parsed.tags for name, value in attrs if name == "href"]
        assert hrefs and all(href == web_link(URL) for href in hrefs), hrefs
        for text in [TITLE, *SENTENCES, "<b>Tác giả</b> *x*", "[Báo](javascript:alert(8))"]:
            assert words(text) in parsed.text, (text, page)


# --- HTML, text, eml --------------------------------------------------------------------


@pytest.mark.parametrize("options", [VI, BOTH, replace(VI, explain=True)], ids=["vi", "both", "explain"])
def test_html_escapes_everything_and_links_only_http(options):
    story = hostile_story()
    for page in (render_briefing([hostile_digest()], "html", options),
                 render_briefing(story.articles, "html", options, [story]),
                 render_story(story, "html", options)):
        parsed = Page(page)
        parsed.check_harmless()
        assert words(TITLE) in parsed.text and words(SENTENCES[0]) in parsed.text
    page = render_article(hostile_digest(), "html", VI)
    assert f'<a href="{html.escape(web_link(URL) or "")}">' in page
    assert "<a " not in render_article(hostile_digest(path="javascript:alert(1)"), "html", VI)


def test_no_format_links_a_url_that_is_not_http():
    assert web_link("javascript:alert(1)") is None and web_link("JaVaScRiPt:x") is None
    assert web_link("data:text/html,x") is None and web_link("vbscript:x") is None and web_link("//x.vn") is None
    assert web_link("HTTPS://x.vn/a b") == "HTTPS://x.vn/a%20b"
    assert web_link("https://x.vn/đường") == "https://x.vn/%C4%91%C6%B0%E1%BB%9Dng"
    assert web_link("https://x.vn/a%20b?c=1#d") == "https://x.vn/a%20b?c=1#d"  # its own escapes kept
    digest = hostile_digest(path="javascript:alert(1)")
    for fmt in ("md", "text", "html"):
        out = render_briefing([digest], fmt, VI)
        assert "Nguồn gốc" not in out and "href" not in out


# --- control characters -----------------------------------------------------------------


def control_digest() -> Digest:
    article = Article(path=f"https://x.vn/a{CONTROLS}b", title=f"Tin {CONTROLS}nóng\nmới",
                      paragraphs=[f"Câu {CONTROLS}một."], author=f"An{CONTROLS}", source=f"Báo{CONTROLS}",
                      removed=[RemovedLine(line=1, text=f"bỏ{CONTROLS}", why=f"lý do{CONTROLS}")])
    translation = Translation(model=f"m{CONTROLS}", title=TranslatedText(article.title, f"Hot{CONTROLS} news"),
                              summary=[TranslatedText(f"Câu {CONTROLS}một.", f"One{CONTROLS}.")])
    return Digest(article=article, summary=[f"Câu {CONTROLS}một."], translation=translation)


@pytest.mark.parametrize("fmt", ["md", "text", "html", "eml"])
@pytest.mark.parametrize("lang", ["vi", "en", "both"])
def test_no_control_character_reaches_the_output(fmt, lang):
    options = RenderOptions(lang=lang, explain=True, run_date=RUN_DATE, mail=MailOptions(to="me@example.org"))
    story = Story(id="s1", title=f"Chuyện {CONTROLS}", articles=[control_digest()], outlets=[f"Báo{CONTROLS}"],
                  timeline=[TimelineLine(input=control_digest().article.path, date=None, partial_date=None,
                                         outlets=[f"Báo{CONTROLS}"], text=f"Dòng {CONTROLS}")],
                  summary=[f"Tóm {CONTROLS}"], reason=[f"vì {CONTROLS}"])
    outputs = [render_briefing([control_digest()], fmt, options),
               render_briefing(story.articles, fmt, options, [story])]
    if fmt == "eml":
        outputs = [part.get_payload(decode=True).decode() for out in outputs
                   for part in email.message_from_string(out).walk() if not part.is_multipart()]
    for out in outputs:
        assert not HIDDEN.search(out), repr(HIDDEN.search(out))
        assert "]0;pwned" in out and ("nóng" in out or lang == "en")  # the text around the controls stays
    if fmt == "text" and lang != "en":
        assert "Tin ]0;pwned[2J31mnóng mới" in outputs[0]  # a newline in a title is a space


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_keeps_controls_as_data_escaped(fmt):
    out = render_briefing([control_digest()], fmt, VI)
    assert not HIDDEN.search(out)
    assert "\\u001b]0;pwned\\u0007" in out and "\\u202e" in out and "\\u009b" in out and "\\u007f" in out
    record = json.loads(out)["articles"][0] if fmt == "json" else json.loads(out.splitlines()[0])
    assert record["title"] == f"Tin {CONTROLS}nóng\nmới" and record["author"] == f"An{CONTROLS}"


def test_a_pages_entities_for_controls_never_reach_stdout(tmp_path):
    page = tmp_path / "bai.html"
    page.write_text(
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        "<title>Tin &#27;]0;pwned&#7; nóng &#x202E;cba&#x202C; &#x9b;31m &lt;img src=x onerror=alert(1)&gt;</title>"
        "</head><body><article><h1>Tin &#27;]0;pwned&#7; nóng &#x202E;cba&#x202C; &#x9b;31m "
        "&lt;img src=x onerror=alert(1)&gt;</h1>"
        "<p>Hà Nội &#27;[2J hôm nay &lt;script&gt;alert(2)&lt;/script&gt; công bố kế hoạch mới về giao thông "
        "công cộng cho thành phố trong năm tới, theo Sở Giao thông Vận tải.</p>"
        "<p>Kế hoạch gồm *nhiều* tuyến xe buýt _mới_ và [một](javascript:alert(3)) tuyến đường sắt đô thị, "
        "dự kiến hoàn thành vào cuối năm sau.</p></article></body></html>", encoding="utf-8")
    for fmt in ("md", "text", "html"):
        out = run_stdout(page, "--lang", "vi", "--format", fmt)
        assert not HIDDEN.search(out), (fmt, repr(HIDDEN.search(out)))
        assert "]0;pwned nóng cba" in out and "alert(1)" in out, out
        if fmt == "md":  # (plain text shows a tag as it is: nothing reads it as markup)
            assert "<img" not in out and "<script" not in out and "](javascript" not in out.replace("\\](", "")
        if fmt == "html":
            Page(out).check_harmless()


# --- digest model -----------------------------------------------------------------------


def test_model_list_and_install_escape_a_hostile_package_name(test_package_dir, translate_env, tmp_path):
    from digest.commands.model import model as model_cli
    from digest.translate.models import packages_dir

    hostile = "vi_en\x1b]0;pwned\x07\u202e"
    target = packages_dir() / f"evil\x1b[31m\u202e{hostile[:2]}"
    shutil.copytree(test_package_dir, target)
    metadata = target / "metadata.json"
    meta = json.loads(metadata.read_text(encoding="utf-8"))
    metadata.write_text(json.dumps({**meta, "name": hostile, "package_version": "1\x1b[2J"}), encoding="utf-8")
    listing = CliRunner().invoke(model_cli, ["list"])
    assert listing.exit_code == 0, listing.output
    assert not HIDDEN.search(listing.output.replace("\n", "")), repr(listing.output)
    assert "evil\\x1b[31m\\u202evi" in listing.output and "1\\x1b[2J" in listing.output

    package = tmp_path / "package"
    shutil.copytree(target, package)
    archive = Path(shutil.make_archive(str(tmp_path / "evil"), "zip", tmp_path, "package"))
    installed = CliRunner().invoke(model_cli, ["install", "--from", str(archive)])
    assert installed.exit_code == 0, installed.output
    assert not HIDDEN.search(installed.output.replace("\n", "")), repr(installed.output)
    assert "vi_en\\x1b]0;pwned\\x07\\u202e" in installed.output


def test_glossary_suggest_prints_no_control_character_from_a_page(tmp_path):
    page = tmp_path / "trang.html"
    sentence = ("Ông Nguyễn Văn An&#27;[31m, Giám đốc Sở Y tế tỉnh Quảng Nam&#x202E;, cho biết bệnh viện "
                "đã tiếp nhận thêm nhiều ca bệnh trong tuần qua.")
    page.write_text(f"<html><head><title>Tin y tế</title></head><body><article><h1>Tin y tế Quảng Nam</h1>"
                    f"<p>{sentence}</p><p>{sentence}</p></article></body></html>", encoding="utf-8")
    for fmt in ("csv", "text"):
        result = run_digest("glossary", "suggest", page, "--format", fmt)
        assert result.returncode == 0, result.stderr
        out = result.stdout.decode("utf-8")
        assert "Quảng Nam" in out
        assert "\x1b" not in out and "\u202e" not in out
