"""Pages built to be slow: markup that costs libxml2 more than linear time is cut down
before it is parsed, and the page's article still comes out."""
from __future__ import annotations

import time

import pytest

from digest.html import extract_article
from digest.html.tree import MAX_ATTRIBUTES, _few_attributes, parse
from digest.model import Source

_PARAGRAPH = "<p>Chiều nay, đoàn công tác của thành phố đã kiểm tra tiến độ thi công tại công trường cầu vượt số {n}.</p>"
_FORMS = {
    "spaced": lambda i: f' a{i}="x"',
    "glued after a quote": lambda i: f'b{i}="x"' if i else ' b0="x"',
    "quotes holding > and <": lambda i: f" c{i}='x>y<z'",
    "bare names": lambda i: f" d{i}",
    "unquoted values": lambda i: f"\ne{i}=v{i}",
}


def _page(form, attributes: int) -> str:
    attrs = "".join(form(i) for i in range(attributes))
    body = "".join(_PARAGRAPH.format(n=n) for n in range(4))
    return f"<html><head><title>Tiêu đề</title></head><body><article class='content'{attrs}>{body}</article></body></html>"


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        article = extract_article(Source(path="a.html", text=text, kind="html"))
        best = min(best, time.process_time() - start)
        assert len(article.paragraphs) == 4
    return best


@pytest.mark.parametrize("form", list(_FORMS), ids=list(_FORMS))
def test_a_tag_with_many_attributes_costs_linear_time(form):
    """4x the attributes: about 4x the time at most (libxml2's own check is quadratic: 16x)."""
    small, large = _seconds(_page(_FORMS[form], 5_000)), _seconds(_page(_FORMS[form], 20_000))
    assert large < 8 * small + 0.05, (small, large)


def test_a_tag_keeps_its_first_attributes_and_the_page_its_markup():
    attrs = "".join(f' data-x{i}="{i}"' for i in range(MAX_ATTRIBUTES * 3))
    text = f"<html><body><div class='sapo' id='a'{attrs}>Chào</div><p title='x > y'>Tin</p></body></html>"
    root = parse("p.html", text)
    div = root.find(".//div")
    assert div.get("class") == "sapo" and div.get("id") == "a"
    assert len(div.attrib) == MAX_ATTRIBUTES
    assert div.text == "Chào"
    assert root.find(".//p").get("title") == "x > y"


def test_a_page_with_ordinary_tags_is_left_as_it_is():
    text = _page(_FORMS["spaced"], 40) + "<p a='1' b=2 c>x</p>"
    assert _few_attributes(text) is text
