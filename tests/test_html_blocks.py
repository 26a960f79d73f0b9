"""digest.html.blocks: a block element read as text blocks, from the page's own tree."""
from __future__ import annotations

import lxml.html

from digest.html.blocks import LOCATION, preamble_blocks, read_blocks
from digest.html.tree import drop_unreadable, parse

LONG = "Một đoạn văn dài của bài báo, đủ dài để là văn bản của bài chứ không phải chú thích ảnh."


def _main(body: str) -> lxml.html.HtmlElement:
    root = parse("t.html", f"<html><body>{body}</body></html>")
    drop_unreadable(root)
    return root.body[0]


def _read(body: str) -> list[tuple[str, str | None]]:
    return [(b.text, b.why) for b in read_blocks(_main(body))]


def test_paragraphs_lines_and_inline_markup():
    blocks = _read(f"<div><p>{LONG}</p><p>Dòng một<br>dòng <b>hai</b></p></div>")
    assert blocks == [(LONG, None), ("Dòng một", None), ("dòng hai", None)]


def test_an_empty_list_item_holds_nothing_after_it():
    # Serialized, lxml writes an empty <li> without its end tag; read from the tree, the
    # paragraph after it is not inside it (nor in the related-links widget it names).
    blocks = _read(f'<div><p>{LONG}</p><li class="related"></li><p>{LONG} Hết.</p></div>')
    assert (f"{LONG} Hết.", None) in blocks


def test_structural_reasons():
    blocks = dict(_read(
        f"<div><p>{LONG}</p><figure><img src='a.jpg'><figcaption>Ảnh chụp cảnh sông</figcaption></figure>"
        f"<div class='share'>Chia sẻ bài viết</div><ul><li><a href='/1'>Tin một khác</a></li>"
        f"<li><a href='/2'>Tin hai khác</a></li></ul><p>{LONG} Còn nữa.</p></div>"
    ))
    assert blocks["Ảnh chụp cảnh sông"].startswith("photo caption (marked")
    assert blocks["Chia sẻ bài viết"].startswith("page widget (div.share")
    assert blocks["Tin một khác"] == "list of related-article links"
    assert blocks[f"{LONG} Còn nữa."] is None


def test_location_stamp_glued_to_the_sapo():
    blocks = _read(f'<div><p><span class="location-stamp">Hà Nội</span>Ông An cho biết. {LONG}</p></div>')
    assert blocks[0] == ("Hà Nội", LOCATION)
    assert blocks[1][0].startswith("Ông An cho biết.")


def test_short_line_under_a_lone_picture_is_its_caption():
    blocks = dict(_read(f"<div><p>{LONG}</p><p><img src='a.jpg'></p><p>Lực lượng chức năng tại hiện trường.</p>"
                        f"<p>{LONG} Tiếp.</p></div>"))
    assert blocks["Lực lượng chức năng tại hiện trường."] == "photo caption (the short line under a picture)"


def test_text_after_the_block_belongs_to_it():
    root = parse("t.html", f"<html><body><div><p>{LONG}</p></div>Sau khối.</body></html>")
    assert [b.text for b in read_blocks(root.body[0])] == [LONG, "Sau khối."]


def test_sapo_between_headline_and_main_block():
    root = parse("t.html", f"<html><body><h1>Tiêu đề</h1><h2 class='sapo'>Sapo của bài báo nói ngắn gọn điều đã xảy ra hôm nay.</h2>"
                           f"<div id='main'><p>{LONG}</p></div></body></html>")
    anchor, main = root.body[0], root.body[2]
    blocks = preamble_blocks(root, anchor, main)
    assert [(b.text, b.sapo) for b in blocks] == [("Sapo của bài báo nói ngắn gọn điều đã xảy ra hôm nay.", True)]
