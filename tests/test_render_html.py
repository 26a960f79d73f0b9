"""The HTML briefing in a real browser: headless Chromium lays the page out 375 px wide
(a phone) and a script reports what it rendered: every title visible, nothing wider
than the screen.

Chromium won't open a window narrower than 500 px, so the page is shown in a 375 px
iframe (srcdoc: same origin, so the script can look inside).
Without Chromium the test is skipped, except under CI, where it must run.
"""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from digest.model import Article, Digest
from digest.render import render_article, render_briefing
from tests.conftest import ROOT, SEEDS, TEST_MODEL, installed_digest
from tests.render_digests import BOTH, EN, OLD, VI, full_digest, make_digest

PHONE_WIDTH = 375
RESULT_ID = "digest-layout-check"

MEASURE_SCRIPT = """
window.addEventListener("load", () => {
  const win = document.getElementById("page").contentWindow;
  const doc = win.document;
  const width = win.innerWidth;
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = win.getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility === "visible" && style.display !== "none"
      && parseFloat(style.opacity) > 0 && box.left >= 0 && box.right <= width + 0.5;
  };
  const tooWide = [...doc.body.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .map((el) => el.tagName + ": " + el.textContent.slice(0, 60));
  const headings = [...doc.querySelectorAll("h1, h2")].map((h) => ({
    level: h.tagName, text: h.textContent, visible: visible(h),
  }));
  document.getElementById("RESULT_ID").textContent = JSON.stringify({
    viewport: width,
    scrollWidth: doc.documentElement.scrollWidth,
    tooWide: tooWide,
    headings: headings,
    fontSize: parseFloat(win.getComputedStyle(doc.body).fontSize),
    lang: doc.documentElement.lang,
  });
});
""".replace("RESULT_ID", RESULT_ID)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and Path("/usr/bin/chromium").exists():
        found = "/usr/bin/chromium"
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, and under CI the browser test must run (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium); CI runs this test")
    return found


def render_briefing_html(tmp_path: Path, *args) -> Path:
    page = tmp_path / "briefing.html"
    with open(page, "wb") as out:
        completed = subprocess.run([installed_digest(), str(SEEDS), "--format", "html", "--no-stories", *map(str, args)],
                                   cwd=ROOT, stdout=out, stderr=subprocess.PIPE)
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    return page


def measure_in_browser(page: Path, tmp_path: Path) -> dict:
    """Open the page 375 px wide in headless Chromium and return what the script measured."""
    wrapper = tmp_path / "phone.html"
    wrapper.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body style='margin:0'>"
        f"<iframe id='page' style='width:{PHONE_WIDTH}px;height:4000px;border:0' "
        f"srcdoc=\"{html.escape(page.read_text('utf-8'), quote=True)}\"></iframe>"
        f"<pre id='{RESULT_ID}'></pre><script>{MEASURE_SCRIPT}</script></body></html>",
        encoding="utf-8",
    )
    command = [
        chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=800,4200", "--virtual-time-budget=10000", "--dump-dom", wrapper.as_uri(),
    ]
    completed = subprocess.run(command, capture_output=True, timeout=120)
    dom = completed.stdout.decode("utf-8")
    found = re.search(rf'<pre id="{RESULT_ID}">(.*?)</pre>', dom, re.S)
    assert found and found.group(1), (
        f"chromium gave no measurement (exit {completed.returncode}): "
        f"{completed.stderr.decode('utf-8', 'replace')[-2000:]}"
    )
    return json.loads(html.unescape(found.group(1)))


def title_marker(record: dict) -> str:
    """The quality-flag marker a heading shows after a flagged English title."""
    from digest.qa import Flag
    from digest.render.common import flag_marker

    return flag_marker([Flag(f["kind"], f["detail"]) for f in record.get("flags", []) if f["where"] == "title"])


def seed_titles(*args) -> list[str]:
    completed = subprocess.run([installed_digest(), str(SEEDS), "--format", "json", *map(str, args)],
                               cwd=ROOT, capture_output=True, check=True)
    articles = json.loads(completed.stdout.decode("utf-8"))["articles"]
    return [(a.get("title_en") or a["title"]) + title_marker(a) for a in articles]


def assert_readable_on_a_phone(layout: dict, titles: list[str]) -> None:
    assert layout["viewport"] == PHONE_WIDTH
    assert layout["scrollWidth"] <= PHONE_WIDTH, layout["tooWide"]
    assert layout["tooWide"] == []
    assert layout["fontSize"] >= 16
    article_headings = [h for h in layout["headings"] if h["level"] == "H2"]
    assert [h["text"] for h in article_headings] == titles
    assert all(h["visible"] for h in layout["headings"]), layout["headings"]


def test_vietnamese_briefing_shows_every_title_and_fits_375_px(tmp_path):
    page = render_briefing_html(tmp_path, "--lang", "vi")
    layout = measure_in_browser(page, tmp_path)
    assert layout["lang"] == "vi"
    assert_readable_on_a_phone(layout, seed_titles("--lang", "vi"))
    assert layout["headings"][0]["level"] == "H1" and "5 articles" in layout["headings"][0]["text"]


def test_english_briefing_with_overlong_words_still_fits_375_px(tmp_path):
    # The tiny test model babbles words of a hundred letters: the worst case for a narrow screen.
    args = ("--lang", "en", "--model", TEST_MODEL)
    page = render_briefing_html(tmp_path, *args)
    layout = measure_in_browser(page, tmp_path)
    assert layout["lang"] == "en"
    assert_readable_on_a_phone(layout, seed_titles(*args))


def test_page_is_self_contained(tmp_path):
    page = render_briefing_html(tmp_path, "--lang", "vi", "--explain").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta name="viewport"' in page and "<style>" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing fetched from elsewhere
    assert "<script" not in page


def test_text_is_escaped():
    article = Article(path="<x>.txt", title="<script>alert('Hà Nội')</script> & co", paragraphs=[])
    page = render_briefing([Digest(article, ["Giá tăng <5%> & \"mạnh\"."])], "html", VI)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;Hà Nội&#x27;)&lt;/script&gt; &amp; co" in page
    assert "Giá tăng &lt;5%&gt; &amp; &quot;mạnh&quot;." in page


def test_single_article_page_is_titled_by_the_article(tmp_path):
    out = tmp_path / "out"
    completed = subprocess.run([installed_digest(), str(SEEDS), "--lang", "vi", "--format", "html", "--out", str(out)],
                               cwd=ROOT, capture_output=True)
    assert completed.returncode == 0, completed.stderr
    pages = sorted(out.glob("*.html"))
    assert len(pages) == 5
    for page in pages:
        text = page.read_text("utf-8")
        title = re.search(r"<title>(.*?)</title>", text).group(1)
        assert f"<h1>{title}</h1>" in text and "Bản tin" not in title


def test_both_languages_mark_each_vietnamese_text_and_its_english():
    page = render_article(OLD, "html", BOTH)
    assert '<h1><span lang="vi">Bài năm 2020</span> <span class="en">2020 story</span></h1>' in page
    assert ('<li><span lang="vi">Câu tóm tắt của bài Bài năm 2020.</span> '
            '<span class="en">Summary of 2020 story.</span></li>') in page
    full = render_article(full_digest(), "html", BOTH)
    assert ('<p><span lang="vi">Câu một.</span> <span class="en">One.</span>'
            '<span lang="vi">Câu hai.</span> <span class="en">Two.</span></p>') in full


def test_english_page_marks_only_the_vietnamese_standing_in_for_a_translation():
    page = render_briefing([OLD, make_digest("Không dịch")], "html", EN)
    assert '<html lang="en">' in page
    assert "<h2>2020 story</h2>" in page and "<li>Summary of 2020 story.</li>" in page
    assert '<h2><span lang="vi">Không dịch</span></h2>' in page
    assert "<p>One. Two.</p><p>Three.</p>" in render_article(full_digest(), "html", EN)


def test_article_page_title_is_the_article_title():
    page = render_article(OLD, "html", BOTH)
    assert "<title>Bài năm 2020 / 2020 story</title>" in page
