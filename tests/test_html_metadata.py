"""digest.html.metadata: what a page's head and dateline say about its article."""
from __future__ import annotations

from digest.html.metadata import page_dateline, page_metadata
from digest.html.tree import parse


def _meta(head: str, body: str = ""):
    return page_metadata(parse("t.html", f"<html><head>{head}</head><body>{body}</body></html>"))


def test_headline_confirmed_by_the_title_and_the_outlet_named_as_an_editor_would():
    meta = _meta('<title>Giá vàng tăng mạnh - VnExpress Kinh doanh</title>', "<h1>Giá vàng tăng mạnh</h1>")
    assert (meta.title, meta.site) == ("Giá vàng tăng mạnh", "VnExpress")
    meta = _meta('<meta property="og:title" content="Giá xăng giảm | Báo Dân trí">'
                 '<meta property="og:site_name" content="Báo Thanh Niên">')
    assert (meta.title, meta.site) == ("Giá xăng giảm", "Thanh Niên")


def test_published_time_in_vietnam_time_and_the_first_usable_stamp():
    meta = _meta('<meta property="article:published_time" content="2024-03-02T02:15:00Z">')
    assert meta.date == "2024-03-02T09:15"
    meta = _meta("", '<span itemprop="datePublished" content="không rõ"></span><time datetime="2022-04-07T10:05">x</time>')
    assert meta.date == "2022-04-07T10:05"


def test_author_is_a_person_not_the_outlet_or_cms():
    assert _meta('<meta name="author" content="baodantridientu">', '<div class="author">Minh Hà</div>').author == "Minh Hà"
    assert _meta('<meta name="author" content="Báo VnExpress">').author is None


def test_credit_in_the_page_header():
    assert _meta("", '<div class="source">Theo Pháp luật & Bạn đọc</div>').credit == "Pháp luật & Bạn đọc"
    assert _meta("", '<div class="source">theo dõi chúng tôi</div>').credit is None


def test_dateline_nearest_the_headline():
    root = parse("t.html", "<html><body><p>01/01/2020</p><div>a</div><div>b</div><h1>Tiêu đề</h1><p>Thứ Ba, 25/12/2012 - 10:03</p>"
                           "<div>x</div><div>y</div><div>z</div><p>02/02/2021</p></body></html>")
    assert page_dateline(root, root.body[3]) == "2012-12-25T10:03"
    assert page_dateline(root, None) == "2020-01-01"
