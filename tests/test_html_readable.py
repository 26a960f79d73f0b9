"""digest.html.readable: readability-lxml on the page's tree decides as stock readability does."""
from __future__ import annotations

import copy
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from readability import Document
from readability.readability import clean as readability_clean

from digest.html import readable, tree
from digest.sources import InputRef, read_source

PAGES = Path(__file__).parent / "fixtures" / "pages"


def _texts(summary: str) -> list[str]:
    fragment = lxml.html.fragment_fromstring(summary, create_parent="div")
    return [" ".join(e.text_content().split()) for e in fragment.iter("p", "h1", "h2", "h3", "li", "td", "div")]


def _root(markup: str, path: str = "t.html"):
    root = tree.parse(path, markup)
    tree.drop_unreadable(root)
    return root


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.html")))
def test_same_texts_as_stock_readability_on_every_fixture_page(name):
    path = PAGES / name
    root = _root(read_source(InputRef(str(path), path)).text, name)
    try:
        expected = _texts(Document(copy.deepcopy(root)).summary(html_partial=True))
    except Exception:
        expected = None
    try:
        got = _texts(readable.TreeDocument(root).summary(html_partial=True))
    except Exception:
        got = None
    assert got == expected


def test_the_tree_it_reads_is_a_copy():
    root = _root('<html><body><div hidden>ẩn</div><div class="sidebar">Bên lề</div>'
                 + "<p>Một đoạn văn đủ dài để readability chọn làm nội dung chính của bài.</p>" * 5 + "</body></html>")
    before = lxml.html.tostring(root)
    readable.TreeDocument(root).summary(html_partial=True)
    assert lxml.html.tostring(root) == before


def test_block_test_without_serializing_agrees_with_the_markup_search():
    root = _root('<html><body><div><span>a <b title="<p>">b</b></span></div><div><span>c<img src="x"></span></div>'
                 "<div><a href='/'>d</a> e</div><div><em>f</em><dl><dt>g</dt></dl></div></body></html>")
    holds = readable._block_holders(root)
    for div in root.iter("div"):
        markup = str(b"".join(lxml.html.tostring(child, encoding="utf-8") for child in div))
        searched = bool(readable.REGEXES["divToPElementsRe"].search(markup))
        assert any(readable._holds_block(child, holds) for child in div) == searched


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "\n", "\r", "\u00a0", "\u3000", "a", "b", "  " * 70]), max_size=60).map("".join))
def test_linear_clean_is_readabilitys_clean(text):
    assert readable._clean(text) == readability_clean(text)
