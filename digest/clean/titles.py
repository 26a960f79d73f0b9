"""Headlines: the article's own, and those of other articles set above or inside it.

- the headline opens a text dump, unless the crawl lost it: a location kicker
  ("Bình Dương") above the headline is not the title, a first line that is a sentence
  (the lede) is not one, and a headline-shaped line with a caption under it is an
  embedded video's title or a related link, not the title (then the title is ""); nor
  are related headlines a crawl joined on one line ("A / B");
- headline-shaped lines in a row are related articles: two right under the lede (where
  the box sits), or three anywhere in a text laid out in paragraphs (_headline_runs);
  inside a related-headlines box, a headline-shaped line is one of its headlines.
"""
from __future__ import annotations

import re

from digest import dates
from digest.clean.bylines import _is_name_line
from digest.clean.captions import _caption
from digest.clean.shapes import _is_capitalized, _key, _words
from digest.clean.state import Line, _State
from digest.clean.widgets import _ARROW_LINK, _BRACKET_LINK, _widget, is_breadcrumb


def _take_title(lines: list[Line], state: _State) -> list[Line]:
    """A text dump opens with its headline, unless the crawl lost it: a location kicker
    ('Bình Dương') printed above the headline is not the title, a first line that is a
    sentence (the lede) is not one, and neither is a headline-shaped line that a caption
    follows (an embedded video's title or a related-article link)."""
    rest = list(lines)
    if len(rest) > 1 and _is_kicker(rest[0].text, rest[1].text):
        state.drop(rest[0], f"location or section kicker above the headline '{rest[0].text}'")
        rest = rest[1:]
    first = rest[0]
    following = rest[1].text if len(rest) > 1 else ""
    if not _is_title_shaped(first.text):
        return rest  # no headline: the text starts with the article itself
    parts = [part.strip() for part in _HEADLINE_JOIN.split(first.text)]
    if _JOINED_HEADLINES.search(first.text) and all(len(_words(part)) >= 4 for part in parts):
        state.drop(first, "related-article headlines joined above the text (the crawl lost the headline)")
        return rest[1:]
    if following and _caption(following) and not dates.parse_dateline(following):
        state.drop(first, "related-article or video headline above the text (the crawl lost the headline)")
        return rest[1:]
    state.title = first.text
    return rest[1:]


def _is_headline_shaped(text: str) -> bool:
    """A related headline: short, no full stop at the end."""
    return len(_words(text)) <= 30 and not re.search(r"[.!]\s*$", text)


def _is_kicker(text: str, following: str) -> bool:
    """A place or section name printed above the headline: 'Bình Dương', 'Thế giới', or the
    breadcrumb of sections ('Trang chủ » Thế giới', 'Thời sự > Giao thông'). A short line of
    ordinary words ('Giá vàng tăng') is a kicker only when a headline follows it; a place
    name (every word capitalized) is one whatever follows."""
    if text.endswith(":") and 1 <= len(text[:-1].split()) <= 4 and all(
        _is_capitalized(word) for word in text[:-1].split()
    ):
        return True  # the dateline's place on a line of its own: "Quảng Bình:"
    words = text.split()
    if 1 <= len(words) <= 3 and _is_capitalized(text) and not re.search(r"[^\w\s]|\d", text):
        return all(_is_capitalized(word) for word in words) or _is_title_shaped(following)
    return is_breadcrumb(text)


def _is_title_shaped(text: str) -> bool:
    """A headline: a few words to a long line, not a finished sentence, not a caption,
    stamp, widget or link."""
    words = _words(text)
    if not 3 <= len(words) <= 35 or re.search(r"(?<!\.)\.\s*$", text):
        return False
    if dates.parse_dateline(text) or _widget(_key(text), text) or _caption(text):
        return False
    if _CONNECTIVE_OPENING.match(text):
        return False  # "Theo đó, ..." carries on from a sentence before it: a headline never does
    return not (_BRACKET_LINK.match(text) or _ARROW_LINK.match(text))


# A sentence that carries on from the one before: "Theo đó,", "Tuy nhiên,", "Ngoài ra,".
_CONNECTIVE_OPENING = re.compile(
    r"^(?:theo đó|tuy nhiên|ngoài ra|bên cạnh đó|trong khi đó|đồng thời|cụ thể|trước đó|sau đó|do đó"
    r"|vì vậy|vì thế|như vậy|mặt khác|hiện nay|trong đó)\s*,", re.I
)
# Headlines of related articles that a crawl joined on one line: "A / B".
_JOINED_HEADLINES = re.compile(r"\S\s+/\s+\S")
_HEADLINE_JOIN = re.compile(r"(?<!\s)\s+/\s+")  # from the start of a run of spaces only: linear


def _headline_runs(lines: list[Line], in_paragraphs: bool) -> set[int]:
    """Headline-shaped lines in a row: the related articles an outlet sets right under
    the lede (Tuổi Trẻ), or three or more between paragraphs of a text laid out in paragraphs. A crosshead stands
    alone; list items are short, numbered or bulleted."""
    def related(text: str) -> bool:
        return (
            5 <= len(_words(text)) <= 25
            and text[:1].isupper()
            and not re.search(r"[.!?:;…\"”'’)»]\s*$", text)
            and not _is_name_line(text)
            and _caption(text) is None
            and dates.parse_dateline(text) is None
        )

    runs: set[int] = set()
    run: list[Line] = []
    for index, line in enumerate([*lines, Line(0, "")]):
        if related(line.text):
            run.append(line)
            continue
        # two right under the lede (where the box sits), or three anywhere: two headline-
        # shaped lines further down may be a crosshead and a caption
        under_lede = index - len(run) == 1
        if (len(run) >= 3 and in_paragraphs) or (len(run) >= 2 and under_lede):
            runs.update(id(item) for item in run)
        run = []
    return runs
