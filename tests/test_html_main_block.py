"""digest.html.main_block: where the article is, and its headline."""
from __future__ import annotations

from digest.html import main_block
from digest.html.tree import drop_unreadable, parse

PARAGRAPH = "<p>Một đoạn văn dài của bài báo kể lại sự việc đã xảy ra, đủ dài để được tính là văn bản.</p>"


def _root(body: str):
    root = parse("t.html", f"<html><head><title>Tiêu đề bài</title></head><body>{body}</body></html>")
    drop_unreadable(root)
    return root


def test_the_article_block_not_the_sidebar():
    root = _root(f"<div id='menu'><a href='/'>Trang chủ</a></div><div id='article'>{PARAGRAPH * 6}</div>"
                 "<div id='side'><p>Quảng cáo ngắn.</p></div>")
    main = main_block.find_main_block(root, 2000)
    assert main is not None and main.get("id") == "article"


def test_density_rule_when_readability_is_skipped(monkeypatch):
    monkeypatch.setattr(main_block, "READABILITY_MAX_CHARS", 10)
    root = _root(f"<div id='a'>{PARAGRAPH}</div><div id='b'>{PARAGRAPH * 3}</div>")
    assert main_block.find_main_block(root, 2000).get("id") == "b"


def test_no_text_block_no_main_block():
    assert main_block.find_main_block(_root("<div><a href='/'>Trang chủ</a></div>"), 100) is None


def test_headline_before_the_block_and_what_comes_before_it_inside():
    root = _root(f"<div id='article'><div class='crumbs'>Thời sự</div><h1>Tiêu đề bài</h1>{PARAGRAPH * 3}</div>")
    main = root.body[0]
    anchor = main_block.headline_before(root, main, "Tiêu đề bài")
    assert anchor is not None and anchor.tag == "h1"
    main_block.drop_before(anchor, main)
    assert main[0] is anchor
