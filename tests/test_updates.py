"""An edited article between two `--new` runs (issue 24's "Done when"): the second briefing
holds its story once, says "1 updated", shows the changed sentence, and the story summary
can pick it; the other articles are marked as briefed before."""
from __future__ import annotations

import json
import os

import pytest

from digest.model import Changes
from tests.conftest import run_digest
from tests.live_server import paragraphs, serve

# Five outlets' reports of one event: the same names, numbers and place.
EVENT = [
    ("Bão Yagi đổ bộ Quảng Ninh, 3 người thiệt mạng",
     "Bão Yagi đổ bộ vào Quảng Ninh chiều 7/9 với sức gió giật cấp 16. Ban Chỉ đạo phòng chống thiên tai "
     "tỉnh Quảng Ninh cho biết 3 người thiệt mạng và hàng nghìn ngôi nhà bị tốc mái. Bão Yagi là cơn bão "
     "mạnh nhất đổ bộ vào Quảng Ninh trong nhiều năm."),
    ("Quảng Ninh thiệt hại nặng sau bão Yagi",
     "Sau khi bão Yagi đổ bộ vào Quảng Ninh, nhiều tuyến phố ở Hạ Long ngập sâu và cây đổ la liệt. "
     "Tỉnh Quảng Ninh ghi nhận 3 người thiệt mạng do bão Yagi. Lực lượng cứu hộ đang khắc phục hậu quả."),
    ("Bão Yagi quật đổ cây cối ở Hạ Long, Quảng Ninh",
     "Bão Yagi với sức gió giật cấp 16 quật đổ hàng nghìn cây xanh ở Hạ Long, Quảng Ninh. "
     "Chính quyền Quảng Ninh xác nhận 3 người thiệt mạng trong bão Yagi. Điện lưới nhiều nơi bị cắt."),
    ("Quảng Ninh khắc phục hậu quả bão Yagi",
     "Quảng Ninh huy động lực lượng khắc phục hậu quả bão Yagi sau khi bão đổ bộ chiều 7/9. "
     "Bão Yagi làm 3 người thiệt mạng tại Quảng Ninh. Nhiều trường học ở Hạ Long cho học sinh nghỉ."),
    ("Thủ tướng chỉ đạo ứng phó bão Yagi ở Quảng Ninh",
     "Thủ tướng chỉ đạo tỉnh Quảng Ninh tập trung ứng phó và khắc phục hậu quả bão Yagi. "
     "Bão Yagi đổ bộ Quảng Ninh chiều 7/9 khiến 3 người thiệt mạng. Các lực lượng quân đội hỗ trợ người dân."),
]
ADDED = "Đến sáng 8/9, số người thiệt mạng do bão Yagi tại Quảng Ninh tăng lên 4 người."


def feed(base: str, edited: bool) -> str:
    items = []
    for number, (title, text) in enumerate(EVENT, start=1):
        if edited and number == 2:
            text = text + " " + ADDED
        items.append(f"<item><title>{title}</title><link>{base}/bai-{number}.html</link>"
                     f"<pubDate>Sat, 07 Sep 2024 {10 + number}:00:00 +0700</pubDate>"
                     f"<content:encoded><![CDATA[{paragraphs(text)}]]></content:encoded></item>")
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Báo Thử</title>'
            f"<link>{base}/</link>{''.join(items)}</channel></rss>")


@pytest.fixture
def site():
    yield from serve()


def test_an_edited_article_of_a_five_article_story_comes_back_saying_what_changed(site):
    env = {"DIGEST_DATA_DIR": os.environ["DIGEST_DATA_DIR"], "NO_PROXY": "*"}
    args = (site.url("/feed.xml"), "--lang", "vi", "--new", "--delay", "0")
    site.page("/feed.xml", feed(site.url(""), edited=False), "application/rss+xml")
    first = run_digest(*args, "--format", "json", env=env)
    assert first.returncode == 0, first.stderr.decode()
    [story] = json.loads(first.stdout)["stories"]
    assert len(story["articles"]) == 5

    site.page("/feed.xml", feed(site.url(""), edited=True), "application/rss+xml")
    second = run_digest(*args, "--format", "json", env=env)
    assert second.returncode == 0, second.stderr.decode()
    briefing = json.loads(second.stdout)
    [story] = briefing["stories"]  # the story once
    assert len(story["articles"]) == 5
    updated = [a for a in briefing["articles"] if a.get("updated")]
    assert [a["url"] for a in updated] == [site.url("/bai-2.html")]
    assert updated[0]["changes"] == {"added": [ADDED], "removed": 0}
    assert ADDED in story["summary"]  # the story summary can pick the new sentence
    assert sum(line["briefed_before"] for line in story["timeline"]) == 4

    # The same edit once more, as Markdown: the header says "1 updated", the sentence shows.
    site.page("/feed.xml", feed(site.url(""), edited=False), "application/rss+xml")
    back = run_digest(*args, env=env)  # back to the old text: updated again, one sentence gone
    assert back.returncode == 0 and "1 câu đã bỏ" in back.stdout.decode(), back.stdout.decode()
    site.page("/feed.xml", feed(site.url(""), edited=True), "application/rss+xml")
    shown = run_digest(*args, env=env)
    text = shown.stdout.decode()
    header = text.splitlines()[0]
    assert "1 updated" in header and "4 briefed before" in header and "1 story" in header, header
    assert ADDED in text.split("Mới hoặc đã sửa từ lần điểm tin trước", 1)[1]
    # nothing changed since: nothing to send
    again = run_digest(*args, env=env)
    assert (again.returncode, again.stdout) == (0, b"")


def test_changes_are_sentences_added_and_removed_whitespace_aside():
    before = [Changes.sentence_key(s) for s in ["Câu một.", "Câu  hai.", "Câu ba."]]
    now = ["Câu một.", "Câu hai.", "Câu ba đã sửa.", "Câu bốn."]
    assert Changes.between(before, now) == Changes(["Câu ba đã sửa.", "Câu bốn."], 1)
    assert Changes.between([Changes.sentence_key(s) for s in now], now) == Changes([], 0)


def test_the_feed_items_title_date_and_author_fill_what_the_page_lacks(site):
    """A page with no title, date or author of its own, reached through an RSS item that has
    them: the item's fill in, and --explain says they came from the feed; a page's own wins."""
    env = {"DIGEST_DATA_DIR": os.environ["DIGEST_DATA_DIR"], "NO_PROXY": "*"}
    body = paragraphs(EVENT[0][1])
    site.page("/bare.html", f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><article>{body}"
                            "</article></body></html>")
    site.page("/own.html", "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Tiêu đề của trang</title>"
                           "<meta property='article:published_time' content='2024-09-06T09:00:00+07:00'></head>"
                           f"<body><article><h1>Tiêu đề của trang</h1>{body}</article></body></html>")
    items = "".join(f"<item><title>Tiêu đề trong RSS {n}</title><link>{site.url(path)}</link>"
                    f"<author>Minh Anh</author><pubDate>Sat, 07 Sep 2024 20:15:00 +0700</pubDate></item>"
                    for n, path in ((1, "/bare.html"), (2, "/own.html")))
    site.page("/feed.xml", f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Thử'
                           f"</title><link>{site.url('/')}</link>{items}</channel></rss>", "application/rss+xml")
    done = run_digest(site.url("/feed.xml"), "--lang", "vi", "--delay", "0", "--format", "json", "--no-stories",
                      env=env)
    assert done.returncode == 0, done.stderr.decode()
    by_url = {a["url"]: a for a in json.loads(done.stdout)["articles"]}
    bare, own = by_url[site.url("/bare.html")], by_url[site.url("/own.html")]
    assert (bare["title"], bare["date"], bare["author"]) == ("Tiêu đề trong RSS 1", "2024-09-07T20:15", "Minh Anh")
    assert bare["from_feed"] == ["title", "date", "author"]
    assert (own["title"], own["date"]) == ("Tiêu đề của trang", "2024-09-06T09:00")
    assert own["from_feed"] == ["author"]
    explained = run_digest(site.url("/feed.xml"), "--lang", "en", "--lang", "vi", "--delay", "0", "--explain",
                           "--no-stories", env=env)
    assert "Lấy từ mục tin của nguồn RSS (trang không ghi):** tiêu đề, ngày, tác giả" in explained.stdout.decode()


def test_a_vietnamese_digest_gives_every_reason_of_the_test_pages_in_vietnamese():
    """Every reason the cleaner gives on the seeds and the test pages reads as Vietnamese in a
    `--lang vi --explain` digest (the page's words it quotes aside)."""
    import re

    from digest import core
    from digest.render.common import reason
    from tests.conftest import FIXTURES, SEEDS

    pages = sorted(SEEDS.glob("*.txt")) + sorted((FIXTURES / "pages").rglob("*.htm*"))
    reasons = set()
    for path in pages:
        try:
            article = core.extract_article(core.read_input(path))
        except Exception:  # a test page that holds no article gives no reason
            continue
        reasons.update(r.why for r in article.removed)
    assert len(reasons) >= 10, reasons
    english = re.compile(r"\b(caption|byline|related|headline|widget|metadata|article|title|paragraph|lede|credit|"
                         r"tags?|dateline|photo|share|page|section|box|links?|after|above|under|repeated)\b")
    for why in reasons:
        # the page's own words (quoted) and markup (div.article-tags) stay as they are
        said = re.sub(r"'[^']*'|\b[a-z0-9]+\.[\w.-]+", "", reason(why, "vi"))
        assert not english.search(said), (why, reason(why, "vi"))
        assert reason(why, "en") == why


def test_explain_names_a_subfolder_that_is_not_read(tmp_path):
    import shutil

    folder = tmp_path / "news"
    (folder / "older").mkdir(parents=True)
    from tests.conftest import SEEDS

    seed = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(seed, folder)
    shutil.copy(seed, folder / "older")
    explained = run_digest(folder, "--lang", "vi", "--explain")
    assert explained.returncode == 0, explained.stderr.decode()
    assert f"{folder / 'older'}: skipped, a folder".encode() in explained.stderr
    quiet = run_digest(folder, "--lang", "vi")
    assert quiet.returncode == 0 and quiet.stderr == b""
